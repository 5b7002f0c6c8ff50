"""Orbit counts of unit families under ``max`` by order statistics and a linear sign test.

Setting (docs/orbit-counting.md "Extremes by order statistics"; docs/math.md §2.1): the
coordinates split into *blocks* whose symmetric groups map A and B onto themselves, every option
meets every block in at most one coordinate and with a positive (lexicographically positive, for
Blackwell layers) coefficient, and the remaining coordinates are untouched (after the constant
columns are set to zero, which changes no comparison under ``max``).  The options of a side then
come in *families* w + Σ_b c_b e_{i_b} (i_b ranging over block b), so

    g_X(r') = max over the families t of X of  Σ_b c_{t,b} · X_b,      X_b = max of r' on block b,

a maximum of linear forms with positive coefficients in the block maxima.  The outcome of r' is
the sign of g_B − g_A: it depends on the k block maxima only.

Counting.  Work with *labelled* items (the d reward entries, told apart even when equal, sorted
ascending; N(≤v), N(<v) count the items with value ≤ v, < v); the distinct orbit elements are the
labelled arrangements divided by ∏_v m_v! (m_v = multiplicity of v).  The number of labelled
arrangements in which block b's items all lie below item-threshold T_b (b = 1..k) is

    H(T) = P! · ∏_{blocks in ascending order of T_b} (T_b − S_before)_{s_b}       (falling factorial)

(P = number of untouched coordinates, S_before = sizes of the blocks placed before), and
"maximum exactly v" is the inclusion–exclusion Σ_{ε∈{0,1}^k} (−1)^{|ε|} H(T^ε) with
T_b^0 = N(≤ v_b), T_b^1 = N(< v_b).

A direct sum over all k-tuples of maxima costs t^k (t distinct values) -- the old extremes DP
(:mod:`.unitdp`) is of that order.  Here at most two *singleton* blocks -- one used only by A
(item i), one used only by B (item j) -- are summed in closed form:

* fixing the other ("outer") maxima, the weight of (i, j) depends only on which segment between
  consecutive thresholds N(≤ v_b), N(< v_b) each of i, j falls in (an item below T_b uses one of
  the block's places), so it is constant on each pair of segments;
* g_A is non-decreasing in item i's value and g_B in item j's (positive coefficients), so the
  number of pairs (i, j) in two segments with g_B(j) > g_A(i) (resp. <, =) is a sum of clipped
  ranks, one ``searchsorted`` plus prefix sums -- the linear sign test.

Work: ∏_{outer b} #{v : N(≤ v) ≥ s_b} tuples, each O(d) vectorised.  A large block has few
candidate maxima (its maximum is among the top d − s_b + 1 items), so for ``terminal:m=2,n=N``
under discounting or Blackwell (blocks: die, live, D of size 2, L of size N) this is about 6·d
tuples instead of the old DP's d³ statistics.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from math import comb, factorial, lcm
from typing import Any

import numpy as np

__all__ = ["UnitFamilies", "unit_families", "extremes_counts", "extremes_work", "extremes_int64", "inner_singletons", "EXTREMES_MAX_TUPLES"]

EXTREMES_MAX_TUPLES = 2_000_000
_I64 = 2**62
_SPLIT_MAX = 16


@dataclass(frozen=True)
class UnitFamilies:
    """The unit-family structure of a count under max (see the module docstring).

    ``blocks``: the blocks of touched coordinates (0-based indices); ``types_a``/``types_b``: the
    families of each side as tuples ``((block, coefficient), ...)`` with positive integer
    coefficients (layers combined exactly as in :mod:`.problem`); ``reward_int``: the reward scaled
    to integers (same order as the coordinates).
    """

    blocks: tuple[tuple[int, ...], ...]
    types_a: tuple[tuple[tuple[int, int], ...], ...]
    types_b: tuple[tuple[tuple[int, int], ...], ...]
    reward_int: tuple[int, ...]

    @property
    def sizes(self) -> tuple[int, ...]:
        return tuple(len(b) for b in self.blocks)


def unit_families(A: Any, B: Any, reward: Sequence[Fraction]) -> tuple[UnitFamilies | None, str]:
    """Derive :class:`UnitFamilies` from two sparse option sets (``SparseOptionSet``) and an exact
    reward, or return ``(None, reason)`` when the structure does not apply.

    Steps (each exact): layers scaled to integers per layer; columns equal in every option set to
    zero (they add the same amount to every value); layers combined into one integer coefficient
    Σ_j W_j c_j with the weights of :mod:`.problem` (lexicographic order = integer order on the
    whole orbit); coordinates grouped by their column signature and every group checked to be a
    block (consecutive transpositions map A and B onto themselves), unit-like and positive.
    """
    d = len(reward)
    depth = max([1, *(len(lay) for S in (A, B) for o in S.options for _, lay in o)])
    dens = [1] * depth
    for S in (A, B):
        for o in S.options:
            for _, lay in o:
                for j, x in enumerate(lay):
                    if type(x) is not int and x.denominator != 1:
                        dens[j] = lcm(dens[j], x.denominator)

    def scaled(o):
        return tuple((i, tuple(x * dens[j] if type(x) is int else x.numerator * (dens[j] // x.denominator)
                               for j, x in enumerate(lay))) for i, lay in o)

    # integer rows (hashing ints is cheap, hashing Fractions is not); the union keeps first occurrences
    ka = list(dict.fromkeys(scaled(o) for o in A.options))
    kb = list(dict.fromkeys(scaled(o) for o in B.options))
    pos: dict = {}
    for key in ka + kb:
        pos.setdefault(key, len(pos))
    rows = [dict(key) for key in pos]
    # constant columns (identical in every option, zero included) -> zero (shift invariance of max)
    if len(rows) >= 2:
        touch: dict[int, int] = {}
        for row in rows:
            for i in row:
                touch[i] = touch.get(i, 0) + 1
        const = [i for i, n in touch.items() if n == len(rows) and all(row[i] == rows[0][i] for row in rows)]
        for row in rows:
            for i in const:
                del row[i]
    rden = 1
    for x in reward:
        rden = lcm(rden, x.denominator)
    reward_int = tuple(x.numerator * (rden // x.denominator) for x in reward)
    rsorted = sorted((abs(x) for x in reward_int), reverse=True)

    def bound(entries: list[int]) -> int:
        a = sorted((abs(x) for x in entries if x), reverse=True)
        return sum(x * y for x, y in zip(a, rsorted))

    if depth == 1:
        comb_rows = [{i: lay[0] for i, lay in row.items()} for row in rows]
    else:
        bounds = [max([0, *(bound([lay[j] if j < len(lay) else 0 for lay in row.values()]) for row in rows)])
                  for j in range(depth)]
        weights = [1] * depth
        for j in range(depth - 2, -1, -1):
            weights[j] = 1 + sum(2 * bounds[i] * weights[i] for i in range(j + 1, depth))
        comb_rows = [{i: sum(w * x for w, x in zip(weights, lay)) for i, lay in row.items()} for row in rows]
    for row in comb_rows:
        for i, c in row.items():
            if c < 0:
                return None, "a coefficient is negative (the families would need block minima)"
            if c == 0:  # pragma: no cover - a non-zero layer tuple combines to a non-zero integer
                return None, "a zero combined coefficient"
    in_a = [pos[o] for o in ka]
    in_b = [pos[o] for o in kb]
    keys = [tuple(sorted(row.items())) for row in comb_rows]
    side_keys = [{keys[u] for u in in_a}, {keys[u] for u in in_b}]
    side_of = [set(in_a), set(in_b)]
    touching: dict[int, list[int]] = {}
    for u, row in enumerate(comb_rows):
        for i in row:
            touching.setdefault(i, []).append(u)
    groups: dict[tuple, list[int]] = {}
    for i in sorted(touching):
        sig = tuple(tuple(sorted(comb_rows[u][i] for u in touching[i] if u in side)) for side in side_of)
        groups.setdefault(sig, []).append(i)
    blocks = []
    for blk in sorted(tuple(g) for g in groups.values()):
        if _is_block(blk, comb_rows, touching, keys, side_of, side_keys):
            blocks.append(blk)
        elif len(blk) <= _SPLIT_MAX:  # singletons are always blocks (trivial symmetric group)
            blocks.extend((i,) for i in blk)
        else:
            return None, f"{len(blk)} coordinates with equal columns do not form a unit-like block"
    blocks.sort()
    where = {i: b for b, blk in enumerate(blocks) for i in blk}

    def types(idx):
        return tuple(sorted({tuple(sorted((where[i], c) for i, c in comb_rows[u].items())) for u in idx}))

    return UnitFamilies(tuple(blocks), types(in_a), types(in_b), reward_int), ""


def _is_block(blk, comb_rows, touching, keys, side_of, side_keys) -> bool:
    """Unit-like (no option meets it twice) and every consecutive transposition maps A and B onto
    themselves (they generate the block's symmetric group)."""
    if all(len(comb_rows[u]) == 1 for i in blk for u in touching[i]):
        # only single-entry options meet the block: equal column signatures (per side, the
        # coefficients c of the options c·e_i) already make every transposition map the side onto itself
        return True
    members = set(blk)
    for u in {u for i in blk for u in touching[i]}:
        if sum(1 for i in comb_rows[u] if i in members) > 1:
            return False
    for i, j in zip(blk, blk[1:]):
        swap = {i: j, j: i}
        for u in set(touching[i]) | set(touching[j]):
            img = tuple(sorted((swap.get(c, c), x) for c, x in keys[u]))
            for s in (0, 1):
                if u in side_of[s] and img not in side_keys[s]:
                    return False
    return True


def inner_singletons(fam: UnitFamilies) -> tuple[int | None, int | None]:
    """The singleton blocks summed in closed form: (one used by A only, one used by B only)."""
    ia, ib, _ = _inner(fam)
    return ia, ib


def _inner(fam: UnitFamilies) -> tuple[int | None, int | None, list[int]]:
    """(A-only singleton, B-only singleton, outer blocks) -- see the module docstring."""
    uses_a = {b for t in fam.types_a for b, _ in t}
    uses_b = {b for t in fam.types_b for b, _ in t}
    sizes = fam.sizes
    ia = next((b for b in range(len(sizes)) if sizes[b] == 1 and b in uses_a and b not in uses_b), None)
    ib = next((b for b in range(len(sizes)) if sizes[b] == 1 and b in uses_b and b not in uses_a), None)
    return ia, ib, [b for b in range(len(sizes)) if b not in (ia, ib)]


def _candidates(fam: UnitFamilies, outer: Sequence[int]) -> tuple[list[int], list[int], list[list[int]]]:
    vals = sorted(set(fam.reward_int))
    cnt = {v: 0 for v in vals}
    for x in fam.reward_int:
        cnt[x] += 1
    cum = [0]
    for v in vals:
        cum.append(cum[-1] + cnt[v])
    sizes = fam.sizes
    return vals, cum, [[v for v in range(len(vals)) if cum[v + 1] >= sizes[b]] for b in outer]


def _weight_matrix(terms, starts: list[int]) -> list[list[int]]:
    """W[p][q] = Σ_ε sign_ε ∏_blocks C(T − c − S, s), c = #{segment p, segment q starts below T}."""
    n = len(starts)
    W = [[0] * n for _ in range(n)]
    for sg, facs in terms:
        M = [[sg] * n for _ in range(n)]
        for Tq, f in facs:
            below = [int(s0 < Tq) for s0 in starts]
            for p in range(n):
                row, bp = M[p], below[p]
                for q in range(n):
                    if row[q]:
                        row[q] *= f[bp + below[q]]
        for p in range(n):
            Wp, Mp = W[p], M[p]
            for q in range(n):
                Wp[q] += Mp[q]
    return W


def _pair_counts(GA: np.ndarray, GB: np.ndarray, segs: list[tuple[int, int]]):
    """For segments p, q of the items: #{(i, j) : i in p, j in q, i != j} with GB_j > GA_i, < and =
    (GA, GB non-decreasing): clipped rank sums Σ_i min(max(R_i, b0), b1) by prefix sums."""
    R = np.searchsorted(GB, GA, "right")  # #{j : GB_j <= GA_i}
    Lf = np.searchsorted(GB, GA, "left")  # #{j : GB_j < GA_i}
    st = np.array([a for a, _ in segs], dtype=np.int64)
    en = np.array([b for _, b in segs], dtype=np.int64)
    A0, A1 = st[:, None], en[:, None]
    B0, B1 = st[None, :], en[None, :]
    n = A1 - A0

    def clip_sum(F):
        pref = np.concatenate(([0], np.cumsum(F, dtype=np.int64)))
        u = np.clip(np.searchsorted(F, st, "left")[None, :], A0, A1)
        w = np.clip(np.searchsorted(F, en, "right")[None, :], u, A1)
        return B0 * (u - A0) + (pref[w] - pref[u]) + B1 * (A1 - w)

    gt = n * B1 - clip_sum(R)
    lt = clip_sum(Lf) - n * B0
    eq = n * (B1 - B0) - gt - lt
    dg = np.concatenate(([0], np.cumsum(GB > GA, dtype=np.int64)))
    dl = np.concatenate(([0], np.cumsum(GB < GA, dtype=np.int64)))
    g_, l_ = dg[en] - dg[st], dl[en] - dl[st]
    idx = np.arange(len(segs))
    gt[idx, idx] -= g_
    lt[idx, idx] -= l_
    eq[idx, idx] -= (en - st) - g_ - l_
    return gt.tolist(), lt.tolist(), eq.tolist()


def extremes_int64(fam: UnitFamilies) -> bool:
    """True iff every option value is below 2^62 in absolute value (numpy int64 is then exact)."""
    absmax = max([0, *(abs(v) for v in fam.reward_int)])
    return absmax < _I64 and max([0, *(sum(c for _, c in t) for t in fam.types_a + fam.types_b)]) * absmax < _I64


def extremes_work(fam: UnitFamilies) -> int:
    """Tuples of outer block maxima the count visits (each costs O(d) vectorised work)."""
    _, _, outer = _inner(fam)
    _, _, cands = _candidates(fam, outer)
    n = 1
    for c in cands:
        n *= len(c)
    return n


def extremes_counts(fam: UnitFamilies, vectorised: bool = True) -> tuple[int, int, int]:
    """(b_gt_a, a_gt_b, tie) over the distinct orbit elements of ``fam.reward_int`` (module doc).

    ``vectorised=False`` runs the scalar loop over every tuple of outer maxima (the twin of the
    vectorised sums; both are exact)."""
    d = len(fam.reward_int)
    sizes = fam.sizes
    P = d - sum(sizes)
    ia, ib, outer = _inner(fam)
    vals, cum, cands = _candidates(fam, outer)
    items = sorted(fam.reward_int)
    absmax = max(abs(v) for v in items)
    big = max([0, *(sum(c for _, c in t) for t in fam.types_a + fam.types_b)]) * absmax
    dtype = np.int64 if big < _I64 and absmax < _I64 else object
    item_arr = np.array(items, dtype=dtype)

    def side(types, inner):
        """Per family: (outer (position, coefficient) pairs, coefficient on the inner singleton)."""
        out = []
        for t in types:
            co = dict(t)
            out.append(([(q, co[b]) for q, b in enumerate(outer) if b in co], co.get(inner, 0)))
        return out

    fa, fb = side(fam.types_a, ia), side(fam.types_b, ib)
    scaled_a = [item_arr * c if c else None for _, c in fa] if ia is not None else None
    scaled_b = [item_arr * c if c else None for _, c in fb] if ib is not None else None
    comb_cache: dict[tuple[int, int], int] = {}

    def binom(n: int, s: int) -> int:  # falling factorial (n)_s = s! · C(n, s); the s! go out
        if n < s:
            return 0
        key = (n, s)
        v = comb_cache.get(key)
        if v is None:
            v = comb_cache[key] = comb(n, s)
        return v

    def g_values(fams, scaled, x):
        consts = [sum(c * vals[x[q]] for q, c in oc) for oc, _ in fams]
        if scaled is None:
            return max(consts)
        arr = None
        for K, sc in zip(consts, scaled):
            cur = (sc + K) if sc is not None else np.full(d, K, dtype=dtype)
            arr = cur if arr is None else np.maximum(arr, cur)
        return arr

    eps_list = list(product((0, 1), repeat=len(outer)))
    osizes = [sizes[b] for b in outer]
    tot = None
    if vectorised and dtype is np.int64:
        tot = _counts_vectorised(d, sizes, outer, ia, ib, vals, cum, cands, items, fa, fb, big)
    if tot is None:
        tot = _counts_scalar(d, ia, ib, outer, osizes, cum, cands=cands, eps_list=eps_list,
                             binom=binom, g_values=g_values, fa=fa, fb=fb, scaled_a=scaled_a, scaled_b=scaled_b)
    return _finish(tot, items, P, [sizes[q] for q in outer])


def _finish(tot, items, P, osizes) -> tuple[int, int, int]:
    """Labelled counts (divided by P! ∏ s_q!) → distinct orbit elements."""
    den = 1
    mult: dict[int, int] = {}
    for v in items:
        mult[v] = mult.get(v, 0) + 1
    for m in mult.values():
        den *= factorial(m)
    pf = factorial(P)
    for s in osizes:
        pf *= factorial(s)
    out = []
    for x in tot:
        q, rem = divmod(x * pf, den)
        if rem:  # pragma: no cover - labelled counts are multiples of ∏ m_v!
            raise AssertionError("labelled count not divisible by the multiplicities")
        out.append(q)
    return out[0], out[1], out[2]


def _counts_scalar(d, ia, ib, outer, osizes, cum, cands, eps_list, binom, g_values, fa, fb,
                   scaled_a, scaled_b) -> list[int]:
    """The sums of :func:`extremes_counts`, one tuple of outer maxima at a time."""
    tot = [0, 0, 0]  # B>A, A>B, tie (labelled arrangements / (P! ∏ s_q!))
    for x in product(*cands):
        T = [(cum[x[q] + 1], cum[x[q]]) for q in range(len(outer))]
        bps = sorted({0, d, *(t for pair in T for t in pair)})
        segs = [(bps[p], bps[p + 1]) for p in range(len(bps) - 1) if bps[p + 1] > bps[p]]
        seg_a = segs if ia is not None else [None]
        seg_b = segs if ib is not None else [None]
        # per ε: the sign and, per outer block in ascending threshold order, its factor
        # C(T − c − S, s) for c = 0, 1, 2 inner items below its threshold T (or None: always zero)
        terms = []
        for eps in eps_list:
            th = [T[q][e] for q, e in enumerate(eps)]
            order = sorted(range(len(outer)), key=lambda q: th[q])
            S, facs = 0, []
            for q in order:
                facs.append((th[q], [binom(th[q] - c - S, osizes[q]) for c in (0, 1, 2)]))
                S += osizes[q]
            terms.append((-1 if sum(eps) % 2 else 1, facs))

        def weight(sa, sb) -> int:
            total = 0
            for sg, facs in terms:
                h = sg
                for Tq, f in facs:
                    h *= f[(sa is not None and sa[0] < Tq) + (sb is not None and sb[0] < Tq)]
                    if not h:
                        break
                total += h
            return total

        GA = g_values(fa, scaled_a, x)
        GB = g_values(fb, scaled_b, x)
        if ia is None and ib is None:
            w = weight(None, None)
            if w:
                tot[0 if GB > GA else 1 if GB < GA else 2] += w
            continue
        if ib is None:  # only A's singleton: count items i in each segment by sign(gB - GA_i)
            lo = int(np.searchsorted(GA, GB, "left"))  # GA_i < gB  <=>  i < lo
            hi = int(np.searchsorted(GA, GB, "right"))  # GA_i > gB  <=>  i >= hi
            for sa in seg_a:
                w = weight(sa, None)
                if not w:
                    continue
                a0, a1 = sa
                gt = max(0, min(a1, lo) - a0)
                lt = max(0, a1 - max(a0, hi))
                tot[0] += w * gt
                tot[1] += w * lt
                tot[2] += w * (a1 - a0 - gt - lt)
            continue
        if ia is None:  # only B's singleton
            lo = int(np.searchsorted(GB, GA, "left"))  # GB_j < gA  <=>  j < lo
            hi = int(np.searchsorted(GB, GA, "right"))  # GB_j > gA  <=>  j >= hi
            for sb in seg_b:
                w = weight(None, sb)
                if not w:
                    continue
                b0, b1 = sb
                lt = max(0, min(b1, lo) - b0)
                gt = max(0, b1 - max(b0, hi))
                tot[0] += w * gt
                tot[1] += w * lt
                tot[2] += w * (b1 - b0 - gt - lt)
            continue
        # both singletons: pairs (i, j), i != j, by sign(GB_j - GA_i), segment pair by segment pair
        starts = [s0 for s0, _ in segs]
        W = _weight_matrix(terms, starts)
        gt_m, lt_m, eq_m = _pair_counts(GA, GB, segs)
        for p in range(len(segs)):
            Wp, gp, lp, ep = W[p], gt_m[p], lt_m[p], eq_m[p]
            for q in range(len(segs)):
                w = Wp[q]
                if w:
                    tot[0] += w * gp[q]
                    tot[1] += w * lp[q]
                    tot[2] += w * ep[q]
    return tot


_CHUNK = 1 << 19  # rows × items per vectorised chunk (a few int64 arrays of this size)


def _rowwise_searchsorted(sorted_rows: np.ndarray, queries: np.ndarray, side: str, span: int) -> np.ndarray:
    """Per row r: searchsorted(sorted_rows[r], queries[r]); rows are shifted apart by ``span``."""
    nr, d = sorted_rows.shape
    off = (np.arange(nr, dtype=np.int64) * span)[:, None]
    pos = np.searchsorted((sorted_rows + off).ravel(), (queries + off).ravel(), side)
    return pos.reshape(queries.shape) - (np.arange(nr, dtype=np.int64) * d)[:, None]


def _counts_vectorised(d, sizes, outer, ia, ib, vals, cum, cands, items, fa, fb, big) -> list[int] | None:
    """The same sums as the scalar loop of :func:`extremes_counts`, vectorised over the candidate
    maxima of the widest outer block (numpy int64 for ranks and values, Python ints for weights).
    Returns ``None`` when the int64 bounds do not hold (the caller then runs the scalar loop)."""
    ko = len(outer)
    if ko == 0:
        return None
    qs = max(range(ko), key=lambda q: len(cands[q]))
    others = [q for q in range(ko) if q != qs]
    span = 2 * big + 1
    per_row = d if ia is not None or ib is not None else 16  # (nr, d) arrays only with a singleton
    rows_max = max(1, _CHUNK // per_row)
    both = ia is not None and ib is not None  # only then are rows shifted apart (row-wise ranks)
    if both and ((min(rows_max, len(cands[qs])) + 1) * span >= _I64 or (rows_max + 1) * (d + 1) >= _I64):
        return None
    item = np.array(items, dtype=np.int64)
    vals_arr = np.array(vals, dtype=np.int64)
    cum_arr = np.array(cum, dtype=np.int64)
    osz = [sizes[b] for b in outer]
    # C(n, s_q) for n = -1..d at index n + 1 (negative n: 0)
    tabs = [np.array([0] + [comb(n, s) for n in range(d + 1)], dtype=object) for s in osz]
    eps_list = list(product((0, 1), repeat=ko))
    b_fixed = not any(q == qs for oc, _ in fb for q, _ in oc)
    tot = [0, 0, 0]
    for fixed in product(*(cands[q] for q in others)):
        xq = dict(zip(others, fixed))
        cq = np.array(cands[qs], dtype=np.int64)
        for c0 in range(0, len(cq), rows_max):
            xs = cq[c0:c0 + rows_max]
            nr = len(xs)
            T0, T1 = [], []
            for q in range(ko):
                if q == qs:
                    T0.append(cum_arr[xs + 1])
                    T1.append(cum_arr[xs])
                else:
                    T0.append(np.full(nr, cum[xq[q] + 1], dtype=np.int64))
                    T1.append(np.full(nr, cum[xq[q]], dtype=np.int64))
            BP = np.sort(np.stack([np.zeros(nr, dtype=np.int64), np.full(nr, d, dtype=np.int64), *T0, *T1], axis=1),
                         axis=1)
            st, en = BP[:, :-1], BP[:, 1:]
            ns = st.shape[1]

            def g(fams, inner_on):
                out = None
                for oc, ci in fams:
                    K = np.zeros(nr, dtype=np.int64)
                    for q, c in oc:
                        K = K + c * (vals_arr[xs] if q == qs else vals[xq[q]])
                    cur = (K[:, None] + ci * item[None, :]) if inner_on else K
                    out = cur if out is None else np.maximum(out, cur)
                return out

            GA, GB = g(fa, ia is not None), g(fb, ib is not None)
            na, nb_ = (ns if ia is not None else 1), (ns if ib is not None else 1)
            # weights (Python ints in object arrays), shape (nr, na, nb)
            W = np.zeros((nr, na, nb_), dtype=object)
            for eps in eps_list:
                TH = [T0[q] if e == 0 else T1[q] for q, e in enumerate(eps)]
                M = np.full((nr, na, nb_), -1 if sum(eps) % 2 else 1, dtype=object)
                for q in range(ko):
                    S = np.zeros(nr, dtype=np.int64)
                    for q2 in range(ko):
                        if q2 != q:
                            before = (TH[q2] < TH[q]) | ((TH[q2] == TH[q]) & (q2 < q))
                            S = S + osz[q2] * before
                    ca = (st < TH[q][:, None]).astype(np.int64) if ia is not None else np.zeros((nr, 1), np.int64)
                    cb = (st < TH[q][:, None]).astype(np.int64) if ib is not None else np.zeros((nr, 1), np.int64)
                    n = TH[q][:, None, None] - ca[:, :, None] - cb[:, None, :] - S[:, None, None]
                    M = M * tabs[q][np.clip(n, -1, d) + 1]
                W = W + M
            if ia is None and ib is None:
                sg = np.sign(GB - GA)
                cnt = [(sg > 0).astype(np.int64)[:, None, None], (sg < 0).astype(np.int64)[:, None, None],
                       (sg == 0).astype(np.int64)[:, None, None]]
            elif ib is None:
                lo = (GA < GB[:, None]).sum(axis=1)[:, None]
                hi = (GA <= GB[:, None]).sum(axis=1)[:, None]
                gt = np.clip(np.minimum(en, lo) - st, 0, None)
                lt = np.clip(en - np.maximum(st, hi), 0, None)
                cnt = [gt[:, :, None], lt[:, :, None], (en - st - gt - lt)[:, :, None]]
            elif ia is None:
                lo = (GB < GA[:, None]).sum(axis=1)[:, None]
                hi = (GB <= GA[:, None]).sum(axis=1)[:, None]
                lt = np.clip(np.minimum(en, lo) - st, 0, None)
                gt = np.clip(en - np.maximum(st, hi), 0, None)
                cnt = [gt[:, None, :], lt[:, None, :], (en - st - gt - lt)[:, None, :]]
            else:
                if b_fixed:  # GB is the same in every row: one sorted row, log d per query
                    R = np.searchsorted(GB[0], GA, "right")
                    Lf = np.searchsorted(GB[0], GA, "left")
                else:
                    R = _rowwise_searchsorted(GB, GA, "right", span)
                    Lf = _rowwise_searchsorted(GB, GA, "left", span)
                A0, A1 = st[:, :, None], en[:, :, None]
                B0, B1 = st[:, None, :], en[:, None, :]
                n = A1 - A0

                def clip_sum(F):
                    pref = np.concatenate((np.zeros((nr, 1), np.int64), np.cumsum(F, axis=1)), axis=1)
                    u = _rowwise_searchsorted(F, st, "left", d + 1)[:, None, :]
                    w = _rowwise_searchsorted(F, en, "right", d + 1)[:, None, :]
                    U = np.clip(u, A0, A1)
                    Wd = np.clip(w, U, A1)
                    shape = U.shape
                    pw = np.take_along_axis(pref, Wd.reshape(nr, -1), axis=1).reshape(shape)
                    pu = np.take_along_axis(pref, U.reshape(nr, -1), axis=1).reshape(shape)
                    return B0 * (U - A0) + (pw - pu) + B1 * (A1 - Wd)

                gt = n * B1 - clip_sum(R)
                lt = clip_sum(Lf) - n * B0
                eq = n * (B1 - B0) - gt - lt
                dg = np.concatenate((np.zeros((nr, 1), np.int64), np.cumsum(GB > GA, axis=1)), axis=1)
                dl = np.concatenate((np.zeros((nr, 1), np.int64), np.cumsum(GB < GA, axis=1)), axis=1)
                g_ = np.take_along_axis(dg, en, axis=1) - np.take_along_axis(dg, st, axis=1)
                l_ = np.take_along_axis(dl, en, axis=1) - np.take_along_axis(dl, st, axis=1)
                ix = np.arange(ns)
                gt[:, ix, ix] -= g_
                lt[:, ix, ix] -= l_
                eq[:, ix, ix] -= (en - st) - g_ - l_
                cnt = [gt, lt, eq]
            for s_ in range(3):
                tot[s_] += int((W * cnt[s_]).sum())
    return tot
