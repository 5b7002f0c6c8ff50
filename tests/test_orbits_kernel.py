"""The faster class-evaluation kernel (orbitproof/orbits/engine.py ``run_groups``) agrees exactly with
the previous kernel ``run_groups_unbatched`` and with the definition-level reference engine.

Covered: every built-in rule, explicit and dp modes, ties, fractional, negative and huge (object
dtype) rewards, layered options, the int32 / int64 / object choice of ``kernel_dtype``, and plans
with prefix blocks (forced at small d by lowering SUFFIX_LIMIT).
"""

from __future__ import annotations

from fractions import Fraction
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import block_sets, layered_sets, rewards, vector_sets

from orbitproof.core.optionset import OptionSet
from orbitproof.orbits import count as count_mod
from orbitproof.orbits import count_orbit, plan_count
from orbitproof.orbits import engine
from orbitproof.orbits.engine import kernel_dtype, run_groups, run_groups_unbatched

RULES = ["max", "is-optimal", "frac-optimal"]


def _layered(opts, d):
    return OptionSet(tuple(tuple(tuple(Fraction(x) for x in layer) for layer in o) for o in opts),
                     tuple(f"s{i}" for i in range(d)))


def _both_kernels(A, B, C, r, compare, mode="auto"):
    planned = plan_count(A, B, r, C=C, compare=compare, mode=mode)
    if planned.plan is None:  # "auto" took the order-statistics route (orbits/extremes.py): no kernel
        planned = plan_count(A, B, r, C=C, compare=compare, mode="dp")
    groups = planned.groups()
    return run_groups(planned.plan, groups), run_groups_unbatched(planned.plan, groups), planned


@pytest.fixture
def small_suffix(monkeypatch):
    """Prefix blocks already at d ≥ 4: the per-prefix-class loop runs on small cases."""
    monkeypatch.setattr(count_mod, "SUFFIX_LIMIT", 6)


@settings(max_examples=150, deadline=None)
@given(vector_sets(max_d=6), st.sampled_from(RULES), st.sampled_from(["auto", "explicit", "dp"]))
def test_kernel_equals_previous_kernel_on_generic_sets(case, compare, mode):
    A, B, C, r = case
    new, old, _ = _both_kernels(A, B, C, r, compare, mode)
    assert new == old


@settings(max_examples=150, deadline=None)
@given(block_sets(), st.sampled_from(RULES), st.sampled_from(["auto", "explicit", "dp"]))
def test_kernel_equals_previous_kernel_on_unit_blocks(case, compare, mode):
    A, B, C, r = case
    new, old, _ = _both_kernels(A, B, C, r, compare, mode)
    assert new == old


@settings(max_examples=100, deadline=None)
@given(layered_sets(), st.sampled_from(RULES))
def test_kernel_equals_previous_kernel_on_layered_options(case, compare):
    A, B, r = case
    d = len(r)
    SA, SB = _layered(A, d), _layered(B, d)
    new, old, _ = _both_kernels(SA, SB, None, r, compare)
    assert new == old


@settings(max_examples=60, deadline=None)
@given(vector_sets(min_d=4, max_d=6), st.sampled_from(RULES))
def test_kernel_with_prefix_blocks_equals_the_reference_engine(case, compare):
    A, B, C, r = case
    with mock.patch.object(count_mod, "SUFFIX_LIMIT", 6):
        exact = count_orbit(A, B, r, C=C, compare=compare).counts
    ref = count_orbit(A, B, r, C=C, compare=compare, engine="reference").counts
    assert exact == ref


@settings(max_examples=60, deadline=None)
@given(st.integers(5, 7).flatmap(lambda d: st.tuples(
    st.lists(st.lists(st.sampled_from([0, 1, -1, 2, Fraction(1, 3), Fraction(-5, 2)]), min_size=d, max_size=d),
             min_size=1, max_size=3),
    st.lists(st.lists(st.sampled_from([0, 1, -1, 2, Fraction(1, 3), Fraction(-5, 2)]), min_size=d, max_size=d),
             min_size=1, max_size=3),
    rewards(d, max_distinct=6))))
def test_prefix_loop_equals_previous_kernel_with_ties_and_fractions(case):
    """Distinct, tied, fractional, negative and huge rewards with several prefix classes per group."""
    A, B, r = case
    for compare in RULES:
        with mock.patch.object(count_mod, "SUFFIX_LIMIT", 6):
            new, old, planned = _both_kernels(A, B, None, r, compare, "explicit")
        assert new == old
        assert sum(new) == planned.orbit_size


def test_int32_int64_and_object_paths_agree(monkeypatch, small_suffix):
    A = [[1, 0, 2, 0, -1, 3], [0, 1, 0, 2, 0, 0]]
    B = [[0, 0, 1, 1, 1, 0], [2, -1, 0, 0, 0, 1], [0, 0, 0, 0, 3, 0]]
    results = {}
    for label, r in (("small", [0, 1, 2, 3, 4, 5]), ("huge", [0, 1, 2, 3, 4, 2**70])):
        planned = plan_count(A, B, r)
        results[(label, str(kernel_dtype(planned.plan)))] = run_groups(planned.plan, planned.groups())
        assert run_groups(planned.plan, planned.groups()) == run_groups_unbatched(planned.plan, planned.groups())
        if label == "small":
            assert kernel_dtype(planned.plan) is np.int32
            monkeypatch.setattr(engine, "kernel_dtype", lambda plan: np.int64)
            assert run_groups(planned.plan, planned.groups()) == results[(label, "<class 'numpy.int32'>")]
            monkeypatch.undo()
            monkeypatch.setattr(count_mod, "SUFFIX_LIMIT", 6)
        else:
            assert kernel_dtype(planned.plan) is object
    assert count_orbit(A, B, [0, 1, 2, 3, 4, 2**70]).counts == count_orbit(
        A, B, [0, 1, 2, 3, 4, 2**70], engine="reference").counts


def test_int32_is_chosen_only_under_the_proven_bound():
    """kernel_dtype's int32 bound: Σ|x_i| · (max|v|·scale + 1) < 2^31 for every row."""
    d = 4
    for big in (2**10, 2**20, 2**30):
        A = [[big, 0, 0, 0]]
        B = [[0, big, 0, 0], [0, 0, 1, 1]]
        plan = plan_count(A, B, list(range(d)), mode="dp").plan
        rowsum = max(sum(abs(x) for x in row) for row in plan.matrix)
        vmax = max(abs(v) * plan.scale + 1 for v in plan.values)
        assert (kernel_dtype(plan) is np.int32) == (rowsum * vmax < 2**31)
        groups = plan_count(A, B, list(range(d)), mode="dp").groups()
        assert run_groups(plan, groups) == run_groups_unbatched(plan, groups)
