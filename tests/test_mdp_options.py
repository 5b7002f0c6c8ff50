"""Options of a state: visit distributions, RSDs, Blackwell layers, ND (issue 2 item 5).

Worked facts from docs/math.md §10.1–10.2, and property tests comparing every fast path with the
definition-level twins of :mod:`orbitproof.mdp.reference`.
"""

from __future__ import annotations

import time
from fractions import Fraction as F

import flint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.core.errors import SemanticsError, TooLargeError, UnknownActionError, UnknownStateError
from orbitproof.mdp import (
    nondominated,
    option_set,
    optimal_gain,
    optimal_value,
    resolve_environment,
    rsd,
    visit_functions,
)
from orbitproof.mdp import reference as ref
from orbitproof.mdp.ratfunc import to_poly
from orbitproof.mdp.recurrent import cesaro_row, rsd_nd_vectors, rsd_vectors
from orbitproof.mdp.visits import function_of_policy, iter_partial_policies
from orbitproof.core.optionset import option_value
from orbitproof.core.semantics import Blackwell, Discounted, Gain
from tests.strategies import env_state_action, environments, gammas, reward_vectors
from tests.twins import rsd_set


def _rsd_twin(env, s, action):
    """The independent Cesàro twin (tests/twins.py), not mdp/reference.rsd_ref (which reuses visits)."""
    return rsd_set(env.table, s, None if action is None else env.action_index(s, action))

H = F(1, 2)


def e(n, *idx, w=F(1)):
    v = [F(0)] * n
    for i in idx:
        v[i] = w
    return tuple(v)


# ------------------------------------------------------------------ worked examples
def test_candy_at_one_half():
    env = resolve_environment("candy")
    assert option_set(env, "start", "candy", Discounted(H)).vectors == ((1, 1, 0, 0, 0),)
    assert set(option_set(env, "start", "wait", Discounted(H)).vectors) == {(1, 0, H, H, 0), (1, 0, H, 0, H)}
    assert set(rsd(env, "start", "wait").vectors) == {e(5, 3), e(5, 4)}
    assert set(rsd(env, "start", "candy").vectors) == {e(5, 1)}


def test_candy_at_nine_tenths():
    env = resolve_environment("candy")
    assert option_set(env, "start", "candy", Discounted("9/10")).vectors == ((1, 9, 0, 0, 0),)
    assert set(option_set(env, "start", "wait", Discounted("9/10")).vectors) == {
        (1, 0, F(9, 10), F(81, 10), 0), (1, 0, F(9, 10), 0, F(81, 10))}


def test_fig1_visit_functions_match_math_md():
    env = resolve_environment("fig1")
    ld, lu, rd, ru = (env.index(x) for x in ("l_down", "l_up", "r_down", "r_up"))
    for g in (F(1, 3), H, F(9, 10)):
        got = {f.at(g) for f in visit_functions(env, "l_down")}
        want = {e(8, ld, w=1 / (1 - g)),
                tuple(x / (1 - g * g) for x in (F(0),) * 3 + (g, F(1)) + (F(0),) * 3)}
        assert got == want
        got = {f.at(g) for f in visit_functions(env, "r_down")}
        want = {e(8, rd, w=1 / (1 - g)),
                tuple((F(1) if i == rd else g if i == ru else F(0)) / (1 - g * g) for i in range(8)),
                tuple(F(1) if i == rd else g / (1 - g) if i == ru else F(0) for i in range(8))}
        assert got == want


def test_fig1_rsd_and_its_nondominated_subset():
    env = resolve_environment("fig1")
    n = 8
    i = env.index
    X = set(rsd(env, "star").vectors)
    assert X == {e(n, i("l_down")), e(n, i("l_down"), i("l_up"), w=H), e(n, i("empty")), e(n, i("r_up")),
                 e(n, i("r_up"), i("r_down"), w=H), e(n, i("r_down"))}
    nd = set(rsd(env, "star", nd=True).vectors)
    assert e(n, i("r_up"), i("r_down"), w=H) not in nd
    assert e(n, i("l_down"), i("l_up"), w=H) in nd
    assert nd == set(nondominated(sorted(X)).nd_vectors)


def test_fig1_coincidence_at_one_half():
    env = resolve_environment("fig1")
    fs = visit_functions(env, "star", "right")
    assert len(fs) == 6
    assert len(option_set(env, "star", "right", Discounted(H))) == 5
    assert len(option_set(env, "star", "right", Discounted(F(1, 3)))) == 6
    assert len(option_set(env, "star", "right", Blackwell())) == 6


def test_gridworld_8x8_gain_rsd_nd_from_the_centre_is_fast():
    env = resolve_environment("gridworld:w=8,h=8")
    t0 = time.perf_counter()
    X = option_set(env, "c4_4", None, Gain(), nd=True)
    Y = option_set(env, "c4_4", "up", Gain(), nd=True)
    assert time.perf_counter() - t0 < 30  # generous; measured ~0.3 s (see benchmarks)
    assert len(X) == 64 and all(sum(v) == 1 for v in X.vectors)
    assert len(Y) == 64 and e(64, env.index("c4_4"), env.index("c4_3"), w=H) in Y.vectors


