"""The extremes-by-order-statistics route (orbits/extremes.py) against its twins: the old extremes
DP (mode="dp"), the definition-level reference engine, and its own scalar loop -- exact equality."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.core.optionset import OptionSet
from orbitproof.core.semantics import Blackwell, Discounted, Gain
from orbitproof.core.sparse import SparseOptionSet, unit_vectors
from orbitproof.mdp import catalog
from orbitproof.mdp.options import option_set
from orbitproof.orbits import count_orbit
from orbitproof.orbits.count import plan_count
from orbitproof.orbits.extremes import extremes_counts, unit_families

COEFS = [Fraction(1), Fraction(2), Fraction(1, 2), Fraction(3), Fraction(5, 3)]
VALUES = [Fraction(0), Fraction(1), Fraction(2), Fraction(-1), Fraction(1, 3), Fraction(5), Fraction(-7, 2)]


@st.composite
def unit_family_case(draw, max_d: int = 7, depth: int = 1):
    """Random unit families: coordinates cut into blocks; each option type picks some blocks and a
    positive coefficient per block (depth 2: a positive first layer or a zero first layer and a
    positive second one, the other layer any sign); the type contributes every placement."""
    d = draw(st.integers(2, max_d))
    order = draw(st.permutations(range(d)))
    blocks, i = [], 0
    while i < d:
        s = draw(st.integers(1, 3))
        blocks.append(order[i:i + s])
        i += s

    def coef():
        if depth == 1:
            return (draw(st.sampled_from(COEFS)),)
        if draw(st.booleans()):
            return (draw(st.sampled_from(COEFS)), draw(st.sampled_from(COEFS + [Fraction(-1), Fraction(0)])))
        return (Fraction(0), draw(st.sampled_from(COEFS)))

    def side():
        opts = []
        for _ in range(draw(st.integers(1, 2))):
            chosen = draw(st.lists(st.integers(0, len(blocks) - 1), min_size=0, max_size=2, unique=True))
            cs = {b: coef() for b in chosen}
            for combo in itertools.product(*(blocks[b] for b in chosen)):
                layers = [[Fraction(0)] * d for _ in range(depth)]
                for b, c in zip(chosen, combo):
                    for j in range(depth):
                        layers[j][c] = cs[b][j]
                opts.append(tuple(tuple(layer) for layer in layers))
        return OptionSet(tuple(opts), tuple(f"x{k + 1}" for k in range(d)))

    r = draw(st.lists(st.sampled_from(VALUES), min_size=d, max_size=d))
    return side(), side(), r


@settings(max_examples=120, deadline=None)
@given(unit_family_case())
def test_extremes_equal_old_dp_and_reference_on_random_unit_families(case):
    A, B, r = case
    res = count_orbit(A, B, r)
    assert res.counts == count_orbit(A, B, r, mode="dp").counts
    assert res.counts == count_orbit(A, B, r, engine="reference", max_work=None).counts


@settings(max_examples=60, deadline=None)
@given(unit_family_case(max_d=6, depth=2))
def test_extremes_equal_reference_on_layered_unit_families(case):
    A, B, r = case
    assert count_orbit(A, B, r).counts == count_orbit(A, B, r, engine="reference", max_work=None).counts


@settings(max_examples=60, deadline=None)
@given(unit_family_case(max_d=8))
def test_vectorised_sums_equal_the_scalar_loop(case):
    A, B, r = case
    fam, _ = unit_families(SparseOptionSet.from_option_set(A), SparseOptionSet.from_option_set(B),
                           [Fraction(x) for x in r])
    if fam is not None:  # (random families can have blocks that are not unit-like: general path)
        assert extremes_counts(fam) == extremes_counts(fam, vectorised=False)


@pytest.mark.parametrize("sem", [Gain(), Discounted("1/2"), Discounted("9/10"), Discounted("1/7"), Blackwell()],
                         ids=str)
@pytest.mark.parametrize("m,n", [(2, 5), (3, 4), (1, 6), (4, 2)])  # (4, 2): the widest block is B's
def test_terminal_families_equal_old_dp(sem, m, n):
    env = catalog.get(f"terminal:m={m},n={n}")
    A = option_set(env, "start", "die", sem)
    B = option_set(env, "start", "live", sem)
    d = len(env.states)
    for r in (list(range(d)), [Fraction(k % 3, 2) - 1 for k in range(d)], [0] * (d - 2) + [4, 4]):
        res = count_orbit(A, B, r)
        assert res.reductions["mode"] == "extremes"
        assert res.counts == count_orbit(A, B, r, mode="dp").counts


def test_terminal_2_vs_51_discounted_matches_old_dp():
    env = catalog.get("terminal:m=2,n=51")
    A = option_set(env, "start", "die", Discounted("1/2"))
    B = option_set(env, "start", "live", Discounted("1/2"))
    r = list(range(56))
    assert count_orbit(A, B, r).counts == count_orbit(A, B, r, mode="dp").counts


def test_sparse_input_equals_dense_input():
    d = 9
    A = unit_vectors(d, [0, 3], coefficient=2)
    B = unit_vectors(d, [1, 2, 5, 7])
    r = [0, 1, 1, 2, 3, 3, 3, -1, Fraction(1, 2)]
    dense = count_orbit(A.to_option_set(), B.to_option_set(), r, mode="dp")
    res = count_orbit(A, B, r)
    assert res.counts == dense.counts
    assert res.reductions["mode"] == "extremes"


def test_sparse_input_outside_the_unit_route_goes_dense():
    A = SparseOptionSet.from_mappings([{0: 1, 1: 1}, {2: 1}], 4)
    B = SparseOptionSet.from_mappings([{0: 1, 2: -1}, {3: 2}], 4)  # a negative coefficient: general path
    r = [0, 1, 2, 3]
    assert count_orbit(A, B, r).counts == count_orbit(A.to_option_set(), B.to_option_set(), r,
                                                       engine="reference").counts


def test_extremes_mode_refuses_what_it_cannot_count():
    with pytest.raises(Exception, match="extremes mode does not apply"):
        plan_count([[1, 0, 0]], [[0, 1, 0]], [0, 1, 2], compare="frac-optimal", mode="extremes")


@settings(max_examples=60, deadline=None)
@given(unit_family_case(max_d=7))
def test_sparse_input_equals_the_dense_path_on_random_unit_families(case):
    A, B, r = case
    sa, sb = SparseOptionSet.from_option_set(A), SparseOptionSet.from_option_set(B)
    assert sa.to_option_set() == A
    assert count_orbit(sa, sb, r).counts == count_orbit(A, B, r, mode="dp").counts
