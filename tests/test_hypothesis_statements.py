"""Claim hypotheses as certificate statements the verifier re-checks (``instance.hypotheses``):
copies (scaling, S1–S3, F10 under gain) and the unit case (F1, F2, F3, F9)."""

from __future__ import annotations

import copy
from fractions import Fraction as F

import pytest

from orbitproof import verify as V
from orbitproof.claims import (
    check,
    check_family,
    get_claim,
    instance_from_environment,
    instance_from_sets,
    instance_from_spec,
)
from orbitproof.certificates import certificate_for, exhaustive_certificate_for, hypothesis_statements
from orbitproof.search.families import parse_instance_family


def _reseal(cert):
    cert = copy.deepcopy(cert)
    cert["instance_digest"] = V.instance_digest(cert["instance"])
    return cert


def _units(d, idx):
    return [[int(i == j) for i in range(d)] for j in idx]


def _f10_certificate():
    inst = instance_from_environment("candy", "start", "candy", "wait", "1/2")
    v = check("F10", inst, [1, 1, 0, 0, 0])
    cert, _ = certificate_for(v, inst)
    return cert


def test_f10_counterexample_carries_the_gain_copies_and_the_verifier_rechecks_them():
    cert = _f10_certificate()
    st = cert["instance"]["hypotheses"]
    assert st == [{"kind": "copies", "copy_of": "ND(A)", "involutions": [[["candy", "chocolate"]], [["candy", "hug"]]],
                   "require": [], "semantics": {"kind": "gain"}}]
    assert V.verify_certificate(cert).endswith("hypotheses re-checked: B contains 2 copies of ND(A) under gain optimality")


@pytest.mark.parametrize("mutate,msg", [
    (lambda s: s["involutions"].__setitem__(0, [["candy", "start"]]), "not contained in B"),
    (lambda s: s.pop("semantics"), "not contained in B|does not fix"),
    (lambda s: s["involutions"].pop(), "not the number of copies"),
    (lambda s: s.__setitem__("require", ["c_invariant", "c_invariant"]), "repeated"),
    (lambda s: s.__setitem__("copy_of", "B"), "copy_of"),
    (lambda s: s.__setitem__("kind", "cycles"), "unknown statement"),
    (lambda s: s["involutions"][0][0].__setitem__(1, "nowhere"), "unknown coordinate"),
])
def test_tampered_copies_statements_are_rejected(mutate, msg):
    cert = copy.deepcopy(_f10_certificate())
    mutate(cert["instance"]["hypotheses"][0])
    with pytest.raises(V.Invalid, match=msg):
        V.verify_certificate(_reseal(cert))


def test_required_properties_are_checked():
    # C adds e4 and the dominated ½(e1 + e4): the swaps (x1 x2), (x1 x3) do not fix C, but the
    # Z-condition (only ND(C) matters) holds, so the claim applies and c_invariant must not be claimed
    A, B = _units(4, [0]), _units(4, [1, 2])
    C = A + B + [[0, 0, 0, 1], ["1/2", 0, 0, "1/2"]]
    inst = instance_from_sets(A, B, C)
    fv = check_family("scaling", inst, "grid:1", {"compare": "is-optimal"}, stop=False)
    st = hypothesis_statements("scaling", fv.analysis)
    assert st and st[0]["require"] == ["orthogonal", "z_condition"]
    cert, _ = exhaustive_certificate_for(fv, inst, {"compare": "is-optimal"})
    assert cert["instance"]["hypotheses"] == st
    assert "(orthogonal, z_condition)" in V.verify_certificate(cert)
    forged = copy.deepcopy(cert)
    forged["instance"]["hypotheses"][0]["require"] = ["c_invariant"]
    with pytest.raises(V.Invalid, match="do not satisfy c_invariant"):
        V.verify_certificate(_reseal(forged))


def _f9_certificate():
    inst = instance_from_sets(_units(5, [0, 1, 2]), _units(5, [3, 4]))
    fv = check_family("F9", inst, "tie-patterns")
    cert, _ = certificate_for(fv.counterexample, inst, fv.analysis)
    return cert


def test_f9_counterexample_carries_the_unit_structure():
    cert = _f9_certificate()
    assert cert["instance"]["hypotheses"] == [{"kind": "units", "A": ["x1", "x2", "x3"], "B": ["x4", "x5"],
                                               "B_extra": False}]
    assert V.verify_certificate(cert).endswith("hypotheses re-checked: unit case m = 3, n = 2")


