"""``orbitproof show ENV`` and ``orbitproof options ENV --state S ...`` (issue 2 item 6).

ENV is a catalog spec (``candy``, ``terminal:m=2,n=51``, ``gridworld:w=3,h=3``) or a .toml/.json
file.  Vectors are printed exactly (``p/q``); bad input gives one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
from typing import Any

from .common import add_semantics_arguments, int_arg, print_json, semantics_from_args
from ..core.errors import FormatError, TooLargeError
from ..core.limits import DEFAULT_MAX_OPTIONS, DEFAULT_MAX_OUTPUT
from ..core.exact import format_fraction
from ..core.semantics import Blackwell

__all__ = ["register"]


def register(subparsers: Any) -> None:
    show = subparsers.add_parser("show", help="print an environment's states, actions and transitions",
                                 description="Print an environment (catalog spec or .toml/.json file).")
    show.add_argument("env", metavar="ENV", help="catalog spec (e.g. candy, gridworld:w=3,h=3) or file")
    show.add_argument("--json", action="store_true", help="print the canonical file structure as JSON")
    show.set_defaults(func=_show)

    opt = subparsers.add_parser("options", help="list F(s | a) at γ, RSD(s | a), or Blackwell expansions",
                                description="Exact option sets of a state (docs/math.md §1.2–1.4).")
    opt.add_argument("env", metavar="ENV", help="catalog spec or .toml/.json file")
    opt.add_argument("--state", required=True, help="the state s")
    opt.add_argument("--action", default=None, help="fix the first action a (default: any)")
    add_semantics_arguments(opt, required=False)
    opt.add_argument("--nd", action="store_true", help="keep only non-dominated options, with witnesses")
    opt.add_argument("--max-options", type=int_arg(1), default=DEFAULT_MAX_OPTIONS, metavar="N",
                     help="refuse to enumerate more than N visit distributions / policies / cycles "
                          f"(default {DEFAULT_MAX_OPTIONS:,})")
    opt.add_argument("--max-output", type=int_arg(1), default=DEFAULT_MAX_OUTPUT, metavar="N",
                     help=f"refuse listings of more than N numbers (default {DEFAULT_MAX_OUTPUT:,})")
    opt.add_argument("--json", action="store_true", help="print machine-readable JSON")
    opt.set_defaults(func=_options)


def _vec(v) -> str:
    return "(" + ", ".join(format_fraction(x) for x in v) + ")"


def _show(args: argparse.Namespace) -> int:
    from ..mdp import resolve_environment

    env = resolve_environment(args.env)
    if args.json:
        print_json(env.to_dict())
        return 0
    kind = "deterministic" if env.is_deterministic else "stochastic"
    print(f"{env.name}: {len(env.states)} states, {kind}")
    if env.description:
        print(f"  {env.description}")
    print("states: " + ", ".join(env.states))
    for i, s in enumerate(env.states):
        rew = "" if env.rewards is None else f"  [reward {format_fraction(env.rewards[i])}]"
        print(f"{s}:{rew}")
        for a in env.actions(s):
            tr = env.transition(s, a)
            if len(tr) == 1:
                print(f"  {a} -> {tr[0][0]}")
            else:
                print(f"  {a} -> " + ", ".join(f"{t} ({format_fraction(p)})" for t, p in tr))
    return 0


def _options(args: argparse.Namespace) -> int:
    from ..mdp import nondominated, option_set, resolve_environment

    sem = semantics_from_args(args)
    env = resolve_environment(args.env)
    if args.max_options < 1:
        raise FormatError("--max-options must be a positive integer")
    from ..core.progress import stage

    with stage("computing the options", label="options", quiet=getattr(args, "quiet", False)):
        X = option_set(env, args.state, args.action, sem, nd=args.nd, max_size=args.max_options)
    printed = len(X) * X.dimension * max(1, X.depth) * (2 if args.nd else 1)  # (witness rewards with --nd)
    if printed > args.max_output:
        raise TooLargeError(
            f"{X.provenance} in {env.name} has {len(X):,} options of {X.dimension:,} coordinates: the listing "
            f"would print {printed:,} numbers, above the limit {args.max_output:,}; raise it with --max-output N")
    nd_entries = None
    if args.nd and X.depth == 1 and len(X):
        nd_entries = nondominated(X.vectors).to_list()
    if args.json:
        out: dict[str, Any] = {
            "environment": env.name,
            "state": args.state,
            "action": args.action,
            "semantics": sem.to_dict(),
            "provenance": X.provenance,
            "coordinates": list(X.coordinates),
        }
        if X.depth == 1:
            out["options"] = [[format_fraction(x) for x in v] for v in X.vectors]
        else:
            out["options"] = [[[format_fraction(x) for x in layer] for layer in o] for o in X.options]
        if args.nd:
            out["nd"] = nd_entries if nd_entries is not None else []
            if isinstance(sem, Blackwell):
                out["nd_note"] = "Blackwell ND decided on the functions at γ = 1/2 (P21 Lemma E.31)"
        print_json(out)
        return 0
    print(f"{X.provenance} in {env.name}: {len(X)} option(s)")
    print("coordinates: " + ", ".join(X.coordinates))
    for o in X.options:
        if len(o) == 1:
            print("  " + _vec(o[0]))
        else:
            print("  " + "; ".join(f"c{j}={_vec(layer)}" for j, layer in enumerate(o) if any(layer)))
    if nd_entries is not None:
        print("witness rewards (each option strictly best):")
        for e in nd_entries:
            print("  " + _vec(e["vector"]).replace("'", "") + "  r = (" + ", ".join(e["witness_reward"]) + ")")
    return 0
