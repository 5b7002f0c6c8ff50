"""``orbitproof check`` and ``orbitproof search``: named claims (docs/math.md §4–§9) on one instance or
over a family of instances.

    orbitproof check CLAIM ENV --state S --a A --b B (--gamma G | --gain | --blackwell)
    orbitproof check CLAIM --sets FILE
        [--reward R | --family F] [--compare max|is-optimal|frac-optimal] [--n N]
        [--form ratio|weak|strict] [--engine exact|reference] [--certificate PATH] [--json]

    orbitproof search CLAIM --family F --out DIR [--rewards F] [--resume] [--jobs N | --dask ADDR]
        [--stop-after K] [--chunk K] [--limit K] [--compare C] [--n N] [--form F] [--json] [--quiet]

Exit codes: 0 the claim holds (or does not apply), 1 a counterexample was found, 2 error.
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
from ..core.limits import COMPARE_SYNTAX, DEFAULT_MAX_FAMILY, DEFAULT_MAX_REWARDS
from .rulearg import compare_spec

__all__ = ["register", "run_check", "run_check_sweep", "run_search_cmd"]


def register(subparsers: argparse._SubParsersAction) -> None:
    from ..claims.registry import claim_names

    names = ", ".join(claim_names())
    p = subparsers.add_parser(
        "check", help="check a named claim (scaling, S1-S3, F1-F10) on one instance",
        description=f"Check a named claim on one instance for one reward or a reward family. Claims: {names}. "
                    "Hypotheses are checked first and reported separately from the claim's verdict.")
    p.add_argument("claim", metavar="CLAIM")
    add_fork_arguments(p)
    add_max_options_argument(p)
    add_semantics_arguments(p, required=False)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--reward", "-r", metavar="R", help='one reward: "1,1,0,0,0" or "candy=1" (others 0)')
    g.add_argument("--mixture", "-m", metavar="MIX", default=None,
                   help='one finite mixture of point masses (claims over distributions, e.g. F2): '
                        '"1/2:1,0,0;1/2:0,1,0" (WEIGHT:REWARD components separated by ";")')
    g.add_argument("--family", "-f", metavar="F", default=None,
                   help="reward family: tie-patterns (default), grid:K, random:N[:SEED], "
                        "adversarial[:R[:S[:SEED]]], list:R1;R2, mixtures:K, mixrandom:N[:SEED], mixfaces:K[:V]")
    _claim_options(p)
    p.add_argument("--engine", choices=["exact", "reference"], default="exact")
    p.add_argument("--max-rewards", type=int_arg(1), default=DEFAULT_MAX_REWARDS, metavar="N",
                   help=f"refuse reward families with more than N rewards (default {DEFAULT_MAX_REWARDS:,})")
    p.add_argument("--all", action="store_true", help="do not stop at the first counterexample")
    p.add_argument("--certificate", metavar="PATH",
                   help="write a certificate: for the counterexample found, or (family grid:K or mixfaces:K[:V] "
                        "with no counterexample) an exhaustive certificate over the family; with --gamma-sweep "
                        "a gamma-sweep certificate of the counts on every piece")
    p.add_argument("--gamma-sweep", action="store_true",
                   help="instead of one γ: the exact set of γ in (0, 1) where the claim holds for --reward (or "
                        "--mixture), as a union of intervals and points with exact ends (docs/sweep.md)")
    p.add_argument("--digits", type=int_arg(1), default=6, metavar="K",
                   help="--gamma-sweep: decimal places shown for irrational ends (default 6)")
    p.add_argument("--max-work", type=int_arg(1), default=None, metavar="N",
                   help="--gamma-sweep: limit on the polynomials enumerated (default 20,000,000)")
    p.add_argument("--max-pieces", type=int_arg(1), default=None, metavar="N",
                   help="--gamma-sweep: refuse when more than N pieces (intervals and breakpoints) would each "
                        "need a check (default 5,001)")
    add_output_arguments(p)
    p.set_defaults(func=run_check)

    s = subparsers.add_parser(
        "search", help="search a family of instances for counterexamples to a claim (checkpointed)",
        description="Check a claim on every instance of a family; checkpoint to --out and --resume after "
                    "an interruption; one certificate per counterexample.")
    s.add_argument("claim", metavar="CLAIM")
    s.add_argument("--family", required=True, metavar="F",
                   help="units, units-shared, units-extra, blocks, vectors, vectors-random, mdp, mdp-random, "
                        "catalog (options as NAME:key=value,...)")
    s.add_argument("--rewards", default="tie-patterns", metavar="F", help="reward family per instance")
    s.add_argument("--max-rewards", type=int_arg(1), default=DEFAULT_MAX_REWARDS, metavar="N",
                   help=f"refuse reward families with more than N rewards per instance (default {DEFAULT_MAX_REWARDS:,})")
    s.add_argument("--out", required=True, metavar="DIR", help="checkpoint and output directory")
    s.add_argument("--resume", action="store_true", help="continue an interrupted search in --out")
    add_executor_arguments(s)
    s.add_argument("--stop-after", type=int_arg(0), default=1, metavar="K",
                   help="stop after the K-th counterexample in instance order (0 = collect all; default 1)")
    s.add_argument("--chunk", type=int_arg(1), default=8, metavar="K", help="instances per task")
    s.add_argument("--limit", type=int_arg(1), default=None, metavar="K",
                   help="only the first K instances (generated lazily: the rest is never built)")
    s.add_argument("--max-family", type=int_arg(1), default=DEFAULT_MAX_FAMILY, metavar="N",
                   help="refuse families whose generator would examine more than about N candidates "
                        f"(default {DEFAULT_MAX_FAMILY:,})")
    s.add_argument("--no-certificates", action="store_true")
    _claim_options(s)
    add_output_arguments(s)
    s.set_defaults(func=run_search_cmd)


def _claim_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--compare", type=compare_spec, default=None, metavar="RULE",
                   help=f"decision rule: {COMPARE_SYNTAX} (default: the claim's own, else max)")
    p.add_argument("--n", metavar="N", default=None, help="the claim's n (default: the largest n the copies "
                                                        "finder proves)")
    p.add_argument("--form", choices=["ratio", "weak", "strict"], default=None,
                   help="count inequality (ratio), weak fraction or strict fraction (default: the claim's)")
    p.add_argument("--min-m", type=int_arg(0), default=None, metavar="M",
                   help="fractional readings: require the smaller side's count m ≥ M (e.g. 2 for a truly "
                        "fractional n/m)")


def _params(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if args.compare:
        out["compare"] = args.compare
    if args.n is not None:
        from ..core.exact import to_fraction

        n = to_fraction(args.n, "--n")
        if n <= 0:
            raise FormatError("--n must be positive")
        out["n"] = args.n
    if args.form:
        out["form"] = args.form
    if args.min_m is not None:
        out["min_m"] = args.min_m
    return out


def _instance(args: argparse.Namespace):
    from ..claims import instance_from_environment, instance_from_sets

    if args.sets is not None:
        if args.env is not None or any(getattr(args, f) is not None for f in ("state", "a", "b")):
            raise FormatError("give either ENV (with --state/--a/--b) or --sets FILE, not both")
        from ..core.optionset import load_vector_sets

        vs = load_vector_sets(args.sets)
        return instance_from_sets(vs.A, vs.B, vs.C, label=args.sets)
    if args.env is None:
        raise FormatError("give an environment ENV (with --state, --a, --b) or --sets FILE")
    missing = [f"--{f}" for f in ("state", "a", "b") if getattr(args, f) is None]
    if missing:
        raise FormatError(f"check in an environment needs {', '.join(missing)}")
    return instance_from_environment(args.env, args.state, args.a, args.b, semantics_from_args(args),
                                     max_options=args.max_options)


def _mixture(text: str, inst) -> tuple:
    """--mixture "W:R;W:R": each reward as in --reward (values, or name=value pairs)."""
    from ..orbits.mixtures import parse_mixture

    return parse_mixture(text, inst.d, inst.coordinates)


def _reward_text(reward) -> str:
    """``r = (0, 1, 2)`` or ``D = 1/2·δ(0, 1, 0) + 1/2·δ(1, 0, 0)``."""
    from ..core.exact import format_fraction

    def vec(r) -> str:
        return "(" + ", ".join(format_fraction(x) for x in r) + ")"

    if reward and isinstance(reward[0], tuple):
        return "D = " + " + ".join(f"{format_fraction(w)}·δ{vec(r)}" for w, r in reward)
    return "r = " + vec(reward)


def _fmt_h(h: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in h.items())


def run_check(args: argparse.Namespace) -> int:
    from ..claims import check, check_family, get_claim
    from ..core.exact import format_fraction, parse_vector
    from ..core.progress import stage

    claim = get_claim(args.claim)
    params = _params(args)
    if args.gamma_sweep:
        return run_check_sweep(args, claim, params)
    family = None
    if args.reward is None and args.mixture is None:
        from ..claims import parse_family

        family = parse_family(args.family or "tie-patterns").with_limit(args.max_rewards)
        if args.certificate:
            _certificate_form_precheck(claim, family, params)
    inst = _instance(args)
    if family is not None:
        family.check_size(inst.d)
    fv = None
    if args.reward is not None or args.mixture is not None:
        if args.mixture is not None:
            r = _mixture(args.mixture, inst)
        else:
            r = parse_vector(args.reward, inst.coordinates, field="--reward")
            if len(r) != inst.d:
                raise FormatError(f"--reward has {len(r)} entries but there are {inst.d} coordinates")
        with stage(f"checking {claim.name}", label="check", quiet=args.quiet):
            v = check(claim, inst, r, params, engine=args.engine)
        cex = v if v.status == "fails" else None
        if args.json:
            print_json(v.to_dict())
        else:
            _print_verdict(v)
        status = v.status
    else:
        with stage(f"checking {claim.name} on the family", label="check", quiet=args.quiet):
            fv = check_family(claim, inst, family, params, engine=args.engine,
                              stop=not args.all)
        cex = fv.counterexample
        if args.json:
            print_json(fv.to_dict())
        else:
            print(f"claim {claim.name}: {claim.title}")
            print(f"instance: {inst.label}")
            print(f"hypotheses ({'met' if fv.analysis.met else 'not met' if fv.analysis.met is False else 'undecided'}): "
                  f"{_fmt_h(fv.analysis.hypotheses)}")
            x = fv.analysis.x
            print(f"x = {format_fraction(x) if x is not None else '-'}; compare = {fv.analysis.compare}; "
                  f"form = {claim.form_for(params)}")
            print(f"reward family {fv.family}: {fv.checked} reward(s) checked; complete: {fv.complete} "
                  f"({fv.complete_reason})")
            if fv.worst is not None:
                w = fv.worst
                print(f"tightest: {_reward_text(w.reward)}: counts {w.counts}")
            if cex is not None:
                print("counterexample:")
                _print_verdict(cex, indent="  ")
            if fv.inequality_failures and fv.status.startswith("hypotheses"):
                print(f"(the inequality fails on {fv.inequality_failures} reward(s), but the claim does not apply)")
            if fv.non_robust_failures:
                print(f"({fv.non_robust_failures} failure(s) on non-robust rewards ignored: measure zero)")
            print(f"status: {fv.status}")
        status = fv.status
    if args.certificate:
        from ..certificates.build import write_certificate
        from ..certificates import certificate_for, exhaustive_certificate_for

        if cex is not None:
            cert, how = certificate_for(cex, inst, fv.analysis if fv is not None else None)
            if cert is None:
                raise FormatError(f"cannot certify this counterexample: {how}")
        elif fv is not None:
            cert, how = exhaustive_certificate_for(fv, inst, params)
            if cert is None:
                raise FormatError(f"no counterexample, and no exhaustive certificate: {how}")
        else:
            raise FormatError("no counterexample: nothing to certify")
        write_certificate(cert, args.certificate)
        if not args.json:
            print(f"certificate written to {args.certificate} ({how})")
    return 1 if status == "fails" else 0


def run_check_sweep(args: argparse.Namespace, claim, params: dict) -> int:
    """``check CLAIM ENV ... --gamma-sweep``: the exact set of γ where the claim holds (docs/sweep.md)."""
    from ..claims.sweep import claim_sweep
    from ..core.exact import parse_vector
    from ..core.progress import stage
    from ..mdp.io import resolve_environment
    from ..orbits.sweep import DEFAULT_SWEEP_WORK, format_set

    if args.sets is not None or args.env is None:
        raise FormatError("--gamma-sweep needs an environment fork (ENV --state S --a A --b B): the options "
                          "of --sets FILE do not depend on γ")
    if args.gamma is not None or args.gain or args.blackwell:
        raise FormatError("--gamma-sweep covers every γ in (0, 1): leave out --gamma, --gain and --blackwell")
    if args.reward is None and args.mixture is None:
        raise FormatError("--gamma-sweep needs one --reward R (or one --mixture for claims over distributions)")
    missing = [f"--{f}" for f in ("state", "a", "b") if getattr(args, f) is None]
    if missing:
        raise FormatError(f"check in an environment needs {', '.join(missing)}")
    if args.certificate:  # refuse before any work
        from ..certificates.sweep import VERIFIED_SWEEP_RULES, certifiable_rule

        compare = claim.compare_for({**params, **dict(claim.fixed_params)})
        if args.mixture is not None:
            raise FormatError("--certificate: no gamma-sweep certificate for a mixture (the verifier re-checks "
                              "point rewards only)")
        if not certifiable_rule(compare):
            raise FormatError(f"--certificate: no gamma-sweep certificate for the rule {compare} (the verifier "
                              f"re-derives the breakpoints of {', '.join(VERIFIED_SWEEP_RULES)} only)")
    env = resolve_environment(args.env)
    if args.mixture is not None:
        from ..orbits.mixtures import parse_mixture

        reward: Any = parse_mixture(args.mixture, len(env.states), env.states)
    else:
        reward = parse_vector(args.reward, env.states, field="--reward")
        if len(reward) != len(env.states):
            raise FormatError(f"--reward has {len(reward)} entries but there are {len(env.states)} coordinates")
    with stage(f"sweeping {claim.name} over γ", label="check", quiet=args.quiet):
        from ..claims.sweep import DEFAULT_MAX_PIECES

        cs = claim_sweep(claim, env, args.state, args.a, args.b, reward, params,
                         max_work=args.max_work or DEFAULT_SWEEP_WORK,
                         max_pieces=args.max_pieces or DEFAULT_MAX_PIECES, progress=not args.quiet)
    if args.json:
        print_json(cs.to_dict(args.digits))
    else:
        _print_claim_sweep(cs, args.digits)
    if args.certificate:
        from ..certificates.build import write_certificate
        from ..certificates.sweep import claim_sweep_certificate

        write_certificate(claim_sweep_certificate(cs, env), args.certificate)
        if not args.json:
            print(f"certificate written to {args.certificate} (gamma-sweep: the counts on every piece)")
    fails = any(p.status == "fails" for p in cs.pieces)
    return 1 if fails else 0


def _print_claim_sweep(cs, digits: int) -> None:
    from ..core.exact import format_fraction
    from ..orbits.sweep import format_set

    print(f"claim {cs.claim} swept over γ in (0, 1): {cs.environment}, state {cs.state}, A = {'/'.join(cs.a)}, "
          f"B = {'/'.join(cs.b)}, compare {cs.compare}, form {cs.form}")
    print(f"{_reward_text(cs.reward)}; counts are (B>A, A>B, tie, |orbit|)")
    print(f"{len(cs.breakpoints)} breakpoint(s): {cs.count_breakpoints} where counts may change, "
          f"{cs.hypothesis_breakpoints} more where the hypotheses may change (coordinate values coincide)")
    for p in cs.pieces:
        if p.kind == "point":
            where = "γ = " + (format_fraction(p.point.value) if p.point.is_rational
                              else f"{p.point.decimal(digits)} ({p.point})")
        else:
            lo = "0" if p.lo is None else (format_fraction(p.lo.value) if p.lo.is_rational else p.lo.decimal(digits))
            hi = "1" if p.hi is None else (format_fraction(p.hi.value) if p.hi.is_rational else p.hi.decimal(digits))
            where = f"γ in ({lo}, {hi})"
        v = p.verdict
        if v is None:
            print(f"  {where}: {p.status} ({p.how})")
            continue
        x = format_fraction(v.x) if v.x is not None else "-"
        counts = "-" if v.counts is None else str(tuple(v.counts))
        met = {True: "met", False: "not met", None: "undecided"}[v.hypotheses_met]
        print(f"  {where}: counts {counts}, x = {x}, hypotheses {met}: {p.status}")
    for status, where in cs.statuses().items():
        if status != "holds":
            print(f"{status} for γ ∈ {where}")
    print(f"{cs.claim} holds for γ ∈ {format_set(cs.holds_set())}" +
          ("" if all(e is None or e.is_rational for run in cs.holds_set() for e in (run[0], run[2]))
           else f"  (≈ {format_set(cs.holds_set(), digits)})"))


def _certificate_form_precheck(claim, family, params: dict) -> None:
    """Refuse ``--certificate`` before any work when the reward family has no certificate form."""
    if family.kind not in ("grid", "mixfaces"):
        raise FormatError(
            f"--certificate: the reward family {family.name} has no certificate form; use --family grid:K "
            "(or mixfaces:K[:V] for distribution claims) for an exhaustive certificate, or --reward R to "
            "certify one counterexample")
    if family.kind == "grid" and claim.form_for(params) == "strict":
        raise FormatError("--certificate: strict readings on point masses count only robust rewards, so "
                          f"--family {family.name} has no exhaustive certificate form; use --form weak or ratio")


def _print_verdict(v, indent: str = "") -> None:
    from ..core.exact import format_fraction

    d = v.to_dict()
    print(f"{indent}claim {v.claim} on {v.instance} ({v.semantics}, compare {v.compare}, form {v.form})")
    print(f"{indent}hypotheses: {_fmt_h(d['hypotheses'])}")
    if d["counts"] is not None:
        c = d["counts"]
        print(f"{indent}{_reward_text(v.reward)}: B>A {c['b_gt_a']}, A>B {c['a_gt_b']}, tie {c['tie']}, |orbit| {c['orbit_size']}")
        print(f"{indent}ratio #(B>A)/#(A>B) = {d['ratio_b_over_a'] or 'inf'} vs x = {format_fraction(v.x)}; "
              f"weak fraction {d['weak_fraction']}, strict fraction {d['strict_fraction']} vs x/(x+1) = {d['bound_fraction']}")
    if v.robust is not None:
        print(f"{indent}robust reward (failure on an open set): {v.robust}")
    print(f"{indent}status: {v.status}")


def run_search_cmd(args: argparse.Namespace) -> int:
    from ..search import plan_search, run_search

    params = _params(args)
    plan = plan_search(args.claim, args.family, rewards=args.rewards, params=params, limit=args.limit,
                       max_family=args.max_family, max_rewards=args.max_rewards)
    with open_executor(args) as (executor, workers):
        res = run_search(args.claim, plan, rewards=args.rewards, params=params, out=args.out,
                         resume=args.resume, executor=executor, chunk=args.chunk, stop_after=args.stop_after,
                         certificates=not args.no_certificates, progress=not args.quiet,
                         workers_hint=workers, limit=args.limit)
    s = res.summary
    if args.json:
        print_json(s)
    else:
        print(f"search {s['claim']} on {s['family']} (rewards {s['rewards']}): {s['finished']}/{s['instances']} "
              f"instance(s)" + (f", stopped at #{s['stopped_at']}" if s["stopped_at"] is not None else ""))
        for k, v in s["statuses"].items():
            print(f"  {k}: {v}")
        if s["counterexamples"]:
            print(f"counterexamples at {s['counterexamples'][:10]}{' ...' if len(s['counterexamples']) > 10 else ''}; "
                  f"certificates in {args.out}/certificates")
        print(f"results: {args.out}/results.jsonl, summary: {args.out}/summary.json")
    return 1 if s["counterexamples"] else 0
