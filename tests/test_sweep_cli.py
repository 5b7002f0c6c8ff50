"""`orbitproof sweep`: output, --at, --plot (+ CSV) and one-line errors (docs/sweep.md)."""

from __future__ import annotations

import csv
import json

import pytest

from orbitproof.cli.main import main

FORK = ["candy", "--state", "start", "--a", "candy", "--b", "wait", "-q"]


def test_text_output_lists_breakpoints_limits_and_blackwell(capsys):
    assert main(["sweep", *FORK, "--reward", "0,1,2,3,4", "--at", "7/10", "--digits", "4"]) == 0
    out = capsys.readouterr().out
    assert "5 breakpoints (0 irrational)" in out
    assert "γ = 0.5  (62, 42, 16, 120)   [1/2]" in out
    assert "limit γ → 1−: (80, 40, 0, 120); Blackwell: (80, 40, 0, 120) (equal)" in out
    assert "at γ = 7/10: (76, 44, 0, 120)" in out


def test_json_output_has_exact_breakpoints_and_pieces(capsys):
    assert main(["sweep", *FORK, "--reward", "0,0,0,1,2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [bp["value"] for bp in data["breakpoints"]] == ["1/2"]
    assert [p["b_gt_a"] for p in data["pieces"]] == [13, 12, 14]
    assert data["limit_at_1_equals_blackwell"] is True


def test_plot_writes_image_and_csv(tmp_path):
    out = tmp_path / "sweep.png"
    assert main(["sweep", *FORK, "--reward", "0,1,2,3,4", "--plot", str(out), "--fractions", "--json"]) == 0
    assert out.stat().st_size > 1000
    rows = list(csv.DictReader((tmp_path / "sweep.png.csv").open()))
    assert len(rows) == 11 and rows[1]["exact"] == "1/4" and rows[5]["tie"] == "16"


@pytest.mark.parametrize("extra, message", [
    (["--gain"], "gain optimality has no γ"),
    (["--gamma", "1/2"], "use --at G"),
    (["--at", "1"], "0 < γ < 1"),
    (["--max-work", "3"], "about .* difference polynomials.*--max-work"),
])
def test_errors_are_one_line(capsys, extra, message):
    assert main(["sweep", *FORK, "--reward", "0,1,2,3,4", *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("orbitproof: error: ") and err.count("\n") == 1
    import re

    assert re.search(message, err), err


@pytest.mark.parametrize("reward, expected", [
    ("1,0,0,0,0", "(0, 1)"),
    ("1,1,0,0,0", "∅"),
    ("0,1,2,3,4", "(3/4, 1)"),
    ("0,0,0,1,2", "[1/2, 1)"),
])
def test_holds_gives_the_exact_gamma_set_of_the_two_fold_law_on_candy(capsys, reward, expected):
    """docs/sweep.md: where #(B>A) ≥ 2·#(A>B) holds on candy, for each reward of docs/math.md §10.1."""
    assert main(["sweep", *FORK, "--reward", reward, "--holds", "ratio:2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["holds"]["set"] == expected


def test_holds_rejects_unknown_forms(capsys):
    assert main(["sweep", *FORK, "--reward", "0,1,2,3,4", "--holds", "most:2"]) == 2
    assert "ratio:X, weak:X or strict:X" in capsys.readouterr().err
