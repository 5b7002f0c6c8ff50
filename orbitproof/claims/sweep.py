"""Exact γ-sweeps of a claim: the set of γ ∈ (0, 1) where a named claim holds for one reward (or one
mixture) on an environment fork (docs/math.md §13.1 for the sweep, §4–§9 for the claims).

A claim's verdict at γ (``check CLAIM ENV ... --gamma γ``) is a function of two things:

* **the counts** of the reward (or mixture) under the claim's rule: piecewise constant on (0, 1),
  with breakpoints among the roots of the difference polynomials of :mod:`orbitproof.orbits.sweep`
  (one set per mixture component, plus the rule/mixture polynomials of
  :mod:`orbitproof.orbits.sweep_rules`);
* **the analysis** (hypotheses and x: copies φ·ND(A) ⊆ B, C-invariance, structure, ...).  It reads
  the option sets A(γ), B(γ), C(γ) only through (i) which coordinate values coincide -- every
  set equality φ·X = Y or inclusion φ·X ⊆ Y and every merge of two options is a conjunction of
  equalities f_u(γ)_i = f_v(γ)_j -- and (ii) non-domination, which is the same at every γ ∈ (0, 1)
  (P21 Lemma E.31, docs/math.md §1.4; every side of a fork is F(s) of the MDP with s restricted to
  that side's actions).  So the analysis can change only at a root of a *coordinate-coincidence*
  polynomial N_u,i − N_v,j (numerators over the common denominator of the sweep).

:func:`claim_sweep` isolates the roots in (0, 1) of both families, and decides the claim on every
open interval at its simplest rational point and at every rational breakpoint with :func:`check`
itself (the instance ``check`` builds at that γ).  At an irrational breakpoint β it uses the
sweep's rational *surrogate* point γ* (option vectors (N_f mod m)(γ*), see
:func:`orbitproof.orbits.sweep.surrogate_point`), at which every comparison of option values with
the reward (each component) has its sign at β:

* if β is no root of a coordinate-coincidence polynomial, the analysis is the one of the interval
  to its left (nothing it reads changes at β) and only the counts are taken at γ*;
* otherwise the analysis is run on the surrogate vectors, after checking that they have exactly the
  coincidence pattern of β (decided exactly: m divides N_u,i − N_v,j) and the non-dominated
  options of β (those of the neighbouring interval, Lemma E.31).  If either check fails the point is
  reported ``undecided`` rather than guessed.

Claims whose analysis does not look at γ (F10 reads its copies off gain optimality, F7 counts
non-dominated options) skip the coincidence polynomials.  The surrogate check fails when a dominated
option that lies on a face of the hull at every γ becomes a vertex at γ* (the identity that keeps it
on the face does not survive evaluation at γ*); such points are reported ``undecided``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from math import gcd, lcm
from typing import Any

import flint

from ..core.errors import OptionSetError, TooLargeError
from ..core.exact import format_fraction, to_fractions
from ..core.optionset import OptionSet
from ..core.semantics import Discounted
from ..mdp.environment import Environment
from ..mdp.io import resolve_environment
from ..mdp.nd import nondominated
from ..orbits.algebraic import RealRoot, piece_index, coeffs_of, fmpz_of, separate, simplest_between, unit_roots
from ..orbits.sweep import (
    DEFAULT_SWEEP_WORK,
    coincidence_polynomials,
    difference_polynomials,
    format_set,
    maximal_runs,
    surrogate_point,
    sweep_problem,
)
from ..orbits.sweep_rules import absolute_surrogate, extra_polynomials, mixture_polynomials
from .instance import instance_from_environment, instance_from_sets
from .registry import Analysis, Claim
from .verdict import Verdict, check, resolve_claim

__all__ = ["ClaimPiece", "ClaimSweep", "claim_sweep", "GAMMA_FREE_ANALYSIS", "DEFAULT_MAX_PIECES",
           "coincidence_pattern_polynomials"]

#: Pieces (intervals and breakpoints) a claim sweep decides, one ``check`` each, before it refuses.
DEFAULT_MAX_PIECES = 5_001

#: Claims whose analysis (hypotheses, x) does not depend on γ: F10 takes its copies from gain; F7
#: reads |ND(A)| and |ND(B)|, constant on (0, 1) (Lemma E.31; non-dominated options never coincide
#: with another option, P21 Lemma E.45).
GAMMA_FREE_ANALYSIS = frozenset({"F10", "F7"})


@dataclass(frozen=True)
class ClaimPiece:
    """One piece of (0, 1): an open interval (``lo``/``hi`` None mean 0/1) or a breakpoint ``point``;
    ``sample`` is the rational γ the verdict was computed at (the surrogate γ* at an irrational
    point); ``status`` is the verdict's status or ``"undecided"``."""

    kind: str
    status: str
    verdict: Verdict | None
    sample: Fraction
    lo: RealRoot | None = None
    hi: RealRoot | None = None
    point: RealRoot | None = None
    how: str = "check at a rational point"

    def to_dict(self, digits: int = 12) -> dict[str, Any]:
        v = self.verdict.to_dict() if self.verdict is not None else None
        base: dict[str, Any] = {"kind": self.kind, "status": self.status, "sample": format_fraction(self.sample),
                                "how": self.how}
        if self.kind == "point":
            assert self.point is not None
            base["point"] = self.point.to_dict() | {"decimal": self.point.decimal(digits)}
        else:
            base["lo"] = "0" if self.lo is None else self.lo.decimal(digits)
            base["hi"] = "1" if self.hi is None else self.hi.decimal(digits)
        if v is not None:
            for k in ("counts", "x", "hypotheses", "hypotheses_met", "inequality_holds", "robust"):
                base[k] = v[k]
        return base


