"""``orbitproof power``, ``optprob`` and ``power-seeking`` (issue 18; docs/power.md).

Exact POWER (P21 Def 4.4), optimality probability (Def 4.3) and POWER-seeking (Def 5.6) under an
iid reward distribution ``--dist`` (``uniform`` by default).  Every printed value is an exact
fraction; ``--estimate`` replaces the exact computation by a Monte Carlo estimate that is labelled
as such (mean ± standard error) and is never a verdict.
"""

from __future__ import annotations

import argparse
from typing import Any

from .common import print_json
from ..core.distributions import DISTRIBUTION_SYNTAX
from ..core.errors import FormatError
from ..core.exact import format_fraction
from ..core.semantics import Discounted, Gain, Semantics

__all__ = ["register"]

_DEFAULT_MAX_WORK = 5 * 10**7  # = orbitproof.mdp.expectation.DEFAULT_MAX_POWER_WORK (no engine import here)


def _common(p: argparse.ArgumentParser, state_required: bool, sets: bool = False) -> None:
    p.add_argument("env", metavar="ENV", nargs="?" if sets else None,
                   help="catalog spec (e.g. candy, gridworld:w=3,h=3) or file")
    if sets:
        p.add_argument("--sets", metavar="FILE", help="instead of ENV: a vector-set file (A, B); prints "
                       "p_D(A ≥ B) and p_D(B ≥ A) (P21 Def E.19)")
    p.add_argument("--state", required=state_required and not sets, metavar="S",
                   help="the state s" + ("" if state_required else " (default: every state)"))
    group = p.add_mutually_exclusive_group(required=not sets)
    group.add_argument("--gamma", metavar="G", help='exact discount G in [0,1), e.g. "9/10" (0 = the γ → 0 limit)')
    group.add_argument("--gain", action="store_true", help="the γ → 1 limit: gain (average-reward) optimality, RSDs")
    p.add_argument("--dist", default="uniform", metavar="D",
                   help=f"iid reward distribution per state: {DISTRIBUTION_SYNTAX} (default: uniform = U[0,1])")
    p.add_argument("--max-work", type=int, default=_DEFAULT_MAX_WORK, metavar="N",
                   help=f"refuse exact work estimated above N (default {_DEFAULT_MAX_WORK:,}); see docs/power.md")
    p.add_argument("--estimate", action="store_true",
                   help="Monte Carlo estimate (float, mean ± standard error) instead of the exact value")
    p.add_argument("--samples", type=int, default=100_000, metavar="N", help="samples for --estimate (default 100000)")
    p.add_argument("--seed", type=int, default=0, help="random seed for --estimate (default 0)")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("power", help="exact POWER of a state under iid rewards",
                              description="POWER_D(s, γ) = ((1−γ)/γ)·E[max_{f∈F(s)} (f(γ) − e_s)·r] exactly "
                              "(P21 Def 4.4; docs/power.md).  --gain gives the γ → 1 limit E[max_{RSD(s)} d·r].")
    _common(p, state_required=False)
    p.add_argument("--heatmap", metavar="FILE",
                   help="gridworlds: draw POWER per cell with the exact values written in (.png/.pdf/.svg, plus .csv)")
    p.add_argument("--certificate", metavar="FILE",
                   help="write a certificate the stdlib verifier re-checks (uniform: with triangulation witnesses; "
                   "see docs/power.md)")
    p.set_defaults(func=_power)

    o = subparsers.add_parser("optprob", help="exact probability that an action is optimal",
                              description="P_D(s, a, γ) = P(max_{F(s|a)} ≥ max_{F(s)}) exactly (P21 Def 4.3; "
                              "ties count as optimal for every maximiser; --gain uses RSDs).")
    _common(o, state_required=True, sets=True)
    o.add_argument("--action", metavar="A", help="only this action (default: every action at S)")
    o.add_argument("--certificate", metavar="FILE",
                   help="write a certificate (every action at S, or p(A >= B) and p(B >= A) with --sets) "
                   "the stdlib verifier re-checks")
    o.set_defaults(func=_optprob)

    s = subparsers.add_parser("power-seeking", help="compare actions by the POWER they lead to (Def 5.6)",
                              description="For each action a at S: E_{s'∼T(S,a)} POWER(s', γ), and the exact "
                              "differences; a seeks more POWER than a' iff its value is ≥ (P21 Def 5.6).")
    _common(s, state_required=True)
    s.add_argument("--certificate", metavar="FILE", help="write a certificate the stdlib verifier re-checks")
    s.set_defaults(func=_power_seeking)


def _semantics(args: argparse.Namespace) -> Semantics:
    return Gain() if args.gain else Discounted(args.gamma)


