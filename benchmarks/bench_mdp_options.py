"""Benchmark: exact MDP options (fast paths) vs the brute-force reference twins, same run.

Run: python benchmarks/bench_mdp_options.py
"""

from __future__ import annotations

import time
from fractions import Fraction

from orbitproof.mdp import nondominated, option_set, resolve_environment, rsd_vectors
from orbitproof.mdp import reference as ref
from orbitproof.core.semantics import Discounted, Gain


def timed(fn, repeat=1):
    t = time.perf_counter()
    for _ in range(repeat):
        out = fn()
    return (time.perf_counter() - t) / repeat, out


def main() -> None:
    g = Fraction(9, 10)
    for spec, state in [("fig1", "star"), ("ye-olde", "start"), ("gridworld:w=3,h=2", "c0_0")]:
        env = resolve_environment(spec)
        s = env.index(state)
        tf, fast = timed(lambda: set(option_set(env, state, None, Discounted(g)).vectors))
        tr, slow = timed(lambda: ref.values_ref(env, s, None, g))
        assert fast == slow
        print(f"F({state}) at 9/10 on {spec:18s}: fast {tf*1e3:8.1f} ms  brute force {tr*1e3:9.1f} ms  "
              f"ratio {tr/tf:7.1f}x  ({len(fast)} options, {len(list(ref.all_policies(env)))} policies)")
    for spec, state in [("gridworld:w=3,h=3", "c1_1"), ("gridworld:w=4,h=3", "c1_1")]:
        env = resolve_environment(spec)
        tf, fast = timed(lambda: set(option_set(env, state, None, Gain(), nd=True).vectors))
        tr, slow = timed(lambda: set(nondominated(rsd_vectors(env, state, max_size=10**7)).nd_vectors))
        assert fast == slow
        print(f"RSD_nd({state}) on {spec:18s}: structural {tf*1e3:8.1f} ms  enumerate+LP {tr*1e3:9.1f} ms  "
              f"ratio {tr/tf:7.1f}x  ({len(fast)} ND of {len(rsd_vectors(env, state, max_size=10**7))})")
    for spec, state, action in [("gridworld:w=8,h=8", "c4_4", None), ("gridworld:w=8,h=8", "c4_4", "up"),
                                ("gridworld:w=10,h=10", "c5_5", "up")]:
        env = resolve_environment(spec)
        tf, fast = timed(lambda: option_set(env, state, action, Gain(), nd=True))
        print(f"RSD_nd({state}{' | ' + action if action else ''}) on {spec}: {tf*1e3:.1f} ms, {len(fast)} options "
              "(brute force infeasible)")


if __name__ == "__main__":
    main()
