"""``orbitproof export`` and ``orbitproof plot``: exact tables and figures backed by exact CSVs."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from orbitproof.cli import main
from orbitproof.core.errors import CertificateError, FormatError, OrbitproofError

ROOT = Path(__file__).resolve().parent.parent
CERTS = ROOT / "certificates"
ALL = sorted(str(p) for p in CERTS.glob("*.json") if p.name != "certificate.schema.json")
CANDY = str(CERTS / "candy-gain-r01234.json")


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ----------------------------------------------------------------------------- export
def test_csv_export_of_all_committed_certificates(capsys):
    code, out, err = _run(capsys, "export", *ALL)
    assert code == 0
    rows = {Path(r["file"]).name: r for r in csv.DictReader(io.StringIO(out))}
    assert len(rows) == len(ALL)
    r = rows["candy-gain-r01234.json"]
    assert (r["b_gt_a"], r["a_gt_b"], r["tie"], r["orbit_size"]) == ("80", "40", "0", "120")
    assert (r["environment"], r["state"], r["b"], r["a"], r["semantics"]) == ("candy", "start", "wait", "candy", "gain")
    assert r["weak_fraction"] == "2/3" and r["reward"] == "0,1,2,3,4"
    g = rows["candy-gamma-1_2-r01234.json"]
    assert (g["b_gt_a"], g["a_gt_b"], g["tie"], g["orbit_size"], g["weak_fraction"]) == ("62", "42", "16", "120", "13/20")
    assert rows["copies-candy-gain.json"]["copies_n"] == "2"
    assert rows["copies-terminal-2-51-gain.json"]["copies_n"] == "25"
    assert rows["copies-terminal-2-51-gain.json"]["environment"] == "terminal:m=2,n=51"
    assert rows["terminal-2-51-gain-1-2-3-4-5.json"]["weak_fraction"] == "51/53"
    ce = rows["counterexample-candy-gamma-1_2-weak-fraction-2.json"]
    assert (ce["claim"], ce["claim_n"]) == ("weak-fraction", "2")
    assert rows["sets-p22-ghost-apple-cherry-max.json"]["environment"] == "vector sets"
    assert rows["exhaustive-candy-gain-scaling-2-values-012.json"]["instances"] == "21"
    # every counted row: weak fraction = (b_gt_a + tie)/orbit_size exactly
    for row in rows.values():
        if row["orbit_size"]:
            want = Fraction(int(row["b_gt_a"]) + int(row["tie"]), int(row["orbit_size"]))
            assert Fraction(row["weak_fraction"]) == want


def test_json_export(capsys, tmp_path):
    out_file = tmp_path / "sub" / "rows.json"
    code, out, err = _run(capsys, "export", CANDY, str(CERTS / "copies-candy-gain.json"), "--format", "json",
                          "--out", str(out_file))
    assert code == 0 and out == ""
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert isinstance(data, list) and len(data) == 2
    assert [data[0][k] for k in ("b_gt_a", "a_gt_b", "tie", "orbit_size")] == [80, 40, 0, 120]
    assert data[0]["weak_fraction"] == "2/3"
    assert data[1]["kind"] == "copies" and data[1]["copies_n"] == 2


ALL_LATEX = ("file,kind,environment,state,b_vs_a,semantics,reward,b_gt_a,a_gt_b,tie,orbit_size,weak_fraction,"
             "claim,copies_n")


def _tabular_rows(out: str) -> list[str]:
    """Body lines of the tabular (header and data rows; group titles are \\multicolumn rows)."""
    return [ln for ln in out.splitlines() if ln.endswith(r"\\") and not ln.startswith(r"\multicolumn")]


def test_latex_export_is_well_formed(capsys):
    code, out, err = _run(capsys, "export", *ALL, "--format", "latex", "--columns", ALL_LATEX)
    assert code == 0
    assert out.count(r"\begin{tabular}") == 1 and out.count(r"\end{tabular}") == 1
    assert out.count(r"\toprule") == 1 and out.count(r"\midrule") == 1 and out.count(r"\bottomrule") == 1
    assert out.count(r"\begin{table}") == 1 and r"\caption{" in out and r"\label{tab:orbitproof-certificates}" in out
    body = _tabular_rows(out)
    assert len(body) == len(ALL) + 1  # header + one row per certificate
    amps = {len(re.findall(r"(?<!\\)&", ln)) for ln in body}
    assert amps == {13}  # 14 columns
    ncols = len(re.search(r"\\begin\{tabular\}\{([lrc]+)\}", out).group(1))
    assert ncols == 14
    # specials escaped: underscores in file names, no raw unicode gamma / ellipsis
    assert "candy-gamma-1\\_2-r01234.json" in out
    for ln in body:
        assert not re.search(r"(?<![\\$])_", ln.replace("$|\\mathrm{orbit}|$", ""))
        assert "γ" not in ln and "…" not in ln and "#" not in ln.replace(r"\#", "")
    assert "$80$ & $40$ & $0$ & $120$" in out


def test_latex_export_default_columns_group_rows_by_environment(capsys):
    code, out, err = _run(capsys, "export", *ALL, "--format", "latex")
    assert code == 0
    titles = [ln for ln in out.splitlines() if ln.startswith(r"\multicolumn")]
    assert {r"\multicolumn{6}{@{}l}{\emph{candy}} \\", r"\multicolumn{6}{@{}l}{\emph{fig1}} \\"} <= set(titles)
    assert len(_tabular_rows(out)) == len(ALL) + 1
    assert r"$\gamma = 1/2$" in out and "discounted(" not in out
    # long counts are in scientific form (the CSV keeps every digit)
    assert not re.search(r"\d{7}", out)


def test_latex_escapes_specials():
    from orbitproof.report.export import to_latex

    row = {"file": "a_b%c&d#e$f.json", "kind": "orbit-count", "environment": "x~y^z{}", "state": "s\\t",
           "b": "b", "a": "a", "semantics": "gain", "reward": "1,2", "b_gt_a": 1, "a_gt_b": 1, "tie": 0,
           "orbit_size": 2, "weak_fraction": Fraction(1, 2), "claim": None, "claim_n": None, "copies_n": None}
    line = [ln for ln in to_latex([row], ALL_LATEX).splitlines() if "json" in ln][0]
    assert r"a\_b\%c\&d\#e\$f.json" in line
    assert r"x\textasciitilde{}y\textasciicircum{}z\{\}" in line and r"s\textbackslash{}t" in line
    assert len(re.findall(r"(?<!\\)&", line)) == 13


@pytest.mark.parametrize("content, exc", [
    ("{not json", FormatError),
    ('{"format": "something-else/1", "kind": "copies"}', CertificateError),
    ('[1, 2, 3]', CertificateError),
    ('{"format": "orbitproof-certificate/1", "kind": "mystery", "instance": {}, "result": {}}', CertificateError),
    ('{"format": "orbitproof-certificate/1", "kind": "orbit-count", "instance": {}, '
     '"result": {"counts": {"b_gt_a": 1, "a_gt_b": 1, "tie": 1, "orbit_size": 5}}}', CertificateError),
])
def test_bad_inputs_raise_and_exit_2_with_one_line(tmp_path, capsys, content, exc):
    from orbitproof.report.export import export_rows

    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(exc):
        export_rows([bad])
    code, out, err = _run(capsys, "export", CANDY, str(bad))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("orbitproof: error: ") and "bad.json" in err


def test_missing_file_and_schema_exit_2(capsys, tmp_path):
    for path in (str(tmp_path / "missing.json"), str(CERTS / "certificate.schema.json")):
        code, out, err = _run(capsys, "export", path)
        assert code == 2 and len(err.strip().splitlines()) == 1 and "orbitproof: error:" in err


# ----------------------------------------------------------------------------- plot
MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF"}


def _check_figure(path: Path) -> None:
    data = path.read_bytes()
    assert len(data) > 1000
    assert data.startswith(MAGIC[path.suffix])


@pytest.mark.parametrize("ext", [".png", ".pdf"])
def test_plot_env_with_copies(tmp_path, capsys, ext):
    pytest.importorskip("matplotlib")
    out = tmp_path / f"candy{ext}"
    code, _, err = _run(capsys, "plot", "env", "candy", "--state", "start", "--a", "candy", "--b", "wait",
                        "--gain", "--out", str(out))
    assert code == 0, err
    _check_figure(out)
    rows = list(csv.DictReader(io.StringIO(out.with_suffix(".csv").read_text(encoding="utf-8"))))
    edges = [r for r in rows if r["item"] == "edge"]
    assert len(edges) == 7 and {r["state"] for r in edges if r["note"] == "terminal"} == {"candy", "chocolate", "hug"}
    swaps = sorted(tuple(sorted((r["state"], r["next_state"]))) for r in rows if r["item"].startswith("involution"))
    assert swaps == [("candy", "chocolate"), ("candy", "hug")]


def test_plot_env_plain(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    out = tmp_path / "fig1.png"
    assert _run(capsys, "plot", "env", "fig1", "--out", str(out))[0] == 0
    _check_figure(out)


def test_plot_scaling_distinct_matches_k_over_k_plus_1(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    out = tmp_path / "scaling.png"
    code, _, err = _run(capsys, "plot", "scaling", "--env-template", "terminal:m=1,n={n}", "--state", "start",
                        "--a", "die", "--b", "live", "--gain", "--n", "1..6", "--reward-kind", "distinct",
                        "--out", str(out))
    assert code == 0, err
    _check_figure(out)
    rows = list(csv.DictReader(io.StringIO(out.with_suffix(".csv").read_text(encoding="utf-8"))))
    assert [int(r["n_param"]) for r in rows] == [1, 2, 3, 4, 5, 6]
    for r in rows:
        k = int(r["n_param"])
        d = k + 4  # start, die, live, d1, l1..lk
        # Independent value: under gain, B ≥ A iff the largest of the k+1 terminal rewards sits on
        # one of the k live terminals; with distinct rewards each terminal is the largest equally often.
        assert Fraction(r["weak_fraction"]) == Fraction(k, k + 1)
        assert int(r["orbit_size"]) == math.factorial(d)
        assert int(r["copies_n"]) == k and Fraction(r["bound_n_over_n_plus_1"]) == Fraction(k, k + 1)
        assert r["meets_bound"] == "True"


def test_scaling_data_brute_force_small():
    """The scaling rows against a brute-force enumeration of the orbit (gain: terminal values)."""
    from itertools import permutations

    from orbitproof.report.plot import scaling_data
    from orbitproof.core.semantics import Gain

    for kind in ("distinct", "ties"):
        rows = scaling_data("terminal:m=1,n={n}", state="start", a="die", b="live", semantics=Gain(),
                            ns=[1, 2], reward_kind=kind)
        for row in rows:
            k = row["n_param"]
            r = [int(x) for x in row["reward"].split(",")]
            seen = set(permutations(r))
            # states: start, die, live, d1, l1..lk; gain value of die = r[d1], of live = max r[l_i]
            ge = sum(1 for p in seen if max(p[4:4 + k]) >= p[3])
            assert row["orbit_size"] == len(seen)
            assert row["weak_fraction"] == Fraction(ge, len(seen))


def test_plot_gamma(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    out = tmp_path / "gamma.pdf"
    code, _, err = _run(capsys, "plot", "gamma", "candy", "--state", "start", "--a", "candy", "--b", "wait",
                        "--reward", "0,1,2,3,4", "--gammas", "1/10,1/4,1/2,3/4,9/10", "--out", str(out))
    assert code == 0, err
    _check_figure(out)
    rows = list(csv.DictReader(io.StringIO(out.with_suffix(".csv").read_text(encoding="utf-8"))))
    by = {r["gamma"] or "gain": (int(r["b_gt_a"]), int(r["a_gt_b"]), int(r["tie"]), int(r["orbit_size"]))
          for r in rows}
    assert by["1/2"] == (62, 42, 16, 120)  # certificates/candy-gamma-1_2-r01234.json
    assert by["gain"] == (80, 40, 0, 120)
    assert len(rows) == 6


@pytest.mark.parametrize("argv", [
    ["plot", "scaling", "--env-template", "terminal:m=1,n=3", "--state", "start", "--a", "die", "--b", "live",
     "--gain", "--n", "1..2", "--out", "X.png"],
    ["plot", "scaling", "--env-template", "terminal:m=1,n={n}", "--state", "start", "--a", "die", "--b", "live",
     "--gain", "--n", "3..1", "--out", "X.png"],
    ["plot", "gamma", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--reward", "0,1",
     "--gammas", "1/2", "--out", "X.png"],
    ["plot", "gamma", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--reward", "0,1,2,3,4",
     "--gammas", "3/2", "--out", "X.png"],
    ["plot", "env", "candy", "--out", "X.txt"],
    ["plot", "env", "nowhere", "--out", "X.png"],
    ["plot"],
])
def test_plot_bad_inputs_exit_2_one_line(tmp_path, capsys, argv):
    pytest.importorskip("matplotlib")
    argv = [str(tmp_path / a) if a.startswith("X.") else a for a in argv]
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("orbitproof: error: ")


def test_missing_matplotlib_gives_one_clear_line(monkeypatch, tmp_path, capsys):
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib → ImportError
    from orbitproof.report.plot import pyplot

    with pytest.raises(OrbitproofError, match=r'pip install "orbitproof\[plot\]"'):
        pyplot()
    code, out, err = _run(capsys, "plot", "env", "candy", "--out", str(tmp_path / "c.png"))
    assert code == 2 and len(err.strip().splitlines()) == 1 and 'orbitproof[plot]' in err
    assert not (tmp_path / "c.png").exists()


def test_every_committed_certificate_names_its_environment():
    """Catalog names come from the note when it mentions one (e.g. ``terminal:m=2,n=5:start:...``)."""
    from orbitproof.report.export import export_rows

    files = sorted(str(p) for p in CERTS.rglob("*.json") if p.name != "certificate.schema.json")
    names = {r["environment"] for r in export_rows(files) if r["environment"]}
    assert not [n for n in names if n.endswith("-state environment")], names
    assert {"terminal:m=2,n=5", "terminal:m=1,n=3", "candy", "fig1"} <= names


def test_scaling_claim_fills_the_copies_column(capsys):
    code, out, err = _run(capsys, "export", str(CERTS / "counterexample-candy-gamma-1_2-scaling-2.json"),
                          "--columns", "claim,claim_n,copies_n")
    assert code == 0 and out.splitlines() == ["claim,claim_n,copies_n", "scaling,2,2"]
    code, out, err = _run(capsys, "export", str(CERTS / "counterexample-candy-gamma-1_2-scaling-2.json"),
                          "--format", "latex")
    assert r"wait vs candy & $\gamma = 1/2$ & $62$ & $42$ & $13/20$ & $2$ \\" in out


def test_unknown_export_column_is_one_error_line(capsys):
    code, out, err = _run(capsys, "export", CANDY, "--columns", "b_gt_a,tei")
    assert code == 2 and err.strip() == ("orbitproof: error: unknown column 'tei'; did you mean 'tie'? (columns: "
                                         + ", ".join(__import__("orbitproof.report.export", fromlist=["COLUMNS"]).COLUMNS)
                                         + ")")
