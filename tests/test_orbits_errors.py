"""Bad input gives a clear OrbitproofError; large work is refused before enumerating."""

from __future__ import annotations

import pytest

from orbitproof.core.errors import ExactNumberError, OptionSetError, OrbitproofError, TooLargeError
from orbitproof.orbits import count_orbit, estimate_work


def test_work_above_max_work_is_refused_naming_the_flag():
    A = [[1] + [0] * 11]
    B = [[0, 1] + [0] * 10]
    with pytest.raises(TooLargeError, match="--max-work"):
        count_orbit(A, B, list(range(12)), engine="reference", max_work=1000)
    with pytest.raises(TooLargeError, match="max_work="):
        count_orbit([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]], [[12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]],
                    list(range(12)), max_work=10**6)


def test_work_estimate_counts_orbit_elements_for_reference_and_classes_for_exact():
    A = [[1, 0, 0, 0]]
    B = [[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]
    assert estimate_work(A, B, [1, 2, 3, 4], engine="reference") == 24
    assert estimate_work(A, B, [1, 2, 3, 4]) <= 24


@pytest.mark.parametrize(
    "A,B,r,err,text",
    [
        ([[1.5, 0]], [[0, 1]], [1, 2], ExactNumberError, "float"),
        ([[1, 0]], [[0, 1]], [1, 2.0], ExactNumberError, "float"),
        ([[1, 0]], [[0, 1, 0]], [1, 2], OptionSetError, "lengths"),
        ([[1, 0]], [[0, 1]], [1, 2, 3], OptionSetError, "reward has 3 entries"),
        ([], [[0, 1]], [1, 2], OptionSetError, "empty"),
        ([[1, 0]], "B", [1, 2], OptionSetError, "list of vectors"),
        ([[1, 0]], [[0, "x"]], [1, 2], ExactNumberError, "cannot read"),
    ],
)
def test_bad_input_raises_a_clear_orbitproof_error(A, B, r, err, text):
    with pytest.raises(err, match=text):
        count_orbit(A, B, r)


def test_unknown_engine_and_compare_are_refused():
    with pytest.raises(OrbitproofError, match="engine"):
        count_orbit([[1]], [[0]], [1], engine="fast")
    with pytest.raises(OrbitproofError, match="comparison"):
        count_orbit([[1]], [[0]], [1], compare="boltzmann")


def test_mixed_semantics_are_refused():
    from orbitproof.core.optionset import OptionSet
    from orbitproof.core.semantics import Discounted, Gain

    A = OptionSet.from_vectors([[1, 0]], semantics=Gain())
    B = OptionSet.from_vectors([[0, 1]], semantics=Discounted("1/2"))
    with pytest.raises(OptionSetError, match="different semantics"):
        count_orbit(A, B, [1, 2])
