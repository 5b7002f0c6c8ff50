"""Unit families: the old extremes DP against the order-statistics route, in the same run.

    nice -n 10 python benchmarks/bench_unitdp.py            # all cases (~3–5 min on 2 cores)
    nice -n 10 python benchmarks/bench_unitdp.py --quick    # fewer sizes, one run each

1. ``terminal:m=2,n=N`` (d = N + 5), reward 0, 1, …, d − 1, under gain, γ = 1/2 and Blackwell:
   the old DP (dense option sets, ``mode="dp"``) against the new route (sparse option sets,
   ``mode="auto"`` → ``extremes``), CPU seconds, median of several runs; the counts must agree.
   The old DP is skipped where it would run for minutes (its d³ growth is printed instead).
2. Unit vectors {e_1} against {e_2, …, e_d} with distinct rewards: the sparse route at d = 10,000
   (CPU and peak traced memory) against the dense path (dense Fraction rows + old DP) at sizes
   where it finishes.
3. Verification of unit-block certificates (``terminal:m=2,n=51`` and ``m=3,n=200``): CPU of
   ``python -m orbitproof.verify`` in a subprocess, old enumeration vs order statistics where the
   old one stays within its limit.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc

from orbitproof.core.semantics import Blackwell, Discounted, Gain
from orbitproof.core.sparse import unit_vectors
from orbitproof.mdp import resolve_environment
from orbitproof.mdp.options import option_set
from orbitproof.mdp.sparse import sparse_option_set
from orbitproof.orbits import count_orbit

SEMS = {"gain": Gain(), "γ=1/2": Discounted("1/2"), "Blackwell": Blackwell()}
OLD_BUDGET = 40.0  # CPU seconds: skip the old DP beyond sizes whose first run took longer


def cpu(fn, repeats: int):
    times, out = [], None
    for _ in range(repeats):
        t = time.process_time()
        out = fn()
        times.append(time.process_time() - t)
    return out, statistics.median(times)


def terminal(ns, repeats):
    print("\n## terminal:m=2,n=N, reward 0..d-1 (CPU s, median of %d)" % repeats)
    print("| N | d | semantics | old DP | new | ratio |")
    print("|---|---|---|---|---|---|")
    slow = {k: False for k in SEMS}
    for n in ns:
        env = resolve_environment(f"terminal:m=2,n={n}")
        d = len(env.states)
        r = list(range(d))
        for name, sem in SEMS.items():
            new, t_new = cpu(lambda: count_orbit(sparse_option_set(env, "start", "die", sem),
                                                 sparse_option_set(env, "start", "live", sem), r), repeats)
            assert new.reductions["mode"] == "extremes"
            if slow[name] or (name != "gain" and n > 120):
                print(f"| {n} | {d} | {name} | not run (d³ DP: > {OLD_BUDGET:.0f} s) | {t_new:.3f} | — |")
                continue

            def old():
                A = option_set(env, "start", "die", sem)
                B = option_set(env, "start", "live", sem)
                return count_orbit(A, B, r, mode="dp", max_work=None)

            res, t_old = cpu(old, 1 if n > 60 and name != "gain" else repeats)
            assert res.counts == new.counts, (n, name)
            slow[name] = t_old > OLD_BUDGET / 8
            print(f"| {n} | {d} | {name} | {t_old:.3f} | {t_new:.3f} | {t_old / max(t_new, 1e-9):.0f}× |")


def units(sizes_dense, d_sparse, repeats):
    print("\n## unit vectors {e_1} vs {e_2..e_d}, distinct reward")
    print("| d | input | CPU s (median) | peak traced MB |")
    print("|---|---|---|---|")

    def sparse_run(d):
        return count_orbit(unit_vectors(d, [0]), unit_vectors(d, range(1, d)), list(range(d)))

    def dense_run(d):
        A = [[1 if i == 0 else 0 for i in range(d)]]
        B = [[1 if i == j else 0 for i in range(d)] for j in range(1, d)]
        return count_orbit(A, B, list(range(d)), mode="dp", max_work=None)

    def peak(fn):
        tracemalloc.start()
        fn()
        p = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return p / 1e6

    for d in sizes_dense:
        res_d, t_d = cpu(lambda: dense_run(d), 1)
        res_s, t_s = cpu(lambda: sparse_run(d), repeats)
        assert res_d.counts == res_s.counts
        print(f"| {d:,} | dense rows, old DP | {t_d:.2f} | {peak(lambda: dense_run(d)):.0f} |")
        print(f"| {d:,} | sparse, extremes | {t_s:.3f} | {peak(lambda: sparse_run(d)):.1f} |")
    res, t = cpu(lambda: sparse_run(d_sparse), repeats)
    print(f"| {d_sparse:,} | sparse, extremes | {t:.3f} | {peak(lambda: sparse_run(d_sparse)):.1f} |")


def verify_cpu(path: str, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = os.times()
        subprocess.run([sys.executable, "-m", "orbitproof.verify", path], check=True, capture_output=True)
        t1 = os.times()
        times.append(t1.children_user - t0.children_user + t1.children_system - t0.children_system)
    return statistics.median(times)


def certificates(cases, repeats):
    from orbitproof import verify as V
    from orbitproof.certificates.build import orbit_count_certificate, write_certificate

    print("\n## unit-block certificates: size and `python -m orbitproof.verify` CPU (median of %d)" % repeats)
    print("| instance | semantics | size KB | verify CPU s (order statistics) | old enumeration in-process s |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for m, n in cases:
            env = resolve_environment(f"terminal:m={m},n={n}")
            r = list(range(len(env.states)))
            for name, sem in SEMS.items():
                A = sparse_option_set(env, "start", "die", sem)
                B = sparse_option_set(env, "start", "live", sem)
                res = count_orbit(A, B, r)
                cert = orbit_count_certificate(res, environment=env, state="start", a="die", b="live",
                                               semantics=sem, reward=r, evidence="units")
                path = os.path.join(tmp, f"t{m}-{n}-{len(name)}.json")
                write_certificate(cert, path)
                t_new = verify_cpu(path, repeats)
                sets = V._unit_sets(cert["instance"]["input"], "w")
                rv = tuple(V._vector(cert["instance"]["reward"], len(r), "w"))
                try:
                    t = time.process_time()
                    V._unit_count(sets, rv, cert["result"]["evidence"], "w", enumerate_maxima=True)
                    old = f"{time.process_time() - t:.2f}"
                except V.Invalid as exc:
                    old = f"refused ({str(exc).split(': ', 1)[-1][:40]}…)"
                print(f"| terminal:m={m},n={n} | {name} | {os.path.getsize(path) / 1e3:.1f} | {t_new:.2f} | {old} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()}; CPU seconds (process_time), shared machine")
    rep = 1 if args.quick else 3
    terminal([51, 100] if args.quick else [51, 100, 200, 1000], rep)
    units([500] if args.quick else [500, 1000, 2000], 10_000, rep)
    certificates([(2, 51)] if args.quick else [(2, 51), (3, 200)], rep)


if __name__ == "__main__":
    main()
