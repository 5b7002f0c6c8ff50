"""Benchmark: exact POWER (orbitproof.mdp.power_iid) against Monte Carlo, and its cost in the states.

    python benchmarks/bench_power.py [1] [2]     (both parts by default)

Times are CPU seconds of this process (``time.process_time``), so that a loaded shared machine
distorts them less than wall time; Normaliz runs single-threaded in-process, so it is counted.

Part 1 -- equal time.  For each case the exact value is computed and timed (T); then the Monte Carlo
estimator (float64, numpy, vectorised) is given the same CPU time T, and the standard error it
reached and its actual error against the exact value are reported.  The exact method has error 0.

Part 2 -- cost against the number of states: POWER at the first state of ``gridworld:w=W,h=H``
(2×1 … 3×3) and of ``terminal:m=2,n=N``, iid uniform at γ = 1/2 and 9/10 and under gain, by the
lifted-polytope engine (Normaliz), with the previous cell engine (one Lasserre integral per cell) as
the baseline measured in the same run where its work estimate is within the default budget.
"""

from __future__ import annotations

import time

from orbitproof.mdp import resolve_environment
from orbitproof.mdp.expectation import DEFAULT_MAX_POWER_WORK, estimate_work, option_statistics
from orbitproof.mdp.power_iid import power, power_estimate, power_options


def timed(fn):
    t = time.process_time()
    r = fn()
    return r, time.process_time() - t


def mc_for(env, state, sem, dist, seconds: float):
    """Monte Carlo in chunks until ``seconds`` of CPU are used: (mean, standard error, samples, CPU s).
    Equal chunks with independent seeds: the mean of the chunk means, s.e. = sqrt(Σ se²)/chunks."""
    chunk = 20_000
    means, ses = [], []
    t0 = time.process_time()
    while not means or time.process_time() - t0 < seconds:
        e = power_estimate(env, state, sem, dist, samples=chunk, seed=1000 + len(means))
        means.append(e.mean)
        ses.append(e.stderr)
    n = len(means)
    return sum(means) / n, sum(x * x for x in ses) ** 0.5 / n, n * chunk, time.process_time() - t0


def part1() -> None:
    print("Part 1: exact vs Monte Carlo at equal CPU time")
    print(f"{'case':44s} {'exact':>30s} {'exact s':>8s} {'MC samples':>11s} {'MC s':>6s} {'MC s.e.':>9s} {'MC |err|':>9s}")
    cases = [("candy", "start", "1/2", "uniform"), ("candy", "start", "9/10", "uniform"),
             ("fig1", "star", "1/2", "uniform"), ("ye-olde", "start", "9/10", "uniform"),
             ("terminal:m=2,n=3", "start", "1/2", "uniform"),
             ("gridworld:w=3,h=3", "c1_1", "1/2", "uniform"), ("gridworld:w=3,h=3", "c0_0", "9/10", "uniform"),
             ("gridworld:w=3,h=3", "c0_0", "gain", "uniform"),
             ("gridworld:w=3,h=3", "c0_0", "1/2", "bernoulli:1/2")]
    power("candy", "start", "1/2")  # warm-up: imports
    for name, state, sem, dist in cases:
        env = resolve_environment(name)
        res, t = timed(lambda: power(env, state, sem, dist))
        mean, se, samples, tm = mc_for(env, state, sem, dist, t)
        err = abs(mean - float(res.value))
        label = f"{name} {state} {sem} {dist}"
        print(f"{label:44s} {str(res.value):>30s} {t:8.3f} {samples:11d} {tm:6.3f} {se:9.2e} {err:9.2e}",
              flush=True)


def part2() -> None:
    print("\nPart 2: cost of exact uniform POWER at the first state against the number of states (CPU s)")
    print(f"{'environment':20s} {'states':>6s} {'options':>7s} {'1/2':>7s} {'9/10':>7s} {'gain':>7s} "
          f"{'cells 1/2 (baseline)':>21s}")
    envs = [f"gridworld:w={w},h={h}" for w, h in ((2, 1), (3, 1), (2, 2), (3, 2), (4, 2), (3, 3))]
    envs += [f"terminal:m=2,n={n}" for n in (1, 2, 3, 4, 5)]
    for name in envs:
        env = resolve_environment(name)
        s = env.states[0]
        row = []
        for sem in ("1/2", "9/10", "gain"):
            _, t = timed(lambda: power(env, s, sem))
            row.append(f"{t:7.3f}")
        opts, _ = power_options(env, s, "1/2")
        if estimate_work(opts, "uniform", cells=True) <= DEFAULT_MAX_POWER_WORK:
            _, tb = timed(lambda: option_statistics(opts, [opts]))  # a probability forces the cell engine
            base = f"{tb:21.3f}"
        else:
            base = f"{'over budget':>21s}"
        print(f"{name:20s} {len(env.states):6d} {len(opts):7d} {' '.join(row)} {base}", flush=True)


if __name__ == "__main__":
    import sys

    parts = sys.argv[1:] or ["1", "2"]
    if "1" in parts:
        part1()
    if "2" in parts:
        part2()
