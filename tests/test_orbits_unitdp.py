"""The extremes DP against brute force over all arrangements (its slow twin)."""

from __future__ import annotations

from collections import Counter
from itertools import permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.orbits.unitdp import extreme_statistics


def _brute(sizes, needs, counts_desc, with_counts):
    vals = [j for j, m in enumerate(counts_desc) for _ in range(m)]
    out: Counter = Counter()
    for p in set(permutations(vals)):
        pos, key = 0, []
        for s, need in zip(sizes, needs):
            blk = p[pos:pos + s]
            pos += s
            hi, lo = min(blk), max(blk)  # index j: smaller j = larger value
            e = [None, None, None, None]
            if need in ("max", "both"):
                e[0], e[1] = hi, (blk.count(hi) if with_counts else 1)
            if need in ("min", "both"):
                e[2], e[3] = lo, (blk.count(lo) if with_counts else 1)
            key.append(tuple(e))
        out[tuple(key)] += 1
    return dict(out)


@st.composite
def dp_inputs(draw):
    nb = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 3)) for _ in range(nb)]
    needs = [draw(st.sampled_from(["none", "max", "min", "both"])) for _ in range(nb)]
    d = sum(sizes)
    cuts = sorted(draw(st.lists(st.integers(0, d), max_size=d)))
    bounds = [0, *cuts, d]
    counts = [bounds[i + 1] - bounds[i] for i in range(len(bounds) - 1)]
    return sizes, needs, counts, draw(st.booleans())


@settings(max_examples=300, deadline=None)
@given(dp_inputs())
def test_extreme_statistics_equal_brute_force_over_arrangements(case):
    sizes, needs, counts, with_counts = case
    assert extreme_statistics(sizes, needs, counts, with_counts) == _brute(sizes, needs, counts, with_counts)
