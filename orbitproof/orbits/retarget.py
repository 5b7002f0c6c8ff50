"""Retargetability on one orbit (P22 Def 3.3, 3.5; docs/math.md §7.2; docs/rules.md).

For option sets A, B ⊆ C, a decision rule f and a reward θ, (Θ, A →^n B)-retargetability on the
orbit of θ (Θ = R^d, so condition 2 holds trivially) asks for permutations φ_1, …, φ_n ∈ S_d with

1. f(A|φ_i·θ^A) < f(B|φ_i·θ^A) for every θ^A ∈ O_A := {θ* ∈ S_d·θ : f(A|θ*) > f(B|θ*)}, i.e.
   φ_i·O_A ⊆ O_B := {θ* : f(B|θ*) > f(A|θ*)};
3. φ_i·θ^A ≠ φ_j·θ' for i ≠ j and all θ^A, θ' ∈ O_A, i.e. the images φ_i·O_A are pairwise disjoint.

Then Thm 3.6 gives |O_B| ≥ n·|O_A|, so n ≤ ⌊|O_B| / |O_A|⌋ (the counting bound).  This module
enumerates every φ ∈ S_d (d ≤ :data:`MAX_DIMENSION`), keeps those satisfying condition 1, and
packs pairwise-disjoint images: greedily, then by an exhaustive branch-and-bound search with a node
budget.  ``maximal`` is True when n reaches the counting bound or the search finished.

The signs come from the exact engine's batch evaluation (:mod:`.rules`), one batch for the whole
orbit; φ acts on vectors by (φ·θ)_{φ(i)} = θ_i (docs/math.md §2.1).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations
from typing import Any

import numpy as np

from ..core.errors import TooLargeError
from .multiset import distinct_permutations
from .problem import build_problem
from .rules import ComparisonRule, parse_rule

__all__ = ["Retargeting", "retargetability", "MAX_DIMENSION"]

#: S_d is enumerated in full: d ≤ 7 (5,040 permutations).
MAX_DIMENSION = 7
_NODE_BUDGET = 200_000


@dataclass(frozen=True)
class Retargeting:
    """The result: n permutations (each a tuple p with φ(i) = p[i]), the counts and the bound."""

    n: int | None  # None: O_A is empty, every n works (conditions vacuous)
    permutations: tuple[tuple[int, ...], ...]
    maximal: bool
    bound: int | None
    b_gt_a: int
    a_gt_b: int
    orbit_size: int
    compare: str


def _act(p: tuple[int, ...], rows: np.ndarray) -> np.ndarray:
    """φ·θ for every row θ: (φ·θ)_{p[i]} = θ_i."""
    out = np.empty_like(rows)
    out[:, list(p)] = rows
    return out


def retargetability(A: Any, B: Any, r: Any, *, C: Any = None, compare: str | ComparisonRule = "max",
                    node_budget: int = _NODE_BUDGET) -> Retargeting:
    """The largest n found for which A →^n B is retargetable on the orbit of r (Def 3.5)."""
    rule = parse_rule(compare)
    problem = build_problem(A, B, r, rule, C)
    d = problem.dimension
    if d > MAX_DIMENSION:
        raise TooLargeError(f"the retargetability search enumerates all {d}! permutations; d ≤ {MAX_DIMENSION}")
    elems = np.array(list(distinct_permutations(problem.reward_int)), dtype=object)
    matrix = np.array(problem.matrix, dtype=object).reshape(len(problem.matrix), d)
    vals = matrix.dot(elems.T)
    try:
        vals = vals.astype(np.int64) if problem.int64_ok else vals
    except OverflowError:
        pass
    sign = np.asarray(rule.batch_sign(vals, problem.layout))
    index = {tuple(row): k for k, row in enumerate(elems.tolist())}
    oa = [k for k in range(len(elems)) if sign[k] < 0]
    ob = {k for k in range(len(elems)) if sign[k] > 0}
    base = dict(b_gt_a=len(ob), a_gt_b=len(oa), orbit_size=len(elems), compare=rule.name)
    if not oa:
        return Retargeting(None, (), True, None, **base)
    bound = len(ob) // len(oa)
    rows = elems[oa]
    images: dict[frozenset, tuple[int, ...]] = {}
    for p in permutations(range(d)):
        img = _act(p, rows)
        ks = []
        for row in img.tolist():
            k = index[tuple(row)]
            if k not in ob:
                break
            ks.append(k)
        else:
            images.setdefault(frozenset(ks), p)
    cands = sorted(images.items(), key=lambda kv: sorted(kv[0]))
    # greedy packing, then exhaustive branch and bound (pairwise-disjoint images)
    chosen: list[int] = []
    used: set = set()
    for j, (img, _) in enumerate(cands):
        if not (img & used):
            chosen.append(j)
            used |= img
    best = list(chosen)
    finished = True
    if len(best) < bound:
        nodes = 0

        def dfs(start: int, picked: list[int], taken: frozenset) -> None:
            nonlocal best, nodes, finished
            if len(picked) > len(best):
                best = list(picked)
            if len(best) >= bound:
                return
            for j in range(start, len(cands)):
                nodes += 1
                if nodes > node_budget:
                    finished = False
                    return
                img = cands[j][0]
                if img & taken:
                    continue
                if len(picked) + 1 + (len(cands) - j - 1) <= len(best):
                    return
                dfs(j + 1, picked + [j], taken | img)
                if len(best) >= bound or not finished:
                    return

        dfs(0, [], frozenset())
    maximal = len(best) >= bound or finished
    return Retargeting(len(best), tuple(cands[j][1] for j in best), maximal, bound, **base)
