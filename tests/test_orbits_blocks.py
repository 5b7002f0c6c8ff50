"""Interchangeable blocks match the definition; class representatives re-derive the counts."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import block_sets, vector_sets

from orbitproof.orbits import build_problem, count_orbit, orbit_classes, parse_rule
from orbitproof.orbits.blocks import block_structure, transposition_preserves


def _partition_by_definition(problem):
    d = problem.dimension
    parent = list(range(d))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(d):
        for j in range(i + 1, d):
            if transposition_preserves(problem, i, j):
                parent[find(j)] = find(i)
    groups = {}
    for i in range(d):
        groups.setdefault(find(i), []).append(i)
    return sorted(tuple(g) for g in groups.values())


@settings(max_examples=200, deadline=None)
@given(st.one_of(vector_sets(), block_sets()), st.sampled_from(["max", "frac-optimal"]))
def test_blocks_equal_the_transposition_definition(case, compare):
    A, B, C, r = case
    problem = build_problem(A, B, r, parse_rule(compare), C)
    blocks = block_structure(problem).blocks
    assert sorted(blocks) == _partition_by_definition(problem)
    # every pair inside a block is interchangeable (the relation is an equivalence)
    for b in blocks:
        for i in b:
            for j in b:
                assert transposition_preserves(problem, i, j)


@settings(max_examples=100, deadline=None)
@given(block_sets(), st.sampled_from(["max", "is-optimal", "frac-optimal"]))
def test_orbit_classes_reproduce_the_count(case, compare):
    A, B, C, r = case
    rule = parse_rule(compare)
    blocks, classes = orbit_classes(A, B, r, C=C, compare=compare)
    res = count_orbit(A, B, r, C=C, compare=compare)
    assert sum(c.weight for c in classes) == res.orbit_size
    problem = build_problem(A, B, r, rule, C)
    opts, lay = problem.options, problem.layout
    SA = [opts[u] for u in lay.ia]
    SB = [opts[u] for u in lay.ib]
    SC = [opts[u] for u in lay.ic]
    b = a = 0
    for c in classes:
        assert sorted(c.representative) == sorted(Fraction(x) for x in r)
        gb, ga = rule.reference_value(SB, SC, c.representative), rule.reference_value(SA, SC, c.representative)
        b += c.weight * (gb > ga)
        a += c.weight * (gb < ga)
    assert (b, a) == (res.b_gt_a, res.a_gt_b)


def test_unit_vector_blocks_are_unit_like_with_max_need():
    A = [[0, 1, 0, 0, 0]]
    B = [[0, 0, 0, 1, 0], [0, 0, 0, 0, 1]]
    st_ = block_structure(build_problem(A, B, [0, 1, 2, 3, 4], parse_rule("max")))
    assert st_.blocks == ((0, 2), (1,), (3, 4))
    assert st_.unit_like == (True, True, True)
    assert st_.needs == ("none", "max", "max")
