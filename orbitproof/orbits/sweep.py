"""Exact γ-sweeps: orbit counts as a piecewise-constant function of γ on (0, 1) (docs/math.md §13.1).

For a fork A = F(s | a), B = F(s | b) (C = F(s) for rules that use a choice set) every option is a
vector of rational functions of γ.  Over one common denominator D(γ) > 0 on [0, 1) each function is
N_f(γ)/D(γ) with N_f an integer polynomial vector, so the comparison of two options under an orbit
element r' is the sign of the integer polynomial (N_f − N_f')(γ)·r'.

:func:`sweep`

1. collects the **distinct** difference polynomials over the orbit -- for each relevant pair (f, f')
   only the coordinates where N_f and N_f' differ matter, so the distinct arrangements of reward
   values on that support are enumerated, not the orbit -- and, for rules that count maximisers,
   the γ where two functions coincide as vectors (docs/math.md §1.2 caveat: option sets merge them
   there, exactly as ``option_set(env, s, a, Discounted(γ))`` does);
2. drops those without a root in (0, 1) by Descartes' rule of signs, factors the rest exactly
   (python-flint) and isolates the roots in (0, 1) of each distinct irreducible factor
   (:mod:`.algebraic`): rational roots as Fractions, others as minimal polynomial + interval;
3. counts with :func:`~orbitproof.orbits.count.count_orbit` at one rational point inside each open
   interval and at each rational breakpoint (option sets built exactly like ``option_set`` does),
   and at each irrational breakpoint β at a rational *surrogate* point γ* close enough to β: the
   options become (N_f mod m)(γ*) for the minimal polynomial m of β; every comparison is then the
   sign at γ* of an integer polynomial P of degree < deg m with P(β) = value difference at β, and
   γ* is within a root-separation bound of β (below), so sign P(γ*) = sign P(β), zero iff P ≡ 0.
   By default (``counting="auto"``) the incremental stage of :mod:`.sweep_count` gives the same
   counts while re-deciding only the orbit classes each breakpoint touches; this loop is its twin.

Separation bound: m irreducible of degree k with leading coefficient a, P ∈ ℤ[x] non-zero with
deg P < k.  Then P(β_i) ≠ 0 at every conjugate and |Res(m, P)| = |a|^{deg P} ∏|P(β_i)| ≥ 1, while
|P(β_i)| ≤ ‖P‖₁·B^{k−1} with B = 1 + max|m_j/a| (Cauchy).  So |P(β)| ≥ 1/(|a|^{k−1}(‖P‖₁B^{k−1})^{k−1})
and |P(γ*) − P(β)| ≤ (k−1)‖P‖₁|γ* − β| on [0, 1].

The limits γ → 0+ and γ → 1− are the counts on the first and last interval; the latter is compared
with the Blackwell counts (docs/math.md §1.3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from math import comb, factorial, gcd, lcm
from typing import Any

import flint
import numpy as np

from ..core.errors import OptionSetError, SemanticsError, TooLargeError
from ..core.limits import DEFAULT_SWEEP_COUNT_WORK
from ..core.exact import format_fraction, to_fraction, to_fractions
from ..core.optionset import OptionSet
from ..core.progress import Progress
from ..core.semantics import Blackwell, Discounted
from ..mdp.environment import Environment
from ..mdp.visits import VisitFunction, visit_functions
from .algebraic import (RealRoot, coeffs_of, fmpz_of, irreducible_factors, irreducible_unit_roots, piece_index,
                        separate, simplest_between)
from .count import count_orbit
from .multiset import counts_of, sub_arrangements
from .rules import ComparisonRule

__all__ = [
    "DEFAULT_SWEEP_WORK",
    "SweepProblem",
    "Piece",
    "Sweep",
    "gamma_sweep",
    "sweep_problem",
    "estimate_sweep_work",
    "difference_polynomials",
    "count_at",
    "arrangement_count",
    "law_predicate",
    "format_set",
    "maximal_runs",
]

#: Distinct-arrangement rows (pairs × reward arrangements on their supports) a sweep may enumerate.
DEFAULT_SWEEP_WORK = 20_000_000


# ----------------------------------------------------------------------------- the problem
@dataclass(frozen=True)
class SweepProblem:
    """A fork as rational functions of γ: the functions of A, B (and C) over one common denominator.

    ``numerators[u]`` is the integer matrix (coordinates × powers of γ) N_u with f_u = N_u/(D·scale);
    ``ia``/``ib``/``ic`` index A, B, C into ``functions``."""

    environment: Environment
    state: str
    a: tuple[str, ...]
    b: tuple[str, ...]
    rule: ComparisonRule
    reward: tuple[Fraction, ...]
    reward_int: tuple[int, ...]
    functions: tuple[VisitFunction, ...]
    ia: tuple[int, ...]
    ib: tuple[int, ...]
    ic: tuple[int, ...]
    denominator: tuple[int, ...]
    numerators: tuple[tuple[tuple[int, ...], ...], ...]

    @property
    def coordinates(self) -> tuple[str, ...]:
        return self.environment.states

    def pairs(self) -> list[tuple[int, int]]:
        """The unordered pairs of functions whose value comparisons can change a verdict: B × A
        (max: the sign of max_B − max_A is a function of those signs), (A ∪ B) × C (is-optimal),
        all pairs of A ∪ B ∪ C (frac-optimal and any other rule)."""
        name = self.rule.name
        if name == "max":
            raw = [(u, v) for u in self.ib for v in self.ia]
        elif name == "is-optimal":
            raw = [(u, v) for u in sorted(set(self.ia) | set(self.ib)) for v in self.ic]
        else:
            every = sorted(set(self.ia) | set(self.ib) | set(self.ic))
            raw = [(u, v) for i, u in enumerate(every) for v in every[i + 1:]]
        return sorted({(min(u, v), max(u, v)) for u, v in raw if u != v})

    def needs_coincidences(self) -> bool:
        """Whether option sets merging coinciding vectors can change a count (maximiser counts)."""
        return bool(getattr(self.rule, "needs_argmax_counts", True)) or not getattr(self.rule, "extremes_only", False)


def _split(actions: str | Sequence[str]) -> tuple[str, ...]:
    names = actions.split(",") if isinstance(actions, str) else list(actions)
    out = tuple(n.strip() for n in names if n.strip())
    if not out:
        raise OptionSetError("each side of the fork needs at least one action")
    return out


def sweep_problem(env: Environment, state: str, a: str | Sequence[str], b: str | Sequence[str], reward: Any,
                  compare: str | ComparisonRule = "max", *, max_options: int = 100_000) -> SweepProblem:
    """Enumerate F(s | a), F(s | b) (and F(s)) and put them over one common denominator."""
    from .sweep_rules import check_sweep_rule  # P22 rules: breakpoints per rule (docs/sweep.md)

    rule = check_sweep_rule(compare)
    a_names, b_names = _split(a), _split(b)
    env.index(state)
    r = to_fractions(reward, "reward")
    if len(r) != len(env.states):
        raise OptionSetError(f"reward has {len(r)} entries but {env.name!r} has {len(env.states)} states "
                             f"({', '.join(env.states)})")
    funcs: dict[VisitFunction, int] = {}

    def side(names: tuple[str, ...]) -> tuple[int, ...]:
        idx = []
        for act in names:
            for f in visit_functions(env, state, act, max_size=max_options):
                idx.append(funcs.setdefault(f, len(funcs)))
        return tuple(dict.fromkeys(idx))

    ia, ib = side(a_names), side(b_names)
    ic: tuple[int, ...] = ()
    if rule.uses_choice_set:
        ic = tuple(dict.fromkeys(funcs.setdefault(f, len(funcs))
                                 for f in visit_functions(env, state, None, max_size=max_options)))
    fs = tuple(funcs)
    den, nums = _common_denominator(fs)
    scale = lcm(*(x.denominator for x in r)) if r else 1
    r_int = tuple(int(x * scale) for x in r)
    return SweepProblem(env, state, a_names, b_names, rule, r, r_int, fs, ia, ib, ic, den, nums)


def _fq(c: Fraction) -> flint.fmpq:
    return flint.fmpq(c.numerator, c.denominator)


def _common_denominator(fs: Sequence[VisitFunction]) -> tuple[tuple[int, ...], tuple]:
    """D = lcm of every entry's denominator (D(0) > 0, so D > 0 on [0, 1): each factor divides a
    denominator without roots in [0, 1)), and integer numerators N_f = c·D·f."""
    D = flint.fmpz_poly([1])
    dens = {}
    for f in fs:
        for num, den in f.entries:
            if den not in dens:
                q = flint.fmpq_poly([_fq(c) for c in den])
                k = lcm(*(c.denominator for c in den))
                dz = flint.fmpz_poly([int(c * k) for c in den])
                dens[den] = (q, dz)
            dz = dens[den][1]
            D = (D * dz) // D.gcd(dz)
    if D.coeffs()[0] < 0:
        D = -D
    Dq = flint.fmpq_poly(D)
    rows: list[list[flint.fmpq_poly]] = []
    big = 1
    for f in fs:
        row = []
        for num, den in f.entries:
            if not num:
                row.append(flint.fmpq_poly([]))
                continue
            n = flint.fmpq_poly([_fq(c) for c in num]) * Dq
            q = dens[den][0]
            quo, rem = divmod(n, q)
            assert rem.degree() < 0
            row.append(quo)
            for c in quo.coeffs():
                big = lcm(big, int(c.q))
        rows.append(row)
    K = max([1, *(p.degree() + 1 for row in rows for p in row)])
    nums = tuple(
        tuple(tuple(int(c * big) for c in (list(p.coeffs()) + [flint.fmpq(0)] * (K - len(p.coeffs())))) for p in row)
        for row in rows
    )
    return coeffs_of(D), nums


# ----------------------------------------------------------------------------- enumeration
def arrangement_count(counts: Sequence[int], t: int) -> int:
    """The number of distinct length-t arrangements of a sub-multiset of a multiset with these
    multiplicities: t!·[x^t] ∏_i Σ_{j ≤ m_i} x^j/j!."""
    poly = [Fraction(1)]
    for m in counts:
        new = [Fraction(0)] * (len(poly) + m)
        for i, c in enumerate(poly):
            if c:
                for j in range(m + 1):
                    new[i + j] += c / factorial(j)
        poly = new[: t + 1]
    return int(poly[t] * factorial(t)) if t < len(poly) else 0


@lru_cache(maxsize=64)
def _arrangements(values: tuple[int, ...], counts: tuple[int, ...], t: int) -> np.ndarray:
    """All distinct length-t arrangements of sub-multisets (rows of reward values)."""
    rows = sub_arrangements(values, counts, t)
    big = max([0, *(abs(v) for v in values)]) >= 2**40
    return np.array(rows, dtype=object if big else np.int64).reshape(len(rows), t)


def _supports(prob: SweepProblem) -> list[tuple[tuple[int, int], tuple[int, ...]]]:
    out = []
    N = prob.numerators
    for u, v in prob.pairs():
        supp = tuple(i for i in range(len(prob.coordinates)) if N[u][i] != N[v][i])
        if supp:
            out.append(((u, v), supp))
    return out


def estimate_sweep_work(prob: SweepProblem) -> int:
    """Rows the polynomial enumeration will produce: Σ over relevant pairs of the distinct
    arrangements of reward values on the pair's support."""
    _, counts = counts_of(prob.reward_int)
    return sum(arrangement_count(counts, len(s)) for _, s in _supports(prob))


