"""Benchmark: the exact γ-sweep (orbitproof.orbits.sweep) against counting on a grid of γ values.

    python benchmarks/bench_sweep.py [--grid N] [--cases candy,fig1,terminal]

For each case the sweep runs once (exact breakpoints and counts on every piece), then the counts
are evaluated directly at the N grid points γ = k/(N+1), k = 1..N (``count --gamma`` for each), in
the same process.  Reported: both times, their ratio, the number of breakpoints, how many of them
the grid hits exactly, and how many pieces of the exact partition (open intervals and breakpoints)
contain no grid point -- count values the grid never sees.  The grid's counts must agree with the
sweep at every grid point (checked).
"""

from __future__ import annotations

import argparse
import time
from fractions import Fraction

from orbitproof.mdp import resolve_environment
from orbitproof.orbits.sweep import count_at, gamma_sweep as sweep, sweep_problem

CASES = {
    "candy": ("candy", "start", "candy", "wait", (0, 1, 2, 3, 4)),
    "fig1": ("fig1", "star", "up", "right", tuple(range(8))),
    "fig1-lr": ("fig1", "star", "left", "right", tuple(range(8))),
    "terminal": ("terminal:m=2,n=8", "start", "die", "live", (0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 5)),
}


def run(name: str, grid: int) -> None:
    envname, state, a, b, reward = CASES[name]
    env = resolve_environment(envname)
    t0 = time.perf_counter()
    sw = sweep(env, state, a, b, reward, count_work=None)
    t_sweep = time.perf_counter() - t0
    prob = sweep_problem(env, state, a, b, reward)
    points = [Fraction(k, grid + 1) for k in range(1, grid + 1)]
    seen = set()
    t0 = time.perf_counter()
    for g in points:
        got = count_at(prob, g)
        piece = sw.locate(g)
        assert got == piece.counts, (name, g)
        seen.add(id(piece))
    t_grid = time.perf_counter() - t0
    hits = sum(1 for bp in sw.breakpoints if bp.is_rational and any(g == bp.value for g in points))
    missed = sum(1 for p in sw.pieces if id(p) not in seen)
    irr = sum(1 for bp in sw.breakpoints if not bp.is_rational)
    print(f"{name:9s} orbit {sw.pieces[0].counts[3]:>13,}  breakpoints {len(sw.breakpoints):5d} ({irr} irrational)  "
          f"sweep {t_sweep:8.2f} s  grid({grid}) {t_grid:8.2f} s  grid/sweep {t_grid / t_sweep:6.2f}  "
          f"breakpoints hit by the grid {hits}  pieces the grid misses {missed} of {len(sw.pieces)}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--grid", type=int, default=1000)
    ap.add_argument("--cases", default="candy,fig1,terminal")
    args = ap.parse_args()
    for name in args.cases.split(","):
        run(name, args.grid)


if __name__ == "__main__":
    main()
