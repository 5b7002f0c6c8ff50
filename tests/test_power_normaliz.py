"""Lasserre's recursion agrees exactly with Normaliz (PyNormaliz, in the test extra) in dimensions
where the iterated-integration twin is too slow (docs/power.md)."""

from fractions import Fraction as F

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbitproof.mdp import resolve_environment
from orbitproof.mdp.expectation import option_statistics
from orbitproof.mdp.normaliz_twin import option_statistics_normaliz
from orbitproof.mdp.power_iid import power, power_options

entry = st.fractions(min_value=-1, max_value=2, max_denominator=3)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(4, 6).flatmap(lambda d: st.lists(st.tuples(*[entry] * d), min_size=2, max_size=4, unique=True)))
def test_uniform_engine_equals_normaliz_on_random_option_sets(C):
    fast = option_statistics(C, [C[:1], C[1:]], "uniform")
    twin = option_statistics_normaliz(C, [C[:1], C[1:]])
    assert (fast.expected_max, fast.probabilities) == (twin.expected_max, twin.probabilities)
    assert sum(twin.probabilities) == 1


@pytest.mark.parametrize("name,state,sem", [("ye-olde", "start", F(1, 2)), ("terminal:m=2,n=2", "start", F(9, 10)),
                                            ("fig1", "star", "gain")])
def test_catalog_power_equals_normaliz(name, state, sem):
    env = resolve_environment(name)
    opts, factor = power_options(env, state, sem)
    assert power(env, state, sem).value == factor * option_statistics_normaliz(opts).expected_max