def _normalise_rows(P: np.ndarray) -> np.ndarray:
    """Primitive rows with first non-zero coefficient positive; zero rows dropped; unique."""
    P = P[np.any(P != 0, axis=1)]
    if P.size == 0:
        return P
    if P.dtype == object:
        rows = set()
        for row in P.tolist():
            g = 0
            for c in row:
                g = gcd(g, c)
            first = next(c for c in row if c)
            s = g if first > 0 else -g
            rows.add(tuple(c // s for c in row))
        return np.array(sorted(rows), dtype=object).reshape(len(rows), P.shape[1])
    g = np.gcd.reduce(P, axis=1)
    P = P // g[:, None]
    first = P[np.arange(len(P)), np.argmax(P != 0, axis=1)]
    P = P * np.where(first < 0, -1, 1)[:, None]
    from .sweep_count import unique_int_rows  # np.unique(P, axis=0) through one int64 key per row

    return unique_int_rows(P)[0]


def _descartes_keep(P: np.ndarray) -> np.ndarray:
    """Rows that may have a root in (0, 1): sign variations of (1+x)^n p(1/(1+x)) ≥ 1."""
    if len(P) == 0:
        return P
    K = P.shape[1]
    n = K - 1
    M = np.array([[comb(n - k, j) for j in range(K)] for k in range(K)], dtype=object)
    bound = int(np.max(np.abs(P))) * (2**n) * K if P.dtype != object else None
    T = (P.astype(object) @ M) if (P.dtype == object or bound >= 2**62) else P @ M.astype(np.int64)
    S = np.sign(T).astype(np.int64) if T.dtype != object else np.array([[(c > 0) - (c < 0) for c in row] for row in T.tolist()], dtype=np.int64).reshape(T.shape)
    last = np.zeros(len(S), dtype=np.int64)
    var = np.zeros(len(S), dtype=np.int64)
    for j in range(K):
        s = S[:, j]
        var += ((last != 0) & (s != 0) & (s != last)).astype(np.int64)
        last = np.where(s != 0, s, last)
    return P[var >= 1]


def difference_polynomials(prob: SweepProblem, *, max_work: int | None = DEFAULT_SWEEP_WORK) -> tuple[tuple[tuple[int, ...], ...], int]:
    """The distinct non-zero difference polynomials (N_f − N_f')·r' over all orbit elements r' and
    relevant pairs (primitive, first coefficient positive), and how many there are before the
    Descartes filter; only those that may have a root in (0, 1) are returned."""
    work = estimate_sweep_work(prob)
    if max_work is not None and work > max_work:
        raise TooLargeError(
            f"this sweep would enumerate about {work:,} difference polynomials (relevant option pairs × reward "
            f"arrangements on their supports), above the limit {max_work:,}; raise it with --max-work "
            "(max_work= in Python)")
    values, counts = counts_of(prob.reward_int)
    N = prob.numerators
    big = max([0, *(abs(c) for f in N for row in f for c in row)]) * max([1, *(abs(v) for v in values)]) * len(prob.coordinates)
    dtype = object if big >= 2**60 else np.int64
    blocks = []
    for (u, v), supp in _supports(prob):
        delta = np.array([[N[u][i][k] - N[v][i][k] for k in range(len(N[u][i]))] for i in supp], dtype=dtype)
        table = _arrangements(tuple(values), tuple(counts), len(supp))
        if dtype is object:
            table = table.astype(object)
        blocks.append(_normalise_rows(table @ delta))
    if not blocks:
        return (), 0
    P = np.concatenate(blocks, axis=0)
    P = _normalise_rows(P)
    total = len(P)
    P = _descartes_keep(P)
    return tuple(tuple(int(c) for c in row) for row in P.tolist()), total


def coincidence_polynomials(prob: SweepProblem) -> list[tuple[int, ...]]:
    """For each pair of distinct functions, gcd of their coordinate differences: its roots are the
    γ where the two functions coincide as vectors (docs/math.md §1.2 caveat)."""
    N = prob.numerators
    every = sorted(set(prob.ia) | set(prob.ib) | set(prob.ic))
    out = []
    for i, u in enumerate(every):
        for v in every[i + 1:]:
            g = flint.fmpz_poly([])
            for x, y in zip(N[u], N[v]):
                d = fmpz_of([p - q for p, q in zip(x, y)])
                if d.degree() >= 0:
                    g = d if g.degree() < 0 else g.gcd(d)
            if g.degree() >= 1:
                out.append(coeffs_of(g))
    return out


# ----------------------------------------------------------------------------- counting
def _option_sets(prob: SweepProblem, vectors: Sequence[tuple[Fraction, ...]], sem: Any, label: str):
    """A, B, C as option_set builds them: distinct values per side (unions of first actions)."""
    def side(idx: tuple[int, ...], name: str) -> OptionSet | None:
        if not idx:
            return None
        vals = tuple(dict.fromkeys(vectors[u] for u in idx))
        return OptionSet(tuple((v,) for v in vals), prob.coordinates, f"{name} at {label}", sem)

    sa = "/".join(prob.a)
    sb = "/".join(prob.b)
    return (side(prob.ia, f"F({prob.state} | {sa})"), side(prob.ib, f"F({prob.state} | {sb})"),
            side(prob.ic, f"F({prob.state})"))


def count_at(prob: SweepProblem, gamma: Any, *, max_work: int | None = None) -> tuple[int, int, int, int]:
    """Counts at one rational γ in (0, 1), with the option sets ``option_set(env, s, ·, Discounted(γ))``
    builds (coinciding values merged)."""
    g = to_fraction(gamma, "gamma")
    if not 0 < g < 1:
        raise SemanticsError(f"gamma must satisfy 0 < gamma < 1, got {format_fraction(g)}")
    vecs = [f.at(g) for f in prob.functions]
    A, B, C = _option_sets(prob, vecs, Discounted(g), f"γ = {format_fraction(g)}")
    return count_orbit(A, B, prob.reward, C=C, compare=prob.rule, max_work=max_work).counts


def surrogate_point(prob: SweepProblem, root: RealRoot) -> tuple[Fraction, list[tuple[Fraction, ...]]]:
    """γ* and the option vectors (N_f mod m)(γ*) that decide every comparison at the irrational
    root exactly (module docstring: separation bound)."""
    m = root.flint()
    k = root.degree
    mq = flint.fmpq_poly(m)
    reduced = []
    den = 1
    for f in prob.numerators:
        row = []
        for coeffs in f:
            rem = flint.fmpq_poly([int(c) for c in coeffs]) % mq
            row.append(rem)
            for c in rem.coeffs():
                den = lcm(den, int(c.q))
        reduced.append(row)
    ints = [[[int(c * den) for c in p.coeffs()] for p in row] for row in reduced]
    H = 1
    for i, u in enumerate(ints):
        for v in ints[i + 1:]:
            for x, y in zip(u, v):
                L = max(len(x), len(y))
                xx, yy = x + [0] * (L - len(x)), y + [0] * (L - len(y))
                H = max([H, *(abs(p - q) for p, q in zip(xx, yy))])
    r1 = max(1, sum(abs(x) for x in prob.reward_int))
    L1 = k * r1 * H
    a = abs(root.poly[-1])
    B = 1 + max(-(-abs(c) // a) for c in root.poly[:-1])
    inv_w = 2 * k * L1 * a ** (k - 1) * (L1 * B ** (k - 1)) ** (k - 1)
    r = root.refine(Fraction(1, inv_w))
    g = simplest_between(r.lo, r.hi)
    gq = flint.fmpq(g.numerator, g.denominator)
    vecs = []
    for row in ints:
        vec = []
        for coeffs in row:
            v = flint.fmpq_poly(coeffs)(gq) if coeffs else flint.fmpq(0)
            vec.append(Fraction(int(v.p), int(v.q)))
        vecs.append(tuple(vec))
    return g, vecs


def count_at_root(prob: SweepProblem, root: RealRoot, *, max_work: int | None = None) -> tuple[int, int, int, int]:
    """Counts at a breakpoint: the rational value directly, an irrational one at its surrogate."""
    if root.is_rational:
        return count_at(prob, root.value, max_work=max_work)
    if getattr(prob.rule, "absolute_values", False):  # satisfice: thresholds are not scale-free
        from .sweep_rules import absolute_surrogate

        g, vecs = absolute_surrogate(prob, root)
    else:
        g, vecs = surrogate_point(prob, root)
    A, B, C = _option_sets(prob, vecs, None, f"γ = {root}")
    return count_orbit(A, B, prob.reward, C=C, compare=prob.rule, max_work=max_work).counts


# ----------------------------------------------------------------------------- the result
@dataclass(frozen=True)
class Piece:
    """One piece of the partition of (0, 1): an open interval (``lo``/``hi`` None mean 0/1) with a
    rational ``sample`` inside, or a breakpoint ``point``; ``counts`` = (B>A, A>B, tie, |orbit|)."""

    kind: str
    counts: tuple[int, int, int, int]
    sample: Fraction | None = None
    lo: RealRoot | None = None
    hi: RealRoot | None = None
    point: RealRoot | None = None

    def to_dict(self, digits: int = 12) -> dict[str, Any]:
        c = dict(zip(("b_gt_a", "a_gt_b", "tie", "orbit_size"), self.counts))
        if self.kind == "point":
            assert self.point is not None
            return {"kind": "point", "point": self.point.to_dict() | {"decimal": self.point.decimal(digits)}, **c}
        return {"kind": "interval",
                "lo": "0" if self.lo is None else self.lo.decimal(digits),
                "hi": "1" if self.hi is None else self.hi.decimal(digits),
                "sample": format_fraction(self.sample), **c}


@dataclass(frozen=True)
class Sweep:
    """The exact piecewise-constant counts over γ ∈ (0, 1) (docs/math.md §13.1)."""

    problem: SweepProblem
    breakpoints: tuple[RealRoot, ...]
    pieces: tuple[Piece, ...]
    polynomials: tuple[tuple[int, ...], ...]
    polynomial_total: int
    factors: tuple[tuple[int, ...], ...]
    blackwell: tuple[int, int, int, int] | None = None
    stats: dict = field(default_factory=dict, compare=False)

    @property
    def limit_at_0(self) -> tuple[int, int, int, int]:
        """lim_{γ→0+}: the counts on the first interval."""
        return self.pieces[0].counts

    @property
    def limit_at_1(self) -> tuple[int, int, int, int]:
        """lim_{γ→1−}: the counts on the last interval."""
        return self.pieces[-1].counts

    def intervals(self) -> list[Piece]:
        return [p for p in self.pieces if p.kind == "interval"]

    def points(self) -> list[Piece]:
        return [p for p in self.pieces if p.kind == "point"]

    def changes(self) -> list[bool]:
        """Per breakpoint: whether the counts there or on its right differ from those on its left."""
        out = []
        for i, _ in enumerate(self.breakpoints):
            left, at, right = self.pieces[2 * i], self.pieces[2 * i + 1], self.pieces[2 * i + 2]
            out.append(not (left.counts == at.counts == right.counts))
        return out

    def locate(self, gamma: Any) -> Piece:
        """The piece containing the rational γ ∈ (0, 1)."""
        return self.pieces[piece_index(self.breakpoints, gamma)]

    def counts_at(self, gamma: Any) -> tuple[int, int, int, int]:
        return self.locate(gamma).counts

    def where(self, predicate) -> list[tuple[RealRoot | None, bool, RealRoot | None, bool]]:
        """The exact set of γ ∈ (0, 1) where ``predicate(counts)`` holds, as a union of maximal runs
        of pieces: ``(lo, lo_closed, hi, hi_closed)`` (``None`` = 0 resp. 1, always open)."""
        return maximal_runs(self.pieces, lambda piece: bool(predicate(piece.counts)))

    def to_dict(self, digits: int = 12) -> dict[str, Any]:
        p = self.problem
        return {
            "environment": p.environment.name,
            "state": p.state,
            "a": list(p.a),
            "b": list(p.b),
            "compare": p.rule.name,
            "reward": [format_fraction(x) for x in p.reward],
            "coordinates": list(p.coordinates),
            "breakpoints": [bp.to_dict() | {"decimal": bp.decimal(digits), "counts_change": ch}
                            for bp, ch in zip(self.breakpoints, self.changes())],
            "pieces": [piece.to_dict(digits) for piece in self.pieces],
            "limit_gamma_to_0": list(self.limit_at_0),
            "limit_gamma_to_1": list(self.limit_at_1),
            "blackwell": None if self.blackwell is None else list(self.blackwell),
            "limit_at_1_equals_blackwell": None if self.blackwell is None else self.blackwell == self.limit_at_1,
            "distinct_difference_polynomials": self.polynomial_total,
            "polynomials_with_root_candidates": len(self.polynomials),
            "irreducible_factors_with_roots": len(self.factors),
        }


def maximal_runs(pieces: Sequence[Any], ok) -> list[tuple[RealRoot | None, bool, RealRoot | None, bool]]:
    """The union of the pieces (alternating open intervals and points, as in :class:`Sweep`) for which
    ``ok(piece)`` holds, as maximal runs ``(lo, lo_closed, hi, hi_closed)`` (``None`` = 0 resp. 1)."""
    runs: list[tuple[RealRoot | None, bool, RealRoot | None, bool]] = []
    start: int | None = None
    for i, piece in enumerate(list(pieces) + [None]):
        good = piece is not None and ok(piece)
        if good and start is None:
            start = i
        if not good and start is not None:
            first, last = pieces[start], pieces[i - 1]
            lo, lo_closed = (first.point, True) if first.kind == "point" else (first.lo, False)
            hi, hi_closed = (last.point, True) if last.kind == "point" else (last.hi, False)
            runs.append((lo, lo_closed, hi, hi_closed))
            start = None
    return runs


def gamma_sweep(env: Environment, state: str, a: str | Sequence[str], b: str | Sequence[str], reward: Any, *,
          compare: str | ComparisonRule = "max", max_work: int | None = DEFAULT_SWEEP_WORK,
          count_work: int | None = None, blackwell: bool = True, progress: bool = False,
          max_options: int = 100_000, counting: str = "auto",
          max_count_work: int | None = DEFAULT_SWEEP_COUNT_WORK) -> Sweep:
    """The exact γ-sweep of the orbit counts of ``reward`` for the fork ``a`` vs ``b`` at ``state``
    (see the module docstring; docs/math.md §13.1).

    ``counting``: ``"auto"`` (default), ``"incremental"`` (:mod:`.sweep_count`: every orbit class
    once, then only the classes a breakpoint touches) or ``"per-piece"`` (one ``count_orbit`` per
    piece, the slow twin).  The counting work is estimated once the breakpoints are known and
    refused above ``max_count_work``."""
    import time

    from . import sweep_count

    t0 = time.perf_counter()
    prob = sweep_problem(env, state, a, b, reward, compare, max_options=max_options)
    polys, total = difference_polynomials(prob, max_work=max_work)
    t1 = time.perf_counter()
    cands = list(polys)
    if prob.needs_coincidences():
        cands += coincidence_polynomials(prob)
    from .sweep_rules import extra_polynomials  # rule-specific polynomials (satisfice thresholds)

    cands += extra_polynomials(prob, max_work=max_work)
    roots: list[RealRoot] = []
    factors: dict[tuple[int, ...], None] = {}
    for p in cands:
        if fmpz_of(p).degree() <= 0:
            continue
        for cs in irreducible_factors(tuple(int(c) for c in p)):
            factors.setdefault(cs, None)
    with_roots = []
    for cs in factors:
        rs = irreducible_unit_roots(cs)
        if rs:
            with_roots.append(cs)
            roots.extend(rs)
    bps = separate(roots)
    t2 = time.perf_counter()
    pieces: list[Piece] = []
    samples = [simplest_between(Fraction(0) if i == 0 else bps[i - 1].hi, Fraction(1) if i == len(bps) else bps[i].lo)
               for i in range(len(bps) + 1)]
    mode = sweep_count.choose_counting(prob, len(samples) + len(bps), counting)
    sweep_count.check_count_work(prob, len(samples) + len(bps), mode, max_count_work)
    if mode == "incremental":
        counts, point_samples = sweep_count.incremental_counts(prob, bps, samples, progress=progress)
        for i, g in enumerate(samples):
            pieces.append(Piece("interval", counts[2 * i], sample=g, lo=bps[i - 1] if i else None,
                                hi=bps[i] if i < len(bps) else None))
            if i < len(bps):
                pieces.append(Piece("point", counts[2 * i + 1], point=bps[i], sample=point_samples[i]))
    bar = Progress(total=2 * len(bps) + 1, label="sweep: counting pieces", quiet=not progress or mode != "per-piece")
    with bar:
        lo: RealRoot | None = None
        for i in range(len(bps) + 1 if mode == "per-piece" else 0):
            hi = bps[i] if i < len(bps) else None
            g = samples[i]
            pieces.append(Piece("interval", count_at(prob, g, max_work=count_work), sample=g, lo=lo, hi=hi))
            bar.advance()
            if hi is not None:
                pieces.append(Piece("point", count_at_root(prob, hi, max_work=count_work), point=hi,
                                    sample=hi.value if hi.is_rational else surrogate_point(prob, hi)[0]))
                bar.advance()
            lo = hi
    t3 = time.perf_counter()
    absolute = getattr(prob.rule, "absolute_values", False)  # no Blackwell layers for absolute-value rules
    bw = blackwell_counts(prob, max_work=count_work) if blackwell and not absolute else None
    stats = {"seconds_polynomials": t1 - t0, "seconds_roots": t2 - t1, "seconds_counts": t3 - t2,
             "rows_enumerated": estimate_sweep_work(prob), "counting": mode}
    return Sweep(prob, tuple(bps), tuple(pieces), polys, total, tuple(with_roots), bw, stats)


def law_predicate(spec: str):
    """``ratio:x`` (#(B>A) ≥ x·#(A>B)), ``weak:x`` (#(B≥A) ≥ x/(x+1)·|orbit|) or ``strict:x``
    (#(B>A) ≥ x/(x+1)·|orbit|) -- the three claim forms of docs/claims.md -- as a predicate on counts."""
    form, _, x_text = spec.partition(":")
    if form not in ("ratio", "weak", "strict") or not x_text:
        raise OptionSetError(f"--holds expects ratio:X, weak:X or strict:X, got {spec!r}")
    x = to_fraction(x_text, "--holds threshold")
    if form == "ratio":
        return lambda c: c[0] >= x * c[1]
    if form == "weak":
        return lambda c: (c[0] + c[2]) * (x + 1) >= x * c[3]
    return lambda c: c[0] * (x + 1) >= x * c[3]


def format_set(runs, digits: int | None = None) -> str:
    """A union of runs as text with exact ends: "(3/4, 1)", "[1/2, 1)", "{1/3}", "∅"."""
    def end(r: RealRoot | None, default: str) -> str:
        if r is None:
            return default
        if r.is_rational:
            return format_fraction(r.value)
        return f"[{r}]" if digits is None else r.decimal(digits)

    parts = []
    for lo, lc, hi, hc in runs:
        if lo is not None and lo is hi:
            parts.append("{" + end(lo, "") + "}")
        else:
            parts.append(f"{'[' if lc else '('}{end(lo, '0')}, {end(hi, '1')}{']' if hc else ')'}")
    return " ∪ ".join(parts) if parts else "∅"


def blackwell_counts(prob: SweepProblem, *, max_work: int | None = None) -> tuple[int, int, int, int]:
    """Counts under Blackwell optimality (docs/math.md §1.3), for comparison with lim_{γ→1−}."""
    K = 2 * len(prob.coordinates) + 1
    sem = Blackwell()

    def side(idx: tuple[int, ...]) -> OptionSet | None:
        if not idx:
            return None
        return OptionSet(tuple(prob.functions[u].layers(K) for u in idx), prob.coordinates, "", sem)

    return count_orbit(side(prob.ia), side(prob.ib), prob.reward, C=side(prob.ic), compare=prob.rule,
                       max_work=max_work).counts
