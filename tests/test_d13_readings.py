"""P22 Conjecture D.13 in every reading (issue 17): reading options, the n < m refutation, the copy
search's budget, the exhaustive enumeration against brute force, the complete face reward family and
the verifier's d13-family certificates (including tampering)."""

from __future__ import annotations

import copy
from fractions import Fraction
from itertools import combinations_with_replacement

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof import verify
from orbitproof.certificates import certificate_for
from orbitproof.claims import check, get_claim, instance_from_sets
from orbitproof.claims.counting import reference_counts
from orbitproof.claims.faces import arrangement_normals, face_rewards, face_signature
from orbitproof.claims.registry import UnknownClaimError
from orbitproof.claims.structure import max_cross_family
from orbitproof.search.d13 import (check_reading, d13_family_certificate, d13_instances, d13_specs,
                                   enumerate_reference, fast_counts01, restricted_faces)

E3 = ["x1", "x2", "x3"]
NM = instance_from_sets([[1, 0, 0], [0, 1, 0]], [[0, 0, 1]], [[1, 0, 0], [0, 1, 0], [0, 0, 1]], coordinates=E3)


@pytest.mark.parametrize("compare", ["max", "is-optimal", "frac-optimal"])
def test_the_literal_reading_without_n_at_least_m_is_refuted_with_a_checked_certificate(compare):
    # the instance: A = {e1, e2}, B = {e3}, C = A ∪ B, involutions (1 3), (2 3), r = (0, 1, 1)
    assert check("F6", NM, [0, 1, 1], {"compare": compare}).status == "hypotheses-not-met"
    v = check("F6:copies=shared,n=any", NM, [0, 1, 1], {"compare": compare})
    assert (v.status, v.counts, v.x) == ("fails", (0, 1, 2, 3), Fraction(1, 2))
    cert, _ = certificate_for(v, NM)
    summary = verify.verify_certificate(cert)
    assert "shared copies" in summary and "C-invariant" in summary


def test_reading_suffixes_are_parsed_canonically_and_bad_ones_refused():
    assert get_claim("F6:n=any,copies=shared").name == "F6:copies=shared,n=any"
    assert get_claim("F6:").name == "F6"
    for bad in ("F6:copies=both", "F5:cond=z", "F1:n=any", "F6:n"):
        with pytest.raises(UnknownClaimError):
            get_claim(bad)


def test_without_a_choice_set_condition_the_shared_reading_fails_already_with_m_1():
    inst = instance_from_sets([[1, 0, 0]], [[0, 1, 0]], [[1, 0, 0], [0, 1, 0], [0, 1, 1]], coordinates=E3)
    v = check("F5:copies=shared", inst, [1, 1, 0], {"compare": "is-optimal"})
    assert (v.status, v.counts) == ("fails", (0, 1, 2, 3))
    assert "D.13 structure" in verify.verify_certificate(certificate_for(v, inst)[0])


def test_the_copy_search_says_when_its_budget_stopped_it():
    # every candidate is compatible with every other: the largest family is all of them
    from orbitproof.claims.instance import involutions

    d = 10
    ts = [p for p in involutions(d) if sum(1 for i, j in enumerate(p) if i < j) == 1]
    cands = [(p, frozenset({(k,) * d})) for k, p in enumerate(ts)]  # constant images: fixed by every φ
    fam, exact = max_cross_family(cands, budget=10 ** 6)
    assert exact and len(fam) == len(cands) > 40  # no silent truncation at 40 candidates
    fam2, exact2 = max_cross_family(cands, budget=5)
    assert not exact2 and len(fam2) < len(cands)


@pytest.mark.parametrize("d", [2, 3, 4])
@pytest.mark.parametrize("closed", [False, True])
def test_the_enumeration_matches_brute_force(d, closed):
    for m in (1, 2, 3):
        fast = list(d13_instances(d, m, None, closed))
        assert len(fast) == len(set(fast))
        assert set(fast) == enumerate_reference(d, m, None, closed)


def test_enumerated_instance_counts_are_the_stated_ones():
    counts = {(d, c): sum(1 for _ in d13_specs(d, (1, 2, 3), None, c)) for d in (2, 3, 4) for c in (False, True)}
    assert counts == {(2, False): 1, (2, True): 1, (3, False): 7, (3, True): 7, (4, False): 35, (4, True): 39}


def test_every_enumerated_instance_has_the_d13_structure():
    for spec in d13_specs(4, (1, 2, 3), None, True):
        rec = check_reading("F6:n=any", spec, "is-optimal")
        assert rec["status"] in ("proved", "fails"), rec  # closed C: always C-invariant


@pytest.mark.parametrize("d", [1, 2, 3])
def test_face_rewards_meet_every_face_a_dense_grid_meets(d):
    normals = arrangement_normals(d)
    fam = {face_signature(r, normals) for r in face_rewards(d)}
    grid = {face_signature(r, normals) for r in combinations_with_replacement(range(-8, 9), d)}
    assert grid <= fam and len(fam) == len(face_rewards(d))