@pytest.mark.parametrize("mutate,msg", [
    (lambda i: i["hypotheses"][0].__setitem__("B", ["x4"]), "exactly these coordinates"),
    (lambda i: i["hypotheses"][0].__setitem__("A", ["x1", "x2"]), "exactly these coordinates"),
    (lambda i: i["hypotheses"][0].__setitem__("B_extra", True), "claimed true"),
    (lambda i: i["hypotheses"][0].__setitem__("B", ["x4", "x4"]), "listed twice"),
    (lambda i: i["claim"].__setitem__("n", "1/3"), r"not \|B\|/\|A\|"),
    (lambda i: i["hypotheses"][0].__setitem__("semantics", {"kind": "gain"}), "unknown key"),
])
def test_tampered_unit_statements_are_rejected(mutate, msg):
    cert = copy.deepcopy(_f9_certificate())
    mutate(cert["instance"])
    with pytest.raises(V.Invalid, match=msg):
        V.verify_certificate(_reseal(cert))


def test_a_choice_vector_that_breaks_the_unit_case_is_caught():
    cert = copy.deepcopy(_f9_certificate())
    sets = cert["instance"]["input"]["sets"]
    sets["C"] = sets["A"] + sets["B"] + [["1", "0", "0", "0", "1"]]
    cert["instance"]["compare"] = "is-optimal"  # statements are checked before the counts
    with pytest.raises(V.Invalid, match="not constant"):
        V.verify_certificate(_reseal(cert))


def test_semantics_override_needs_an_environment():
    cert = copy.deepcopy(_f9_certificate())
    cert["instance"]["hypotheses"] = [{"kind": "copies", "copy_of": "A", "involutions": [[["x1", "x4"]]],
                                       "require": [], "semantics": {"kind": "gain"}}]
    with pytest.raises(V.Invalid, match="only with an environment input"):
        V.verify_certificate(_reseal(cert))


@pytest.mark.parametrize("claim", ["F1", "F2", "F9", "scaling", "scaling-weak"])
def test_statements_from_the_claims_module_are_accepted_on_every_unit_instance(claim):
    fam = "mixfaces:1" if claim == "F2" else "grid:1"
    seen = 0
    for spec in parse_instance_family("units:max_d=5").specs():
        inst = instance_from_spec(spec)
        an = get_claim(claim).analyse(inst, {})
        st = hypothesis_statements(claim, an)
        if not st:
            continue
        fv = check_family(claim, inst, fam, stop=False)
        if fv.counterexample is not None:
            cert, _ = certificate_for(fv.counterexample, inst, fv.analysis)
        else:
            cert, _ = exhaustive_certificate_for(fv, inst)
            if cert is None:
                continue
        assert cert["instance"].get("hypotheses") == st, spec["label"]
        assert "hypotheses re-checked" in V.verify_certificate(cert)
        seen += 1
    assert seen >= 3


def _first(claim, family, rewards, params, want="fails"):
    for spec in parse_instance_family(family).specs():
        inst = instance_from_spec(spec)
        fv = check_family(claim, inst, rewards, params)
        if want == "fails" and fv.counterexample is not None:
            return certificate_for(fv.counterexample, inst, fv.analysis)[0]
        if want == "holds" and fv.status == "holds":
            cert = exhaustive_certificate_for(fv, inst, params)[0]
            if cert is not None:
                return cert
    raise AssertionError("no instance found")


@pytest.fixture(scope="module")
def structure_certificates():
    return {
        "F5": _first("F5", "d13:d=5,values=1,count=400,seed=0", "grid:2", {"min_m": 2}),
        "F6": _first("F6", "d13:d=5,values=1,count=200,seed=0,closed=1", "grid:1", {"min_m": 2}, want="holds"),
        "F7": _first("F7", "vectors:d=3,values=2,simplex=1,max_a=2,max_b=3", "grid:3", {}),
        "F8": _first("F8", "vectors:d=4,values=1,max_a=2,max_b=3", "grid:2", {}),
    }


@pytest.mark.parametrize("claim,kind,phrase", [
    ("F5", "d13", "D.13 structure: m = 2 parts"), ("F6", "d13", "C-invariant"),
    ("F7", "nd-count", "|ND(A)| = "), ("F8", "images", "distinct images"),
])
def test_d13_nd_count_and_images_statements_are_rechecked(structure_certificates, claim, kind, phrase):
    cert = structure_certificates[claim]
    assert cert["instance"]["hypotheses"][0]["kind"] == kind
    assert phrase in V.verify_certificate(cert)


