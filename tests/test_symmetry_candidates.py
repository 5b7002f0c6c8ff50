"""Candidate involutions and the family search agree with their definition-level twins."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.core.errors import OptionSetError
from orbitproof.symmetry.candidates import (
    all_involution_copies_reference,
    all_involutions,
    iter_candidates,
)
from orbitproof.symmetry.family import (
    Candidate,
    compatible,
    greedy_family,
    max_family_exact,
    max_family_reference,
    superset_closures,
    superset_compatible,
)
from orbitproof.symmetry.involution import Involution, minimal_involution

_E = st.sampled_from([0, 0, 0, 1, 1, 2, Fraction(1, 2), -1])


def opt_sets(max_d=5, max_a=3, max_b=6):
    return st.integers(2, max_d).flatmap(lambda d: st.tuples(
        st.sets(st.tuples(*[_E] * d), min_size=1, max_size=max_a),
        st.sets(st.tuples(*[_E] * d), min_size=1, max_size=max_b)))


def as_opts(vecs):
    return frozenset((tuple(Fraction(x) for x in v),) for v in vecs)


def test_involution_rejects_overlapping_pairs():
    with pytest.raises(OptionSetError):
        Involution(((0, 1), (1, 2)))
    with pytest.raises(OptionSetError):
        Involution(((3, 3),))


@pytest.mark.parametrize("d,count", [(0, 1), (1, 1), (2, 2), (3, 4), (4, 10), (5, 26), (6, 76)])
def test_number_of_involutions_is_the_telephone_number(d, count):
    invs = list(all_involutions(d))
    assert len(invs) == len(set(invs)) == count


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 6).flatmap(lambda d: st.tuples(st.just(d), st.sampled_from(list(all_involutions(d))))))
def test_involution_applied_twice_is_the_identity(case):
    d, phi = case
    x = (tuple(Fraction(k + 1) for k in range(d)), tuple(Fraction(-k) for k in range(d)))
    assert phi.apply(phi.apply(x)) == x
    perm = phi.permutation(d)
    assert all(perm[perm[k]] == k for k in range(d))
    assert all(phi.apply(x)[0][k] == x[0][perm[k]] for k in range(d))  # (φx)_i = x_φ^{-1}(i)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 5).flatmap(lambda d: st.tuples(st.just(d), st.sampled_from(list(all_involutions(d))),
                                                      st.sets(st.integers(0, d - 1)))))
def test_minimal_involution_restricts_any_involution(case):
    d, phi, dom = case
    psi = {k: phi(k) for k in dom}
    mini = minimal_involution(psi)
    assert mini is not None
    assert all(mini(k) == psi[k] for k in dom)
    assert mini.moved <= phi.moved


def test_minimal_involution_refuses_chains():
    assert minimal_involution({0: 1, 1: 2}) is None
    assert minimal_involution({0: 2, 1: 0}) is None
    assert minimal_involution({0: 1, 1: 0}) == Involution(((0, 1),))


@settings(max_examples=120, deadline=None)
@given(opt_sets())
def test_vf2_candidates_have_the_same_images_as_brute_force(case):
    a_vecs, b_vecs = case
    A, B = as_opts(a_vecs), as_opts(b_vecs)
    d = len(next(iter(a_vecs)))
    fast = list(iter_candidates(sorted(A), B))
    slow = all_involution_copies_reference(A, B, d)
    assert set(fast) <= set(slow)
    assert len(fast) == len(set(fast))
    assert {p.apply_set(A) for p in fast} == {p.apply_set(A) for p in slow}


@settings(max_examples=80, deadline=None)
@given(opt_sets(max_d=5, max_a=2, max_b=5), st.booleans())
def test_exact_clique_equals_subset_brute_force(case, disjoint):
    a_vecs, b_vecs = case
    A, B = as_opts(a_vecs), as_opts(b_vecs)
    d = len(next(iter(a_vecs)))
    cands = [Candidate(p, p.apply_set(A)) for p in all_involution_copies_reference(A, B, d)][:12]

    def compat(x, y):
        return compatible(x, y, disjoint=disjoint)

    exact = max_family_exact(cands, compat)
    ref = max_family_reference(cands, compat)
    assert len(exact) == len(ref)
    greedy = greedy_family(lambda fam: [iter(cands)], compat, scan_limit=100)
    assert len(greedy) <= len(exact)


def test_superset_closure_is_least_and_inside_B():
    a = (tuple(Fraction(x) for x in (1, 0, 0, 0)),)
    b = [(tuple(Fraction(int(k == j)) for k in range(4)),) for j in (1, 2, 3)]
    B = frozenset(b)
    fam = [Candidate(Involution(((0, j),)), frozenset({b[j - 1]})) for j in (1, 2, 3)]
    assert all(superset_compatible(x, y, B) for x in fam for y in fam if x is not y)
    closures = superset_closures(fam, B)
    assert closures == [frozenset({b[0]}), frozenset({b[1]}), frozenset({b[2]})]
    assert a not in B


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 14).flatmap(lambda n: st.tuples(
    st.just(n), st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=n * n))))
def test_bitset_max_clique_equals_networkx_max_weight_clique(case):
    import networkx as nx

    from orbitproof.symmetry.family import max_clique

    n, edges = case
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from((i, j) for i, j in edges if i != j)
    adj = [sum(1 << j for j in g[i]) for i in range(n)]
    clique = max_clique(adj)
    assert all(g.has_edge(i, j) for i in clique for j in clique if i != j)
    assert len(clique) == nx.max_weight_clique(g, weight=None)[1]


def test_clique_budget_reports_a_lower_bound():
    from orbitproof.symmetry.family import max_clique_budgeted

    # complement of a perfect matching on 24 vertices: max clique 12, colouring bound weak enough
    n = 24
    adj = [sum(1 << j for j in range(n) if j != i and j != i ^ 1) for i in range(n)]
    clique, exact = max_clique_budgeted(adj)
    assert exact and len(clique) == 12
    partial, exact = max_clique_budgeted(adj, budget=1)
    assert not exact and len(partial) <= 12


@settings(max_examples=150, deadline=None)
@given(opt_sets(max_d=6, max_a=3, max_b=7))
def test_involution_search_equals_vf2_route_and_brute_force(case):
    from orbitproof.symmetry.invsearch import iter_involution_copies

    a_vecs, b_vecs = case
    A, B = as_opts(a_vecs), as_opts(b_vecs)
    d = len(next(iter(a_vecs)))
    fast = list(iter_involution_copies(sorted(A), B))
    assert len(fast) == len(set(fast))
    assert set(fast) == set(iter_candidates(sorted(A), B))
    slow = all_involution_copies_reference(A, B, d)
    assert set(fast) <= set(slow)
    assert {p.apply_set(A) for p in fast} == {p.apply_set(A) for p in slow}


# ----------------------------------------------------------------------------- cached signatures
@settings(max_examples=40, deadline=None)
@given(st.data())
def test_signatures_of_b_minus_used_equal_recomputed_ones(data):
    """without_options (the greedy search's cache) equals recomputing the signatures of B − used."""
    from orbitproof.symmetry.invsearch import option_signatures, without_options

    d = data.draw(st.integers(2, 5))
    vec = st.tuples(*[st.sampled_from([Fraction(0), Fraction(1), Fraction(1, 2)])] * d).map(lambda v: (v,))
    B = data.draw(st.frozensets(vec, min_size=1, max_size=8))
    used = data.draw(st.frozensets(st.sampled_from(sorted(B)), max_size=len(B)))
    got = {k: +c for k, c in without_options(option_signatures(B), used).items() if +c}
    assert got == option_signatures(B - used)
