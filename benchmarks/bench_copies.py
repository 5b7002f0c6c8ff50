"""Benchmark: find_copies on the issue's large cases (targets: each under 10 s on 2 cores).

    python benchmarks/bench_copies.py

Cases: two first actions from the centre of ``gridworld:w=10,h=10`` (gain, RSD_nd), and
``terminal:m=2,n=200`` (gain, die vs live).  Uses orbitproof.mdp when importable, otherwise the
equivalent vector sets (unit vectors).  A brute-force baseline (every involution, every subset)
runs on a tiny case in the same run for scale.
"""

from __future__ import annotations

import time
from fractions import Fraction

from orbitproof.core.optionset import OptionSet
from orbitproof.core.semantics import Gain
from orbitproof.symmetry import find_copies, max_copies_reference


def unit_sets(m: int, n: int):
    d = m + n
    coords = [f"d{i + 1}" for i in range(m)] + [f"l{i + 1}" for i in range(n)]
    e = lambda k: [Fraction(int(j == k)) for j in range(d)]  # noqa: E731
    return (OptionSet.from_vectors([e(k) for k in range(m)], coords),
            OptionSet.from_vectors([e(k) for k in range(m, d)], coords))


def timed(label: str, fn):
    t = time.perf_counter()
    r = fn()
    dt = time.perf_counter() - t
    print(f"{label:62s} {dt:8.3f} s   {r}")
    return r, dt


def main() -> None:
    try:
        from orbitproof.mdp import resolve_environment
    except ImportError:
        resolve_environment = None
    if resolve_environment is not None:
        grid = resolve_environment("gridworld:w=10,h=10")
        centre = _centre(grid)
        acts = grid.actions(centre)
        a, b = acts[0], acts[1]
        timed(f"gridworld 10x10 gain nd, centre {centre}: {a} vs {b}",
              lambda: find_copies(env=grid, state=centre, a=a, b=b, semantics=Gain(), nd=True))
        timed(f"  same, disjoint images",
              lambda: find_copies(env=grid, state=centre, a=a, b=b, semantics=Gain(), nd=True, disjoint=True))
        term = resolve_environment("terminal:m=2,n=200")
        timed("terminal:m=2,n=200 gain, die vs live",
              lambda: find_copies(env=term, state="start", a="die", b="live", semantics=Gain()))
        t51 = resolve_environment("terminal:m=2,n=51")
        timed("terminal:m=2,n=51 gain, die vs live",
              lambda: find_copies(env=t51, state="start", a="die", b="live", semantics=Gain()))
    else:
        print("(orbitproof.mdp not importable: using the equivalent vector sets)")
        coords = [f"c{k}" for k in range(100)]
        units = OptionSet.from_vectors([[Fraction(int(j == k)) for j in range(100)] for k in range(100)], coords)
        timed("gridworld-like: 100 unit vectors vs the same", lambda: find_copies(units, units))
        timed("  same, disjoint images", lambda: find_copies(units, units, disjoint=True))
    for m, n in ((2, 51), (2, 200), (3, 200), (1, 300)):
        timed(f"vector sets: {m} vs {n} unit vectors", lambda: find_copies(*unit_sets(m, n)))
    A, B = unit_sets(1, 4)
    timed("brute-force baseline: 1 vs 4 (all 26 involutions, all subsets)",
          lambda: max_copies_reference(A.options, B.options, 5))
    timed("fast: 1 vs 4", lambda: find_copies(A, B))


def _centre(env) -> str:
    states = env.states
    for guess in ("c5_5", "5,5", "(5,5)", "s5_5", "5_5"):
        if guess in states:
            return guess
    return states[len(states) // 2]


if __name__ == "__main__":
    main()
