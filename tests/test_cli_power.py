"""The power, optprob and power-seeking commands: exact output, labelled estimates, one-line errors."""

import json

import pytest

from orbitproof.cli.main import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_power_prints_exact_values_for_every_state(capsys):
    code, out, _ = run(capsys, "power", "candy", "--gamma", "1/2")
    assert code == 0 and "start      11/16" in out and "wait       2/3" in out


def test_power_json_has_exact_strings(capsys):
    code, out, _ = run(capsys, "power", "fig1", "--state", "l_down", "--gamma", "1/2", "--json")
    assert code == 0 and json.loads(out)["power"] == {"l_down": "11/18"}


def test_optprob_candy_wait(capsys):
    code, out, _ = run(capsys, "optprob", "candy", "--state", "start", "--gamma", "9/10", "--action", "wait")
    assert code == 0 and "wait  13/20" in out


def test_power_seeking_reports_the_exact_difference(capsys):
    code, out, _ = run(capsys, "power-seeking", "candy", "--state", "start", "--gain", "--json")
    data = json.loads(out)
    assert code == 0 and data["differences"]["wait - candy"] == "1/6"


def test_estimate_is_labelled_as_an_estimate(capsys):
    code, out, _ = run(capsys, "power", "candy", "--state", "start", "--gamma", "1/2", "--estimate",
                       "--samples", "2000")
    assert code == 0 and "not exact" in out and "estimate" in out


@pytest.mark.parametrize("argv,needle", [
    (["power", "candy", "--gamma", "1/2", "--dist", "bernoulli:3/2"], "outside [0, 1]"),
    (["power", "candy", "--gamma", "1/2", "--dist", "values:0,1@1/2,1/3"], "not 1"),
    (["power", "candy", "--gamma", "1/2", "--dist", "gauss"], "unknown distribution"),
    (["power", "candy", "--gamma", "1/2", "--max-work", "3"], "--max-work"),
    (["power", "candy", "--state", "nowhere", "--gamma", "1/2"], "nowhere"),
    (["optprob", "candy", "--state", "start", "--gamma", "0"], "gamma in (0, 1)"),
    (["optprob", "--sets", "no-such.sets.toml", "--estimate", "--certificate", "x.json"], "drop --estimate"),
])
def test_errors_are_one_line_with_exit_code_2(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2 and needle in err and err.count("\n") == 1 and err.startswith("orbitproof: error:")


def test_heatmap_writes_a_figure_and_the_exact_csv(capsys, tmp_path):
    out = tmp_path / "h.png"
    code, _, _ = run(capsys, "power", "gridworld:w=2,h=2", "--gain", "--heatmap", str(out))
    assert code == 0 and out.stat().st_size > 0
    rows = out.with_suffix(".csv").read_text().splitlines()
    assert rows[0] == "state,x,y,power" and rows[1] == "c0_0,0,0,4/5"


def test_heatmap_refuses_non_gridworlds(capsys, tmp_path):
    code, _, err = run(capsys, "power", "candy", "--gain", "--heatmap", str(tmp_path / "h.png"))
    assert code == 2 and "gridworld" in err


def test_optprob_on_vector_sets_gives_the_unit_order_statistics(capsys):
    code, out, _ = run(capsys, "optprob", "--sets", "examples/units-2-3.sets.toml", "--json")
    data = json.loads(out)
    assert code == 0 and (data["p_A_ge_B"], data["p_B_ge_A"]) == ("2/5", "3/5")


def test_optprob_needs_an_environment_or_sets(capsys):
    code, _, err = run(capsys, "optprob", "candy", "--gain")
    assert code == 2 and "--sets FILE" in err


def test_optprob_and_power_seeking_write_certificates_that_verify(capsys, tmp_path):
    from orbitproof import verify
    a, b = tmp_path / "o.json", tmp_path / "s.json"
    assert run(capsys, "optprob", "candy", "--state", "start", "--gamma", "1/2", "--action", "wait",
               "--certificate", str(a))[0] == 0
    assert run(capsys, "power-seeking", "candy", "--state", "start", "--gain", "--certificate", str(b))[0] == 0
    assert verify.verify_file(str(a))[0] == 0 and verify.verify_file(str(b))[0] == 0