@pytest.mark.parametrize("claim,mutate,msg", [
    ("F5", lambda s: s["parts"].pop(), "do not cover A|one family"),
    ("F5", lambda s: s["involutions"][0].pop(), "same number"),
    ("F5", lambda s: s.__setitem__("c_invariant", True), "does not fix C"),
    ("F5", lambda s: s["involutions"][0].__setitem__(0, s["involutions"][1][0]), "not contained in B|does not fix"),
    ("F6", lambda s: s["involutions"][1].append(s["involutions"][1][0]), "same number|repeats"),
    ("F7", lambda s: s.__setitem__("B", s["B"] + 1), "recomputed"),
    ("F8", lambda s: s["involutions"].append(s["involutions"][0]), "repeats an earlier image"),
])
def test_tampered_structure_statements_are_rejected(structure_certificates, claim, mutate, msg):
    cert = copy.deepcopy(structure_certificates[claim])
    mutate(cert["instance"]["hypotheses"][0])
    with pytest.raises(V.Invalid, match=msg):
        V.verify_certificate(_reseal(cert))


# ----------------------------------------------------------------------------- robustness
def _strict_certificate(claim, family):
    for spec in parse_instance_family(family).specs():
        inst = instance_from_spec(spec)
        fv = check_family(claim, inst, "tie-patterns")
        if fv.counterexample is not None:
            return certificate_for(fv.counterexample, inst, fv.analysis)[0]
    raise AssertionError("no counterexample")


@pytest.mark.parametrize("claim,family", [("S2", "units-shared:max_d=6"), ("S3", "units:max_d=6")])
def test_strict_counterexamples_certify_robustness(claim, family):
    cert = _strict_certificate(claim, family)
    assert cert["instance"]["claim"]["robust"] is True
    assert "robust: the outcome is locally constant" in V.verify_certificate(cert)


def test_robustness_is_refused_where_the_outcome_is_not_locally_constant():
    # F9 on units m=3, n=2 fails at r = (0,0,0,1,1): the tied top values can be split between A and B
    inst = instance_from_sets(_units(5, [0, 1, 2]), _units(5, [3, 4]))
    v = check("F9", inst, [0, 0, 0, 1, 1])
    assert v.status == "fails"
    cert, _ = certificate_for(v, inst)
    assert "robust" not in cert["instance"]["claim"]
    forged = copy.deepcopy(cert)
    forged["instance"]["claim"]["robust"] = True
    with pytest.raises(V.Invalid, match="not robust"):
        V.verify_certificate(_reseal(forged))
    forged["instance"]["claim"]["robust"] = False
    with pytest.raises(V.Invalid, match="write true or leave it out"):
        V.verify_certificate(_reseal(forged))


def _f4_certificate():
    # U = {e1, ½(e1 + e2)} ("loop"): A on block (a1, a2), B on blocks (b1, b2) and (c1, c2)
    A = [[1, 0, 0, 0, 0, 0], ["1/2", "1/2", 0, 0, 0, 0]]
    B = [[0, 0, 1, 0, 0, 0], [0, 0, "1/2", "1/2", 0, 0], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, "1/2", "1/2"]]
    inst = instance_from_sets(A, B, coordinates=["a1", "a2", "b1", "b2", "c1", "c2"])
    fv = check_family("F4", inst, "grid:2", stop=False)
    return exhaustive_certificate_for(fv, inst)[0]


def test_f4_blocks_statement_is_rechecked():
    cert = _f4_certificate()
    assert cert["instance"]["hypotheses"] == [{"kind": "blocks", "A": [["a1", "a2"]],
                                               "B": [["b1", "b2"], ["c1", "c2"]]}]
    assert V.verify_certificate(cert).endswith("blocks: A is 1 and B contains 2 disjoint-support copies of one set U")


@pytest.mark.parametrize("mutate,msg", [
    (lambda s: s["B"].__setitem__(0, ["b2", "b1"]), "not a copy of U"),
    (lambda s: s["B"].__setitem__(0, ["b1"]), "same size"),
    (lambda s: s["B"].__setitem__(1, ["b1", "b2"]), "disjoint"),
    (lambda s: s["B"].pop(), "not .B blocks./.A blocks."),
    (lambda s: s["A"].__setitem__(0, ["a1", "b1"]), "disjoint"),
    (lambda s: s["A"].__setitem__(0, ["a2", "a1"]), "not a copy of U|straddles"),
])
def test_tampered_blocks_statements_are_rejected(mutate, msg):
    cert = copy.deepcopy(_f4_certificate())
    mutate(cert["instance"]["hypotheses"][0])
    with pytest.raises(V.Invalid, match=msg):
        V.verify_certificate(_reseal(cert))


