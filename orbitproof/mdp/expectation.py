"""E[max_{x∈C} x·r] and P(max_A ≥ max_C) for iid rewards r ∼ D, exactly (docs/math.md §1.6, §13.2).

Given a finite set C of exact option vectors and subsets A_1, …, A_m of C, :func:`option_statistics`
returns the exact expectation of the best value and, for each A_i, the probability that some
element of A_i is optimal among C (ties count as optimal for every maximiser, P21 Def E.19).

* Finite-support D (values v_1..v_q, probabilities p_1..p_q): a finite sum over the q^k reward
  vectors on the k non-constant coordinates, grouped by multiset (every arrangement of one multiset
  of values has the same probability Π p_v^{m_v}); values are scaled to integers so that every
  comparison is an exact integer comparison.
* ``uniform`` (iid U(0,1)), expectation alone: T − vol(P) for ONE lifted polytope
  P = {(r, t) : r ∈ [0,1]^k, x·r ≤ t ≤ T ∀x}, measured by Normaliz (:mod:`orbitproof.mdp.lifted`).
* ``uniform`` with probabilities: Σ over the non-dominated options x of ∫_{K_x} x·r dr, where
  K_x = {r ∈ [0,1]^k : x·r ≥ x'·r ∀x'} is x's cell.  Distinct options tie only on a null set, so
  P(A) = Σ_{x ∈ A ∩ ND(C)} vol K_x.  Cells are integrated by Lasserre's recursion
  (:func:`orbitproof.mdp.polytope.moments`); past its work bound, each cell's volume comes from
  Normaliz and E[max] from the lifted polytope.

Reductions used by both: a coordinate on which every option has the same entry c contributes
c·E[X] and is dropped; for ``uniform`` dominated options are dropped (their cells are null sets;
max over C equals max over ND(C), P21 Cor E.11).

Twins: :func:`option_statistics_reference` (no reductions; full enumeration in Fractions, or for
``uniform`` iterated integration of every cell by :func:`orbitproof.mdp.polytope.integrate_fm`)
and :func:`option_statistics_monte_carlo` (a float *estimate* with standard errors, never a verdict).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.distributions import FiniteSupport, Uniform01, parse_distribution
from ..core.errors import OptionSetError, TooLargeError
from ..core.exact import to_fractions
from ..core.progress import Progress
from .lifted import import_normaliz, lifted_polytope, lifted_volume_normaliz, lifted_work, normaliz_volume
from .nd import nondominated
from .polytope import Constraint, fm_moments, moments

__all__ = [
    "OptionStatistics",
    "Estimate",
    "MonteCarloStatistics",
    "DEFAULT_MAX_POWER_WORK",
    "estimate_work",
    "pareto_filter",
    "constant_coordinates",
    "lasserre_cells_work",
    "option_statistics",
    "option_statistics_reference",
    "option_statistics_monte_carlo",
    "linear_optimality_probability",
]

Vec = tuple[Fraction, ...]

#: Work limit of the exact engines (reward vectors × options, or estimated cell faces); ``--max-work``.
DEFAULT_MAX_POWER_WORK = 5 * 10**7


@dataclass(frozen=True)
class OptionStatistics:
    """Exact results: ``expected_max`` = E[max_{x∈C} x·r]; ``probabilities[i]`` = P(max_{A_i} ≥ max_C)."""

    expected_max: Fraction
    probabilities: tuple[Fraction, ...]
    method: str


@dataclass(frozen=True)
class Estimate:
    """A Monte Carlo estimate (float): ``mean ± stderr`` from ``samples`` draws. Never a verdict."""

    mean: float
    stderr: float
    samples: int

    def __str__(self) -> str:
        return f"≈ {self.mean:.6g} ± {self.stderr:.2g} (estimate, {self.samples} samples, 1 s.e.)"

    def to_dict(self) -> dict[str, Any]:
        return {"estimate": self.mean, "stderr": self.stderr, "samples": self.samples}


@dataclass(frozen=True)
class MonteCarloStatistics:
    expected_max: Estimate
    probabilities: tuple[Estimate, ...]


def _check(options: Sequence[Sequence[Any]], subsets: Sequence[Sequence[Sequence[Any]]]):
    C = list(dict.fromkeys(to_fractions(v, f"option[{i}]") for i, v in enumerate(options)))
    if not C:
        raise OptionSetError("the expectation of a maximum over no options is undefined")
    dims = {len(v) for v in C}
    if len(dims) != 1:
        raise OptionSetError(f"options have different lengths {sorted(dims)}")
    index = {v: i for i, v in enumerate(C)}
    masks = []
    for s, A in enumerate(subsets):
        ids = set()
        for v in A:
            fv = to_fractions(v, f"subset[{s}]")
            if fv not in index:
                raise OptionSetError(f"subset {s} has an option that is not among the options")
            ids.add(index[fv])
        masks.append(frozenset(ids))
    return C, masks


def constant_coordinates(C: list[Vec]) -> tuple[list[int], Vec]:
    """Non-constant coordinates and the constant entries of the others (0 where non-constant)."""
    d = len(C[0])
    keep = [j for j in range(d) if any(v[j] != C[0][j] for v in C)]
    const = tuple(Fraction(0) if j in keep else C[0][j] for j in range(d))
    return keep, const


def _cube(k: int) -> list[Constraint]:
    out = []
    for i in range(k):
        e = [Fraction(0)] * k
        e[i] = Fraction(1)
        out.append((tuple(e), Fraction(1)))
        e = [Fraction(0)] * k
        e[i] = Fraction(-1)
        out.append((tuple(e), Fraction(0)))
    return out


def _cell(X: list[Vec], i: int, k: int) -> list[Constraint]:
    """K_i = cube ∩ {(x_j − x_i)·r ≤ 0 ∀ j ≠ i}."""
    xi = X[i]
    return _cube(k) + [(tuple(a - b for a, b in zip(xj, xi)), Fraction(0)) for j, xj in enumerate(X) if j != i]


def pareto_filter(X: Sequence[Vec]) -> list[int]:
    """Indices of the options not componentwise dominated by another (x ≤ y, x ≠ y).  Rewards in
    [0, 1]^k are non-negative, so a dominated option is strictly worse than its dominator except on
    a null set: dropping it changes neither E[max] nor any cell volume under ``uniform``."""
    keep = []
    for i, x in enumerate(X):
        if not any(j != i and y != x and all(a <= b for a, b in zip(x, y)) for j, y in enumerate(X)):
            keep.append(i)
    return keep


def lasserre_cells_work(n: int, k: int) -> int:
    """n·Σ_{t<k} C(2k+n−1, t): a bound on the faces Lasserre's recursion visits over n cells in k dims."""
    m = 2 * k + n - 1
    return n * sum(math.comb(m, t) for t in range(k))


