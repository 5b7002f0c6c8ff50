"""Triangulation witnesses for uniform POWER, optimality probabilities and vector sets: the stdlib
verifier accepts them and rejects every tampering (docs/power.md, "What is certified")."""

import copy
from fractions import Fraction as F

import pytest

from orbitproof import verify
from orbitproof.certificates.power import power_certificate, sets_certificate
from orbitproof.core.errors import TooLargeError
from orbitproof.mdp import resolve_environment
from orbitproof.mdp.expectation import constant_coordinates, linear_optimality_probability
from orbitproof.mdp.power_iid import optimality_probabilities, power, power_all_states, power_options, power_seeking
from orbitproof.mdp.power_witness import triangulation_witness


@pytest.fixture(scope="module")
def candy_cert():
    env = resolve_environment("candy")
    g = F(1, 2)
    return power_certificate(env, power_all_states(env, g), optimality=optimality_probabilities(env, "start", g),
                             seeking=power_seeking(env, "start", g))


@pytest.fixture(scope="module")
def sets_cert():
    A, B = [[1, 0, 0], [0, 1, 0]], [[0, 0, 1], ["1/2", "1/2", "1/2"]]
    pa, pb = linear_optimality_probability(A, B)
    return sets_certificate(A, B, "uniform", pa, pb)


def _check(c, match):
    with pytest.raises(verify.Invalid, match=match):
        verify.verify_certificate(c)


def test_witness_certificates_verify_and_say_the_witnesses_were_checked(candy_cert, sets_cert):
    assert "3 triangulation witness(es) checked" in verify.verify_certificate(candy_cert)
    assert "triangulation witness checked" in verify.verify_certificate(sets_cert)
    assert set(candy_cert["result"]["evidence"]) == {"power", "optimality"}


@pytest.mark.parametrize("name,state,sem", [("ye-olde", "start", F(9, 10)), ("fig1", "l_down", "gain"),
                                            ("terminal:m=2,n=2", "start", F(1, 2)),
                                            ("gridworld:w=2,h=2", "c0_0", F(9, 10))])
def test_catalog_witnesses_reproduce_the_exact_power(name, state, sem):
    env = resolve_environment(name)
    c = power_certificate(env, [power(env, state, sem)], evidence="witness")
    assert "1 triangulation witness(es) checked" in verify.verify_certificate(c)


def test_witness_cell_volumes_sum_to_one_and_give_the_expectation():
    opts, _ = power_options(resolve_environment("candy"), "start", F(1, 2))
    w = triangulation_witness(opts)
    C = list(dict.fromkeys(opts))
    keep, _ = constant_coordinates(C)
    X = sorted({tuple(v[j] for j in keep) for v in C})
    E, vols = verify._pw_witness(X, w, "w")
    assert sum(vols.values()) == 1 and all(v > 0 for v in vols.values())


def test_gamma_zero_and_gain_witnesses_verify():
    env = resolve_environment("fig1")
    for sem in ("0", "gain"):
        c = power_certificate(env, [power(env, "star", sem)], evidence="witness")
        assert "witness" in verify.verify_certificate(c)


# ------------------------------------------------------------------ mutations
def test_tampered_power_value_is_rejected(candy_cert):
    bad = copy.deepcopy(candy_cert)
    bad["result"]["power"]["start"] = "2/3"
    _check(bad, "recomputed")


def test_tampered_probability_is_rejected(candy_cert):
    bad = copy.deepcopy(candy_cert)
    bad["result"]["optimality"]["probabilities"]["wait"] = "1/2"
    _check(bad, "recomputed")


def test_tampered_sets_probability_is_rejected(sets_cert):
    bad = copy.deepcopy(sets_cert)
    bad["result"]["p_A_ge_B"] = "1/2"
    _check(bad, "recomputed")


def test_vertex_outside_the_polytope_is_rejected(candy_cert):
    bad = copy.deepcopy(candy_cert)
    w = bad["result"]["evidence"]["power"]["start"]
    w["vertices"][0] = ["2"] + w["vertices"][0][1:]
    _check(bad, "violates constraint")


def test_moved_vertex_inside_the_polytope_is_rejected(candy_cert):
    bad = copy.deepcopy(candy_cert)
    w = bad["result"]["evidence"]["power"]["start"]
    # move a vertex up (t larger) but keep it inside P: the tiling breaks
    i = next(i for i, v in enumerate(w["vertices"]) if F(v[-1]) < 1)
    w["vertices"][i] = w["vertices"][i][:-1] + [verify._fmt(F(w["vertices"][i][-1]) + F(1, 7))]
    _check(bad, "evidence")


def test_dropped_simplex_is_rejected(candy_cert):
    bad = copy.deepcopy(candy_cert)
    bad["result"]["evidence"]["optimality"]["simplices"].pop(3)
    _check(bad, "neither shared nor on the boundary")


def test_duplicated_simplex_is_rejected(candy_cert):
    bad = copy.deepcopy(candy_cert)
    w = bad["result"]["evidence"]["power"]["start"]
    w["simplices"].append(list(w["simplices"][0]))
    _check(bad, "duplicate simplex")


