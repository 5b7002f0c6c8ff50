"""The lifted-polytope engine (E[max] = T − vol P, one polytope, docs/math.md §13.2) agrees exactly
with its twins: our own Lasserre recursion on the same polytope, and the cell decomposition
integrated by iterated integration or Lasserre (docs/power.md)."""

from fractions import Fraction as F

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbitproof.mdp import resolve_environment
from orbitproof.mdp.expectation import option_statistics, option_statistics_reference
from orbitproof.mdp.lifted import expected_max_lifted, lifted_polytope
from orbitproof.mdp.power_iid import power, power_options

entry = st.fractions(min_value=-1, max_value=2, max_denominator=3)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 3).flatmap(lambda d: st.lists(st.tuples(*[entry] * d), min_size=1, max_size=4, unique=True)))
def test_lifted_normaliz_equals_lifted_lasserre_equals_iterated_integration_of_cells(C):
    fast = expected_max_lifted(C, "normaliz")
    assert fast == expected_max_lifted(C, "lasserre")
    assert fast == option_statistics_reference(C).expected_max


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(4, 5).flatmap(lambda d: st.lists(st.tuples(*[entry] * d), min_size=2, max_size=5, unique=True)))
def test_lifted_engine_equals_lasserre_cells_in_higher_dimensions(C):
    cells = option_statistics(C, [C])  # a probability is asked for: the cell engine runs
    assert cells.method.startswith("uniform: Lasserre")
    assert option_statistics(C).expected_max == cells.expected_max


@pytest.mark.parametrize("k", [1, 2, 5, 9])
def test_k_unit_options_give_k_over_k_plus_1(k):
    units = [tuple(F(int(i == j)) for j in range(k)) for i in range(k)]
    assert expected_max_lifted(units) == F(k, k + 1)


def test_lifted_polytope_lies_between_the_graph_and_the_level_T():
    P = lifted_polytope([(F(1, 2), F(-1)), (F(0), F(3, 4))])
    assert P.den == 4 and P.X == ((2, -4), (0, 3)) and P.T == 3 + 4  # max Σ max(0, x_j), plus 1 (scaled)
    assert len(P.rows) == 2 * 2 + 1 + 2


@pytest.mark.parametrize("name,state", [("candy", "start"), ("fig1", "star"), ("terminal:m=2,n=2", "start"),
                                        ("ye-olde", "start")])
@pytest.mark.parametrize("sem", [F(1, 2), F(9, 10), "gain"])
def test_catalog_power_by_the_lifted_polytope_equals_the_cell_engine(name, state, sem):
    env = resolve_environment(name)
    opts, factor = power_options(env, state, sem)
    res = power(env, state, sem)
    assert res.method == "uniform: lifted-polytope volume (Normaliz)"
    assert res.value == factor * option_statistics(opts, [opts]).expected_max


def test_gridworld_3x3_centre_at_one_half_is_exact_and_matches_the_per_cell_normaliz_value():
    # 153 options in 9 dimensions; the value was computed independently by Normaliz cell by cell
    # (option_statistics_normaliz, 224 s), see docs/power.md
    assert power("gridworld:w=3,h=3", "c1_1", F(1, 2)).value == F(344893, 403200)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(*[entry] * 5), min_size=2, max_size=4, unique=True))
def test_normaliz_cell_volumes_equal_lasserre_cells_when_lasserre_is_over_budget(C):
    from orbitproof.mdp.expectation import estimate_work
    A = C[:1]
    budget = estimate_work(C, "uniform", cells=True)  # the Normaliz-cells bound when it is the smaller
    fast = option_statistics(C, [A, C], max_work=budget)
    slow = option_statistics(C, [A, C], max_work=10**12)  # Lasserre's recursion on every cell
    assert (fast.expected_max, fast.probabilities) == (slow.expected_max, slow.probabilities)


def test_over_budget_lasserre_switches_to_normaliz_cells():
    C = [(1, 0, 0, 0, 0), (0, 1, 0, 0, 0), (0, 0, 1, 0, 0), (F(1, 2), F(1, 2), F(1, 2), 0, 1)]
    fast = option_statistics(C, [C[:1]], max_work=400)
    assert fast.method.startswith("uniform: Normaliz cell volumes")
    assert (fast.expected_max, fast.probabilities) == (lambda r: (r.expected_max, r.probabilities))(
        option_statistics(C, [C[:1]]))


def test_gridworld_3x3_centre_optimality_probabilities_at_one_half():
    # values first computed with every cell's full H-representation (153 Normaliz volumes, 27 s of CPU)
    from orbitproof.mdp.power_iid import optimality_probabilities
    res = optimality_probabilities("gridworld:w=3,h=3", "c1_1", F(1, 2))
    assert res.probabilities == {"up": F(302587, 1451520), "down": F(302587, 1451520), "left": F(302587, 1451520),
                                 "right": F(302587, 1451520), "stay": F(60293, 362880)}
