"""Properties of OptionSet and the vector-set file format (orbitproof/optionset.py)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof import OptionSet, load_vector_sets, option_value
from orbitproof.core.errors import ExactNumberError, FormatError, OptionSetError

small = st.fractions(min_value=-3, max_value=3, max_denominator=4)


@st.composite
def vector_lists(draw):
    d = draw(st.integers(1, 5))
    n = draw(st.integers(1, 5))
    return [draw(st.lists(small, min_size=d, max_size=d)) for _ in range(n)], d


@settings(max_examples=100, deadline=None)
@given(vector_lists(), st.data())
def test_permuting_preserves_every_dot_product_with_the_permuted_reward(data, draw):
    vecs, d = data
    perm = draw.draw(st.permutations(range(d)))
    r = draw.draw(st.lists(small, min_size=d, max_size=d))
    X = OptionSet.from_vectors(vecs)
    Y = X.permuted(perm)
    # (P x)·(P r) = x·r  (docs/math.md §2.1)
    pr = [Fraction(0)] * d
    for j, pj in enumerate(perm):
        pr[pj] = r[j]
    assert sorted(option_value(o, pr) for o in Y) == sorted(option_value(o, r) for o in X)


@settings(max_examples=50, deadline=None)
@given(vector_lists())
def test_duplicates_are_merged_and_order_is_canonical(data):
    vecs, _ = data
    X = OptionSet.from_vectors(vecs + vecs[:1])
    Y = OptionSet.from_vectors(list(reversed(vecs)))
    assert X == Y
    assert len(X) == len({tuple(v) for v in vecs})


def test_mass_on_coordinate_j_moves_to_phi_j():
    X = OptionSet.from_vectors([[1, 0, 0]])
    assert X.permuted([2, 0, 1]).vectors == ((0, 0, 1),)


def test_floats_are_refused_with_the_field_named():
    with pytest.raises(ExactNumberError, match=r"A\[0\]\[1\]"):
        OptionSet.from_vectors([[1, 0.5]], name="A")


def test_mismatched_lengths_are_refused():
    with pytest.raises(OptionSetError):
        OptionSet(((( Fraction(1),),), ((Fraction(1), Fraction(0)),)), ("x1", "x2"))


def test_vector_set_file_round_trip(tmp_path):
    p = tmp_path / "s.toml"
    p.write_text('coordinates = ["a","b","c"]\nA = [["1","0","0"]]\nB = [["0","1/2","0"],[0,0,"0.25"]]\n')
    vs = load_vector_sets(p)
    assert vs.coordinates == ("a", "b", "c")
    assert vs.B.vectors == ((0, 0, Fraction(1, 4)), (0, Fraction(1, 2), 0))
    assert vs.C is None


@pytest.mark.parametrize(
    "text, message",
    [
        ('A = [["1"]]\n', "missing the option set B"),
        ('A = [["1","0"]]\nB = [["1"]]\n', "different lengths"),
        ('A = [[0.5]]\nB = [["1"]]\n', r"refusing the float 0.5 in A\[0\]\[0\]"),
        ('A = []\nB = [["1"]]\n', "non-empty"),
        ('coordinates=["a"]\nA = [["1","0"]]\nB = [["1","0"]]\n', "coordinate names"),
        ('A = [["1"]]\nB = [["x"]]\n', "cannot read 'x'"),
        ('A = [["1"]\n', "not valid TOML"),
        ('A = [["1"]]\nB = [["1"]]\nD = 3\n', "unknown key"),
    ],
)
def test_malformed_vector_set_files_get_one_clear_error(tmp_path, text, message):
    p = tmp_path / "bad.toml"
    p.write_text(text)
    with pytest.raises((FormatError, ExactNumberError), match=message):
        load_vector_sets(p)


def test_json_floats_are_refused(tmp_path):
    p = tmp_path / "s.json"
    p.write_text(json.dumps({"A": [[1, 0]], "B": [[0, 0.5]]}))
    with pytest.raises(ExactNumberError, match=r"B\[0\]\[1\]"):
        load_vector_sets(p)


def test_missing_file_is_a_format_error(tmp_path):
    with pytest.raises(FormatError, match="cannot read"):
        load_vector_sets(tmp_path / "nope.toml")


def test_absurd_decimal_exponents_are_refused_quickly():
    from orbitproof.core.exact import to_fraction

    with pytest.raises(ExactNumberError, match="exponent"):
        to_fraction("1e99999999", "gamma")
    assert to_fraction("1.5e-3") == Fraction(3, 2000)


def test_union_merges_options_and_refuses_other_coordinates():
    X = OptionSet.from_vectors([[1, 0], [0, 1]])
    Y = OptionSet.from_vectors([[0, 1], [1, 1]])
    assert OptionSet.union([X, Y]).vectors == ((0, 1), (1, 0), (1, 1))
    with pytest.raises(OptionSetError):
        OptionSet.union([X, OptionSet.from_vectors([[1, 0]], coordinates=["a", "b"])])
