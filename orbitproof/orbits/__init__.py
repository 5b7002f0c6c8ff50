"""Exact orbit counting (MATH.md §2.1, §4, §7.5, §8): how many distinct orbit elements r' of a
reward vector favour B over A, A over B, or tie, under a pluggable comparison rule.

>>> from orbitproof.orbits import count_orbit
>>> count_orbit([[0, 1, 0, 0, 0]], [[0, 0, 0, 1, 0], [0, 0, 0, 0, 1]], [0, 1, 2, 3, 4]).counts
(80, 40, 0, 120)
"""

from __future__ import annotations

from .blocks import BlockStructure, block_structure, count_classes, interchangeable_blocks
from .classes import OrbitClass, orbit_classes
from .count import DEFAULT_MAX_WORK, ENGINES, PlannedCount, count_orbit, estimate_work, plan_count
from .mixtures import count_mixture, face_weights, mixture_family, parse_mixture
from .multiset import (
    distinct_permutations,
    multinomial,
    orbit_size,
    rank_permutation,
    unrank_permutation,
)
from .problem import Problem, build_problem
from .result import OrbitCount
from .rules import RULES, ComparisonRule, FracOptimal, IsOptimal, Layout, MaxValue, parse_rule

__all__ = [
    "count_orbit",
    "count_mixture",
    "parse_mixture",
    "mixture_family",
    "face_weights",
    "estimate_work",
    "plan_count",
    "PlannedCount",
    "OrbitCount",
    "DEFAULT_MAX_WORK",
    "ENGINES",
    "ComparisonRule",
    "MaxValue",
    "IsOptimal",
    "FracOptimal",
    "RULES",
    "parse_rule",
    "Layout",
    "Problem",
    "build_problem",
    "BlockStructure",
    "block_structure",
    "interchangeable_blocks",
    "count_classes",
    "OrbitClass",
    "orbit_classes",
    "orbit_size",
    "multinomial",
    "distinct_permutations",
    "rank_permutation",
    "unrank_permutation",
]
