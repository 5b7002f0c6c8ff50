"""Named, checkable claims about power-seeking (MATH.md §4–§9) and how to check them.

>>> from orbitproof.claims import check, instance_from_environment
>>> inst = instance_from_environment("candy", "start", "candy", "wait", "1/2")
>>> v = check("F10", inst, [0, 0, 0, 1, 1])
>>> v.status, v.counts, v.x
('fails', (6, 4, 0, 10), Fraction(2, 1))

Public API: :data:`CLAIMS` / :func:`get_claim` (the named claims: ``scaling``, ``scaling-weak``,
``S1``–``S3``, ``F1``–``F10``), :class:`Instance` and its constructors, reward families
(:func:`parse_family`), :func:`check`, :func:`check_family`, :func:`certificate_for`,
:func:`exhaustive_certificate_for`.
"""

from .check import (
    FamilyVerdict,
    Verdict,
    certificate_for,
    check,
    check_family,
    exhaustive_certificate_for,
    holds,
    hypothesis_statements,
    slack,
)
from .counting import fast_counts, mixture_counts, reference_counts, robust
from .instance import Instance, instance_from_environment, instance_from_sets, instance_from_spec
from .registry import CLAIMS, Analysis, Claim, UnknownClaimError, claim_names, get_claim
from .rewards import RewardFamily, parse_family, unit_like

__all__ = [
    "CLAIMS", "Claim", "Analysis", "UnknownClaimError", "claim_names", "get_claim",
    "Instance", "instance_from_environment", "instance_from_sets", "instance_from_spec",
    "RewardFamily", "parse_family", "unit_like",
    "Verdict", "FamilyVerdict", "check", "check_family", "holds", "slack", "certificate_for",
    "exhaustive_certificate_for", "hypothesis_statements",
    "fast_counts", "reference_counts", "mixture_counts", "robust",
]
