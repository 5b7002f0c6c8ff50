"""Certificates for claim verdicts: a failing :class:`~orbitproof.claims.Verdict` becomes a
counterexample certificate, a family check without counterexample an exhaustive one, and the claim's
structural hypotheses become statements the verifier re-checks (docs/certificates.md)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..claims.instance import Instance
from ..claims.registry import Analysis, get_claim
from ..claims.rewards import parse_family
from ..claims.verdict import FamilyVerdict, Verdict, jsonable, resolve_claim
from ..core.exact import format_fraction

__all__ = ["certificate_for", "exhaustive_certificate_for", "hypothesis_statements"]

def certificate_for(v: Verdict, inst: Instance, analysis: Analysis | None = None) -> tuple[dict | None, str]:
    """A certificate for a failing verdict and a remark on what the verifier re-checks.

    ratio → counterexample ("scaling", x); weak → ("weak-fraction", x); strict → the closest
    supported claim that also fails, else an orbit-count certificate (the verifier re-derives the
    counts; the strict inequality is stated in the note).  A robust strict failure carries
    ``claim.robust`` (the verifier re-checks it).  Mixtures of point masses
    get the same kinds with the instance's ``mixture`` in place of ``reward`` (no robustness notion:
    a mixture's strict failure is certified as is).  The claim's hypotheses go into the
    certificate as re-checkable statements where the verifier has a form for them
    (:func:`hypothesis_statements`; ``analysis`` defaults to re-analysing the instance)."""
    from ..certificates.build import counterexample_certificate as _cex
    from ..certificates.build import orbit_count_certificate

    if v.counts is None or v.x is None:
        return None, "no counts"
    an = analysis or resolve_claim(v.claim).analyse(inst, {"compare": v.compare, "n": v.x} if v.claim != "F10" else
                                                {"compare": v.compare})
    statements = hypothesis_statements(v.claim, an) if an.x == v.x else []

    robust = v.form == "strict" and v.robust is True
    dropped = []

    def counterexample_certificate(claim, counts, **kw):
        cert, used = _with_statements(lambda hyp: _cex(claim, counts, hypotheses=hyp, robust=robust, **kw),
                                      statements)
        if statements and not used:
            dropped.append(True)
        return cert

    def _how(text: str) -> str:
        return text + ("; the claim's structure statements were rejected by the verifier, so the structure is "
                       "stated in the note only" if dropped else "")
    kw = _cert_inputs(inst, v.compare)
    if v.reward and isinstance(v.reward[0], tuple):
        kw["mixture"] = list(v.reward)
        reward = None
    else:
        reward = list(v.reward)
    b, a, t, size = v.counts
    note = (f"claim {v.claim} ({v.form}, x = {format_fraction(v.x)}) on {inst.label}: counts "
            f"(B>A, A>B, tie, |orbit|) = {tuple(v.counts)}; hypotheses {jsonable(v.hypotheses)}")
    if v.form == "ratio" and b < v.x * a:
        return counterexample_certificate(("scaling", v.x), v.counts, reward=reward, compare=v.compare,
                                          note=note, **kw), _how("verifier re-checks: scaling")
    if v.form in ("weak", "strict") and (b + t) * (v.x + 1) < v.x * size:
        return counterexample_certificate(("weak-fraction", v.x), v.counts, reward=reward,
                                          compare=v.compare, note=note, **kw), _how("verifier re-checks: weak-fraction")
    if v.form == "strict" and b < v.x * a:
        return counterexample_certificate(("scaling", v.x), v.counts, reward=reward, compare=v.compare,
                                          note=note, **kw), _how("verifier re-checks: scaling")
    note += (f"; strict fraction {b}/{size} < x/(x+1) = {format_fraction(v.x / (v.x + 1))}; robust reward "
             f"(outcome locally constant at every orbit element): {v.robust}")
    if v.form == "strict" and b * (v.x + 1) < v.x * size:
        return counterexample_certificate(("strict-fraction", v.x), v.counts, reward=reward,
                                          compare=v.compare, note=note, **kw), \
            _how("verifier re-checks: strict-fraction" + (" and robustness" if robust else ""))
    return orbit_count_certificate(v.counts, reward=reward, compare=v.compare, note=note, **kw), \
        "verifier re-checks the counts only"


_VERIFIER_CLAIM = {"ratio": "scaling", "weak": "weak-fraction", "strict": "strict-fraction"}
_COPY_CLAIMS = ("scaling", "scaling-weak", "S1", "S2", "S3")
_UNIT_CLAIMS = ("F1", "F2", "F3", "F9")


def hypothesis_statements(claim: str, an: Analysis) -> list[dict]:
    """The claim's hypotheses as statements the verifier re-checks (``instance.hypotheses``,
    docs/certificates.md): ``copies`` for the copy-based claims (scaling, S1–S3; F10 with the gain
    copies), ``units`` for the unit-case readings F1, F2, F3, F9, ``d13`` for F5/F6, ``nd-count``
    for F7 and ``images`` for F8, ``blocks`` for F4.  Empty when the structure does not back x."""
    x = an.x
    if x is None or an.met is not True:
        return []
    h = an.hypotheses
    if claim in _COPY_CLAIMS or claim == "F10":
        pre, invs = ("gain_", an.params.get("gain_involutions")) if claim == "F10" else ("", an.params.get("involutions"))
        if not invs or x.denominator != 1 or x > len(invs):
            return []
        st: dict[str, Any] = {"kind": "copies", "copy_of": h.get(pre + "copies_of", "ND(A)"),
                              "involutions": [list(map(list, inv)) for inv in invs[:int(x)]],
                              "require": sorted(k for k in ("c_invariant", "z_condition", "orthogonal")
                                                if an.compare != "max" and h.get(pre + k) is True)}
        if claim == "F10":
            st["semantics"] = {"kind": "gain"}
        return [st]
    coords = an.instance.coordinates

    def names(pairs: list) -> list:
        return [[coords[i], coords[j]] for i, j in pairs]

    if claim.partition(":")[0] in ("F5", "F6") and an.params.get("d13"):
        d13 = an.params["d13"]
        st = {"kind": "d13", "parts": [[[format_fraction(x) for x in v] for v in part] for part in d13["parts"]],
              "involutions": [[names(p) for p in fam] for fam in d13["families"]],
              "c_invariant": d13["c_invariant"]}
        if d13.get("shared"):
            st["shared"] = True
        return [st]
    if claim == "F4" and an.params.get("blocks"):
        b = an.params["blocks"]
        return [{"kind": "blocks", "A": [[coords[i] for i in blk] for blk in b["A"]],
                 "B": [[coords[i] for i in blk] for blk in b["B"]]}]
    if claim == "F7" and h.get("structure"):
        return [{"kind": "nd-count", "A": h["m"], "B": h["n"]}]
    if claim == "F8" and h.get("structure") and an.params.get("involutions"):
        return [{"kind": "images", "involutions": [names(p) for p in an.params["involutions"]]}]
    if claim in _UNIT_CLAIMS and h.get("structure"):
        from ..claims.structure import unit_coordinates

        sa, sb = unit_coordinates(an.instance)
        coords = an.instance.coordinates
        return [{"kind": "units", "A": [coords[i] for i in sa], "B": [coords[j] for j in sb],
                 "B_extra": bool(h.get("extras"))}]
    return []


def _with_statements(build, statements: list[dict]) -> tuple[dict, bool]:
    """Build with the statements if the verifier accepts them, else without (returns cert, used)."""
    from .. import verify as _verify

    if statements:
        cert = build(statements)
        try:
            _verify.verify_certificate(cert)
            return cert, True
        except _verify.Invalid:
            pass
    return build(None), False


def exhaustive_certificate_for(fv: FamilyVerdict, inst: Instance, params: Mapping | None = None
                               ) -> tuple[dict | None, str]:
    """An exhaustive certificate for a family check that found no counterexample, when the family
    has a verifier twin: ``grid:K`` ↔ "reward-multisets" with values 0..K, ``mixfaces:K[:V]`` ↔
    "mixtures" with values 0..V and the face weights.  The claim is certified in its verifier form
    (ratio → ``scaling``, weak → ``weak-fraction``, strict → ``strict-fraction``) with n = x; the
    claim's hypotheses go in as re-checkable statements (:func:`hypothesis_statements`) when the
    verifier accepts them, and are stated in the note in any case."""
    from ..certificates.build import exhaustive_certificate

    if fv.status not in ("holds", "proved") or fv.analysis.x is None:
        return None, f"status {fv.status}: nothing to certify exhaustively"
    if fv.inequality_failures:
        return None, f"the inequality fails on {fv.inequality_failures} member(s) (not counted as counterexamples)"
    fam = parse_family(fv.family)
    if fam.kind not in ("grid", "mixfaces"):
        return None, f"the family {fam.name} has no exhaustive certificate form (grid:K or mixfaces:K[:V])"
    c = get_claim(fv.claim)
    form = c.form_for(dict(params or {}))
    if form == "strict" and fam.kind == "grid":
        return None, "strict readings on point masses count only robust rewards: no exhaustive form"
    x = fv.analysis.x
    compare = fv.analysis.compare
    kw = _cert_inputs(inst, compare)
    note = (f"claim {fv.claim} ({form}, x = {format_fraction(x)}) on {inst.label}, reward family {fam.name}: "
            f"{fv.checked} checked, no counterexample; complete: {fv.complete} ({fv.complete_reason}); hypotheses "
            f"{jsonable(fv.analysis.hypotheses)}")
    claim = (_VERIFIER_CLAIM[form], x)
    weights = fam.mixture_weights() if fam.kind == "mixfaces" else None
    cert, used = _with_statements(
        lambda hyp: exhaustive_certificate(
            claim, list(range(fam.K + 1)), compare=compare, weights=weights, hypotheses=hyp, **kw,
            note=note + (" (structure re-checked by the verifier: instance.hypotheses)" if hyp else
                         " (checked by orbitproof only)")),
        hypothesis_statements(fv.claim, fv.analysis))
    return cert, f"verifier re-checks: {claim[0]} (n = {format_fraction(x)}) on all {cert['result']['instances']} members"


def _cert_inputs(inst: Instance, compare: str) -> dict:
    src = inst.source
    if "environment" in src:
        return {"environment": src["environment"], "state": src["state"], "a": src["a"], "b": src["b"],
                "semantics": src["semantics"]}
    s = src["sets"]
    sets = {"coordinates": s["coordinates"], "A": s["A"], "B": s["B"]}
    if compare != "max":
        sets["C"] = s.get("C") or sorted({tuple(v) for v in s["A"] + s["B"]})
        sets["C"] = [list(v) for v in sets["C"]]
    return {"sets": sets}
