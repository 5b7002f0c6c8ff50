"""``orbitproof sweep``: exact orbit counts as a piecewise-constant function of γ (docs/math.md §13.1).

    orbitproof sweep ENV --state S --a A --b B (--reward R | --mixture MIX) [--compare RULE] [--at G] [--json]
        [--certificate F] [--plot F] [--digits K] [--max-work N]

Lists every breakpoint in (0, 1) (rational, or minimal polynomial + isolating interval + decimal),
the counts (B>A, A>B, tie, |orbit|) on every open interval and at every breakpoint, the limits
γ → 0+ and γ → 1−, and the Blackwell counts.  A thin shell over :func:`orbitproof.orbits.sweep.sweep`.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..core.errors import FormatError, SemanticsError
from ..core.exact import format_fraction, parse_vector, to_fraction
from .common import print_json

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    from ..core.limits import COMPARE_SYNTAX
    from .rulearg import compare_spec

    p = subparsers.add_parser(
        "sweep",
        help="exact orbit counts for every discount γ in (0, 1): breakpoints and pieces",
        description=("Sweep γ over (0, 1) exactly: every breakpoint where some orbit element's comparison "
                     "changes or ties (rational, or minimal polynomial + isolating interval), and the "
                     "counts (B>A, A>B, tie, |orbit|) on every open interval and at every breakpoint."),
    )
    p.add_argument("env", nargs="?", metavar="ENV", help='environment: catalog name (e.g. candy, fig1) or file')
    p.add_argument("--sets", metavar="FILE", help=argparse.SUPPRESS)
    p.add_argument("--state", metavar="S", required=False, help="the state where the two sides fork")
    p.add_argument("--a", metavar="ACTION", help="side A: action(s) at S, comma-separated")
    p.add_argument("--b", metavar="ACTION", help="side B: action(s) at S, comma-separated")
    p.add_argument("--reward", "-r", metavar="R", required=False,
                   help='reward: "0,1,2,3,4" in state order or "candy=1,hug=2" (others 0)')
    p.add_argument("--mixture", "-m", metavar="MIX", default=None,
                   help='instead of --reward: a finite mixture of point masses, "1/2:1,0,0;1/2:0,1,0" '
                        "(WEIGHT:REWARD components separated by \";\")")
    p.add_argument("--compare", type=compare_spec, default="max", metavar="RULE",
                   help=f"decision rule: {COMPARE_SYNTAX} (default max; boltzmann is refused: its "
                        "breakpoints are not algebraic)")
    p.add_argument("--gain", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--gamma", metavar="G", help=argparse.SUPPRESS)
    p.add_argument("--at", metavar="G", help="also print the counts at one exact γ in (0, 1) and its piece")
    p.add_argument("--holds", metavar="FORM:X", help="also print the exact set of γ where a claim form holds: "
                   "ratio:X (#(B>A) ≥ X·#(A>B)), weak:X or strict:X (fractions X/(X+1) of the orbit)")
    p.add_argument("--digits", type=int, default=12, metavar="K", help="decimal places shown for breakpoints (default 12)")
    p.add_argument("--max-work", type=int, default=None, metavar="N",
                   help="refuse sweeps that would enumerate more than N difference polynomials (default 20,000,000)")
    p.add_argument("--max-count-work", type=int, default=None, metavar="N",
                   help="refuse sweeps whose counting work (orbit classes × relevant option pairs, or pieces × "
                        "class evaluations when pieces are counted one by one) exceeds N (default 2,000,000,000)")
    p.add_argument("--certificate", metavar="FILE", help="write a gamma-sweep certificate (checked by `orbitproof verify`)")
    p.add_argument("--plot", metavar="FILE", help="plot counts against γ with the breakpoints marked (PNG/SVG/PDF) "
                   "and write the data next to it as FILE.csv")
    p.add_argument("--fractions", action="store_true", help="plot fractions of the orbit instead of counts")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..mdp import resolve_environment
    from ..orbits.sweep import DEFAULT_SWEEP_WORK, gamma_sweep as sweep

    if args.sets is not None:
        raise FormatError("sweep needs an environment: vector sets from --sets do not depend on γ")
    if args.gain:
        raise SemanticsError("sweep varies γ over (0, 1); gain optimality has no γ (use `count --gain`)")
    if args.gamma is not None:
        raise FormatError("sweep covers every γ in (0, 1); use --at G for the counts at one γ")
    if args.env is None:
        raise FormatError("give an environment ENV with --state, --a and --b")
    missing = [f"--{f}" for f in ("state", "a", "b") if getattr(args, f) is None]
    if missing:
        raise FormatError(f"sweep needs {', '.join(missing)}")
    if args.digits < 1 or args.digits > 1000:
        raise FormatError("--digits must be between 1 and 1000")
    at = None
    if args.at is not None:
        at = to_fraction(args.at, "--at")
        if not 0 < at < 1:
            raise SemanticsError(f"--at must satisfy 0 < γ < 1, got {format_fraction(at)}")
    predicate = None
    if args.holds is not None:
        from ..orbits.sweep import law_predicate

        predicate = law_predicate(args.holds)
    env = resolve_environment(args.env)
    if (args.reward is None) == (args.mixture is None):
        raise FormatError("give one of --reward R and --mixture MIX")
    from ..core.limits import DEFAULT_SWEEP_COUNT_WORK

    if args.max_count_work is not None and args.max_count_work < 1:
        raise FormatError("--max-count-work must be a positive integer")
    if args.mixture is not None:
        from ..orbits.mixtures import parse_mixture
        from ..orbits.sweep_rules import mixture_sweep

        if args.certificate:
            raise FormatError("--certificate: the gamma-sweep verifier re-checks point rewards only, not mixtures")
        mixture = parse_mixture(args.mixture, len(env.states), env.states)
        result = mixture_sweep(env, args.state, args.a, args.b, mixture, compare=args.compare,
                               max_work=args.max_work, progress=not args.quiet)
    else:
        reward = parse_vector(args.reward, env.states, field="--reward")
        if len(reward) != len(env.states):
            raise FormatError(f"--reward has {len(reward)} entries but {env.name!r} has {len(env.states)} states "
                              f"({', '.join(env.states)})")
        result = sweep(env, args.state, args.a, args.b, reward, compare=args.compare,
                       max_work=args.max_work if args.max_work is not None else DEFAULT_SWEEP_WORK,
                       max_count_work=(args.max_count_work if args.max_count_work is not None
                                       else DEFAULT_SWEEP_COUNT_WORK),
                       progress=not args.quiet)
    if args.certificate:
        from ..certificates.sweep import sweep_certificate
        from ..certificates.build import write_certificate

        write_certificate(sweep_certificate(result), args.certificate)
    if args.plot:
        from ..report.sweep_plot import plot_sweep

        plot_sweep(result, args.plot, fractions=args.fractions, digits=args.digits)
    if args.json:
        data = result.to_dict(args.digits)
        if result.stats.get("mixture") is not None:
            from ..orbits.mixtures import mixture_to_json

            data["reward"] = None
            data["mixture"] = mixture_to_json(result.stats["mixture"])
        if at is not None:
            data["at"] = {"gamma": format_fraction(at), "counts": list(result.counts_at(at))}
        if predicate is not None:
            from ..orbits.sweep import format_set

            data["holds"] = {"form": args.holds, "set": format_set(result.where(predicate))}
        print_json(data)
        return 0
    _print_text(result, args, at)
    if predicate is not None:
        from ..orbits.sweep import format_set

        print(f"{args.holds} holds for γ ∈ {format_set(result.where(predicate))}")
    return 0


def _fmt(c: tuple[int, int, int, int]) -> str:
    return f"({c[0]}, {c[1]}, {c[2]}, {c[3]})"


def _print_text(result: Any, args: argparse.Namespace, at: Any) -> None:
    p = result.problem
    r_text = "reward r = (" + ", ".join(format_fraction(x) for x in p.reward) + ")"
    if result.stats.get("mixture") is not None:
        r_text = "mixture D = " + " + ".join(
            f"{format_fraction(w)}·δ(" + ", ".join(format_fraction(x) for x in r) + ")" for w, r in result.stats["mixture"])
    print(f"sweep of γ over (0, 1): {p.environment.name}, state {p.state}, A = {'/'.join(p.a)}, "
          f"B = {'/'.join(p.b)}, compare {p.rule.name}")
    print(f"{r_text}; counts are (B>A, A>B, tie, |orbit|)")
    print(f"{result.polynomial_total} distinct difference polynomials; {len(result.breakpoints)} breakpoints "
          f"({sum(1 for b in result.breakpoints if not b.is_rational)} irrational); the counts change at "
          f"{sum(result.changes())} of them")
    for piece in result.pieces:
        if piece.kind == "interval":
            lo = "0" if piece.lo is None else piece.lo.decimal(args.digits)
            hi = "1" if piece.hi is None else piece.hi.decimal(args.digits)
            print(f"  ({lo}, {hi})  {_fmt(piece.counts)}   [e.g. γ = {format_fraction(piece.sample)}]")
        else:
            bp = piece.point
            exact = format_fraction(bp.value) if bp.is_rational else str(bp)
            print(f"  γ = {bp.decimal(args.digits)}  {_fmt(piece.counts)}   [{exact}]")
    print(f"limit γ → 0+: {_fmt(result.limit_at_0)}")
    if result.blackwell is None:  # mixtures and absolute-value rules (satisfice) have no Blackwell counts
        print(f"limit γ → 1−: {_fmt(result.limit_at_1)}; Blackwell: not computed for this rule / mixture")
    else:
        print(f"limit γ → 1−: {_fmt(result.limit_at_1)}; Blackwell: {_fmt(result.blackwell)} "
              f"({'equal' if result.blackwell == result.limit_at_1 else 'DIFFERENT'})")
    if at is not None:
        print(f"at γ = {format_fraction(at)}: {_fmt(result.counts_at(at))}")
