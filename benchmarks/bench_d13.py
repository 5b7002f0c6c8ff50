"""Benchmark: the exhaustive D.13 enumeration (``d13-all``) and the reading checks over it.

    python benchmarks/bench_d13.py [--max-d 5]

Per size d: the time to enumerate every instance up to S_d (plain and closed C, m = 1..3) and the
instances per second; for d ≤ 4 also the time to check reading F6 (is-optimal) on every instance
with its complete reward list, against the brute-force enumeration (every A, every family, full
S_d canonical form) run in the same process as the baseline (ratio reported).
"""

from __future__ import annotations

import argparse
import time


def main() -> None:
    from orbitproof.claims.faces import face_rewards
    from orbitproof.search.d13 import check_reading, d13_instances, d13_specs, enumerate_reference

    ap = argparse.ArgumentParser()
    ap.add_argument("--max-d", type=int, default=5)
    a = ap.parse_args()
    print(f"{'d':>2} {'C':>6} {'instances':>9} {'enumerate s':>12} {'inst/s':>9} {'brute s':>9} {'ratio':>6} "
          f"{'check s':>8} {'checks/s':>9}")
    for d in range(2, a.max_d + 1):
        for closed in (False, True):
            t = time.perf_counter()
            n = sum(sum(1 for _ in d13_instances(d, m, None, closed)) for m in (1, 2, 3))
            te = time.perf_counter() - t
            tb = ratio = None
            if d <= 4:
                t = time.perf_counter()
                for m in (1, 2, 3):
                    enumerate_reference(d, m, None, closed)
                tb = time.perf_counter() - t
                ratio = tb / te if te else None
            tc = cps = None
            if d <= 4:
                face_rewards(d)
                t = time.perf_counter()
                k = 0
                for spec in d13_specs(d, (1, 2, 3), None, closed):
                    check_reading("F6", spec, "is-optimal")
                    k += 1
                tc = time.perf_counter() - t
                cps = k / tc if tc else None
            fmt = lambda x, w, p=3: f"{x:{w}.{p}f}" if x is not None else f"{'-':>{w}}"  # noqa: E731
            print(f"{d:>2} {'closed' if closed else 'A∪B':>6} {n:>9} {te:12.3f} {n / te if te else 0:9.1f} "
                  f"{fmt(tb, 9)} {fmt(ratio, 6, 1)} {fmt(tc, 8)} {fmt(cps, 9, 1)}")
    t = time.perf_counter()
    face_rewards.cache_clear()
    face_rewards(4)
    print(f"face_rewards(4): {len(face_rewards(4))} rewards in {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
