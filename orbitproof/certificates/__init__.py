"""Certificate builders: results of the layers below turned into versioned JSON documents that the
standard-library verifier (:mod:`orbitproof.verify`) re-checks (docs/certificates.md).

:mod:`.build` holds the instance-level builders (orbit counts, counterexamples, exhaustive families,
copies, non-domination); :mod:`.claims` turns claim verdicts into certificates."""

from __future__ import annotations

from ..core.lazy import lazy_exports

_EXPORTS = {
    "class_evidence": ".build",
    "unit_block_evidence": ".build",
    "orbit_count_certificate": ".build",
    "counterexample_certificate": ".build",
    "exhaustive_certificate": ".build",
    "copies_certificate": ".build",
    "nd_certificate": ".build",
    "canonical_json": ".build",
    "check_certificate": ".build",
    "write_certificate": ".build",
    "certificate_for": ".claims",
    "exhaustive_certificate_for": ".claims",
    "hypothesis_statements": ".claims",
    "retargeting_certificate": ".retarget",
    "sweep_certificate": ".sweep",
}

__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
