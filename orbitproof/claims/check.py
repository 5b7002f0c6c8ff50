"""Checking a claim on one instance: one reward (:func:`check`) or a reward family
(:func:`check_family`), and turning a counterexample into a certificate (:func:`certificate_for`).

Status values (hypotheses are checked first and reported separately):

* ``"holds"`` — hypotheses met and the inequality holds on every reward checked;
* ``"fails"`` — hypotheses met and the inequality fails (for strict forms: on a robust reward);
* ``"hypotheses-not-met"`` / ``"hypotheses-undecided"`` — the claim does not apply (the inequality's
  own outcome is still reported as ``inequality_holds``);
* ``"inconclusive"`` — a strict-form inequality fails only on non-robust rewards (ties of measure 0).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..exact import format_fraction
from .counting import fast_counts, mixture_counts, reference_counts, robust
from .instance import Instance
from .registry import Analysis, Claim, get_claim
from .rewards import RewardFamily, parse_family

__all__ = ["Verdict", "FamilyVerdict", "check", "check_family", "holds", "slack", "certificate_for",
           "exhaustive_certificate_for", "hypothesis_statements"]


def holds(form: str, x: Fraction, counts: Sequence[int]) -> bool:
    b, a, t, size = counts
    if form == "ratio":
        return b >= x * a
    if form == "weak":
        return (b + t) * (x + 1) >= x * size
    return b * (x + 1) >= x * size


def slack(form: str, x: Fraction, counts: Sequence[int]) -> Fraction:
    """The claim's margin as a fraction of the orbit (negative = violated)."""
    b, a, t, size = counts
    if form == "ratio":
        return Fraction(b - x * a, size)
    if form == "weak":
        return Fraction((b + t) * (x + 1) - x * size, size)
    return Fraction(b * (x + 1) - x * size, size)


def _fs(x: Any) -> str | None:
    return None if x is None else format_fraction(Fraction(x))


def _jsonable(v: Any) -> Any:
    if isinstance(v, Fraction):
        return format_fraction(v)
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    return v


class _Display:
    """Notebook-friendly display shared by the verdict values (to_json, _repr_html_, _repr_latex_)."""

    def to_json(self) -> str:
        import json

        return json.dumps(self.to_dict(), sort_keys=True, default=str)  # type: ignore[attr-defined]

    def _summary(self) -> list[tuple[str, str]]:
        d = self.to_dict()  # type: ignore[attr-defined]
        keys = ("claim", "instance", "family", "semantics", "status", "x", "counts", "weak_fraction",
                "complete", "checked")
        return [(k, str(d[k])) for k in keys if k in d and d[k] is not None]

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in self._summary())
        return f"<table>{rows}</table>"

    def _repr_latex_(self) -> str:
        def tex(t: str) -> str:
            return "".join({"_": r"\_", "&": r"\&", "%": r"\%", "#": r"\#", "{": r"\{", "}": r"\}",
                            "$": r"\$", "^": "", "~": ""}.get(ch, ch) for ch in t)

        body = r" \\ ".join(rf"\text{{{tex(k)}}} & \text{{{tex(v)}}}" for k, v in self._summary())
        return rf"$\begin{{array}}{{ll}} {body} \end{{array}}$"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(" + ", ".join(f"{k}={v}" for k, v in self._summary()) + ")"


@dataclass(repr=False)
class Verdict(_Display):
    claim: str
    form: str
    compare: str
    instance: str
    semantics: str
    reward: Any
    counts: tuple[int, int, int, int] | None
    x: Fraction | None
    hypotheses: dict
    hypotheses_met: bool | None
    inequality_holds: bool | None
    robust: bool | None
    status: str
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> Fraction | None:
        """#(B>A)/#(A>B) (None when #(A>B) = 0)."""
        if self.counts is None or self.counts[1] == 0:
            return None
        return Fraction(self.counts[0], self.counts[1])

    def to_dict(self) -> dict:
        c = self.counts
        out = {
            "claim": self.claim, "form": self.form, "compare": self.compare, "instance": self.instance,
            "semantics": self.semantics, "status": self.status,
            "reward": _reward_json(self.reward),
            "counts": None if c is None else {"b_gt_a": c[0], "a_gt_b": c[1], "tie": c[2], "orbit_size": c[3]},
            "x": _fs(self.x), "ratio_b_over_a": _fs(self.ratio),
            "weak_fraction": None if c is None else _fs(Fraction(c[0] + c[2], c[3])),
            "strict_fraction": None if c is None else _fs(Fraction(c[0], c[3])),
            "bound_fraction": None if self.x is None else _fs(self.x / (self.x + 1)),
            "hypotheses": _jsonable(self.hypotheses), "hypotheses_met": self.hypotheses_met,
            "inequality_holds": self.inequality_holds, "robust": self.robust, "notes": list(self.notes),
        }
        return out


