"""The named claims (docs/math.md §4–§9): the n-fold scaling law, the strict-optimality readings S1–S3
and the fractional readings F1–F10.

A :class:`Claim` states an inequality on the orbit counts (B>A, A>B, tie, |orbit|) of one reward
(or one mixture of point masses) with a threshold x read off the instance:

* ``ratio``  — #(B>A) ≥ x·#(A>B)                    (≥^x_most on this orbit, P22 Def 3.2);
* ``weak``   — #(B ≥ A) ≥ x/(x+1)·|orbit|            (weak fraction, P22 Lemma B.3);
* ``strict`` — #(B>A) ≥ x/(x+1)·|orbit|              (strict fraction; a failure counts only when
  the reward is *robust*: the outcome is locally constant at every orbit element, so the failure
  holds on an open set of rewards — "almost all r", §9.1).

Each claim's :meth:`Claim.analyse` first checks the claim's hypotheses on the instance (copies,
C-invariance, orthogonality, structure) and computes x; a check then reports "hypotheses not
met" separately from "claim fails".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.errors import OrbitproofError
from .instance import Instance

__all__ = ["Claim", "Analysis", "CLAIMS", "get_claim", "claim_names", "UnknownClaimError", "D13_READING_KEYS",
           "d13_reading"]


class UnknownClaimError(OrbitproofError, ValueError):
    """A claim name that is not in :data:`CLAIMS`."""


@dataclass
class Analysis:
    """What a claim reads off an instance before any reward is looked at."""

    x: Fraction | None
    hypotheses: dict[str, Any]
    met: bool | None  # None = could not be decided
    compare: str
    instance: Instance
    notes: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Claim:
    name: str
    title: str
    form: str  # ratio | weak | strict
    domain: str  # point | mixture
    source: str
    analyse_fn: Callable[["Claim", Instance, Mapping], Analysis] = field(repr=False)
    default_compare: str | None = None  # None = instance param / "max"
    forced_compare: str | None = None
    fixed_params: tuple[tuple[str, str], ...] = ()  # reading options from a name suffix (F6:copies=shared)

    @property
    def base(self) -> str:
        """The registered claim this one is a reading of (its name without the suffix)."""
        return self.name.partition(":")[0]

    def __post_init__(self) -> None:
        object.__setattr__(self, "__doc__", f"{self.name}: {self.title}\n\nSource: {self.source}")

    def analyse(self, inst: Instance, params: Mapping | None = None) -> Analysis:
        return self.analyse_fn(self, inst, {**dict(params or {}), **dict(self.fixed_params)})

    def compare_for(self, params: Mapping) -> str:
        if self.forced_compare:
            if params.get("compare") not in (None, self.forced_compare):
                raise UnknownClaimError(f"claim {self.name} is about compare={self.forced_compare}")
            return self.forced_compare
        return params.get("compare") or self.default_compare or "max"

    def form_for(self, params: Mapping) -> str:
        f = params.get("form") or self.form
        if f not in ("ratio", "weak", "strict"):
            raise UnknownClaimError(f"unknown form {f!r} (ratio, weak or strict)")
        return f


# ----------------------------------------------------------------------------- helpers
def _frac(x: Any) -> Fraction:
    return Fraction(x) if not isinstance(x, str) else Fraction(x)


def _copies(inst: Instance, compare: str):
    """find_copies on the instance's own sets (copies of ND(A) unless frac-optimal / layered)."""
    from ..symmetry import find_copies

    nd = compare in ("max", "is-optimal") and not inst.layered  # other rules see every value: copies of A
    C = inst.choice
    return find_copies(inst.A, inst.B, C=C, nd=nd), nd