def test_review_findings_stay_fixed():
    """Coinciding copies, a C without B, non-gain copies for F10, overlapping D.13 parts."""
    # coinciding copies: A ⊆ B and many identity involutions must not certify a large n
    sets = {"coordinates": ["x1", "x2"], "A": [["1", "0"]], "B": [["1", "0"], ["0", "1"]]}
    from orbitproof.certificates.build import counterexample_certificate

    with pytest.raises(V.Invalid, match="same copy"):
        V.verify_certificate(counterexample_certificate(
            ("strict-fraction", 3), (0, 1, 1, 2), sets=sets, reward=[1, 0], compare="max",
            hypotheses=[{"kind": "copies", "copy_of": "A", "involutions": [[], [], []], "require": []}]))
    # C must contain A and B for any statement
    cert = copy.deepcopy(_f9_certificate())
    s = cert["instance"]["input"]["sets"]
    s["C"] = [s["A"][0]]
    cert["instance"]["compare"] = "is-optimal"
    with pytest.raises(V.Invalid, match="contains A and B"):
        V.verify_certificate(_reseal(cert))
    # F10's copies: gain only
    cert = copy.deepcopy(_f10_certificate())
    cert["instance"]["hypotheses"][0]["semantics"] = {"kind": "discounted", "gamma": "0"}
    with pytest.raises(V.Invalid, match="only"):
        V.verify_certificate(_reseal(cert))


def test_overlapping_d13_parts_are_rejected(structure_certificates):
    cert = copy.deepcopy(structure_certificates["F5"])
    st = cert["instance"]["hypotheses"][0]
    st["parts"].append(st["parts"][0])
    st["involutions"].append(st["involutions"][0])
    with pytest.raises(V.Invalid, match="disjoint"):
        V.verify_certificate(_reseal(cert))


# --------------------------------------------------------------------------- D.13 families, condition by condition
def _e(*idx, d=4):
    return tuple(int(k in idx) for k in range(d))


_E0, _E1, _E2, _E3 = _e(0), _e(1), _e(2), _e(3)
_SWAP02, _SWAP13, _SWAP03_12 = (2, 1, 0, 3), (0, 3, 2, 1), (3, 2, 1, 0)
# (name, A, B, C, parts, families, require_c, expected verdict)
D13_CASES = [
    ("valid", [_E0, _E1], [_E2, _E3], None, [{_E0}, {_E1}], [[_SWAP02], [_SWAP13]], True,
     (True, "D.13 structure verified")),
    ("parts do not cover A", [_E0, _E1], [_E2, _E3], None, [{_E0}], [[_SWAP02]], False,
     (False, "the parts do not cover A")),
    ("unequal numbers of copies", [_E0, _E1], [_E2, _E3], None, [{_E0}, {_E1}], [[_SWAP02], []], False,
     (False, "every part needs the same number n ≥ 1 of copies")),
    ("no copies at all", [_E0], [_E2], None, [{_E0}], [[]], False,
     (False, "every part needs the same number n ≥ 1 of copies")),
    ("not an involution", [_E0], [_E2], None, [{_E0}], [[(2, 0, 1, 3)]], False,
     (False, "φ_1,1 is not an involution")),
    ("copy outside B", [_E0], [_E3], None, [{_E0}], [[_SWAP02]], False, (False, "φ_1,1·A_1 ⊄ B")),
    ("moves another copy", [_E0], [_E2, _E3], None, [{_E0}], [[_SWAP02, _SWAP03_12]], False,
     (False, "φ_1,2 moves the copy B_1")),
    ("moves another part", [_E0, _E1], [_E2, _E3], None, [{_E0}, {_E1}], [[(2, 3, 0, 1)], [_SWAP13]], False,
     (False, "φ_1,1 moves A_2")),
    ("does not fix C", [_E0, _E1], [_E2, _E3], [_E0, _E1, _E2, _E3, _e(0, 3)], [{_E0}, {_E1}],
     [[_SWAP02], [_SWAP13]], True, (False, "φ_1,1 does not fix C")),
]