def _checks(args: argparse.Namespace) -> None:
    if args.max_work < 1:
        raise FormatError("--max-work must be a positive integer")
    if args.samples < 1:
        raise FormatError("--samples must be a positive integer")


def _power(args: argparse.Namespace) -> int:
    from ..core.distributions import parse_distribution
    from ..mdp import resolve_environment
    from ..mdp.power_iid import power, power_estimate

    _checks(args)
    env = resolve_environment(args.env)
    sem = _semantics(args)
    D = parse_distribution(args.dist)
    states = [args.state] if args.state else list(env.states)
    for s in states:
        env.index(s)
    if args.estimate:
        if args.certificate or args.heatmap:
            raise FormatError("--certificate and --heatmap need exact values; drop --estimate")
        ests = {s: power_estimate(env, s, sem, D, samples=args.samples, seed=args.seed) for s in states}
        if args.json:
            print_json({"environment": env.name, "semantics": sem.to_dict(), "distribution": D.to_dict(),
                        "kind": "monte-carlo estimate (not exact)",
                        "power": {s: e.to_dict() for s, e in ests.items()}})
            return 0
        print(f"POWER ESTIMATE (Monte Carlo, not exact) in {env.name} at {sem} under {D}")
        for s, e in ests.items():
            print(f"  {s:<{_w(states)}}  {e}")
        return 0
    results = [power(env, s, sem, D, max_work=args.max_work) for s in states]
    if args.certificate:
        from ..certificates.power import power_certificate, write_certificate

        write_certificate(power_certificate(env, results), args.certificate)
    if args.heatmap:
        from ..report.power_heatmap import power_heatmap

        power_heatmap(results, args.heatmap)
    if args.json:
        print_json({"environment": env.name, "semantics": sem.to_dict(), "distribution": D.to_dict(),
                    "power": {r.state: format_fraction(r.value) for r in results},
                    "details": [r.to_dict() for r in results]})
        return 0
    print(f"POWER in {env.name} at {sem} under {D} (exact)")
    for r in results:
        print(f"  {r.state:<{_w(states)}}  {format_fraction(r.value)}")
    if args.certificate:
        print(f"certificate written to {args.certificate}")
    if args.heatmap:
        print(f"heatmap written to {args.heatmap} (exact values in {args.heatmap.rsplit('.', 1)[0]}.csv)")
    return 0


def _w(names: list[str]) -> int:
    return max(len(n) for n in names)


def _optprob(args: argparse.Namespace) -> int:
    from ..core.distributions import parse_distribution
    from ..mdp import option_set, resolve_environment
    from ..mdp.expectation import option_statistics_monte_carlo
    from ..mdp.power_iid import optimality_probabilities

    _checks(args)
    if args.sets:
        return _optprob_sets(args)
    if args.env is None or args.state is None or not (args.gain or args.gamma is not None):
        raise FormatError("optprob needs ENV --state S (--gamma G | --gain), or --sets FILE")
    env = resolve_environment(args.env)
    sem = _semantics(args)
    D = parse_distribution(args.dist)
    acts = [args.action] if args.action else list(env.actions(args.state))
    if args.estimate and args.certificate:
        raise FormatError("--certificate needs exact values; drop --estimate")
    if args.estimate:
        for a in acts:
            env.action_index(args.state, a)
        C = option_set(env, args.state, None, sem).vectors
        subsets = [option_set(env, args.state, a, sem).vectors for a in acts]
        mc = option_statistics_monte_carlo(C, subsets, D, samples=args.samples, seed=args.seed)
        if args.json:
            print_json({"environment": env.name, "state": args.state, "semantics": sem.to_dict(),
                        "distribution": D.to_dict(), "kind": "monte-carlo estimate (not exact)",
                        "probabilities": {a: e.to_dict() for a, e in zip(acts, mc.probabilities)}})
            return 0
        print(f"OPTIMALITY PROBABILITY ESTIMATE (Monte Carlo, not exact) at {args.state} in {env.name}, {sem}, {D}")
        for a, e in zip(acts, mc.probabilities):
            print(f"  {a:<{_w(acts)}}  {e}")
        return 0
    res = optimality_probabilities(env, args.state, sem, D, acts, max_work=args.max_work)
    if args.certificate:
        from ..certificates.power import power_certificate, write_certificate

        full = res if not args.action else optimality_probabilities(env, args.state, sem, D, max_work=args.max_work)
        write_certificate(power_certificate(env, optimality=full), args.certificate)
    if args.json:
        print_json(res.to_dict())
        return 0
    print(f"P(action optimal at {args.state}) in {env.name} at {sem} under {D} (exact; ties count for every maximiser)")
    for a, p in res.probabilities.items():
        print(f"  {a:<{_w(acts)}}  {format_fraction(p)}")
    if args.certificate:
        print(f"certificate written to {args.certificate}")
    return 0


