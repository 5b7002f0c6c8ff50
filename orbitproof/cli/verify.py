"""``orbitproof verify FILE...``: check certificates with the independent verifier.

Exit status: 0 every file valid, 1 some certificate invalid (the first reason is printed), 2 some
file unreadable (missing, not UTF-8, not JSON).  Exactly what ``python -m orbitproof.verify FILE...``
does: this command is a thin shell over :mod:`orbitproof.verify`, which uses the standard library
only and imports nothing else from orbitproof.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "verify",
        help="check certificates independently (standard library only)",
        description=("Re-check orbitproof certificates without trusting the solver: option sets are "
                     "re-derived from the embedded environment, counts recomputed (brute force or class "
                     "evidence), witnesses and involutions checked.  Exit 0 valid, 1 invalid, 2 unreadable."),
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="certificate files (JSON)")
    p.add_argument("--json", action="store_true", help="print one JSON object per file")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing for valid files")
    p.set_defaults(func=run)


# Python refuses int/str conversions of more digits than sys.get_int_max_str_digits() (4,300 by
# default; the CLI raises it to core.limits.OUTPUT_MAX_DIGITS); a certificate holding a longer number
# cannot be read, so it is "unreadable" (exit 2) with one clear line.
def _int_digit_limit() -> int:
    get = getattr(sys, "get_int_max_str_digits", None)
    return (get() or 0) if get is not None else 0


def precheck_certificate(path: str) -> tuple[int, str]:
    """(2, reason) when the file cannot be read or holds a number the verifier cannot convert."""
    from ..core.errors import OrbitproofError
    from ..core.files import read_text

    try:
        text = read_text(path, "certificate")
    except OrbitproofError as exc:
        return 2, str(exc)
    limit = _int_digit_limit()
    m = re.search("[0-9]{%d,}" % (limit + 1), text) if limit else None
    if m:
        n = len(re.match("[0-9]+", text[m.start():]).group(0))  # type: ignore[union-attr]
        return 2, (f"a number with {n:,} digits (line {text.count(chr(10), 0, m.start()) + 1}) exceeds the "
                   f"{limit:,}-digit limit of Python's integer conversion")
    return 0, ""


def run(args: argparse.Namespace) -> int:
    from .. import verify

    worst = 0
    for path in args.files:
        code, msg = precheck_certificate(path)
        if code == 0:
            code, msg = verify.verify_file(path)
        worst = max(worst, code)
        status = ("valid", "invalid", "unreadable")[code]
        if len(msg) > 400:  # a reason quoting a huge value stays one readable line
            msg = msg[:400] + f"… ({len(msg):,} characters)"
        if args.json:
            print(json.dumps({"file": path, "status": status, "exit": code, "message": msg}, sort_keys=True))
        elif code == 0:
            if not args.quiet:
                print(f"{path}: valid: {msg}")
        else:
            print(f"{path}: {status}: {msg}", file=sys.stderr)
    return worst
