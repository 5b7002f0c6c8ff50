"""Named, checkable claims about power-seeking (docs/math.md §4–§9) and how to check them.

>>> from orbitproof.claims import check, instance_from_environment
>>> inst = instance_from_environment("candy", "start", "candy", "wait", "1/2")
>>> v = check("F10", inst, [0, 0, 0, 1, 1])
>>> v.status, v.counts, v.x
('fails', (6, 4, 0, 10), Fraction(2, 1))

Public API: :data:`CLAIMS` / :func:`get_claim` (the named claims: ``scaling``, ``scaling-weak``,
``S1``–``S3``, ``F1``–``F10``), :class:`Instance` and its constructors, reward families
(:func:`parse_family`), :func:`check`, :func:`check_family`; certificates for verdicts are built by
:mod:`orbitproof.certificates`.
"""

from __future__ import annotations

from ..core.lazy import lazy_exports

_EXPORTS = {
    "CLAIMS": ".registry",
    "Claim": ".registry",
    "Analysis": ".registry",
    "UnknownClaimError": ".registry",
    "claim_names": ".registry",
    "get_claim": ".registry",
    "D13_READING_KEYS": ".registry",
    "d13_reading": ".registry",
    "face_rewards": ".faces",
    "Instance": ".instance",
    "instance_from_environment": ".instance",
    "instance_from_sets": ".instance",
    "instance_from_spec": ".instance",
    "RewardFamily": ".rewards",
    "parse_family": ".rewards",
    "unit_like": ".rewards",
    "Verdict": ".verdict",
    "FamilyVerdict": ".verdict",
    "check": ".verdict",
    "check_family": ".verdict",
    "holds": ".verdict",
    "slack": ".verdict",
    "fast_counts": ".counting",
    "reference_counts": ".counting",
    "mixture_counts": ".counting",
    "robust": ".counting",
    "claim_sweep": ".sweep",
    "ClaimSweep": ".sweep",
}

__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
