"""The fast paths agree exactly with the independent twins of tests/twins.py (stdlib only).

The twins share no code with orbitproof; their one primitive (the orbit as the sorted set of
``itertools.permutations``) is itself cross-checked against the multinomial formula here.
"""

from __future__ import annotations

from fractions import Fraction
from math import factorial, prod
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import block_sets, env_state_action, layered_sets, rewards, vector_sets

import twins
from orbitproof.core.optionset import OptionSet
from orbitproof.mdp import nondominated as mdp_nondominated
from orbitproof.mdp.recurrent import rsd_vectors
from orbitproof.orbits import count_orbit, distinct_permutations
from orbitproof.symmetry.check import in_convex_hull, nondominated as check_nondominated

RULES = ["max", "is-optimal", "frac-optimal"]


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 6).flatmap(lambda d: rewards(d)))
def test_the_twin_orbit_primitive_has_the_multinomial_size_and_no_repeats(r):
    orbit = twins.distinct_orbit(r)
    mult = Counter(Fraction(x) for x in r).values()
    assert len(orbit) == factorial(len(r)) // prod(factorial(m) for m in mult)
    assert len(set(orbit)) == len(orbit) and orbit == sorted(orbit)
    assert all(sorted(p) == sorted(Fraction(x) for x in r) for p in orbit)
    assert [tuple(Fraction(x) for x in p) for p in distinct_permutations(r)] == orbit


@settings(max_examples=250, deadline=None)
@given(vector_sets(max_d=5), st.sampled_from(RULES))
def test_exact_engine_equals_the_independent_twin_on_generic_sets(case, compare):
    A, B, C, r = case
    assert count_orbit(A, B, r, C=C, compare=compare).counts == twins.orbit_counts(A, B, r, C=C, rule=compare)


@settings(max_examples=150, deadline=None)
@given(block_sets(max_d=6), st.sampled_from(RULES))
def test_exact_engine_equals_the_independent_twin_on_blocks(case, compare):
    A, B, C, r = case
    want = twins.orbit_counts(A, B, r, C=C, rule=compare)
    for mode in ("auto", "dp", "explicit"):
        assert count_orbit(A, B, r, C=C, compare=compare, mode=mode).counts == want, mode


@settings(max_examples=100, deadline=None)
@given(layered_sets(max_d=4), st.sampled_from(RULES))
def test_exact_engine_equals_the_independent_twin_on_layered_options(case, compare):
    A, B, r = case
    d = len(r)

    def layered(opts):
        return OptionSet(tuple(tuple(tuple(Fraction(x) for x in layer) for layer in o) for o in opts),
                         tuple(f"s{i}" for i in range(d)))

    got = count_orbit(layered(A), layered(B), r, compare=compare).counts
    assert got == twins.orbit_counts(A, B, r, rule=compare)


def test_reward_scaling_matters_to_the_twin_and_the_engine():
    # the M4 mutant (reward numerators only) turns (1/2, 1/3, 0) into (1, 1, 0)
    A, B = [(1, 0, 0), (0, 0, 1)], [(0, 1, 0), (1, 0, 1)]
    r = (Fraction(1, 2), Fraction(1, 3), 0)
    want = twins.orbit_counts(A, B, r)
    assert want != twins.orbit_counts(A, B, (1, 1, 0))
    assert count_orbit(A, B, r).counts == want


_ENTRY = st.sampled_from([0, 0, 1, 2, -1, Fraction(1, 2), Fraction(1, 3)])


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 3).flatmap(lambda d: st.tuples(
    st.lists(st.tuples(*[_ENTRY] * d), min_size=1, max_size=5), st.tuples(*[_ENTRY] * d))))
def test_simplex_hull_membership_equals_the_twin(case):
    points, x = case
    assert in_convex_hull([Fraction(v) for v in x], [[Fraction(v) for v in p] for p in points]) == \
        twins.in_hull(x, points)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 3).flatmap(lambda d: st.lists(st.tuples(*[_ENTRY] * d), min_size=1, max_size=6)))
def test_both_nd_implementations_equal_the_twin(points):
    want = twins.nd(points)
    res = mdp_nondominated(points)
    assert frozenset(tuple(e.vector) for e in res.entries if e.nondominated) == want
    opts = {(tuple(Fraction(v) for v in p),) for p in points}
    assert frozenset(o[0] for o in check_nondominated(opts)) == want


@settings(max_examples=120, deadline=None)
@given(env_state_action(max_states=4, max_actions=2))
def test_rsds_equal_the_independent_cesaro_twin(esa):
    env, state, action = esa
    s = env.index(state)
    ai = None if action is None else env.action_index(s, action)
    assert set(rsd_vectors(env, state, action)) == twins.rsd_set(env.table, s, ai)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 5).flatmap(lambda d: st.tuples(st.lists(st.integers(-9, 9), min_size=d, max_size=d),
                                                     st.lists(st.integers(-9, 9), min_size=d, max_size=d))))
def test_rearrangement_bound_is_the_brute_force_maximum(case):
    from itertools import permutations

    from orbitproof.orbits.problem import rearrangement_bound

    row, r = case
    best = max(sum(abs(x) * abs(y) for x, y in zip(row, p)) for p in permutations(r))
    assert rearrangement_bound(row, r) == best
    assert rearrangement_bound(row, sorted((abs(y) for y in r), reverse=True), True) == best
    assert all(abs(sum(x * y for x, y in zip(row, p))) <= best for p in permutations(r))
