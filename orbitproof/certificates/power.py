"""Certificates for exact POWER under iid rewards (kind ``power``; docs/power.md).

The certificate embeds the environment, the semantics (0 < γ < 1 or gain) and the distribution,
and claims POWER at one or more states, the optimality probability of every action at a state
(P(max_{F(s|a)} ≥ max_{F(s)}), ties counted), and/or the POWER-seeking table at a state.  The stdlib verifier (:mod:`orbitproof.verify`, section
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
from ..mdp.io import resolve_environment as _env_obj
from ..mdp.power_iid import OptimalityResult, PowerResult, PowerSeekingResult
from .. import verify as _verify
from .build import environment_json, write_certificate

__all__ = ["power_certificate", "write_certificate"]


def power_certificate(environment: Any, results: Sequence[PowerResult] = (), *,
                      optimality: OptimalityResult | None = None,
                      seeking: PowerSeekingResult | None = None) -> dict[str, Any]:
    """A ``power`` certificate on one environment, one semantics and one distribution, for any of:
    POWER at some states (results of :func:`orbitproof.mdp.power_iid.power`), the optimality
    probabilities of every action at one state, and the POWER-seeking table at one state."""
    parts: list[Any] = [*results, *(x for x in (optimality, seeking) if x is not None)]
    if not parts:
        raise CertificateError("a power certificate needs at least one result")
    first = parts[0]
    for r in parts:
        if r.semantics != first.semantics or r.distribution != first.distribution:
            raise CertificateError("all results of a power certificate need one semantics and one distribution")
    if isinstance(first.semantics, Discounted) and first.semantics.gamma == 0:
        raise CertificateError("power certificates cover 0 < gamma < 1 and gain (not the gamma -> 0 limit)")
    env = _env_obj(environment)
    dist = first.distribution.to_dict()
    if isinstance(first.distribution, FiniteSupport):
        dist_obj: dict[str, Any] = {"values": dist["values"], "probabilities": dist["probabilities"]}
    else:
        dist_obj = {"kind": "uniform"}
    instance = {
        "environment": environment_json(env),
        "semantics": first.semantics.to_dict(),
        "distribution": dist_obj,
    }
    result: dict[str, Any] = {}
    if results:
        result["power"] = {r.state: format_fraction(r.value) for r in results}
    if optimality is not None:
        if set(optimality.probabilities) != set(env.actions(optimality.state)):
            raise CertificateError("an optimality certificate covers every action at the state")
        result["optimality"] = {"state": optimality.state,
                                "probabilities": {a: format_fraction(p) for a, p in optimality.probabilities.items()}}
    if seeking is not None:
        result["seeking"] = {"state": seeking.state,
                             "expected_power": {a: format_fraction(v) for a, v in seeking.expected_power.items()}}
    return {
        "format": _verify.FORMAT,
        "kind": "power",
        "instance": instance,
        "instance_digest": _verify.instance_digest(instance),
        "result": result,
        "note": (f"Exact results under iid {first.distribution.spec} at {first.semantics.name}. The verifier "
                 "re-derives the options from every policy and re-computes every value (enumeration, or "
                 "Lasserre's recursion over the cells for uniform)."),
    }
