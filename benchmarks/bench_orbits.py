"""Orbit-counting throughput: the exact engine against the reference engine, in the same run.

    python benchmarks/bench_orbits.py            # all cases (~1–2 min on 2 cores)
    python benchmarks/bench_orbits.py --quick    # skip the d = 12 full orbit

For large orbits the reference engine is timed on a contiguous rank range of the *same* orbit
(REF_SAMPLE elements) and extrapolated per element; the output says so.  Every exact result is
also checked for consistency (counts sum to the orbit size; closed forms where known).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import time
from concurrent.futures import ProcessPoolExecutor
from fractions import Fraction
from math import factorial

from orbitproof.orbits import count_orbit, plan_count
from orbitproof.orbits.reference import reference_counts

REF_SAMPLE = 20_000
REF_SECONDS = 3.0


def reference_rate(A, B, r, compare="max", sample=REF_SAMPLE) -> tuple[float, bool]:
    """Reference elements per second on the first `sample` ranks (or the whole orbit if smaller)."""
    planned = plan_count(A, B, r, compare=compare, engine="reference")
    p, lay = planned.problem, planned.problem.layout
    opts = p.options
    args = ([opts[u] for u in lay.ia], [opts[u] for u in lay.ib], [opts[u] for u in lay.ic], p.reward,
            planned.rule)
    n, step, t = 0, 1, time.perf_counter()
    while n < min(sample, planned.orbit_size) and time.perf_counter() - t < REF_SECONDS:
        step = min(step, planned.orbit_size - n)
        reference_counts(*args, n, n + step)
        n += step
        step = min(2 * step, 500)
    dt = time.perf_counter() - t
    return n / dt, n < planned.orbit_size


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def report(name, res, dt, ref_rate, extrapolated, cores=1):
    size = res.orbit_size
    lg = math.log10(size)
    ref_time = 10 ** (lg - math.log10(ref_rate)) if lg < 300 else math.inf
    log_ratio = lg - math.log10(ref_rate) - math.log10(dt)
    ratio = 10**log_ratio if log_ratio < 300 else math.inf
    log_rate = lg - math.log10(dt) - math.log10(cores)
    ex = " (reference timed on a rank range of the same orbit, <= %s elements / %g s, extrapolated per element)" % (
        f"{REF_SAMPLE:,}", REF_SECONDS) if extrapolated else ""
    print(f"{name}")
    print(f"  counts (B>A, A>B, tie) = {res.b_gt_a if size < 10**15 else '…'}, "
          f"{res.a_gt_b if size < 10**15 else '…'}, {res.tie if size < 10**15 else '…'};  |orbit| = "
          f"{size:,}" if size < 10**15 else f"  |orbit| ≈ 10^{lg:.1f}")
    print(f"  exact: {dt:.3f} s, {_big(log_rate)} orbit elements/s per core ({cores} core(s)); mode "
          f"{res.reductions.get('mode')}")
    print(f"  reference: {ref_rate:.3g} elements/s -> {ref_time:.3g} s{ex}")
    print(f"  ratio exact vs reference: {_big(log_ratio)}x")
    return {"name": name, "seconds": dt, "ratio": _big(log_ratio), "rate_per_core": _big(log_rate)}


def _big(log10_value: float) -> str:
    if log10_value < 9:
        return f"{10 ** log10_value:,.0f}"
    return f"10^{log10_value:.1f}"


def rand_sets(d, k, rng, rational=True):
    def num():
        return Fraction(rng.randint(-30, 30), rng.randint(1, 7)) if rational else rng.randint(-30, 30)

    return [[num() for _ in range(d)] for _ in range(k)], [[num() for _ in range(d)] for _ in range(k)]


def unit(d, i):
    v = [0] * d
    v[i] = 1
    return v


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="skip the d = 12 full orbit")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()} (shared with other jobs)")
    rng = random.Random(20261125)
    rows = []

    # 1. generic full support, d = 10
    A, B = rand_sets(10, 5, rng)
    r = list(range(10))
    for compare in ("max", "frac-optimal"):
        res, dt = timed(lambda: count_orbit(A, B, r, compare=compare))
        rr, ex = reference_rate(A, B, r, compare)
        rows.append(report(f"generic d=10, |A|=|B|=5 rational, distinct r, compare={compare}", res, dt, rr, ex))

    # 1b. with ties
    r = [0, 0, 1, 1, 2, 3, 4, 5, 6, 7]
    res, dt = timed(lambda: count_orbit(A, B, r))
    rr, ex = reference_rate(A, B, r)
    rows.append(report("generic d=10, r with two tied pairs", res, dt, rr, ex))

    # 2. d = 12 full orbit with a process pool
    if not args.quick:
        A, B = rand_sets(12, 5, rng)
        r = list(range(12))
        with ProcessPoolExecutor(args.jobs) as ex_:
            res, dt = timed(lambda: count_orbit(A, B, r, executor=ex_))
        rr, ex = reference_rate(A, B, r)
        rows.append(report(f"generic d=12 full orbit (479,001,600), --jobs {args.jobs}", res, dt, rr, ex,
                           cores=args.jobs))

    # 3. structured: 2 vs 51 terminal states (gain RSDs, 3 transient zero coordinates)
    d = 56
    A = [unit(d, 3), unit(d, 4)]
    B = [unit(d, 5 + j) for j in range(51)]
    for label, r in (("distinct r", list(range(d))),
                     ("tied maxima", [0] * 20 + [1] * 20 + [2] * 13 + [3] * 3)):
        res, dt = timed(lambda: count_orbit(A, B, r))
        if label == "distinct r":
            assert res.b_gt_a == factorial(56) // 53 * 51
        rr, ex = reference_rate(A, B, r)
        rows.append(report(f"terminal 2 vs 51 (d=56), {label}", res, dt, rr, ex))

    # 4. n-copies families up to d = 1000
    for d, m in ((100, 1), (1000, 1), (1000, 2), (1000, 10)):
        A = [unit(d, i) for i in range(m)]
        B = [unit(d, i) for i in range(m, d)]
        r = list(range(d))
        res, dt = timed(lambda: count_orbit(A, B, r))
        assert res.a_gt_b * (d - m) == res.b_gt_a * m
        rr, ex = reference_rate(A, B, r)
        rows.append(report(f"{m} vs {d - m} unit vectors (d={d}), distinct r", res, dt, rr, ex))
        r = [i // 3 for i in range(d)]
        res, dt = timed(lambda: count_orbit(A, B, r, compare="frac-optimal"))
        rr, ex = reference_rate(A, B, r, "frac-optimal")
        rows.append(report(f"{m} vs {d - m} unit vectors (d={d}), r in triples, frac-optimal", res, dt, rr, ex))

    print("\nsummary")
    for row in rows:
        print(f"  {row['seconds']:8.3f} s  {row['ratio']:>12}x  {row['rate_per_core']:>12}/s/core  {row['name']}")


if __name__ == "__main__":
    main()
