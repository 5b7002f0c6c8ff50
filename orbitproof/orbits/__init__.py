"""Exact orbit counting (docs/math.md §2.1, §4, §7.5, §8): how many distinct orbit elements r' of a
reward vector favour B over A, A over B, or tie, under a pluggable comparison rule.

>>> from orbitproof.orbits import count_orbit
>>> count_orbit([[0, 1, 0, 0, 0]], [[0, 0, 0, 1, 0], [0, 0, 0, 0, 1]], [0, 1, 2, 3, 4]).counts
(80, 40, 0, 120)
"""

from __future__ import annotations

from ..core.lazy import lazy_exports

_EXPORTS = {
    "count_orbit": ".count",
    "count_mixture": ".mixtures",
    "parse_mixture": ".mixtures",
    "mixture_family": ".mixtures",
    "face_weights": ".mixtures",
    "estimate_work": ".count",
    "plan_count": ".count",
    "PlannedCount": ".count",
    "OrbitCount": ".result",
    "DEFAULT_MAX_WORK": ".count",
    "ENGINES": ".count",
    "ComparisonRule": ".rules",
    "MaxValue": ".rules",
    "IsOptimal": ".rules",
    "FracOptimal": ".rules",
    "AntiOptimal": ".rules",
    "Boltzmann": ".rules",
    "Satisfice": ".rules",
    "Quantilise": ".rules",
    "BestOf": ".rules",
    "RULE_SYNTAX": ".rules",
    "BoltzmannValue": ".rules",
    "rule_value": ".rules",
    "retargetability": ".retarget",
    "Retargeting": ".retarget",
    "expsum_sign": ".expsum",
    "RULES": ".rules",
    "parse_rule": ".rules",
    "Layout": ".rules",
    "Problem": ".problem",
    "build_problem": ".problem",
    "BlockStructure": ".blocks",
    "block_structure": ".blocks",
    "interchangeable_blocks": ".blocks",
    "count_classes": ".blocks",
    "UnitFamilies": ".extremes",
    "unit_families": ".extremes",
    "extremes_counts": ".extremes",
    "OrbitClass": ".classes",
    "orbit_classes": ".classes",
    "orbit_size": ".multiset",
    "multinomial": ".multiset",
    "distinct_permutations": ".multiset",
    "rank_permutation": ".multiset",
    "unrank_permutation": ".multiset",
    "gamma_sweep": ".sweep",
    "Sweep": ".sweep",
    "SweepProblem": ".sweep",
    "incremental_counts": ".sweep_count",
    "RealRoot": ".algebraic",
    "check_sweep_rule": ".sweep_rules",
}

__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
