"""POWER, optimality probability and POWER-seeking reproduce the closed forms exactly
(docs/math.md §1.6, §10.1, §10.2, §13.2; docs/power.md)."""

from fractions import Fraction as F

import pytest

from orbitproof.core.errors import SemanticsError, TooLargeError
from orbitproof.core.semantics import Discounted, Gain
from orbitproof.mdp import resolve_environment
from orbitproof.mdp.expectation import option_statistics
from orbitproof.mdp.power_iid import (average_optimal_value, optimality_probabilities, power, power_all_states,
                                  power_seeking, power_upper_bound)

GAMMAS = [F(1, 10), F(1, 3), F(1, 2), F(9, 10)]


@pytest.fixture(scope="module")
def candy():
    return resolve_environment("candy")


@pytest.fixture(scope="module")
def fig1():
    return resolve_environment("fig1")


@pytest.mark.parametrize("g", GAMMAS)
def test_candy_start_power_is_two_thirds_plus_gamma_squared_over_twelve(candy, g):
    assert power(candy, "start", Discounted(g)).value == F(2, 3) + g * g / 12


def test_candy_start_power_at_one_half_is_eleven_sixteenths(candy):
    assert power(candy, "start", "1/2").value == F(11, 16)


@pytest.mark.parametrize("g", GAMMAS)
def test_candy_wait_is_optimal_with_probability_one_half_plus_gamma_over_six(candy, g):
    probs = optimality_probabilities(candy, "start", Discounted(g)).probabilities
    assert probs["wait"] == F(1, 2) + g / 6
    assert probs["candy"] == 1 - probs["wait"]  # distinct options: ties have probability 0


def test_candy_limits_at_zero_and_gain(candy):
    assert power(candy, "start", "0").value == F(2, 3)
    assert power(candy, "start", Gain()).value == F(3, 4)
    assert optimality_probabilities(candy, "start", Gain()).probabilities["wait"] == F(2, 3)


@pytest.mark.parametrize("sem", [F(1, 2), F(9, 10), "gain"])
def test_candy_wait_and_terminal_states(candy, sem):
    values = {r.state: r.value for r in power_all_states(candy, sem)}
    assert values["wait"] == F(2, 3)
    assert values["candy"] == values["chocolate"] == values["hug"] == F(1, 2)


@pytest.mark.parametrize("g", GAMMAS)
def test_fig1_power_closed_forms(fig1, g):
    assert power(fig1, "l_down", Discounted(g)).value == (F(2, 3) + g / 2) / (1 + g)
    assert power(fig1, "r_down", Discounted(g)).value == F(2, 3)
    assert power(fig1, "empty", Discounted(g)).value == F(1, 2)


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5])
def test_k_unit_rsds_give_k_over_k_plus_one(k):
    env = resolve_environment(f"terminal:m=1,n={k}")
    assert power(env, "live", Gain()).value == F(k, k + 1)


@pytest.mark.parametrize("name", ["candy", "fig1", "ye-olde"])
@pytest.mark.parametrize("sem", [F(1, 2), "gain"])
def test_power_respects_the_prop_5_4_bound(name, sem):
    env = resolve_environment(name)
    bound = power_upper_bound(env)
    assert bound == F(len(env.states), len(env.states) + 1)
    assert all(r.value <= bound for r in power_all_states(env, sem))


def test_prop_5_4_bound_is_attained_when_every_state_is_one_step_away():
    # every state reaches every state in one step and all are 1-cycles: POWER = E[max of d iid U(0,1)]
    from orbitproof.mdp.environment import Environment
    names = ("a", "b", "c")
    env = Environment.from_dict({"name": "complete", "states": list(names),
                                 "actions": {s: {f"to_{t}": t for t in names} for s in names}})
    for sem in (F(1, 2), F(9, 10), "gain"):
        assert power(env, "a", sem).value == power_upper_bound(env) == F(3, 4)


def test_prop_5_5_adjacent_states_differ_by_at_most_one_minus_gamma(fig1):
    for g in GAMMAS:
        a = power(fig1, "r_up", Discounted(g)).value
        b = power(fig1, "r_down", Discounted(g)).value
        assert abs(a - b) <= 1 - g


