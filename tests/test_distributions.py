"""Reward distributions: strict exact parsing (docs/power.md, docs/math.md §1.5)."""

from fractions import Fraction as F

import pytest

from orbitproof.core.distributions import DistributionError, FiniteSupport, Uniform01, parse_distribution


def test_uniform_parses_to_the_continuous_distribution():
    assert parse_distribution("uniform") == Uniform01()
    assert parse_distribution(" Uniform ").mean == F(1, 2)


def test_bernoulli_has_values_zero_one_with_exact_probabilities():
    d = parse_distribution("bernoulli:1/3")
    assert d.values == (0, 1) and d.probabilities == (F(2, 3), F(1, 3))
    assert parse_distribution("bernoulli:0.25").probabilities == (F(3, 4), F(1, 4))


def test_bernoulli_extremes_drop_zero_probability_values():
    assert parse_distribution("bernoulli:1").values == (1,)
    assert parse_distribution("bernoulli:0").values == (0,)


def test_uniform_int_is_uniform_on_zero_to_k_minus_one():
    d = parse_distribution("uniform-int:3")
    assert d.values == (0, 1, 2) and d.probabilities == (F(1, 3),) * 3 and d.mean == 1


def test_value_lists_with_and_without_probabilities():
    d = parse_distribution("values:0,1,2@1/2,1/4,1/4")
    assert d.values == (0, 1, 2) and d.probabilities == (F(1, 2), F(1, 4), F(1, 4))
    assert parse_distribution("values:-1,1/2").probabilities == (F(1, 2), F(1, 2))


def test_round_trip_through_to_dict():
    for spec in ("uniform", "bernoulli:1/3", "uniform-int:4", "values:0,1,2@1/2,1/4,1/4"):
        d = parse_distribution(spec)
        assert parse_distribution(d.to_dict()) == d


@pytest.mark.parametrize("spec,message", [
    ("bernoulli:3/2", "outside [0, 1]"),
    ("bernoulli:-1/2", "outside [0, 1]"),
    ("values:0,1@1/2,1/3", "sum to 5/6, not 1"),
    ("values:0,1@1/2", "2 values but 1 probabilities"),
    ("values:0,0", "distinct"),
    ("uniform-int:0", "integer K >= 1"),
    ("uniform-int:x", "integer K >= 1"),
    ("gauss", "unknown distribution"),
    ("bernoulli:", "needs a probability"),
    ("values:", "needs a list"),
    ("values:a,b", "cannot read"),
])
def test_bad_strings_give_one_clear_error(spec, message):
    with pytest.raises(DistributionError) as info:
        parse_distribution(spec)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_exact_decimal_strings_are_accepted():
    assert isinstance(parse_distribution("values:0,1@1/2,0.5e0"), FiniteSupport)
    assert parse_distribution("bernoulli:0.5").probabilities == (F(1, 2), F(1, 2))


def test_floats_are_refused():
    with pytest.raises(DistributionError):
        parse_distribution({"kind": "finite", "values": [0, 1], "probabilities": ["0.5", "x"]})
    with pytest.raises(DistributionError):
        parse_distribution(0.5)
