"""``orbitproof copies``: find involutions showing "B contains n copies of A" (docs/math.md §3).

    orbitproof copies ENV --state S --a ACTION --b ACTION (--gamma G | --gain | --blackwell) [--json]
    orbitproof copies --sets FILE [--json]

Convention: ``--b`` is the larger (power-seeking) side; copies of A inside B.  ``--a``/``--b`` may
list several actions separated by commas (their option sets are united).  A thin shell over
:func:`orbitproof.symmetry.find_copies`.
"""

from __future__ import annotations

import argparse

from .common import (
    int_arg,
    add_fork_arguments,
    add_max_options_argument,
    add_output_arguments,
    add_semantics_arguments,
    print_json,
    semantics_from_args,
)
from ..core.errors import FormatError
from ..core.limits import MAX_CANDIDATES_CAP

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "copies",
        help='find involutions showing "B contains n copies of A"',
        description=('Find involutions φ_1..φ_n with φ_i·A ⊆ B and φ_i·B_j = B_j (P22 Def A.7), as many as '
                     'possible, and report which extra hypotheses hold. --b is the larger side.'),
    )
    add_fork_arguments(p)
    add_semantics_arguments(p, required=False)
    p.add_argument("--nd", action="store_true", help="copy ND(A) (with an environment: use RSD_nd / F_nd)")
    p.add_argument("--superset", action="store_true", help="allow superset copies (P22 Def B.8)")
    p.add_argument("--disjoint", action="store_true", help="require pairwise disjoint copies")
    p.add_argument("--require-c-invariant", action="store_true",
                   help="use only involutions with φ·C = C")
    p.add_argument("--max-candidates", type=int_arg(1, MAX_CANDIDATES_CAP), default=300, metavar="N",
                   help="exact search up to N coordinate maps (default 300), greedy beyond")
    add_max_options_argument(p)
    p.add_argument("--certificate", metavar="FILE",
                   help="also write a copies certificate (checked by `orbitproof verify`)")
    add_output_arguments(p)
    p.set_defaults(func=run)


def _inputs(args: argparse.Namespace) -> dict:
    if args.sets is not None:
        if args.env is not None:
            raise FormatError("give either ENV or --sets FILE, not both")
        extra = [f for f in ("state", "a", "b") if getattr(args, f) is not None]
        if extra or args.gain or args.blackwell or args.gamma is not None:
            raise FormatError("--sets FILE takes no --state/--a/--b/--gamma/--gain/--blackwell")
        from ..core.optionset import load_vector_sets

        vs = load_vector_sets(args.sets)
        return {"A": vs.A, "B": vs.B, "C": vs.C}  # the certificate re-reads args.sets
    if args.env is None:
        raise FormatError("give an environment ENV (with --state, --a, --b) or --sets FILE")
    missing = [f"--{f}" for f in ("state", "a", "b") if getattr(args, f) is None]
    if missing:
        raise FormatError(f"copies in an environment needs {', '.join(missing)}")
    semantics = semantics_from_args(args)
    from ..mdp import resolve_environment

    env = resolve_environment(args.env)
    return {"env": env, "state": args.state, "a": args.a, "b": args.b, "semantics": semantics}


def run(args: argparse.Namespace) -> int:
    from ..symmetry import find_copies

    from ..core.progress import stage

    inputs = _inputs(args)
    with stage("option sets and involutions", label="copies", quiet=args.quiet):
        result = find_copies(
            **inputs, nd=args.nd, superset=args.superset, disjoint=args.disjoint,
            require=("c_invariant",) if args.require_c_invariant else (),
            max_candidates=args.max_candidates, max_options=args.max_options,
        )
    if args.certificate:
        if result.n:
            _write_certificate(args, inputs, result)
        else:  # "no copy" / the degenerate case have no involution certificate in format 1
            import sys

            print(f"orbitproof: note: no certificate written to {args.certificate} "
                  f"({'n = 0' if result.n == 0 else 'degenerate A ⊆ B'})", file=sys.stderr)
    if args.json:
        out = result.to_dict()
        out["hypotheses_holding"] = sorted(k for k, v in result.hypotheses.items() if v)
        print_json(out)
        return 0
    print(_text(result))
    return 0


def _write_certificate(args: argparse.Namespace, inputs: dict, result) -> None:
    from ..certificates.build import copies_certificate, write_certificate

    if args.sets is not None:
        from ..core.optionset import load_vector_sets

        cert = copies_certificate(result, sets=load_vector_sets(args.sets))
    else:
        cert = copies_certificate(result, environment=inputs["env"], state=args.state, a=args.a, b=args.b,
                                  semantics=inputs["semantics"])
    write_certificate(cert, args.certificate)


def _text(result) -> str:
    lines = []
    if result.n is None:
        lines.append(f"n = unbounded (degenerate): {result.reason}")
        return "\n".join(lines)
    if result.n == 0:
        lines.append(f"no copy of A in B: {result.reason}")
        return "\n".join(lines)
    if result.maximal:
        scope = ("no larger family of involutions exists" if result.maximal_scope == "all involutions"
                 else "no larger family among the candidate involutions")
        flag = f"maximal: {scope}"
    else:
        bound = f"; upper bound {result.upper_bound}" if result.upper_bound is not None else ""
        flag = f"not proven maximal{bound}"
    lines.append(f"B contains n = {result.n} cop{'y' if result.n == 1 else 'ies'} of "
                 f"{'ND(A)' if result.nd else 'A'} ({flag})")
    for i, pairs in enumerate(result.involution_names(), 1):
        body = "".join(f"({x} {y})" for x, y in pairs) or "id"
        lines.append(f"  φ{i} = {body}")
    yes = [k for k, v in result.hypotheses.items() if v is True]
    no = [k for k, v in result.hypotheses.items() if v is False]
    lines.append(f"holds: {', '.join(yes) or '-'}")
    if no:
        lines.append(f"fails: {', '.join(no)}")
    lines.append(f"method: {result.method}")
    return "\n".join(lines)
