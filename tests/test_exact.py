"""Tests for the existing orbitproof.core.exact and orbitproof.core.semantics modules."""

from __future__ import annotations

from fractions import Fraction as F

import flint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.core.errors import ExactNumberError, OrbitproofError, SemanticsError
from orbitproof.core.exact import (
    common_denominator,
    format_fraction,
    int64_safe,
    parse_vector,
    scale_to_integers,
    to_fraction,
    to_fractions,
)
from orbitproof.core.semantics import Blackwell, Discounted, Gain, parse_semantics


@pytest.mark.parametrize("value, expected", [
    (3, F(3)), (F(3, 4), F(3, 4)), ("3/4", F(3, 4)), (" -3 / 4 ", F(-3, 4)), ("0.15", F(3, 20)),
    ("-1.5e-3", F(-3, 2000)), ("+7", F(7)), (flint.fmpq(2, 3), F(2, 3)), (flint.fmpz(5), F(5)),
])
def test_exact_inputs_are_read_exactly(value, expected):
    assert to_fraction(value) == expected


@pytest.mark.parametrize("value", [0.5, 1.0, float("nan"), float("inf"), True, "", "1/0", "abc", "nan", "inf",
                                   None, [1], "1/2/3"])
def test_inexact_or_garbage_inputs_are_refused(value):
    with pytest.raises(ExactNumberError):
        to_fraction(value, "field.x")


def test_errors_name_the_field():
    with pytest.raises(ExactNumberError, match=r"rewards\.candy"):
        to_fraction(0.5, "rewards.candy")
    with pytest.raises(ExactNumberError, match=r"v\[1\]"):
        to_fractions([1, 0.5], "v")
    with pytest.raises(ExactNumberError):
        to_fractions("12", "v")


def test_parse_vector_positional_and_named():
    assert parse_vector("1,0,3/4") == (1, 0, F(3, 4))
    assert parse_vector("b=2", names=["a", "b"]) == (0, 2)
    for bad, kw in [("", {}), ("a=1", {}), ("a=1,2", {"names": ["a", "b"]}), ("z=1", {"names": ["a"]}),
                    ("a=1,a=2", {"names": ["a"]}), ("1,2", {"names": ["a"]})]:
        with pytest.raises(ExactNumberError):
            parse_vector(bad, **kw)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.fractions(max_denominator=50), min_size=1, max_size=6))
def test_scaling_to_integers_is_exact_and_minimal(values):
    ints, D = scale_to_integers(values)
    assert D == common_denominator(values) and D > 0
    assert all(F(i, D) == v for i, v in zip(ints, values))
    assert all(to_fraction(format_fraction(v)) == v for v in values)


def test_int64_bound():
    assert int64_safe(2**63 - 1) and not int64_safe(2**63) and not int64_safe(-1)


def test_semantics_values_and_errors():
    assert Discounted("1/2").gamma == F(1, 2)
    assert parse_semantics("gain") == Gain() and parse_semantics("blackwell") == Blackwell()
    assert parse_semantics(Discounted(0).to_dict()) == Discounted(0)
    for bad in ("1", "-1/2", 0.5, "x"):
        with pytest.raises(OrbitproofError):
            Discounted(bad)
    with pytest.raises(SemanticsError):
        parse_semantics({"kind": "weird"})