def test_too_large_is_refused_with_a_hint():
    env = resolve_environment("gridworld:w=4,h=4")
    with pytest.raises(TooLargeError, match="max_size"):
        option_set(env, "c0_0", None, Discounted(H), max_size=1000)


def test_bad_state_action_gamma():
    env = resolve_environment("candy")
    with pytest.raises(UnknownStateError):
        option_set(env, "nope", None, Gain())
    with pytest.raises(UnknownActionError):
        option_set(env, "start", "fly", Gain())
    with pytest.raises(SemanticsError):
        visit_functions(env, "start")[0].at(1)


def test_optimal_value_and_gain_on_candy():
    env = resolve_environment("candy")
    r = (0, 1, 0, 0, 2)
    assert optimal_value(env, r, "start", H) == 1
    assert optimal_value(env, r, "start", F(9, 10)) == F(81, 5)
    assert optimal_gain(env, r, "start") == 2


# ------------------------------------------------------------------ properties vs twins
SMALL = dict(max_states=4, max_actions=2)


@settings(max_examples=200, deadline=None)
@given(env_state_action(**SMALL), gammas())
def test_visit_values_equal_the_brute_force_policy_solve(esa, g):
    env, state, action = esa
    s = env.index(state)
    fast = set(option_set(env, state, action, Discounted(g)).vectors)
    assert fast == ref.values_ref(env, s, action, g)


@settings(max_examples=150, deadline=None)
@given(env_state_action(**SMALL))
def test_distinct_functions_equal_the_brute_force_ones(esa):
    env, state, action = esa
    s = env.index(state)
    gs = ref.key_gammas(len(env.states))
    fast = visit_functions(env, state, action)
    keys = [tuple(f.at(g) for g in gs) for f in fast]
    assert len(set(keys)) == len(keys)  # merged exactly as functions
    assert set(keys) == ref.function_keys_ref(env, s, action)


@settings(max_examples=150, deadline=None)
@given(environments(stochastic=False, **SMALL), st.data())
def test_lasso_closed_form_equals_the_generic_rational_function(env, data):
    state = data.draw(st.sampled_from(env.states))
    s = env.index(state)
    generic = {function_of_policy(env, s, pol) for pol in iter_partial_policies(env, s)}
    assert set(visit_functions(env, state)) == generic


@settings(max_examples=150, deadline=None)
@given(env_state_action(**SMALL), gammas())
def test_recursive_identity_and_norm(esa, g):
    env, state, action = esa
    for f in visit_functions(env, state, action):
        v = f.at(g)
        assert sum(v) == 1 / (1 - g)
        assert all(x >= 0 for x in v)
    # f^{π,s} = e_s + γ E[f^{π,s'}], checked on full policies
    s = env.index(state)
    for pol in list(ref.all_policies(env, s, action))[:8]:
        fs = ref.visit_at(env, pol, s, g)
        nxt = [F(0)] * len(env.states)
        for j, p in env.table[s][pol[s]][1]:
            fj = ref.visit_at(env, pol, j, g)
            nxt = [a + p * b for a, b in zip(nxt, fj)]
        assert fs == tuple((1 if i == s else 0) + g * nxt[i] for i in range(len(env.states)))


@settings(max_examples=150, deadline=None)
@given(env_state_action(**SMALL))
def test_rsd_equals_the_limit_of_the_visit_functions(esa):
    env, state, action = esa
    s = env.index(state)
    X = rsd_vectors(env, state, action)
    assert set(X) == _rsd_twin(env, s, action)
    for d in X:
        assert sum(d) == 1 and all(x >= 0 for x in d)


@settings(max_examples=100, deadline=None)
@given(environments(stochastic=True, **SMALL), st.data())
def test_cesaro_row_is_stationary(env, data):
    state = data.draw(st.sampled_from(env.states))
    s = env.index(state)
    for pol in list(iter_partial_policies(env, s))[:6]:
        d = cesaro_row(env, s, pol)
        dP = [F(0)] * len(env.states)
        for u, w in enumerate(d):
            if w:
                for j, p in env.table[u][pol[u]][1]:
                    dP[j] += w * p
        assert tuple(dP) == d


@settings(max_examples=150, deadline=None)
@given(env_state_action(**SMALL))
def test_structural_rsd_nd_equals_lp_nd(esa):
    env, state, action = esa
    X = rsd_vectors(env, state, action)
    assert set(rsd_nd_vectors(env, state, action)) == set(nondominated(X).nd_vectors)


@settings(max_examples=100, deadline=None)
@given(env_state_action(**SMALL))
def test_blackwell_layers_are_the_expansion_at_one(esa):
    env, state, action = esa
    K = 2 * len(env.states) + 1
    u = flint.fmpq_poly([1, -1])  # 1 − γ
    for f in visit_functions(env, state, action):
        layers = f.layers(K)
        assert layers[0] == f.rsd()
        for i, (num, den) in enumerate(f.entries):
            series = sum((to_poly([layers[j][i]]) * u ** j for j in range(K)), flint.fmpq_poly([]))
            diff = u * to_poly(num) - to_poly(den) * series
            # divisible by (1−γ)^K: all derivatives at γ = 1 below K vanish
            q = diff
            for _ in range(K):
                if q.degree() < 0:
                    break
                assert q(1) == 0
                q = q // flint.fmpq_poly([-1, 1])