def _scaling_like(claim: Claim, inst: Instance, params: dict, *, extra: dict | None = None) -> Analysis:
    compare = claim.compare_for(params)
    res, nd = _copies(inst, compare)
    hyps: dict[str, Any] = {}
    notes: list[str] = []
    given = params.get("n")
    found = res.n
    hyps["copies_found"] = "unbounded (A ⊆ B)" if found is None else found
    hyps["copies_maximal"] = res.maximal
    hyps["copies_of"] = "ND(A)" if nd else "A"
    if given is not None:
        n = _frac(given)
        if found is None or n <= found:
            hyps["copies"] = True
        elif res.maximal and n == int(n):
            hyps["copies"] = False
        else:
            hyps["copies"] = None
            notes.append(f"n = {n} given but only {found} copies found (finder not maximal / n not an integer)")
    else:
        if found is None:
            n = Fraction(1)
            hyps["copies"] = True
            notes.append("degenerate case A ⊆ B: every conclusion is trivially true; n = 1 used")
        else:
            n = Fraction(found)
            hyps["copies"] = found >= 1
    if compare != "max":
        h = res.hypotheses
        from ..core.semantics import Gain

        ok = bool(h.get("c_invariant")) or bool(h.get("z_condition")) or (
            isinstance(inst.semantics, Gain) and bool(h.get("orthogonal")))
        if compare not in ("is-optimal", "frac-optimal"):  # P22 Prop A.11: φ_i·C = C itself
            ok = bool(h.get("c_invariant"))
        if found is None:
            ok = True
        hyps["c_invariant"] = h.get("c_invariant")
        hyps["z_condition"] = h.get("z_condition")
        hyps["orthogonal"] = h.get("orthogonal")
        hyps["choice_condition"] = ok
    if compare == "frac-optimal":
        hyps["copies_of_A"] = found is None or bool(res.hypotheses.get("copies_of_A"))
    if extra:
        hyps.update(extra)
    keys = ["copies"] + (["choice_condition"] if compare != "max" else []) + \
        (["copies_of_A"] if compare == "frac-optimal" else []) + list((extra or {}).keys())
    vals = [hyps[k] for k in keys]
    met = False if any(v is False for v in vals) else (None if any(v is None for v in vals) else True)
    inv = res.involution_names() if found else []
    return Analysis(n if (n is not None and n > 0) else None, hyps, met, compare, inst, notes,
                    {"n": str(n), "involutions": inv})


def _a_scaling(claim: Claim, inst: Instance, params: dict) -> Analysis:
    return _scaling_like(claim, inst, params)


def _a_s1(claim: Claim, inst: Instance, params: dict) -> Analysis:
    disjoint = not (set(inst.A.options) & set(inst.B.options))
    return _scaling_like(claim, inst, params, extra={"A_B_disjoint": disjoint})


def _a_s2(claim: Claim, inst: Instance, params: dict) -> Analysis:
    shared = bool(set(inst.A.options) & set(inst.B.options))
    return _scaling_like(claim, inst, params, extra={"A_B_share_vectors": shared})


def _a_s3(claim: Claim, inst: Instance, params: dict) -> Analysis:
    return _scaling_like(claim, inst, params)


def _fraction_analysis(inst: Instance, compare: str, st: dict, extra_ok: dict[str, Any],
                       notes: list[str] | None = None, params: Mapping | None = None) -> Analysis:
    hyps: dict[str, Any] = {"structure": st.get("ok", False), "structure_reason": st.get("reason")}
    extra_ok = dict(extra_ok)
    if params and params.get("min_m") is not None and st.get("ok"):
        extra_ok["m_at_least_min_m"] = st["m"] >= int(params["min_m"])
    for k in ("m", "n", "extras", "block_size", "per_part", "cross_condition"):
        if k in st:
            hyps[k] = st[k]
    hyps.update(extra_ok)
    x = Fraction(st["n"], st["m"]) if st.get("ok") and st.get("m") else None
    checks = [hyps["structure"], *[v for k, v in extra_ok.items() if isinstance(v, bool) or v is None]]
    met = False if any(v is False for v in checks) else (None if any(v is None for v in checks) else True)
    return Analysis(x, hyps, met, compare, inst, notes or [],
                    {"m": st.get("m"), "n": st.get("n")})


def _a_f1(claim: Claim, inst: Instance, params: dict) -> Analysis:
    from .structure import unit_structure

    st = unit_structure(inst)
    extra = {}
    if st.get("ok"):
        extra = {"no_extra_vectors_in_B": st["extras"] == 0, "n_at_least_m": st["n"] >= st["m"]}
    return _fraction_analysis(inst, claim.compare_for(params), st, extra, params=params)


def _a_f3(claim: Claim, inst: Instance, params: dict) -> Analysis:
    from .structure import unit_structure

    st = unit_structure(inst)
    extra = {}
    if st.get("ok"):
        extra = {"extra_vectors_in_B": st["extras"] > 0, "n_at_least_m": st["n"] >= st["m"]}
    return _fraction_analysis(inst, claim.compare_for(params), st, extra, params=params)


def _a_f9(claim: Claim, inst: Instance, params: dict) -> Analysis:
    from .structure import unit_structure

    st = unit_structure(inst)
    extra = {}
    if st.get("ok"):
        extra = {"no_extra_vectors_in_B": st["extras"] == 0, "n_less_than_m": st["n"] < st["m"]}
    return _fraction_analysis(inst, claim.compare_for(params), st, extra, params=params)


