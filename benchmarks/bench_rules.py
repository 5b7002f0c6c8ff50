"""Decision-rule throughput (docs/rules.md): every rule of P22 Prop A.11 next to the max rule on the
40,320-element orbit of r = (0, 1, …, 7) in P21's Figure 1 environment (state star, A = left,
B = right, gain optimality), exact engine, same run.  The reference engine is timed on a rank range
of the same orbit (definition-level twin).

    python benchmarks/bench_rules.py            # ~1 min on 2 cores
    python benchmarks/bench_rules.py --repeat 1
"""

from __future__ import annotations

import argparse
import platform
import time

from orbitproof.core.semantics import Gain
from orbitproof.mdp import option_set, resolve_environment
from orbitproof.orbits import count_orbit, plan_count
from orbitproof.orbits.reference import reference_counts

RULES = ["max", "is-optimal", "frac-optimal", "anti-optimal", "boltzmann:T=1", "boltzmann:T=1/10",
         "boltzmann:T=1000000000000000000000000000000", "satisfice:t=3", "quantilise:q=1/2",
         "best-of:k=2", "best-of:k=5"]
REF_SAMPLE = 500


def fig1_sets():
    env = resolve_environment("fig1")
    sem = Gain()
    A = option_set(env, "star", "left", sem)
    B = option_set(env, "star", "right", sem)
    C = option_set(env, "star", None, sem)
    return A, B, C


def best_time(fn, repeat: int) -> tuple[object, float]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return out, best


def reference_rate(A, B, C, r, rule: str) -> float:
    planned = plan_count(A, B, r, C=C, compare=rule, engine="reference")
    p, lay = planned.problem, planned.problem.layout
    opts = p.options
    args = ([opts[u] for u in lay.ia], [opts[u] for u in lay.ib], [opts[u] for u in lay.ic], p.reward, planned.rule)
    t = time.perf_counter()
    reference_counts(*args, 0, REF_SAMPLE)
    return REF_SAMPLE / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=40)
    args = ap.parse_args()
    A, B, C = fig1_sets()
    r = list(range(8))
    print(f"# fig1 star, A = left, B = right, gain; r = 0..7; |A| = {len(A)}, |B| = {len(B)}, |C| = {len(C)}; "
          f"python {platform.python_version()}, best of {args.repeat} interleaved rounds")
    print("| rule | B>A | A>B | tie | exact ms (min) | elements/s | × max time | reference elements/s | exact/reference |")
    print("|---|---|---|---|---|---|---|---|---|")
    best = {rule: float("inf") for rule in RULES}
    results = {}
    for _ in range(args.repeat):  # interleaved rounds: machine load hits every rule alike
        for rule in RULES:
            res, dt = best_time(lambda: count_orbit(A, B, r, C=C if rule != "max" else None, compare=rule), 1)
            best[rule] = min(best[rule], dt)
            results[rule] = res
    base = best["max"]
    for rule in RULES:
        res, dt = results[rule], best[rule]
        ref = reference_rate(A, B, C if rule != "max" else None, r, rule)
        rate = res.orbit_size / dt
        print(f"| {rule} | {res.b_gt_a} | {res.a_gt_b} | {res.tie} | {1000 * dt:.2f} | {rate:,.0f} | {dt / base:.2f} "
              f"| {ref:,.0f} | {rate / ref:,.0f}× |")

if __name__ == "__main__":
    main()
