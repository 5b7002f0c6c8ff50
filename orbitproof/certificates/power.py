"""Certificates for exact POWER under iid rewards (kind ``power``; docs/power.md).

The certificate embeds the environment, the semantics (0 ≤ γ < 1 or gain) and the distribution,
and claims POWER at one or more states, the optimality probability of every action at a state
(P(max_{F(s|a)} ≥ max_{F(s)}), ties counted), and/or the POWER-seeking table at a state.  The stdlib
verifier (:mod:`orbitproof.verify`, section "power") re-derives F(s) (or RSD(s), or the successor
distributions at γ = 0) from every policy, then: for a finite-support distribution it re-computes by
enumerating every reward vector; for ``uniform`` it checks the triangulation witness of the lifted
polytope embedded under ``result.evidence`` (:mod:`orbitproof.mdp.power_witness`), or, for states
without a witness, re-computes by its own Lasserre recursion over the cells (within its limits).

:func:`sets_certificate` certifies p_D(A ≥ B) and p_D(B ≥ A) for two vector sets (``optprob --sets``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.distributions import Distribution, FiniteSupport, parse_distribution
from ..core.errors import CertificateError, TooLargeError
from ..core.exact import format_fraction, to_fractions
from ..mdp.expectation import constant_coordinates, lasserre_cells_work, pareto_filter
from ..mdp.io import resolve_environment as _env_obj
from ..mdp.options import option_set
from ..mdp.power_iid import OptimalityResult, PowerResult, PowerSeekingResult, power_options
from ..mdp.power_witness import triangulation_witness
from .. import verify as _verify
from .build import environment_json, write_certificate

__all__ = ["power_certificate", "sets_certificate", "write_certificate", "EVIDENCE_MODES"]

#: ``auto``: a triangulation witness for ``uniform`` where it fits the budgets (else the verifier
#: re-computes); ``witness``: always (refuse past the budgets); ``none``: never.
EVIDENCE_MODES = ("auto", "witness", "none")


def _witness(options: Any, mode: str) -> dict[str, Any] | None:
    """A triangulation witness, or None: the verifier then re-computes by Lasserre's recursion, which
    must fit its own limit (else the certificate could never be checked: refuse with the reason)."""
    if mode == "none":
        return None
    try:
        return triangulation_witness(options)
    except TooLargeError as err:
        if mode == "witness":
            raise
        C = list(dict.fromkeys(to_fractions(v) for v in options))
        keep, _ = constant_coordinates(C)
        n = len(pareto_filter([tuple(v[j] for j in keep) for v in C]))
        work = lasserre_cells_work(n, len(keep))
        if work > _verify.POWER_LIMITS["power_cells"]:
            raise CertificateError(f"{err}; and re-computing by cells ({work:,} estimated faces) exceeds the "
                                   f"verifier's limit {_verify.POWER_LIMITS['power_cells']:,}") from None
        return None


def _dist_obj(D: Distribution) -> dict[str, Any]:
    if isinstance(D, FiniteSupport):
        dist = D.to_dict()
        return {"values": dist["values"], "probabilities": dist["probabilities"]}
    return {"kind": "uniform"}


def power_certificate(environment: Any, results: Sequence[PowerResult] = (), *,
                      optimality: OptimalityResult | None = None,
                      seeking: PowerSeekingResult | None = None, evidence: str = "auto") -> dict[str, Any]:
    """A ``power`` certificate on one environment, one semantics and one distribution, for any of:
    POWER at some states (results of :func:`orbitproof.mdp.power_iid.power`), the optimality
    probabilities of every action at one state, and the POWER-seeking table at one state.  Under
    ``uniform``, ``evidence`` (:data:`EVIDENCE_MODES`) controls the triangulation witnesses."""
    if evidence not in EVIDENCE_MODES:
        raise CertificateError(f"evidence must be one of {', '.join(EVIDENCE_MODES)}")
    parts: list[Any] = [*results, *(x for x in (optimality, seeking) if x is not None)]
    if not parts:
        raise CertificateError("a power certificate needs at least one result")
    first = parts[0]
    for r in parts:
        if r.semantics != first.semantics or r.distribution != first.distribution:
            raise CertificateError("all results of a power certificate need one semantics and one distribution")
    env = _env_obj(environment)
    instance = {
        "environment": environment_json(env),
        "semantics": first.semantics.to_dict(),
        "distribution": _dist_obj(first.distribution),
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
    if not isinstance(first.distribution, FiniteSupport) and evidence != "none":
        ev: dict[str, Any] = {}
        states = [r.state for r in results]
        if seeking is not None:
            states += [t for a in env.actions(seeking.state) for t, _ in env.transition(seeking.state, a)]
        wits = {}
        for st in dict.fromkeys(states):
            w = _witness(power_options(env, st, first.semantics)[0], evidence)
            if w is not None:
                wits[st] = w
        if wits:
            ev["power"] = wits
        if optimality is not None:
            w = _witness(option_set(env, optimality.state, None, first.semantics).vectors, evidence)
            if w is not None:
                ev["optimality"] = w
        if ev:
            result["evidence"] = ev
    return {
        "format": _verify.FORMAT,
        "kind": "power",
        "instance": instance,
        "instance_digest": _verify.instance_digest(instance),
        "result": result,
        "note": (f"Exact results under iid {first.distribution.spec} at {first.semantics.name}. The verifier "
                 "re-derives the options from every policy and re-computes every value by enumeration (finite "
                 "support), or for uniform checks the triangulation witnesses in result.evidence (a "
                 "triangulation of the lifted polytope; states without one are re-computed by Lasserre's "
                 "recursion over the cells). Not re-checked: nothing is taken on trust beyond the verifier's code."),
    }


def sets_certificate(A: Sequence[Sequence[Any]], B: Sequence[Sequence[Any]], dist: Any, p_a: Any, p_b: Any,
                     *, evidence: str = "auto") -> dict[str, Any]:
    """A ``power`` certificate for p_D(A ≥ B) = ``p_a`` and p_D(B ≥ A) = ``p_b`` (P21 Def E.19)."""
    if evidence not in EVIDENCE_MODES:
        raise CertificateError(f"evidence must be one of {', '.join(EVIDENCE_MODES)}")
    D = parse_distribution(dist)
    fa = [to_fractions(v) for v in A]
    fb = [to_fractions(v) for v in B]
    instance = {"distribution": _dist_obj(D),
                "sets": {"A": [[format_fraction(x) for x in v] for v in fa],
                         "B": [[format_fraction(x) for x in v] for v in fb]}}
    result: dict[str, Any] = {"p_A_ge_B": format_fraction(to_fractions([p_a])[0]),
                              "p_B_ge_A": format_fraction(to_fractions([p_b])[0])}
    if not isinstance(D, FiniteSupport):
        w = _witness(list(dict.fromkeys(fa + fb)), evidence)
        if w is not None:
            result["evidence"] = {"sets": w}
    return {
        "format": _verify.FORMAT,
        "kind": "power",
        "instance": instance,
        "instance_digest": _verify.instance_digest(instance),
        "result": result,
        "note": (f"p_D(A >= B) and p_D(B >= A) under iid {D.spec}; ties count for both. The verifier re-computes "
                 "them by enumeration (finite support) or checks the triangulation witness (uniform)."),
    }