def test_face_reward_count_for_d_4():
    assert len(face_rewards(4)) == 1258


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_fast_counts_equal_the_reference_counts(data):
    d = 4
    specs = list(d13_specs(d, (1, 2), None, True))
    spec = data.draw(st.sampled_from(specs))
    s = spec["source"]["sets"]
    inst = instance_from_sets(s["A"], s["B"], s["C"], coordinates=s["coordinates"])
    r = data.draw(st.sampled_from(face_rewards(d)))
    compare = data.draw(st.sampled_from(["max", "is-optimal", "frac-optimal"]))
    A, B, C = ([tuple(int(x) for x in v) for v in s[k]] for k in ("A", "B", "C"))
    assert fast_counts01(A, B, C, r, compare) == reference_counts(inst, r, compare)


def test_restricted_faces_decide_the_ratio_claim_like_the_full_family():
    for spec in list(d13_specs(4, (2,), None, True))[:8]:
        s = spec["source"]["sets"]
        A, B, C = ([tuple(int(x) for x in v) for v in s[k]] for k in ("A", "B", "C"))
        sub = restricted_faces(4, C)
        for x in (Fraction(1), Fraction(3, 2), Fraction(2)):
            full_ok = all(c[0] >= x * c[1] for c in (fast_counts01(A, B, C, r, "is-optimal") for r in face_rewards(4)))
            sub_ok = all(c[0] >= x * c[1] for c in (fast_counts01(A, B, C, r, "is-optimal") for r in sub))
            assert full_ok == sub_ok


def _family_cert():
    members = []
    for spec in d13_specs(3, (1, 2), None, True):
        rec = check_reading("F6", spec, "is-optimal")
        if rec["status"] == "proved":
            members.append((spec, rec))
    return d13_family_certificate("F6", "is-optimal", members, "test")


def test_d13_family_certificates_verify_and_tampering_is_rejected():
    cert = _family_cert()
    assert "holds on all" in verify.verify_certificate(cert)
    mutations = []
    c = copy.deepcopy(cert)
    c["instance"]["members"][0]["hypotheses"][0]["involutions"][0] = []  # drop a part's copies
    mutations.append(c)
    c = copy.deepcopy(cert)
    c["instance"]["members"][-1]["B"] = c["instance"]["members"][-1]["B"][:1]  # shrink B
    mutations.append(c)
    c = copy.deepcopy(cert)
    c["result"]["members"] += 1
    mutations.append(c)
    c = copy.deepcopy(cert)
    c["instance"]["members"][0]["rewards"][0][0] = "1/2"  # non-integer reward
    mutations.append(c)
    c = copy.deepcopy(cert)
    c["instance"]["claim"] = {"name": "weak-fraction"}
    mutations.append(c)
    for m in mutations:
        m["instance_digest"] = verify.instance_digest(m["instance"])
        with pytest.raises(verify.Invalid):
            verify.verify_certificate(m)
    c = copy.deepcopy(cert)
    c["instance"]["members"][0]["rewards"].append([0, 0, 1])  # digest not updated
    with pytest.raises(verify.Invalid):
        verify.verify_certificate(c)


def test_a_false_shared_statement_is_rejected():
    # the committed F5 counterexample has per-part copies that differ between its two parts
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "certificates" / "claims" / "F5-d13" / "cex-000011.json"
    cert = json.loads(path.read_text())
    assert "D.13 structure" in verify.verify_certificate(cert)
    cert["instance"]["hypotheses"][0]["shared"] = True
    cert["instance_digest"] = verify.instance_digest(cert["instance"])
    with pytest.raises(verify.Invalid, match="shared"):
        verify.verify_certificate(cert)


def test_the_faces_reward_family_is_complete_exactly_for_0_1_instances():
    from orbitproof.claims import check_family, parse_family

    fam = parse_family("faces")
    assert fam.name == "faces" and fam.size(3) == 62
    ok, _ = fam.complete(NM, "point", "is-optimal")
    assert ok
    half = instance_from_sets([["1/2", "1/2", 0]], [[0, 0, 1]], coordinates=E3)
    assert not fam.complete(half, "point", "max")[0]
    fv = check_family("F6:n=any", NM, "faces", {"compare": "is-optimal"})
    assert fv.status == "fails" and fv.complete


def test_d13_family_rewards_below_minus_10_to_the_9_are_refused_by_name():
    cert = _family_cert()
    c = copy.deepcopy(cert)
    c["instance"]["members"][0]["rewards"][0][0] = -(10**9) - 1
    c["instance_digest"] = verify.instance_digest(c["instance"])
    with pytest.raises(verify.Invalid, match=r"rewards\[0\].*expected an integer >= -1000000000, got -1000000001"):
        verify.verify_certificate(c)
    c["instance"]["members"][0]["rewards"][0][0] = -(10**9)  # the bound itself is allowed
    c["instance_digest"] = verify.instance_digest(c["instance"])
    try:
        verify.verify_certificate(c)
    except verify.Invalid as exc:
        assert "expected an integer >=" not in str(exc)
