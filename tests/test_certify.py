"""Certificate builders (orbitproof/certify.py): canonical bytes, inputs, evidence, errors."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof import verify as V
from orbitproof.certificates.build import (
    canonical_json,
    check_certificate,
    class_evidence,
    copies_certificate,
    counterexample_certificate,
    exhaustive_certificate,
    nd_certificate,
    orbit_count_certificate,
    write_certificate,
)
from orbitproof.core.errors import CertificateError, OrbitproofError
from orbitproof.mdp import nondominated, option_set, resolve_environment
from orbitproof.orbits import count_orbit
from orbitproof.core.semantics import Discounted, Gain
from strategies import vector_sets


def _candy_cert(note=None):
    env = resolve_environment("candy")
    res = count_orbit(option_set(env, "start", "candy", Gain()), option_set(env, "start", "wait", Gain()),
                      [0, 1, 2, 3, 4])
    return orbit_count_certificate(res, environment="candy", state="start", a="candy", b="wait", note=note)


def test_same_result_gives_byte_identical_certificates(tmp_path):
    a, b = canonical_json(_candy_cert()), canonical_json(_candy_cert())
    assert a == b
    p1 = write_certificate(_candy_cert(), tmp_path / "a.json")
    p2 = write_certificate(_candy_cert(), tmp_path / "b.json")
    assert p1.read_bytes() == p2.read_bytes()
    assert a.endswith("}\n") and a.isascii()


def test_canonical_json_sorts_keys_and_writes_rationals_as_strings():
    cert = _candy_cert()
    text = canonical_json(cert)
    assert json.loads(text) == cert
    assert text == json.dumps(cert, sort_keys=True, indent=2, ensure_ascii=True) + "\n"
    assert cert["instance"]["reward"] == ["0", "1", "2", "3", "4"]
    assert all(isinstance(v, int) for v in cert["result"]["counts"].values())


def test_environment_is_embedded_without_names_or_rewards():
    cert = _candy_cert(note="candy example")
    env = cert["instance"]["input"]["environment"]
    assert set(env) == {"states", "actions"}
    assert cert["note"] == "candy example"
    assert cert["instance"]["input"]["semantics"] == {"kind": "gain"}
    assert cert["instance"]["input"]["a"] == ["candy"] and cert["instance"]["input"]["b"] == ["wait"]


def test_the_note_is_the_only_field_the_verifier_ignores():
    cert = _candy_cert(note="x")
    V.verify_certificate(cert)
    cert["note"] = "anything else"
    V.verify_certificate(cert)
    del cert["note"]
    V.verify_certificate(cert)


@settings(max_examples=30, deadline=None)
@given(case=vector_sets(max_d=5), compare=st.sampled_from(["max", "is-optimal"]))
def test_certificates_of_vector_sets_verify(case, compare):
    A, B, C, r = case
    res = count_orbit(A, B, r, C=C, compare=compare)
    cert = orbit_count_certificate(res, sets=(A, B, C), reward=r, compare=compare)
    assert check_certificate(cert).startswith("orbit-count")
    if compare == "max":
        assert "C" not in cert["instance"]["input"]["sets"]


def test_class_evidence_weights_sum_to_the_orbit_size():
    env = resolve_environment("terminal:m=2,n=51")
    r = [0] * 56
    r[3:6] = [2, 1, 1]
    inp = {"environment": {"states": list(env.states), "actions": env.to_dict()["actions"]}, "state": "start",
           "a": ["die"], "b": ["live"], "semantics": {"kind": "gain"}}
    ev = class_evidence(inp, r)
    assert sum(c["weight"] for c in ev["classes"]) == 56 * 55 * 54 // 2
    assert ["d1", "d2"] in ev["generators"] and ["l1", "l2"] in ev["generators"]
    assert len(ev["classes"]) == 17


def test_counterexample_builder_refuses_counts_that_satisfy_the_claim():
    env = resolve_environment("candy")
    res = count_orbit(option_set(env, "start", "candy", Gain()), option_set(env, "start", "wait", Gain()),
                      [0, 1, 2, 3, 4])
    with pytest.raises(CertificateError, match="satisfy the claim"):
        counterexample_certificate(("scaling", 2), res, environment=env, state="start", a="candy", b="wait",
                                   semantics=Gain())
    with pytest.raises(CertificateError, match="unknown claim"):
        counterexample_certificate(("strict", 2), res, environment=env, state="start", a="candy", b="wait",
                                   semantics=Gain())
    cert = counterexample_certificate({"name": "scaling", "n": "5/2"}, res, environment=env, state="start",
                                      a="candy", b="wait", semantics=Gain())
    assert cert["instance"]["claim"] == {"name": "scaling", "n": "5/2"}
    check_certificate(cert)


def test_exhaustive_builder_refuses_a_failing_claim_and_records_the_family():
    env = resolve_environment("candy")
    with pytest.raises(CertificateError, match="fails on reward"):
        exhaustive_certificate(("scaling", 3), [0, 1], environment=env, state="start", a="candy", b="wait",
                               semantics=Gain())
    cert = exhaustive_certificate(("scaling", 2), [1, 0], environment=env, state="start", a="candy", b="wait",
                                  semantics=Gain())
    assert cert["instance"]["family"] == {"kind": "reward-multisets", "values": ["0", "1"]}
    check_certificate(cert)


def test_copies_builder_strips_idle_pairs_and_refuses_degenerate_results():
    from orbitproof.symmetry import find_copies

    env = resolve_environment("fig1")
    res = find_copies(env=env, state="star", a="left", b="right", semantics=Gain())
    cert = copies_certificate(res, environment=env, state="star", a="left", b="right", semantics=Gain())
    assert all("l" not in pair for inv in cert["result"]["involutions"] for pair in inv)
    check_certificate(cert)
    with pytest.raises(CertificateError, match="no involutions"):
        copies_certificate([], environment=env, state="star", a="left", b="right", semantics=Gain())


def test_nd_certificate_from_vectors_merges_duplicates():
    X = [[1, 0], [0, 1], [Fraction(1, 2), Fraction(1, 2)], [1, 0]]
    cert = nd_certificate(nondominated(X), vectors=X, coordinates=["p", "q"])
    assert len(cert["result"]["entries"]) == 3
    assert check_certificate(cert) == "nd: 2 non-dominated of 3"


def test_nd_certificate_of_a_discounted_environment():
    env = resolve_environment("candy")
    X = option_set(env, "start", None, Discounted("1/2"))
    cert = nd_certificate(nondominated(list(X.vectors)), environment=env, state="start", semantics="1/2")
    check_certificate(cert)


def test_builder_errors_are_orbitproof_errors():
    with pytest.raises(OrbitproofError):
        orbit_count_certificate((1, 2, 3), sets=([[1]], [[0]]), reward=[1])
    with pytest.raises(OrbitproofError):
        orbit_count_certificate((1, 0, 0, 1), reward=[1])
    with pytest.raises(OrbitproofError):
        orbit_count_certificate((1, 0, 0, 1), sets=([[1.0]], [[0]]), reward=[1])
    bad = _candy_cert()
    bad["result"]["counts"]["tie"] = 3
    with pytest.raises(CertificateError, match="does not verify"):
        check_certificate(bad)


def test_certify_module_doctest():
    import doctest

    import orbitproof.certificates.build as mod

    assert doctest.testmod(mod).failed == 0