def _a_f4(claim: Claim, inst: Instance, params: dict) -> Analysis:
    from .structure import block_structure

    st = block_structure(inst)
    extra = {"n_at_least_m": st["n"] >= st["m"]} if st.get("ok") else {}
    a = _fraction_analysis(inst, claim.compare_for(params), st, extra, params=params)
    if st.get("ok"):
        a.params["blocks"] = {"A": st["a_blocks"], "B": st["b_blocks"]}
    return a


D13_READING_KEYS = {"copies": ("per-part", "shared"), "parts": ("singletons", "any"),
                    "n": ("at-least-m", "any"), "cond": ("c-invariant", "z")}
"""Reading options of P22 Conjecture D.13 (docs/math.md §9.2, docs/claims.md "D.13 readings"): per-part
vs shared copies, singleton vs any parts, n ≥ m required or not, and (F6 only) φ_ji·C = C vs the
Z-condition.  Pass them as claim-name suffixes (``F6:copies=shared,n=any``) or as params."""


def d13_reading(name: str, params: Mapping) -> dict[str, str]:
    """The D.13 reading of claim ``name`` (F5 / F6) with defaults filled in."""
    out = {k: str(params.get("d13_" + k) or v[0]) for k, v in D13_READING_KEYS.items()}
    if name == "F5":
        out["cond"] = "none"
    for k, v in out.items():
        if k != "cond" or name != "F5":
            if v not in D13_READING_KEYS[k]:
                raise UnknownClaimError(f"D.13 reading {k}={v!r} (known: {', '.join(D13_READING_KEYS[k])})")
    return out


def _z_condition(inst: Instance, st: dict) -> bool:
    """Lemma D.5's Z-condition for the whole D.13 family: some Z with ND(C) ⊆ Z ⊆ C has
    φ_ji·(Z ∖ B_extra) = Z ∖ B_extra for every φ_ji, where B_extra = B ∖ ∪ φ_ji·A_j.  Such a Z exists
    iff the closure of ND(C) ∖ B_extra under the φ_ji stays inside C ∖ B_extra (an involution that
    maps a finite set into itself maps it onto itself)."""
    from ..mdp import nondominated
    from .instance import apply_involution

    B, C = inst.vectors("B"), inst.vectors("C")
    perms = []
    for fam in st["families"]:
        for pairs in fam:
            p = list(range(inst.d))
            for i, j in pairs:
                p[i], p[j] = j, i
            perms.append(tuple(p))
    images: set = set()
    parts = [frozenset(part) for part in st["parts"]]
    for part, fam in zip(parts, st["families"]):
        for pairs in fam:
            p = list(range(inst.d))
            for i, j in pairs:
                p[i], p[j] = j, i
            images |= apply_involution(p, part)
    extra = B - images
    allowed = C - extra
    Y = set(frozenset(nondominated(list(C)).nd_vectors)) - extra
    grow = True
    while grow:
        grow = False
        for p in perms:
            img = apply_involution(p, Y)
            if not img <= Y:
                if not img <= allowed:
                    return False
                Y |= img
                grow = True
    return True


def _a_d13(claim: Claim, inst: Instance, params: dict) -> Analysis:
    from .structure import d13_structure

    rd = d13_reading(claim.base, params)
    require_c = rd["cond"] == "c-invariant"
    kw = {"shared": rd["copies"] == "shared", "any_parts": rd["parts"] == "any"}
    st = d13_structure(inst, require_c=require_c, **kw)
    extra: dict[str, Any] = {}
    notes: list[str] = []
    if st.get("ok"):
        if rd["n"] == "at-least-m":
            extra["n_at_least_m"] = st["n"] >= st["m"]
        if rd["cond"] == "z":
            # a failure for the family found need not mean that no family satisfies it: undecided
            extra["z_condition"] = True if _z_condition(inst, st) else None
        if not st.get("maximal", True):
            notes.append("the copy search stopped at its node budget: n is a lower bound (copies_maximal = "
                         "false); a counterexample still refutes the reading, a 'holds' is for this n only")
    a = _fraction_analysis(inst, claim.compare_for(params), st, extra, notes, params=params)
    if rd != d13_reading(claim.base, {}):  # the default reading keeps its historical hypotheses keys
        a.hypotheses["reading"] = dict(rd)
    if st.get("maximal") is False:
        a.hypotheses["copies_maximal"] = False
    if st.get("ok"):
        if claim.base == "F5":
            a.hypotheses["c_invariant_too"] = d13_structure(inst, require_c=True, **kw).get("n", 0) >= st["n"]
        a.params["d13"] = {"parts": st["parts"], "families": st["families"], "c_invariant": require_c,
                           "shared": kw["shared"]}
    return a


