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
  same point) is used.  Both are formed from the distinct numerator entries (few: fig1 has 8), each
  reduced modulo m and evaluated once per point, in Python integers.  Coinciding vectors are
  merged per point exactly as ``option_set`` does, and
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
from .algebraic import RealRoot, irreducible_factors
from .blocks import count_classes
from .engine import class_table
from .multiset import arrangement_table, counts_of, multinomial
from .rules import Layout

__all__ = [
    "FAST_RULES",
    "DEFAULT_SWEEP_COUNT_WORK",
    "INCREMENTAL_MAX_CLASSES",
    "fast_supported",
    "column_blocks",
    "class_count",
    "estimate_count_work",
    "per_piece_work",
    "choose_counting",
    "incremental_counts",
    "surrogate_vectors",
    "unique_int_rows",
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


def per_piece_work(prob, gamma: Fraction = Fraction(1, 2)) -> int:
    """count_orbit's own work estimate (classes × options after its block/DP reductions) for one
    piece, at a generic rational γ."""
    from .count import plan_count

    def side(idx: tuple[int, ...]):
        return list(dict.fromkeys(prob.functions[u].at(gamma) for u in idx)) or None

    A, B, C = side(prob.ia), side(prob.ib), side(prob.ic)
    return plan_count(A, B, prob.reward, C=C, compare=prob.rule).work


def estimate_count_work(prob, pieces: int, mode: str) -> int:
    """The counting work before it starts: classes × (relevant pairs + options) for the
    incremental stage, pieces × count_orbit's estimate for one piece on the per-piece path."""
    if mode == "incremental":
        return class_count(prob) * (len(prob.pairs()) + len(_used(prob)))
    return pieces * per_piece_work(prob)


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
        what = (f"orbit classes × (relevant option pairs + options), {format_estimate(class_count(prob))} classes"
                if mode == "incremental" else "pieces × class evaluations of one count")
        raise TooLargeError(
            f"this sweep would count about {format_estimate(work)} ({what}; {pieces:,} pieces), above the "
            f"limit {max_work:,}; raise it with --max-count-work (max_count_work= in Python)")
    return work


# ----------------------------------------------------------------------------- classes
def _classes(prob, blocks: list[list[int]]):
    """Class value rows (columns in block order), weights, and the coordinate → column map."""
    values, counts = counts_of(prob.reward_int)
    sizes = tuple(len(b) for b in blocks)
    if all(s == 1 for s in sizes) or multinomial(counts) > INCREMENTAL_MAX_CLASSES:
        idx, w, _ones = class_table(sizes, tuple(counts))
    else:  # every arrangement, each block sorted, deduplicated with multiplicities (vectorised)
        full = arrangement_table(tuple(counts)).copy()  # the table is cached: never sort it in place
        start = 0
        for s in sizes:
            full[:, start:start + s] = np.sort(full[:, start:start + s], axis=1)
            start += s
        idx, w = np.unique(full, axis=0, return_counts=True)
    big = max(abs(v) for v in values) >= 2**40
    vals = np.array(values, dtype=object if big else np.int64)
    X = vals[idx.astype(np.intp)]
    total = multinomial(counts)
    weights = np.array(w, dtype=np.int64 if total < _I64 else object)
    cols = [i for b in blocks for i in b]
    pos = {c: j for j, c in enumerate(cols)}
    return X, weights, cols, pos, idx, vals


# ----------------------------------------------------------------------------- points
def _vectors_at_rational(prob, used: list[int], cols: list[int], g: Fraction,
                         cache: dict | None = None) -> dict[int, tuple[int, ...]]:
    """q^{K−1}·N_f(p/q) per used function (columns in block order); each distinct numerator entry
    is evaluated once (integers only)."""
    p, q = g.numerator, g.denominator
    cache = {} if cache is None else cache  # one dict per problem (the caller's), never shared
    tkey = ("rational rows", tuple(used), tuple(cols))
    if tkey not in cache:
        entries, table = _entry_table(prob)
        cache[tkey] = (entries, [(u, table[u, cols].tolist()) for u in used])
    entries, rows = cache[tkey]
    K = len(prob.numerators[0][0])
    powers = [p**k * q ** (K - 1 - k) for k in range(K)]
    ev = [sum(x * y for x, y in zip(e, powers)) for e in entries]
    return {u: tuple([ev[e] for e in row]) for u, row in rows}


def _entry_table(prob) -> tuple[list[tuple[int, ...]], np.ndarray]:
    """The distinct coefficient tuples of the numerators and, per (function, coordinate), its index."""
    ids: dict[tuple[int, ...], int] = {}
    table = np.array([[ids.setdefault(tuple(e), len(ids)) for e in f] for f in prob.numerators], dtype=np.intp)
    return list(ids), table


def surrogate_vectors(prob, root: RealRoot, used: list[int], cols: list[int],
                      cache: dict | None = None) -> tuple[Fraction, dict[int, tuple[int, ...]]]:
    """γ* and integer vectors ∝ (N_f mod m)(γ*) deciding every comparison at the irrational root
    exactly: the point of :func:`~orbitproof.orbits.sweep.surrogate_point` (same reductions, same
    separation bound H = max |coefficient difference|, same refinement, hence the same γ*), with
    each distinct numerator entry reduced and evaluated once (integers only)."""
    from .algebraic import simplest_between

    cache = {} if cache is None else cache  # one dict per problem (the caller's), never shared
    if "entries" not in cache:
        entries, table = _entry_table(prob)
        per_coord = [es for es in (sorted(set(table[:, i].tolist())) for i in range(table.shape[1]))
                     if len(es) > 1]  # a coordinate with one entry has spread 0
        polys = [flint.fmpq_poly([int(c) for c in e]) for e in entries]
        cache["entries"] = (entries, table, per_coord, polys)
    entries, table, per_coord, polys = cache["entries"]
    k = root.degree
    mq = flint.fmpq_poly(root.flint())
    rems = [list((e % mq).coeffs()) for e in polys]
    den = 1
    for cs in rems:
        for c in cs:
            den = lcm(den, int(c.q))
    dist = [[int(c * den) for c in cs] + [0] * (k - len(cs)) for cs in rems]  # entry × power of γ
    H = 1
    if len(prob.numerators) > 1:  # max over coordinates and powers of (max − min over the functions)
        spread = 0
        for es in per_coord:
            for j in range(k):
                col = [dist[e][j] for e in es]
                spread = max(spread, max(col) - min(col))
        H = max(1, spread)
    r1 = max(1, sum(abs(x) for x in prob.reward_int))
    L1 = k * r1 * H
    a = abs(root.poly[-1])
    B = 1 + max(-(-abs(c) // a) for c in root.poly[:-1])
    inv_w = 2 * k * L1 * a ** (k - 1) * (L1 * B ** (k - 1)) ** (k - 1)
    r = root.refine(Fraction(1, inv_w))
    g = simplest_between(r.lo, r.hi)
    p, q = g.numerator, g.denominator
    powers = [p**j * q ** (k - 1 - j) for j in range(k)]
    ev = [sum(x * y for x, y in zip(row, powers)) for row in dist]  # each entry at γ*, once
    rkey = ("entry rows", tuple(used), tuple(cols))
    if rkey not in cache:
        cache[rkey] = [(u, table[u, cols].tolist()) for u in used]
    return g, {u: tuple([ev[e] for e in row]) for u, row in cache[rkey]}


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
        big = max(max(max(row) for row in rows), -min(min(row) for row in rows))
        if big < _I64 and big * len(rows[0]) * rmax < _I64:  # implies the exact bound below
            self.int64 = True
        else:
            bound = max(sum(abs(x) for x in row) for row in rows) * rmax
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
def _primitive_rows(P: np.ndarray) -> np.ndarray:
    """Rows divided by their content, first non-zero coefficient positive (zero rows stay zero)."""
    if P.dtype == object:
        out = []
        for row in P.tolist():
            g = 0
            for c in row:
                g = gcd(g, c)
            first = next((c for c in row if c), 1)
            s = (g if first > 0 else -g) or 1
            out.append([c // s for c in row])
        return np.array(out, dtype=object).reshape(P.shape)
    g = np.gcd.reduce(P, axis=1)
    g[g == 0] = 1
    P = P // g[:, None]
    first = P[np.arange(len(P)), np.argmax(P != 0, axis=1)]
    return P * np.where(first < 0, -1, 1)[:, None]


def _row_keys(idx: np.ndarray, base: int) -> tuple[np.ndarray, np.ndarray]:
    """Unique rows of a small-integer matrix and the inverse map (one int64 key per row when the
    mixed-radix key fits, else numpy's row-wise unique)."""
    t = idx.shape[1]
    if base ** max(1, t) < 2**62:
        key = np.zeros(len(idx), dtype=np.int64)
        for j in range(t):
            key = key * base + idx[:, j].astype(np.int64)
        _, first, inv = np.unique(key, return_index=True, return_inverse=True)
        return idx[first], inv.reshape(-1)
    uniq, inv = np.unique(idx, axis=0, return_inverse=True)
    return uniq, inv.reshape(-1)


def unique_int_rows(P: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(P, axis=0, return_inverse=True) for an int64 matrix, through one int64
    mixed-radix key per row when the coefficient ranges allow it (a 1-D unique is much faster)."""
    lo = P.min(axis=0)
    span = [int(h) - int(m) + 1 for h, m in zip(P.max(axis=0).tolist(), lo.tolist())]
    total = 1
    for x in span:
        total *= x
    if len(P) and total < 2**62:
        key = np.zeros(len(P), dtype=np.int64)
        for j, x in enumerate(span):
            key = key * x + (P[:, j] - lo[j])
        _, first, inv = np.unique(key, return_index=True, return_inverse=True)
        return P[first], inv.reshape(-1)
    uniq, inv = np.unique(P, axis=0, return_inverse=True)
    return uniq, inv.reshape(-1)


def _touched(prob, I: np.ndarray, vals: np.ndarray, pos: dict[int, int], bps: Sequence[RealRoot]) -> list[np.ndarray]:
    """Per breakpoint, the classes with a relevant difference polynomial vanishing there.

    ``I``: classes as indices into the distinct reward values ``vals`` (columns in block order)."""
    by_poly: dict[tuple[int, ...], list[int]] = {}
    for i, bp in enumerate(bps):
        by_poly.setdefault(tuple(bp.poly), []).append(i)

    def hits(poly: tuple[int, ...]) -> list[int]:
        out: list[int] = []
        full = tuple(int(c) for c in poly)
        while poly and poly[-1] == 0:
            poly = poly[:-1]
        if len(poly) > 1:
            for cs in irreducible_factors(full):  # cached: the root stage factored most of them
                out.extend(by_poly.get(cs, ()))
        return out

    N = prob.numerators
    K = len(N[0][0])
    base = len(vals)
    rmax = max(abs(int(v)) for v in vals.tolist())
    per_pair = []
    for u, v in prob.pairs():
        supp = [i for i in range(len(prob.coordinates)) if N[u][i] != N[v][i]]
        if not supp:
            continue
        uniq, inv = _row_keys(I[:, [pos[i] for i in supp]], base)
        delta = [[N[u][i][k] - N[v][i][k] for k in range(K)] for i in supp]
        big = max(abs(c) for row in delta for c in row) * rmax * len(supp)
        dt = np.int64 if big < 2**62 and vals.dtype != object else object
        P = vals.astype(dt)[uniq.astype(np.intp)] @ np.array(delta, dtype=dt)
        per_pair.append((inv, _primitive_rows(P)))
    if not per_pair:
        return [np.zeros(0, dtype=np.intp) for _ in bps]
    allp = np.concatenate([P for _, P in per_pair], axis=0)
    if allp.dtype == object:
        keyed: dict[tuple, int] = {}
        ginv = np.array([keyed.setdefault(tuple(r), len(keyed)) for r in allp.tolist()], dtype=np.intp)
        distinct = list(keyed)
    else:
        dpolys, ginv = unique_int_rows(allp)
        distinct = [tuple(r) for r in dpolys.tolist()]
    # CSR of breakpoints per distinct polynomial
    lists = [hits(p) for p in distinct]
    hlen = np.array([len(x) for x in lists], dtype=np.intp)
    hptr = np.concatenate([[0], np.cumsum(hlen)]).astype(np.intp)
    hbps = np.array([b for x in lists for b in x], dtype=np.intp)
    bp_ids, cls_ids = [], []
    off = 0
    for inv, P in per_pair:
        dp = ginv[off + inv]
        off += len(P)
        cnt = hlen[dp]
        total = int(cnt.sum())
        if not total:
            continue
        cls = np.repeat(np.arange(len(inv), dtype=np.intp), cnt)
        start = np.repeat(hptr[dp], cnt)
        within = np.arange(total, dtype=np.intp) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        bp_ids.append(hbps[start + within])
        cls_ids.append(cls)
    if not bp_ids:
        return [np.zeros(0, dtype=np.intp) for _ in bps]
    b = np.concatenate(bp_ids)
    c = np.concatenate(cls_ids)
    n = len(I)
    key = np.sort(b.astype(np.int64) * n + c)  # sort + adjacent dedupe (faster than np.unique here)
    if len(key):
        key = key[np.r_[True, key[1:] != key[:-1]]]
    b, c = key // n, key % n
    cuts = np.searchsorted(b, np.arange(len(bps) + 1))
    return [c[cuts[k]:cuts[k + 1]].astype(np.intp) for k in range(len(bps))]


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
    X, w, cols, pos, idx, vals = _classes(prob, blocks)
    rmax = max(abs(x) for x in prob.reward_int)
    size = int(w.sum())
    generic = len({tuple(prob.numerators[u]) for u in used})
    touched = _touched(prob, idx, vals, pos, bps)
    cache: dict = {}
    bar = Progress(total=2 * len(bps) + 1, label="sweep: counting pieces (incremental)", quiet=not progress)
    out: list[tuple[int, int, int, int]] = []
    point_samples: list[Fraction] = []
    with bar:
        verdict = _Point(prob, _vectors_at_rational(prob, used, cols, samples[0], cache), rmax).signs(rule, X)
        tally = _tally(verdict, w)
        out.append((*tally, size))
        bar.advance()
        for k, bp in enumerate(bps):
            S = touched[k]
            if bp.is_rational:
                g = bp.value
                vecs = _vectors_at_rational(prob, used, cols, g, cache)
            else:
                g, vecs = surrogate_vectors(prob, bp, used, cols, cache)
            point_samples.append(g)
            here = _Point(prob, vecs, rmax)
            wS, XS = w[S], X[S]
            old_S = _tally(verdict[S], wS)  # the touched classes on the left interval (used twice)
            if rule.needs_argmax_counts and here.distinct < generic:
                every = np.arange(len(X))
                old, new = _tally(verdict, w), _tally(here.signs(rule, X[every]), w)
            else:
                old, new = old_S, _tally(here.signs(rule, XS), wS)
            out.append((*(t - o + n for t, o, n in zip(tally, old, new)), size))
            bar.advance()
            nxt = _Point(prob, _vectors_at_rational(prob, used, cols, samples[k + 1], cache), rmax)
            v_new = nxt.signs(rule, XS)
            old = old_S
            new = _tally(v_new, wS)
            tally = tuple(t - o + n for t, o, n in zip(tally, old, new))
            verdict[S] = v_new
            out.append((*tally, size))
            bar.advance()
    return out, point_samples
