"""Multisets of reward values and their distinct arrangements (docs/math.md §2.1).

The orbit S_d·r of a reward vector is the set of *distinct* arrangements of the multiset of its
entries; its size is d!/∏ m_i! where m_i are the multiplicities (:func:`orbit_size`).

Everything here is exact integer combinatorics:

* :func:`multinomial` -- n!/∏ k_i!;
* :func:`distinct_permutations` -- the orbit in lexicographic order (the reference enumeration);
* :func:`rank_permutation` / :func:`unrank_permutation` -- the bijection between the orbit in
  lexicographic order and ``range(orbit_size)``, used for deterministic contiguous shards;
* :func:`sub_multisets` -- the sub-multisets of a given size (as count vectors), lexicographic;
* :func:`arrangement_table` -- all distinct arrangements of a multiset *pattern* as an index
  array (cached), the building block of the vectorised engine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from ..core.errors import OptionSetError
from functools import lru_cache
from itertools import permutations
from math import comb, factorial
from typing import Any

import numpy as np

__all__ = [
    "multinomial",
    "orbit_size",
    "counts_of",
    "distinct_permutations",
    "next_permutation",
    "rank_permutation",
    "unrank_permutation",
    "sub_multisets",
    "arrangement_table",
    "sub_arrangements",
]


def multinomial(counts: Sequence[int]) -> int:
    """(Σ k_i)! / ∏ k_i! -- the number of distinct arrangements of a multiset with these counts."""
    out, n = 1, 0
    for k in counts:
        n += k
        out *= comb(n, k)
    return out


def counts_of(values: Sequence[Any]) -> tuple[tuple[Any, ...], tuple[int, ...]]:
    """``(distinct values sorted ascending, multiplicities)`` of a sequence."""
    c = Counter(values)
    vals = tuple(sorted(c))
    return vals, tuple(c[v] for v in vals)


def orbit_size(values: Sequence[Any]) -> int:
    """|S_d·r| = d!/∏ m_i! for the multiset of entries of ``values`` (docs/math.md §2.1)."""
    return multinomial(counts_of(values)[1])


def next_permutation(seq: list[Any]) -> bool:
    """Advance ``seq`` in place to the next distinct arrangement in lexicographic order.

    Returns False (leaving ``seq`` sorted ascending) after the last one.  Repeated values are
    handled, so iterating from the sorted sequence visits every distinct arrangement once.
    """
    n = len(seq)
    i = n - 2
    while i >= 0 and seq[i] >= seq[i + 1]:
        i -= 1
    if i < 0:
        seq.reverse()
        return False
    j = n - 1
    while seq[j] <= seq[i]:
        j -= 1
    seq[i], seq[j] = seq[j], seq[i]
    seq[i + 1 :] = reversed(seq[i + 1 :])
    return True


def distinct_permutations(values: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
    """Every distinct arrangement of ``values`` exactly once, in lexicographic order."""
    seq = sorted(values)
    yield tuple(seq)
    while next_permutation(seq):
        yield tuple(seq)


def rank_permutation(arrangement: Sequence[Any]) -> int:
    """Position of ``arrangement`` in the lexicographic list of its multiset's arrangements."""
    vals, counts = counts_of(arrangement)
    index = {v: i for i, v in enumerate(vals)}
    cnt = list(counts)
    rank = 0
    for x in arrangement:
        k = index[x]
        for smaller in range(k):
            if cnt[smaller]:
                cnt[smaller] -= 1
                rank += multinomial(cnt)
                cnt[smaller] += 1
        cnt[k] -= 1
    return rank


def unrank_permutation(values: Sequence[Any], rank: int) -> tuple[Any, ...]:
    """Inverse of :func:`rank_permutation`: the ``rank``-th arrangement of the multiset ``values``."""
    vals, counts = counts_of(values)
    cnt = list(counts)
    total = multinomial(cnt)
    if not 0 <= rank < total:
        raise OptionSetError(f"rank {rank} outside 0..{total - 1}")
    out = []
    for _ in range(len(values)):
        for k, v in enumerate(vals):
            if not cnt[k]:
                continue
            cnt[k] -= 1
            block = multinomial(cnt)
            if rank < block:
                out.append(v)
                break
            rank -= block
            cnt[k] += 1
    return tuple(out)


def sub_multisets(counts: Sequence[int], size: int) -> Iterator[tuple[int, ...]]:
    """Count vectors ``q`` with ``0 <= q_i <= counts_i`` and ``Σ q_i = size``, lexicographic order."""
    n = len(counts)
    suffix = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        suffix[i] = suffix[i + 1] + counts[i]
    if not 0 <= size <= suffix[0]:
        return

    def fill(q: list[int], start: int, left: int) -> None:
        # lexicographically smallest completion: as little as possible early on
        for i in range(start, n):
            q[i] = max(0, left - suffix[i + 1])
            left -= q[i]

    q = [0] * n
    fill(q, 0, size)
    while True:
        yield tuple(q)
        # rightmost i < n-1 that can grow by one, taking one unit from later positions
        later = 0
        for i in range(n - 1, -1, -1):
            if later >= 1 and q[i] < counts[i]:
                q[i] += 1
                fill(q, i + 1, later - 1)
                break
            later += q[i]
        else:
            return


def sub_arrangements(values: Sequence[int], counts: Sequence[int], t: int) -> list[tuple[int, ...]]:
    """Every distinct length-``t`` sequence drawn without replacement from the multiset holding
    ``values[i]`` ``counts[i]`` times (every arrangement of every size-``t`` sub-multiset), each once,
    depth first in the order of ``values``.  The reward arrangements on a support of size ``t``."""
    rows: list[tuple[int, ...]] = [()]
    left: list[list[int]] = [list(counts)]
    for _ in range(t):
        nrows, nleft = [], []
        for row, rem in zip(rows, left):
            for i, c in enumerate(rem):
                if c:
                    r2 = rem.copy()
                    r2[i] -= 1
                    nrows.append(row + (values[i],))
                    nleft.append(r2)
        rows, left = nrows, nleft
    return rows


@lru_cache(maxsize=256)
def arrangement_table(pattern: tuple[int, ...]) -> np.ndarray:
    """All distinct arrangements of the multiset {i repeated pattern[i] times}, shape (n, Σ pattern).

    Rows are in lexicographic order; entries are indices into the distinct values (int16).
    """
    k = sum(pattern)
    if k == 0:
        return np.zeros((1, 0), dtype=np.int16)
    if all(m == 1 for m in pattern):
        flat = np.fromiter(
            (x for p in permutations(range(k)) for x in p), dtype=np.int16, count=factorial(k) * k
        )
        return flat.reshape(-1, k)
    base = [i for i, m in enumerate(pattern) for _ in range(m)]
    rows = list(distinct_permutations(base))
    return np.array(rows, dtype=np.int16).reshape(len(rows), k)
