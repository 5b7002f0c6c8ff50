"""gamma-sweep certificates: the stdlib verifier accepts what the tool writes and rejects mutations
(docs/math.md §13.1, docs/certificates.md)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from orbitproof import verify
from orbitproof.certificates.sweep import sweep_certificate
from orbitproof.mdp import Environment, resolve_environment
from orbitproof.orbits.sweep import gamma_sweep as sweep

LENGTHS = Environment.from_dict({
    "name": "lengths", "states": ["s", "a", "x", "b", "c", "d"],
    "actions": {"s": {"a": "a", "b": "b"}, "a": {"go": "x"}, "x": {"stay": "x"},
                "b": {"go": "c"}, "c": {"go": "d"}, "d": {"go": "c"}},
})


@pytest.fixture(scope="module")
def candy_cert():
    return sweep_certificate(sweep(resolve_environment("candy"), "start", "candy", "wait", (0, 1, 2, 3, 4)))


@pytest.fixture(scope="module")
def lengths_cert():
    return sweep_certificate(sweep(LENGTHS, "s", "a", "b", (0, 0, 1, 2, 3, 3)))


def _check(cert):
    return verify.verify_certificate(json.loads(json.dumps(cert)))


def _reject(cert, match):
    with pytest.raises(verify.Invalid, match=match):
        _check(cert)


def test_verifier_accepts_the_certificates_the_tool_writes(candy_cert, lengths_cert):
    assert "5 breakpoints (0 irrational)" in _check(candy_cert)
    msg = _check(lengths_cert)
    assert "irrational" in msg and "(0 irrational)" not in msg
    frac = sweep_certificate(sweep(resolve_environment("fig1"), "star", "left", "right", (0, 0, 0, 0, 1, 1, 1, 1),
                                   compare="frac-optimal"))
    assert "gamma-sweep" in _check(frac)


def test_moved_rational_breakpoint_is_rejected(candy_cert):
    bad = copy.deepcopy(candy_cert)
    bad["result"]["breakpoints"][2] = {"value": "11/20"}
    _reject(bad, "breakpoint")


def test_moved_irrational_breakpoint_is_rejected(lengths_cert):
    bad = copy.deepcopy(lengths_cert)
    k = next(i for i, bp in enumerate(bad["result"]["breakpoints"]) if "interval" in bp)
    lo, hi = bad["result"]["breakpoints"][k]["interval"]
    from fractions import Fraction

    w = Fraction(hi) - Fraction(lo)
    bad["result"]["breakpoints"][k]["interval"] = [str(Fraction(hi)), str(Fraction(hi) + w)]
    _reject(bad, "isolate|sorted|breakpoint")


def test_changed_count_on_one_interval_is_rejected(candy_cert, lengths_cert):
    for cert in (candy_cert, lengths_cert):
        bad = copy.deepcopy(cert)
        piece = bad["result"]["counts"][2]
        piece["b_gt_a"] += 1
        piece["a_gt_b"] -= 1
        _reject(bad, r"result.counts\[2\]")


def test_changed_count_at_an_irrational_breakpoint_is_rejected(lengths_cert):
    bad = copy.deepcopy(lengths_cert)
    k = next(i for i, bp in enumerate(bad["result"]["breakpoints"]) if "interval" in bp)
    piece = bad["result"]["counts"][2 * k + 1]
    piece["tie"] += 1
    piece["b_gt_a"] -= 1
    _reject(bad, rf"result.counts\[{2 * k + 1}\]")


def test_dropped_breakpoint_is_rejected(candy_cert, lengths_cert):
    for cert in (candy_cert, lengths_cert):
        for k in (0, len(cert["result"]["breakpoints"]) - 1):
            bad = copy.deepcopy(cert)
            del bad["result"]["breakpoints"][k]
            merged = bad["result"]["counts"]
            del merged[2 * k: 2 * k + 2]
            _reject(bad, "breakpoint is missing|counts")


def test_wrong_minimal_polynomial_is_rejected(lengths_cert):
    bad = copy.deepcopy(lengths_cert)
    k = next(i for i, bp in enumerate(bad["result"]["breakpoints"]) if "interval" in bp)
    poly = [int(c) for c in bad["result"]["breakpoints"][k]["minimal_polynomial"]]
    poly[0] += 1
    bad["result"]["breakpoints"][k]["minimal_polynomial"] = [str(c) for c in poly]
    _reject(bad, "isolate|breakpoint|counts")
    reducible = copy.deepcopy(lengths_cert)
    reducible["result"]["breakpoints"][k]["minimal_polynomial"] = ["-1", "1", "2"]  # (2γ − 1)(γ + 1)
    reducible["result"]["breakpoints"][k]["interval"] = ["2/5", "3/5"]
    _reject(reducible, "reducible|sorted|isolate")


def test_changed_instance_is_rejected(candy_cert):
    bad = copy.deepcopy(candy_cert)
    bad["instance"]["reward"][0] = "5"
    _reject(bad, "instance_digest")


def test_cli_writes_a_certificate_that_verify_accepts(tmp_path):
    out = tmp_path / "sweep.json"
    run = subprocess.run([sys.executable, "-m", "orbitproof", "sweep", "candy", "--state", "start", "--a", "candy",
                          "--b", "wait", "--reward", "0,1,2,3,4", "--certificate", str(out), "--json", "-q"],
                         capture_output=True, text=True, check=True)
    data = json.loads(run.stdout)
    assert [bp["value"] for bp in data["breakpoints"]] == ["1/4", "1/3", "1/2", "2/3", "3/4"]
    check = subprocess.run([sys.executable, "-m", "orbitproof.verify", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("compare", ["max", "frac-optimal"])
def test_stochastic_environment_certificates_are_accepted(compare):
    """examples/gamble.toml: the verifier interpolates det(I − γP)·f per policy (no lassos)."""
    from orbitproof.mdp import resolve_environment as resolve

    env = resolve("examples/gamble.toml")
    cert = sweep_certificate(sweep(env, "start", "safe", "gamble", (0, 1, 2, 3), compare=compare))
    assert "3 irrational" in _check(cert)
    bad = copy.deepcopy(cert)
    bad["result"]["counts"][1]["tie"] -= 1
    bad["result"]["counts"][1]["a_gt_b"] += 1
    _reject(bad, r"result.counts\[1\]")
