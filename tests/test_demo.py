"""The demo (README's main job) runs end to end, its outputs hold the right counts, its figures are
paper-sized (every text >= 8 pt at 3.5 in, nothing clipped, axes labelled) and two runs write the same
bytes."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from orbitproof.cli import main
from orbitproof.report import plot
from orbitproof.verify import verify_file

from test_tables import assert_fits_a_column

ROOT = Path(__file__).resolve().parent.parent
FIGURES: dict[str, plot.TextReport] = {}  # saved file name -> rendered text sizes (filled by the fixture)
STDOUT: list[str] = []  # what the fixture's demo printed


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    save = plot.save_figure

    def measured_save(fig, path, st, close=True):
        saved = save(fig, path, st, close=False)  # measure after saving: measuring redraws the figure
        FIGURES[Path(path).name] = plot.text_report(fig, target_width_in=3.5)
        if close:
            plot.pyplot().close(fig)
        return saved

    buf = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(buf):
        mp.setattr(plot, "save_figure", measured_save)
        assert main(["demo", "--out", str(out), "--quiet"]) == 0
    STDOUT.append(buf.getvalue())
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
    for name in ("fractions", "env-candy", "env-fig1", "scaling", "gamma"):
        assert (report / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (report / f"{name}.pdf").read_bytes()[:5] == b"%PDF-"
        assert f"]({name}.png)" in (report / "report.md").read_text(encoding="utf-8")
    for name in ("results.tex", "report.md", "scaling.csv", "gamma.csv", "env-fig1.csv"):
        assert (report / name).stat().st_size > 100
    assert b"/CreationDate" not in (report / "fractions.pdf").read_bytes()


def test_every_png_has_8pt_text_at_column_width_nothing_clipped_axes_labelled(report):
    pngs = sorted(p.name for p in report.glob("*.png"))
    assert pngs and set(pngs) <= set(FIGURES), (pngs, sorted(FIGURES))
    for name in pngs:
        rep = FIGURES[name]
        assert rep.width_in <= 3.5 + 1e-9, (name, rep)
        assert rep.effective_min_pt >= 8.0, (name, rep)
        assert rep.clipped == (), (name, rep)
        assert rep.axes_unlabelled == 0, (name, rep)


def test_environment_figures_show_the_copies(report):
    rows = list(csv.reader(open(report / "env-fig1.csv", newline="", encoding="utf-8")))
    swaps = [r for r in rows if r[0].startswith("involution")]
    assert {r[0] for r in swaps} == {"involution 1", "involution 2", "involution 3"}  # n = 3 (Cor D.12)


def test_latex_table_is_well_formed_and_fits_a_column(report, tmp_path):
    tex = (report / "results.tex").read_text()
    assert tex.count(r"\begin{tabular}") == tex.count(r"\end{tabular}") == 1
    assert r"\toprule" in tex and r"\bottomrule" in tex and r"\caption{" in tex and r"\label{" in tex
    body = [line for line in tex.splitlines() if line.endswith(r"\\") and not line.startswith(r"\multicolumn")]
    spec = tex.split("{tabular}{")[1].split("}")[0]
    for line in body:
        assert line.count("&") == len(spec) - 1, line
    # the key finding: with the gain copies (n = 2) the law fails at gamma = 1/2
    assert any(line.startswith(r"$\gamma = 1/2$") and line.endswith(r"\textbf{no} \\") for line in body)
    assert "discounted(" not in tex
    assert_fits_a_column(tmp_path, tex)


@pytest.mark.slow
def test_two_demo_runs_write_identical_bytes(report, tmp_path):
    """A second run, in a fresh process with another hash seed, writes byte-identical files."""
    out = tmp_path / "again"
    env = dict(os.environ, PYTHONHASHSEED="12345")
    proc = subprocess.run([sys.executable, "-m", "orbitproof", "demo", "--out", str(out), "--quiet"],
                          capture_output=True, text=True, timeout=600, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]

    def digests(folder: Path) -> dict[str, str]:
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    first, second = digests(report), digests(out)
    assert sorted(first) == sorted(second)
    assert [k for k in first if first[k] != second[k]] == []
    assert proc.stdout.replace(str(out), "DIR") == STDOUT[0].replace(str(report), "DIR")
