"""The exact POWER engines agree with their definition-level twins exactly, and with Monte Carlo
within 4 standard errors (docs/power.md, docs/math.md §13.2)."""

from fractions import Fraction as F

import pytest
from hypothesis import assume, HealthCheck, given, settings
from hypothesis import strategies as st

from orbitproof.core.semantics import Discounted, Gain
from orbitproof.mdp import resolve_environment
from orbitproof.mdp.environment import Environment
from orbitproof.mdp.expectation import (option_statistics, option_statistics_monte_carlo,
                                        option_statistics_reference)
from orbitproof.mdp.options import option_set
from orbitproof.mdp.polytope import fm_moments, moments

entry = st.fractions(min_value=-2, max_value=2, max_denominator=3)


def option_sets(max_d: int, max_n: int):
    return st.integers(1, max_d).flatmap(
        lambda d: st.lists(st.tuples(*[entry] * d), min_size=1, max_size=max_n, unique=True))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(option_sets(3, 4), st.data())
def test_uniform_cell_integrals_equal_iterated_integration(C, data):
    A = data.draw(st.lists(st.sampled_from(C), max_size=len(C), unique=True))
    fast = option_statistics(C, [A], "uniform")
    slow = option_statistics_reference(C, [A], "uniform")
    assert (fast.expected_max, fast.probabilities) == (slow.expected_max, slow.probabilities)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(*[st.integers(0, 2)] * 4), min_size=2, max_size=3, unique=True))
def test_uniform_in_four_dimensions_equals_iterated_integration(C):
    fast = option_statistics(C, [C[:1]], "uniform")
    slow = option_statistics_reference(C, [C[:1]], "uniform")
    assert (fast.expected_max, fast.probabilities) == (slow.expected_max, slow.probabilities)


halfspace = st.tuples(st.tuples(*[st.integers(-3, 3)] * 3), st.integers(-2, 3))


@settings(max_examples=40, deadline=None)
@given(st.lists(halfspace, max_size=3))
def test_lasserre_moments_equal_iterated_integration_on_cut_cubes(cuts):
    cube = [(tuple(F(int(i == j)) for j in range(3)), F(1)) for i in range(3)]
    cube += [(tuple(F(-int(i == j)) for j in range(3)), F(0)) for i in range(3)]
    cons = cube + [(tuple(map(F, a)), F(b)) for a, b in cuts]
    assert moments(cons, 3) == fm_moments(cons, 3)


distributions = st.sampled_from(["bernoulli:1/3", "uniform-int:3", "values:-1,0,5/2@1/6,1/2,1/3",
                                 "values:0,1", "bernoulli:1"])


@settings(max_examples=60, deadline=None)
@given(option_sets(4, 5), distributions, st.data())
def test_finite_support_grouped_enumeration_equals_plain_enumeration(C, dist, data):
    A = data.draw(st.lists(st.sampled_from(C), max_size=len(C), unique=True))
    fast = option_statistics(C, [A, C], dist)
    slow = option_statistics_reference(C, [A, C], dist)
    assert (fast.expected_max, fast.probabilities) == (slow.expected_max, slow.probabilities)
    assert fast.probabilities[1] == 1


@st.composite
def small_mdps(draw):
    n = draw(st.integers(2, 4))
    names = [f"s{i}" for i in range(n)]
    actions = {}
    for s in names:
        targets = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
        actions[s] = {f"to_{t}": t for t in targets}
    return Environment.from_dict({"name": "random", "states": names, "actions": actions})


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_mdps(), st.sampled_from([F(1, 2), F(1, 3), "gain"]), st.sampled_from(["uniform", "bernoulli:1/2"]))
def test_power_on_random_small_mdps_equals_the_twin_on_all_of_F(env, sem, dist):
    from orbitproof.mdp.power_iid import power
    s = env.states[0]
    sem_ = Gain() if sem == "gain" else Discounted(sem)
    allf = option_set(env, s, None, sem_).vectors  # all of F(s), no ND filter, no reductions
    # the twin integrates over every cell of all of F(s): keep it to small sets (bounded time)
    assume(len(allf) <= 6)
    res = power(env, s, sem, dist)
    if sem != "gain":
        i = env.index(s)
        allf = [tuple(x - (1 if j == i else 0) for j, x in enumerate(v)) for v in allf]
    twin = option_statistics_reference(allf, (), dist)
    assert res.value == res.factor * twin.expected_max


MC_SAMPLES = 10**6  # the cross-check: 10^6 samples, within 4 standard errors
CASES = [("candy", "start", F(1, 2), "uniform"), ("fig1", "l_down", F(9, 10), "uniform"),
         ("ye-olde", "start", "gain", "uniform"), ("gridworld:w=3,h=3", "c1_1", F(1, 2), "uniform"),
         ("terminal:m=2,n=2", "start", F(9, 10), "values:0,1,3@1/2,1/4,1/4")]


@pytest.mark.parametrize("name,state,sem,dist", CASES)
def test_exact_power_agrees_with_monte_carlo_within_four_standard_errors(name, state, sem, dist):
    from orbitproof.mdp.power_iid import power, power_estimate
    env = resolve_environment(name)
    exact = power(env, state, sem, dist).value
    est = power_estimate(env, state, sem, dist, samples=MC_SAMPLES, seed=1)
    assert est.samples == MC_SAMPLES
    assert abs(est.mean - float(exact)) <= 4 * est.stderr


def test_exact_probability_agrees_with_monte_carlo_within_four_standard_errors():
    env = resolve_environment("candy")
    C = option_set(env, "start", None, Discounted(F(9, 10))).vectors
    A = option_set(env, "start", "wait", Discounted(F(9, 10))).vectors
    exact = option_statistics(C, [A]).probabilities[0]
    est = option_statistics_monte_carlo(C, [A], samples=MC_SAMPLES, seed=2).probabilities[0]
    assert exact == F(13, 20) and abs(est.mean - float(exact)) <= 4 * est.stderr


huge = st.builds(lambda a, b: F(a, b), st.integers(-10**25, 10**25), st.integers(1, 10**22))


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 3).flatmap(lambda d: st.lists(st.tuples(*[huge] * d), min_size=1, max_size=3, unique=True)),
       distributions, st.data())
def test_multi_limb_integer_enumeration_equals_plain_enumeration_on_huge_numbers(C, dist, data):
    A = data.draw(st.lists(st.sampled_from(C), max_size=len(C), unique=True))
    fast = option_statistics(C, [A], dist)
    slow = option_statistics_reference(C, [A], dist)
    assert (fast.expected_max, fast.probabilities) == (slow.expected_max, slow.probabilities)


def test_flat_and_empty_polytopes_have_zero_moments():
    def cube(k):
        out = []
        for i in range(k):
            out.append((tuple(F(int(i == j)) for j in range(k)), F(1)))
            out.append((tuple(F(-int(i == j)) for j in range(k)), F(0)))
        return out
    flat = cube(3) + [((F(1), F(-1), F(0)), F(0)), ((F(-1), F(1), F(0)), F(0))]
    point = cube(3) + [((F(1), F(1), F(1)), F(0))]
    empty = cube(2) + [((F(1), F(1)), F(-1))]
    for cons, k in ((flat, 3), (point, 3), (empty, 2)):
        assert moments(cons, k) == fm_moments(cons, k) == (0, (0,) * k)
