"""The exact MDP core: environments, visit distributions, RSDs, non-domination, optimal values.

>>> from orbitproof.mdp import resolve_environment, option_set
>>> from orbitproof.semantics import Discounted
>>> env = resolve_environment("candy")
>>> option_set(env, "start", "wait", Discounted("1/2"))
OptionSet F(start | wait) at γ = 1/2 {(1, 0, 1/2, 0, 1/2), (1, 0, 1/2, 1/2, 0)}
"""

from __future__ import annotations

from .environment import Environment
from .grid import gridworld, gridworld_from_map
from .io import load_environment, resolve_environment
from .nd import NDEntry, NDResult, nondominated
from .options import option_set, rsd
from .rsd import cesaro_row, rsd_nd_vectors, rsd_vectors
from .values import optimal_gain, optimal_value
from .visits import VisitFunction, estimate_policy_count, visit_functions

__all__ = [
    "Environment",
    "load_environment",
    "resolve_environment",
    "option_set",
    "visit_functions",
    "rsd",
    "nondominated",
    "optimal_value",
    "optimal_gain",
    "VisitFunction",
    "NDEntry",
    "NDResult",
    "rsd_vectors",
    "rsd_nd_vectors",
    "cesaro_row",
    "estimate_policy_count",
    "gridworld",
    "gridworld_from_map",
]
