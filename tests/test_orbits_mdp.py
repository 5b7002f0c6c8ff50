"""Orbit counts on option sets from the MDP core (gain, discounted, Blackwell layers)."""

from __future__ import annotations

from math import factorial

import pytest

import orbitproof.mdp as mdp
from orbitproof.core.semantics import Blackwell, Discounted, Gain
from orbitproof.orbits import count_orbit

REWARDS = [(1, 0, 0, 0, 0), (1, 1, 0, 0, 0), (0, 1, 2, 3, 4), (0, 0, 0, 1, 2), (2, 2, 1, 2, 0), (0, 1, 1, 1, 1)]


@pytest.fixture(scope="module")
def candy():
    return mdp.resolve_environment("candy")


@pytest.mark.parametrize("sem", [Gain(), Discounted("1/2"), Discounted("9/10"), Blackwell()], ids=str)
@pytest.mark.parametrize("compare", ["max", "is-optimal", "frac-optimal"])
def test_candy_option_sets_exact_equals_reference(candy, sem, compare):
    A = mdp.option_set(candy, "start", "candy", sem)
    B = mdp.option_set(candy, "start", "wait", sem)
    C = mdp.option_set(candy, "start", None, sem)
    for r in REWARDS:
        ref = count_orbit(A, B, r, C=C, compare=compare, engine="reference")
        got = count_orbit(A, B, r, C=C, compare=compare)
        assert got.counts == ref.counts, (r, sem)
        assert got.semantics == sem


def test_candy_math_table_through_the_mdp_core(candy):
    gain = [mdp.option_set(candy, "start", a, Gain()) for a in ("candy", "wait")]
    half = [mdp.option_set(candy, "start", a, Discounted("1/2")) for a in ("candy", "wait")]
    assert count_orbit(*gain, (0, 1, 2, 3, 4)).counts == (80, 40, 0, 120)
    assert count_orbit(*gain, (1, 0, 0, 0, 0)).counts == (2, 1, 2, 5)
    assert count_orbit(*half, (0, 1, 2, 3, 4)).counts == (62, 42, 16, 120)


@pytest.mark.parametrize("sem", [Gain(), pytest.param(Blackwell(), marks=pytest.mark.slow)], ids=str)
def test_terminal_2_vs_51_from_the_catalog(sem):
    env = mdp.resolve_environment("terminal:m=2,n=51")
    if True:
        A = mdp.option_set(env, "start", "die", sem)
        B = mdp.option_set(env, "start", "live", sem)
        assert A.dimension == 56
        res = count_orbit(A, B, list(range(56)))
        assert res.counts == (factorial(56) // 53 * 51, factorial(56) // 53 * 2, 0, factorial(56))
