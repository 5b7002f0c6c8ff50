"""Benchmark: the exact γ-sweep (orbitproof.orbits.sweep) against counting on a grid of γ values, and
its incremental counting stage against the per-piece path (one count_orbit per piece).

    nice -n 10 python benchmarks/bench_sweep.py [--grid N] [--cases candy,fig1,fig1-lr,terminal]
                                                [--repeat R] [--baseline-repeat B] [--no-grid]
                                                [--no-per-piece]

For each case, in the same process:

* the sweep with the default counting (``auto``: the incremental stage of
  orbitproof/orbits/sweep_count.py where it applies), R times (median reported, with the stage
  split: polynomials / roots / counts);
* the sweep with ``counting="per-piece"`` (the slow twin), B times, and the ratio of the medians
  (whole sweep and counting stage); both answers must be equal (checked); ``--no-per-piece`` skips
  it (fig1 right vs left: the per-piece path takes minutes);
* the counts evaluated directly at the N grid points γ = k/(N+1), k = 1..N (``count --gamma`` for
  each), B times; the grid's counts must agree with the sweep at every grid point (checked).
  Reported: how many breakpoints the grid hits exactly and how many pieces of the exact partition
  (open intervals and breakpoints) contain no grid point -- count values the grid never sees.
"""

from __future__ import annotations

import argparse
import statistics
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


def _timed(fn, repeat: int):
    runs, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs), out


def run(name: str, grid: int, repeat: int, baseline_repeat: int, with_grid: bool, per_piece: bool = True) -> None:
    envname, state, a, b, reward = CASES[name]
    env = resolve_environment(envname)
    stats = []

    def fast():
        sw = sweep(env, state, a, b, reward, count_work=None, blackwell=False)
        stats.append(sw.stats)
        return sw

    t_fast, sw = _timed(fast, repeat)
    counts_fast = statistics.median(s["seconds_counts"] for s in stats)
    polys = statistics.median(s["seconds_polynomials"] for s in stats)
    roots = statistics.median(s["seconds_roots"] for s in stats)
    mode = stats[-1]["counting"]
    irr = sum(1 for bp in sw.breakpoints if not bp.is_rational)
    deg = max([1, *(bp.degree for bp in sw.breakpoints)])
    head = (f"{name:9s} orbit {sw.pieces[0].counts[3]:>11,}  breakpoints {len(sw.breakpoints):5d} ({irr} irrational, "
            f"max degree {deg})  sweep [{mode}] {t_fast:7.2f} s (polynomials {polys:.2f}, roots {roots:.2f}, "
            f"counts {counts_fast:.2f})")
    if not per_piece:
        print(head, flush=True)
    slow_stats = []

    def slow():
        out = sweep(env, state, a, b, reward, count_work=None, blackwell=False, counting="per-piece")
        slow_stats.append(out.stats)
        return out

    if per_piece:
        t_slow, sw_slow = _timed(slow, baseline_repeat)
        assert sw_slow.pieces == sw.pieces and sw_slow.breakpoints == sw.breakpoints, name
        counts_slow = statistics.median(s["seconds_counts"] for s in slow_stats)
        print(f"{head}  per-piece {t_slow:7.2f} s (counts {counts_slow:.2f})  per-piece/sweep "
              f"{t_slow / t_fast:6.1f}x, counting stage {counts_slow / max(counts_fast, 1e-9):6.1f}x", flush=True)
    if not with_grid:
        return
    prob = sweep_problem(env, state, a, b, reward)
    points = [Fraction(k, grid + 1) for k in range(1, grid + 1)]

    def on_grid():
        seen = set()
        for g in points:
            got = count_at(prob, g)
            piece = sw.locate(g)
            assert got == piece.counts, (name, g)
            seen.add(id(piece))
        return seen

    t_grid, seen = _timed(on_grid, baseline_repeat)
    hits = sum(1 for bp in sw.breakpoints if bp.is_rational and any(g == bp.value for g in points))
    missed = sum(1 for p in sw.pieces if id(p) not in seen)
    print(f"{'':9s} grid({grid}) {t_grid:8.2f} s  grid/sweep {t_grid / t_fast:6.1f}x  breakpoints hit by the grid "
          f"{hits}  pieces the grid misses {missed} of {len(sw.pieces)}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--grid", type=int, default=1000)
    ap.add_argument("--cases", default="candy,fig1,fig1-lr,terminal")
    ap.add_argument("--repeat", type=int, default=3, help="runs of the sweep (median)")
    ap.add_argument("--baseline-repeat", type=int, default=1, help="runs of the per-piece sweep and of the grid")
    ap.add_argument("--no-grid", action="store_true")
    ap.add_argument("--no-per-piece", action="store_true", help="skip the per-piece twin")
    args = ap.parse_args()
    for name in args.cases.split(","):
        run(name, args.grid, args.repeat, args.baseline_repeat, not args.no_grid, not args.no_per_piece)


if __name__ == "__main__":
    main()
