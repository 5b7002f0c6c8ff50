"""Benchmark: non-domination (RSD_nd) and copies, new path against the old one in the same run.

    python benchmarks/bench_nd_copies.py [--quick]

1. RSD_nd(c0_0 | right) on w×w gridworlds under gain.  Old path: the full exact LP with the dense
   Gauss–Jordan pivot after the r = x candidate (as before this change), patched in for the run.
   New path: sparse pivot, private-coordinate witness, support-restricted domination LP.
2. find_copies on ``terminal:m=2,n=N`` under gain.  Old path: B's signatures recomputed on every
   call of the involution search (as before); new: computed once and updated by differences.

CPU seconds (time.process_time), median of runs; the answers must agree.
"""

from __future__ import annotations

import statistics
import sys
import time
from fractions import Fraction
from unittest import mock

from orbitproof.core.semantics import Gain
from orbitproof.mdp import lp, resolve_environment
from orbitproof.mdp import recurrent
from orbitproof.mdp.options import option_set
from orbitproof.symmetry import finder, find_copies


def dense_pivot(T, r, c):
    piv = T[r][c]
    row = T[r]
    if piv != 1:
        T[r] = row = [x / piv for x in row]
    for i, other in enumerate(T):
        if i != r:
            f = other[c]
            if f:
                T[i] = [a - f * b if b else a for a, b in zip(other, row)]


def old_nd_verdict(x, others):
    """The verdict as computed before: r = x, else the full LP (then phase 1 if dominated)."""
    d = len(x)
    vx = sum(a * a for a in x)
    if all(vx > sum(a * b for a, b in zip(x, y)) for y in others):
        return True, tuple(x), None
    n = 2 * d + 1
    A, b = [], []
    for y in others:
        diff = [xi - yi for xi, yi in zip(x, y)]
        A.append([-v for v in diff] + list(diff) + [Fraction(1)])
        b.append(Fraction(0))
    for i in range(2 * d):
        row = [Fraction(0)] * n
        row[i] = Fraction(1)
        A.append(row)
        b.append(Fraction(1))
    t, z = lp.maximize_leq([Fraction(0)] * (2 * d) + [Fraction(1)], A, b)
    if t > 0:
        return True, tuple(z[i] - z[d + i] for i in range(d)), None
    rows = [[y[i] for y in others] for i in range(d)] + [[Fraction(1)] * len(others)]
    return False, None, lp.feasible_eq(rows, list(x) + [Fraction(1)])


def cpu(fn, runs):
    times, out = [], None
    for _ in range(runs):
        t = time.process_time()
        out = fn()
        times.append(time.process_time() - t)
    return out, statistics.median(times)


def main() -> None:
    quick = "--quick" in sys.argv
    runs = 1 if quick else 3
    print("1. RSD_nd(c0_0 | right), gridworld w×w, gain (CPU s)")
    for w in (6, 8) if quick else (6, 8, 12, 16):
        env = resolve_environment(f"gridworld:w={w},h={w}")
        new, tn = cpu(lambda: option_set(env, "c0_0", "right", Gain(), nd=True), runs)
        with mock.patch.object(lp, "_pivot", dense_pivot), mock.patch.object(recurrent, "nd_verdict", old_nd_verdict):
            old, to = cpu(lambda: option_set(env, "c0_0", "right", Gain(), nd=True), 1 if w >= 12 else runs)
        assert set(new.options) == set(old.options)
        print(f"  {w:2d}x{w:<2d} {len(new):4d} options  old {to:7.2f}  new {tn:6.2f}  ratio {to / max(tn, 1e-9):6.1f}x")
    print("2. find_copies terminal:m=2,n=N, die vs live, gain (CPU s)")
    real = finder.iter_involution_copies

    def no_cache(A, B, *, b_signatures=None):
        return real(A, B)

    for n in (100, 200) if quick else (100, 200, 400):
        env = resolve_environment(f"terminal:m=2,n={n}")
        new, tn = cpu(lambda: find_copies(env=env, state="start", a="die", b="live", semantics=Gain()), runs)
        with mock.patch.object(finder, "iter_involution_copies", no_cache):
            old, to = cpu(lambda: find_copies(env=env, state="start", a="die", b="live", semantics=Gain()), 1)
        assert new.n == old.n
        print(f"  n={n:4d} copies {new.n:4d}  old {to:7.2f}  new {tn:6.2f}  ratio {to / max(tn, 1e-9):5.1f}x")


if __name__ == "__main__":
    main()
