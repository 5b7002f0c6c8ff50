"""Hypothesis strategies for orbit-counting inputs: option sets, choice sets and rewards with ties.

Everything is exact (ints and Fractions).  The pools are small on purpose so that generated cases
hit the hard spots: repeated reward values, ties between options, zero coordinates, vectors shared
between A and B, interchangeable coordinate blocks, and rational entries.

Public strategies:

* :func:`rewards` -- a reward vector of length d with ties and rationals;
* :func:`vector_sets` -- ``(A, B, C | None, r)`` with generic vectors;
* :func:`block_sets` -- ``(A, B, C | None, r)`` built from unit-vector families over blocks
  (exercises the block and extremes-DP reductions);
* :func:`layered_sets` -- depth-2 option lists (Blackwell-style lexicographic values).
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

__all__ = ["exact_numbers", "rewards", "vectors", "vector_sets", "block_sets", "layered_sets"]

_ENTRIES = [0, 0, 0, 1, 1, 2, -1, 3, Fraction(1, 2), Fraction(-3, 2), Fraction(2, 3)]
_REWARD_POOL = [0, 1, 2, 3, -1, 5, Fraction(1, 2), Fraction(7, 3)]


def exact_numbers(pool=_ENTRIES) -> st.SearchStrategy:
    return st.sampled_from(pool)


def rewards(d: int, max_distinct: int = 5) -> st.SearchStrategy:
    """Length-d vectors over a few distinct values (so ties are common)."""
    return st.lists(st.sampled_from(_REWARD_POOL[:max_distinct]), min_size=d, max_size=d).map(tuple)


def vectors(d: int) -> st.SearchStrategy:
    return st.lists(exact_numbers(), min_size=d, max_size=d).map(tuple)


@st.composite
def vector_sets(draw, min_d: int = 1, max_d: int = 6, with_c: bool | None = None):
    """Generic option sets; B may share vectors with A; C (if any) contains A ∪ B or not."""
    d = draw(st.integers(min_d, max_d))
    A = draw(st.lists(vectors(d), min_size=1, max_size=3))
    B = draw(st.lists(vectors(d), min_size=1, max_size=3))
    if draw(st.booleans()):
        B = B + [draw(st.sampled_from(A))]
    use_c = draw(st.booleans()) if with_c is None else with_c
    C = None
    if use_c:
        extra = draw(st.lists(vectors(d), min_size=0, max_size=2))
        C = (A + B + extra) if draw(st.booleans()) else (extra + [A[0]] if extra else [A[0]])
    r = draw(rewards(d))
    return A, B, C, r


@st.composite
def block_sets(draw, max_d: int = 7, with_c: bool | None = None):
    """Families {w + c·e_i : i ∈ block} over disjoint blocks, plus untouched coordinates."""
    n_blocks = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 3)) for _ in range(n_blocks)]
    free = draw(st.integers(0, 2))
    d = sum(sizes) + free + 1  # coordinate 0 is a shared "w" coordinate
    if d > max_d:
        sizes = sizes[:1]
        n_blocks = 1
        d = sum(sizes) + free + 1
    starts = []
    pos = 1
    for s in sizes:
        starts.append(pos)
        pos += s

    def family(b: int, c=None) -> list[tuple]:
        if c is None:
            c = draw(st.sampled_from([1, 2, -1, Fraction(1, 2)]))
        w0 = draw(st.sampled_from([0, 0, 1, Fraction(1, 2)]))
        out = []
        for i in range(starts[b], starts[b] + sizes[b]):
            v = [0] * d
            v[0] = w0
            v[i] = c
            out.append(tuple(v))
        return out

    fams = [family(b) for b in range(n_blocks)]
    A = list(fams[0])
    B = [v for f in fams[1:] for v in f] or [tuple([1] + [0] * (d - 1))]
    if draw(st.booleans()):
        B.append(tuple([draw(st.sampled_from([0, 1, 2]))] + [0] * (d - 1)))
    if draw(st.booleans()):
        # a second family on one block with a negative coefficient: the block needs max and min
        b = draw(st.integers(0, n_blocks - 1))
        fam = family(b, c=draw(st.sampled_from([-1, -2, 3])))
        if draw(st.booleans()):
            B.extend(fam)
        else:
            A.extend(fam)
    use_c = draw(st.booleans()) if with_c is None else with_c
    C = (A + B) if use_c else None
    r = draw(rewards(d))
    return A, B, C, r


@st.composite
def layered_sets(draw, max_d: int = 5):
    """Depth-2 options as lists of (layer0, layer1); values compare lexicographically."""
    d = draw(st.integers(1, max_d))
    small = st.sampled_from([0, 0, 1, 2, -1, Fraction(1, 2)])

    def option():
        return tuple(tuple(draw(small) for _ in range(d)) for _ in range(2))

    A = [option() for _ in range(draw(st.integers(1, 2)))]
    B = [option() for _ in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        # same first layer, different second: ties broken by the second layer
        B.append((A[0][0], tuple(draw(small) for _ in range(d))))
    r = draw(rewards(d))
    return A, B, r