def _optprob_sets(args: argparse.Namespace) -> int:
    from ..core.distributions import parse_distribution
    from ..core.optionset import load_vector_sets
    from ..mdp.expectation import linear_optimality_probability, option_statistics_monte_carlo

    if args.env is not None or args.state or args.action or args.gain or args.gamma is not None:
        raise FormatError("--sets replaces ENV, --state, --action and --gamma/--gain")
    if args.certificate and args.estimate:
        raise FormatError("--certificate needs exact values; drop --estimate")
    vs = load_vector_sets(args.sets)
    if vs.A.depth != 1:
        raise FormatError("--sets needs plain vectors (no Blackwell layers)")
    D = parse_distribution(args.dist)
    A, B = vs.A.vectors, vs.B.vectors
    if args.estimate:
        mc = option_statistics_monte_carlo(list(A) + list(B), [A, B], D, samples=args.samples, seed=args.seed)
        pa, pb = mc.probabilities
        if args.json:
            print_json({"sets": args.sets, "distribution": D.to_dict(), "kind": "monte-carlo estimate (not exact)",
                        "p_A_ge_B": pa.to_dict(), "p_B_ge_A": pb.to_dict()})
            return 0
        print(f"ESTIMATE (Monte Carlo, not exact) for {args.sets} under {D}")
        print(f"  p(A >= B)  {pa}")
        print(f"  p(B >= A)  {pb}")
        return 0
    pa, pb = linear_optimality_probability(A, B, D, max_work=args.max_work)
    if args.certificate:
        from ..certificates.power import sets_certificate, write_certificate

        write_certificate(sets_certificate(A, B, D, pa, pb), args.certificate)
    if args.json:
        print_json({"sets": args.sets, "distribution": D.to_dict(), "p_A_ge_B": format_fraction(pa),
                    "p_B_ge_A": format_fraction(pb)})
        return 0
    print(f"p_D for {args.sets} under {D} (exact; ties count for both sides)")
    print(f"  p(A >= B)  {format_fraction(pa)}")
    print(f"  p(B >= A)  {format_fraction(pb)}")
    if args.certificate:
        print(f"certificate written to {args.certificate}")
    return 0


def _power_seeking(args: argparse.Namespace) -> int:
    from ..core.distributions import parse_distribution
    from ..mdp import resolve_environment
    from ..mdp.power_iid import power_estimate, power_seeking

    _checks(args)
    env = resolve_environment(args.env)
    sem = _semantics(args)
    D = parse_distribution(args.dist)
    if args.estimate and args.certificate:
        raise FormatError("--certificate needs exact values; drop --estimate")
    if args.estimate:
        acts = list(env.actions(args.state))
        cache: dict[str, Any] = {}
        rows = {}
        for a in acts:
            mean = var = 0.0
            for nxt, p in env.transition(args.state, a):
                if nxt not in cache:
                    cache[nxt] = power_estimate(env, nxt, sem, D, samples=args.samples, seed=args.seed)
                mean += float(p) * cache[nxt].mean
                var += (float(p) * cache[nxt].stderr) ** 2
            rows[a] = (mean, var ** 0.5)
        if args.json:
            print_json({"environment": env.name, "state": args.state, "kind": "monte-carlo estimate (not exact)",
                        "expected_power": {a: {"estimate": m, "stderr": e} for a, (m, e) in rows.items()}})
            return 0
        print(f"POWER-SEEKING ESTIMATE (Monte Carlo, not exact) at {args.state} in {env.name}, {sem}, {D}")
        for a, (m, e) in rows.items():
            print(f"  {a:<{_w(acts)}}  ≈ {m:.6g} ± {e:.2g}")
        return 0
    res = power_seeking(env, args.state, sem, D, max_work=args.max_work)
    if args.certificate:
        from ..certificates.power import power_certificate, write_certificate

        write_certificate(power_certificate(env, seeking=res), args.certificate)
    if args.json:
        print_json(res.to_dict())
        return 0
    acts = list(res.expected_power)
    print(f"E[POWER(s', {sem})] after each action at {args.state} in {env.name} under {D} (exact; P21 Def 5.6)")
    for a in acts:
        print(f"  {a:<{_w(acts)}}  {format_fraction(res.expected_power[a])}")
    for i, a in enumerate(acts):
        for b in acts[i + 1:]:
            hi, lo = (a, b) if res.difference(a, b) >= 0 else (b, a)
            diff = res.difference(hi, lo)
            verdict = f"{hi} seeks more POWER than {lo}" if diff > 0 else f"{hi} and {lo} seek equal POWER"
            print(f"  {hi} − {lo} = {format_fraction(diff)}: {verdict}")
    if args.certificate:
        print(f"certificate written to {args.certificate}")
    return 0
