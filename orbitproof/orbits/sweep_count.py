"""The fast counting stage of the γ-sweep: incremental counts over the pieces (docs/math.md §13.1).

The slow twin (:func:`~orbitproof.orbits.sweep.gamma_sweep` with ``counting="per-piece"``) runs
one full :func:`~orbitproof.orbits.count.count_orbit` per open interval and per breakpoint.  This
module instead counts every orbit *class* once and then only re-decides the classes whose verdict
can change at each breakpoint:

* **Classes.**  Coordinates whose columns are identical in every option numerator N_f are
  interchangeable for every γ, so the orbit is enumerated as distributions of the reward values
  over those blocks (:func:`~orbitproof.orbits.engine.class_table`), each with its weight (the
  number of orbit elements it stands for).
* **Which classes a breakpoint touches.**  For the rules max, is-optimal and frac-optimal the
  verdict of an orbit element on an open interval is a function of the signs of its *relevant*
  difference polynomials (N_f − N_f')·r' (the pairs of :meth:`SweepProblem.pairs`), plus, for
  frac-optimal, of which functions coincide as vectors.  Every root in (0, 1) of every such
  polynomial is a breakpoint, so between two consecutive breakpoints no sign changes, and at a
  breakpoint β only the elements with a relevant polynomial divisible by the minimal polynomial of
  β can tie; the others keep the verdict of the interval on the left, at β and on the right.  For
  each class and each relevant pair the polynomial is formed, made primitive, factored exactly
  (python-flint; cached per distinct polynomial) and its irreducible factors are looked up among
  the breakpoints' minimal polynomials.
* **Coincidences.**  At a breakpoint where two functions coincide as vectors, ``option_set`` merges
  them; for frac-optimal (which counts maximisers) every class is re-decided there.
* **Evaluation.**  At a rational point p/q every option's vector is the integer vector
  q^{K−1}·N_f(p/q) (the positive factors D(γ) and q^{K−1} change no comparison); at an irrational
  breakpoint the exact surrogate of :func:`~orbitproof.orbits.sweep.surrogate_point` (same bound,
  same point) is used.  Coinciding vectors are merged per point exactly as ``option_set`` does, and
  the verdicts come from the rule's own exact ``batch_sign``.  Values are numpy int64 only when the
  bound Σ_i |x_i|·max|r| < 2^62 is proven for the point, else Python integers (object arrays).

The per-breakpoint work is the number of touched classes, so the total is about
classes × relevant pairs (plus one full evaluation per coincidence point for frac-optimal) instead
of classes × pieces.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import gcd, lcm

import flint
import numpy as np

from ..core.errors import TooLargeError
from ..core.limits import DEFAULT_SWEEP_COUNT_WORK, format_estimate
from ..core.progress import Progress
from .algebraic import RealRoot, fmpz_of
from .blocks import count_classes
from .engine import class_table
from .multiset import counts_of, multinomial
from .rules import Layout

__all__ = [
    "FAST_RULES",
    "DEFAULT_SWEEP_COUNT_WORK",
    "INCREMENTAL_MAX_CLASSES",
    "fast_supported",
    "column_blocks",
    "class_count",
    "estimate_count_work",
    "choose_counting",
    "incremental_counts",
    "surrogate_vectors",
]

#: The rules whose verdict is a function of relevant pair signs and coincidences (module docstring).
FAST_RULES = ("max", "is-optimal", "frac-optimal")


#: Largest number of orbit classes the incremental stage holds in memory; beyond it the sweep
#: counts piece by piece (count_orbit's block/DP reductions need no class table).
INCREMENTAL_MAX_CLASSES = 2_000_000

_I64 = 2**62


def fast_supported(prob) -> bool:
    """Whether the incremental stage applies: one of :data:`FAST_RULES` and a plain reward."""
    return prob.rule.name in FAST_RULES and type(prob).__name__ == "SweepProblem" and len(prob.reward_int) > 0


def _used(prob) -> list[int]:
    return sorted(set(prob.ia) | set(prob.ib) | set(prob.ic))


def column_blocks(prob) -> list[list[int]]:
    """Coordinates grouped by identical columns over every numerator of A ∪ B ∪ C (interchangeable
    for every γ), in order of first appearance."""
    used = _used(prob)
    groups: dict[tuple, list[int]] = {}
    for i in range(len(prob.coordinates)):
        groups.setdefault(tuple(prob.numerators[u][i] for u in used), []).append(i)
    return list(groups.values())


def class_count(prob) -> int:
    """Number of orbit classes over :func:`column_blocks` (an upper bound if very large)."""
    _, counts = counts_of(prob.reward_int)
    sizes = [len(b) for b in column_blocks(prob)]
    return count_classes(sizes, counts)


def estimate_count_work(prob, pieces: int, mode: str) -> int:
    """The counting work before it starts: classes × (relevant pairs + options) for the
    incremental stage, pieces × classes for the per-piece path."""
    n = class_count(prob)
    if mode == "incremental":
        return n * (len(prob.pairs()) + len(_used(prob)))
    return pieces * n


def choose_counting(prob, pieces: int, counting: str = "auto") -> str:
    """``"incremental"`` or ``"per-piece"`` (``auto``: incremental when the rule allows it, the
    class table fits in memory, and there is more than one piece to count)."""
    if counting == "per-piece":
        return counting
    ok = fast_supported(prob) and class_count(prob) <= INCREMENTAL_MAX_CLASSES
    if counting == "incremental":
        if not fast_supported(prob):
            raise ValueError(f"the incremental sweep counting does not support the rule {prob.rule.name!r}")
        return counting
    return "incremental" if ok and pieces > 1 else "per-piece"


def check_count_work(prob, pieces: int, mode: str, max_work: int | None) -> int:
    """Estimate and refuse past ``max_work`` with one line naming the flag that raises it."""
    work = estimate_count_work(prob, pieces, mode)
    if max_work is not None and work > max_work:
        what = ("orbit classes × (relevant option pairs + options)" if mode == "incremental"
                else "pieces × orbit classes")
        raise TooLargeError(
            f"this sweep would count about {format_estimate(work)} ({what}: {pieces:,} pieces, "
            f"{format_estimate(class_count(prob))} classes), above the limit {max_work:,}; raise it with "
            "--max-count-work (max_count_work= in Python)")
    return work


# ----------------------------------------------------------------------------- classes
def _classes(prob, blocks: list[list[int]]):
    """Class value rows (columns in block order), weights, and the coordinate → column map."""
    values, counts = counts_of(prob.reward_int)
    sizes = tuple(len(b) for b in blocks)
    idx, w, _ones = class_table(sizes, tuple(counts))
    big = max(abs(v) for v in values) >= 2**40
    vals = np.array(values, dtype=object if big else np.int64)
    X = vals[idx.astype(np.intp)]
    total = multinomial(counts)
    weights = np.array(w, dtype=np.int64 if total < _I64 else object)
    cols = [i for b in blocks for i in b]
    pos = {c: j for j, c in enumerate(cols)}
    return X, weights, cols, pos


# ----------------------------------------------------------------------------- points
def _vectors_at_rational(prob, used: list[int], cols: list[int], g: Fraction) -> dict[int, tuple[int, ...]]:
    """q^{K−1}·N_f(p/q) per used function (columns in block order)."""
    p, q = g.numerator, g.denominator
    K = len(prob.numerators[used[0]][0])
    powers = [p**k * q ** (K - 1 - k) for k in range(K)]
    out = {}
    for u in used:
        row = prob.numerators[u]
        out[u] = tuple(sum(c * w for c, w in zip(row[i], powers)) for i in cols)
    return out


_REDUCED: dict = {}


def surrogate_vectors(prob, root: RealRoot, used: list[int], cols: list[int]) -> tuple[Fraction, dict[int, tuple[int, ...]]]:
    """γ* and integer vectors ∝ (N_f mod m)(γ*) deciding every comparison at the irrational root
    exactly: the point of :func:`~orbitproof.orbits.sweep.surrogate_point` (same reductions, same
    separation bound, same refinement, hence the same γ*), computed with array arithmetic."""
    from .algebraic import simplest_between

    key = (id(prob), root.poly)
    if key not in _REDUCED:
        _REDUCED.clear() if len(_REDUCED) > 4096 else None
        mq = flint.fmpq_poly(root.flint())
        k = root.degree
        den = 1
        red = []
        for f in prob.numerators:
            row = []
            for coeffs in f:
                rem = flint.fmpq_poly([int(c) for c in coeffs]) % mq
                cs = list(rem.coeffs())
                row.append(cs)
                for c in cs:
                    den = lcm(den, int(c.q))
            red.append(row)
        ints = np.zeros((len(red), len(prob.coordinates), max(1, k)), dtype=object)
        ints[:] = 0
        for a, row in enumerate(red):
            for i, cs in enumerate(row):
                for j, c in enumerate(cs):
                    ints[a, i, j] = int(c * den)
        H = 1
        if len(red) > 1:
            H = max(1, int((ints.max(axis=0) - ints.min(axis=0)).max()))
        _REDUCED[key] = (ints, H)
    ints, H = _REDUCED[key]
    k = root.degree
    r1 = max(1, sum(abs(x) for x in prob.reward_int))
    L1 = k * r1 * H
    a = abs(root.poly[-1])
    B = 1 + max(-(-abs(c) // a) for c in root.poly[:-1])
    inv_w = 2 * k * L1 * a ** (k - 1) * (L1 * B ** (k - 1)) ** (k - 1)
    r = root.refine(Fraction(1, inv_w))
    g = simplest_between(r.lo, r.hi)
    p, q = g.numerator, g.denominator
    powers = [p**j * q ** (k - 1 - j) for j in range(k)]
    out = {}
    for u in used:
        out[u] = tuple(sum(int(ints[u, i, j]) * powers[j] for j in range(k)) for i in cols)
    return g, out


class _Point:
    """The option matrix and layout at one point (coinciding vectors merged, as option_set does)."""

    __slots__ = ("matrix", "layout", "distinct", "int64")

    def __init__(self, prob, vectors: dict[int, tuple[int, ...]], rmax: int) -> None:
        pos: dict[tuple[int, ...], int] = {}
        rows: list[tuple[int, ...]] = []

        def index(idx: tuple[int, ...]) -> tuple[int, ...]:
            out = set()
            for u in idx:
                v = vectors[u]
                if v not in pos:
                    pos[v] = len(rows)
                    rows.append(v)
                out.add(pos[v])
            return tuple(sorted(out))

        ia, ib = index(prob.ia), index(prob.ib)
        ic = index(prob.ic) if prob.rule.uses_choice_set else ()
        self.layout = Layout(ia, ib, ic)
        self.distinct = len(rows)
        bound = max(sum(abs(x) for x in row) for row in rows) * rmax
        big = max(abs(x) for row in rows for x in row)
        self.int64 = bound < _I64 and big < _I64
        self.matrix = np.array(rows, dtype=np.int64 if self.int64 else object).reshape(len(rows), -1)

    def signs(self, rule, X: np.ndarray) -> np.ndarray:
        if len(X) == 0:
            return np.zeros(0, dtype=np.int8)
        Xs = X if self.int64 else X.astype(object)
        vals = self.matrix @ Xs.T
        return np.asarray(rule.batch_sign(vals, self.layout), dtype=np.int8)


def _tally(signs: np.ndarray, w: np.ndarray) -> tuple[int, int, int]:
    b = int(w[signs > 0].sum())
    a = int(w[signs < 0].sum())
    return b, a, int(w.sum()) - a - b


# ----------------------------------------------------------------------------- touched classes
def _touched(prob, X: np.ndarray, pos: dict[int, int], bps: Sequence[RealRoot]) -> list[np.ndarray]:
    """Per breakpoint, the classes with a relevant difference polynomial vanishing there."""
    by_poly: dict[tuple[int, ...], list[int]] = {}
    for i, bp in enumerate(bps):
        by_poly.setdefault(tuple(bp.poly), []).append(i)
    cache: dict[tuple[int, ...], tuple[int, ...]] = {}

    def hits(poly: tuple[int, ...]) -> tuple[int, ...]:
        if poly not in cache:
            out: list[int] = []
            if len(poly) > 1:
                _, fl = fmpz_of(poly).factor()
                for f, _e in fl:
                    cs = tuple(int(c) for c in f.coeffs())
                    if cs[-1] < 0:
                        cs = tuple(-c for c in cs)
                    out.extend(by_poly.get(cs, ()))
            cache[poly] = tuple(out)
        return cache[poly]

    N = prob.numerators
    parts: list[list[np.ndarray]] = [[] for _ in bps]
    for u, v in prob.pairs():
        supp = [i for i in range(len(prob.coordinates)) if N[u][i] != N[v][i]]
        if not supp:
            continue
        delta = [[N[u][i][k] - N[v][i][k] for k in range(len(N[u][i]))] for i in supp]
        sub = X[:, [pos[i] for i in supp]]
        uniq, inv = np.unique(sub, axis=0, return_inverse=True)
        inv = inv.reshape(-1)
        order = np.argsort(inv, kind="stable")
        bounds = np.searchsorted(inv[order], np.arange(len(uniq) + 1))
        for j, row in enumerate(uniq.tolist()):
            poly = [sum(int(x) * d[k] for x, d in zip(row, delta)) for k in range(len(delta[0]))]
            while poly and poly[-1] == 0:
                poly.pop()
            if len(poly) < 2:
                continue
            g = 0
            for c in poly:
                g = gcd(g, c)
            first = next(c for c in poly if c)
            s = g if first > 0 else -g
            got = hits(tuple(c // s for c in poly))
            if got:
                members = order[bounds[j]:bounds[j + 1]]
                for i in got:
                    parts[i].append(members)
    return [np.unique(np.concatenate(p)) if p else np.zeros(0, dtype=np.intp) for p in parts]


# ----------------------------------------------------------------------------- the stage
def incremental_counts(prob, bps: Sequence[RealRoot], samples: Sequence[Fraction], *,
                       progress: bool = False) -> tuple[list[tuple[int, int, int, int]], list[Fraction]]:
    """Counts of every piece (interval, breakpoint, interval, ...) and the sample point of every
    breakpoint piece (the rational itself, or the surrogate γ*), given the sorted breakpoints and
    one rational sample inside each open interval (module docstring)."""
    if not fast_supported(prob):
        raise ValueError(f"the incremental sweep counting does not support the rule {prob.rule.name!r}")
    rule = prob.rule
    used = _used(prob)
    blocks = column_blocks(prob)
    X, w, cols, pos = _classes(prob, blocks)
    rmax = max(abs(x) for x in prob.reward_int)
    size = int(w.sum())
    generic = len({tuple(prob.numerators[u]) for u in used})
    touched = _touched(prob, X, pos, bps)
    bar = Progress(total=2 * len(bps) + 1, label="sweep: counting pieces (incremental)", quiet=not progress)
    out: list[tuple[int, int, int, int]] = []
    point_samples: list[Fraction] = []
    with bar:
        verdict = _Point(prob, _vectors_at_rational(prob, used, cols, samples[0]), rmax).signs(rule, X)
        tally = _tally(verdict, w)
        out.append((*tally, size))
        bar.advance()
        for k, bp in enumerate(bps):
            S = touched[k]
            if bp.is_rational:
                g = bp.value
                vecs = _vectors_at_rational(prob, used, cols, g)
            else:
                g, vecs = surrogate_vectors(prob, bp, used, cols)
            point_samples.append(g)
            here = _Point(prob, vecs, rmax)
            S_pt = S
            if rule.needs_argmax_counts and here.distinct < generic:
                S_pt = np.arange(len(X))
            old = _tally(verdict[S_pt], w[S_pt])
            new = _tally(here.signs(rule, X[S_pt]), w[S_pt])
            out.append((*(t - o + n for t, o, n in zip(tally, old, new)), size))
            bar.advance()
            nxt = _Point(prob, _vectors_at_rational(prob, used, cols, samples[k + 1]), rmax)
            v_new = nxt.signs(rule, X[S])
            old = _tally(verdict[S], w[S])
            new = _tally(v_new, w[S])
            tally = tuple(t - o + n for t, o, n in zip(tally, old, new))
            verdict[S] = v_new
            out.append((*tally, size))
            bar.advance()
    return out, point_samples
