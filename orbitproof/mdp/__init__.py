"""The exact MDP core: environments, visit distributions, RSDs, non-domination, optimal values.

>>> from orbitproof.mdp import resolve_environment, option_set
>>> from orbitproof.core.semantics import Discounted
>>> env = resolve_environment("candy")
>>> option_set(env, "start", "wait", Discounted("1/2"))
OptionSet F(start | wait) at γ = 1/2 {(1, 0, 1/2, 0, 1/2), (1, 0, 1/2, 1/2, 0)}
"""

from __future__ import annotations

from ..core.lazy import lazy_exports

_EXPORTS = {
    "Environment": ".environment",
    "load_environment": ".io",
    "resolve_environment": ".io",
    "option_set": ".options",
    "sparse_option_set": ".sparse",
    "visit_functions": ".visits",
    "rsd": ".options",
    "nondominated": ".nd",
    "Fork": ".fork",
    "fork_from_environment": ".fork",
    "fork_from_sets": ".fork",
    "fork_from_source": ".fork",
    "optimal_value": ".values",
    "optimal_gain": ".values",
    "VisitFunction": ".visits",
    "NDEntry": ".nd",
    "NDResult": ".nd",
    "rsd_vectors": ".recurrent",
    "rsd_nd_vectors": ".recurrent",
    "cesaro_row": ".recurrent",
    "estimate_policy_count": ".visits",
    "gridworld": ".grid",
    "gridworld_from_map": ".grid",
    "power": ".power_iid",
    "power_all_states": ".power_iid",
    "power_estimate": ".power_iid",
    "power_seeking": ".power_iid",
    "power_upper_bound": ".power_iid",
    "optimality_probabilities": ".power_iid",
    "average_optimal_value": ".power_iid",
    "PowerResult": ".power_iid",
    "OptimalityResult": ".power_iid",
    "PowerSeekingResult": ".power_iid",
    "option_statistics": ".expectation",
    "option_statistics_reference": ".expectation",
    "option_statistics_monte_carlo": ".expectation",
    "linear_optimality_probability": ".expectation",
    "expected_max_lifted": ".lifted",
    "triangulation_witness": ".power_witness",
}

__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
