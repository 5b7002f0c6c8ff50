"""Exact γ-sweeps (docs/math.md §13.1): breakpoints, per-piece counts, limits, twins."""

from __future__ import annotations

import random
from fractions import Fraction

import flint
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbitproof.core.errors import TooLargeError
from orbitproof.core.optionset import OptionSet
from orbitproof.core.semantics import Discounted
from orbitproof.mdp import Environment, option_set, resolve_environment
from orbitproof.orbits import count_orbit
from orbitproof.orbits.algebraic import RealRoot, separate, simplest_between, unit_roots
from orbitproof.orbits.multiset import distinct_permutations
from orbitproof.orbits.sweep import count_at, gamma_sweep as sweep, sweep_problem
from orbitproof.orbits.sweep_reference import reference_counts_at_root

from strategies import environments

CANDY = resolve_environment("candy")
LENGTHS = Environment.from_dict({
    "name": "lengths", "states": ["s", "a", "x", "b", "c", "d"],
    "actions": {"s": {"a": "a", "b": "b"}, "a": {"go": "x"}, "x": {"stay": "x"},
                "b": {"go": "c"}, "c": {"go": "d"}, "d": {"go": "c"}},
})


def direct(env, state, a, b, reward, gamma, compare="max", engine="exact"):
    """What `orbitproof count ENV --gamma G` computes."""
    sem = Discounted(gamma)

    def side(actions):
        sets = [option_set(env, state, x, sem) for x in actions.split(",")]
        return sets[0] if len(sets) == 1 else OptionSet.union(sets)

    C = option_set(env, state, None, sem) if compare != "max" else None
    return count_orbit(side(a), side(b), reward, C=C, compare=compare, engine=engine).counts


def rational_points_inside(sw, piece, k=3, seed=0):
    """A few rationals inside an interval piece (exact ends from the isolating intervals)."""
    lo = Fraction(0) if piece.lo is None else piece.lo.hi
    hi = Fraction(1) if piece.hi is None else piece.hi.lo
    rng = random.Random(seed)
    out = [piece.sample]
    for _ in range(k):
        out.append(lo + (hi - lo) * Fraction(rng.randint(1, 999), 1000))
    return out


# ---------------------------------------------------------------------------- candy
def candy_breakpoints(r):
    """docs/math.md §13.1: wait beats candy iff (1−γ) r_wait + γ M > r_candy, M = max(choc, hug);
    each orbit element has at most the one breakpoint (r_candy − r_wait)/(M − r_wait)."""
    out = set()
    for p in distinct_permutations(r):
        m = max(p[3], p[4])
        if m != p[2]:
            g = Fraction(p[1] - p[2], m - p[2])
            if 0 < g < 1:
                out.add(g)
    return sorted(out)


@pytest.mark.parametrize("reward", [(0, 1, 2, 3, 4), (1, 1, 0, 0, 0), (0, 0, 0, 1, 2), (1, 0, 0, 0, 0)])
@pytest.mark.parametrize("compare", ["max", "is-optimal", "frac-optimal"])
def test_candy_every_breakpoint_listed_and_counts_match_count_gamma(reward, compare):
    sw = sweep(CANDY, "start", "candy", "wait", reward, compare=compare)
    assert [bp.value for bp in sw.breakpoints] == candy_breakpoints(reward)
    for i, piece in enumerate(sw.pieces):
        if piece.kind == "interval":
            for g in rational_points_inside(sw, piece, seed=i):
                assert direct(CANDY, "start", "candy", "wait", reward, g, compare) == piece.counts
        else:
            assert direct(CANDY, "start", "candy", "wait", reward, piece.point.value, compare) == piece.counts


def test_candy_worked_numbers():
    sw = sweep(CANDY, "start", "candy", "wait", (0, 1, 2, 3, 4))
    assert [str(bp) for bp in sw.breakpoints] == ["1/4", "1/3", "1/2", "2/3", "3/4"]
    assert sw.counts_at(Fraction(1, 2)) == (62, 42, 16, 120)  # docs/math.md §10.1 table
    assert sw.limit_at_0 == (60, 60, 0, 120)
    assert sw.limit_at_1 == sw.blackwell == (80, 40, 0, 120)
    sw2 = sweep(CANDY, "start", "candy", "wait", (1, 1, 0, 0, 0))
    assert sw2.breakpoints == () and sw2.counts_at(Fraction(1, 2)) == (6, 4, 0, 10)