def _a_f7(claim: Claim, inst: Instance, params: dict) -> Analysis:
    from .structure import nd_count

    if inst.layered:
        return Analysis(None, {"structure": False, "structure_reason": "layered options"}, False,
                        claim.compare_for(params), inst)
    na, nb = nd_count(inst.vectors("A")), nd_count(inst.vectors("B"))
    st = {"ok": na >= 1 and nb >= na, "m": na, "n": nb,
          "reason": f"|ND(A)| = {na}, |ND(B)| = {nb}"}
    return _fraction_analysis(inst, claim.compare_for(params), st, {}, params=params)


def _a_f8(claim: Claim, inst: Instance, params: dict) -> Analysis:
    from .structure import image_count

    st = image_count(inst)
    st = dict(st, m=1)
    a = _fraction_analysis(inst, claim.compare_for(params), st, {}, params=params)
    if st.get("ok"):
        a.params["involutions"] = st["involutions"]
    return a


def _a_f10(claim: Claim, inst: Instance, params: dict) -> Analysis:
    from ..core.semantics import Gain

    compare = claim.compare_for(params)
    if "environment" not in inst.source:
        return Analysis(None, {"environment": False}, False, compare, inst,
                        ["F10 transfers copies found under gain optimality: it needs an environment"])
    if isinstance(inst.semantics, Gain):
        return Analysis(None, {"non_gain_semantics": False}, False, compare, inst,
                        ["F10 is about discounted or Blackwell optimality"])
    g = inst.with_semantics(Gain())
    ga = _scaling_like(CLAIMS["scaling"], g, {"compare": compare, "n": params.get("n")})
    hyps = {"gain_" + k: v for k, v in ga.hypotheses.items()}
    hyps["non_gain_semantics"] = True
    n = ga.x
    met = ga.met if n is not None and ga.hypotheses.get("copies_found") not in (0, "unbounded (A ⊆ B)") else False
    return Analysis(n, hyps, met, compare, inst, ["n = copies found under gain (Thm D.11)"] + ga.notes,
                    {"n": str(n) if n is not None else None, "gain_involutions": ga.params.get("involutions")})


_P22 = "Turner & Tadepalli, arXiv 2206.13477 (P22)"
CLAIMS: dict[str, Claim] = {}


def _reg(c: Claim) -> Claim:
    CLAIMS[c.name] = c
    return c


SCALING = _reg(Claim(
    "scaling", "#(B>A) ≥ n·#(A>B) over every orbit, n = copies of ND(A) in B (given or found)", "ratio",
    "point", f"docs/math.md §8.2; B-stake scaling law; {_P22} Lemma D.3 (max), Lemma D.5 / Prop A.11 / "
    "Thm A.13 (IsOptimal|C with C-invariance or the Z-condition), Thm D.11 (gain, orthogonality)", _a_scaling))
SCALING_WEAK = _reg(Claim(
    "scaling-weak", "B weakly optimal for ≥ n/(n+1) of every orbit", "weak", "point",
    f"docs/math.md §4.2, §8.2; {_P22} Lemma B.3 (weak fraction) applied to the scaling law", _a_scaling))
S1 = _reg(Claim(
    "S1", "strict conjecture, direct max_B vs max_A, A ∩ B = ∅: for almost all r, B strictly better on "
    "≥ n/(n+1) of the orbit", "strict", "point", "docs/math.md §9.1 (S1); B-stake 'strict' conjecture", _a_s1,
    forced_compare="max"))
S2 = _reg(Claim(
    "S2", "strict conjecture, direct comparison with shared vectors A ∩ B ≠ ∅", "strict", "point",
    "docs/math.md §9.1 (S2); B-stake", _a_s2, forced_compare="max"))
S3 = _reg(Claim(
    "S3", "strict conjecture for IsOptimal(·|C) with C-invariant copies", "strict", "point",
    "docs/math.md §9.1 (S3); B-stake; P22 Prop A.11 item 1", _a_s3, forced_compare="is-optimal"))
F1 = _reg(Claim(
    "F1", "fractional, unit case: A = m unit vectors, B = exactly n unit vectors; #(B>A) ≥ (n/m)·#(A>B) "
    "for every point mass", "ratio", "point", "docs/math.md §9.3 F1; B-stake fractional conjecture (n/(n+m))",
    _a_f1))
