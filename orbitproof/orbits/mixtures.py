"""Orbit counts of a finite mixture of point masses D = Σ_k w_k δ_{r_k} (docs/math.md §1.5, §2.1, §4.1).

P22 Def 3.2 with Θ = 𝔇_any (the quantifier of P22 Conjecture D.13, reading F2 of docs/math.md §9.3):
the orbit S_d·D is the *set* of distinct distributions φ·D = Σ_k w_k δ_{φ·r_k}, and each is
compared through

    f(X | D) = Σ_k w_k · g(X | r_k),

where g is the comparison rule's per-reward value:

* ``max``          — g = max_{x∈X} x·r, so f(X|D) = E_D[max_X x·r];
* ``is-optimal``   — g = [max_X x·r ≥ max_C x·r], so f(X|D) = p_D(X ≥ C) (P22 Def D.4);
* ``frac-optimal`` — g = (number of C's maximisers in X) / (number of C's maximisers).

For a point mass (one component) the counts are those of :func:`orbitproof.orbits.count_orbit`.
Options must have no Blackwell layers (gain or discounted semantics).

Two engines that must agree exactly (tests cross-check them):

* ``reference`` — the definition: apply every φ ∈ S_d, keep the distinct φ·D, evaluate f from
  :func:`orbitproof.core.optionset.option_value`;
* ``exact`` — integers: weights scaled to a common denominator, g(B|r) − g(A|r) cached per permuted
  reward, and every φ ∈ S_d counted once; the distinct φ·D arises from exactly |Stab(D)| of them
  (φ·D = D iff φ maps each r_k to a component of the same weight), so the counts over S_d are
  |Stab(D)| times the counts over the orbit.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import permutations
from math import factorial, lcm
from operator import itemgetter
from typing import Any

from ..core.limits import COMPARE_NAMES
from ..core.errors import FormatError, OptionSetError, TooLargeError
from ..core.exact import format_fraction, parse_vector, to_fraction, to_fractions
from ..core.optionset import OptionSet, option_value
from .rules import parse_rule

__all__ = ["Mixture", "parse_mixture", "normalize_mixture", "mixture_to_json", "count_mixture",
           "MIXTURE_LIMIT"]

#: Largest d! the engines enumerate (d ≤ 8).
MIXTURE_LIMIT = 40_320

#: A mixture: ((w_1, r_1), …, (w_k, r_k)) with Fractions, w_k > 0, Σ w_k = 1, the r_k different
#: (as returned by :func:`normalize_mixture`).
Mixture = tuple[tuple[Fraction, tuple[Fraction, ...]], ...]


def normalize_mixture(components: Sequence[tuple[Any, Sequence[Any]]], d: int | None = None) -> Mixture:
    """Validate ``[(w, r), ...]``: exact positive weights summing to 1, rewards of one length
    (``d`` if given).  A reward listed twice is one component (its weights are added: the same
    distribution).  Floats are refused like everywhere else."""
    out = []
    for k, comp in enumerate(components):
        try:
            w, r = comp
        except (TypeError, ValueError):
            raise FormatError(f"mixture component {k + 1}: expected (weight, reward)") from None
        wf = to_fraction(w, f"mixture weight {k + 1}")
        if wf <= 0:
            raise FormatError(f"mixture weight {k + 1} must be positive, got {format_fraction(wf)}")
        rf = tuple(to_fractions(list(r), f"mixture reward {k + 1}"))
        out.append((wf, rf))
    if not out:
        raise FormatError("a mixture needs at least one component")
    dims = {len(r) for _, r in out}
    if len(dims) != 1 or (d is not None and dims != {d}):
        raise FormatError(f"mixture rewards must all have {d if d is not None else 'the same number of'} entries")
    total = sum(w for w, _ in out)
    if total != 1:
        raise FormatError(f"mixture weights sum to {format_fraction(total)}, not 1")
    merged: dict = {}
    for w, r in out:
        merged[r] = merged.get(r, Fraction(0)) + w
    return tuple((w, r) for r, w in merged.items())


def parse_mixture(text: str, d: int | None = None, coordinates: Sequence[str] | None = None) -> Mixture:
    """``"1/2:1,0,0;1/2:0,1,0"`` → ((1/2, (1,0,0)), (1/2, (0,1,0))): components separated by ``;``,
    each ``WEIGHT:REWARD`` with the reward as in ``--reward`` (comma-separated values, or
    ``name=value`` pairs when ``coordinates`` are given)."""
    comps = []
    for part in str(text).split(";"):
        if not part.strip():
            continue
        w, sep, r = part.partition(":")
        if not sep:
            raise FormatError(f"mixture component {part.strip()!r}: expected WEIGHT:REWARD, e.g. 1/2:1,0,0")
        vec = parse_vector(r, coordinates, field="mixture reward")
        if d is not None and len(vec) != d:
            raise FormatError(f"mixture reward {r.strip()!r} has {len(vec)} entries but there are {d} coordinates")
        comps.append((w.strip(), vec))
    return normalize_mixture(comps, d)


def mixture_to_json(mixture: Mixture) -> list[dict[str, Any]]:
    """The certificate form: ``[{"weight": "1/2", "reward": ["1", "0"]}, ...]``."""
    return [{"weight": format_fraction(w), "reward": [format_fraction(x) for x in r]} for w, r in mixture]


def _check_sets(A: OptionSet, B: OptionSet, C: OptionSet | None, compare: str, d: int) -> None:
    if compare not in COMPARE_NAMES:
        parse_rule(compare)  # P22's parametrised rules (boltzmann:T=…, satisfice:t=…, …) or one clear error
    if compare.startswith("boltzmann"):
        raise FormatError("mixtures of Boltzmann rules are not supported (their expectations are sums of "
                          "transcendental ratios; count point-mass rewards instead)")
    for S in (A, B) + ((C,) if C is not None else ()):
        if S.depth != 1:
            raise OptionSetError("mixtures need options without Blackwell layers (gain or discounted semantics)")
        if S.dimension != d:
            raise FormatError(f"the mixture's rewards have {d} entries, the options {S.dimension}")
    if factorial(d) > MIXTURE_LIMIT:
        raise TooLargeError(f"a mixture orbit is enumerated over all {factorial(d):,} permutations of {d} "
                            f"coordinates (limit {MIXTURE_LIMIT:,}, d ≤ 8)")


def _choice(A: OptionSet, B: OptionSet, C: OptionSet | None) -> tuple:
    return tuple(C.options) if C is not None else tuple(sorted(set(A.options) | set(B.options)))


def _g(X: set, Copts: tuple, compare: str, r: Sequence[Fraction]) -> Fraction:
    """g(X | r) straight from the definitions above."""
    if compare == "max":
        return max(option_value(o, r)[0] for o in X)
    if compare not in ("is-optimal", "frac-optimal"):  # P22's other rules: their own definitions
        return Fraction(parse_rule(compare).reference_value(tuple(X), tuple(Copts), r))
    vals = {o: option_value(o, r)[0] for o in Copts}
    top = max(vals.values())
    if compare == "is-optimal":
        return Fraction(int(max(option_value(o, r)[0] for o in X) >= top))
    best = [o for o, v in vals.items() if v == top]
    return Fraction(sum(1 for o in best if o in X), len(best))


def _reference(A: OptionSet, B: OptionSet, C: OptionSet | None, mixture: Mixture, compare: str) -> tuple:
    d = len(mixture[0][1])
    Copts = _choice(A, B, C)
    XA, XB = set(A.options), set(B.options)
    seen: set = set()
    b = a = t = 0
    for p in permutations(range(d)):
        elem = []
        for w, r in mixture:
            rp: list = [None] * d
            for i, x in enumerate(r):
                rp[p[i]] = x  # (φ·r)_{φ(i)} = r_i, docs/math.md §2.1
            elem.append((tuple(rp), w))
        key = frozenset(elem)
        if key in seen:
            continue
        seen.add(key)
        fa = sum((w * _g(XA, Copts, compare, r) for r, w in key), Fraction(0))
        fb = sum((w * _g(XB, Copts, compare, r) for r, w in key), Fraction(0))
        if fb > fa:
            b += 1
        elif fb < fa:
            a += 1
        else:
            t += 1
    return (b, a, t, len(seen))


def _exact(A: OptionSet, B: OptionSet, C: OptionSet | None, mixture: Mixture, compare: str) -> tuple:
    d = len(mixture[0][1])
    Copts = set(_choice(A, B, C)) if compare != "max" else set()
    XA, XB = set(A.options), set(B.options)
    U = sorted(Copts | XA | XB)
    oden = lcm(*(x.denominator for o in U for x in o[0]))
    rows = [tuple((i, int(x * oden)) for i, x in enumerate(o[0]) if x) for o in U]
    inA = [o in XA for o in U]
    inB = [o in XB for o in U]
    inC = [o in Copts for o in U]
    rden = lcm(*(x.denominator for _, r in mixture for x in r))
    wden = lcm(*(w.denominator for w, _ in mixture))
    comps = [(int(w * wden), tuple(int(x * rden) for x in r)) for w, r in mixture]
    weight_of = {r: w for w, r in comps}
    scale = lcm(*range(1, len(Copts) + 1)) if compare == "frac-optimal" else 1

    other = compare not in ("max", "is-optimal", "frac-optimal")

    def gap(r: tuple) -> int:
        """(g(B|r) − g(A|r)) · a positive constant (positive scalings preserve signs and sums)."""
        if other:  # P22's other rules: exact rational values (docs/rules.md), no integer shortcut
            rule = parse_rule(compare)
            Ct = tuple(sorted(Copts))
            rr = tuple(Fraction(x, rden) for x in r)  # comps hold r·rden; satisficing needs r
            return rule.reference_value(tuple(sorted(XB)), Ct, rr) - rule.reference_value(tuple(sorted(XA)), Ct, rr)
        vals = [sum(c * r[i] for i, c in row) for row in rows]
        ma = max(v for v, x in zip(vals, inA) if x)
        mb = max(v for v, x in zip(vals, inB) if x)
        if compare == "max":
            return mb - ma
        top = max(v for v, x in zip(vals, inC) if x)
        if compare == "is-optimal":
            return int(mb >= top) - int(ma >= top)
        k = sum(1 for v, x in zip(vals, inC) if x and v == top)
        nb = sum(1 for v, x, c in zip(vals, inB, inC) if x and c and v == top)
        na = sum(1 for v, x, c in zip(vals, inA, inC) if x and c and v == top)
        return (nb - na) * (scale // k)

    cache: dict = {}
    b = a = t = stab = 0
    for q in permutations(range(d)):
        get = itemgetter(*q) if d > 1 else (lambda r: r)
        tot = 0
        fixed = True
        for w, r in comps:
            rp = get(r)  # rp[j] = r[q[j]]: the image of r under the permutation q^{-1}
            g = cache.get(rp)
            if g is None:
                g = cache[rp] = gap(rp)
            tot += w * g
            if fixed and weight_of.get(rp) != w:
                fixed = False
        stab += fixed
        if tot > 0:
            b += 1
        elif tot < 0:
            a += 1
        else:
            t += 1
    return (b // stab, a // stab, t // stab, factorial(d) // stab)


def count_mixture(A: OptionSet | Sequence, B: OptionSet | Sequence, mixture: Any, *, C: OptionSet | Sequence | None = None,
                  compare: str = "max", engine: str = "exact") -> tuple[int, int, int, int]:
    """(#{φ·D : f(B) > f(A)}, #{f(A) > f(B)}, #{tie}, |S_d·D|) over the distinct elements of the
    orbit of the mixture D (see the module docstring for f).  ``mixture``: ``[(w, r), ...]`` or a
    string ``"1/2:1,0,0;1/2:0,1,0"``; ``C`` is used by is-optimal / frac-optimal (default A ∪ B)."""
    A = A if isinstance(A, OptionSet) else OptionSet.from_vectors(A)
    B = B if isinstance(B, OptionSet) else OptionSet.from_vectors(B)
    if C is not None and not isinstance(C, OptionSet):
        C = OptionSet.from_vectors(C)
    mix = parse_mixture(mixture, A.dimension) if isinstance(mixture, str) else normalize_mixture(mixture, A.dimension)
    compare = parse_rule(compare).name
    _check_sets(A, B, C if compare != "max" else None, compare, A.dimension)
    if compare == "max":
        C = None
    if engine == "reference":
        return _reference(A, B, C, mix, compare)
    if engine != "exact":
        raise FormatError(f"unknown mixture engine {engine!r} (exact, reference)")
    return _exact(A, B, C, mix, compare)


# ----------------------------------------------------------------------------- finite families
def mixture_family(values: Sequence[Any], weights: Sequence[Sequence[Any]], d: int):
    """The certificate family "mixtures" (docs/certificates.md), in the verifier's order: for each
    weight vector w_1 ≥ … ≥ w_k (as listed), every mixture Σ_j w_j δ_{r_j} of k pairwise different
    rewards r_j ∈ values^d with r_1 ascending and r_j > r_{j−1} (lexicographically) whenever
    w_j = w_{j−1}; r_1 runs over the ascending vectors, r_2, … over values^d, lexicographically.

    Every mixture of k different point masses with rewards in values^d and these weights has an
    element of its orbit here: permute so that, among the components of the largest weight, the
    one whose sorted vector is lexicographically least comes first, sorted; the other components of
    that weight are then larger than it, and equal-weight components can be listed in increasing
    order.  Yields ``Mixture`` tuples."""
    from itertools import combinations, combinations_with_replacement, product

    vals = sorted(set(to_fractions(list(values), "values")))
    asc = list(combinations_with_replacement(vals, d))
    allv = list(product(vals, repeat=d))
    wl = [tuple(to_fractions(list(w), "weights")) for w in weights]
    for ws in wl:
        if any(x <= 0 for x in ws) or sum(ws) != 1 or any(ws[k] < ws[k + 1] for k in range(len(ws) - 1)):
            raise FormatError(f"weight vector {[format_fraction(x) for x in ws]}: positive, non-increasing, sum 1")
        if len(ws) > len(allv):
            raise FormatError(f"{len(ws)} components but only {len(allv)} different rewards")

    def sizes_of(ws: tuple) -> list[int]:
        out, start = [], 0
        for j in range(1, len(ws) + 1):
            if j == len(ws) or ws[j] != ws[start]:
                out.append(j - start)
                start = j
        return out

    def rec(sizes: list[int], g: int, chosen: tuple):
        """Group g of equal weights: an increasing tuple of rewards (group 0 starts with r_1 ascending)."""
        if g == len(sizes):
            yield chosen
            return
        if g == 0:
            for r1 in asc:
                for rest in combinations([v for v in allv if v > r1], sizes[0] - 1):
                    yield from rec(sizes, 1, (r1, *rest))
            return
        for grp in combinations(allv, sizes[g]):
            if not any(v in chosen for v in grp):
                yield from rec(sizes, g + 1, chosen + grp)

    for ws in wl:
        for rs in rec(sizes_of(ws), 0, ()):
            yield tuple(zip(ws, rs))


def face_weights(k: int) -> list[tuple[Fraction, ...]]:
    """One weight vector w_1 ≥ … ≥ w_k > 0 (Σ = 1) in every face of the hyperplane arrangement
    {Σ_j ε_j w_j = 0 : ε ∈ {−1, 0, 1}^k} that meets the sorted open simplex, for k ≤ 3.

    Why: when every per-reward gap g(B|r) − g(A|r) lies in {−1, 0, 1} (the ``is-optimal`` rule),
    the sign of f(B|φ·D) − f(A|φ·D) = Σ_j w_j s_j is constant on each face, so these weights stand
    for every weight vector of a k-point mixture.  Proof that the 1/72-grid contains a point of
    every face (k = 3): a vertex solves a 3×3 system with rows in {−1,0,1}³ and (1,1,1), so its
    coordinates are integers over a determinant |det| ≤ 4, i.e. over a divisor of 12; an edge
    contains the midpoint of its end vertices (denominator | 24), a cell the centroid of three
    affinely independent vertices (| 36); 24 and 36 divide 72.  (k = 2: the vertex 1/2 and the
    midpoint 3/4 of the cell; 4 divides 72.)
    Faces are sorted by their representative (largest first)."""
    if not 1 <= k <= 3:
        raise FormatError("face weights are provided for mixtures of 1 to 3 point masses")
    from itertools import product

    N = 72
    eps = list(product((-1, 0, 1), repeat=k))
    found: dict = {}

    def rec(left: int, cap: int, parts: list):
        if len(parts) == k:
            if left == 0:
                yield tuple(parts)
            return
        for a in range(min(left, cap), 0, -1):
            yield from rec(left - a, a, parts + [a])

    cands = sorted(rec(N, N, []), key=lambda a: (lcm(*(Fraction(x, N).denominator for x in a)), [-x for x in a]))
    for a in cands:
        sig = tuple((s > 0) - (s < 0) for s in (sum(e * x for e, x in zip(ev, a)) for ev in eps))
        if sig not in found:
            found[sig] = tuple(Fraction(x, N) for x in a)
    return sorted(found.values(), reverse=True)
