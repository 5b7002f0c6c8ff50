"""docs/math.md §10.1 (candy / chocolate / hug) and §10.5 (2 vs 51 terminal states), counted exactly."""

from __future__ import annotations

from fractions import Fraction
from math import comb, factorial

import pytest

from orbitproof.core.optionset import OptionSet
from orbitproof.orbits import count_orbit
from orbitproof.orbits.multiset import counts_of, multinomial, sub_multisets

COORDS = ("start", "candy", "wait", "chocolate", "hug")
H = Fraction(1, 2)
GAIN = (OptionSet.from_vectors([[0, 1, 0, 0, 0]], COORDS, "RSD(start | candy)"),
        OptionSet.from_vectors([[0, 0, 0, 1, 0], [0, 0, 0, 0, 1]], COORDS, "RSD(start | wait)"))
HALF = (OptionSet.from_vectors([[1, 1, 0, 0, 0]], COORDS, "F(start | candy)"),
        OptionSet.from_vectors([[1, 0, H, H, 0], [1, 0, H, 0, H]], COORDS, "F(start | wait)"))

TABLE = [
    # r, gain, gamma = 1/2   (B>A, A>B, tie, |orbit|), B = wait, A = candy
    ((1, 0, 0, 0, 0), (2, 1, 2, 5), (3, 1, 1, 5)),
    ((1, 1, 0, 0, 0), (5, 2, 3, 10), (6, 4, 0, 10)),
    ((0, 1, 2, 3, 4), (80, 40, 0, 120), (62, 42, 16, 120)),
    ((0, 0, 0, 1, 2), (12, 6, 2, 20), (12, 5, 3, 20)),
]


@pytest.mark.parametrize("engine", ["reference", "exact"])
@pytest.mark.parametrize("r,gain,half", TABLE)
def test_candy_table_of_math_10_1(engine, r, gain, half):
    assert count_orbit(*GAIN, r, engine=engine).counts == gain
    assert count_orbit(*HALF, r, engine=engine).counts == half


def test_candy_result_carries_provenance_and_dict():
    res = count_orbit(*GAIN, (0, 1, 2, 3, 4))
    d = res.to_dict()
    assert (d["b_gt_a"], d["a_gt_b"], d["tie"], d["orbit_size"]) == (80, 40, 0, 120)
    assert d["provenance"]["A"] == "RSD(start | candy)"
    assert "B>A=80" in repr(res)
    assert res.satisfies_ratio(2) and res.b_weak_fraction == Fraction(2, 3)


# ---------------------------------------------------------------- 2 vs 51 terminal states
M, N, T = 2, 51, 3  # dying terminals, living terminals, transient coordinates (zero in every RSD)
D = M + N + T


def _unit(i: int) -> tuple[int, ...]:
    v = [0] * D
    v[i] = 1
    return tuple(v)


A51 = [_unit(T + i) for i in range(M)]
B51 = [_unit(T + M + j) for j in range(N)]


def _closed_form(r):
    """Independent count: choose the 3 transient values, then the terminal maximum's k copies
    must all land in B (B>A) or all in A (A>B); C(n,k)/C(m+n,k) of the terminal arrangements."""
    vals, mult = counts_of(r)
    b = a = 0
    for q in sub_multisets(mult, T):
        rest = [x - y for x, y in zip(mult, q)]
        k = next(c for c in reversed(rest) if c)  # multiplicity of the terminal maximum
        w = multinomial(q) * multinomial(rest)
        b += w * comb(N, k) // comb(M + N, k)
        a += w * comb(M, k) // comb(M + N, k)
    size = multinomial(mult)
    return b, a, size - a - b, size


def test_two_vs_51_distinct_values_matches_51_over_53():
    r = list(range(D))
    res = count_orbit(A51, B51, r)
    assert res.orbit_size == factorial(56)
    assert res.counts == (factorial(56) * 51 // 53, factorial(56) * 2 // 53, 0, factorial(56))
    assert res.counts == _closed_form(r)


@pytest.mark.parametrize(
    "r",
    [
        [0] * 20 + [1] * 20 + [2] * 13 + [3] * 3,  # maximum 3 three times
        [5, 5] + list(range(54)),  # distinct except the tied maximum
        [7] * 56,  # constant: one orbit element, a tie
        [1] * 3 + [0] * 53,
        [Fraction(1, 3)] * 4 + [Fraction(-2)] * 50 + [0, 9],
    ],
)
def test_two_vs_51_tied_maxima_matches_closed_form(r):
    res = count_orbit(A51, B51, r)
    assert res.counts == _closed_form(r)
    assert res.reductions["mode"] in ("dp", "explicit", "extremes")


def test_two_vs_51_is_optimal_and_frac_optimal_with_tied_maxima():
    r = [0] * 20 + [1] * 20 + [2] * 13 + [3] * 3
    # IsOptimal|C with C = A ∪ B equals the max comparison here; FracOptimal compares maximiser counts
    assert count_orbit(A51, B51, r, compare="is-optimal").counts == _closed_form(r)
    frac = count_orbit(A51, B51, r, compare="frac-optimal")
    vals, mult = counts_of(r)
    b = a = 0
    for q in sub_multisets(mult, T):
        rest = [x - y for x, y in zip(mult, q)]
        k = next(c for c in reversed(rest) if c)
        w = multinomial(q) * multinomial(rest)
        # j copies of the maximum in A (hypergeometric); B wins iff k - j > j
        for j in range(0, min(k, M) + 1):
            ways = w * comb(M, j) * comb(N, k - j) // comb(M + N, k)
            if k - j > j:
                b += ways
            elif k - j < j:
                a += ways
    assert (frac.b_gt_a, frac.a_gt_b) == (b, a)