def test_power_seeking_at_candy_start_prefers_wait_with_exact_difference(candy):
    res = power_seeking(candy, "start", "1/2")
    assert res.expected_power == {"candy": F(1, 2), "wait": F(2, 3)}
    assert res.seeks_more("wait", "candy") and not res.seeks_more("candy", "wait")
    assert res.difference("wait", "candy") == F(1, 6)


def test_average_optimal_value_matches_power_identity(candy):
    g = F(1, 2)
    v = average_optimal_value(candy, "start", Discounted(g))
    assert v == F(1, 2) + g / (1 - g) * power(candy, "start", Discounted(g)).value


def test_finite_support_power_matches_enumeration_by_hand(candy):
    # bernoulli:1/2, γ = 1/2: options (after − e_start) are (candy 1) and (wait 1/2, choc or hug 1/2)
    # E[max(c, w/2 + max(h,ch)/2)] over 16 equally likely 0/1 vectors = 13/16; POWER = 13/16
    assert power(candy, "start", "1/2", "bernoulli:1/2").value == F(13, 16)


def test_ties_count_for_every_maximiser_under_finite_support(candy):
    probs = optimality_probabilities(candy, "start", "gain", "bernoulli:1/2").probabilities
    # candy ties with max(choc, hug) whenever r_candy = max(...): both count
    assert probs["candy"] + probs["wait"] > 1
    assert probs["wait"] == F(7, 8) and probs["candy"] == F(5, 8)


def test_unit_option_order_statistics():
    units = [tuple(F(int(i == j)) for j in range(5)) for i in range(5)]
    st = option_statistics(units, [units[:2], units[:1]], "uniform")
    assert st.expected_max == F(5, 6) and st.probabilities == (F(2, 5), F(1, 5))


def test_blackwell_is_refused_with_a_clear_error(candy):
    with pytest.raises(SemanticsError):
        power(candy, "start", "blackwell")


def test_work_limit_refuses_with_the_flag_name(candy):
    with pytest.raises(TooLargeError, match="--max-work"):
        power(candy, "start", "1/2", max_work=2)


@pytest.mark.parametrize("m,n", [(1, 1), (1, 3), (2, 3), (3, 2), (2, 5)])
def test_unit_options_give_order_statistic_probabilities(m, n):
    from orbitproof.mdp.expectation import linear_optimality_probability
    d = m + n
    unit = lambda i: tuple(F(int(i == j)) for j in range(d))  # noqa: E731
    pa, pb = linear_optimality_probability([unit(i) for i in range(m)], [unit(m + i) for i in range(n)])
    assert (pa, pb) == (F(m, m + n), F(n, m + n))


STOCHASTIC = {"name": "gamble", "states": ["s", "a", "b"],
              "actions": {"s": {"go": {"a": "1/3", "b": "2/3"}, "safe": "b"},
                          "a": {"stay": "a", "back": "s"}, "b": {"stay": "b", "x": "a"}}}


@pytest.mark.parametrize("sem,dist", [(F(1, 2), "uniform"), ("gain", "uniform"), (F(1, 2), "bernoulli:1/2"),
                                      (F(9, 10), "bernoulli:1/2"), ("gain", "values:0,1,2@1/2,1/4,1/4")])
def test_stochastic_mdp_power_equals_the_twin_on_all_of_F(sem, dist):
    from orbitproof.mdp.environment import Environment
    from orbitproof.mdp.expectation import option_statistics_reference
    from orbitproof.mdp.options import option_set
    env = Environment.from_dict(STOCHASTIC)
    res = power(env, "s", sem, dist)
    semantics = Gain() if sem == "gain" else Discounted(sem)
    allf = option_set(env, "s", None, semantics).vectors
    if sem != "gain":
        allf = [(v[0] - 1, *v[1:]) for v in allf]
    assert res.value == res.factor * option_statistics_reference(allf, (), dist).expected_max


def test_results_display_in_notebooks_and_accept_environment_specs():
    import json
    r = power("candy", "start", "1/2")
    assert r.value == F(11, 16) and "11/16" in r._repr_html_() and r"\tfrac{11}{16}" in r._repr_latex_()
    assert json.loads(r.to_json())["power"] == "11/16"
    o = optimality_probabilities("candy", "start", "1/2")
    assert "<table>" in o._repr_html_() and "7/12" in o._repr_html_()
    s = power_seeking("candy", "start", "gain")
    assert r"\tfrac{2}{3}" in s._repr_latex_() and json.loads(s.to_json())["expected_power"]["wait"] == "2/3"
