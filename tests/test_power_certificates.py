"""Power certificates: the stdlib verifier accepts exact results and rejects tampered ones."""

import copy

import pytest

from orbitproof import verify
from orbitproof.certificates.power import power_certificate
from orbitproof.mdp import resolve_environment
from orbitproof.mdp.power_iid import power, power_all_states


@pytest.fixture(scope="module")
def cert():
    env = resolve_environment("candy")
    return power_certificate(env, power_all_states(env, "1/2", "values:0,1,3@1/2,1/4,1/4"))


def test_valid_power_certificate_verifies(cert):
    assert "power at 5 state(s)" in verify.verify_certificate(cert)


@pytest.mark.parametrize("sem", ["9/10", "gain"])
def test_fig1_certificates_verify(sem):
    env = resolve_environment("fig1")
    c = power_certificate(env, [power(env, s, sem, "bernoulli:1/3") for s in ("star", "l_down")])
    assert verify.verify_certificate(c).startswith("power at 2")


def _redigest(c):
    c["instance_digest"] = verify.instance_digest(c["instance"])
    return c


def test_changed_value_is_rejected(cert):
    bad = copy.deepcopy(cert)
    bad["result"]["power"]["start"] = "3/4"
    with pytest.raises(verify.Invalid, match="recomputed"):
        verify.verify_certificate(bad)


def test_changed_probability_is_rejected_even_with_a_fresh_digest(cert):
    bad = copy.deepcopy(cert)
    bad["instance"]["distribution"]["probabilities"] = ["1/4", "1/2", "1/4"]
    with pytest.raises(verify.Invalid, match="recomputed"):
        verify.verify_certificate(_redigest(bad))


def test_probabilities_not_summing_to_one_are_rejected(cert):
    bad = copy.deepcopy(cert)
    bad["instance"]["distribution"]["probabilities"] = ["1/2", "1/4", "1/8"]
    with pytest.raises(verify.Invalid, match="not 1"):
        verify.verify_certificate(_redigest(bad))


def test_changed_value_of_the_distribution_is_rejected(cert):
    bad = copy.deepcopy(cert)
    bad["instance"]["distribution"]["values"] = ["0", "1", "2"]
    with pytest.raises(verify.Invalid, match="recomputed"):
        verify.verify_certificate(_redigest(bad))


def test_changed_instance_without_digest_is_rejected(cert):
    bad = copy.deepcopy(cert)
    bad["instance"]["semantics"]["gamma"] = "1/3"
    with pytest.raises(verify.Invalid, match="instance_digest"):
        verify.verify_certificate(bad)


def test_changed_gamma_with_fresh_digest_is_rejected(cert):
    bad = copy.deepcopy(cert)
    bad["instance"]["semantics"]["gamma"] = "1/3"
    with pytest.raises(verify.Invalid, match="recomputed"):
        verify.verify_certificate(_redigest(bad))


def test_changed_environment_is_rejected(cert):
    bad = copy.deepcopy(cert)
    bad["instance"]["environment"]["actions"]["wait"]["hug"] = "chocolate"
    with pytest.raises(verify.Invalid):
        verify.verify_certificate(_redigest(bad))


def test_unknown_state_is_rejected(cert):
    bad = copy.deepcopy(cert)
    bad["result"]["power"]["nowhere"] = "1/2"
    with pytest.raises(verify.Invalid):
        verify.verify_certificate(bad)


@pytest.fixture(scope="module")
def uniform_cert():
    env = resolve_environment("candy")
    return power_certificate(env, power_all_states(env, "9/10"), evidence="none")


def test_uniform_certificate_verifies_by_recomputing_the_cells(uniform_cert):
    assert uniform_cert["instance"]["distribution"] == {"kind": "uniform"}
    assert uniform_cert["result"]["power"]["start"] == "881/1200"
    assert "uniform" in verify.verify_certificate(uniform_cert)


def test_uniform_certificate_with_changed_value_is_rejected(uniform_cert):
    bad = copy.deepcopy(uniform_cert)
    bad["result"]["power"]["start"] = "11/16"
    with pytest.raises(verify.Invalid, match="recomputed 881/1200"):
        verify.verify_certificate(bad)


def test_uniform_certificate_with_changed_gamma_is_rejected(uniform_cert):
    bad = copy.deepcopy(uniform_cert)
    bad["instance"]["semantics"]["gamma"] = "1/2"
    with pytest.raises(verify.Invalid, match="recomputed"):
        verify.verify_certificate(_redigest(bad))


