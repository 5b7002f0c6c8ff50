"""LaTeX tables go into a paper unchanged: exact-rounded scientific counts, typeset semantics, caption
and label, and (compiled with pdflatex) no overfull box at \\columnwidth of a two-column article."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orbitproof.core.errors import FormatError
from orbitproof.core.semantics import Blackwell, Discounted, Gain
from orbitproof.report.demo import DemoRow, rows_to_latex
from orbitproof.report.export import export_rows, to_latex
from orbitproof.report.tables import latex_table, parse_columns, tex_int, tex_number, tex_semantics

ROOT = Path(__file__).resolve().parent.parent
SCI = re.compile(r"^\$(-?)(\d)\.(\d\d)\{\\times\}10\^\{(\d+)\}\$$")
F56 = math.factorial(56)


@given(st.integers(min_value=-999_999, max_value=999_999))
def test_short_integers_are_printed_in_full(k):
    assert tex_int(k) == f"${k}$"


@given(st.integers(min_value=10**6, max_value=10**200), st.booleans())
def test_long_integers_round_to_three_significant_digits_exactly(k, negative):
    text = tex_int(-k if negative else k)
    m = SCI.match(text)
    assert m, text
    sign, lead, frac, e = m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4))
    assert sign == ("-" if negative else "")
    assert 1 <= lead <= 9
    mantissa = lead * 100 + frac                # the value shown is mantissa * 10^(e-2)
    unit = 10 ** (e - 2)
    assert abs(mantissa * unit - k) * 2 <= unit  # within half a unit in the last place shown


def test_fifty_six_factorial_is_shown_as_in_the_paper():
    assert tex_int(F56) == r"$7.11{\times}10^{74}$"
    assert tex_int(F56 * 51 // 53) == r"$6.84{\times}10^{74}$"
    assert tex_int(9_985_000) == r"$9.98{\times}10^{6}$"  # half to even
    assert tex_int(9_999_999) == r"$1.00{\times}10^{7}$"  # carries into the exponent


def test_numbers_of_any_exact_form():
    assert tex_number(None) == "--" and tex_number("1/2") == "$1/2$" and tex_number("7") == "$7$"
    assert tex_number(Fraction(3, 4)) == "$3/4$" and tex_number(10**9) == r"$1.00{\times}10^{9}$"


@pytest.mark.parametrize("sem, want", [
    (Discounted("1/2"), r"$\gamma = 1/2$"), ("discounted(gamma=9/10)", r"$\gamma = 9/10$"),
    ({"kind": "discounted", "gamma": "0"}, r"$\gamma = 0$"), (Gain(), "gain"), ("gain", "gain"),
    (Blackwell(), "Blackwell"), ("blackwell", "Blackwell"), (None, "--"),
])
def test_semantics_are_typeset(sem, want):
    assert tex_semantics(sem) == want


def test_unknown_column_is_refused_with_a_suggestion():
    with pytest.raises(FormatError, match=r"unknown column 'orbit_sise'; did you mean 'orbit_size'"):
        parse_columns("b_gt_a,orbit_sise", ["b_gt_a", "orbit_size"], ["b_gt_a"])
    assert parse_columns(" tie , b_gt_a,tie", ["b_gt_a", "tie"], []) == ["tie", "b_gt_a"]
    assert parse_columns(None, ["a"], ["a"]) == ["a"]


def test_table_has_caption_label_and_matching_cells():
    text = latex_table(["x", "y"], "lr", [("group", [["a", "1"]]), (None, [["b", "2"]])],
                       caption="Cap.", label="tab:x")
    assert r"\caption{Cap.}" in text and r"\label{tab:x}" in text
    assert text.index(r"\begin{table}") < text.index(r"\begin{tabular}{lr}") < text.index(r"\end{table}")
    assert r"\multicolumn{2}{@{}l}{group} \\" in text and "a & 1 \\\\" in text
    with pytest.raises(ValueError):
        latex_table(["x"], "l", [(None, [["a", "b"]])], caption="", label="")


def demo_like_rows() -> list[DemoRow]:
    """The widest rows of the demo (56!-sized counts), as printed by ``orbitproof demo``."""
    g = Gain()
    q = F56 // 3465
    return [
        DemoRow("candy", "start", "wait", "candy", Discounted("1/2"), (0, 1, 2, 3, 4), "(0,1,2,3,4)",
                62, 42, 16, 120, 0, 2),
        DemoRow("candy", "start", "wait", "candy", g, (0, 1, 2, 3, 4), "(0,1,2,3,4)", 80, 40, 0, 120, 2, 2),
        DemoRow("terminal:m=2,n=51", "start", "live", "die", g, tuple(range(56)), "0,1,…,55",
                F56 * 51 // 53, F56 * 2 // 53, 0, F56, 25, 25, Fraction(51, 53)),
        DemoRow("terminal:m=2,n=51", "start", "live", "die", g, tuple([0] * 53 + [2, 2, 1]), "0,…,0,2,2,1",
                q * 3400, q * 16, q * 49, F56, 25, 25, Fraction(51, 53)),
        DemoRow("fig1", "star", "left,right", "up", g, tuple(range(8)), "0,1,…,7", 30492, 9420, 408, 40320, None, 3),
    ]


def test_demo_table_shows_the_law_with_the_gain_copies():
    text = rows_to_latex(demo_like_rows())
    cand = [ln for ln in text.splitlines() if ln.startswith(r"$\gamma = 1/2$")]
    # at gamma = 1/2: no copy (n = 0), and the law with the gain copies (n = 2) fails: 62 < 2 * 42
    assert cand == [r"$\gamma = 1/2$ & $62$ & $42$ & $13/20$ & $0$ & -- & $2$ & \textbf{no} \\"]
    assert r"$|\mathrm{orbit}| = 7.11{\times}10^{74}$" in text and str(F56) not in text
    assert r"\caption{" in text and r"\label{tab:orbitproof-demo}" in text


def _compile(tmp_path: Path, body: str) -> str:
    engine = shutil.which("pdflatex")
    assert engine, "pdflatex is needed (Debian: texlive-latex-base texlive-latex-recommended; .ci/run installs them)"
    (tmp_path / "t.tex").write_text(
        "\\documentclass[twocolumn]{article}\n\\usepackage{booktabs}\n\\begin{document}\n"
        f"{body}\n\\typeout{{COLUMNWIDTH=\\the\\columnwidth}}\n\\end{{document}}\n", encoding="utf-8")
    proc = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", "t.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    log = (tmp_path / "t.log").read_text(encoding="latin-1")
    assert proc.returncode == 0, log[-2000:]
    return log


def assert_fits_a_column(tmp_path: Path, table: str) -> None:
    """``table`` compiles in a two-column article, without an overfull box, its tabular no wider than
    \\columnwidth (measured by TeX)."""
    assert not re.search(r"[\x00-\x09\x0b-\x1f]", table), "control character (a lost backslash?)"
    (tmp_path / "table.tex").write_text(table, encoding="utf-8")
    tabular = table[table.index(r"\begin{tabular}"):table.index(r"\end{tabular}") + len(r"\end{tabular}")]
    size = re.search(r"^\\(scriptsize|footnotesize|small|normalsize)$", table, re.M).group(0)
    measure = ("\\newsavebox\\tbl\\sbox\\tbl{" + size + "\\setlength{\\tabcolsep}{2pt}" + tabular + "}"
               "\\typeout{TABLEWIDTH=\\the\\wd\\tbl}")
    log = _compile(tmp_path, "\\input{table.tex}\n" + measure)
    assert "Overfull" not in log and "Underfull" not in log, log
    width = float(re.search(r"TABLEWIDTH=([\d.]+)pt", log).group(1))
    column = float(re.search(r"COLUMNWIDTH=([\d.]+)pt", log).group(1))
    assert width <= column, (width, column)


def test_demo_table_fits_a_column_of_a_two_column_paper(tmp_path):
    assert_fits_a_column(tmp_path, rows_to_latex(demo_like_rows()))


def test_export_table_fits_a_column_of_a_two_column_paper(tmp_path):
    files = sorted(str(p) for p in (ROOT / "certificates").glob("*.json") if p.name != "certificate.schema.json")
    rows = export_rows(files)
    assert_fits_a_column(tmp_path, to_latex(rows[:25]))
    assert_fits_a_column(tmp_path, to_latex(rows[25:]))
