"""The ``orbitproof`` command line: :mod:`.main` builds the parser, :mod:`.common` holds the shared
argument helpers, and each other module registers one group of sub-commands."""

from __future__ import annotations

from .main import build_parser, cli_reference_markdown, main

__all__ = ["main", "build_parser", "cli_reference_markdown"]
