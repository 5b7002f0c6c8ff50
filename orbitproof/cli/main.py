"""The ``orbitproof`` command line: a thin shell over the public API.

Each sub-command group lives in its own module of :mod:`orbitproof.cli` exposing ``register(subparsers)``; this module
only builds the parser and turns every :class:`~orbitproof.core.errors.OrbitproofError` into one line
on stderr and exit code 2 (never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__
from ..core.errors import OrbitproofError

__all__ = ["main", "build_parser"]

# Modules that contribute sub-commands, in the order they appear in --help.
_COMMAND_MODULES = (
    "orbitproof.cli.mdp",
    "orbitproof.cli.count",
    "orbitproof.cli.copies",
    "orbitproof.cli.verify",
    "orbitproof.cli.demo",
    "orbitproof.cli.claims",
    "orbitproof.cli.export",
    "orbitproof.cli.power",
)


class _Parser(argparse.ArgumentParser):
    """argparse that exits with code 2 and one line (its default) on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"orbitproof: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="orbitproof",
        description="Exact checks of power-seeking theorems and conjectures in finite MDPs.",
    )
    parser.add_argument("--version", action="version", version=f"orbitproof {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # sub-command not built yet
                continue
            raise
        module.register(sub)
    return parser


def cli_reference_markdown(width: int = 100) -> str:
    """The CLI reference (docs/cli.md): ``--help`` of the program and of every sub-command.

    Regenerate with ``python -m orbitproof.cli --reference > docs/cli.md``; a test keeps the file
    in sync with the parser.
    """
    import os

    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        parser = build_parser()
        parts = [
            "# Command-line reference",
            "",
            "Generated from `--help` by `python -m orbitproof.cli --reference > docs/cli.md`"
            " (a test checks that this file is current). Errors in any command print one line"
            " `orbitproof: error: ...` on stderr and exit with code 2.",
            "",
            "## orbitproof",
            "",
            "```text",
            parser.format_help().rstrip(),
            "```",
        ]
        sub_actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        for action in sub_actions:
            for name, sub in action.choices.items():
                parts += ["", f"## orbitproof {name}", "", "```text", sub.format_help().rstrip(), "```"]
        return "\n".join(parts) + "\n"
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        code = args.func(args)
    except OrbitproofError as exc:
        print(f"orbitproof: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("orbitproof: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return int(code or 0)

