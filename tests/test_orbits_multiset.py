"""Multiset combinatorics against brute force (itertools)."""

from __future__ import annotations

from itertools import permutations, product

from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.orbits.blocks import count_classes
from orbitproof.orbits.engine import class_table
from orbitproof.orbits.multiset import (
    arrangement_table,
    distinct_permutations,
    multinomial,
    orbit_size,
    rank_permutation,
    sub_multisets,
    unrank_permutation,
)

small_multisets = st.lists(st.integers(0, 3), min_size=0, max_size=6)


@settings(max_examples=200, deadline=None)
@given(small_multisets)
def test_distinct_permutations_are_the_sorted_set_of_all_permutations(values):
    assert list(distinct_permutations(values)) == sorted(set(permutations(values)))
    assert orbit_size(values) == len(set(permutations(values)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=6), st.data())
def test_rank_and_unrank_are_inverse_bijections_onto_lexicographic_order(values, data):
    perms = list(distinct_permutations(values))
    k = data.draw(st.integers(0, len(perms) - 1))
    assert unrank_permutation(values, k) == perms[k]
    assert rank_permutation(perms[k]) == k


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=0, max_size=4), st.integers(0, 8))
def test_sub_multisets_are_all_bounded_vectors_of_the_size_in_order(counts, size):
    expected = sorted(q for q in product(*[range(c + 1) for c in counts]) if sum(q) == size)
    assert list(sub_multisets(counts, size)) == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 2), min_size=1, max_size=4))
def test_arrangement_table_lists_each_distinct_arrangement_once(pattern):
    tab = arrangement_table(tuple(pattern))
    rows = [tuple(int(x) for x in row) for row in tab]
    base = [i for i, m in enumerate(pattern) for _ in range(m)]
    assert rows == sorted(set(permutations(base)))
    assert len(rows) == multinomial(pattern)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 3), min_size=1, max_size=3).filter(lambda s: sum(s) <= 7), st.data())
def test_block_classes_partition_the_orbit_with_multinomial_weights(sizes, data):
    d = sum(sizes)
    cuts = sorted(data.draw(st.lists(st.integers(0, d), min_size=0, max_size=3)))
    bounds = [0, *cuts, d]
    counts = [bounds[i + 1] - bounds[i] for i in range(len(bounds) - 1)]
    idx, weights, ones = class_table(tuple(sizes), tuple(c for c in counts if c))
    assert sum(weights) == multinomial(counts)
    assert ones == all(w == 1 for w in weights)
    assert len(weights) == count_classes(sizes, counts)
    # brute force: classes = sub-multiset per block
    base = [i for i, m in enumerate(c for c in counts if c) for _ in range(m)]
    seen = {}
    for p in set(permutations(base)):
        key, pos = [], 0
        for s in sizes:
            key.append(tuple(sorted(p[pos:pos + s])))
            pos += s
        seen[tuple(key)] = seen.get(tuple(key), 0) + 1
    got = {}
    for row, w in zip(idx, weights):
        key, pos = [], 0
        for s in sizes:
            key.append(tuple(int(x) for x in row[pos:pos + s]))
            pos += s
        got[tuple(key)] = w
    assert got == seen


def test_the_empty_multiset_has_exactly_one_empty_arrangement():
    assert arrangement_table(()).shape == (1, 0)
    assert arrangement_table((0, 0)).shape == (1, 0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=4), st.integers(0, 5))
def test_sub_arrangements_are_the_distinct_t_permutations_of_the_multiset(counts, t):
    """Twin: itertools.permutations of the expanded multiset, deduplicated."""
    from itertools import permutations as iperm

    from orbitproof.orbits.multiset import sub_arrangements

    values = [10 * i - 7 for i in range(len(counts))]
    pool = [v for v, c in zip(values, counts) for _ in range(c)]
    got = sub_arrangements(values, counts, t)
    want = set(iperm(pool, t)) if t <= len(pool) else set()
    assert len(got) == len(set(got))
    assert set(got) == want
