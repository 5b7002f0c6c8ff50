"""OptionSet's canonical order (core/optionset.py ``canonical_options``) equals the plain definition
``sorted`` + drop equal neighbours, object for object (ints, Fractions, mixed, layered, duplicates)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.core.optionset import OptionSet, canonical_options

_X = st.one_of(st.integers(-3, 3), st.builds(Fraction, st.integers(-4, 4), st.integers(1, 6)),
               st.sampled_from([Fraction(0), 0, 1, Fraction(1), 2**70, Fraction(2**70, 3)]))


def _reference(options):
    ordered = sorted(options)
    return tuple(o for k, o in enumerate(ordered) if k == 0 or o != ordered[k - 1])


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4).flatmap(lambda d: st.integers(1, 2).flatmap(lambda depth: st.lists(
    st.tuples(*[st.tuples(*[_X] * d)] * depth), max_size=8))))
def test_canonical_options_equal_sorted_without_duplicates(options):
    fast, ref = canonical_options(options), _reference(options)
    assert fast == ref
    assert all(a is b for a, b in zip(fast, ref))  # the same representatives are kept


def test_other_entry_types_use_the_plain_sort():
    opts = [((True, 0),), ((0, 1),), ((0, 1),)]
    assert canonical_options(opts) == _reference(opts)


def test_unit_vectors_at_d_1000_are_sorted_like_before():
    d = 1000
    opts = [(tuple(Fraction(int(i == k)) for i in range(d)),) for k in range(d)]
    s = OptionSet(tuple(reversed(opts)), tuple(f"x{i}" for i in range(d)))
    assert s.options == _reference(opts)
