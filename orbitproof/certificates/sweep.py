"""Builder of ``gamma-sweep`` certificates (docs/certificates.md, docs/sweep.md; docs/math.md §13.1).

The instance is the fork itself (environment, state, a, b, compare, reward); the result lists the
breakpoints (``{"value": "p/q"}`` or ``{"minimal_polynomial": [...], "interval": [lo, hi]}``,
coefficients lowest degree first) and the counts of every piece in order (interval, breakpoint,
interval, ...).  The verifier re-derives the visit functions and every distinct difference
polynomial itself, so the certificate stores no polynomial and no option vector: its size grows
with the number of breakpoints only.
"""

from __future__ import annotations

from typing import Any

from .. import verify as _verify
from ..core.exact import format_fraction
from .build import environment_json

__all__ = ["sweep_certificate"]


def _counts(c: tuple[int, int, int, int]) -> dict[str, int]:
    return {"b_gt_a": c[0], "a_gt_b": c[1], "tie": c[2], "orbit_size": c[3]}


def sweep_certificate(result: Any, note: str | None = None) -> dict[str, Any]:
    """The certificate of a :class:`~orbitproof.orbits.sweep.Sweep`."""
    p = result.problem
    instance = {
        "environment": environment_json(p.environment),
        "state": p.state,
        "a": list(p.a),
        "b": list(p.b),
        "compare": p.rule.name,
        "reward": [format_fraction(x) for x in p.reward],
    }
    bps = []
    for bp in result.breakpoints:
        if bp.is_rational:
            bps.append({"value": format_fraction(bp.value)})
        else:
            bps.append({"minimal_polynomial": [str(c) for c in bp.poly],
                        "interval": [format_fraction(bp.lo), format_fraction(bp.hi)]})
    cert = {
        "format": _verify.FORMAT,
        "kind": "gamma-sweep",
        "instance": instance,
        "instance_digest": _verify.instance_digest(instance),
        "result": {"breakpoints": bps, "counts": [_counts(piece.counts) for piece in result.pieces]},
    }
    if note:
        cert["note"] = note
    return cert
