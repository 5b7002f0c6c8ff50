"""The demo (README's main job) runs end to end and its outputs hold the right counts."""

from __future__ import annotations

import csv
import shutil
import subprocess
from fractions import Fraction

import pytest

from orbitproof.cli import main
from orbitproof.verify import verify_file


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    assert main(["demo", "--out", str(out), "--quiet"]) == 0
    return out


def _rows(report):
    with open(report / "results.csv", newline="") as fh:
        return list(csv.DictReader(fh))


def test_demo_table_holds_the_seed_counts(report):
    rows = _rows(report)
    got = {(r["environment"], r["b"], r["a"], r["semantics"], r["reward"]):
           (int(r["b_gt_a"]), int(r["a_gt_b"]), int(r["tie"]), int(r["orbit_size"])) for r in rows}
    assert got[("candy", "wait", "candy", "gain", "0,1,2,3,4")] == (80, 40, 0, 120)
    assert got[("candy", "wait", "candy", "gain", "1,0,0,0,0")] == (2, 1, 2, 5)
    assert got[("candy", "wait", "candy", "discounted(gamma=1/2)", "0,1,2,3,4")] == (62, 42, 16, 120)
    assert got[("candy", "wait", "candy", "discounted(gamma=1/2)", "0,0,0,1,2")] == (12, 5, 3, 20)


def test_two_vs_fiftyone_distinct_values_gives_exactly_51_over_53(report):
    row = next(r for r in _rows(report) if r["environment"] == "terminal:m=2,n=51"
               and r["reward"] == ",".join(str(i) for i in range(56)))
    assert Fraction(row["weak_fraction"]) == Fraction(51, 53)
    assert row["n"] == "25" and Fraction(row["n_over_n_plus_1"]) == Fraction(25, 26)
    # 56!/... : every value distinct, so the orbit is all 56! permutations
    import math
    assert int(row["orbit_size"]) == math.factorial(56)


def test_proven_law_holds_on_every_demo_row(report):
    for r in _rows(report):
        if r["n"] not in ("", "0"):
            assert r["law_holds"] == "True", r


def test_demo_certificates_verify(report):
    certs = sorted((report / "certificates").glob("*.json"))
    assert len(certs) >= 10
    for p in certs:
        code, reason = verify_file(str(p))
        assert code == 0, (p.name, reason)


def test_every_demo_row_has_a_certificate(report):
    """Including the 51/53 row with 56 distinct values (unit-block evidence, docs/certificates.md)."""
    rows = _rows(report)
    assert rows and all(r["certificate"].endswith(".json") for r in rows), [r["certificate"] for r in rows]


def test_plots_and_tables_are_written(report):
    pytest.importorskip("matplotlib")
    for name in ("fractions.png", "fractions.pdf", "results.tex", "report.md"):
        assert (report / name).stat().st_size > 100
    assert (report / "fractions.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (report / "fractions.pdf").read_bytes()[:5] == b"%PDF-"


def test_latex_table_is_well_formed(report, tmp_path):
    tex = (report / "results.tex").read_text()
    assert tex.count(r"\begin{tabular}") == tex.count(r"\end{tabular}") == 1
    assert r"\toprule" in tex and r"\bottomrule" in tex
    body = [line for line in tex.splitlines() if line.endswith(r"\\")]
    ncols = tex.split("{tabular}{")[1].split("}")[0].count("l") + tex.split("{tabular}{")[1].split("}")[0].count("r")
    for line in body:
        assert line.count("&") == ncols - 1, line
    engine = shutil.which("pdflatex")
    if engine:
        doc = tmp_path / "t.tex"
        doc.write_text("\\documentclass{article}\\usepackage{booktabs}\\begin{document}\\tiny\n"
                       f"\\input{{{report / 'results.tex'}}}\n\\end{{document}}\n")
        subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", doc.name], cwd=tmp_path,
                       check=True, capture_output=True, timeout=120)
