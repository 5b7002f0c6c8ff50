"""The ``exact`` engine: block classes × vectorised integer evaluation (the fast twin).

A :class:`Plan` orders the interchangeable blocks (:mod:`.blocks`) into *prefix* blocks and
*suffix* blocks.  A *group* is the sub-multiset P of values the prefix blocks receive; the suffix
receives R = M − P.  Per group:

* the suffix table: every suffix class for R (explicit mode: the distinct distributions of R over
  the suffix blocks, :func:`class_table`; dp mode: the extreme statistics of unit-like blocks,
  :mod:`.unitdp`) as representative value rows with weights, times the suffix columns of the
  option matrix → partial option values, shape (|U|, n);
* per prefix class: values = prefix partial + table (option-major, so every option's values are
  one contiguous row), then the rule's exact batch sign, and weighted tallies (weight = prefix weight × suffix weight = number of orbit elements).

Arithmetic is numpy int64 only when :attr:`Plan.int64` was proven safe (every partial sum is
bounded by the rearrangement bound of the row, see :mod:`.problem`); otherwise numpy object arrays
of Python ints.  Weights are int64 only when their total fits, else Python ints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from .multiset import arrangement_table, multinomial, sub_multisets
from .rules import ComparisonRule, Layout, MaxValue
from .unitdp import completions

__all__ = ["Plan", "run_groups", "run_groups_unbatched", "kernel_dtype", "class_table", "SUFFIX_LIMIT"]

SUFFIX_LIMIT = 5_040  # 7! rows: measured sweet spot between table building and per-prefix work
_I64 = 2**62


@dataclass(frozen=True)
class Plan:
    """Everything a worker needs to count a list of groups (picklable, immutable)."""

    mode: str  # "explicit" | "dp"
    values: tuple[int, ...]  # distinct scaled reward values, ascending
    counts: tuple[int, ...]
    prefix_blocks: tuple[tuple[int, ...], ...]
    suffix_blocks: tuple[tuple[int, ...], ...]
    suffix_needs: tuple[str, ...]
    suffix_sizes: tuple[int, ...]  # dp mode: true block sizes (suffix_blocks hold the kept coordinates)
    with_counts: bool
    matrix: tuple[tuple[int, ...], ...]
    layout: Layout
    rule: ComparisonRule
    int64: bool
    scale: int  # 2 in dp mode (representatives use half-integers), else 1

    @property
    def prefix_size(self) -> int:
        return sum(len(b) for b in self.prefix_blocks)


@lru_cache(maxsize=512)
def class_table(sizes: tuple[int, ...], pattern: tuple[int, ...]) -> tuple[np.ndarray, tuple[int, ...], bool]:
    """Classes of distributing the multiset ``pattern`` (value i with multiplicity pattern[i])
    over blocks of ``sizes``: index rows (block by block, each block's values ascending) and
    weights ∏_b multinomial(Q_b) (the number of orbit elements per class), and whether all
    weights are 1."""
    if all(s == 1 for s in sizes):
        tab = arrangement_table(pattern)
        return tab, (1,) * len(tab), True
    rows: list[list[int]] = []
    weights: list[int] = []

    def rec(b: int, rem: tuple[int, ...], row: list[int], w: int) -> None:
        if b == len(sizes):
            rows.append(list(row))
            weights.append(w)
            return
        for q in sub_multisets(rem, sizes[b]):
            part = [i for i, k in enumerate(q) for _ in range(k)]
            rec(b + 1, tuple(x - y for x, y in zip(rem, q)), row + part, w * multinomial(q))

    rec(0, pattern, [], 1)
    k = sum(sizes)
    return np.array(rows, dtype=np.int16).reshape(len(rows), k), tuple(weights), all(w == 1 for w in weights)


def _weights_array(weights: Sequence[int], ones: bool) -> np.ndarray:
    if ones:
        return np.ones(len(weights), dtype=np.int64)
    if sum(weights) < _I64:
        return np.array(weights, dtype=np.int64)
    return np.array(weights, dtype=object)


def _side_values(plan: Plan, blocks, counts_sub: Sequence[int]):
    """Representative value rows for the given blocks and sub-multiset, plus weights."""
    nz = [i for i, c in enumerate(counts_sub) if c]
    pattern = tuple(counts_sub[i] for i in nz)
    sizes = tuple(len(b) for b in blocks)
    if not sizes:
        return np.zeros((1, 0), dtype=np.int64 if plan.int64 else object), (1,), True
    idx, w, ones = class_table(sizes, pattern)
    vals = np.array([plan.values[i] * plan.scale for i in nz], dtype=np.int64 if plan.int64 else object)
    return vals[idx.astype(np.intp)], w, ones


def _suffix(plan: Plan, R: Sequence[int]):
    if plan.mode == "explicit":
        return _side_values(plan, plan.suffix_blocks, R)
    order = range(len(plan.values) - 1, -1, -1)
    rows, w = completions(
        plan.suffix_sizes,
        plan.suffix_needs,
        tuple(len(b) for b in plan.suffix_blocks),
        [plan.values[i] for i in order],
        [R[i] for i in order],
        plan.with_counts,
    )
    return (rows.astype(np.int64) if plan.int64 else rows), tuple(w), all(x == 1 for x in w)


class _Evaluator:
    """Option values x·r' restricted to some columns, option-major: (|U|, N) for N value rows."""

    def __init__(self, matrix: np.ndarray, cols: Sequence[int]) -> None:
        sub = matrix[:, list(cols)] if len(cols) else np.zeros((matrix.shape[0], 0), dtype=matrix.dtype)
        self.n_opt = sub.shape[0]
        nnz = int(np.count_nonzero(sub))
        self.sparse = sub.size > 4096 and nnz * 4 < sub.size
        if self.sparse:
            opt, col = np.nonzero(sub)  # row-major: runs of equal opt, sorted
            self.opt, self.col = opt, col
            self.coef = sub[opt, col]
            self.starts = np.flatnonzero(np.r_[True, opt[1:] != opt[:-1]]) if len(opt) else opt
        else:
            self.sub = sub

    def __call__(self, vals: np.ndarray) -> np.ndarray:
        n = vals.shape[0]
        if not self.sparse:
            if vals.shape[1] == 0:
                return np.zeros((self.n_opt, n), dtype=vals.dtype)
            return self.sub @ vals.T
        out = np.zeros((self.n_opt, n), dtype=vals.dtype)
        if len(self.opt):
            contrib = vals.T[self.col] * self.coef[:, None]
            out[self.opt[self.starts]] = np.add.reduceat(contrib, self.starts, axis=0)
        return out


_I32 = 2**31


def kernel_dtype(plan: Plan) -> Any:
    """The exact dtype for the option values of ``plan``: for rule ``max``, int32 when every partial sum
    provably fits (|Σ_{i∈S} x_i v_i| ≤ Σ_i |x_i| · max|v| < 2^31 for every row x, every subset S of
    coordinates and every representative value v, including the half-integer shift of dp mode),
    int64 when :attr:`Plan.int64` was proven, else Python ints (object)."""
    if not plan.int64:
        return object
    if not isinstance(plan.rule, MaxValue):  # int32 only pays off in the direct max kernel
        return np.int64
    vmax = max([0, *(abs(v) * plan.scale + 1 for v in plan.values)])
    rowsum = max([0, *(sum(abs(x) for x in row) for row in plan.matrix)])
    return np.int32 if rowsum * vmax < _I32 else np.int64


class _MaxCounter:
    """Direct counting for rule ``max``, per group: the suffix table's B rows and A rows as two
    contiguous blocks; per prefix class one broadcast add of the prefix constants into a reused
    buffer and one ``maximum.reduce`` per side give max_B and max_A, then the elements with
    max_B > max_A and max_B < max_A are counted (or their weights summed) -- no value matrix of all
    options, no sign array, no allocation per class."""

    def __init__(self, layout: Layout, table: np.ndarray, partial: np.ndarray) -> None:
        ib, ia = list(layout.ib), list(layout.ia)
        self.tb, self.ta = np.ascontiguousarray(table[ib]), np.ascontiguousarray(table[ia])
        self.pb, self.pa = np.ascontiguousarray(partial[ib].T), np.ascontiguousarray(partial[ia].T)
        self.bufb, self.bufa = np.empty_like(self.tb), np.empty_like(self.ta)
        n = table.shape[1]
        self.mb, self.ma = np.empty(n, dtype=table.dtype), np.empty(n, dtype=table.dtype)
        self.mask = np.empty(n, dtype=bool)

    def counts(self, k: int, w: np.ndarray, ones: bool) -> tuple[int, int]:
        np.add(self.tb, self.pb[k][:, None], out=self.bufb)
        np.maximum.reduce(self.bufb, axis=0, out=self.mb)
        np.add(self.ta, self.pa[k][:, None], out=self.bufa)
        np.maximum.reduce(self.bufa, axis=0, out=self.ma)
        np.greater(self.mb, self.ma, out=self.mask)
        bw = int(np.count_nonzero(self.mask)) if ones else int(w[self.mask].sum())
        np.less(self.mb, self.ma, out=self.mask)
        aw = int(np.count_nonzero(self.mask)) if ones else int(w[self.mask].sum())
        return bw, aw


def run_groups(plan: Plan, groups: Sequence[tuple[int, ...]]) -> tuple[int, int, int]:
    """Tally (B>A, A>B, tie) over all orbit elements of the given groups (prefix sub-multisets).

    Same classes, values and signs as :func:`run_groups_unbatched` (its twin), computed faster:
    values in the narrowest proven-exact dtype (:func:`kernel_dtype`), and per prefix class the
    option values ``table + partial[:, k]`` written into one reused buffer; for rule ``max`` the
    extremes are formed and counted directly (:class:`_MaxCounter`)."""
    direct = isinstance(plan.rule, MaxValue) and plan.int64
    dtype = kernel_dtype(plan)
    matrix = np.array(plan.matrix, dtype=dtype).reshape(len(plan.matrix), -1)
    pre_cols = [i for b in plan.prefix_blocks for i in b]
    suf_cols = [i for b in plan.suffix_blocks for i in b]
    ev_pre = _Evaluator(matrix, pre_cols)
    ev_suf = _Evaluator(matrix, suf_cols)
    rule, layout = plan.rule, plan.layout
    b_gt = a_gt = tie = 0
    for P in groups:
        R = tuple(c - p for c, p in zip(plan.counts, P))
        svals, sw, ones = _suffix(plan, R)
        if dtype is not object:
            svals = svals.astype(dtype, copy=False)
        table = np.ascontiguousarray(ev_suf(svals))
        w = _weights_array(sw, ones)
        total = len(sw) if ones else int(sum(sw))
        pvals, pw, _ = _side_values(plan, plan.prefix_blocks, P)
        if dtype is not object:
            pvals = pvals.astype(dtype, copy=False)
        partial = ev_pre(pvals)
        n = table.shape[1]
        if direct:
            counter = _MaxCounter(layout, table, partial)
            for k in range(len(pw)):
                bw, aw = counter.counts(k, w, ones)
                b_gt += pw[k] * bw
                a_gt += pw[k] * aw
                tie += pw[k] * (total - bw - aw)
            continue
        vals = np.empty_like(table)
        for k in range(len(pw)):
            np.add(table, partial[:, k : k + 1], out=vals)
            s = rule.batch_sign(vals, layout)
            if ones:
                bw = int(np.count_nonzero(s > 0))
                aw = int(np.count_nonzero(s < 0))
            else:
                bw = int(w[s > 0].sum())
                aw = int(w[s < 0].sum())
            b_gt += pw[k] * bw
            a_gt += pw[k] * aw
            tie += pw[k] * (total - bw - aw)
    return b_gt, a_gt, tie


def run_groups_unbatched(plan: Plan, groups: Sequence[tuple[int, ...]]) -> tuple[int, int, int]:
    """The previous kernel (one rule call per prefix class), kept as the twin of :func:`run_groups`
    and as the baseline of benchmarks/bench_orbits.py."""
    dtype = np.int64 if plan.int64 else object
    matrix = np.array(plan.matrix, dtype=dtype).reshape(len(plan.matrix), -1)
    pre_cols = [i for b in plan.prefix_blocks for i in b]
    suf_cols = [i for b in plan.suffix_blocks for i in b]
    ev_pre = _Evaluator(matrix, pre_cols)
    ev_suf = _Evaluator(matrix, suf_cols)
    rule, layout = plan.rule, plan.layout
    b_gt = a_gt = tie = 0
    for P in groups:
        R = tuple(c - p for c, p in zip(plan.counts, P))
        svals, sw, ones = _suffix(plan, R)
        table = ev_suf(svals)
        w = _weights_array(sw, ones)
        total = len(sw) if ones else int(sum(sw))
        pvals, pw, _ = _side_values(plan, plan.prefix_blocks, P)
        partial = ev_pre(pvals)
        table = np.ascontiguousarray(table)
        for k in range(len(pw)):
            s = rule.batch_sign(table + partial[:, k : k + 1], layout)
            if ones:
                bw = int(np.count_nonzero(s > 0))
                aw = int(np.count_nonzero(s < 0))
            else:
                bw = int(w[s > 0].sum())
                aw = int(w[s < 0].sum())
            b_gt += pw[k] * bw
            a_gt += pw[k] * aw
            tie += pw[k] * (total - bw - aw)
    return b_gt, a_gt, tie