def _reward_json(r: Any) -> Any:
    if r is None:
        return None
    if r and isinstance(r[0], tuple):  # mixture
        return [{"weight": format_fraction(Fraction(w)), "reward": [format_fraction(Fraction(x)) for x in v]}
                for w, v in r]
    return [format_fraction(Fraction(x)) for x in r]


def _resolve(claim: Claim | str) -> Claim:
    return claim if isinstance(claim, Claim) else get_claim(claim)


def _count(inst: Instance, reward: Any, compare: str, engine: str) -> tuple[int, int, int, int]:
    if reward and isinstance(reward[0], tuple):
        return mixture_counts(inst, reward, compare, engine=engine)
    if engine == "reference":
        return reference_counts(inst, reward, compare)
    return fast_counts(inst, reward, compare)


def _status(an: Analysis, ok: bool | None, rob: bool | None, form: str) -> str:
    if an.met is False or an.x is None:
        return "hypotheses-not-met"
    if an.met is None:
        return "hypotheses-undecided"
    if ok:
        return "holds"
    if form == "strict" and rob is not True:
        return "inconclusive"
    return "fails"


def _verdict(claim: Claim, an: Analysis, form: str, reward: Any, engine: str) -> Verdict:
    inst = an.instance
    counts = _count(inst, reward, an.compare, engine) if an.x is not None else None
    ok = holds(form, an.x, counts) if counts is not None else None
    rob = None
    if form == "strict" and ok is False and not (reward and isinstance(reward[0], tuple)):
        rob = robust(inst, reward, an.compare)
    return Verdict(claim.name, form, an.compare, inst.label, str(inst.semantics or "vectors"), reward, counts,
                   an.x, an.hypotheses, an.met, ok, rob, _status(an, ok, rob, form), list(an.notes))


def check(claim: Claim | str, inst: Instance, reward: Any, params: Mapping | None = None, *,
          engine: str = "exact", analysis: Analysis | None = None) -> Verdict:
    """Check ``claim`` on ``inst`` for one reward vector (or one mixture ((w, r), ...))."""
    c = _resolve(claim)
    params = dict(params or {})
    an = analysis or c.analyse(inst, params)
    return _verdict(c, an, c.form_for(params), reward, engine)


@dataclass(repr=False)
class FamilyVerdict(_Display):
    claim: str
    instance: str
    family: str
    complete: bool
    complete_reason: str
    checked: int
    status: str
    worst: Verdict | None
    counterexample: Verdict | None
    analysis: Analysis
    non_robust_failures: int = 0
    inequality_failures: int = 0

    def to_dict(self) -> dict:
        return {
            "inequality_failures": self.inequality_failures,
            "non_robust_failures": self.non_robust_failures,
            "claim": self.claim, "instance": self.instance, "family": self.family,
            "complete": self.complete, "complete_reason": self.complete_reason, "checked": self.checked,
            "status": self.status, "x": _fs(self.analysis.x), "compare": self.analysis.compare,
            "hypotheses": _jsonable(self.analysis.hypotheses), "hypotheses_met": self.analysis.met,
            "worst": self.worst.to_dict() if self.worst else None,
            "counterexample": self.counterexample.to_dict() if self.counterexample else None,
            "notes": list(self.analysis.notes),
        }


