"""P22's decision rules (docs/rules.md): the fast engine's exact batch signs agree with the
definition-level reference values on generated cases -- small d, shared and duplicated vectors,
tied rewards, every rule parameter, and Boltzmann cases whose probabilities differ by < 1e-30."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vector_strategies import block_sets, vector_sets

import twins

from orbitproof.core.errors import OptionSetError
from orbitproof.orbits import count_orbit
from orbitproof.orbits.expsum import expsum_sign
from orbitproof.orbits.rules import Boltzmann, parse_rule

RULE_SPECS = st.one_of(
    st.just("anti-optimal"),
    st.sampled_from(["1", "1/2", "3", "1/1000", "10**20"]).map(
        lambda T: f"boltzmann:T={10**20 if T == '10**20' else T}"),
    st.sampled_from(["0", "1", "-1", "3/2", "2/3", "5"]).map(lambda t: f"satisfice:t={t}"),
    st.sampled_from(["1/7", "1/3", "1/2", "2/3", "1"]).map(lambda q: f"quantilise:q={q}"),
    st.integers(1, 4).map(lambda k: f"best-of:k={k}"),
)


def _both(A, B, C, r, compare):
    ref = count_orbit(A, B, r, C=C, compare=compare, engine="reference").counts
    fast = count_orbit(A, B, r, C=C, compare=compare).counts
    explicit = count_orbit(A, B, r, C=C, compare=compare, mode="explicit").counts
    return ref, fast, explicit


@settings(max_examples=250, deadline=None)
@given(vector_sets(max_d=5), RULE_SPECS)
def test_every_new_rule_exact_engine_equals_reference_on_generic_sets(case, compare):
    A, B, C, r = case
    ref, fast, explicit = _both(A, B, C, r, compare)
    assert ref == fast == explicit


@settings(max_examples=120, deadline=None)
@given(block_sets(max_d=6), RULE_SPECS)
def test_every_new_rule_exact_engine_equals_reference_on_unit_blocks(case, compare):
    A, B, C, r = case
    ref, fast, explicit = _both(A, B, C, r, compare)
    assert ref == fast == explicit


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=4, max_size=4), st.sampled_from([10**20, 10**25, Fraction(10**40, 3)]))
def test_boltzmann_near_ties_below_1e30_agree_with_reference(r, T):
    """At T ≥ 1e20 all Boltzmann probabilities differ by < 1e-30 (|Δ| ≤ 4·|v|/T); floats cannot
    decide and the exact path (tie by exponent multisets, else arb) must."""
    e = [[1 if i == j else 0 for i in range(4)] for j in range(4)]
    A, B = [e[0], e[1]], [e[2], e[3]]
    ref, fast, explicit = _both(A, B, None, r, f"boltzmann:T={T}")
    assert ref == fast == explicit
    # e^a + e^b vs e^c + e^d: decided by convexity when the sums of exponents agree
    b_gt, a_gt, tie, size = fast
    assert b_gt + a_gt + tie == size


def test_boltzmann_cosh_case_is_decided_exactly():
    """e^{1/T} + e^{-1/T} − 2 = 1/T² + … ≈ 1e-40 > 0 at T = 1e20: B = {e1, e2} beats A = {e3, e4}
    when B receives {1, −1} and A receives {0, 0}: no float can see it, the exact path must."""
    e = [[1 if i == j else 0 for i in range(4)] for j in range(4)]
    T = 10**20
    res = count_orbit([e[2], e[3]], [e[0], e[1]], [1, -1, 0, 0], compare=f"boltzmann:T={T}")
    ref = count_orbit([e[2], e[3]], [e[0], e[1]], [1, -1, 0, 0], compare=f"boltzmann:T={T}", engine="reference")
    # orbit of (1,-1,0,0): 12 elements; B>A iff B holds the 1: {1,-1} (2, the 1e-40 case) or {1,0} (4)
    assert res.counts == ref.counts == (6, 6, 0, 12)


def test_boltzmann_probabilities_below_1e30_with_a_dominant_choice_option():
    """A choice option worth 100 makes every probability of A and B < e^-90 < 1e-30."""
    C = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]
    A, B = [C[0]], [C[1], C[2]]
    r = [0, 3, 100, 4]
    for T in ("1", "1/3", "7"):
        ref, fast, explicit = _both(A, B, C, r, f"boltzmann:T={T}")
        assert ref == fast == explicit


def test_expsum_sign_ties_only_when_exponent_multisets_cancel():
    q = Fraction
    assert expsum_sign([(1, q(1, 3)), (1, q(2)), (-1, q(2)), (-1, q(1, 3))]) == 0
    assert expsum_sign([(2, q(0)), (-1, q(1, 10**30)), (-1, q(-1, 10**30))]) == -1
    assert expsum_sign([(1, q(5)), (-1, q(4)), (-1, q(4)), (-1, q(4))]) == -1  # e^5 < 3e^4? no: e ≈ 2.718 < 3
    assert expsum_sign([(1, q(5)), (-1, q(4)), (-1, q(4))]) == 1


def test_boltzmann_batch_sign_falls_back_to_arb_when_floats_cannot_decide():
    import numpy as np

    from orbitproof.orbits.rules import Layout

    rule = Boltzmann(Fraction(10**30))
    vals = np.array([[1], [-1], [0], [0]], dtype=np.int64)
    lay = Layout((2, 3), (0, 1), (0, 1, 2, 3))
    assert rule.batch_sign(vals, lay).tolist() == [1]
    lay2 = Layout((0, 1), (2, 3), (0, 1, 2, 3))
    assert rule.batch_sign(vals, lay2).tolist() == [-1]


@pytest.mark.parametrize("spec, message", [
    ("boltzmann:T=0", "T > 0"),
    ("boltzmann:T=-1", "T > 0"),
    ("boltzmann:T=abc", "bad parameter"),
    ("boltzmann:T=nan", "bad parameter"),
    ("boltzmann", "boltzmann:T=VALUE"),
    ("boltzmann:t=1", "boltzmann:T=VALUE"),
    ("quantilise:q=0", "(0, 1]"),
    ("quantilise:q=3/2", "(0, 1]"),
    ("best-of:k=3/2", "integer k"),
    ("best-of:k=0", "integer k"),
    ("satisfice:x=1", "satisfice:t=VALUE"),
    ("softmax:T=1", "unknown comparison"),
    ("max:T=1", "takes no parameters"),
])
def test_bad_rule_specs_give_one_clear_error_naming_the_choices(spec, message):
    with pytest.raises(OptionSetError) as info:
        parse_rule(spec)
    text = str(info.value)
    assert message in text
    assert "\n" not in text
    assert "boltzmann:T=" in text


def test_rule_specs_round_trip_through_their_canonical_names():
    for spec in ("max", "is-optimal", "frac-optimal", "anti-optimal", "boltzmann:T=1", "boltzmann:T=3/2",
                 "satisfice:t=-3/2", "quantilise:q=1/2", "best-of:k=3"):
        rule = parse_rule(spec)
        assert rule.name == spec
        assert parse_rule(rule.name) == rule
    assert parse_rule("boltzmann:T=2/4").name == "boltzmann:T=1/2"
    assert parse_rule("Quantilize:q=1").name == "quantilise:q=1"


@settings(max_examples=40, deadline=None)
@given(block_sets(max_d=6), RULE_SPECS, st.integers(2, 5))
def test_sharded_counts_equal_unsharded_counts_for_new_rules(case, compare, shards):
    A, B, C, r = case
    one = count_orbit(A, B, r, C=C, compare=compare).counts
    assert count_orbit(A, B, r, C=C, compare=compare, shards=shards).counts == one
    assert count_orbit(A, B, r, C=C, compare=compare, engine="reference", shards=shards).counts == one


@settings(max_examples=40, deadline=None)
@given(vector_sets(max_d=4), st.sampled_from(["boltzmann:T=10000000000000000000", "boltzmann:T=1",
                                              "satisfice:t=100000000000000000000", "quantilise:q=1/3",
                                              "best-of:k=3", "anti-optimal"]))
def test_new_rules_on_huge_rewards_use_exact_python_ints(case, compare):
    """Rewards around 10^20 push the engine off int64 (object arrays of Python ints)."""
    A, B, C, r = case
    big = [x * 10**20 + i for i, x in enumerate(r)]
    ref, fast, explicit = _both(A, B, C, big, compare)
    assert ref == fast == explicit


TWIN_SPECS = st.one_of(
    st.just("anti-optimal"),
    st.sampled_from(["1", "1/2", "3", "1/1000", "100000000000000000000"]).map(lambda T: f"boltzmann:T={T}"),
    st.sampled_from(["0", "1", "-1", "3/2", "2/3", "5"]).map(lambda t: f"satisfice:t={t}"),
    st.sampled_from(["1/7", "1/3", "1/2", "2/3", "1"]).map(lambda q: f"quantilise:q={q}"),
    st.integers(1, 3).map(lambda k: f"best-of:k={k}"),
)


@settings(max_examples=120, deadline=None)
@given(vector_sets(max_d=4), TWIN_SPECS)
def test_every_new_rule_engine_equals_the_independent_twin(case, compare):
    """The engine's batch signs and the rules' own reference values against tests/twins.py, which
    computes every P22 rule from its definition by a route of its own (no shared class)."""
    A, B, C, r = case
    want = twins.orbit_counts(A, B, r, C=C if C is not None else list(A) + list(B), rule=compare)
    CC = C if C is not None else list(A) + list(B)
    assert count_orbit(A, B, r, C=CC, compare=compare).counts == want
    assert count_orbit(A, B, r, C=CC, compare=compare, engine="reference").counts == want


@pytest.mark.parametrize("spec, A, B, C, r, want", [
    # quantilise q = 1/2 over C = {e0, e1, e2, e3} at r = (3, 2, 2, 0): level 3 gets 1/4 of the mass,
    # the tied level 2 gets the remaining 1/4 shared, so Q({e1}) = (1/8)/(1/2) = 1/4 = Q({e0})/2
    ("quantilise:q=1/2", [(1, 0, 0, 0)], [(0, 1, 0, 0)], [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1)],
     (3, 2, 2, 0), (Fraction(1, 2), Fraction(1, 4))),
    # best-of-2 over C = {e0, e1, e2} at r = (2, 1, 0): P(e0 is the best drawn) = 5/9
    ("best-of:k=2", [(1, 0, 0)], [(0, 1, 0)], [(1, 0, 0), (0, 1, 0), (0, 0, 1)], (2, 1, 0),
     (Fraction(5, 9), Fraction(3, 9))),
    # satisfice t = 1: C_{≥1} = {e0, e1}
    ("satisfice:t=1", [(1, 0, 0)], [(0, 0, 1)], [(1, 0, 0), (0, 1, 0), (0, 0, 1)], (2, 1, 0),
     (Fraction(1, 2), Fraction(0))),
])
def test_twin_rule_values_on_hand_computed_cases(spec, A, B, C, r, want):
    r = tuple(Fraction(x) for x in r)
    assert (twins.rule_value(spec, A, C, r), twins.rule_value(spec, B, C, r)) == want
    rule = parse_rule(spec)
    opt = lambda X: tuple((tuple(Fraction(v) for v in x),) for x in X)  # noqa: E731
    assert (rule.reference_value(opt(A), opt(C), r), rule.reference_value(opt(B), opt(C), r)) == want


@pytest.mark.parametrize("spec", ["anti-optimal", "satisfice:t=1", "quantilise:q=1/2", "best-of:k=2", "boltzmann:T=1"])
def test_every_p22_rule_is_an_immutable_value(spec):
    import dataclasses

    rule = parse_rule(spec)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.uses_choice_set = False  # type: ignore[misc]
    assert hash(rule) == hash(parse_rule(spec)) and rule == parse_rule(spec)


def test_a_count_plan_is_an_immutable_value():
    import dataclasses

    from orbitproof.orbits.count import plan_count

    planned = plan_count([[1, 0, 0]], [[0, 1, 0], [0, 0, 1]], [2, 1, 0], mode="dp")  # a kernel plan
    with pytest.raises(dataclasses.FrozenInstanceError):
        planned.plan.scale = 3  # type: ignore[misc]


@pytest.mark.parametrize("A, B, want", [
    ([(1, 0, 0), (0, 1, 0)], [(0, 0, 1)], (0, 6, 0, 6)),   # |A ∩ C| = 2 > |B ∩ C| = 1: A wins everywhere
    ([(0, 0, 1)], [(1, 0, 0), (0, 1, 0)], (6, 0, 0, 6)),
    ([(1, 0, 0)], [(0, 0, 1)], (0, 0, 6, 6)),
])
def test_quantilise_with_q_one_is_the_share_of_c_on_every_orbit_element(A, B, want):
    # q = 1 quantilises over all of C: Q(X) = |X ∩ C| / |C| whatever the reward
    C = [(1, 0, 0), (0, 1, 0), (0, 0, 1)]
    for engine in ("exact", "reference"):
        assert count_orbit(A, B, [3, 1, 0], C=C, compare="quantilise:q=1", engine=engine).counts == want


def test_a_layout_is_an_immutable_value():
    import dataclasses

    from orbitproof.orbits.count import plan_count

    planned = plan_count([[1, 0, 0]], [[0, 1, 0], [0, 0, 1]], [2, 1, 0], mode="dp")  # a kernel plan
    with pytest.raises(dataclasses.FrozenInstanceError):
        planned.plan.layout.ia = ()  # type: ignore[misc]


def test_as_option_set_accepts_a_list_of_vectors_and_refuses_an_empty_one():
    from orbitproof.core.errors import OptionSetError
    from orbitproof.orbits.problem import as_option_set

    assert as_option_set([[1, 0], [0, 1]], "A").vectors == ((0, 1), (1, 0))
    with pytest.raises(OptionSetError, match="option set A is empty"):
        as_option_set([], "A")