F2 = _reg(Claim(
    "F2", "fractional, unit case, every distribution (finite mixtures of point masses), p_D(X ≥ C)",
    "ratio", "mixture", f"docs/math.md §9.3 F2; {_P22} Conjecture D.13 (quantifier 𝔇_any)", _a_f1,
    default_compare="is-optimal"))
F3 = _reg(Claim(
    "F3", "fractional, unit case with extra vectors added to B", "ratio", "point", "docs/math.md §9.3 F3", _a_f3))
F4 = _reg(Claim(
    "F4", "fractional, disjoint-support blocks: A = m copies of U, B ⊇ n copies of U", "ratio", "point",
    "docs/math.md §9.3 F4", _a_f4))
F5 = _reg(Claim(
    "F5", "P22 Conjecture D.13 without any C-condition: p(B ≥ C) ≥^{n/m} p(A ≥ C) (readings: copies=per-part|"
    "shared, parts=singletons|any, n=at-least-m|any)", "ratio", "point",
    f"docs/math.md §9.2, §9.3 F5; {_P22} Conjecture D.13", _a_d13, default_compare="is-optimal"))
F6 = _reg(Claim(
    "F6", "P22 Conjecture D.13 with φ_ji·C = C (cond=c-invariant) or Lemma D.5's Z-condition (cond=z), general "
    "vectors (readings as F5)", "ratio", "point",
    f"docs/math.md §9.3 F6; {_P22} Conjecture D.13 + Prop A.11's C-invariance / Lemma D.5", _a_d13,
    default_compare="is-optimal"))
F7 = _reg(Claim(
    "F7", "count non-dominated options: #(B>A) ≥ (|ND(B)|/|ND(A)|)·#(A>B)", "ratio", "point",
    "docs/math.md §9.3 F7", _a_f7))
F8 = _reg(Claim(
    "F8", "n distinct images φ_i·A ⊆ B without the cross condition φ_i·B_j = B_j: #(B>A) ≥ n·#(A>B)",
    "ratio", "point", f"docs/math.md §9.3 F8; {_P22} Def A.7 minus condition (ii)", _a_f8))
F9 = _reg(Claim(
    "F9", "fractional law in the reversed direction n < m (unit case): #(B>A) ≥ (n/m)·#(A>B)", "ratio",
    "point", "docs/math.md §9.3 F9", _a_f9))
F10 = _reg(Claim(
    "F10", "n-fold law with n from gain-optimality copies, under discounted γ < 1 or Blackwell", "ratio",
    "point", "docs/math.md §8.3, §9.3 F10", _a_f10))


def claim_names() -> tuple[str, ...]:
    return tuple(CLAIMS)


def get_claim(name: str) -> Claim:
    """The claim ``name``; F5 and F6 also take a D.13 reading suffix, e.g. ``F6:copies=shared,parts=any,
    n=any,cond=z`` (keys and values in :data:`D13_READING_KEYS`; defaults per-part, singletons,
    at-least-m, c-invariant)."""
    base, colon, rest = str(name).partition(":")
    try:
        claim = CLAIMS[base]
    except KeyError:
        from ..core.names import did_you_mean

        raise UnknownClaimError(f"unknown claim {name!r}{did_you_mean(str(base), CLAIMS)} "
                                f"(known: {', '.join(CLAIMS)})") from None
    if not colon:
        return claim
    if base not in ("F5", "F6"):
        raise UnknownClaimError(f"claim {base} takes no reading options (only F5 and F6 do)")
    opts = []
    for item in [x for x in rest.split(",") if x.strip()]:
        k, eq, v = item.partition("=")
        k, v = k.strip(), v.strip()
        if not eq or k not in D13_READING_KEYS or (base == "F5" and k == "cond"):
            raise UnknownClaimError(f"D.13 reading option {item!r} (known: "
                                    f"{', '.join(k for k in D13_READING_KEYS if base == 'F6' or k != 'cond')})")
        if v not in D13_READING_KEYS[k]:
            raise UnknownClaimError(f"D.13 reading {k}={v!r} (known: {', '.join(D13_READING_KEYS[k])})")
        opts.append(("d13_" + k, v))
    from dataclasses import replace

    canon = ",".join(f"{k[4:]}={v}" for k, v in sorted(opts, key=lambda kv: list(D13_READING_KEYS).index(kv[0][4:])))
    return replace(claim, name=f"{base}:{canon}" if canon else base, fixed_params=tuple(opts))
