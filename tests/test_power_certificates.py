"""Power certificates: the stdlib verifier accepts exact results and rejects tampered ones."""

import copy

import pytest

from orbitproof import verify
from orbitproof.certificates.power import power_certificate
from orbitproof.core.errors import CertificateError
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


def test_uniform_results_are_not_certified():
    env = resolve_environment("candy")
    with pytest.raises(CertificateError, match="not certified yet"):
        power_certificate(env, [power(env, "start", "1/2")])


def test_cli_writes_a_certificate_that_verifies(tmp_path, capsys):
    from orbitproof.cli.main import main
    path = tmp_path / "p.json"
    assert main(["power", "candy", "--gamma", "1/2", "--dist", "bernoulli:1/2", "--certificate", str(path)]) == 0
    assert verify.verify_file(str(path))[0] == 0
