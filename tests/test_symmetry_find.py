"""find_copies on vector sets: worked examples, planted copies, and agreement with brute force."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from orbitproof.symmetry.check import check_copies as std_check
from orbitproof.core.errors import OptionSetError
from orbitproof.core.optionset import OptionSet
from orbitproof.symmetry import (
    Involution,
    check_copies,
    find_copies,
    is_copies_family_reference,
    max_copies_reference,
)

H = Fraction(1, 2)


def unit(d, k):
    return [1 if j == k else 0 for j in range(d)]


def terminal_sets(m, n):
    coords = [f"d{i + 1}" for i in range(m)] + [f"l{i + 1}" for i in range(n)]
    d = m + n
    A = OptionSet.from_vectors([unit(d, k) for k in range(m)], coords, "A")
    B = OptionSet.from_vectors([unit(d, k) for k in range(m, d)], coords, "B")
    return A, B


def test_candy_gain_has_two_copies():
    coords = ["start", "candy", "wait", "choc", "hug"]
    A = OptionSet.from_vectors([unit(5, 1)], coords)
    B = OptionSet.from_vectors([unit(5, 3), unit(5, 4)], coords)
    r = find_copies(A, B)
    assert r.n == 2 and r.maximal and r.maximal_scope == "all involutions"
    assert sorted(r.involution_names()) == [[["candy", "choc"]], [["candy", "hug"]]]
    assert r.hypotheses["disjoint_images"] is True
    d = r.to_dict()
    assert d["n"] == 2 and d["maximal"] is True


@pytest.mark.parametrize("k", [1, 2, 5, 17])
def test_terminal_one_vs_k_has_k_copies(k):
    r = find_copies(*terminal_sets(1, k))
    assert r.n == k and r.maximal


def test_terminal_two_vs_51_has_25_copies_proven_maximal():
    r = find_copies(*terminal_sets(2, 51))
    assert r.n == 25 and r.maximal and r.upper_bound == 25
    assert "greedy" in r.method


def test_fig1_gain_rsd_sets():
    coords = ["empty", "l_up", "l_down", "r_up", "r_down"]
    left = OptionSet.from_vectors([unit(5, 2), [0, H, H, 0, 0]], coords)
    right = OptionSet.from_vectors([unit(5, 3), unit(5, 4), [0, 0, 0, H, H]], coords)
    up = OptionSet.from_vectors([unit(5, 0)], coords)
    C = OptionSet(left.options + right.options + up.options, coords)
    r = find_copies(left, right, C=C)  # Thm 6.13, n = 1
    assert r.n == 1 and r.maximal
    assert r.involution_names() in ([[["l_up", "r_up"], ["l_down", "r_down"]]],
                                    [[["l_up", "r_down"], ["l_down", "r_up"]]])
    assert r.hypotheses["orthogonal"] is True and r.hypotheses["c_invariant"] is False
    assert r.hypotheses["z_condition"] is True
    assert find_copies(up, right, C=C).n == 2  # Thm D.11, n = 2
    not_up = OptionSet(left.options + right.options, coords)
    assert find_copies(up, not_up, C=C).n == 3  # Cor D.12, n = 3
    assert find_copies(right, left).n == 0


def test_degenerate_subset_is_unbounded():
    A, B = terminal_sets(1, 3)
    both = OptionSet(A.options + B.options, A.coordinates)
    r = find_copies(A, both)
    assert r.n is None and r.degenerate and "footnote 8" in r.reason
    assert r.to_dict()["unbounded"] is True
    assert find_copies(A, both, disjoint=True).n == 3  # the identity is incompatible with the swaps


def test_no_copy_reasons_are_plain():
    A, B = terminal_sets(3, 2)
    r = find_copies(A, B)
    assert r.n == 0 and "fewer than" in r.reason
    coords = ["x", "y", "z"]
    r = find_copies(OptionSet.from_vectors([[1, 0, 0]], coords), OptionSet.from_vectors([[0, 2, 0]], coords))
    assert r.n == 0 and "non-zero entries" in r.reason
    r = find_copies(OptionSet.from_vectors([[1, 1, 0]], coords), OptionSet.from_vectors([[0, 1, 0]], coords))
    assert r.n == 0 and "coordinate" in r.reason


def test_shared_zero_vector_copies_overlap():
    # P22 §7.7 featurised MR: A = {e_key, 0}, B ⊇ {e_sword, e_torch, e_amulet, 0}: 3 copies via (1 i)
    coords = ["key", "sword", "torch", "amulet"]
    A = OptionSet.from_vectors([unit(4, 0), [0, 0, 0, 0]], coords)
    B = OptionSet.from_vectors([unit(4, 1), unit(4, 2), unit(4, 3), [0, 0, 0, 0]], coords)
    r = find_copies(A, B)
    assert r.n == 3 and r.maximal and r.hypotheses["disjoint_images"] is False


def test_nd_copies_use_the_nondominated_part():
    coords = ["a1", "a2", "b1", "b2", "b3", "b4"]
    A = OptionSet.from_vectors([unit(6, 0), unit(6, 1), [H, H, 0, 0, 0, 0]], coords)
    B = OptionSet.from_vectors([unit(6, k) for k in range(2, 6)], coords)
    assert find_copies(A, B).n == 0
    r = find_copies(A, B, nd=True)
    assert r.n == 2 and r.hypotheses["copies_of_A"] is False


def test_require_c_invariance_filters_candidates():
    coords = ["a", "b", "c"]
    A = OptionSet.from_vectors([unit(3, 0)], coords)
    B = OptionSet.from_vectors([unit(3, 1), unit(3, 2)], coords)
    C = OptionSet.from_vectors([unit(3, 0), unit(3, 1), unit(3, 2), [2, 0, 0], [0, 2, 0]], coords)
    assert find_copies(A, B, C=C).n == 2
    r = find_copies(A, B, C=C, require=["c_invariant"])
    assert r.n == 1 and r.involution_names() == [[["a", "b"]]] and r.hypotheses["c_invariant"]


def test_superset_copies_at_least_plain_copies():
    coords = ["a", "b", "c", "d"]
    A = OptionSet.from_vectors([[1, 0, 0, 0]], coords)
    B = OptionSet.from_vectors([[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], coords)
    plain = find_copies(A, B)
    sup = find_copies(A, B, superset=True)
    assert sup.n >= plain.n == 3 and sup.hypotheses["superset"]


def test_layered_options_permute_every_layer():
    coords = ["a", "b", "c"]
    A = OptionSet(((( 1, 0, 0), (2, 0, 0)),), coords)
    B = OptionSet((((0, 1, 0), (0, 2, 0)), ((0, 0, 1), (0, 0, 3))), coords)
    A = OptionSet(tuple(tuple(tuple(Fraction(x) for x in l) for l in o) for o in A.options), coords)
    B = OptionSet(tuple(tuple(tuple(Fraction(x) for x in l) for l in o) for o in B.options), coords)
    r = find_copies(A, B)
    assert r.n == 1 and r.involution_names() == [[["a", "b"]]]


def test_bad_inputs_raise_orbitproof_errors():
    A, B = terminal_sets(1, 2)
    other = OptionSet.from_vectors([[1, 0, 0]], ["p", "q", "r"])
    with pytest.raises(OptionSetError, match="coordinates"):
        find_copies(A, other)
    with pytest.raises(OptionSetError, match="C"):
        find_copies(A, B, require=["c_invariant"])
    with pytest.raises(OptionSetError):
        find_copies(A, B, require=["nonsense"])


def test_check_copies_wrapper_agrees_with_stdlib_checker():
    A, B = terminal_sets(1, 2)
    assert check_copies(A, B, [Involution(((0, 1),)), Involution(((0, 2),))])[0]
    assert not check_copies(A, B, [Involution(((0, 1),)), Involution(((0, 1),))])[0]


# --------------------------------------------------------------------------- planted copies
def planted_instance(seed: int):
    """A on block S_A; n planted involutions swapping S_A with fresh blocks (maybe with extra
    swaps on unused coordinates); B = images + random extras; one spare coordinate unused."""
    rnd = random.Random(seed)
    a = rnd.randint(1, 3)
    n = rnd.randint(1, 4)
    junk = rnd.randint(0, 3)
    d = a * (n + 1) + junk + 1  # + spare
    spare = d - 1
    vals = [0, 0, 1, 2, 3, Fraction(1, 2), -1]
    A = set()
    for _ in range(rnd.randint(1, 3)):
        v = [0] * d
        for k in range(a):
            v[k] = rnd.choice(vals)
        A.add(tuple(Fraction(x) for x in v))
    if rnd.random() < 0.3:
        A.add(tuple(Fraction(0) for _ in range(d)))
    phis = []
    junk_coords = list(range(a * (n + 1), a * (n + 1) + junk))
    for i in range(n):
        block = list(range(a * (i + 1), a * (i + 2)))
        rnd.shuffle(block)
        pairs = list(zip(range(a), block))
        if len(junk_coords) >= 2 and rnd.random() < 0.5:
            pairs.append(tuple(rnd.sample(junk_coords, 2)))  # harmless extra swap
        phis.append(Involution(tuple(pairs)))
    opts_a = {(v,) for v in A}
    B = set()
    for p in phis:
        B |= p.apply_set(opts_a)
    for _ in range(rnd.randint(0, 3)):
        v = [Fraction(0)] * d
        for k in rnd.sample(range(d - 1), rnd.randint(1, 2)):
            v[k] = Fraction(rnd.choice(vals[2:]))
        B.add((tuple(v),))
    coords = tuple(f"x{k}" for k in range(d))
    return OptionSet(tuple(opts_a), coords), OptionSet(tuple(B), coords), phis, spare


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9))
def test_planted_copies_are_recovered_and_certified(seed):
    A, B, phis, spare = planted_instance(seed)
    assert is_copies_family_reference(A.options, B.options, phis)
    r = find_copies(A, B)
    if r.n is None:  # the extras happened to contain A
        assert set(A.options) <= set(B.options)
    else:
        _planted_family_is_certified_and_a_mutated_one_is_not(A, B, r, phis, spare)


def _planted_family_is_certified_and_a_mutated_one_is_not(A, B, r, phis, spare):
    assert r.n >= len(phis)
    ok, why = check_copies(A, B, r.involutions)
    assert ok, why
    # mutate one pair of the first involution: send a support coordinate of A to the spare one
    first = r.involutions[0]
    supp_a = {k for o in A.options for k, x in enumerate(o[0]) if x}
    i, j = next(p for p in first.pairs if p[0] in supp_a or p[1] in supp_a)
    keep = i if i in supp_a else j
    mutated = Involution(tuple(p for p in first.pairs if p != (i, j)) + ((min(keep, spare), max(keep, spare)),))
    family = [mutated, *r.involutions[1:]]
    assert not check_copies(A, B, family)[0]
    assert not is_copies_family_reference(A.options, B.options, family)


_SMALL = st.sampled_from([0, 0, 0, 1, 1, 2, Fraction(1, 2)])


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 5).flatmap(lambda d: st.tuples(
    st.sets(st.tuples(*[_SMALL] * d), min_size=1, max_size=2),
    st.sets(st.tuples(*[_SMALL] * d), min_size=1, max_size=5))))
def test_fast_search_agrees_with_brute_force_over_all_involutions(case):
    a_vecs, b_vecs = case
    d = len(next(iter(a_vecs)))
    coords = [f"x{k}" for k in range(d)]
    A = OptionSet.from_vectors(a_vecs, coords)
    B = OptionSet.from_vectors(b_vecs, coords)
    r = find_copies(A, B)
    if set(A.options) <= set(B.options):
        assert r.n is None  # the degenerate case: A contains any number of copies of itself
    else:
        _search_agrees_with_brute_force(A, B, r, d)


def _search_agrees_with_brute_force(A, B, r, d):
    best = max_copies_reference(A.options, B.options, d)
    assert r.n <= best
    if r.maximal:  # a claimed maximum (over all involutions or over the candidates) is the maximum
        event(f"maximal over {r.maximal_scope}")
        assert r.n == best, r.maximal_scope
    else:
        event("not claimed maximal")
    if r.n:
        assert is_copies_family_reference(A.options, B.options, r.involutions)
        plain = [[list(p) for p in phi.pairs] for phi in r.involutions]
        assert std_check([list(o[0]) for o in A.options], [list(o[0]) for o in B.options], plain)[0]
    assert (r.n == 0) == (best == 0)  # a copy exists iff one is found


def test_c_invariant_candidates_may_move_coordinates_outside_the_copies():
    coords = ["a", "b", "x", "y"]
    A = OptionSet.from_vectors([[1, 0, 0, 0]], coords)
    B = OptionSet.from_vectors([[0, 1, 0, 0]], coords)
    C = OptionSet.from_vectors([[1, 0, 0, 0], [0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 1]], coords)
    assert find_copies(A, B, C=C).n == 1
    r = find_copies(A, B, C=C, require=["c_invariant"])
    assert r.n == 1 and r.involution_names() == [[["a", "b"], ["x", "y"]]]
    assert r.hypotheses["c_invariant"] is True


def _superset_reference(A, B, d):
    """Largest family over all involutions admitting superset copies (P22 Def B.8), brute force."""
    from itertools import combinations

    from orbitproof.symmetry.candidates import all_involution_copies_reference
    from orbitproof.symmetry.family import Candidate, superset_closures

    a, b = frozenset(A), frozenset(B)
    cands = [Candidate(p, p.apply_set(a)) for p in all_involution_copies_reference(a, b, d)][:10]
    for size in range(len(cands), 0, -1):
        for sub in combinations(cands, size):
            if len({c.image for c in sub}) == size and superset_closures(list(sub), b) is not None:
                return size
    return 0


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 4).flatmap(lambda d: st.tuples(
    st.sets(st.tuples(*[_SMALL] * d), min_size=1, max_size=2),
    st.sets(st.tuples(*[_SMALL] * d), min_size=1, max_size=5))))
def test_superset_search_between_plain_copies_and_brute_force(case):
    a_vecs, b_vecs = case
    d = len(next(iter(a_vecs)))
    coords = [f"x{k}" for k in range(d)]
    A = OptionSet.from_vectors(a_vecs, coords)
    B = OptionSet.from_vectors(b_vecs, coords)
    if set(A.options) <= set(B.options):
        assert find_copies(A, B, superset=True).n is None
    else:
        _superset_between_plain_and_brute_force(A, B, d)


def _superset_between_plain_and_brute_force(A, B, d):
    plain = find_copies(A, B)
    sup = find_copies(A, B, superset=True)
    assert plain.n <= sup.n
    if len(list(__import__("orbitproof.symmetry.candidates", fromlist=["x"]).all_involution_copies_reference(
            frozenset(A.options), frozenset(B.options), d))) <= 10:
        assert sup.n <= _superset_reference(A.options, B.options, d)
