"""P22's decision rules on the paper's own example and theorem (docs/rules.md, docs/math.md §7.5).

* Table 2: ghost/apple/cherry, u in the orbit of (10, 5, 0), X = {ghost, apple} against {cherry}:
  IsOptimal, Boltzmann_1 (certified signs, probabilities enclosed to 3 decimals), Satisfice_3.
* Prop A.11: when B contains n copies of A via involutions φ_i with φ_i·C = C (A, B ⊆ C), every
  rule satisfies #(B > A) ≥ n·#(A > B) over every orbit.  This is a theorem; a failure here means
  the implementation is wrong.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.orbits import count_orbit
from orbitproof.orbits.expsum import exp_enclosure
from orbitproof.orbits.rules import parse_rule

G, AP, CH = (1, 0, 0), (0, 1, 0), (0, 0, 1)
C3 = [G, AP, CH]
U_ORDER = [(10, 5, 0), (10, 0, 5), (5, 10, 0), (5, 0, 10), (0, 10, 5), (0, 5, 10)]  # Table 2's columns

TABLE2_ISOPT = [(1, 0), (1, 0), (1, 0), (0, 1), (1, 0), (0, 1)]
TABLE2_BOLTZMANN = [("1.000", "0.000"), ("0.993", "0.007"), ("1.000", "0.000"),
                    ("0.007", "0.993"), ("0.993", "0.007"), ("0.007", "0.993")]
TABLE2_SATISFICE = [(1, 0), (Fraction(1, 2), Fraction(1, 2)), (1, 0),
                    (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2))]


def _value(spec, X, u):
    return parse_rule(spec).reference_value(tuple((x,) for x in X), tuple((c,) for c in C3),
                                            tuple(Fraction(v) for v in u))


def _three_decimals(lo: Fraction, hi: Fraction) -> str:
    lo_r, hi_r = round(lo * 1000), round(hi * 1000)
    assert lo_r == hi_r, "the enclosure does not fix 3 decimals"
    return f"{lo_r // 1000}.{lo_r % 1000:03d}"


def test_p22_table2_is_optimal_row():
    got = [(_value("is-optimal", [G, AP], u), _value("is-optimal", [CH], u)) for u in U_ORDER]
    assert got == TABLE2_ISOPT


def test_p22_table2_satisfice_3_row():
    got = [(_value("satisfice:t=3", [G, AP], u), _value("satisfice:t=3", [CH], u)) for u in U_ORDER]
    assert got == TABLE2_SATISFICE


def test_p22_table2_boltzmann_1_row_enclosed_to_3_decimals():
    got = []
    for u in U_ORDER:
        ev = [Fraction(v) for v in u]  # x·u for the unit vectors ghost, apple, cherry; T = 1
        ga = _three_decimals(*exp_enclosure([ev[0], ev[1]], ev))
        c = _three_decimals(*exp_enclosure([ev[2]], ev))
        got.append((ga, c))
    assert got == TABLE2_BOLTZMANN


def test_p22_table2_boltzmann_1_signs_are_certified_exactly():
    """{ghost, apple} wins exactly where cherry is not the top outcome: 4 of 6, as for IsOptimal."""
    for u, (gi, ci) in zip(U_ORDER, TABLE2_ISOPT):
        ref = _value("boltzmann:T=1", [G, AP], u)
        oth = _value("boltzmann:T=1", [CH], u)
        assert (ref > oth) == (gi > ci) and (ref < oth) == (gi < ci)


def test_p22_table2_orbit_counts_for_the_three_rules_in_both_engines():
    A, B = [list(CH)], [list(G), list(AP)]
    expect = {"is-optimal": (4, 2, 0, 6), "boltzmann:T=1": (4, 2, 0, 6), "satisfice:t=3": (2, 0, 4, 6)}
    for spec, counts in expect.items():
        for engine in ("exact", "reference"):
            assert count_orbit(A, B, [10, 5, 0], C=[list(c) for c in C3], compare=spec, engine=engine).counts == counts


ALL_RULES = ["max", "is-optimal", "frac-optimal", "anti-optimal", "boltzmann:T=1", "boltzmann:T=1/3",
             "boltzmann:T=5/2", "satisfice:t=0", "satisfice:t=1", "satisfice:t=1/2", "quantilise:q=1/3",
             "quantilise:q=1/2", "quantilise:q=1", "best-of:k=1", "best-of:k=2", "best-of:k=3"]
_ENTRIES = [0, 0, 1, 2, Fraction(1, 2), Fraction(1, 3), Fraction(2, 3), 3]


@st.composite
def copies_instances(draw, stochastic: bool = False):
    """(A, B, C, n, r) with B ⊇ φ_1·A, …, φ_n·A, φ_i involutions, φ_i·C = C, A ∪ B ⊆ C."""
    n = draw(st.integers(1, 2))
    m = draw(st.integers(1, 2))
    extra = draw(st.integers(0, 2 if n * m <= 2 else 1))
    d = (n + 1) * m + extra
    support = list(range(m)) + list(range((n + 1) * m, d))

    def vec():
        if stochastic:  # a visit distribution of a stochastic environment: non-negative, sums to 1
            w = [draw(st.sampled_from([0, 1, 1, 2, 3])) for _ in support]
            if not any(w):
                w[0] = 1
            tot = sum(w)
            vals = [Fraction(x, tot) for x in w]
        else:
            vals = [draw(st.sampled_from(_ENTRIES)) for _ in support]
        out = [Fraction(0)] * d
        for k, v in zip(support, vals):
            out[k] = Fraction(v)
        return tuple(out)

    def phi(i, v):
        w = list(v)
        for j in range(m):
            w[j], w[i * m + j] = v[i * m + j], v[j]
        return tuple(w)

    A = sorted(set(draw(st.lists(st.builds(vec), min_size=1, max_size=2))))
    B = {phi(i, a) for i in range(1, n + 1) for a in A}
    leftovers = draw(st.lists(st.lists(st.sampled_from(_ENTRIES), min_size=d, max_size=d).map(
        lambda x: tuple(Fraction(y) for y in x)), max_size=1))
    B |= set(leftovers)
    C = set(A) | B | set(draw(st.lists(st.lists(st.sampled_from(_ENTRIES), min_size=d, max_size=d).map(
        lambda x: tuple(Fraction(y) for y in x)), max_size=1)))
    while True:  # close C under the φ_i (so φ_i·C = C)
        more = {phi(i, c) for i in range(1, n + 1) for c in C} - C
        if not more:
            break
        C |= more
    r = draw(st.lists(st.sampled_from([0, 1, 2, 3, -1, Fraction(1, 2)]), min_size=d, max_size=d))
    return [list(a) for a in A], [list(b) for b in sorted(B)], [list(c) for c in sorted(C)], n, r


@settings(max_examples=400, deadline=None)
@given(copies_instances(), st.sampled_from(ALL_RULES))
def test_prop_a11_n_fold_law_holds_for_every_rule(case, spec):
    A, B, C, n, r = case
    b_gt, a_gt, tie, size = count_orbit(A, B, r, C=C, compare=spec).counts
    assert b_gt >= n * a_gt, (spec, A, B, C, r, (b_gt, a_gt, tie, size))


@settings(max_examples=250, deadline=None)
@given(copies_instances(stochastic=True), st.sampled_from(ALL_RULES))
def test_prop_a11_n_fold_law_holds_for_stochastic_visit_distributions(case, spec):
    A, B, C, n, r = case
    res = count_orbit(A, B, r, C=C, compare=spec)
    assert res.b_gt_a >= n * res.a_gt_b, (spec, A, B, C, r, res.counts)



def test_rule_value_gives_table2_entries_through_the_public_api():
    from orbitproof.orbits import rule_value

    X, Y = [list(G), list(AP)], [list(CH)]
    C = [list(c) for c in C3]
    for u, (bx, by) in zip(U_ORDER, TABLE2_BOLTZMANN):
        assert _three_decimals(*rule_value("boltzmann:T=1", X, C, u).enclosure(3)) == bx
        assert _three_decimals(*rule_value("boltzmann:T=1", Y, C, u).enclosure(3)) == by
    assert [(rule_value("satisfice:t=3", X, C, u), rule_value("satisfice:t=3", Y, C, u)) for u in U_ORDER] == TABLE2_SATISFICE
