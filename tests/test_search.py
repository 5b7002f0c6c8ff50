"""Properties of the instance search: deterministic families, identical output on any executor,
checkpoint/resume without lost or duplicated results (kill -9 included), certificates that verify."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orbitproof.cli import main
from orbitproof.search import load_checkpoint, parse_instance_family, run_search
from orbitproof.verify import verify_file


def _read(out: Path) -> tuple[str, dict]:
    summary = json.loads((out / "summary.json").read_text())
    return (out / "results.jsonl").read_text(), summary


@pytest.mark.parametrize("family", ["units:max_d=4", "units-shared:max_d=4", "units-extra:max_d=4", "blocks:max_d=6",
                                    "vectors:d=2,values=1", "vectors-random:d=3,count=5", "d13:d=4,count=5",
                                    "mdp:states=3", "mdp-random:states=4,count=3", "catalog:semantics=gain;1/2"])
def test_families_are_deterministic_and_buildable(family):
    from orbitproof.claims import instance_from_spec

    fam = parse_instance_family(family)
    a, b = fam.specs(), fam.specs()
    assert a == b and a
    for spec in a[:5]:
        instance_from_spec(spec)


def test_mdp_family_is_up_to_isomorphism():
    specs = parse_instance_family("mdp:states=3").specs()
    envs = {json.dumps(s["source"]["environment"], sort_keys=True) for s in specs}
    # 3 states, s0 with two successors, all reachable, ≤ 2 successors elsewhere, up to swapping s1, s2
    assert len(envs) == len(specs) // 2


def test_serial_and_process_pool_give_identical_output(tmp_path, process_pool):
    r1 = run_search("F9", "units:max_d=5", out=tmp_path / "a", stop_after=0)
    r2 = run_search("F9", "units:max_d=5", out=tmp_path / "b", stop_after=0, executor=process_pool, chunk=2,
                    workers_hint=2)
    assert _read(tmp_path / "a") == _read(tmp_path / "b")
    assert r1.summary["counterexamples"] and r1.summary["counterexamples"] == r2.summary["counterexamples"]
    for c in r1.summary["certificates"]:
        assert verify_file(str(tmp_path / "a" / c))[0] == 0


def test_stop_after_truncates_at_the_kth_counterexample_in_instance_order(tmp_path, process_pool):
    a = run_search("F9", "units:max_d=5", out=tmp_path / "a", stop_after=2)
    b = run_search("F9", "units:max_d=5", out=tmp_path / "b", stop_after=2, executor=process_pool, chunk=1,
                   workers_hint=2)
    assert len(a.summary["counterexamples"]) == 2
    assert a.summary["stopped_at"] == a.summary["counterexamples"][-1]
    assert _read(tmp_path / "a") == _read(tmp_path / "b")


def test_resume_after_a_torn_checkpoint_line(tmp_path):
    full = run_search("S1", "units:max_d=5", out=tmp_path / "full", stop_after=0)
    part = tmp_path / "part"
    run_search("S1", "units:max_d=5", out=part, stop_after=0)
    lines = (part / "done.jsonl").read_text().splitlines(keepends=True)
    # keep 7 finished lines plus half of the 8th (as if killed mid-write); drop the outputs
    (part / "done.jsonl").write_text("".join(lines[:7]) + lines[7][: len(lines[7]) // 2])
    (part / "results.jsonl").unlink()
    assert len(load_checkpoint(part / "done.jsonl")) == 7
    run_search("S1", "units:max_d=5", out=part, stop_after=0, resume=True)
    assert _read(part) == _read(tmp_path / "full")
    idx = [json.loads(x)["i"] for x in (part / "done.jsonl").read_text().splitlines()]
    assert sorted(idx) == list(range(full.total)) and len(idx) == len(set(idx))


def test_existing_directory_needs_resume_and_same_arguments(tmp_path):
    run_search("F1", "units:max_d=3", out=tmp_path / "o", stop_after=0)
    with pytest.raises(Exception, match="--resume"):
        run_search("F1", "units:max_d=3", out=tmp_path / "o", stop_after=0)
    with pytest.raises(Exception, match="different search"):
        run_search("F9", "units:max_d=3", out=tmp_path / "o", stop_after=0, resume=True)


def test_kill_minus_nine_then_resume_gives_the_uninterrupted_output(tmp_path):
    args = ["search", "F6", "--family", "d13:d=5,count=150,seed=3,closed=1", "--rewards", "grid:2",
            "--stop-after", "0", "--chunk", "1", "--quiet", "--min-m", "2"]
    ref = tmp_path / "ref"
    assert main(args + ["--out", str(ref)]) in (0, 1)
    out = tmp_path / "killed"
    proc = subprocess.Popen([sys.executable, "-m", "orbitproof", *args, "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ck = out / "done.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if ck.exists() and ck.read_bytes().count(b"\n") >= 20:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    n_before = ck.read_bytes().count(b"\n")
    assert n_before > 0
    if n_before < 150:  # killed mid-run (the usual case): no final output yet
        assert not (out / "results.jsonl").exists()
    assert main(args + ["--out", str(out), "--resume"]) in (0, 1)
    assert _read(out) == _read(ref)


def test_search_cli_reports_and_certifies(tmp_path, capsys):
    code = main(["search", "F9", "--family", "units:max_d=4", "--out", str(tmp_path / "s"), "--quiet"])
    assert code == 1
    text = capsys.readouterr().out
    assert "counterexamples at" in text
    certs = list((tmp_path / "s" / "certificates").glob("*.json"))
    assert len(certs) == 1 and verify_file(str(certs[0]))[0] == 0


def test_check_cli_exit_codes_and_one_line_errors(tmp_path, capsys):
    assert main(["check", "F10", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--gamma", "1/2",
                 "--reward", "1,1,0,0,0", "--certificate", str(tmp_path / "c.json")]) == 1
    assert verify_file(str(tmp_path / "c.json"))[0] == 0
    assert main(["check", "scaling", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--gain",
                 "--compare", "is-optimal"]) == 0
    out = capsys.readouterr().out
    assert "status: proved" in out and "complete: True" in out
    assert main(["check", "nope", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--gain"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown claim" in err
    assert main(["check", "F1", "candy", "--state", "start", "--gain"]) == 2


def test_check_cli_json_has_no_floats(capsys):
    assert main(["check", "F1", "terminal:m=2,n=3", "--state", "start", "--a", "die", "--b", "live", "--gain",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out, parse_float=lambda s: pytest.fail(f"float {s}"))
    assert data["status"] == "proved" and data["x"] == "3/2"


@pytest.mark.slow
def test_dask_executor_gives_identical_output(tmp_path, dask_client):
    a = run_search("F7", "vectors:d=2,values=2,simplex=1", rewards="grid:2", out=tmp_path / "a", stop_after=0)
    b = run_search("F7", "vectors:d=2,values=2,simplex=1", rewards="grid:2", out=tmp_path / "b", stop_after=0,
                   executor=dask_client.get_executor(), chunk=3, workers_hint=1)
    assert _read(tmp_path / "a") == _read(tmp_path / "b")
    assert a.summary == {**b.summary}
    addr = dask_client.scheduler.address
    assert main(["search", "F7", "--family", "vectors:d=2,values=2,simplex=1", "--rewards", "grid:2",
                 "--stop-after", "0", "--out", str(tmp_path / "c"), "--dask", addr, "--quiet"]) in (0, 1)
    assert _read(tmp_path / "a") == _read(tmp_path / "c")


def test_check_cli_on_a_vector_set_file_certifies_the_reversed_reading(tmp_path, capsys):
    f = tmp_path / "sets.json"
    f.write_text(json.dumps({"coordinates": ["a1", "a2", "b"], "A": [[1, 0, 0], [0, 1, 0]], "B": [[0, 0, 1]]}))
    cert = tmp_path / "cex.json"
    assert main(["check", "F9", "--sets", str(f), "--family", "grid:2", "--certificate", str(cert)]) == 1
    assert "status: fails" in capsys.readouterr().out
    assert verify_file(str(cert))[0] == 0
    assert main(["check", "F1", "--sets", str(f)]) == 0
    assert "hypotheses-not-met" in capsys.readouterr().out
