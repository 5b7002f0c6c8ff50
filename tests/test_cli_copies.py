"""The ``orbitproof copies`` sub-command."""

from __future__ import annotations

import json

import pytest

from orbitproof.cli import main

CANDY_SETS = """
coordinates = ["start", "candy", "wait", "choc", "hug"]
A = [[0, 1, 0, 0, 0]]
B = [[0, 0, 0, 1, 0], [0, 0, 0, 0, 1]]
C = [[0, 1, 0, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1]]
"""


@pytest.fixture
def candy_file(tmp_path):
    p = tmp_path / "candy.toml"
    p.write_text(CANDY_SETS)
    return p


def test_sets_json_reports_n_maximal_involutions_and_hypotheses(candy_file, capsys):
    assert main(["copies", "--sets", str(candy_file), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["n"] == 2 and out["maximal"] is True
    assert sorted(out["involutions"]) == [[["candy", "choc"]], [["candy", "hug"]]]
    for name in ("c_invariant", "orthogonal", "z_condition", "nd_copies", "disjoint_images"):
        assert out["hypotheses"][name] is True
        assert name in out["hypotheses_holding"]


def test_sets_text_output(candy_file, capsys):
    assert main(["copies", "--sets", str(candy_file)]) == 0
    text = capsys.readouterr().out
    assert "n = 2" in text and "(candy choc)" in text


def test_no_copy_is_said_plainly(tmp_path, capsys):
    p = tmp_path / "none.toml"
    p.write_text('A = [[1, 0, 0], [0, 1, 0]]\nB = [[0, 0, 1]]\n')
    assert main(["copies", "--sets", str(p)]) == 0
    assert "no copy" in capsys.readouterr().out


@pytest.mark.parametrize("argv,needle", [
    (["copies"], "ENV"),
    (["copies", "--sets", "/nonexistent/x.toml"], "cannot read"),
    (["copies", "candy", "--state", "start"], "--a"),
])
def test_bad_usage_is_one_line_exit_2(argv, needle, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_sets_with_env_flags_is_refused(candy_file, capsys):
    assert main(["copies", "--sets", str(candy_file), "--gain"]) == 2
    assert "takes no" in capsys.readouterr().err


def test_float_in_json_sets_is_refused(tmp_path, capsys):
    p = tmp_path / "f.json"
    p.write_text('{"A": [[0.5, 0]], "B": [[0, 0.5]]}')
    assert main(["copies", "--sets", str(p)]) == 2
    assert "float" in capsys.readouterr().err


def test_env_terminal_two_vs_51_json(capsys):
    assert main(["copies", "terminal:m=2,n=51", "--state", "start", "--a", "die", "--b", "live",
                 "--gain", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["n"] == 25 and out["maximal"] is True


def test_env_unknown_state_is_one_line(capsys):
    assert main(["copies", "candy", "--state", "nowhere", "--a", "x", "--b", "y", "--gain"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1


def test_sets_flags_nd_disjoint_require(tmp_path, capsys):
    p = tmp_path / "nd.toml"
    p.write_text('coordinates = ["a1", "a2", "b1", "b2", "b3", "b4"]\n'
                 'A = [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], ["1/2", "1/2", 0, 0, 0, 0]]\n'
                 'B = [[0, 0, 1, 0, 0, 0], [0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1]]\n'
                 'C = [[0, 0, 1, 0, 0, 0], [0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1],'
                 ' [1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0]]\n')
    assert main(["copies", "--sets", str(p), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["n"] == 0
    assert main(["copies", "--sets", str(p), "--nd", "--disjoint", "--require-c-invariant", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["n"] == 2 and out["nd"] is True and out["hypotheses"]["c_invariant"] is True


def test_degenerate_sets_say_unbounded(tmp_path, capsys):
    p = tmp_path / "deg.toml"
    p.write_text('A = [[1, 0]]\nB = [[1, 0], [0, 1]]\n')
    assert main(["copies", "--sets", str(p)]) == 0
    assert "unbounded" in capsys.readouterr().out
    assert main(["copies", "--sets", str(p), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["n"] is None and out["unbounded"] is True
