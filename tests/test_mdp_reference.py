"""mdp/reference.py's RSD twin is written from the definition (Cramer's rule + interpolation in γ),
shares no code with the fast path, and agrees with the package and with the Cesàro twin."""

from __future__ import annotations

from fractions import Fraction
from itertools import permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.mdp import reference as ref
from orbitproof.mdp.recurrent import rsd_vectors
from tests.strategies import env_state_action
from tests.twins import rsd_set

_ENTRY = st.sampled_from([0, 1, -1, 2, Fraction(1, 2), Fraction(-2, 3), Fraction(7, 5)])


def _leibniz(M) -> Fraction:
    """det M = Σ_σ sign(σ) Π_i M[i][σ(i)] over itertools.permutations."""
    n, total = len(M), Fraction(0)
    for sigma in permutations(range(n)):
        inversions = sum(1 for i in range(n) for j in range(i + 1, n) if sigma[i] > sigma[j])
        term = Fraction(-1 if inversions % 2 else 1)
        for i in range(n):
            term *= M[i][sigma[i]]
        total += term
    return total


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 4).flatmap(lambda n: st.lists(st.lists(_ENTRY, min_size=n, max_size=n), min_size=n, max_size=n)))
def test_the_reference_determinant_equals_the_leibniz_formula(M):
    assert ref.det([[Fraction(x) for x in row] for row in M]) == _leibniz(M)


def test_the_rsd_twin_imports_nothing_from_the_fast_path():
    src = open(ref.__file__, encoding="utf-8").read()
    for fast in ("visits", "recurrent", "ratfunc"):
        assert f"from .{fast}" not in src and f"import {fast}" not in src


def test_rsd_of_a_two_cycle_is_half_half():
    from orbitproof.mdp.environment import Environment

    env = Environment(name="two", states=("a", "b"), table=((("go", ((1, Fraction(1)),)),), (("go", ((0, Fraction(1)),)),)))
    assert ref.rsd_ref(env, 0, None) == {(Fraction(1, 2), Fraction(1, 2))}


@settings(max_examples=40, deadline=None)
@given(env_state_action(max_states=4, max_actions=2))
def test_rsd_twin_equals_the_package_and_the_cesaro_twin(esa):
    env, state, action = esa
    s = env.index(state)
    want = rsd_set(env.table, s, None if action is None else env.action_index(s, action))
    assert ref.rsd_ref(env, s, action) == want
    assert set(rsd_vectors(env, state, action)) == want
