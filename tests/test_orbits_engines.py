"""The fast engine agrees exactly with the definition-level reference on generated cases."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import block_sets, layered_sets, reward_values, vector_sets

from orbitproof.core.optionset import OptionSet
from orbitproof.orbits import count_orbit, multinomial, orbit_size
from orbitproof.orbits.multiset import counts_of

RULES = ["max", "is-optimal", "frac-optimal"]


def _all_engines(A, B, C, r, compare):
    ref = count_orbit(A, B, r, C=C, compare=compare, engine="reference").counts
    out = {"reference": ref}
    for mode in ("auto", "explicit", "dp"):
        out[mode] = count_orbit(A, B, r, C=C, compare=compare, mode=mode).counts
    return out


@settings(max_examples=400, deadline=None)
@given(vector_sets(), st.sampled_from(RULES))
def test_exact_engine_equals_reference_on_generic_vector_sets(case, compare):
    A, B, C, r = case
    res = _all_engines(A, B, C, r, compare)
    assert len(set(res.values())) == 1, res


@settings(max_examples=400, deadline=None)
@given(block_sets(), st.sampled_from(RULES))
def test_exact_engine_equals_reference_on_unit_vector_blocks(case, compare):
    A, B, C, r = case
    res = _all_engines(A, B, C, r, compare)
    assert len(set(res.values())) == 1, res


def _layered(opts, d):
    return OptionSet(tuple(tuple(tuple(Fraction(x) for x in layer) for layer in o) for o in opts),
                     tuple(f"s{i}" for i in range(d)))


@settings(max_examples=200, deadline=None)
@given(layered_sets(), st.sampled_from(RULES))
def test_layered_lexicographic_options_equal_reference(case, compare):
    A, B, r = case
    d = len(r)
    SA, SB = _layered(A, d), _layered(B, d)
    ref = count_orbit(SA, SB, r, compare=compare, engine="reference").counts
    assert count_orbit(SA, SB, r, compare=compare).counts == ref
    assert count_orbit(SA, SB, r, compare=compare, mode="explicit").counts == ref


@settings(max_examples=200, deadline=None)
@given(vector_sets(max_d=7), st.sampled_from(RULES))
def test_counts_sum_to_orbit_size_and_orbit_size_is_multinomial(case, compare):
    A, B, C, r = case
    res = count_orbit(A, B, r, C=C, compare=compare)
    assert res.b_gt_a + res.a_gt_b + res.tie == res.orbit_size
    vals, mult = counts_of(r)
    from math import factorial, prod

    assert res.orbit_size == factorial(len(r)) // prod(factorial(m) for m in mult)
    assert res.orbit_size == orbit_size(r) == multinomial(mult)


@settings(max_examples=100, deadline=None)
@given(vector_sets(min_d=2, max_d=6))
def test_swapping_a_and_b_swaps_the_counts(case):
    A, B, C, r = case
    x = count_orbit(A, B, r)
    y = count_orbit(B, A, r)
    assert (x.b_gt_a, x.a_gt_b, x.tie) == (y.a_gt_b, y.b_gt_a, y.tie)


@settings(max_examples=300, deadline=None)
@given(vector_sets(min_d=3, max_d=6), st.sampled_from(RULES), st.sampled_from([1, 3, 12]))
def test_prefix_suffix_split_agrees_with_reference(case, compare, limit):
    # a tiny suffix limit forces many prefix groups and prefix classes on small inputs
    import orbitproof.orbits.count as count_mod

    A, B, C, r = case
    ref = count_orbit(A, B, r, C=C, compare=compare, engine="reference").counts
    old = count_mod.SUFFIX_LIMIT
    count_mod.SUFFIX_LIMIT = limit
    try:
        res = count_orbit(A, B, r, C=C, compare=compare, mode="explicit")
    finally:
        count_mod.SUFFIX_LIMIT = old
    assert res.counts == ref


@st.composite
def _d9_rewards(draw):
    """Six generated distinct values with multiplicities 1,1,1,1,2,3 in a generated order:
    30,240 orbit elements, enough for the default prefix/suffix split to make prefix groups."""
    palette = draw(st.lists(reward_values(), min_size=6, max_size=6, unique_by=Fraction))
    mult = draw(st.permutations([1, 1, 1, 1, 2, 3]))
    entries = [v for v, m in zip(palette, mult) for _ in range(m)]
    return tuple(draw(st.permutations(entries)))


@pytest.mark.slow
@settings(max_examples=2, deadline=None)
@given(vector_sets(min_d=9, max_d=9), st.sampled_from(RULES), _d9_rewards())
def test_default_split_agrees_with_reference_at_d9(case, compare, r):
    A, B, C, _ = case
    assert orbit_size(r) == 30_240
    ref = count_orbit(A, B, r, C=C, compare=compare, engine="reference").counts
    assert count_orbit(A, B, r, C=C, compare=compare).counts == ref


@settings(max_examples=150, deadline=None)
@given(st.one_of(vector_sets(max_d=5), block_sets(max_d=6)), st.sampled_from(RULES),
       st.sampled_from([10**18, -(10**19) + 7, 3**40]))
def test_big_integer_fallback_equals_reference(case, compare, scale):
    A, B, C, r = case
    r = tuple(x * scale + 1 for x in r)  # entries far beyond int64 after products; ties are kept
    A = [tuple(x * 10**3 for x in v) for v in A]
    ref = count_orbit(A, B, r, C=C, compare=compare, engine="reference").counts
    res = count_orbit(A, B, r, C=C, compare=compare)
    assert res.counts == ref
    biggest = max(abs(Fraction(x)) for v in [*A, *B, *(C or [])] for x in v) * max(abs(Fraction(x)) for x in r)
    if biggest >= 2**63:
        assert res.reductions["int64"] is False


def test_progress_bar_draws_on_a_forced_stream():
    import io

    from orbitproof.core.progress import Progress

    stream = io.StringIO()
    bar = Progress(total=None, label="counting", stream=stream, force=True, min_interval=0)
    res = count_orbit([[1, 0, 0, 2]], [[0, 1, 0, 0], [0, 0, 1, 1]], [0, 1, 2, 3], progress=bar, shards=3)
    assert res.counts == count_orbit([[1, 0, 0, 2]], [[0, 1, 0, 0], [0, 0, 1, 1]], [0, 1, 2, 3],
                                     engine="reference").counts
    assert "counting" in stream.getvalue()


@pytest.mark.parametrize("compare", RULES)
@pytest.mark.parametrize("r", [(0, 1, 2, 3, 4, 5, 6), (0, 0, 1, 1, 2, 5, 5), (3, 3, 3, 1, 1, 0, 2)])
def test_dp_with_shrunken_wide_blocks_equals_reference(compare, r):
    # A = one family on a block of 2, B = a family of 4 plus a negative family (needs max and min)
    def e(i, c=1, w=0):
        v = [0] * 7
        v[i] = c
        v[6] = w
        return tuple(v)

    A = [e(0), e(1)]
    B = [e(i, 2, 1) for i in range(2, 6)] + [e(i, -1) for i in range(2, 6)]
    ref = count_orbit(A, B, r, compare=compare, engine="reference").counts
    res = count_orbit(A, B, r, compare=compare, mode="dp")
    assert res.counts == ref


@pytest.mark.parametrize("name", RULES)
def test_comparison_rules_are_immutable_values(name):
    import dataclasses

    from orbitproof.orbits.rules import RULES as RULE_VALUES

    rule = RULE_VALUES[name]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.name = "changed"  # type: ignore[misc]
    assert hash(rule) == hash(type(rule)()) and rule == type(rule)()