# ---------------------------------------------------------------------------- irrational breakpoints
def test_different_path_lengths_give_quadratic_breakpoints_with_minimal_polynomials():
    reward = (0, 0, 1, 2, 3, 3)
    sw = sweep(LENGTHS, "s", "a", "b", reward)
    irr = [bp for bp in sw.breakpoints if not bp.is_rational]
    assert irr, "expected irrational breakpoints"
    x = sympy.Symbol("x")
    for bp in irr:
        m = sympy.Poly(list(reversed(bp.poly)), x)
        assert m.is_irreducible and m.degree() >= 2
        assert sympy.gcd_list([int(c) for c in bp.poly]) == 1 and bp.poly[-1] > 0
        # the interval isolates exactly one root of m and it is the breakpoint
        roots_inside = [iv for iv, _ in m.intervals(inf=bp.lo, sup=bp.hi)]
        assert len(roots_inside) == 1
        f = flint.fmpz_poly(list(bp.poly))
        assert f(flint.fmpq(bp.lo.numerator, bp.lo.denominator)) * f(flint.fmpq(bp.hi.numerator, bp.hi.denominator)) < 0
        narrow = bp.refine(Fraction(1, 10**30))
        assert narrow.hi - narrow.lo <= Fraction(1, 10**30) and bp.lo <= narrow.lo < narrow.hi <= bp.hi
        assert narrow.decimal(20)[:12] == bp.decimal(20)[:12]
    prob = sweep_problem(LENGTHS, "s", "a", "b", reward)
    for k, bp in enumerate(sw.breakpoints):
        point = sw.pieces[2 * k + 1]
        assert point.counts == reference_counts_at_root(prob, bp)
        for piece in (sw.pieces[2 * k], sw.pieces[2 * k + 2]):
            for g in rational_points_inside(sw, piece, k=2, seed=k):
                assert direct(LENGTHS, "s", "a", "b", reward, g) == piece.counts
    # at least one irrational breakpoint really changes the counts
    assert any(ch for bp, ch in zip(sw.breakpoints, sw.changes()) if not bp.is_rational)


@pytest.mark.slow
@pytest.mark.parametrize("compare", ["is-optimal", "frac-optimal"])
def test_irrational_breakpoint_counts_match_the_definition_for_choice_set_rules(compare):
    reward = (0, 1, 1, 2, 3, 3)
    sw = sweep(LENGTHS, "s", "a", "b", reward, compare=compare)
    prob = sweep_problem(LENGTHS, "s", "a", "b", reward, compare)
    for k, bp in enumerate(sw.breakpoints):
        assert sw.pieces[2 * k + 1].counts == reference_counts_at_root(prob, bp)


# ---------------------------------------------------------------------------- coinciding functions
def test_breakpoint_semantics_match_option_set_where_functions_coincide():
    """fig1: two dominated functions from star coincide exactly at γ = 1/2 (docs/math.md §1.2
    caveat); frac-optimal counts maximisers of the *merged* option set there."""
    env = resolve_environment("fig1")
    assert len(option_set(env, "star", "right", Discounted("1/2")).options) == 5
    reward = (0, 0, 0, 0, 1, 1, 1, 1)
    sw = sweep(env, "star", "left", "right", reward, compare="frac-optimal")
    half = [k for k, bp in enumerate(sw.breakpoints) if bp.is_rational and bp.value == Fraction(1, 2)]
    assert half, "γ = 1/2 must be a breakpoint (two functions coincide there)"
    k = half[0]
    assert sw.pieces[2 * k + 1].counts == direct(env, "star", "left", "right", reward, Fraction(1, 2), "frac-optimal")
    prob = sweep_problem(env, "star", "left", "right", reward, "frac-optimal")
    assert sw.pieces[2 * k + 1].counts == reference_counts_at_root(prob, sw.breakpoints[k])
    assert sw.pieces[2 * k].counts != sw.pieces[2 * k + 1].counts != sw.pieces[2 * k + 2].counts


