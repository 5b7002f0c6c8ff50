"""The incremental counting stage of the γ-sweep (orbitproof/orbits/sweep_count.py) against its
slow twin, one count_orbit per piece (docs/math.md §13.1): exact equality of the whole piecewise
answer, breakpoints, counts and sample points."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from orbitproof.core.errors import TooLargeError
from orbitproof.mdp import Environment, resolve_environment
from orbitproof.orbits.algebraic import RealRoot, simplest_between
from orbitproof.orbits.multiset import multinomial
from orbitproof.orbits.sweep import gamma_sweep, sweep_problem
from orbitproof.orbits.sweep_count import (
    _classes,
    choose_counting,
    class_count,
    column_blocks,
    estimate_count_work,
)

from strategies import environments

LENGTHS4 = Environment.from_dict({
    "name": "lengths4", "states": ["s", "a", "x", "y", "b", "c", "d", "e"],
    "actions": {"s": {"a": "a", "b": "b"}, "a": {"go": "x"}, "x": {"go": "y"}, "y": {"stay": "y"},
                "b": {"go": "c"}, "c": {"go": "d"}, "d": {"go": "e"}, "e": {"go": "c"}},
})


def both(env, s, a, b, reward, compare):
    fast = gamma_sweep(env, s, a, b, reward, compare=compare, counting="incremental", blackwell=False)
    slow = gamma_sweep(env, s, a, b, reward, compare=compare, counting="per-piece", blackwell=False)
    return fast, slow


def assert_same(fast, slow):
    assert fast.breakpoints == slow.breakpoints
    assert fast.pieces == slow.pieces  # kinds, counts, samples (γ* at irrational points), ends


@st.composite
def forks(draw):
    stochastic = draw(st.booleans())
    env = draw(environments(min_states=2, max_states=4, max_actions=2, stochastic=stochastic))
    states = [s for s in env.states if len(env.actions(s)) >= 2]
    assume(states)
    s = draw(st.sampled_from(states))
    a, b = env.actions(s)[:2]
    reward = tuple(draw(st.lists(st.integers(-2, 3), min_size=len(env.states), max_size=len(env.states))))
    compare = draw(st.sampled_from(["max", "is-optimal", "frac-optimal"]))
    return env, s, a, b, reward, compare


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(forks())
def test_incremental_counts_equal_per_piece_counts_on_random_forks(case):
    env, s, a, b, reward, compare = case
    fast, slow = both(env, s, a, b, reward, compare)
    assert_same(fast, slow)


@pytest.mark.parametrize("compare", ["max", "is-optimal", "frac-optimal"])
def test_incremental_equals_per_piece_with_degree_four_breakpoints(compare):
    fast, slow = both(LENGTHS4, "s", "a", "b", (0, 0, 0, 0, 0, 1, 1, 2), compare)
    assert max(bp.degree for bp in fast.breakpoints) >= 4
    assert_same(fast, slow)


def test_incremental_equals_per_piece_where_functions_coincide_frac_optimal():
    """fig1: two functions coincide at γ = 1/2; frac-optimal re-decides every class there."""
    env = resolve_environment("fig1")
    fast, slow = both(env, "star", "left", "right", (0, 0, 0, 0, 1, 1, 1, 1), "frac-optimal")
    assert any(bp.is_rational and bp.value == Fraction(1, 2) for bp in fast.breakpoints)
    assert_same(fast, slow)


def test_incremental_equals_per_piece_on_fig1_up_right_is_optimal():
    env = resolve_environment("fig1")
    fast, slow = both(env, "star", "up", "right", (0, 0, 0, 0, 1, 1, 2, 3), "is-optimal")
    assert_same(fast, slow)


def test_column_blocks_give_classes_whose_weights_sum_to_the_orbit():
    env = resolve_environment("fig1")
    prob = sweep_problem(env, "star", "up", "right", (0, 1, 1, 2, 3, 3, 4, 5))
    blocks = column_blocks(prob)
    assert sorted(i for b in blocks for i in b) == list(range(len(prob.coordinates)))
    X, w, cols, pos, idx, vals = _classes(prob, blocks)
    assert int(w.sum()) == multinomial((1, 2, 1, 2, 1, 1))
    assert len(X) == class_count(prob) <= int(w.sum())
    # rows are distinct once every block is sorted
    assert len({tuple(r) for r in X.tolist()}) == len(X)


def test_counting_work_is_estimated_and_refused_with_the_flag():
    prob = sweep_problem(resolve_environment("candy"), "start", "candy", "wait", (0, 1, 2, 3, 4))
    from orbitproof.orbits.count import estimate_work
    from orbitproof.orbits.sweep import count_at  # noqa: F401  (the per-piece path counts like this)

    one = estimate_work([f.at(Fraction(1, 2)) for f in (prob.functions[u] for u in prob.ia)],
                        [f.at(Fraction(1, 2)) for f in (prob.functions[u] for u in prob.ib)], prob.reward)
    assert estimate_count_work(prob, 11, "per-piece") == 11 * one
    used = set(prob.ia) | set(prob.ib) | set(prob.ic)
    assert estimate_count_work(prob, 11, "incremental") == class_count(prob) * (len(prob.pairs()) + len(used))
    with pytest.raises(TooLargeError, match="--max-count-work") as e:
        gamma_sweep(resolve_environment("candy"), "start", "candy", "wait", (0, 1, 2, 3, 4), max_count_work=10)
    assert "\n" not in str(e.value)
    assert choose_counting(prob, 11) == "incremental"
    assert choose_counting(prob, 11, "per-piece") == "per-piece"


# ---------------------------------------------------------------------------- algebraic speed-ups
def _simplest_reference(a: Fraction, b: Fraction) -> Fraction:
    fl = a.__floor__()
    if fl + 1 < b:
        return Fraction(fl + 1)
    fa, fb = a - fl, b - fl
    if fa == 0:
        return fl + Fraction(1, (1 / fb).__floor__() + 1)
    return fl + 1 / _simplest_reference(1 / fb, 1 / fa)


fractions = st.fractions(min_value=-3, max_value=3, max_denominator=10**5)


@settings(max_examples=150, deadline=None)
@given(fractions, fractions)
def test_integer_simplest_between_equals_the_fraction_recursion(x, y):
    assume(x != y)
    a, b = min(x, y), max(x, y)
    assert simplest_between(a, b) == _simplest_reference(a, b)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 60))
def test_integer_refine_equals_step_by_step_bisection(bits):
    root = RealRoot((1, -3, 0, 0, 1), Fraction(1, 3), Fraction(1, 2))  # x^4 − 3x + 1, a root near 0.3376
    width = Fraction(1, 2**bits)
    r = root
    while r.hi - r.lo > width:
        r = r.bisect()
    assert root.refine(width) == r


def _separate_reference(roots):
    """The plain global loop that orbitproof.orbits.algebraic._disjoint runs cluster by cluster."""
    items = list(roots)
    changed = True
    while changed:
        changed = False
        items.sort(key=lambda r: (r.lo, r.hi))
        for i in range(len(items) - 1):
            x, y = items[i], items[i + 1]
            if x.hi >= y.lo:
                if x.is_rational and y.is_rational:
                    continue
                if not x.is_rational:
                    items[i] = x.bisect()
                if not y.is_rational:
                    items[i + 1] = y.bisect()
                changed = True
    return sorted(items, key=lambda r: (r.lo, r.hi))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(-5, 5), min_size=2, max_size=5), min_size=1, max_size=8))
def test_clustered_separation_equals_the_global_loop(polys):
    from orbitproof.orbits.algebraic import _disjoint, fmpz_of, unit_roots

    roots = []
    for p in polys:
        roots.extend(unit_roots(fmpz_of(p)))
    uniq = list({(r.poly, r.lo, r.hi): r for r in roots}.values())
    distinct = {}
    for r in uniq:  # one interval per root (as separate() guarantees before this step)
        distinct.setdefault((r.poly, r.lo, r.hi), r)
    items = list(distinct.values())
    assert _disjoint(list(items)) == _separate_reference(list(items))


def test_cli_refuses_counting_work_past_the_limit_with_one_line(capsys):
    from orbitproof.cli.main import main

    fork = ["candy", "--state", "start", "--a", "candy", "--b", "wait", "--reward", "0,1,2,3,4", "-q"]
    assert main(["sweep", *fork, "--max-count-work", "5"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("orbitproof: error:")
    assert "about 600 " in err[0] and "--max-count-work" in err[0]
    assert main(["sweep", *fork, "--max-count-work", "600"]) == 0


# ---------------------------------------------------------------------------- integer bisection and sort keys
def _bisect_reference(r: RealRoot) -> RealRoot:
    """The Fraction-arithmetic bisection RealRoot.bisect replaced (same midpoint, same side)."""
    from orbitproof.orbits.algebraic import sign_at

    m = (r.lo + r.hi) / 2
    if sign_at(r.poly, r.lo) * sign_at(r.poly, m) < 0:
        return RealRoot(r.poly, r.lo, m)
    return RealRoot(r.poly, m, r.hi)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-6, 6), min_size=3, max_size=6), st.integers(0, 25))
def test_integer_bisect_equals_the_fraction_bisection(coeffs, steps):
    from orbitproof.orbits.algebraic import fmpz_of, unit_roots

    roots = [r for r in unit_roots(fmpz_of(coeffs)) if not r.is_rational]
    assume(roots)
    for r in roots:
        a = b = r
        for _ in range(steps):
            a, b = a.bisect(), _bisect_reference(b)
            assert a == b


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(fractions, fractions), min_size=0, max_size=12))
def test_integer_sort_keys_order_like_the_fraction_keys(pairs):
    from orbitproof.orbits.algebraic import _sorted_by_ends

    items = [RealRoot((1, 0, -2), min(x, y), max(x, y)) for x, y in pairs]
    assert _sorted_by_ends(items) == sorted(items, key=lambda r: (r.lo, r.hi))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(-9, 9), min_size=3, max_size=6), st.integers(1, 200))
def test_newton_guided_refine_equals_step_by_step_bisection_on_random_roots(coeffs, bits):
    """RealRoot.refine jumps to the depth-n dyadic piece an integer Newton iteration guesses and two
    exact sign tests confirm; it must be the interval n bisections reach."""
    from orbitproof.orbits.algebraic import fmpz_of, unit_roots

    roots = [r for r in unit_roots(fmpz_of(coeffs)) if not r.is_rational]
    assume(roots)
    width = Fraction(1, 2**bits)
    for root in roots:
        r = root
        while r.hi - r.lo > width:
            r = _bisect_reference(r)
        assert root.refine(width) == r


@pytest.mark.parametrize("case", [
    (LENGTHS4, "s", "a", "b", (0, 0, 0, 0, 0, 1, 1, 2)),
    (resolve_environment("fig1"), "star", "left", "right", (0, 0, 1, 1, 2, 2, 3, 4)),
])
def test_surrogate_vectors_are_the_surrogate_point_scaled_by_q_to_the_k_minus_1(case):
    """sweep_count.surrogate_vectors (entries reduced and evaluated once, integers only) against
    sweep.surrogate_point (one reduction per function and coordinate, Fraction values): the same
    γ* = p/q and vectors q^{k−1}·(N_f mod m)(γ*)·den."""
    from orbitproof.orbits.sweep import surrogate_point
    from orbitproof.orbits.sweep_count import surrogate_vectors

    env, s, a, b, reward = case
    sw = gamma_sweep(env, s, a, b, reward, blackwell=False)
    prob = sw.problem
    used = sorted(set(prob.ia) | set(prob.ib) | set(prob.ic))
    cols = list(range(len(prob.coordinates)))
    irrational = [bp for bp in sw.breakpoints if not bp.is_rational]
    assert irrational
    cache: dict = {}
    for bp in irrational[:40]:
        g, vecs = surrogate_vectors(prob, bp, used, cols, cache)
        g2, exact = surrogate_point(prob, bp)
        assert g == g2
        scale = g.denominator ** (bp.degree - 1)
        for u in used:
            assert vecs[u] == tuple(x * scale for x in exact[u])