def estimate_work(options: Sequence[Sequence[Any]], dist: Any, cells: bool = False) -> int:
    """Estimated work of :func:`option_statistics` (compared with ``max_work``).

    Finite support: q^k reward vectors × |C| options on the k non-constant coordinates.  ``uniform``
    (n = |C'| options left after dropping componentwise-dominated ones): for the expectation alone,
    the lifted-polytope engine's heuristic n·2^k (:func:`orbitproof.mdp.lifted.lifted_work`); with
    ``cells`` (optimality probabilities), the smaller of Lasserre's face bound
    n·Σ_{t<k} C(2k+n−1, t) and n²·2^k for one Normaliz volume per cell."""
    D = parse_distribution(dist)
    C = list(dict.fromkeys(to_fractions(v) for v in options))
    keep, _ = constant_coordinates(C)
    k, n = len(keep), len(C)
    if isinstance(D, FiniteSupport):
        return len(D.values) ** k * n
    if n <= 1 or k == 0:
        return 1
    n = len(pareto_filter([tuple(v[j] for j in keep) for v in C]))
    if not cells:
        return lifted_work(n, k)
    return min(lasserre_cells_work(n, k), n * lifted_work(n, k))


def option_statistics(options: Sequence[Sequence[Any]], subsets: Sequence[Sequence[Sequence[Any]]] = (),
                      dist: Any = "uniform", *, max_work: int = DEFAULT_MAX_POWER_WORK,
                      quiet: bool = False) -> OptionStatistics:
    """Exact E[max_{x∈C} x·r] and P(max_{A_i} ≥ max_C) for iid r ∼ ``dist`` (module doc).  Long runs
    show progress on stderr (a TTY only, unless ``quiet``)."""
    D = parse_distribution(dist)
    C, masks = _check(options, subsets)
    work = estimate_work(C, D, cells=bool(masks))
    if work > max_work:
        raise TooLargeError(
            f"exact {D.spec} expectation over {len(C)} options in {len(constant_coordinates(C)[0])} non-constant "
            f"coordinates: estimated work {work:,} exceeds --max-work {max_work:,}; raise --max-work, "
            "use a finite-support --dist, a smaller environment, or --estimate (Monte Carlo)")
    if isinstance(D, FiniteSupport):
        return _finite(C, masks, D, quiet)
    return _uniform(C, masks, quiet, max_work)


