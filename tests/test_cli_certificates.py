"""``--certificate FILE`` on verdict commands writes certificates the independent verifier accepts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orbitproof.cli import main
from orbitproof.verify import verify_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize(
    "argv, counts",
    [
        (["count", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--reward", "0,1,2,3,4", "--gain"],
         [80, 40, 0, 120]),
        (["count", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--reward", "0,1,2,3,4",
          "--gamma", "1/2"], [62, 42, 16, 120]),
        (["count", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--reward", "1,0,0,0,0",
          "--blackwell"], None),
        (["count", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--reward", "0,1,2,3,4", "--gain",
          "--compare", "is-optimal"], None),
        (["count", "fig1", "--state", "star", "--a", "up", "--b", "left,right", "--reward", "0,1,2,3,4,5,6,7",
          "--gain"], [30492, 9420, 408, 40320]),
        (["count", "--sets", str(EXAMPLES / "candy-half.sets.toml"), "--reward", "0,1,2,3,4"], [62, 42, 16, 120]),
    ],
)
def test_count_certificates_are_accepted_by_the_verifier(tmp_path, capsys, argv, counts):
    cert = tmp_path / "c.json"
    assert main(argv + ["--certificate", str(cert), "--quiet"]) == 0
    code, message = verify_file(str(cert))
    assert code == 0, message
    if counts is not None:
        data = json.loads(cert.read_text())
        got = data["result"]["counts"]
        assert [got["b_gt_a"], got["a_gt_b"], got["tie"], got["orbit_size"]] == counts


def test_a_tampered_count_certificate_is_rejected(tmp_path):
    cert = tmp_path / "c.json"
    main(["count", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--reward", "0,1,2,3,4", "--gain",
          "--certificate", str(cert), "--quiet"])
    data = json.loads(cert.read_text())
    data["result"]["counts"]["b_gt_a"] += 1
    cert.write_text(json.dumps(data, sort_keys=True))
    assert verify_file(str(cert))[0] == 1


@pytest.mark.parametrize(
    "argv, n",
    [
        (["copies", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--gain"], 2),
        (["copies", "terminal:m=2,n=51", "--state", "start", "--a", "die", "--b", "live", "--gain"], 25),
        (["copies", "fig1", "--state", "star", "--a", "left", "--b", "right", "--gain"], 1),
        (["copies", "--sets", str(EXAMPLES / "ghost-apple-cherry.sets.toml")], 2),
    ],
)
def test_copies_certificates_are_accepted_by_the_verifier(tmp_path, capsys, argv, n):
    cert = tmp_path / "k.json"
    assert main(argv + ["--certificate", str(cert)]) == 0
    code, message = verify_file(str(cert))
    assert code == 0, message
    assert json.loads(cert.read_text())["result"]["n"] == n


def test_no_copy_writes_no_certificate_and_says_so(tmp_path, capsys):
    cert = tmp_path / "k.json"
    assert main(["copies", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--gamma", "1/2",
                 "--certificate", str(cert)]) == 0
    assert not cert.exists()
    assert "no certificate written" in capsys.readouterr().err


def test_copies_result_does_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    outs = set()
    for seed in ("0", "1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run(
            [sys.executable, "-m", "orbitproof", "copies", "fig1", "--state", "star", "--a", "left", "--b",
             "right", "--gain", "--json"], capture_output=True, text=True, env=env, check=True, timeout=120)
        outs.add(proc.stdout)
    assert len(outs) == 1
