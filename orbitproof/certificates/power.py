"""Certificates for exact POWER under iid rewards (kind ``power``; docs/power.md).

The certificate embeds the environment, the semantics (0 < γ < 1 or gain) and the distribution,
and claims POWER at one or more states.  The stdlib verifier (:mod:`orbitproof.verify`, section
"power") re-derives F(s) (or RSD(s)) from every policy and re-computes the expectation: by
enumerating every reward vector for a finite-support distribution, by its own Lasserre recursion
over the cells for ``uniform`` (within its size limits).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.distributions import FiniteSupport
from ..core.errors import CertificateError
from ..core.exact import format_fraction
from ..core.semantics import Discounted
from ..mdp.power_iid import PowerResult
from .. import verify as _verify
from .build import environment_json, write_certificate

__all__ = ["power_certificate", "write_certificate"]


def power_certificate(environment: Any, results: Sequence[PowerResult]) -> dict[str, Any]:
    """A ``power`` certificate for results of :func:`orbitproof.mdp.power_iid.power` on one environment,
    one semantics and one finite-support distribution."""
    if not results:
        raise CertificateError("a power certificate needs at least one result")
    first = results[0]
    for r in results:
        if r.semantics != first.semantics or r.distribution != first.distribution:
            raise CertificateError("all results of a power certificate need one semantics and one distribution")
    if isinstance(first.semantics, Discounted) and first.semantics.gamma == 0:
        raise CertificateError("power certificates cover 0 < gamma < 1 and gain (not the gamma -> 0 limit)")
    dist = first.distribution.to_dict()
    if isinstance(first.distribution, FiniteSupport):
        dist_obj: dict[str, Any] = {"values": dist["values"], "probabilities": dist["probabilities"]}
    else:
        dist_obj = {"kind": "uniform"}
    instance = {
        "environment": environment_json(environment),
        "semantics": first.semantics.to_dict(),
        "distribution": dist_obj,
    }
    return {
        "format": _verify.FORMAT,
        "kind": "power",
        "instance": instance,
        "instance_digest": _verify.instance_digest(instance),
        "result": {"power": {r.state: format_fraction(r.value) for r in results}},
        "note": (f"POWER under iid {first.distribution.spec} at {first.semantics.name}. The verifier "
                 "re-derives the options from every policy and re-computes the expectation (enumeration, or "
                 "Lasserre's recursion over the cells for uniform)."),
    }
