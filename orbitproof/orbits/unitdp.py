"""Counting huge unit-like blocks by their extremes: a DP over values sorted descending.

Setting (see :mod:`.blocks`): a multiset R of reward values is distributed over blocks of
interchangeable coordinates; each unit-like block needs only its maximum (``"max"``), minimum
(``"min"``), both, or nothing (``"none"``: untouched coordinates), together with how many of its
coordinates attain that extreme.  For a rule whose outcome depends only on maximisers
(``extremes_only``), these statistics determine the outcome.

The DP processes the distinct values u_1 > u_2 > … with multiplicities m_j.  At value u_j, q_b of
its m_j copies go into block b (C(free_b, q_b) ways to choose the positions) and the rest into the
*pool* of positions whose block no longer influences the outcome (C(free_pool, ·) ways).  A "max"
block is finished when it first receives values (its maximum and multiplicity are then known); a
"min"/"both" block when it becomes full (its minimum is the last value received).  When every
block is finished, the remaining values fill the remaining positions in
multinomial(remaining multiplicities) ways.  Summed over all choices this counts every
arrangement of R on the blocks' coordinates exactly once (Vandermonde), grouped by statistics.

:func:`completions` returns, per statistics tuple, a *representative* assignment of values to the
blocks' coordinates in the doubled integer scale: the extreme values (2u) at their multiplicity,
the other positions filled with a value strictly between the extremes (2u_max − 1, 2u_min + 1, or
u_max + u_min).  The representative gives every option family the same maximum and the same
number of maximisers as every real arrangement with those statistics.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import product
from math import comb

import numpy as np

from ..core.errors import OptionSetError

__all__ = ["extreme_statistics", "completions"]

# per block state: (finished, filled, max_j, max_q, min_j, min_q)


def extreme_statistics(
    sizes: Sequence[int], needs: Sequence[str], counts_desc: Sequence[int], with_counts: bool = True
) -> dict:
    """Map statistics tuple → number of arrangements of the multiset on the blocks' coordinates.

    ``counts_desc[j]`` is the multiplicity of the j-th largest distinct value (zeros allowed).
    A statistics tuple has one entry per block: ``(max_j, max_q, min_j, min_q)`` with ``None`` for
    what the block does not need.  Without ``with_counts`` the multiplicities are reported as 1
    (for rules that only look at maximal values).
    """
    nb = len(sizes)
    if sum(sizes) != sum(counts_desc):
        raise OptionSetError("block sizes and multiset size differ")
    remaining_after = [0] * (len(counts_desc) + 1)
    for j in range(len(counts_desc) - 1, -1, -1):
        remaining_after[j] = remaining_after[j + 1] + counts_desc[j]
    tail_mult = [1] * (len(counts_desc) + 1)
    for j in range(len(counts_desc) - 1, -1, -1):
        tail_mult[j] = tail_mult[j + 1] * comb(remaining_after[j], counts_desc[j])

    init = tuple((needs[b] == "none", 0, None, None, None, None) for b in range(nb))
    out: dict = defaultdict(int)
    if all(s[0] for s in init):
        out[_stats(init, with_counts)] += tail_mult[0]
        return dict(out)
    states: dict = {init: 1}
    for j, m in enumerate(counts_desc):
        if m == 0 or not states:
            continue
        free_total = remaining_after[j]
        new: dict = defaultdict(int)
        if m == 1:
            _step_single(states, new, out, j, free_total, sizes, needs, tail_mult[j + 1], with_counts)
            states = new
            continue
        for state, w in states.items():
            open_b = [b for b in range(nb) if not state[b][0]]
            free = [sizes[b] - state[b][1] for b in open_b]
            pool = free_total - sum(free)
            ranges = [range(0, min(m, f) + 1) for f in free]
            for qs in product(*ranges):
                rest = m - sum(qs)
                if rest < 0 or rest > pool:
                    continue
                factor = comb(pool, rest)
                st = list(state)
                for b, f, q in zip(open_b, free, qs):
                    factor *= comb(f, q)
                    fin, filled, mxj, mxq, mnj, mnq = st[b]
                    filled += q
                    if q and mxj is None and needs[b] in ("max", "both"):
                        mxj, mxq = j, q
                    if needs[b] == "max":
                        fin = mxj is not None
                    elif filled == sizes[b]:
                        fin, mnj, mnq = True, j, q
                    st[b] = (fin, filled, mxj, mxq, mnj, mnq)
                nst = tuple(st)
                if all(s[0] for s in nst):
                    out[_stats(nst, with_counts)] += w * factor * tail_mult[j + 1]
                else:
                    new[nst] += w * factor
        states = new
    if states:
        raise AssertionError("unfinished blocks after the last value")  # pragma: no cover
    return dict(out)


def _advance(block: tuple, b: int, j: int, q: int, sizes, needs) -> tuple:
    """Block state after receiving q copies of the j-th largest value."""
    fin, filled, mxj, mxq, mnj, mnq = block
    filled += q
    if q and mxj is None and needs[b] in ("max", "both"):
        mxj, mxq = j, q
    if needs[b] == "max":
        fin = mxj is not None
    elif filled == sizes[b]:
        fin, mnj, mnq = True, j, q
    return (fin, filled, mxj, mxq, mnj, mnq)


def _step_single(states, new, out, j, free_total, sizes, needs, tail, with_counts) -> None:
    """The DP step for a value of multiplicity 1: it goes to the pool or to one open block."""
    for state, w in states.items():
        open_b = [b for b, blk in enumerate(state) if not blk[0]]
        pool = free_total - sum(sizes[b] - state[b][1] for b in open_b)
        if pool > 0:
            new[state] += w * pool
        for b in open_b:
            free = sizes[b] - state[b][1]
            if not free:
                continue
            st = list(state)
            st[b] = _advance(state[b], b, j, 1, sizes, needs)
            nst = tuple(st)
            if st[b][0] and len(open_b) == 1:
                out[_stats(nst, with_counts)] += w * free * tail
            else:
                new[nst] += w * free


def _stats(state: tuple, with_counts: bool) -> tuple:
    if with_counts:
        return tuple((s[2], s[3], s[4], s[5]) for s in state)
    return tuple((s[2], None if s[3] is None else 1, s[4], None if s[5] is None else 1) for s in state)


def completions(
    sizes: Sequence[int],
    needs: Sequence[str],
    kept: Sequence[int],
    values_desc: Sequence[int],
    counts_desc: Sequence[int],
    with_counts: bool = True,
) -> tuple[np.ndarray, list[int]]:
    """Representative value rows (doubled scale) on the *kept* coordinates of each block, and weights.

    ``kept[b]`` ≤ ``sizes[b]`` coordinates of block b are materialised (0 for untouched blocks);
    it must leave room for every extreme multiplicity plus one filler (see :mod:`.count`), so the
    kept members of each option family have the same maximum and maximiser count.
    """
    stats = extreme_statistics(sizes, needs, counts_desc, with_counts)
    keys = list(stats)  # insertion order: deterministic for a given input
    n = len(keys)
    vals = np.array(list(values_desc) + [0], dtype=object)  # index -1 (None) is never used
    rows = np.zeros((n, sum(kept)), dtype=object)
    c = 0
    for b, (k, need) in enumerate(zip(kept, needs)):
        if need == "none" or k == 0:
            c += k
            continue
        mxj = np.array([-1 if key[b][0] is None else key[b][0] for key in keys], dtype=np.intp)
        mxq = np.array([0 if key[b][1] is None else key[b][1] for key in keys], dtype=np.intp)
        mnj = np.array([-1 if key[b][2] is None else key[b][2] for key in keys], dtype=np.intp)
        mnq = np.array([0 if key[b][3] is None else key[b][3] for key in keys], dtype=np.intp)
        hi, lo = vals[mxj], vals[mnj]
        for t in range(k):  # column t of the block's kept coordinates
            if need == "max":
                col = np.where(t < mxq, 2 * hi, 2 * hi - 1)
            elif need == "min":
                col = np.where(t < mnq, 2 * lo, 2 * lo + 1)
            else:
                same = mxj == mnj
                col = np.where(t < mxq, 2 * hi, np.where(t >= k - mnq, 2 * lo, hi + lo))
                col = np.where(same, 2 * hi, col)
            rows[:, c + t] = col
        c += k
    return rows, [stats[key] for key in keys]
