"""Every committed certificate under certificates/ is valid for the independent verifier (CI runs
this), the schema copy matches the packaged schema, and the generator reproduces the files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CERTS = ROOT / "certificates"
SCHEMA = "certificate.schema.json"
FILES = sorted(p for p in CERTS.rglob("*.json") if p.name != SCHEMA)


def test_the_directory_holds_the_seed_examples():
    names = {p.stem for p in FILES}
    for required in ("candy-gain-r01234", "candy-gain-r10000", "candy-gamma-1_2-r01234", "candy-gamma-1_2-r10000",
                     "copies-candy-gain", "copies-terminal-2-51-gain", "copies-fig1-gain-right-vs-left",
                     "fig1-gain-right-vs-up-r01234567", "fig1-gain-right-vs-left-r01234567",
                     "fig1-gain-left-vs-up-r01234567", "terminal-2-51-gain-one-1"):
        assert required in names


def test_every_certificate_file_is_valid_for_the_independent_verifier():
    out = subprocess.run([sys.executable, "-m", "orbitproof.verify", *map(str, FILES)],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count(": valid: ") == len(FILES)


def test_seed_counts_are_the_certified_ones():
    def counts(name):
        c = json.loads((CERTS / f"{name}.json").read_text())["result"]["counts"]
        return (c["b_gt_a"], c["a_gt_b"], c["tie"], c["orbit_size"])

    assert counts("candy-gain-r01234") == (80, 40, 0, 120)
    assert counts("candy-gain-r10000") == (2, 1, 2, 5)
    assert counts("candy-gamma-1_2-r01234") == (62, 42, 16, 120)
    assert counts("candy-gamma-1_2-r10000") == (3, 1, 1, 5)


def test_files_are_in_canonical_form():
    from orbitproof.certificates.build import canonical_json

    for p in FILES:
        text = p.read_text(encoding="ascii")
        assert canonical_json(json.loads(text)) == text, p.name


def test_schema_copy_equals_the_packaged_schema_and_accepts_every_certificate():
    packaged = ROOT / "orbitproof" / "data" / SCHEMA
    assert (CERTS / SCHEMA).read_bytes() == packaged.read_bytes()
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(packaged.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for p in FILES:
        errors = list(validator.iter_errors(json.loads(p.read_text())))
        assert not errors, (p.name, errors[0].message)


@pytest.mark.slow
def test_generator_regenerates_every_file_byte_identically():
    out = subprocess.run([sys.executable, str(CERTS / "generate.py"), "--check"], capture_output=True, text=True,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr
