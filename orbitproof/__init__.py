"""orbitproof: exact checks of power-seeking theorems and conjectures in finite MDPs.

The package is layered as a pipeline (docs/architecture.md): ``core`` (errors, exact numbers,
semantics, option sets) → ``mdp`` → ``symmetry`` / ``orbits`` → ``claims`` → ``certificates`` →
``search`` → ``report`` → ``cli``; ``verify`` is the referee's standard-library-only checker.

Names exported here are loaded lazily (PEP 562), so ``import orbitproof.verify`` or
``orbitproof --version`` loads only what it uses.  See docs/math.md for the definitions.
"""

from __future__ import annotations

from .core.lazy import lazy_exports

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "OrbitproofError": "orbitproof.core.errors",
    "ExactNumberError": "orbitproof.core.errors",
    "EnvironmentError_": "orbitproof.core.errors",
    "InvalidEnvironmentError": "orbitproof.core.errors",
    "UnknownStateError": "orbitproof.core.errors",
    "UnknownActionError": "orbitproof.core.errors",
    "FormatError": "orbitproof.core.errors",
    "SemanticsError": "orbitproof.core.errors",
    "TooLargeError": "orbitproof.core.errors",
    "OptionSetError": "orbitproof.core.errors",
    "CertificateError": "orbitproof.core.errors",
    "format_fraction": "orbitproof.core.exact",
    "parse_vector": "orbitproof.core.exact",
    "to_fraction": "orbitproof.core.exact",
    "to_fractions": "orbitproof.core.exact",
    "Option": "orbitproof.core.optionset",
    "OptionSet": "orbitproof.core.optionset",
    "VectorSets": "orbitproof.core.optionset",
    "load_vector_sets": "orbitproof.core.optionset",
    "option_value": "orbitproof.core.optionset",
    "parse_vector_sets": "orbitproof.core.optionset",
    "SparseOptionSet": "orbitproof.core.sparse",
    "unit_vectors": "orbitproof.core.sparse",
    "Blackwell": "orbitproof.core.semantics",
    "Discounted": "orbitproof.core.semantics",
    "Gain": "orbitproof.core.semantics",
    "Semantics": "orbitproof.core.semantics",
    "parse_semantics": "orbitproof.core.semantics",
    "Environment": "orbitproof.mdp",
    "load_environment": "orbitproof.mdp",
    "resolve_environment": "orbitproof.mdp",
    "option_set": "orbitproof.mdp",
    "visit_functions": "orbitproof.mdp",
    "rsd": "orbitproof.mdp",
    "nondominated": "orbitproof.mdp",
    "optimal_value": "orbitproof.mdp",
    "optimal_gain": "orbitproof.mdp",
    "VisitFunction": "orbitproof.mdp",
    "NDEntry": "orbitproof.mdp",
    "NDResult": "orbitproof.mdp",
    "rsd_vectors": "orbitproof.mdp",
    "rsd_nd_vectors": "orbitproof.mdp",
    "cesaro_row": "orbitproof.mdp",
    "estimate_policy_count": "orbitproof.mdp",
    "gridworld": "orbitproof.mdp",
    "gridworld_from_map": "orbitproof.mdp",
    "parse_distribution": "orbitproof.core.distributions",
    "Uniform01": "orbitproof.core.distributions",
    "FiniteSupport": "orbitproof.core.distributions",
    "DistributionError": "orbitproof.core.distributions",
    "power": "orbitproof.mdp",
    "power_all_states": "orbitproof.mdp",
    "power_seeking": "orbitproof.mdp",
    "optimality_probabilities": "orbitproof.mdp",
    "average_optimal_value": "orbitproof.mdp",
    "count_orbit": "orbitproof.orbits",
    "count_mixture": "orbitproof.orbits",
    "parse_mixture": "orbitproof.orbits",
    "mixture_family": "orbitproof.orbits",
    "face_weights": "orbitproof.orbits",
    "estimate_work": "orbitproof.orbits",
    "plan_count": "orbitproof.orbits",
    "PlannedCount": "orbitproof.orbits",
    "OrbitCount": "orbitproof.orbits",
    "DEFAULT_MAX_WORK": "orbitproof.orbits",
    "ENGINES": "orbitproof.orbits",
    "ComparisonRule": "orbitproof.orbits",
    "MaxValue": "orbitproof.orbits",
    "IsOptimal": "orbitproof.orbits",
    "FracOptimal": "orbitproof.orbits",
    "RULES": "orbitproof.orbits",
    "parse_rule": "orbitproof.orbits",
    "Layout": "orbitproof.orbits",
    "Problem": "orbitproof.orbits",
    "build_problem": "orbitproof.orbits",
    "BlockStructure": "orbitproof.orbits",
    "block_structure": "orbitproof.orbits",
    "interchangeable_blocks": "orbitproof.orbits",
    "count_classes": "orbitproof.orbits",
    "OrbitClass": "orbitproof.orbits",
    "orbit_classes": "orbitproof.orbits",
    "orbit_size": "orbitproof.orbits",
    "multinomial": "orbitproof.orbits",
    "distinct_permutations": "orbitproof.orbits",
    "rank_permutation": "orbitproof.orbits",
    "unrank_permutation": "orbitproof.orbits",
    "find_copies": "orbitproof.symmetry",
    "check_copies": "orbitproof.symmetry",
    "CopiesResult": "orbitproof.symmetry",
    "Involution": "orbitproof.symmetry",
    "HYPOTHESIS_NAMES": "orbitproof.symmetry",
    "is_copies_family_reference": "orbitproof.symmetry",
    "max_copies_reference": "orbitproof.symmetry",
}

__all__ = ["__version__", *_EXPORTS]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
