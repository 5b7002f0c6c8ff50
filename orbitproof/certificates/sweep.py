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

__all__ = ["sweep_certificate", "claim_sweep_certificate", "certifiable_rule", "VERIFIED_SWEEP_RULES"]


def _counts(c: tuple[int, int, int, int]) -> dict[str, int]:
    return {"b_gt_a": c[0], "a_gt_b": c[1], "tie": c[2], "orbit_size": c[3]}


def sweep_certificate(result: Any, note: str | None = None) -> dict[str, Any]:
    """The certificate of a :class:`~orbitproof.orbits.sweep.Sweep`."""
    _rule_precheck(result.problem.rule.name)
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


# ----------------------------------------------------------------------------- claims (check --gamma-sweep)
#: Rules whose breakpoints the gamma-sweep verifier re-derives (P22's other rules need polynomials
#: it does not generate: coincidences for quantilise/best-of, thresholds for satisfice).
VERIFIED_SWEEP_RULES = _verify.SWEEP_REDERIVED_RULES + _verify.SWEEP_ORDER_RULES


def certifiable_rule(rule: str) -> bool:
    """Whether the gamma-sweep verifier re-derives every breakpoint under ``rule`` (by its family)."""
    return rule.partition(":")[0] in VERIFIED_SWEEP_RULES


def _rule_precheck(rule: str) -> None:
    from ..core.errors import CertificateError

    if not certifiable_rule(rule):
        raise CertificateError(f"no gamma-sweep certificate for the rule {rule}: the verifier re-derives the "
                               f"breakpoints of {', '.join(VERIFIED_SWEEP_RULES)} only")


def claim_sweep_certificate(cs: Any, env: Any) -> dict[str, Any]:
    """A ``gamma-sweep`` certificate for ``check CLAIM ... --gamma-sweep`` (docs/sweep.md): the
    breakpoints of the claim sweep (those of the counts and those of the hypotheses) with the counts
    of the reward on every piece, which the verifier re-derives.  The note states the claim's
    holds-set and what the verifier does NOT re-check: the hypotheses and x on each piece."""
    from dataclasses import replace

    from ..core.errors import CertificateError
    from ..orbits.sweep import Piece, Sweep, count_at, count_at_root, format_set, sweep_problem

    if cs.reward and isinstance(cs.reward[0], tuple):
        raise CertificateError("no gamma-sweep certificate for a mixture: the verifier re-checks point rewards only")
    _rule_precheck(cs.compare)
    prob = sweep_problem(env, cs.state, cs.a, cs.b, cs.reward, cs.compare)
    pieces = []
    for p in cs.pieces:
        counts = count_at(prob, p.sample) if (p.kind == "interval" or p.point.is_rational) \
            else count_at_root(prob, p.point)
        if p.verdict is not None and p.verdict.counts is not None and tuple(p.verdict.counts) != counts:
            raise CertificateError(f"internal disagreement at γ = {p.sample}: claim counts {p.verdict.counts}, "
                                   f"sweep counts {counts}")
        pieces.append(Piece(p.kind, counts, sample=p.sample, lo=p.lo, hi=p.hi, point=p.point))
    sweep = Sweep(prob, cs.breakpoints, tuple(pieces), (), 0, ())
    note = (f"check {cs.claim} --gamma-sweep (form {cs.form}, compare {cs.compare}): the claim holds for γ ∈ "
            f"{format_set(cs.holds_set())}; "
            + "; ".join(f"{k} for γ ∈ {v}" for k, v in cs.statuses().items() if k != "holds")
            + ". Re-checked by the verifier: every breakpoint of the counts is listed and the counts on every "
              "piece. NOT re-checked: the claim's hypotheses and x on each piece (re-derive them with "
              "`orbitproof check CLAIM ... --gamma G` at a point of the piece) and the extra breakpoints where "
              "coordinate values coincide.")
    return sweep_certificate(sweep, note=note)
