"""The ``orbitproof`` command line: a thin shell over the public API.

Each sub-command group lives in its own module of :mod:`orbitproof.cli` exposing ``register(subparsers)``; this module
only builds the parser and turns every :class:`~orbitproof.core.errors.OrbitproofError` into one line
on stderr and exit code 2 (never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Iterator, Sequence

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
    "orbitproof.cli.retarget",
    "orbitproof.cli.sweep",
    "orbitproof.cli.power",
)


# Exit codes shown at the end of every command's --help (docs/cli.md).
_EXIT_DEFAULT = "exit codes: 0 success; 2 bad input or a refused work limit (one line on stderr)."
_EXIT_CODES = {
    "check": "exit codes: 0 the claim holds or does not apply; 1 a counterexample was found; 2 bad input or a "
             "refused work limit (one line on stderr).",
    "search": "exit codes: 0 no counterexample; 1 some counterexample was found; 2 bad input or a refused "
              "work limit (one line on stderr).",
    "verify": "exit codes: 0 every file valid; 1 some certificate invalid; 2 some file unreadable or bad input.",
    "demo": "exit codes: 0 success; 1 a proven law failed (a checker bug); 2 bad input (one line on stderr).",
}

# A value after an option that starts with "-" and a digit (a negative reward such as
# "-1,0,0,2,3"): argparse would take it for an option and say "expected one argument".
_NEGATIVE_VALUE = re.compile(r"^-(\d|\.\d)")
_CURRENT_ARGV: list[str] = []  # the argv being parsed, for hints in usage errors
_CHOICE_ERROR = re.compile(r"invalid choice: '(?P<word>[^']*)' \(choose from (?P<choices>.*)\)")
_UNRECOGNIZED = re.compile(r"unrecognized arguments: (?P<word>\S+)")


def _all_parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _all_parsers(sub)


def _value_options(parser: argparse.ArgumentParser) -> set[str]:
    """Option strings (in every sub-command) that take exactly one value."""
    out: set[str] = set()
    for p in _all_parsers(parser):
        for action in p._actions:
            if action.option_strings and action.nargs is None and not isinstance(
                    action, (argparse._StoreConstAction, argparse._HelpAction, argparse._VersionAction,
                             argparse._CountAction)):
                out.update(action.option_strings)
    return out


def _join_negative_values(argv: list[str], value_options: set[str]) -> list[str]:
    """``--reward -1,0,2`` → ``--reward=-1,0,2`` for every option that takes one value."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        tok = argv[i]
        if tok == "--":
            out.extend(argv[i:])
            break
        if tok in value_options and i + 1 < len(argv) and _NEGATIVE_VALUE.match(argv[i + 1]):
            out.append(f"{tok}={argv[i + 1]}")
            i += 2
            continue
        out.append(tok)
        i += 1
    return out


class _Parser(argparse.ArgumentParser):
    """argparse that exits with code 2 and one line (its default) on usage errors, with a
    "did you mean" for misspelled choices and options."""

    def error(self, message: str) -> None:  # type: ignore[override]
        from ..core.names import did_you_mean

        message = " ".join(str(message).split())
        if message == "one of the arguments --gamma --gain --blackwell is required":
            from .common import SEMANTICS_MISSING

            message = SEMANTICS_MISSING  # one wording in every command
        m = _CHOICE_ERROR.search(message)
        if m:
            choices = re.findall(r"'([^']*)'", m.group("choices"))
            message += did_you_mean(m.group("word"), choices)
        options = sorted({o for p in _all_parsers(self) for a in p._actions for o in a.option_strings
                          if o.startswith("--")})
        m = _UNRECOGNIZED.search(message)
        if m:
            message += did_you_mean(m.group("word").partition("=")[0], options)
        elif "arguments are required" in message:
            # argparse reports a missing argument before an unknown option: name the likely typo
            unknown = [t.partition("=")[0] for t in _CURRENT_ARGV if t.startswith("--")
                       and t.partition("=")[0] not in options]
            if unknown:
                hint = did_you_mean(unknown[0], options)
                message += f" (unknown option {unknown[0]!r}{': ' + hint.strip(' ()') if hint else ''})"
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
    for name, cmd in sub.choices.items():
        for p in _all_parsers(cmd):
            if not p.epilog:
                p.epilog = _EXIT_CODES.get(name, _EXIT_DEFAULT)
    return parser


def _preflight(args: argparse.Namespace) -> None:
    """Checks that need no work and would otherwise fail at the end of a run: output paths."""
    from ..core.files import check_output_path

    command = getattr(args, "command", None)
    cert = getattr(args, "certificate", None)
    if isinstance(cert, str):
        check_output_path(cert, "--certificate")
    out = getattr(args, "out", None)
    if isinstance(out, str):
        if command in ("demo", "search"):
            check_output_path(out, "--out", folder=True, create=False)
        elif command in ("export", "plot"):
            check_output_path(out, "--out")


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


def _allow_long_output() -> int | None:
    """Let exact results (orbit sizes of thousands of digits) be printed; every input stays under
    its own digit limit (core/exact.py, core/files.py, the verify pre-check).  Returns the previous
    limit (restored when the command ends), or ``None`` when unchanged."""
    from ..core.limits import OUTPUT_MAX_DIGITS

    get = getattr(sys, "get_int_max_str_digits", None)
    if get is not None and 0 < get() < OUTPUT_MAX_DIGITS:
        old = get()
        sys.set_int_max_str_digits(OUTPUT_MAX_DIGITS)
        return old
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    raw = list(sys.argv[1:] if argv is None else argv)
    _CURRENT_ARGV[:] = raw
    args = parser.parse_args(_join_negative_values(raw, _value_options(parser)))
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    previous_digits = _allow_long_output()
    try:
        _preflight(args)
        code = args.func(args)
    except OrbitproofError as exc:
        print(f"orbitproof: error: {exc}", file=sys.stderr)
        return 2
    except RecursionError:
        print("orbitproof: error: the input is nested or recursive beyond Python's recursion limit", file=sys.stderr)
        return 2
    except MemoryError:
        print("orbitproof: error: out of memory; use a smaller input or lower limit", file=sys.stderr)
        return 2
    except ValueError as exc:
        if "integer string conversion" not in str(exc):
            raise
        from ..core.limits import OUTPUT_MAX_DIGITS

        print(f"orbitproof: error: a result has more than {OUTPUT_MAX_DIGITS:,} digits and cannot be printed",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("orbitproof: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        if previous_digits is not None:
            sys.set_int_max_str_digits(previous_digits)
    return int(code or 0)

