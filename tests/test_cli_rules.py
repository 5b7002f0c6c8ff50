"""CLI: --compare RULE with P22's rule specs (count, check), the rule syntax in --help, one-line
errors with exit code 2, and the retarget command (docs/rules.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orbitproof.cli.main import main

SETS = str(Path(__file__).resolve().parents[1] / "examples" / "ghost-apple-cherry.sets.toml")


@pytest.mark.parametrize("rule, counts", [
    ("boltzmann:T=1", (4, 2, 0)), ("satisfice:t=3", (2, 0, 4)), ("quantilise:q=1/2", (4, 2, 0)),
    ("best-of:k=3", (4, 2, 0)), ("anti-optimal", (4, 2, 0)),
])
def test_count_accepts_rule_specs_and_reports_them_in_json(rule, counts, capsys):
    assert main(["count", "--sets", SETS, "--reward", "10,5,0", "--compare", rule, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["compare"] == rule
    assert (out["b_gt_a"], out["a_gt_b"], out["tie"]) == counts


@pytest.mark.parametrize("rule", ["boltzmann:T=0", "quantilise:q=2", "best-of:k=1/2", "softmax", "boltzmann:x=1"])
def test_bad_rules_exit_2_with_one_line(rule, capsys):
    with pytest.raises(SystemExit) as info:
        main(["count", "--sets", SETS, "--reward", "10,5,0", "--compare", rule])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("orbitproof: error: ") and err.count("\n") == 1


def test_help_lists_the_rule_syntax(capsys):
    for cmd in (["count", "--help"], ["check", "--help"]):
        with pytest.raises(SystemExit):
            main(cmd)
        out = " ".join(capsys.readouterr().out.split())
        assert "boltzmann:T=<rational > 0>" in out and "best-of:k=<integer ≥ 1>" in out


def test_check_scaling_with_a_new_rule_holds_on_p22s_example(capsys):
    assert main(["check", "scaling", "--sets", SETS, "--reward", "10,5,0", "--compare", "boltzmann:T=1"]) == 0
    assert "status: holds" in capsys.readouterr().out


def test_retarget_command_writes_a_certificate_the_verifier_accepts(tmp_path, capsys):
    cert = tmp_path / "rt.json"
    assert main(["retarget", "--sets", SETS, "--reward", "10,5,0", "--compare", "boltzmann:T=2",
                 "--certificate", str(cert), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["n"] == out["bound"] and out["maximal"]
    assert main(["verify", str(cert)]) == 0