def check_family(claim: Claim | str, inst: Instance, family: RewardFamily | str, params: Mapping | None = None,
                 *, engine: str = "exact", stop: bool = True) -> FamilyVerdict:
    """Check ``claim`` over a reward family; stops at the first counterexample (family order) when
    ``stop``.  The verdict names the family and whether it is complete for the instance."""
    c = _resolve(claim)
    params = dict(params or {})
    fam = parse_family(family)
    an = c.analyse(inst, params)
    form = c.form_for(params)
    domain = "mixture" if fam.domain == "mixture" else "point"
    if c.domain == "mixture" and domain != "mixture":
        domain = "point"  # point masses are distributions too
    complete, why = fam.complete(inst, c.domain if domain == "mixture" else "point", an.compare)
    if c.domain == "mixture" and fam.domain != "mixture" and complete:
        complete, why = False, "point masses only: the claim quantifies over all distributions"
    if an.x is None:
        return FamilyVerdict(c.name, inst.label, fam.name, complete, why, 0, "hypotheses-not-met", None, None, an)
    worst: Verdict | None = None
    worst_slack: Fraction | None = None
    counter: Verdict | None = None
    incon = 0
    fails_any = [0]
    n = 0

    def consider(v: Verdict) -> Fraction:
        nonlocal worst, worst_slack, counter, incon
        s = slack(form, an.x, v.counts)
        if v.status != "inconclusive" and (worst_slack is None or s < worst_slack or (
                s == worst_slack and worst is not None and v.counts is not None and worst.counts is not None
                and v.counts[1] > worst.counts[1])):
            worst, worst_slack = v, s  # ties: prefer more A>B elements (the informative tight case)
        if v.inequality_holds is False:
            fails_any[0] += 1
        if v.status == "fails" and counter is None:
            counter = v
        if v.status == "inconclusive":
            incon += 1
        return s

    if fam.kind == "adversarial":
        n = _adversarial(c, an, form, inst, fam, engine, consider, stop, lambda: counter is not None)
    else:
        for r in fam.rewards(inst.d):
            n += 1
            consider(_verdict(c, an, form, r, engine))
            if stop and counter is not None:
                break
    if an.met is False:
        status = "hypotheses-not-met"
    elif an.met is None:
        status = "hypotheses-undecided"
    elif counter is not None:
        status = "fails"
    else:
        status = "proved" if complete else "holds"
    fv = FamilyVerdict(c.name, inst.label, fam.name, complete, why, n, status, worst, counter, an)
    fv.non_robust_failures = incon
    fv.inequality_failures = fails_any[0]
    return fv


def _adversarial(c: Claim, an: Analysis, form: str, inst: Instance, fam: RewardFamily, engine: str,
                 consider, stop: bool, found) -> int:
    """Local search on integer rewards in [-6, 6]: ±1 moves on one coordinate, greedy descent on
    the slack, ``restarts`` seeded restarts.  Deterministic given the seed."""
    rng = random.Random(fam.seed)
    d = inst.d
    cache: dict[tuple, Fraction] = {}
    n = 0

    def evaluate(r: tuple) -> Fraction:
        nonlocal n
        key = tuple(sorted(r))
        if key not in cache:
            n += 1
            cache[key] = consider(_verdict(c, an, form, key, engine))
        return cache[key]

    for _ in range(max(fam.restarts, 1)):
        r = tuple(rng.randint(-3, 3) for _ in range(d))
        cur = evaluate(r)
        for _ in range(fam.steps):
            if stop and found():
                return n
            moves = [(i, dv) for i in range(d) for dv in (-1, 1) if -6 <= r[i] + dv <= 6]
            rng.shuffle(moves)
            best = None
            for i, dv in moves:
                cand = r[:i] + (r[i] + dv,) + r[i + 1:]
                s = evaluate(cand)
                if best is None or s < best[0]:
                    best = (s, cand)
            if best is None or best[0] >= cur:
                break
            cur, r = best
        if stop and found():
            return n
    return n


# ----------------------------------------------------------------------------- certificates
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
    from ..certify import counterexample_certificate as _cex
    from ..certify import orbit_count_certificate

    if v.counts is None or v.x is None:
        return None, "no counts"
    an = analysis or _resolve(v.claim).analyse(inst, {"compare": v.compare, "n": v.x} if v.claim != "F10" else
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
            f"(B>A, A>B, tie, |orbit|) = {tuple(v.counts)}; hypotheses {_jsonable(v.hypotheses)}")
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

    if claim in ("F5", "F6") and an.params.get("d13"):
        d13 = an.params["d13"]
        return [{"kind": "d13", "parts": [[[format_fraction(x) for x in v] for v in part] for part in d13["parts"]],
                 "involutions": [[names(p) for p in fam] for fam in d13["families"]],
                 "c_invariant": d13["c_invariant"]}]
    if claim == "F4" and an.params.get("blocks"):
        b = an.params["blocks"]
        return [{"kind": "blocks", "A": [[coords[i] for i in blk] for blk in b["A"]],
                 "B": [[coords[i] for i in blk] for blk in b["B"]]}]
    if claim == "F7" and h.get("structure"):
        return [{"kind": "nd-count", "A": h["m"], "B": h["n"]}]
    if claim == "F8" and h.get("structure") and an.params.get("involutions"):
        return [{"kind": "images", "involutions": [names(p) for p in an.params["involutions"]]}]
    if claim in _UNIT_CLAIMS and h.get("structure"):
        from .structure import unit_coordinates

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
    from ..certify import exhaustive_certificate

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
            f"{_jsonable(fv.analysis.hypotheses)}")
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
