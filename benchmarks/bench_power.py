"""Benchmark: exact POWER (orbitproof.mdp.power_iid) against Monte Carlo, and its cost in the states.

    python benchmarks/bench_power.py

Part 1 -- equal wall time.  For each case the exact value is computed and timed (T); then the Monte
Carlo estimator (float64, numpy) runs for the same wall time T, and the standard error it reached and
its actual error against the exact value are reported.  The exact method has error 0.

Part 2 -- cost against the number of states, on ``terminal:m=2,n=N`` (POWER at the start state, all
states counted) for iid uniform and for bernoulli:1/2, and on ``gridworld:w=W,h=1`` for bernoulli:1/2.
"""

from __future__ import annotations

import time
from fractions import Fraction

from orbitproof.core.errors import TooLargeError
from orbitproof.mdp import resolve_environment
from orbitproof.mdp.power_iid import power, power_estimate


def timed(fn):
    t = time.perf_counter()
    r = fn()
    return r, time.perf_counter() - t


def mc_for(env, state, sem, dist, seconds: float):
    """Monte Carlo with as many samples as fit into ``seconds`` (calibrated on a small run)."""
    _, t_small = timed(lambda: power_estimate(env, state, sem, dist, samples=20_000, seed=7))
    samples = max(1_000, int(20_000 * seconds / max(t_small, 1e-9)))
    est, t = timed(lambda: power_estimate(env, state, sem, dist, samples=samples, seed=11))
    return est, t


def part1() -> None:
    print("Part 1: exact vs Monte Carlo at equal wall time")
    print(f"{'case':40s} {'exact':>22s} {'exact s':>8s} {'MC samples':>11s} {'MC s':>6s} {'MC s.e.':>9s} {'MC |err|':>9s}")
    cases = [("candy", "start", "1/2", "uniform"), ("candy", "start", "9/10", "uniform"),
             ("fig1", "l_down", "9/10", "uniform"), ("fig1", "star", "1/2", "uniform"),
             ("ye-olde", "start", "9/10", "uniform"), ("terminal:m=2,n=3", "start", "1/2", "uniform"),
             ("gridworld:w=3,h=3", "c0_0", "gain", "uniform"),
             ("gridworld:w=3,h=3", "c0_0", "1/2", "bernoulli:1/2")]
    for name, state, sem, dist in cases:
        env = resolve_environment(name)
        res, t = timed(lambda: power(env, state, sem, dist))
        est, tm = mc_for(env, state, sem, dist, t)
        err = abs(est.mean - float(res.value))
        label = f"{name} {state} {sem} {dist}"
        print(f"{label:40s} {str(res.value):>22s} {t:8.3f} {est.samples:11d} {tm:6.3f} {est.stderr:9.2e} {err:9.2e}")


def part2() -> None:
    print("\nPart 2: cost of the exact POWER at the start state against the number of states")
    print(f"{'environment':24s} {'states':>6s} {'uniform 1/2 s':>14s} {'uniform gain s':>15s} {'bern 1/2 s':>11s}")
    for n in (1, 2, 3, 4, 5):
        env = resolve_environment(f"terminal:m=2,n={n}")
        row = []
        for sem, dist in (("1/2", "uniform"), ("gain", "uniform"), ("1/2", "bernoulli:1/2")):
            try:
                _, t = timed(lambda: power(env, "start", sem, dist))
                row.append(f"{t:.3f}")
            except TooLargeError:
                row.append("refused")
        print(f"{'terminal:m=2,n=' + str(n):24s} {len(env.states):6d} {row[0]:>14s} {row[1]:>15s} {row[2]:>11s}")
    for w in (2, 3, 4, 5, 6):
        env = resolve_environment(f"gridworld:w={w},h=1")
        row = []
        for sem, dist in (("1/2", "uniform"), ("gain", "uniform"), ("1/2", "bernoulli:1/2")):
            try:
                _, t = timed(lambda: power(env, env.states[0], sem, dist))
                row.append(f"{t:.3f}")
            except TooLargeError:
                row.append("refused")
        print(f"{'gridworld:w=' + str(w) + ',h=1':24s} {len(env.states):6d} {row[0]:>14s} {row[1]:>15s} {row[2]:>11s}")


if __name__ == "__main__":
    _ = Fraction
    part1()
    part2()
