"""``orbitproof count``: exact orbit counts (docs/math.md §2.1, §4, §7.5, §10).

    orbitproof count ENV --state S --a ACTION --b ACTION --reward R (--gamma G | --gain | --blackwell)
    orbitproof count --sets FILE --reward R
        [--compare max|is-optimal|frac-optimal] [--engine exact|reference] [--jobs N]
        [--max-work N] [--json] [--quiet]

R is comma-separated exact numbers in coordinate order, or ``name=value`` pairs (others 0).
For an environment the choice set C (used by is-optimal / frac-optimal) is the whole F(s) / RSD(s).
A thin shell over :func:`orbitproof.orbits.count_orbit`.
"""

from __future__ import annotations

import argparse
from typing import Any

from .common import (
    add_executor_arguments,
    add_fork_arguments,
    add_max_options_argument,
    int_arg,
    open_executor,
    add_output_arguments,
    add_semantics_arguments,
    print_json,
    semantics_from_args,
)
from ..core.errors import FormatError
from .rulearg import compare_spec
from ..core.exact import format_fraction, parse_vector

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    from ..core.limits import COMPARE_SYNTAX, DEFAULT_MAX_WORK, DEFAULT_REFERENCE_MAX_WORK

    p = subparsers.add_parser(
        "count",
        help="count orbit elements of a reward favouring B over A (exactly)",
        description=("Count exactly, over the distinct elements r' of the orbit S_d·r, how many have "
                     "g(B|r') > g(A|r'), how many <, how many =, and the orbit size."),
    )
    add_fork_arguments(p)
    p.add_argument("--reward", "-r", metavar="R", required=True,
                   help='reward: "0,1,2,3,4" in coordinate order or "candy=1,hug=2" (others 0)')
    add_semantics_arguments(p, required=False)
    p.add_argument("--compare", type=compare_spec, default="max", metavar="RULE",
                   help=f"decision rule g: {COMPARE_SYNTAX} (default max; the others compare g(·|C), "
                        "docs/rules.md)")
    p.add_argument("--nd", action="store_true",
                   help="environment: use the non-dominated options (same maxima; not with frac-optimal)")
    p.add_argument("--engine", choices=["exact", "reference"], default="exact",
                   help="exact (default, fast) or reference (definition-level enumeration)")
    add_executor_arguments(p)
    p.add_argument("--max-work", type=int_arg(1), default=None, metavar="N",
                   help=f"refuse counts whose estimated work exceeds N (default {DEFAULT_MAX_WORK:,} for the "
                        f"exact engine, {DEFAULT_REFERENCE_MAX_WORK:,} for the reference engine: minutes at "
                        "each engine's measured rate)")
    add_max_options_argument(p)
    p.add_argument("--certificate", metavar="FILE",
                   help="also write an orbit-count certificate (checked by `orbitproof verify`)")
    add_output_arguments(p)
    p.set_defaults(func=run)


