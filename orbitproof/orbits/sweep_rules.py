"""The γ-sweep for P22's decision rules and for mixtures: which extra polynomials in γ can change a
verdict (docs/math.md §13.1, §7.5; docs/rules.md; docs/sweep.md).

:mod:`.sweep` collects, for every relevant pair of options f, f', the difference polynomials
(N_f − N_f')·r' and, for rules that count options, the γ where two functions coincide as vectors.
Per rule (A ∪ B ∪ C = the fork's functions over the common denominator D > 0, f = N_f/(D·s)):

* ``anti-optimal`` -- a function of min_X vs min_C: the order of the values (all pairs) suffices;
* ``quantilise:q=`` -- a function of the order of C's values and of |C|, |C_{>M}|, |C_{=M}| (merges
  of coinciding options change these): all pairs plus the coincidences;
* ``best-of:k=`` -- a function of the order of C's values and of how many options share each
  level: all pairs plus the coincidences;
* ``satisfice:t=`` -- a function of which options of C reach t, i.e. of the signs of
  f(γ)·r' − t: the **threshold polynomials** td·N_f·r'_int − tn·s·ρ·D (t = tn/td, r' = r'_int/ρ)
  for every f ∈ C and every distinct arrangement r' of the reward on f's support, plus the
  coincidences (|C_{≥t}| counts distinct options);
* ``boltzmann:T=`` -- refused: its comparisons are signs of sums of exp(f·r'/T), exponentials of
  rational functions of γ, whose zeros are not algebraic in general.

**Mixtures** D = Σ_k w_k δ_{r_k} (:mod:`.mixtures`): f(X|D) = Σ_k w_k g(X|r_k).  For every rule
but ``max`` each g(X|r_k) is piecewise constant with the breakpoints of the point reward r_k, so
the union over the components suffices.  For ``max`` g(X|r_k) = max_X x·r_k is a value, and the
sign of Σ_k w_k (max_B − max_A)(φ·r_k) changes where that weighted sum vanishes:
:func:`mixture_polynomials` first isolates the γ where any argmax within A or within B changes
(all pairs of A ∪ B, every component), and on each piece between them, where the maximisers
b_k(φ), a_k(φ) are fixed, adds the polynomial Σ_k W_k (N_{b_k} − N_{a_k})·φ·r_k (integer weights
W_k) for every distinct φ·D.

At an irrational breakpoint β the counts are taken at a rational surrogate γ* (see :mod:`.sweep`);
the surrogate there scales every option by the unknown positive number D(β)·s, which preserves
every comparison between options but not a comparison with an absolute threshold.  For
``satisfice`` :func:`absolute_surrogate` therefore refines β's isolating interval until every
reduced threshold polynomial (and D mod m) keeps one sign on it, and returns the vectors
(N_f mod m)(γ*)/(s·(D mod m)(γ*)), whose threshold comparisons are those of β exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from itertools import permutations
from math import factorial, gcd, lcm
from typing import Any

import flint

from ..core.errors import OptionSetError, TooLargeError
from .algebraic import RealRoot, fmpz_of, isolate_unit_roots, separate, simplest_between, unit_roots
from .multiset import counts_of, sub_arrangements
from .rules import ComparisonRule, parse_rule

__all__ = ["SWEEP_RULES", "check_sweep_rule", "extra_polynomials", "threshold_polynomials",
           "mixture_polynomials", "absolute_surrogate", "function_scale", "mixture_sweep"]

#: Rule families the γ-sweep supports (by the name before ":").
SWEEP_RULES = ("max", "is-optimal", "frac-optimal", "anti-optimal", "satisfice", "quantilise", "best-of")


def check_sweep_rule(rule: str | ComparisonRule) -> ComparisonRule:
    """The rule, or one clear error for rules whose breakpoints are not algebraic (Boltzmann)."""
    r = parse_rule(rule)
    family = r.name.partition(":")[0]
    if family == "boltzmann":
        raise OptionSetError("the γ-sweep does not support boltzmann: its comparisons are signs of sums of "
                             "exp(value/T), exponentials of rational functions of γ, so its breakpoints are not "
                             "roots of polynomials; count at single γ values with count --gamma instead")
    if family not in SWEEP_RULES:
        raise OptionSetError(f"the γ-sweep supports the rules {', '.join(SWEEP_RULES)}, not {r.name!r}")
    return r


# ----------------------------------------------------------------------------- rules
def _primitive(p: Sequence[int]) -> tuple[int, ...] | None:
    p = list(p)
    while p and p[-1] == 0:
        p.pop()
    if len(p) < 2:
        return None
    g = 0
    for c in p:
        g = gcd(g, c)
    s = g if p[-1] > 0 else -g
    return tuple(c // s for c in p)


def function_scale(prob) -> int:
    """s with f = N_f/(D·s) for every function of the sweep problem (read off one non-zero entry)."""
    half = Fraction(1, 2)
    D = sum(Fraction(c) * half**k for k, c in enumerate(prob.denominator))
    for f, N in zip(prob.functions, prob.numerators):
        value = f.at(half)
        for x, coeffs in zip(value, N):
            if x:
                n = sum(Fraction(c) * half**k for k, c in enumerate(coeffs))
                s = n / (D * x)
                assert s.denominator == 1 and s > 0
                return int(s)
    return 1


def threshold_polynomials(prob, *, max_work: int | None = None) -> list[tuple[int, ...]]:
    """satisfice:t= -- the distinct primitive threshold polynomials td·N_f·r'_int − tn·s·ρ·D over f ∈ C
    and the distinct arrangements r' of the reward on f's support (module docstring)."""
    t = Fraction(prob.rule.t)
    nz = [(x, xi) for x, xi in zip(prob.reward, prob.reward_int) if x]
    rho = Fraction(nz[0][1]) / nz[0][0] if nz else Fraction(1)
    s = function_scale(prob)
    values, counts = counts_of(prob.reward_int)
    D = list(prob.denominator)
    const = t.numerator * s * rho
    assert const.denominator == 1
    const_i = int(const)
    out: dict[tuple[int, ...], None] = {}
    work = 0
    from .sweep import arrangement_count

    for u in prob.ic:
        N = prob.numerators[u]
        supp = [i for i, row in enumerate(N) if any(row)]
        work += arrangement_count(counts, len(supp))
        if max_work is not None and work > max_work:
            raise TooLargeError(f"satisfice thresholds: more than {max_work:,} arrangements; raise --max-work")
        K = max([len(D), *(len(N[i]) for i in supp)])
        for arr in sub_arrangements(values, counts, len(supp)):
            acc = [0] * K
            for val, i in zip(arr, supp):
                if val:
                    for k, c in enumerate(N[i]):
                        acc[k] += t.denominator * val * c
            for k, c in enumerate(D):
                acc[k] -= const_i * c
            p = _primitive(acc)
            if p is not None:
                out.setdefault(p, None)
    return list(out)


def extra_polynomials(prob, *, max_work: int | None = None) -> list[tuple[int, ...]]:
    """Polynomials the rule adds to :func:`orbitproof.orbits.sweep.difference_polynomials` (which
    already covers every pair of options and, via ``coincidence_polynomials``, every merge):
    the threshold polynomials of ``satisfice``; nothing for the other rules."""
    if prob.rule.name.startswith("satisfice"):
        return threshold_polynomials(prob, max_work=max_work)
    return []


# ----------------------------------------------------------------------------- mixtures
def _value_at(prob, g: Fraction) -> list[list[Fraction]]:
    """N_f,i(g) for every function and coordinate."""
    out = []
    for N in prob.numerators:
        row = []
        for coeffs in N:
            v, x = Fraction(0), Fraction(1)
            for c in coeffs:
                v += c * x
                x *= g
            row.append(v)
        out.append(row)
    return out


def mixture_polynomials(probs: Sequence[Any], mixture: Sequence[tuple[Any, Sequence[Any]]], *,
                        max_work: int | None = None) -> list[tuple[int, ...]]:
    """Extra polynomials for a mixture (module docstring): none unless the rule is ``max``; for
    ``max`` the argmax changes within A and within B of every component, and on each piece between
    them the weighted sums Σ_k W_k (N_{b_k} − N_{a_k})·φ·r_k over the distinct φ·D."""
    from .sweep import coincidence_polynomials, difference_polynomials

    if not probs or probs[0].rule.name != "max":
        return []
    d = len(probs[0].coordinates)
    if factorial(d) > 40_320:
        raise TooLargeError(f"a mixture sweep enumerates all {factorial(d):,} permutations of {d} coordinates "
                            "(limit 40,320, d ≤ 8)")
    out: dict[tuple[int, ...], None] = {}
    argmax_polys: list[tuple[int, ...]] = []
    for prob in probs:
        ab = tuple(dict.fromkeys(prob.ia + prob.ib))
        both = replace(prob, ia=ab, ib=ab)
        polys, _ = difference_polynomials(both, max_work=max_work)
        argmax_polys += list(polys) + coincidence_polynomials(both)
    for p in argmax_polys:  # the pieces' own ends are breakpoints too
        out.setdefault(tuple(p), None)
    roots: list[RealRoot] = []
    for p in dict.fromkeys(argmax_polys):
        roots.extend(unit_roots(fmpz_of(p)))
    bps = separate(roots)
    wden = lcm(*(Fraction(w).denominator for w, _ in mixture))
    W = [int(Fraction(w) * wden) for w, _ in mixture]
    prob0 = probs[0]
    ia, ib = prob0.ia, prob0.ib
    ends = [None, *bps, None]
    for j in range(len(bps) + 1):
        g = simplest_between(Fraction(0) if ends[j] is None else ends[j].hi,
                             Fraction(1) if ends[j + 1] is None else ends[j + 1].lo)
        # the piece is (β_j, β_{j+1}); the isolating intervals of its ends are included (a superset)
        lo = Fraction(0) if ends[j] is None else ends[j].lo
        hi = Fraction(1) if ends[j + 1] is None else ends[j + 1].hi
        vals = _value_at(prob0, g)
        seen: set = set()
        for perm in permutations(range(d)):
            key = tuple(sorted((w, tuple(p.reward_int[perm[i]] for i in range(d))) for w, p in zip(W, probs)))
            if key in seen:
                continue
            seen.add(key)
            if max_work is not None and len(seen) * (len(bps) + 1) > max_work:
                raise TooLargeError(f"mixture sweep: more than {max_work:,} (piece, permutation) pairs; raise --max-work")
            acc: list[int] = []
            for w, p in zip(W, probs):
                r = [p.reward_int[perm[i]] for i in range(d)]
                best = {}
                for side, idx in (("b", ib), ("a", ia)):
                    best[side] = max(idx, key=lambda u: sum(vals[u][i] * r[i] for i in range(d) if r[i]))
                for i in range(d):
                    if not r[i]:
                        continue
                    x, y = prob0.numerators[best["b"]][i], prob0.numerators[best["a"]][i]
                    L = max(len(x), len(y))
                    if len(acc) < L:
                        acc += [0] * (L - len(acc))
                    for k in range(L):
                        acc[k] += w * r[i] * ((x[k] if k < len(x) else 0) - (y[k] if k < len(y) else 0))
            poly = _primitive(acc)
            if poly is not None:
                for rt in unit_roots(fmpz_of(poly)):
                    if not (rt.hi < lo or rt.lo > hi):  # a root inside this piece or on its ends
                        out.setdefault(poly, None)
                        break
    return list(out)


# ----------------------------------------------------------------------------- absolute values
def absolute_surrogate(prob, root: RealRoot, polys: Sequence[Sequence[int]] | None = None
                       ) -> tuple[Fraction, list[tuple[Fraction, ...]]]:
    """γ* and option vectors at γ* whose comparisons with each other *and with satisfice's threshold*
    are those at the irrational root β (module docstring).  ``polys`` are the threshold polynomials
    (default: :func:`threshold_polynomials` of ``prob``)."""
    from .sweep import surrogate_point

    m = root.flint()
    mq = flint.fmpq_poly(m)
    if polys is None:
        polys = threshold_polynomials(prob)
    reduced = []
    for p in list(polys) + [tuple(prob.denominator)]:
        q = flint.fmpq_poly(list(p)) % mq
        if q.degree() >= 0:
            den = lcm(*(int(c.q) for c in q.coeffs()))
            reduced.append(fmpz_of([int(c * den) for c in q.coeffs()]))
    r = root
    while True:
        if all(q.degree() < 1 or not isolate_unit_roots(q, r.lo, r.hi) and _nonzero_at(q, r.lo) and _nonzero_at(q, r.hi)
               for q in reduced):
            break
        r = r.bisect()
    g, _ = surrogate_point(prob, r)
    gq = flint.fmpq(g.numerator, g.denominator)
    Dv = (flint.fmpq_poly(list(prob.denominator)) % mq)(gq)
    assert Dv > 0
    s = function_scale(prob)
    vecs = []
    for N in prob.numerators:
        vec = []
        for coeffs in N:
            v = (flint.fmpq_poly([int(c) for c in coeffs]) % mq)(gq) if any(coeffs) else flint.fmpq(0)
            x = v / (Dv * s)
            vec.append(Fraction(int(x.p), int(x.q)))
        vecs.append(tuple(vec))
    return g, vecs


def _nonzero_at(q: flint.fmpz_poly, x: Fraction) -> bool:
    return q(flint.fmpq(x.numerator, x.denominator)) != 0


# ----------------------------------------------------------------------------- the mixture sweep
def mixture_sweep(env: Any, state: str, a: Any, b: Any, mixture: Any, *, compare: str | ComparisonRule = "max",
                  max_work: int | None = None, progress: bool = False):
    """The exact γ-sweep of the orbit counts of a mixture D = Σ w_k δ_{r_k} (:mod:`.mixtures`): the
    breakpoints of every component plus :func:`mixture_polynomials`; one
    :func:`~orbitproof.orbits.mixtures.count_mixture` per piece (at an irrational breakpoint on the
    surrogate vectors, as for point rewards).  Returns a :class:`~orbitproof.orbits.sweep.Sweep`
    whose ``problem`` is the first component's and whose ``stats["mixture"]`` is the mixture; no
    Blackwell counts (mixtures need options without layers)."""
    from ..core.optionset import OptionSet
    from ..core.progress import Progress
    from ..core.semantics import Discounted
    from .mixtures import count_mixture, normalize_mixture
    from .sweep import (DEFAULT_SWEEP_WORK, Piece, Sweep, coincidence_polynomials, difference_polynomials,
                        surrogate_point, sweep_problem)

    work = DEFAULT_SWEEP_WORK if max_work is None else max_work
    mix = normalize_mixture(mixture)
    rule = check_sweep_rule(compare)
    probs = [sweep_problem(env, state, a, b, r, rule) for _, r in mix]
    polys: list[tuple[int, ...]] = []
    thresholds: list[tuple[int, ...]] = []
    for prob in probs:
        ps, _ = difference_polynomials(prob, max_work=work)
        polys += list(ps) + coincidence_polynomials(prob)
        extra = extra_polynomials(prob, max_work=work)
        polys += extra
        thresholds += extra
    polys += mixture_polynomials(probs, mix, max_work=work)
    roots: list[RealRoot] = []
    factors: set[tuple[int, ...]] = set()
    for p in dict.fromkeys(polys):
        _, fl = fmpz_of(p).factor()
        for f, _e in fl:
            if f.degree() >= 1:
                cs = tuple(int(c) for c in f.coeffs())
                factors.add(tuple(-c for c in cs) if cs[-1] < 0 else cs)
    for cs in sorted(factors):
        roots.extend(unit_roots(fmpz_of(cs)))
    bps = separate(roots)
    prob0 = probs[0]
    norm = 0
    wden = lcm(*(w.denominator for w, _ in mix))
    for (w, _), p in zip(mix, probs):
        norm += int(w * wden) * max(1, sum(abs(x) for x in p.reward_int))
    sur = replace(prob0, reward_int=(norm,))

    def counts(vectors, sem, label):
        def side(idx, name):
            if not idx:
                return None
            vals = tuple(dict.fromkeys(vectors[u] for u in idx))
            return OptionSet(tuple((v,) for v in vals), prob0.coordinates, f"{name} at {label}", sem)

        A, B, C = side(prob0.ia, "A"), side(prob0.ib, "B"), side(prob0.ic, "C")
        return tuple(count_mixture(A, B, mix, C=C if rule.uses_choice_set else None, compare=rule.name))

    def at_rational(g: Fraction):
        return counts([f.at(g) for f in prob0.functions], Discounted(g), f"γ = {g}")

    def at_root(root: RealRoot):
        if getattr(rule, "absolute_values", False):
            g, vecs = absolute_surrogate(sur, root, thresholds)
        else:
            g, vecs = surrogate_point(sur, root)
        return g, counts(vecs, None, f"γ = {root}")

    pieces = []
    bar = Progress(total=2 * len(bps) + 1, label="sweep: counting pieces", quiet=not progress)
    with bar:
        lo = None
        for i in range(len(bps) + 1):
            hi = bps[i] if i < len(bps) else None
            g = simplest_between(Fraction(0) if lo is None else lo.hi, Fraction(1) if hi is None else hi.lo)
            pieces.append(Piece("interval", tuple(at_rational(g)), sample=g, lo=lo, hi=hi))
            bar.advance()
            if hi is not None:
                if hi.is_rational:
                    pieces.append(Piece("point", tuple(at_rational(hi.value)), sample=hi.value, point=hi))
                else:
                    gs, c = at_root(hi)
                    pieces.append(Piece("point", tuple(c), sample=gs, point=hi))
                bar.advance()
            lo = hi
    return Sweep(prob0, tuple(bps), tuple(pieces), tuple(dict.fromkeys(polys)), len(set(polys)), tuple(sorted(factors)),
                 None, {"mixture": mix})