def _uniform(C: list[Vec], masks: list[frozenset[int]], quiet: bool = False,
             max_work: int = DEFAULT_MAX_POWER_WORK) -> OptionStatistics:
    keep, const = constant_coordinates(C)
    base = sum(const, Fraction(0)) / 2
    if not keep:  # all options are equal
        return OptionStatistics(base, tuple(Fraction(1) if m else Fraction(0) for m in masks), "uniform: cells")
    X = [tuple(v[j] for j in keep) for v in C]
    k = len(keep)
    cand = pareto_filter(X)
    if not masks:  # the expectation alone: one lifted polytope, no cells (module doc)
        P = lifted_polytope([X[i] for i in cand])
        return OptionStatistics(base + P.expected_max(lifted_volume_normaliz(P)), (),
                                "uniform: lifted-polytope volume (Normaliz)")
    if lasserre_cells_work(len(cand), k) > max_work:
        return _uniform_normaliz_cells(X, cand, masks, base, quiet)
    res = nondominated([X[i] for i in cand]) if len(cand) > 1 else None
    nd_ids = [i for pos, i in enumerate(cand) if res is None or res.entries[pos].nondominated]
    vols: dict[int, Fraction] = {}
    total = base
    nd_X = [X[i] for i in nd_ids]
    with Progress(total=len(nd_ids), label="cells", quiet=quiet) as bar:
        for pos, i in enumerate(nd_ids):
            vol, m1 = moments(_cell(nd_X, pos, k), k)
            vols[i] = vol
            total += sum((a * b for a, b in zip(X[i], m1)), Fraction(0))
            bar.advance()
    probs = tuple(sum((vols.get(i, Fraction(0)) for i in m), Fraction(0)) for m in masks)
    return OptionStatistics(total, probs, "uniform: Lasserre cell integrals")