@dataclass(frozen=True)
class ClaimSweep:
    """The claim's verdict as a function of γ ∈ (0, 1), piecewise constant (module docstring)."""

    claim: str
    form: str
    compare: str
    environment: str
    state: str
    a: tuple[str, ...]
    b: tuple[str, ...]
    reward: Any
    breakpoints: tuple[RealRoot, ...]
    pieces: tuple[ClaimPiece, ...]
    count_breakpoints: int
    hypothesis_breakpoints: int
    stats: dict = field(default_factory=dict, compare=False)

    def where(self, statuses: str | Sequence[str] = "holds") -> list:
        """Runs (lo, lo_closed, hi, hi_closed) of consecutive pieces whose status is in ``statuses``
        (the format of :meth:`orbitproof.orbits.sweep.Sweep.where`)."""
        want = {statuses} if isinstance(statuses, str) else set(statuses)
        return maximal_runs(self.pieces, lambda piece: piece.status in want)

    def holds_set(self) -> list:
        """The exact set of γ ∈ (0, 1) where the claim holds (status ``holds``)."""
        return self.where("holds")

    def status_at(self, gamma: Any) -> str:
        """The status of the piece containing the rational γ."""
        return self.locate(gamma).status

    def locate(self, gamma: Any) -> ClaimPiece:
        return self.pieces[piece_index(self.breakpoints, gamma)]

    def statuses(self) -> dict[str, str]:
        """Each status that occurs, with its exact set of γ as text."""
        seen = list(dict.fromkeys(p.status for p in self.pieces))
        return {s: format_set(self.where(s)) for s in seen}

    def to_dict(self, digits: int = 12) -> dict[str, Any]:
        from .verdict import jsonable

        reward = self.reward
        if reward and isinstance(reward[0], tuple):
            rj = [{"weight": format_fraction(w), "reward": [format_fraction(x) for x in r]} for w, r in reward]
        else:
            rj = [format_fraction(x) for x in reward]
        return {
            "claim": self.claim, "form": self.form, "compare": self.compare, "environment": self.environment,
            "state": self.state, "a": list(self.a), "b": list(self.b), "reward": rj,
            "holds_for": format_set(self.holds_set()),
            "holds_for_decimal": format_set(self.holds_set(), digits),
            "statuses": self.statuses(),
            "breakpoints": [bp.to_dict() | {"decimal": bp.decimal(digits)} for bp in self.breakpoints],
            "count_breakpoint_candidates": self.count_breakpoints,
            "hypothesis_breakpoint_candidates": self.hypothesis_breakpoints,
            "pieces": [jsonable(p.to_dict(digits)) for p in self.pieces],
        }