def test_simplex_with_a_wrong_vertex_is_rejected(candy_cert):
    bad = copy.deepcopy(candy_cert)
    w = bad["result"]["evidence"]["power"]["start"]
    s = w["simplices"][0]
    s[0] = next(i for i in range(len(w["vertices"])) if i not in s)
    _check(bad, "evidence")


def test_degenerate_simplex_is_rejected(sets_cert):
    bad = copy.deepcopy(sets_cert)
    w = bad["result"]["evidence"]["sets"]
    w["vertices"].append(list(w["vertices"][w["simplices"][0][0]]))
    w["simplices"][0][1] = len(w["vertices"]) - 1
    _check(bad, "evidence")


def test_witness_of_a_different_state_is_rejected(candy_cert):
    bad = copy.deepcopy(candy_cert)
    ev = bad["result"]["evidence"]["power"]
    ev["start"] = copy.deepcopy(ev["wait"])
    _check(bad, "evidence")


def test_evidence_under_a_finite_distribution_is_rejected():
    env = resolve_environment("candy")
    c = power_certificate(env, [power(env, "start", "1/2", "bernoulli:1/2")])
    c["result"]["evidence"] = {"power": {}}
    _check(c, "uniform distribution only")


def test_sets_finite_support_certificate_verifies_and_rejects_tampered_sets():
    A, B = [[1, 0], [0, 1]], [["1/2", "1/2"]]
    pa, pb = linear_optimality_probability(A, B, "bernoulli:1/2")
    c = sets_certificate(A, B, "bernoulli:1/2", pa, pb)
    assert "2-valued" in verify.verify_certificate(c)
    bad = copy.deepcopy(c)
    bad["instance"]["sets"]["B"] = [["1", "1"]]
    bad["instance_digest"] = verify.instance_digest(bad["instance"])
    _check(bad, "recomputed")


def test_witness_budget_is_refused_with_the_estimate():
    opts, _ = power_options(resolve_environment("fig1"), "star", F(1, 2))
    with pytest.raises(TooLargeError, match="vertices"):
        triangulation_witness(opts, max_vertices=5)


def test_witness_for_another_gamma_is_rejected(candy_cert):
    bad = copy.deepcopy(candy_cert)
    bad["instance"]["semantics"]["gamma"] = "9/10"
    bad["instance_digest"] = verify.instance_digest(bad["instance"])
    _check(bad, "evidence|recomputed")


def test_gridworld_3x3_uniform_certificate_at_a_discount_is_refused():
    from orbitproof.core.errors import CertificateError
    env = resolve_environment("gridworld:w=3,h=3")
    res = power(env, "c0_0", F(1, 2))
    with pytest.raises(CertificateError, match="verifier's limit"):
        power_certificate(env, [res])


def _entries():
    from hypothesis import strategies as st
    return st.fractions(min_value=-1, max_value=2, max_denominator=3)


def test_sets_witnesses_verify_on_random_vector_sets():
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    e = _entries()

    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(1, 4).flatmap(lambda d: st.tuples(st.lists(st.tuples(*[e] * d), min_size=1, max_size=3),
                                                         st.lists(st.tuples(*[e] * d), min_size=1, max_size=3))))
    def check(AB):
        A, B = AB
        pa, pb = linear_optimality_probability(A, B)
        c = sets_certificate(A, B, "uniform", pa, pb, evidence="auto")
        assert verify.verify_certificate(c).startswith("p(A >= B)")  # the verifier's values equal the engine's

    check()


def test_verifier_detects_same_side_and_triple_facets_on_the_unit_square():
    # k = 1, one option x = 0: P = [0, 1] × [0, T] with T = 0 + 1, the unit square, E[max] = 0
    X = [(F(0),)]
    square = [["0", "0"], ["1", "0"], ["1", "1"], ["0", "1"]]
    E, vols = verify._pw_witness(X, {"vertices": square, "simplices": [[0, 1, 2], [0, 2, 3]]}, "w")
    assert E == 0 and vols == {(F(0),): 1}
    inner = square + [["1/2", "1/4"]]
    with pytest.raises(verify.Invalid, match="same side"):
        verify._pw_witness(X, {"vertices": inner, "simplices": [[0, 1, 2], [0, 2, 4]]}, "w")
    with pytest.raises(verify.Invalid, match="more than two"):
        verify._pw_witness(X, {"vertices": inner, "simplices": [[0, 1, 2], [0, 2, 4], [0, 2, 3]]}, "w")
    # the square covered twice, by two triangulations with different boundary edges: every facet is
    # paired or on the boundary, so only the cell-volume sum (2, not 1) exposes the double cover
    mids = square + [["1/2", "0"], ["1", "1/2"], ["1/2", "1"], ["0", "1/2"], ["1/2", "1/2"]]
    fan = [[0, 4, 8], [4, 1, 8], [1, 5, 8], [5, 2, 8], [2, 6, 8], [6, 3, 8], [3, 7, 8], [7, 0, 8]]
    with pytest.raises(verify.Invalid, match="sum to 2"):
        verify._pw_witness(X, {"vertices": mids, "simplices": fan + [[0, 1, 2], [0, 2, 3]]}, "w")
    assert verify._pw_witness(X, {"vertices": mids, "simplices": fan}, "w")[1] == {(F(0),): 1}
