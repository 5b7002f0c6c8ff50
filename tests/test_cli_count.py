"""`orbitproof count`: JSON integers, one-line errors with exit code 2."""

from __future__ import annotations

import json
from math import factorial
from pathlib import Path

import pytest

from orbitproof.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "file,reward,expected",
    [
        ("candy-gain.sets.toml", "0,1,2,3,4", (80, 40, 0, 120)),
        ("candy-gain.sets.toml", "start=1", (2, 1, 2, 5)),
        ("candy-half.sets.toml", "0,1,2,3,4", (62, 42, 16, 120)),
        ("candy-half.sets.toml", "chocolate=1,hug=2", (12, 5, 3, 20)),
    ],
)
@pytest.mark.parametrize("engine", ["exact", "reference"])
def test_json_counts_for_the_candy_example_files(capsys, file, reward, expected, engine):
    code, out, err = _run(capsys, "count", "--sets", str(EXAMPLES / file), "--reward", reward,
                          "--engine", engine, "--json", "--quiet")
    assert code == 0, err
    data = json.loads(out)
    assert (data["b_gt_a"], data["a_gt_b"], data["tie"], data["orbit_size"]) == expected
    assert all(isinstance(data[k], int) for k in ("b_gt_a", "a_gt_b", "tie", "orbit_size"))
    assert "semantics" in data


def test_terminal_2_vs_51_file_counts_exactly(capsys):
    reward = ",".join(str(i) for i in range(56))
    code, out, _ = _run(capsys, "count", "--sets", str(EXAMPLES / "terminal-2-51.sets.toml"),
                        "--reward", reward, "--json")
    data = json.loads(out)
    assert data["orbit_size"] == factorial(56)
    assert data["b_gt_a"] == factorial(56) // 53 * 51 and data["a_gt_b"] == factorial(56) // 53 * 2


def test_frac_optimal_with_choice_set_and_jobs(capsys):
    code, out, _ = _run(capsys, "count", "--sets", str(EXAMPLES / "ghost-apple-cherry.sets.toml"),
                        "--reward", "10,5,0", "--compare", "frac-optimal", "--jobs", "2", "--json")
    data = json.loads(out)
    assert (data["b_gt_a"], data["a_gt_b"], data["tie"], data["orbit_size"]) == (4, 2, 0, 6)


def test_text_output_is_readable(capsys):
    code, out, _ = _run(capsys, "count", "--sets", str(EXAMPLES / "candy-gain.sets.toml"), "--reward",
                        "0,1,2,3,4")
    assert code == 0
    assert "B > A : 80" in out and "120 distinct elements" in out


@pytest.mark.parametrize(
    "argv,text",
    [
        (["--reward", "1,2"], "2 entries"),
        (["--reward", "1,2,x,0,0"], "cannot read"),
        (["--reward", "0,1,2,3,4", "--gain"], "takes no"),
        (["--reward", "0,1,2,3,4", "--max-work", "10", "--engine", "reference"], "--max-work"),
        (["--reward", "nosuch=1"], "unknown coordinate"),
    ],
)
def test_bad_input_gives_one_line_and_exit_code_2(capsys, argv, text):
    code, out, err = _run(capsys, "count", "--sets", str(EXAMPLES / "candy-gain.sets.toml"), *argv)
    assert code == 2
    assert text in err and err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_and_missing_inputs_are_one_line_errors(capsys):
    code, _, err = _run(capsys, "count", "--sets", "/nonexistent.toml", "--reward", "1")
    assert code == 2 and err.count("\n") == 1
    code, _, err = _run(capsys, "count", "--reward", "1")
    assert code == 2 and "ENV" in err


@pytest.mark.parametrize(
    "sem,reward,expected",
    [
        (["--gain"], "0,1,2,3,4", (80, 40, 0, 120)),
        (["--gain"], "start=1", (2, 1, 2, 5)),
        (["--gamma", "1/2"], "0,1,2,3,4", (62, 42, 16, 120)),
        (["--gamma", "1/2"], "1,1,0,0,0", (6, 4, 0, 10)),
        (["--blackwell"], "0,1,2,3,4", None),
    ],
)
def test_env_candy_counts_match_math_table(capsys, sem, reward, expected):
    code, out, err = _run(capsys, "count", "candy", "--state", "start", "--a", "candy", "--b", "wait",
                          "--reward", reward, *sem, "--json", "--quiet")
    assert code == 0, err
    data = json.loads(out)
    got = (data["b_gt_a"], data["a_gt_b"], data["tie"], data["orbit_size"])
    if expected is not None:
        assert got == expected
    assert data["semantics"]["kind"] in ("gain", "discounted", "blackwell")
    assert sum(got[:3]) == got[3]


def test_env_frac_optimal_uses_the_whole_choice_set(capsys):
    code, out, err = _run(capsys, "count", "candy", "--state", "start", "--a", "candy", "--b", "wait",
                          "--reward", "0,1,2,3,4", "--gain", "--compare", "frac-optimal", "--json")
    data = json.loads(out)
    assert data["provenance"]["C"] and (data["b_gt_a"], data["a_gt_b"]) == (80, 40)


def test_env_terminal_2_vs_51_gain(capsys):
    reward = ",".join(str(i) for i in range(56))
    code, out, err = _run(capsys, "count", "terminal:m=2,n=51", "--state", "start", "--a", "die", "--b",
                          "live", "--gain", "--reward", reward, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["b_gt_a"] == factorial(56) // 53 * 51


@pytest.mark.parametrize("argv", [
    ["candy", "--state", "nowhere", "--a", "candy", "--b", "wait", "--gain", "--reward", "1,0,0,0,0"],
    ["candy", "--state", "start", "--a", "candy", "--b", "wait", "--reward", "1,0,0,0,0"],
    ["candy", "--state", "start", "--a", "candy", "--reward", "1,0,0,0,0", "--gain"],
    ["candy", "--state", "start", "--a", "candy", "--b", "wait", "--gain", "--nd", "--compare",
     "frac-optimal", "--reward", "1,0,0,0,0"],
])
def test_env_errors_are_one_line(capsys, argv):
    code, out, err = _run(capsys, "count", *argv)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
