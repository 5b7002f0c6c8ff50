"""Generic orbit-count kernel: ``run_groups`` (int32/int64 proven bound, reused buffers, direct
max-counting) against the previous kernel ``run_groups_unbatched``, side by side in one run.

    python benchmarks/bench_kernel.py [--runs N] [--quick]

Same plan and groups for both (``plan_count(...).plan``, ``.groups()``), serial, CPU seconds
(``time.process_time``), median of ``--runs`` runs; the two tallies must be identical.  Cases: the
random rational sets of bench_orbits.py at d = 10, 11, 12 with distinct rewards (``max``), d = 10
with ``is-optimal`` / ``frac-optimal`` and with tied rewards (weights ≠ 1), and d = 11 with a
reward beyond int64 (Python-int path).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from bench_orbits import rand_sets

from orbitproof.orbits import plan_count
from orbitproof.orbits.engine import kernel_dtype, run_groups, run_groups_unbatched


def cases(quick: bool):
    rng = random.Random(20261125)
    A10, B10 = rand_sets(10, 5, rng)
    A12, B12 = rand_sets(12, 5, rng)
    A11, B11 = [a[:11] for a in A12], [b[:11] for b in B12]
    yield "d=10 distinct r, max", A10, B10, list(range(10)), "max"
    yield "d=10 distinct r, is-optimal", A10, B10, list(range(10)), "is-optimal"
    yield "d=10 distinct r, frac-optimal", A10, B10, list(range(10)), "frac-optimal"
    yield "d=10 r with two tied pairs, max", A10, B10, [0, 0, 1, 1, 2, 3, 4, 5, 6, 7], "max"
    yield "d=11 distinct r, max", A11, B11, list(range(11)), "max"
    if not quick:
        yield "d=11 r with an entry 2^70 (Python ints), max", A11, B11, list(range(10)) + [2**70], "max"
        yield "d=12 distinct r, max (generic d = 12 serial)", A12, B12, list(range(12)), "max"


def cpu(fn, runs):
    times, out = [], None
    for _ in range(runs):
        t = time.process_time()
        out = fn()
        times.append(time.process_time() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    print(f"CPU seconds, median of {args.runs} run(s), serial")
    print(f"{'case':50s} {'dtype':>8s} {'old':>8s} {'new':>8s} {'ratio':>7s}")
    for name, A, B, r, compare in cases(args.quick):
        planned = plan_count(A, B, r, compare=compare)
        plan, groups = planned.plan, planned.groups()
        runs = 1 if "2^70" in name else args.runs
        t_old, old = cpu(lambda: run_groups_unbatched(plan, groups), runs)
        t_new, new = cpu(lambda: run_groups(plan, groups), runs)
        if old != new:
            raise SystemExit(f"{name}: the kernels disagree: {old} vs {new}")
        dt = kernel_dtype(plan)
        dname = getattr(dt, "__name__", str(dt))
        print(f"{name:50s} {dname:>8s} {t_old:8.2f} {t_new:8.2f} {t_old / t_new:6.2f}x")


if __name__ == "__main__":
    main()