# ---------------------------------------------------------------------------- agreement (slow twin)
@st.composite
def forks(draw):
    env = draw(environments(min_states=2, max_states=4, max_actions=2))
    states = [s for s in env.states if len(env.actions(s)) >= 2]
    if not states:
        env = draw(environments(min_states=2, max_states=4, max_actions=2, stochastic=False))
        states = [s for s in env.states if len(env.actions(s)) >= 2]
    from hypothesis import assume

    assume(states)
    s = draw(st.sampled_from(states))
    a, b = env.actions(s)[:2]
    reward = tuple(draw(st.lists(st.integers(-2, 3), min_size=len(env.states), max_size=len(env.states))))
    compare = draw(st.sampled_from(["max", "is-optimal", "frac-optimal"]))
    gammas = draw(st.lists(st.builds(Fraction, st.integers(1, 98), st.just(99)), min_size=2, max_size=4))
    gammas += draw(st.lists(st.builds(lambda p, q: Fraction(p % q or 1, q), st.integers(1, 50), st.integers(2, 9)),
                            min_size=1, max_size=3))
    return env, s, a, b, reward, compare, gammas


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(forks())
def test_sweep_agrees_with_direct_counting_at_random_rational_gammas(case):
    env, s, a, b, reward, compare, gammas = case
    sw = sweep(env, s, a, b, reward, compare=compare)
    for g in gammas:
        assert sw.counts_at(g) == direct(env, s, a, b, reward, g, compare, engine="reference")
    prob = sweep_problem(env, s, a, b, reward, compare)
    irrational = [k for k, bp in enumerate(sw.breakpoints) if not bp.is_rational]
    for k, bp in enumerate(sw.breakpoints):
        if bp.is_rational:
            assert sw.pieces[2 * k + 1].counts == direct(env, s, a, b, reward, bp.value, compare, engine="reference")
        elif k in irrational[:2] + irrational[-1:]:  # the definition-level twin is slow: three per example
            assert sw.pieces[2 * k + 1].counts == reference_counts_at_root(prob, bp)
    assert sw.limit_at_1 == sw.blackwell


# ---------------------------------------------------------------------------- algebraic numbers
@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-6, 6), min_size=3, max_size=6).filter(lambda c: any(c[1:])))
def test_isolation_agrees_with_sympy_real_roots(coeffs):
    p = flint.fmpz_poly(coeffs)
    mine = separate(unit_roots(p))
    x = sympy.Symbol("x")
    roots = sorted({r for r in sympy.Poly(list(reversed(coeffs)), x).real_roots() if 0 < r < 1}, key=float)
    assert len(mine) == len(roots)
    for bp, r in zip(mine, roots):
        if bp.is_rational:
            assert sympy.Rational(bp.value.numerator, bp.value.denominator) == r
        else:
            assert sympy.Rational(bp.lo.numerator, bp.lo.denominator) < r < sympy.Rational(bp.hi.numerator, bp.hi.denominator)
            m = sympy.Poly(list(reversed(bp.poly)), x)
            assert m.is_irreducible and m.degree() >= 2
            assert sympy.Poly(list(reversed(coeffs)), x).rem(m).is_zero  # m divides p


@settings(max_examples=50)
@given(st.fractions(0, 1, max_denominator=1000), st.fractions(0, 1, max_denominator=1000))
def test_simplest_between_is_inside_and_simplest(a, b):
    from hypothesis import assume

    assume(a != b)
    a, b = min(a, b), max(a, b)
    g = simplest_between(a, b)
    assert a < g < b
    for q in range(1, g.denominator):
        lo = (a * q).__floor__() + 1
        assert Fraction(lo, q) >= b


def test_sign_of_is_exact_at_irrational_roots():
    golden = RealRoot((1, -3, 1), Fraction(0), Fraction(1, 2))  # (3 − √5)/2
    assert golden.sign_of([1, -3, 1]) == 0
    assert golden.sign_of([2, -6, 2]) == 0
    assert golden.sign_of([-3, 8]) == 1      # 8·0.3819… > 3
    assert golden.sign_of([-4, 10]) == -1    # 10·0.3819… < 4
    assert golden.sign_of([0, -1, 0, 1]) == -1


# ---------------------------------------------------------------------------- errors
def test_too_large_sweep_names_the_estimate():
    env = resolve_environment("fig1")
    with pytest.raises(TooLargeError, match="about .* difference polynomials.*--max-work"):
        sweep(env, "star", "left", "right", tuple(range(8)), max_work=1000)


def test_count_at_refuses_gamma_outside_the_open_interval():
    prob = sweep_problem(CANDY, "start", "candy", "wait", (0, 1, 2, 3, 4))
    from orbitproof.core.errors import SemanticsError

    for g in ("0", "1", "3/2"):
        with pytest.raises(SemanticsError, match="0 < gamma < 1"):
            count_at(prob, g)