def _inputs(args: argparse.Namespace) -> dict[str, Any]:
    if args.sets is not None:
        if args.env is not None:
            raise FormatError("give either ENV or --sets FILE, not both")
        extra = [f"--{f}" for f in ("state", "a", "b") if getattr(args, f) is not None]
        if extra or args.gain or args.blackwell or args.gamma is not None or args.nd:
            raise FormatError("--sets FILE takes no --state/--a/--b/--gamma/--gain/--blackwell/--nd")
        from ..core.optionset import load_vector_sets

        vs = load_vector_sets(args.sets)
        return {"A": vs.A, "B": vs.B, "C": vs.C, "sets": vs}
    if args.env is None:
        raise FormatError("give an environment ENV (with --state, --a, --b) or --sets FILE")
    missing = [f"--{f}" for f in ("state", "a", "b") if getattr(args, f) is None]
    if missing:
        raise FormatError(f"count in an environment needs {', '.join(missing)}")
    if args.nd and args.compare not in ("max", "is-optimal"):
        raise FormatError(f"--nd keeps only the maxima; it cannot be used with {args.compare} (max and is-optimal only)")
    semantics = semantics_from_args(args)
    try:
        from ..mdp import option_set, resolve_environment
    except ImportError:
        raise FormatError("environments are not available in this build (orbitproof.mdp is missing); "
                          "use --sets FILE") from None

    env = resolve_environment(args.env)

    def side(actions: str, name: str):
        names = [a.strip() for a in actions.split(",") if a.strip()]
        if not names:
            raise FormatError(f"--{name} needs at least one action")
        if args.compare == "max" and not args.nd and env.is_deterministic:
            # sparse options (no dense rows): unit families then count by their block maxima
            from ..core.sparse import SparseOptionSet
            from ..mdp.sparse import sparse_option_set

            sparse = [sparse_option_set(env, args.state, a, semantics, max_size=args.max_options) for a in names]
            return sparse[0] if len(sparse) == 1 else SparseOptionSet.union(
                sparse, f"{name.upper()} = {'/'.join(names)} at {args.state}")
        sets = [option_set(env, args.state, a, semantics, nd=args.nd, max_size=args.max_options) for a in names]
        from ..core.optionset import OptionSet

        return sets[0] if len(sets) == 1 else OptionSet.union(sets, f"{name.upper()} = {'/'.join(names)} at {args.state}")

    A, B = side(args.a, "a"), side(args.b, "b")
    C = (option_set(env, args.state, None, semantics, nd=args.nd, max_size=args.max_options)
         if args.compare != "max" else None)
    return {"A": A, "B": B, "C": C, "env": env, "semantics": semantics}


def run(args: argparse.Namespace) -> int:
    from ..orbits import count_orbit

    from ..core.progress import Stages, progress_delay

    stages = Stages(2, label="count", quiet=args.quiet, delay=progress_delay(), eta=False)
    with stages.stage("computing the option sets of A and B"):
        inputs = _inputs(args)
    A = inputs["A"]
    reward = parse_vector(args.reward, A.coordinates, field="--reward")
    if len(reward) != A.dimension:
        raise FormatError(f"--reward has {len(reward)} entries but there are {A.dimension} coordinates "
                          f"({', '.join(A.coordinates)})")
    from ..core.limits import DEFAULT_MAX_WORK, DEFAULT_REFERENCE_MAX_WORK

    max_work = args.max_work
    if max_work is None:
        max_work = DEFAULT_REFERENCE_MAX_WORK if args.engine == "reference" else DEFAULT_MAX_WORK
    try:
        with open_executor(args) as (executor, _workers):
            with stages.stage("counting the orbit"):  # count_orbit's own bar (large orbits) takes the line
                result = count_orbit(
                    inputs["A"], inputs["B"], reward, C=inputs["C"], compare=args.compare, engine=args.engine,
                    executor=executor, max_work=max_work, progress=not args.quiet,
                )
    finally:
        stages.close()
    if args.certificate:
        _write_certificate(args, inputs, result)
    if args.json:
        print_json(result.to_dict())
        return 0
    r_text = ", ".join(format_fraction(x) for x in result.reward)
    size = result.orbit_size
    print(f"orbit of r = ({r_text}) under S_{len(result.reward)}: {size} distinct elements")
    for label, n in (("B > A", result.b_gt_a), ("A > B", result.a_gt_b), ("tie  ", result.tie)):
        print(f"  {label} : {n}  ({format_fraction(_frac(n, size))} of the orbit)")
    sem = result.semantics
    print(f"compare: {result.compare}; semantics: {sem if sem is not None else 'vectors as given'}; "
          f"engine: {result.engine}")
    print(f"A: {result.provenance[0]}   B: {result.provenance[1]}"
          + (f"   C: {result.provenance[2]}" if result.provenance[2] else ""))
    return 0


def _write_certificate(args: argparse.Namespace, inputs: dict[str, Any], result: Any) -> None:
    from ..certificates.build import orbit_count_certificate, write_certificate

    if "sets" in inputs:
        cert = orbit_count_certificate(result, sets=inputs["sets"], reward=result.reward, compare=result.compare)
    else:
        cert = orbit_count_certificate(result, environment=inputs["env"], state=args.state, a=args.a, b=args.b,
                                       semantics=inputs["semantics"], reward=result.reward,
                                       compare=result.compare)
    write_certificate(cert, args.certificate)


def _frac(n: int, size: int):
    from fractions import Fraction

    return Fraction(n, size)
