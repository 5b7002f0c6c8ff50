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

from ..core.exact import format_fraction
from .counting import fast_counts, mixture_counts, reference_counts, robust
from .instance import Instance
from .registry import Analysis, Claim, get_claim
from .rewards import RewardFamily, parse_family

__all__ = ["Verdict", "FamilyVerdict", "check", "check_family", "holds", "slack"]


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


def jsonable(v: Any) -> Any:
    if isinstance(v, Fraction):
        return format_fraction(v)
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
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
            "hypotheses": jsonable(self.hypotheses), "hypotheses_met": self.hypotheses_met,
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


def resolve_claim(claim: Claim | str) -> Claim:
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
    c = resolve_claim(claim)
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
            "hypotheses": jsonable(self.analysis.hypotheses), "hypotheses_met": self.analysis.met,
            "worst": self.worst.to_dict() if self.worst else None,
            "counterexample": self.counterexample.to_dict() if self.counterexample else None,
            "notes": list(self.analysis.notes),
        }


def check_family(claim: Claim | str, inst: Instance, family: RewardFamily | str, params: Mapping | None = None,
                 *, engine: str = "exact", stop: bool = True) -> FamilyVerdict:
    """Check ``claim`` over a reward family; stops at the first counterexample (family order) when
    ``stop``.  The verdict names the family and whether it is complete for the instance."""
    c = resolve_claim(claim)
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
