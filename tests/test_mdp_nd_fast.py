"""Fast paths of non-domination (orbitproof/mdp/nd.py, lp.py) against their definition-level twins:
the verdict of nd_verdict (cheap witnesses, the small support-restricted domination LP, the full LP)
equals "x is not a convex combination of the others" decided by one phase-1 LP over all of them,
and the sparse simplex pivot gives the same optimum as a dense Gauss–Jordan pivot."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.mdp import lp
from orbitproof.mdp.nd import nd_verdict

Q = st.sampled_from([Fraction(0), Fraction(0), Fraction(1), Fraction(1, 2), Fraction(1, 3), Fraction(2)])
Z = st.sampled_from([Fraction(-1), Fraction(0), Fraction(0), Fraction(1), Fraction(1, 2)])


def _in_hull(x, others) -> bool:
    rows = [[y[i] for y in others] for i in range(len(x))] + [[Fraction(1)] * len(others)]
    return lp.feasible_eq(rows, list(x) + [Fraction(1)]) is not None


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 5).flatmap(lambda d: st.lists(st.tuples(*[st.one_of(Q, Z)] * d), min_size=1,
                                                       max_size=7, unique=True)))
def test_nd_verdict_equals_the_convex_hull_test(vecs):
    x, others = vecs[0], vecs[1:]
    nd, r, weights = nd_verdict(x, others)
    assert nd == (not others or not _in_hull(x, others))
    if nd and others:
        vx = sum(a * b for a, b in zip(x, r))
        assert all(vx > sum(a * b for a, b in zip(y, r)) for y in others)
    if not nd:
        assert sum(w for _, w in weights) == 1 and all(w > 0 for _, w in weights)
        assert all(sum(w * others[j][i] for j, w in weights) == x[i] for i in range(len(x)))


def _dense_pivot(T, r, c):
    piv = T[r][c]
    row = T[r]
    if piv != 1:
        T[r] = row = [v / piv for v in row]
    for i, other in enumerate(T):
        if i != r:
            f = other[c]
            if f:
                T[i] = [a - f * b for a, b in zip(other, row)]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(Z, min_size=n, max_size=n),
    st.lists(st.lists(st.one_of(Q, Z), min_size=n, max_size=n), min_size=1, max_size=5),
    st.data())))
def test_sparse_pivot_gives_the_dense_pivots_optimum(case):
    c, A, data = case
    b = [data.draw(Q) + 1 for _ in A]
    A = [row for row in A] + [[Fraction(int(i == j)) for j in range(len(c))] for i in range(len(c))]
    b = b + [Fraction(3)] * len(c)
    fast = lp.maximize_leq(c, A, b)
    saved = lp._pivot
    try:
        lp._pivot = _dense_pivot
        slow = lp.maximize_leq(c, A, b)
    finally:
        lp._pivot = saved
    assert fast == slow
