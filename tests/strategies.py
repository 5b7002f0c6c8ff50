"""Hypothesis strategies for small random MDPs (deterministic and stochastic) — shared by tests.

Stable API (other test modules import these):

* ``environments(min_states=1, max_states=5, max_actions=3, stochastic=None, with_rewards=False)``
  — a valid :class:`orbitproof.mdp.Environment`; ``stochastic=None`` mixes both kinds,
  ``False`` gives deterministic MDPs, ``True`` MDPs with at least one stochastic action.
* ``env_state_action(**kw)`` — ``(env, state, action_or_None)``.
* ``gammas()`` — exact Fractions in [0, 1) with small denominators.
* ``reward_vectors(n, lo=-3, hi=3)`` — exact integer/half-integer reward vectors with many ties.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from orbitproof.mdp import Environment

__all__ = ["environments", "env_state_action", "gammas", "reward_vectors", "probability_vectors"]


@st.composite
def probability_vectors(draw, n: int, max_support: int = 3):
    """A transition: sorted ((next_index, p), ...) with p > 0 summing to exactly 1."""
    k = draw(st.integers(1, min(max_support, n)))
    support = sorted(draw(st.lists(st.integers(0, n - 1), min_size=k, max_size=k, unique=True)))
    weights = draw(st.lists(st.integers(1, 4), min_size=k, max_size=k))
    total = sum(weights)
    return tuple((j, Fraction(w, total)) for j, w in zip(support, weights))


@st.composite
def environments(draw, min_states: int = 1, max_states: int = 5, max_actions: int = 3,
                 stochastic: bool | None = None, with_rewards: bool = False):
    n = draw(st.integers(min_states, max_states))
    states = tuple(f"s{i}" for i in range(n))
    table = []
    for u in range(n):
        m = draw(st.integers(1, max_actions))
        acts = []
        for k in range(m):
            if stochastic is False:
                tr = ((draw(st.integers(0, n - 1)), Fraction(1)),)
            elif stochastic is None and draw(st.booleans()):
                tr = ((draw(st.integers(0, n - 1)), Fraction(1)),)
            else:
                tr = draw(probability_vectors(n))
            acts.append((f"a{k}", tr))
        table.append(tuple(acts))
    if stochastic is True and all(len(tr) == 1 for acts in table for _, tr in acts) and n > 1:
        # force one genuinely stochastic action
        table[0] = ((table[0][0][0], ((0, Fraction(1, 2)), (n - 1, Fraction(1, 2)))),) + table[0][1:]
    rewards = None
    if with_rewards:
        rewards = tuple(draw(reward_vectors(n)))
    return Environment("random", states, tuple(table), rewards)


@st.composite
def env_state_action(draw, **kw):
    env = draw(environments(**kw))
    state = draw(st.sampled_from(env.states))
    action = draw(st.one_of(st.none(), st.sampled_from(env.actions(state))))
    return env, state, action


def gammas():
    return st.builds(lambda q, p: Fraction(p % q, q), st.integers(1, 12), st.integers(0, 100))


def reward_vectors(n: int, lo: int = -3, hi: int = 3):
    return st.lists(
        st.builds(lambda a, h: Fraction(a, 2 if h else 1), st.integers(lo, hi), st.booleans()),
        min_size=n, max_size=n,
    ).map(tuple)
