"""Benchmark: orbit counts of finite mixtures of point masses (orbitproof.orbits.mixtures).

    python benchmarks/bench_mixtures.py

For each case the exact engine (integers, one pass over S_d, division by |Stab(D)|) and the
reference engine (distinct φ·D kept in a set, f evaluated from the definition) run in the same
process; the counts must agree and the ratio reference / exact is reported.  The last line times
the whole `mixfaces:3` family on the F2 unit instance m = 2, n = 3 (30,975 mixtures) with the exact
engine, as the claims search and the committed certificate use it.
"""

from __future__ import annotations

import random
import time
from fractions import Fraction

from orbitproof.claims import parse_family
from orbitproof.orbits.mixtures import count_mixture


def units(d: int, idx) -> list[list[int]]:
    return [[int(i == j) for i in range(d)] for j in idx]


def timed(fn):
    t = time.perf_counter()
    r = fn()
    return r, time.perf_counter() - t


def random_case(rng: random.Random, d: int, k: int, n_opts: int):
    vec = lambda: [Fraction(rng.randint(0, 2), rng.randint(1, 2)) for _ in range(d)]  # noqa: E731
    A = [vec() for _ in range(n_opts)]
    B = [vec() for _ in range(n_opts)]
    rs = list({tuple(Fraction(rng.randint(0, 3)) for _ in range(d)) for _ in range(k)})
    ws = [rng.randint(1, 5) for _ in rs]
    return A, B, [(Fraction(w, sum(ws)), r) for w, r in zip(ws, rs)]


def main() -> None:
    rng = random.Random(0)
    print(f"{'case':48s} {'exact s':>9s} {'ref s':>9s} {'ratio':>7s}  counts")
    cases = [("units m=2 n=3, 3 components, is-optimal", 5, None, "is-optimal"),
             ("units m=3 n=4, 3 components, is-optimal", 7, None, "is-optimal"),
             ("random d=6, 4 options/side, 3 components, max", 6, 4, "max"),
             ("random d=7, 4 options/side, 2 components, frac", 7, 4, "frac-optimal"),
             ("random d=8, 3 options/side, 2 components, max", 8, 3, "max")]
    for label, d, n_opts, compare in cases:
        if n_opts is None:
            m = 2 if d == 5 else 3
            A, B = units(d, range(m)), units(d, range(m, d))
            mix = [(Fraction(1, 2), tuple(Fraction(int(i < 2)) for i in range(d))),
                   (Fraction(1, 3), tuple(Fraction(int(i == d - 1)) for i in range(d))),
                   (Fraction(1, 6), tuple(Fraction(i % 3) for i in range(d)))]
        else:
            A, B, mix = random_case(rng, d, 3 if d < 7 else 2, n_opts)
        C = A + B if compare != "max" else None
        fast, t_fast = timed(lambda: count_mixture(A, B, mix, C=C, compare=compare))
        ref, t_ref = timed(lambda: count_mixture(A, B, mix, C=C, compare=compare, engine="reference"))
        assert fast == ref, (label, fast, ref)
        print(f"{label:48s} {t_fast:9.3f} {t_ref:9.3f} {t_ref / t_fast:7.1f}  {fast}")
    A, B = units(5, range(2)), units(5, range(2, 5))
    fam = list(parse_family("mixfaces:3").rewards(5))
    _, t = timed(lambda: [count_mixture(A, B, m, C=A + B, compare="is-optimal") for m in fam])
    print(f"mixfaces:3 on units m=2 n=3: {len(fam)} mixtures, exact engine {t:.2f} s")


if __name__ == "__main__":
    main()