def _uniform_normaliz_cells(X: list[Vec], cand: list[int], masks: list[frozenset[int]], base: Fraction,
                            quiet: bool) -> OptionStatistics:
    """Cell volumes by Normaliz, E[max] from the lifted polytope P (module doc).

    The cells are the projections of P's facets on the graph constraints t = x·r, so only options
    whose constraint is a support hyperplane of P have full-dimensional cells.  A facet of such a cell
    K_x comes from a ridge of P shared with the facet of some x' (or from the cube), and a ridge has at
    least k vertices of P; so K_x = cube ∩ {x'·r ≤ x·r : x' shares at least k vertices of P with x}
    exactly, and each cell is measured with these few constraints instead of all of them."""
    import math as _m

    k = len(X[0])
    P = lifted_polytope([X[i] for i in cand])
    nmz = import_normaliz()
    cone = nmz.Cone(inhom_inequalities=[[-x for x in a] + [b] for a, b in P.rows])
    rows_h = {tuple(int(x) for x in h) for h in cone.SupportHyperplanes()}

    def primitive(row: list[int]) -> tuple[int, ...]:
        g = _m.gcd(*row)
        return tuple(x // g for x in row)

    facet = [primitive([-x for x in xi] + [1, 0]) in rows_h for xi in P.X]
    shared: dict[tuple[int, int], int] = {}
    for g in cone.VerticesOfPolyhedron():
        r, t = [int(x) for x in g[:k]], int(g[k])
        tight = [i for i, xi in enumerate(P.X) if facet[i] and sum(a * b for a, b in zip(xi, r)) == t]
        for i in tight:
            for j in tight:
                shared[i, j] = shared.get((i, j), 0) + 1
    cube = ([(tuple(-int(i == j) for i in range(k)), 0) for j in range(k)]
            + [(tuple(int(i == j) for i in range(k)), 1) for j in range(k)])
    vols: dict[int, Fraction] = {}
    with Progress(total=len(cand), label="cells", quiet=quiet) as bar:
        for pos, i in enumerate(cand):
            bar.advance()
            if not facet[pos]:
                continue  # a lower-dimensional cell
            xi = P.X[pos]
            rows = cube + [(tuple(a - b for a, b in zip(P.X[q], xi)), 0) for q in range(len(P.X))
                           if q != pos and facet[q] and shared.get((pos, q), 0) >= k]
            vols[i] = normaliz_volume(rows, k)
    v = cone.Volume()
    vol = (Fraction(int(v[0]), int(v[1])) if isinstance(v, (list, tuple)) else Fraction(v)) / _m.factorial(k + 1)
    probs = tuple(sum((vols.get(i, Fraction(0)) for i in m), Fraction(0)) for m in masks)
    return OptionStatistics(base + P.expected_max(vol), probs,
                            "uniform: Normaliz cell volumes and lifted-polytope volume")


def _scale(values: Sequence[Fraction]) -> tuple[list[int], int]:
    den = 1
    for v in values:
        den = den * v.denominator // math.gcd(den, v.denominator)
    return [int(v * den) for v in values], den


_LIMB = 31


def _limbs(X: list[list[int]]) -> list[np.ndarray]:
    """X (n × k integers) as int64 limbs X = Σ_l X_l·2^(31 l): lower limbs in [0, 2^31), the top one signed."""
    bits = max(1, max((abs(x).bit_length() for row in X for x in row), default=1))
    L = max(1, -(-(bits + 1) // _LIMB))
    mask = (1 << _LIMB) - 1
    out = []
    for l in range(L):
        shift = _LIMB * l
        if l < L - 1:
            out.append(np.array([[(x >> shift) & mask for x in row] for row in X], dtype=np.int64).T)
        else:
            out.append(np.array([[x >> shift for x in row] for row in X], dtype=np.int64).T)
    return out  # each k × n


def _best_limbs(R: np.ndarray, XL: list[np.ndarray]) -> tuple[list[np.ndarray], np.ndarray]:
    """Row-wise exact maxima of R @ X in limbs, and the mask of the options attaining them."""
    S = [R @ Xl for Xl in XL]  # each N × n; |entries| < k·max|V|·2^31 < 2^62 (checked by the caller)
    for l in range(len(S) - 1):  # carry so that lower limbs lie in [0, 2^31): lexicographic = numeric
        c = S[l] >> _LIMB
        S[l] = S[l] - (c << _LIMB)
        S[l + 1] = S[l + 1] + c
    cand = np.ones(S[0].shape, dtype=bool)
    best = [None] * len(S)
    for l in reversed(range(len(S))):
        low = np.iinfo(np.int64).min
        masked = np.where(cand, S[l], low)
        m = masked.max(axis=1)
        best[l] = m
        cand &= S[l] == m[:, None]
    return best, cand


def _finite(C: list[Vec], masks: list[frozenset[int]], D: FiniteSupport, quiet: bool = False) -> OptionStatistics:
    keep, const = constant_coordinates(C)
    base = sum(const, Fraction(0)) * D.mean
    k, n, q = len(keep), len(C), len(D.values)
    if not keep:
        return OptionStatistics(base, tuple(Fraction(1) if m else Fraction(0) for m in masks), "finite: enumeration")
    flat, xden = _scale([v[j] for v in C for j in keep])
    X = [flat[i * k:(i + 1) * k] for i in range(n)]
    V, vden = _scale(list(D.values))
    if max(1, max(abs(v) for v in V)) * k >= 2**30:  # limbs would overflow: plain Python integers
        return _finite_python(C, masks, D)
    XL = _limbs(X)
    Va = np.array(V, dtype=np.int64)
    sums: dict[tuple[int, ...], list[int]] = {}
    wins: list[dict[tuple[int, ...], int]] = [{} for _ in masks]
    mask_cols = [np.array(sorted(m), dtype=np.int64) for m in masks]
    N = q ** k
    chunk = 1 << 14
    radix = np.array([q ** j for j in range(k)], dtype=np.int64)
    bar = Progress(total=N, label="reward vectors", quiet=quiet)
    for start in range(0, N, chunk):
        idx = np.arange(start, min(N, start + chunk), dtype=np.int64)
        bar.advance(len(idx))
        digits = (idx[:, None] // radix[None, :]) % q  # rows: reward vectors as value indices
        best, cand = _best_limbs(Va[digits], XL)
        counts = np.stack([(digits == v).sum(axis=1) for v in range(q)], axis=1)
        keys, inverse = np.unique(counts, axis=0, return_inverse=True)
        inverse = np.asarray(inverse).reshape(-1)
        order = np.argsort(inverse, kind="stable")
        bounds_ = np.searchsorted(inverse[order], np.arange(len(keys)))
        group = [np.add.reduceat(b[order], bounds_) for b in best]  # limbs < 2^31 (top: < 2^62 / 2^14 rows)
        key_list = list(map(tuple, keys.tolist()))
        for g, key in enumerate(key_list):
            acc = sums.setdefault(key, [0] * len(best))
            for l in range(len(best)):
                acc[l] += int(group[l][g])
        for w, cols in zip(wins, mask_cols):
            if len(cols) == 0:
                continue
            won = cand[:, cols].any(axis=1).astype(np.int64)
            group_won = np.add.reduceat(won[order], bounds_)
            for g, key in enumerate(key_list):
                w[key] = w.get(key, 0) + int(group_won[g])
    bar.close()
    weight = {key: math.prod((p ** c for p, c in zip(D.probabilities, key)), start=Fraction(1)) for key in sums}
    value = {key: sum(a << (_LIMB * l) for l, a in enumerate(acc)) for key, acc in sums.items()}
    total = base + sum((Fraction(value[key]) * weight[key] for key in sums), Fraction(0)) / (xden * vden)
    probs = tuple(sum((Fraction(c) * weight[key] for key, c in w.items()), Fraction(0)) for w in wins)
    return OptionStatistics(total, probs, "finite: enumeration grouped by multiset")


def _finite_python(C: list[Vec], masks: list[frozenset[int]], D: FiniteSupport) -> OptionStatistics:
    """Fallback for huge reward values: the plain enumeration in Fractions (the twin's algorithm)."""
    res = option_statistics_reference(C, [[C[i] for i in m] for m in masks], D)
    return OptionStatistics(res.expected_max, res.probabilities, "finite: plain enumeration")


def linear_optimality_probability(A: Sequence[Sequence[Any]], B: Sequence[Sequence[Any]], dist: Any = "uniform",
                                  *, max_work: int = DEFAULT_MAX_POWER_WORK) -> tuple[Fraction, Fraction]:
    """``(p_D(A ≥ B), p_D(B ≥ A))`` with p_D(A ≥ B) = P(max_{a∈A} a·r ≥ max_{b∈B} b·r) (P21 Def E.19 /
    P22 Def D.4; weak inequality, so ties count for both)."""
    C = list(A) + list(B)
    st = option_statistics(C, [A, B], dist, max_work=max_work)
    return st.probabilities[0], st.probabilities[1]


# ---------------------------------------------------------------- twins
def option_statistics_reference(options: Sequence[Sequence[Any]],
                                subsets: Sequence[Sequence[Sequence[Any]]] = (),
                                dist: Any = "uniform") -> OptionStatistics:
    """Definition-level twin: no reductions.  Finite support: Σ over all q^d reward vectors of
    P(r)·max; ties count for every maximiser.  ``uniform``: every option's cell in the full cube,
    integrated by iterated integration (:func:`orbitproof.mdp.polytope.fm_moments`)."""
    D = parse_distribution(dist)
    C, masks = _check(options, subsets)
    d = len(C[0])
    if isinstance(D, FiniteSupport):
        total = Fraction(0)
        probs = [Fraction(0)] * len(masks)
        for combo in itertools.product(range(len(D.values)), repeat=d):
            r = [D.values[c] for c in combo]
            p = math.prod((D.probabilities[c] for c in combo), start=Fraction(1))
            vals = [sum((a * b for a, b in zip(x, r)), Fraction(0)) for x in C]
            best = max(vals)
            total += p * best
            for s, m in enumerate(masks):
                if any(vals[i] == best for i in m):
                    probs[s] += p
        return OptionStatistics(total, tuple(probs), "finite: plain enumeration")
    assert isinstance(D, Uniform01)
    total = Fraction(0)
    vols = []
    for i in range(len(C)):
        vol, m1 = fm_moments(_cell(C, i, d), d)
        vols.append(vol)
        total += sum((a * b for a, b in zip(C[i], m1)), Fraction(0))
    probs = tuple(sum((vols[i] for i in m), Fraction(0)) for m in masks)
    return OptionStatistics(total, probs, "uniform: iterated integration (twin)")


def option_statistics_monte_carlo(options: Sequence[Sequence[Any]],
                                  subsets: Sequence[Sequence[Sequence[Any]]] = (),
                                  dist: Any = "uniform", *, samples: int = 100_000,
                                  seed: int = 0) -> MonteCarloStatistics:
    """Monte Carlo **estimate** in float64 (mean and standard error); for cross-checks and the
    benchmark baseline only.  Ties are decided in floats, so under finite support the estimate of
    P(A) may differ from the exact value by rounding."""
    D = parse_distribution(dist)
    C, masks = _check(options, subsets)
    d = len(C[0])
    X = np.array([[float(x) for x in v] for v in C]).T
    rng = np.random.default_rng(seed)
    s1 = s2 = 0.0
    w1 = [0.0] * len(masks)
    done = 0
    while done < samples:
        m = min(65536, samples - done)
        if isinstance(D, FiniteSupport):
            R = rng.choice(np.array([float(v) for v in D.values]), size=(m, d),
                           p=np.array([float(p) for p in D.probabilities]))
        else:
            R = rng.random((m, d))
        S = R @ X
        best = S.max(axis=1)
        s1 += float(best.sum())
        s2 += float((best * best).sum())
        for s, mask in enumerate(masks):
            cols = sorted(mask)
            if cols:
                w1[s] += float((S[:, cols].max(axis=1) >= best - 1e-12).sum())
        done += m
    mean = s1 / samples
    var = max(0.0, s2 / samples - mean * mean)
    est = Estimate(mean, math.sqrt(var / samples), samples)
    probs = tuple(Estimate(w / samples, math.sqrt(max(0.0, (w / samples) * (1 - w / samples)) / samples), samples)
                  for w in w1)
    return MonteCarloStatistics(est, probs)