@st.composite
def vector_sets(draw):
    d = draw(st.integers(1, 4))
    vec = st.lists(st.integers(-2, 2).map(F), min_size=d, max_size=d).map(tuple)
    return draw(st.lists(vec, min_size=1, max_size=7))


@settings(max_examples=150, deadline=None)
@given(vector_sets(), st.data())
def test_nd_witnesses_check_out_and_max_is_attained_on_nd(X, data):
    res = nondominated(X)
    distinct = list(dict.fromkeys(X))
    for ent in res.entries:
        others = [y for y in distinct if y != ent.vector]
        if ent.nondominated:
            r = ent.witness
            val = sum(a * b for a, b in zip(ent.vector, r))
            assert all(val > sum(a * b for a, b in zip(y, r)) for y in others)
        else:
            assert sum(w for _, w in ent.weights) == 1 and all(w > 0 for _, w in ent.weights)
            comb = tuple(sum(w * X[j][i] for j, w in ent.weights) for i in range(len(ent.vector)))
            assert comb == ent.vector and all(X[j] != ent.vector for j, _ in ent.weights)
    r = data.draw(reward_vectors(len(X[0])))
    dot = lambda x: sum(a * b for a, b in zip(x, r))  # noqa: E731
    assert max(map(dot, X)) == max(map(dot, res.nd_vectors))


@settings(max_examples=100, deadline=None)
@given(env_state_action(**SMALL), gammas(), st.data())
def test_optimal_value_equals_max_over_options(esa, g, data):
    env, state, _ = esa
    r = data.draw(reward_vectors(len(env.states)))
    s = env.index(state)
    assert optimal_value(env, r, state, g) == ref.optimal_value_ref(env, r, s, g)
    X = rsd(env, state).vectors
    assert optimal_gain(env, r, state) == max(sum(a * b for a, b in zip(d, r)) for d in X)


@settings(max_examples=30, deadline=None)
@given(env_state_action(**SMALL), st.data())
def test_blackwell_nd_keeps_the_maximisers_near_one(esa, data):
    env, state, action = esa
    full = option_set(env, state, action, Blackwell())
    nd = option_set(env, state, action, Blackwell(), nd=True)
    r = data.draw(reward_vectors(len(env.states)))
    assert max(option_value(o, r) for o in full) == max(option_value(o, r) for o in nd)


@pytest.mark.slow
@settings(max_examples=50, deadline=None)
@given(env_state_action(max_states=6, max_actions=3), gammas())
def test_larger_random_mdps_agree_with_the_twins(esa, g):
    env, state, action = esa
    s = env.index(state)
    assert len(list(ref.all_policies(env, s, action))) <= 3**6  # at most 6 states with 3 actions
    assert set(option_set(env, state, action, Discounted(g)).vectors) == ref.values_ref(env, s, action, g)
    assert set(rsd_vectors(env, state, action)) == _rsd_twin(env, s, action)
    X = rsd_vectors(env, state, action)
    assert set(rsd_nd_vectors(env, state, action)) == set(nondominated(X).nd_vectors)


def test_stochastic_gamble_example():
    from orbitproof.mdp import load_environment

    env = load_environment("examples/gamble.toml")
    # gamble then stay at lose: RSD = 1/3 e_win + 2/3 e_lose; retrying from lose mixes in more wins
    X = set(rsd(env, "start", "gamble").vectors)
    assert (0, 0, F(1, 3), F(2, 3)) in X
    assert all(sum(d) == 1 for d in X)
    assert optimal_gain(env, None, "start") == 3  # retry forever until win (win is absorbing, reward 3)
    assert optimal_value(env, None, "start", H) == ref.optimal_value_ref(env, env.rewards, 0, H)


def test_refusal_is_quick_for_huge_f():
    env = resolve_environment("gridworld:w=8,h=8")
    t0 = time.perf_counter()
    with pytest.raises(TooLargeError, match="upper estimate"):
        visit_functions(env, "c4_4")
    assert time.perf_counter() - t0 < 60  # measured ~0.5 s: counted before building functions


def test_too_large_messages_survive_astronomical_estimates():
    # a 10,000-state gridworld's policy-count estimate (5^9999) has ~7,000 digits: formatting it with
    # "{:,}" raised a bare ValueError (int-to-str limit) instead of the TooLargeError
    env = resolve_environment("gridworld:w=100,h=100")
    with pytest.raises(TooLargeError, match=r"≥ 10\^\d+"):
        visit_functions(env, "c0_0", max_size=10)
    with pytest.raises(TooLargeError, match=r"≥ 10\^\d+"):
        rsd_vectors(env, "c0_0", max_size=10)
    assert set(rsd_vectors(resolve_environment("fig1"), "star")) == set(rsd(resolve_environment("fig1"), "star").vectors)
