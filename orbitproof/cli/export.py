"""``orbitproof export`` (certificates → CSV / LaTeX / JSON) and ``orbitproof plot`` (figures + CSV).

    orbitproof export FILE... [--format csv|latex|json] [--out PATH]
    orbitproof plot env ENV [--state S --a A --b B (--gain | --gamma G | --blackwell)] --out FILE
    orbitproof plot scaling --env-template "terminal:m=1,n={n}" --state S --a A --b B --gain --n 1..8
                            [--reward-kind distinct|ties] --out FILE
    orbitproof plot gamma ENV --state S --a A --b B --reward R --gammas 1/10,1/2,9/10 [--no-gain] --out FILE

Thin shells over :mod:`orbitproof.report.export` and :mod:`orbitproof.report.plot` (see docs/export.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import add_semantics_arguments, semantics_from_args

__all__ = ["register", "run_export", "run_plot"]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export",
        help="tabulate certificates as CSV, LaTeX (booktabs) or JSON",
        description=("One row per certificate (any kind): environment, state, B vs A, semantics, reward, exact "
                     "counts, weak fraction p/q, claim and copies n. Written to stdout unless --out is given."),
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="certificate files (JSON)")
    p.add_argument("--format", "-f", choices=("csv", "latex", "json"), default="csv", help="output format (default csv)")
    p.add_argument("--out", "-o", metavar="PATH", help="write to PATH instead of stdout")
    p.add_argument("--columns", metavar="LIST",
                   help="comma-separated columns to keep, in order (default: all for csv/json; environment, "
                        "b_vs_a, semantics, counts, weak_fraction, claim, copies_n for latex)")
    p.set_defaults(func=run_export)

    q = subparsers.add_parser(
        "plot",
        help="draw an environment, the scaling law or counts against gamma (needs matplotlib)",
        description=("Figures backed by exact data: each FILE.png/.pdf/.svg is written with FILE.csv holding the "
                     'exact numbers. Needs the optional extra: pip install "orbitproof[plot]".'),
    )
    modes = q.add_subparsers(dest="mode", metavar="MODE", parser_class=subparsers._parser_class)
    q.set_defaults(func=_plot_usage, plot_parser=q)

    e = modes.add_parser("env", help="draw an environment, optionally highlighting the copies found",
                         description="States as nodes, actions as labelled edges, terminals double-circled; "
                                     "with --state/--a/--b the pairs swapped by each involution are coloured.")
    e.add_argument("env", metavar="ENV", help="catalog name or environment file")
    e.add_argument("--state", metavar="S")
    e.add_argument("--a", metavar="ACTION", help="smaller side")
    e.add_argument("--b", metavar="ACTION", help="larger side")
    add_semantics_arguments(e, required=False)
    e.add_argument("--out", "-o", required=True, metavar="FILE", help="FILE.png, .pdf or .svg")
    _add_style(e)
    e.set_defaults(func=run_plot)

    s = modes.add_parser("scaling", help="exact weak fraction against n/(n+1) over a family of environments",
                         description="For each n: #(B>=A)/|orbit| (exact, count_orbit) for a fixed reward pattern "
                                     "beside n'/(n'+1), n' = copies found by find_copies.")
    s.add_argument("--env-template", required=True, metavar="SPEC", help='e.g. "terminal:m=1,n={n}"')
    s.add_argument("--state", required=True, metavar="S")
    s.add_argument("--a", required=True, metavar="ACTION")
    s.add_argument("--b", required=True, metavar="ACTION")
    add_semantics_arguments(s, required=True)
    s.add_argument("--n", required=True, metavar="RANGE", help='values of n: "1..8" or "1,2,5"')
    s.add_argument("--reward-kind", choices=("distinct", "ties"), default="distinct",
                   help="distinct: 0,1,...,d-1; ties: two tied maxima 2, one 1, rest 0 (default distinct)")
    s.add_argument("--out", "-o", required=True, metavar="FILE")
    _add_style(s)
    s.set_defaults(func=run_plot)

    g = modes.add_parser("gamma", help="counts (B>A, A>B, tie) against exact gamma values",
                         description="Exact orbit counts at each gamma; the gain counts as dotted reference lines.")
    g.add_argument("env", metavar="ENV")
    g.add_argument("--state", required=True, metavar="S")
    g.add_argument("--a", required=True, metavar="ACTION")
    g.add_argument("--b", required=True, metavar="ACTION")
    g.add_argument("--reward", "-r", required=True, metavar="R", help='"0,1,2,3,4" or "candy=1,hug=2"')
    g.add_argument("--gammas", required=True, metavar="LIST", help='e.g. "1/10,1/4,1/2,3/4,9/10"')
    g.add_argument("--no-gain", action="store_true", help="omit the gain reference lines")
    g.add_argument("--out", "-o", required=True, metavar="FILE")
    _add_style(g)
    g.set_defaults(func=run_plot)


def _add_style(p: argparse.ArgumentParser) -> None:
    p.add_argument("--style", choices=("paper", "slides"), default="paper",
                   help="paper: 3.5 in wide, 8 pt text (a column of a two-column paper); slides: 8 in, 16 pt "
                        "(default paper)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines on stderr")


def _plot_usage(args: argparse.Namespace) -> int:
    from ..core.errors import FormatError

    raise FormatError("plot needs a MODE: env, scaling or gamma")


def run_export(args: argparse.Namespace) -> int:
    from ..report.export import export_rows, render

    from ..core.errors import FormatError
    from .verify import precheck_certificate

    for f in args.files:
        code, msg = precheck_certificate(f)
        if code:
            raise FormatError(f"{f}: {msg}")
    text = render(export_rows(args.files), args.format, args.columns)
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"wrote {len(args.files)} row(s) to {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_plot(args: argparse.Namespace) -> int:
    from ..report import plot
    from ..mdp import resolve_environment

    plot.pyplot()  # fail early, with one line, when matplotlib is missing
    if args.mode == "env":
        from ..core.errors import TooLargeError
        from ..core.limits import PLOT_MAX_STATES

        env = resolve_environment(args.env)
        if len(env.states) > PLOT_MAX_STATES:
            raise TooLargeError(f"{env.name} has {len(env.states):,} states; plot env draws at most "
                                f"{PLOT_MAX_STATES} (a larger drawing is unreadable)")
        given = any(v is not None for v in (args.state, args.a, args.b))
        sem = semantics_from_args(args) if given else None
        fig, csv_path = plot.plot_environment(env, args.out, state=args.state, a=args.a, b=args.b, semantics=sem,
                                              style_name=args.style)
    elif args.mode == "scaling":
        fig, csv_path, rows = plot.plot_scaling(
            args.env_template, args.out, state=args.state, a=args.a, b=args.b,
            semantics=semantics_from_args(args), ns=plot.parse_range(args.n), reward_kind=args.reward_kind,
            style_name=args.style, quiet=args.quiet)
    else:
        env = resolve_environment(args.env)
        fig, csv_path, rows = plot.plot_gamma(
            env, args.out, state=args.state, a=args.a, b=args.b, reward=args.reward,
            gammas=plot.parse_gammas(args.gammas), gain_reference=not args.no_gain, style_name=args.style,
            quiet=args.quiet)
    print(f"wrote {fig} and {csv_path}")
    return 0
