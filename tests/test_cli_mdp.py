"""`orbitproof show` and `orbitproof options` (issue 2 item 6), incl. bad input → exit 2, one line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from orbitproof.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_text_and_json(capsys):
    code, out, _ = run(capsys, "show", "candy")
    assert code == 0 and "wait -> wait" in out
    code, out, _ = run(capsys, "show", "examples/gamble.toml", "--json")
    data = json.loads(out)
    assert code == 0 and data["actions"]["start"]["gamble"] == {"win": "1/3", "lose": "2/3"}


def test_options_candy_gamma_half_json(capsys):
    code, out, _ = run(capsys, "options", "candy", "--state", "start", "--action", "wait", "--gamma", "1/2", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["state"] == "start" and data["action"] == "wait"
    assert data["semantics"] == {"kind": "discounted", "gamma": "1/2"}
    assert data["coordinates"] == ["start", "candy", "wait", "chocolate", "hug"]
    assert sorted(data["options"]) == [["1", "0", "1/2", "0", "1/2"], ["1", "0", "1/2", "1/2", "0"]]


def test_options_gain_nd_with_witnesses(capsys):
    code, out, _ = run(capsys, "options", "fig1", "--state", "star", "--gain", "--nd", "--json")
    data = json.loads(out)
    assert code == 0 and len(data["options"]) == 5
    assert all(e["nondominated"] and "witness_reward" in e for e in data["nd"])


def test_options_blackwell_text(capsys):
    code, out, _ = run(capsys, "options", "candy", "--state", "start", "--blackwell")
    assert code == 0 and "c0=" in out


BAD = [
    ["show", "nosuch"],
    ["show", "missing.toml"],
    ["show", "terminal:m=2"],
    ["options", "candy", "--state", "nope", "--gain"],
    ["options", "candy", "--state", "start", "--action", "fly", "--gain"],
    ["options", "candy", "--state", "start", "--gamma", "1"],
    ["options", "candy", "--state", "start", "--gamma", "0.5e"],
    ["options", "gridworld:w=4,h=4", "--state", "c0_0", "--gamma", "1/2", "--max-options", "100"],
    ["options", "candy", "--state", "start"],  # no semantics: argparse usage error
]


@pytest.mark.parametrize("argv", BAD, ids=lambda a: " ".join(a))
def test_bad_input_exit_2_one_line(capsys, argv):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors exit directly
        code = exc.code
    _, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("orbitproof: error:")
    assert "Traceback" not in err


@pytest.mark.parametrize("body, fragment", [
    ('states = []', "empty"),
    ('states = ["a", "a"]\n[actions.a]\ns = "a"', "duplicate"),
    ('states = ["a"]\n[actions.a]\ns = "b"', "unknown next state"),
    ('states = ["a", "b"]\n[actions.a]\ns = "a"', "no actions"),
    ('states = ["a", "b"]\n[actions.a]\ng = { a = "1/3", b = "1/3" }\n[actions.b]\ns = "b"', "sum to 2/3"),
    ('states = ["a", "b"]\n[actions.a]\ng = { a = "3/2", b = "-1/2" }\n[actions.b]\ns = "b"', "positive"),
    ('states = ["a", "b"]\n[actions.a]\ng = { a = 0.5, b = "1/2" }\n[actions.b]\ns = "b"', "actions.a.g.a"),
    ('states = ["a", "b"]\n[actions.a]\ng = { a = "1", b = "0" }\n[actions.b]\ns = "b"', "zero-mass"),
    ('states = ["a"]\n[actions.a]\ns = "a"\ns = "a"', "not valid TOML"),
    ('states = ["a"]\n[actions.a]\ns = "a"\n[rewards]\na = 1.5', "rewards.a"),
])
def test_bad_files_through_the_real_cli(tmp_path, body, fragment):
    p = tmp_path / "env.toml"
    p.write_text(body)
    proc = subprocess.run([sys.executable, "-m", "orbitproof", "show", str(p)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and fragment in proc.stderr
    assert "Traceback" not in proc.stderr


# ------------------------------------------------------------------ review fixes (2026-11-25)
def test_non_utf8_file_is_a_one_line_error(tmp_path):
    p = tmp_path / "bin.toml"
    p.write_bytes(b"\xff\xfe states = []")
    proc = subprocess.run([sys.executable, "-m", "orbitproof", "show", str(p)], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "not UTF-8" in proc.stderr


@pytest.mark.parametrize("spec, fragment", [
    ("gridworld:w=" + "9" * 5000 + ",h=1", "must be an integer"),  # Path.exists() raised 'name too long'
    ("x" * 400, "unknown environment"),
    ("gridworld:w=\u0663,h=2", "must be an integer"),  # non-ASCII digit was read as 3
])
def test_pathological_specs_are_one_line_errors(capsys, spec, fragment):
    code = main(["show", spec])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and fragment in err and len(err) < 400


def test_gain_nd_witnesses_are_fast_on_a_16x16_gridworld(capsys):
    # the witness re-check used dense Fraction dot products: O(k^2 d) = 256^3 (~57 s before the fix)
    import time

    t0 = time.perf_counter()
    code, out, _ = run(capsys, "options", "gridworld:w=16,h=16", "--state", "c4_4", "--gain", "--nd", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["options"]) == 256 and all(e["nondominated"] for e in data["nd"])
    assert time.perf_counter() - t0 < 15