# ----------------------------------------------------------------------------- polynomials
def coincidence_pattern_polynomials(numerators: Sequence[Sequence[Sequence[int]]], *,
                                    max_work: int | None = DEFAULT_SWEEP_WORK) -> list[tuple[int, ...]]:
    """The distinct primitive non-zero differences N_u,i − N_v,j of the distinct coordinate numerators
    (and 0) whose sign may change in (0, 1): between consecutive roots of these the pattern of
    coinciding coordinate values is constant (module docstring)."""
    width = max([1, *(len(p) for f in numerators for p in f)])
    values = sorted({tuple(p) + (0,) * (width - len(p)) for f in numerators for p in f} | {(0,) * width})
    work = len(values) * (len(values) - 1) // 2
    if max_work is not None and work > max_work:
        raise TooLargeError(f"the claim's hypotheses need about {work:,} coordinate-coincidence polynomials "
                            f"({len(values)} distinct coordinate functions), above the limit {max_work:,}; "
                            "raise it with --max-work")
    out: dict[tuple[int, ...], None] = {}
    for i, p in enumerate(values):
        for q in values[i + 1:]:
            d = [x - y for x, y in zip(p, q)]
            while d and d[-1] == 0:
                d.pop()
            if len(d) < 2:
                continue
            g = 0
            for c in d:
                g = gcd(g, c)
            s = g if d[-1] > 0 else -g
            out.setdefault(tuple(c // s for c in d), None)
    return list(out)


def _normal(f: flint.fmpz_poly) -> tuple[int, ...]:
    cs = coeffs_of(f)
    return tuple(-c for c in cs) if cs[-1] < 0 else cs


def _factors(polys: Sequence[Sequence[int]]) -> set[tuple[int, ...]]:
    out: set[tuple[int, ...]] = set()
    for p in polys:
        f = fmpz_of(p)
        if f.degree() < 1:
            continue
        _, fl = f.factor()
        for g, _e in fl:
            if g.degree() >= 1:
                out.add(_normal(g))
    return out


def _roots(factors: set[tuple[int, ...]]) -> list[RealRoot]:
    out: list[RealRoot] = []
    for cs in sorted(factors):
        out.extend(unit_roots(fmpz_of(cs)))
    return out


# ----------------------------------------------------------------------------- the sweep
def _components(reward: Any, d: int) -> tuple[bool, list[tuple[Fraction, ...]]]:
    if reward and isinstance(reward[0], tuple) and len(reward[0]) == 2 and isinstance(reward[0][1], (tuple, list)):
        return True, [tuple(to_fractions(r, "mixture reward")) for _, r in reward]
    return False, [tuple(to_fractions(reward, "reward"))]


def claim_sweep(claim: Claim | str, environment: Environment | str | Mapping, state: str, a: Any, b: Any,
                reward: Any, params: Mapping | None = None, *, max_work: int | None = DEFAULT_SWEEP_WORK,
                max_pieces: int | None = DEFAULT_MAX_PIECES, progress: bool = False) -> ClaimSweep:
    """The exact set of γ ∈ (0, 1) where ``claim`` holds for ``reward`` (a vector, or a mixture
    ((w, r), ...) for claims over distributions) on the fork ``a`` vs ``b`` at ``state`` (module
    docstring; docs/math.md §13.1)."""
    import time

    from ..core.progress import Progress

    t0 = time.perf_counter()
    c = resolve_claim(claim)
    params = dict(params or {})
    if isinstance(environment, Environment):
        env = environment
    elif isinstance(environment, Mapping):
        env = Environment.from_dict(environment)
    else:
        env = resolve_environment(environment)
    compare = c.compare_for({**params, **dict(c.fixed_params)})
    mixture, comps = _components(reward, len(env.states))
    if mixture and c.domain != "mixture":
        raise OptionSetError(f"claim {c.name} is about point rewards, not mixtures: give --reward")
    # ---- the counts' breakpoint candidates, per mixture component
    count_polys: list[tuple[int, ...]] = []
    probs = []
    thresholds: list[tuple[int, ...]] | None = None
    for r in comps:
        prob = sweep_problem(env, state, a, b, r, compare)
        probs.append(prob)
        polys, _total = difference_polynomials(prob, max_work=max_work)
        count_polys += list(polys)
        count_polys += coincidence_polynomials(prob)
        extra = extra_polynomials(prob, max_work=max_work)
        count_polys += extra
        if getattr(prob.rule, "absolute_values", False):
            thresholds = (thresholds or []) + list(extra)
    if mixture:
        count_polys += mixture_polynomials(probs, reward, max_work=max_work)
    # every function of F(s) (C included), for the coincidence pattern and the surrogate point
    full = sweep_problem(env, state, a, b, comps[0], "is-optimal")
    hyp_polys: list[tuple[int, ...]] = []
    if c.base not in GAMMA_FREE_ANALYSIS:
        hyp_polys = coincidence_pattern_polynomials(full.numerators, max_work=max_work)
    count_f = _factors(count_polys)
    hyp_f = _factors(hyp_polys)
    count_roots = _roots(count_f)
    hyp_roots = _roots(hyp_f - count_f)
    hyp_min = {r.poly for r in _roots(hyp_f)}
    bps = separate(count_roots + hyp_roots)
    if max_pieces is not None and 2 * len(bps) + 1 > max_pieces:
        raise TooLargeError(f"this claim sweep has {len(bps):,} breakpoints, i.e. {2 * len(bps) + 1:,} pieces to "
                            f"decide with one check each, above the limit {max_pieces:,}; raise it with --max-pieces")
    t1 = time.perf_counter()
    # the surrogate must keep the signs of every component's comparisons: the largest reward norm
    norm = 0
    for prob in probs:
        norm = max(norm, sum(abs(x) for x in prob.reward_int))
    if mixture:
        wden = lcm(*(Fraction(w).denominator for w, _ in reward))
        norm = max(norm, sum(int(Fraction(w) * wden) * sum(abs(x) for x in p.reward_int)
                             for (w, _), p in zip(reward, probs)))
    sur_prob = replace(full, reward_int=(max(1, norm),), rule=probs[0].rule)

    analyses: dict[Fraction, Any] = {}

    def at_rational(g: Fraction) -> Verdict:
        inst = instance_from_environment(env, state, list(full.a), list(full.b), Discounted(g))
        an = analyses.get(Fraction(0)) if c.base in GAMMA_FREE_ANALYSIS else None
        if an is None:
            an = c.analyse(inst, params)
        else:
            an = Analysis(an.x, an.hypotheses, an.met, an.compare, inst, list(an.notes), dict(an.params))
        analyses[g] = an
        if c.base in GAMMA_FREE_ANALYSIS:
            analyses.setdefault(Fraction(0), an)
        return check(c, inst, reward, params, analysis=an)

    pieces: list[ClaimPiece] = []
    bar = Progress(total=2 * len(bps) + 1, label="claim sweep: pieces", quiet=not progress)
    with bar:
        lo: RealRoot | None = None
        left_sample = Fraction(0)
        for i in range(len(bps) + 1):
            hi = bps[i] if i < len(bps) else None
            g = simplest_between(Fraction(0) if lo is None else lo.hi, Fraction(1) if hi is None else hi.lo)
            v = at_rational(g)
            pieces.append(ClaimPiece("interval", v.status, v, g, lo=lo, hi=hi))
            bar.advance()
            left_sample = g
            if hi is not None:
                if hi.is_rational:
                    pv = at_rational(hi.value)
                    pieces.append(ClaimPiece("point", pv.status, pv, hi.value, point=hi))
                else:
                    pieces.append(_irrational_point(c, params, reward, full, sur_prob, hi, hi.poly in hyp_min,
                                                    analyses[left_sample], left_sample, thresholds))
                bar.advance()
            lo = hi
    t2 = time.perf_counter()
    return ClaimSweep(c.name, c.form_for(params), compare, env.name, state, full.a, full.b,
                      reward if mixture else comps[0], tuple(bps), tuple(pieces), len(separate(count_roots)),
                      len(separate(hyp_roots)),
                      {"seconds_breakpoints": t1 - t0, "seconds_pieces": t2 - t1})


def _vector_sets(prob, vecs: Sequence[tuple[Fraction, ...]], label: str):
    def side(idx, name):
        vals = tuple(dict.fromkeys(vecs[u] for u in idx))
        return OptionSet(tuple((v,) for v in vals), prob.coordinates, name, None)

    return side(prob.ia, f"A at {label}"), side(prob.ib, f"B at {label}"), side(prob.ic, f"C at {label}")


def _pattern_matches(prob, root: RealRoot, g: Fraction) -> bool:
    """Whether the reduced numerators (N mod m)(γ*) coincide exactly where the N(β) do."""
    m = flint.fmpq_poly(root.flint())
    gq = flint.fmpq(g.numerator, g.denominator)
    vals = {tuple(p) for f in prob.numerators for p in f} | {()}
    reduced = {}
    for p in vals:
        q = flint.fmpq_poly(list(p)) % m if p else flint.fmpq_poly([])
        reduced[p] = (q, q(gq) if q.degree() >= 0 else flint.fmpq(0))
    items = list(reduced.values())
    for i, (p, pv) in enumerate(items):
        for q, qv in items[i + 1:]:
            if ((p - q).degree() < 0) != (pv == qv):
                return False
    return True


def _nd_matches(prob, vecs_g: Sequence, vecs_s: Sequence) -> bool:
    """Whether the surrogate vectors have the non-dominated options of β: those of the neighbouring
    rational point (Lemma E.31), read per side A, B, C."""
    for idx in (prob.ia, prob.ib, prob.ic):
        if not idx:
            continue
        nd_g = set(nondominated([vecs_g[u] for u in idx]).nd_vectors)
        expected = {vecs_s[u] for u in idx if vecs_g[u] in nd_g}
        got = set(nondominated(list(dict.fromkeys(vecs_s[u] for u in idx))).nd_vectors)
        if got != expected:
            return False
    return True


def _irrational_point(c: Claim, params: dict, reward: Any, full, sur_prob, root: RealRoot, pattern_root: bool,
                      left: Analysis, left_sample: Fraction, thresholds: list | None = None) -> ClaimPiece:
    if thresholds is not None:  # satisfice: comparisons with an absolute threshold (orbits/sweep_rules.py)
        g, vecs = absolute_surrogate(sur_prob, root, thresholds)
    else:
        g, vecs = surrogate_point(sur_prob, root)
    A, B, C = _vector_sets(full, vecs, f"γ = {root}")
    inst = instance_from_sets(A, B, C, coordinates=full.coordinates, label=f"{full.environment.name}:{full.state}"
                              f" at γ = {root}")
    if not pattern_root:
        # the analysis of the interval on the left, the counts at the surrogate point
        an0 = left
        an = Analysis(an0.x, an0.hypotheses, an0.met, an0.compare, inst, list(an0.notes), dict(an0.params))
        v = check(c, inst, reward, params, analysis=an)
        return ClaimPiece("point", v.status, v, g, point=root,
                          how="counts at a rational surrogate point, hypotheses of the interval on the left")
    vecs_g = [f.at(left_sample) for f in full.functions]
    if not _pattern_matches(full, root, g) or not _nd_matches(full, vecs_g, vecs):
        return ClaimPiece("point", "undecided", None, g, point=root,
                          how="the surrogate point does not reproduce the coincidences or non-domination at "
                              "this irrational breakpoint")
    v = check(c, inst, reward, params)
    return ClaimPiece("point", v.status, v, g, point=root,
                      how="counts and hypotheses at a rational surrogate point with the same coincidences")
