"""``orbitproof verify FILE...``: check certificates with the independent verifier.

Exit status: 0 every file valid, 1 some certificate invalid (the first reason is printed), 2 some
file unreadable (missing, not UTF-8, not JSON).  Exactly what ``python -m orbitproof.verify FILE...``
does: this command is a thin shell over :mod:`orbitproof.verify`, which uses the standard library
only and imports nothing else from orbitproof.
"""

from __future__ import annotations

import argparse
import json
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


def run(args: argparse.Namespace) -> int:
    from .. import verify

    worst = 0
    for path in args.files:
        code, msg = verify.verify_file(path)
        worst = max(worst, code)
        status = ("valid", "invalid", "unreadable")[code]
        if args.json:
            print(json.dumps({"file": path, "status": status, "exit": code, "message": msg}, sort_keys=True))
        elif code == 0:
            if not args.quiet:
                print(f"{path}: valid: {msg}")
        else:
            print(f"{path}: {status}: {msg}", file=sys.stderr)
    return worst
