"""docs/cli.md is the current ``--help`` of every command."""

from __future__ import annotations

from pathlib import Path

from orbitproof.cli import cli_reference_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def test_cli_reference_matches_help_output():
    assert DOC.read_text(encoding="utf-8") == cli_reference_markdown(), (
        "docs/cli.md is stale: run `python -m orbitproof.cli --reference > docs/cli.md`"
    )


def test_every_subcommand_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for name in ("show", "options", "count", "copies", "verify", "demo"):
        assert f"## orbitproof {name}" in text