@pytest.mark.parametrize("name, A, B, C, parts, fams, require_c, want", D13_CASES, ids=[c[0] for c in D13_CASES])
def test_d13_family_check_names_the_one_failing_condition(name, A, B, C, parts, fams, require_c, want):
    from orbitproof.claims.structure import check_d13_family

    inst = instance_from_sets(A, B, C)
    parts = [frozenset(tuple(map(F, v)) for v in p) for p in parts]
    assert check_d13_family(inst, parts, fams, require_c) == want


UNIT_CASES = [
    ("unit case", [_E0], [_E1, _E2], [_E0, _E1, _E2, (0, 0, 0, 1)], {"ok": True, "m": 1, "n": 2, "extras": 0}),
    ("extras in B", [_E0], [_E1, _e(2, 3)], None, {"ok": True, "m": 1, "n": 1, "extras": 1}),
    ("A not units", [_e(0, 1)], [_E2], None, "some option of A is not a positive multiple of a unit vector"),
    ("two coefficients", [_E0, (0, 2, 0, 0)], [_E2], None, "A's unit vectors have different coefficients"),
    ("shared units", [_E0], [_E0, _E1], None, "A and B share unit vectors (S_A ∩ S_B ≠ ∅)"),
    ("E not invariant", [_E0], [_E1], [_E0, _E1, _e(0, 3)],
     "a vector of E = C ∖ (A ∪ B) is not invariant under permutations of S_A ∪ S_B"),
]


@pytest.mark.parametrize("name, A, B, C, want", UNIT_CASES, ids=[c[0] for c in UNIT_CASES])
def test_unit_structure_names_the_one_failing_condition(name, A, B, C, want):
    from orbitproof.claims.structure import unit_structure

    got = unit_structure(instance_from_sets(A, B, C))
    if isinstance(want, str):
        assert got == {"ok": False, "reason": want}
    else:
        assert {k: got[k] for k in want} == want and got["reason"] == "unit case"


def _verifier_sets(A, B, C):
    fmt = lambda X: [[str(x) for x in v] for v in X]  # noqa: E731
    sets = {"coordinates": ["c0", "c1", "c2", "c3"], "A": fmt(A), "B": fmt(B)}
    if C is not None:
        sets["C"] = fmt(C)
    return V._read_input({"sets": sets}, "input")


def _accepts(statement, sets, n) -> bool:
    try:
        V._statements([statement], None, sets, F(n), "max", "instance.hypotheses")
    except V.Invalid:
        return False
    return True


@pytest.mark.parametrize("name, A, B, C, parts, fams, require_c, want",
                         [c for c in D13_CASES if c[0] != "not an involution"],  # pairs are always involutions
                         ids=[c[0] for c in D13_CASES if c[0] != "not an involution"])
def test_verifier_d13_statement_agrees_with_the_structure_check(name, A, B, C, parts, fams, require_c, want):
    names = ["c0", "c1", "c2", "c3"]
    statement = {"kind": "d13", "c_invariant": require_c,
                 "parts": [[[str(x) for x in v] for v in sorted(p)] for p in parts],
                 "involutions": [[[[names[i], names[p[i]]] for i in range(4) if i < p[i]] for p in fam]
                                 for fam in fams]}
    n = F(len(fams[0]) if fams and fams[0] else 1, max(1, len(parts)))
    assert _accepts(statement, _verifier_sets(A, B, C), n) is want[0]


BLOCK_CASES = [
    ("valid", [_E0], [_E1, _E2], [["c0"]], [["c1"], ["c2"]], 2, True),
    ("wrong n", [_E0], [_E1, _E2], [["c0"]], [["c1"], ["c2"]], 1, False),
    ("B block is not a copy", [_E0], [_E1, _E2], [["c0"]], [["c1"], ["c3"]], 2, False),
    ("A has options outside its blocks", [_E0, _E3], [_E1, _E2], [["c0"]], [["c1"], ["c2"]], 2, False),
    ("blocks overlap", [_E0], [_E1, _E2], [["c0"]], [["c1"], ["c1"]], 2, False),
]


@pytest.mark.parametrize("name, A, B, blocks_a, blocks_b, n, want", BLOCK_CASES, ids=[c[0] for c in BLOCK_CASES])
def test_verifier_blocks_statement_condition_by_condition(name, A, B, blocks_a, blocks_b, n, want):
    statement = {"kind": "blocks", "A": blocks_a, "B": blocks_b}
    assert _accepts(statement, _verifier_sets(A, B, None), n) is want