def test_unknown_distribution_kind_is_rejected(uniform_cert):
    bad = copy.deepcopy(uniform_cert)
    bad["instance"]["distribution"] = {"kind": "gauss"}
    with pytest.raises(verify.Invalid, match="unknown distribution"):
        verify.verify_certificate(_redigest(bad))


def test_gamma_zero_is_certified_and_tampering_is_rejected():
    env = resolve_environment("candy")
    c = power_certificate(env, [power(env, "start", "0", "bernoulli:1/2")])
    assert verify.verify_certificate(c).startswith("power at 1 state")
    bad = copy.deepcopy(c)
    bad["result"]["power"]["start"] = "1/2"
    with pytest.raises(verify.Invalid, match="recomputed"):
        verify.verify_certificate(bad)


def test_cli_writes_a_certificate_that_verifies(tmp_path, capsys):
    from orbitproof.cli.main import main
    path = tmp_path / "p.json"
    assert main(["power", "candy", "--gamma", "1/2", "--dist", "bernoulli:1/2", "--certificate", str(path)]) == 0
    assert verify.verify_file(str(path))[0] == 0


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def small_mdps(draw):
    from orbitproof.mdp.environment import Environment
    n = draw(st.integers(2, 4))
    names = [f"s{i}" for i in range(n)]
    actions = {s: {f"to_{t}": t for t in draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))}
               for s in names}
    return Environment.from_dict({"name": "random", "states": names, "actions": actions})


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_mdps(), st.sampled_from(["1/2", "2/3", "gain"]), st.sampled_from(["uniform", "values:-1,0,2@1/4,1/2,1/4"]))
def test_verifier_recomputation_agrees_with_the_solver_on_random_mdps(env, sem, dist):
    cert = power_certificate(env, power_all_states(env, sem, dist))
    assert verify.verify_certificate(cert).startswith(f"power at {len(env.states)} state(s)")


@pytest.fixture(scope="module")
def optimality_cert():
    from orbitproof.mdp.power_iid import optimality_probabilities
    return power_certificate("candy", optimality=optimality_probabilities("candy", "start", "1/2"))


@pytest.fixture(scope="module")
def seeking_cert():
    from orbitproof.mdp.power_iid import power_seeking
    return power_certificate("fig1", seeking=power_seeking("fig1", "star", "gain", "bernoulli:1/2"))


def test_optimality_and_seeking_certificates_verify(optimality_cert, seeking_cert):
    assert optimality_cert["result"]["optimality"]["probabilities"] == {"candy": "5/12", "wait": "7/12"}
    assert verify.verify_certificate(optimality_cert).startswith("optimality at start under iid uniform[0, 1]")
    assert verify.verify_certificate(seeking_cert).startswith("seeking at star")


def test_changed_optimality_probability_is_rejected(optimality_cert):
    bad = copy.deepcopy(optimality_cert)
    bad["result"]["optimality"]["probabilities"]["wait"] = "1/2"
    with pytest.raises(verify.Invalid, match="recomputed 7/12"):
        verify.verify_certificate(bad)


def test_missing_action_in_optimality_is_rejected(optimality_cert):
    bad = copy.deepcopy(optimality_cert)
    del bad["result"]["optimality"]["probabilities"]["candy"]
    with pytest.raises(verify.Invalid, match="candy"):
        verify.verify_certificate(bad)


def test_changed_expected_power_is_rejected(seeking_cert):
    bad = copy.deepcopy(seeking_cert)
    bad["result"]["seeking"]["expected_power"]["up"] = "3/4"
    with pytest.raises(verify.Invalid, match="recomputed"):
        verify.verify_certificate(bad)


def test_empty_result_is_rejected(seeking_cert):
    bad = copy.deepcopy(seeking_cert)
    bad["result"] = {}
    with pytest.raises(verify.Invalid, match="at least one"):
        verify.verify_certificate(bad)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_mdps(), st.sampled_from(["1/2", "gain"]), st.sampled_from(["uniform", "bernoulli:1/3"]))
def test_optimality_and_seeking_certificates_verify_on_random_mdps(env, sem, dist):
    from orbitproof.mdp.power_iid import optimality_probabilities, power_seeking
    s = env.states[0]
    cert = power_certificate(env, optimality=optimality_probabilities(env, s, sem, dist),
                             seeking=power_seeking(env, s, sem, dist))
    assert verify.verify_certificate(cert).startswith(f"optimality at {s}, seeking at {s}")
