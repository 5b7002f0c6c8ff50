"""Properties of claims/structure.py that the mutation run (docs/mutation.md) found unpinned: the
involutions it reports are real swap lists that copy A into B, and exactness flags are honest."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import twins
from orbitproof.claims import instance_from_sets
from orbitproof.claims.structure import image_count

E4 = ("a", "b", "c", "d")


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_image_count_reports_involutions_as_disjoint_pairs_that_copy_a_into_b(data):
    d = 4
    vec = st.tuples(*[st.sampled_from([0, 0, 1, 2]) for _ in range(d)])
    A = data.draw(st.lists(vec, min_size=1, max_size=2, unique=True))
    B = data.draw(st.lists(vec, min_size=1, max_size=4, unique=True))
    res = image_count(instance_from_sets(A, B, coordinates=E4))
    if res["ok"]:
        assert len(res["involutions"]) == res["n"] == res["images"]
        images = set()
        for inv in res["involutions"]:
            assert all(i != j for i, j in inv)  # a pair never swaps a coordinate with itself
            p = twins.perm_of_pairs(inv, d)
            assert p is not None
            img = twins.act_set(p, A)
            assert img <= {tuple(map(twins.Fraction, b)) for b in B}
            images.add(img)
        assert len(images) == res["n"]  # one involution per distinct image
    else:
        assert res.get("n", 0) == 0


def test_image_count_lists_the_swap_of_the_candy_example():
    res = image_count(instance_from_sets([[1, 0, 0]], [[0, 1, 0], [0, 0, 1]], coordinates=E4[:3]))
    assert res["n"] == 2 and sorted(res["involutions"]) == [[[0, 1]], [[0, 2]]]


def _perm(pairs, d):
    p = list(range(d))
    for i, j in pairs:
        p[i], p[j] = j, i
    return tuple(p)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_d13_structures_found_by_search_verify_literally(data):
    """Every D.13 structure the search reports passes the literal check of the definition, and in
    the shared reading every part is copied onto the same sets B_1..B_n."""
    from orbitproof.claims.instance import apply_involution
    from orbitproof.claims.structure import check_d13_family, d13_structure

    d = 4
    vec = st.tuples(*[st.sampled_from([0, 0, 1, 2]) for _ in range(d)])
    A = data.draw(st.lists(vec, min_size=1, max_size=2, unique=True))
    B = data.draw(st.lists(vec, min_size=1, max_size=4, unique=True))
    inst = instance_from_sets(A, B, coordinates=E4)
    shared, any_parts, require_c = data.draw(st.booleans()), data.draw(st.booleans()), data.draw(st.booleans())
    res = d13_structure(inst, require_c, shared=shared, any_parts=any_parts)
    assert res["ok"] == (res["n"] >= 1)
    parts = [frozenset(p) for p in res["parts"]]
    fams = [[_perm(pairs, d) for pairs in fam] for fam in res["families"]]
    assert check_d13_family(inst, parts, fams, require_c) == (
        (True, "D.13 structure verified") if res["ok"] else (False, "every part needs the same number n ≥ 1 of copies"))
    if shared and res["ok"]:
        assert len({frozenset(apply_involution(p, Aj) for p in f) for Aj, f in zip(parts, fams)}) == 1


def test_a_d13_search_stopped_by_its_budget_is_not_called_maximal():
    from orbitproof.claims.structure import d13_structure

    # A = {e0, e1}, B = {e2, e3}: each singleton part has two candidate copies
    inst = instance_from_sets([[1, 0, 0, 0], [0, 1, 0, 0]], [[0, 0, 1, 0], [0, 0, 0, 1]], coordinates=E4)
    for shared in (False, True):
        assert d13_structure(inst, False, shared=shared)["maximal"] is True
        assert d13_structure(inst, False, shared=shared, budget=1)["maximal"] is False


def test_max_cross_family_returns_the_first_largest_family_in_candidate_order():
    """Certificates and reports are reproducible: among equally large families the first found (in
    candidate order) is returned.  Three candidates with the same image are pairwise incompatible."""
    from orbitproof.claims.structure import max_cross_family

    im = frozenset({(1, 0, 0)})
    cands = [((0, 1, 2), im), ((1, 0, 2), im), ((2, 1, 0), im)]
    assert max_cross_family(cands) == ([(0, 1, 2)], True)
    assert max_cross_family(cands[1:]) == ([(1, 0, 2)], True)


def test_d13_shared_reading_finds_every_copy_of_a_singleton_part():
    from orbitproof.claims.structure import d13_structure

    # A = {e0}, B = {e1, e2, e3}: three copies via (0 1), (0 2), (0 3), in both readings
    inst = instance_from_sets([[1, 0, 0, 0]], [[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], coordinates=E4)
    for shared in (False, True):
        res = d13_structure(inst, False, shared=shared)
        assert (res["ok"], res["m"], res["n"], res["maximal"]) == (True, 1, 3, True)
        assert sorted(res["families"][0]) == [[[0, 1]], [[0, 2]], [[0, 3]]]


def test_unit_coordinates_keep_only_b_units_with_a_coefficient():
    """S_B of the unit case (docs/math.md §9.3) holds the coordinates of B's unit vectors with A's
    coefficient c; B's other vectors (another coefficient, or not a unit vector) are extras."""
    from orbitproof.claims.structure import unit_coordinates, unit_structure

    A = [[2, 0, 0, 0, 0, 0], [0, 2, 0, 0, 0, 0]]
    B = [[0, 0, 2, 0, 0, 0], [0, 0, 0, 3, 0, 0], [0, 0, 0, 0, 1, 1], [0, 0, 0, 0, 0, 2]]
    inst = instance_from_sets(A, B, A + B)
    got = unit_structure(inst)
    assert got["ok"] and got["m"] == 2 and got["n"] == 2 and got["extras"] == 2
    assert unit_coordinates(inst) == ([0, 1], [2, 5])


def test_d13_shared_reading_never_reports_an_involution_onto_another_copy():
    """Shared reading: φ_ji must map A_j onto B_i and fix every other copy B_i'.  Here (0 3) copies A
    onto (0,0,0,1,2) and (0 1)(3 4) copies it onto (0,1,0,2,0), but neither fixes the other copy, so
    there is one copy only (a search that takes the first involution with the right image without
    the fixing condition reports two, which the literal check rejects)."""
    from orbitproof.claims.structure import check_d13_family, d13_structure

    E5 = [f"x{i}" for i in range(5)]
    inst = instance_from_sets([(1, 0, 0, 0, 2)], [(0, 0, 0, 1, 2), (0, 1, 0, 2, 0)], coordinates=E5)
    res = d13_structure(inst, False, shared=True, any_parts=False)
    assert res["ok"] and res["n"] == 1
    assert res["families"] == [[[[0, 3]]]]
    parts = [frozenset(p) for p in res["parts"]]
    fams = [[_perm(pairs, 5) for pairs in fam] for fam in res["families"]]
    assert check_d13_family(inst, parts, fams, False) == (True, "D.13 structure verified")


def test_max_cross_family_budget_counts_search_nodes_from_the_root():
    """The budget is the number of search nodes visited, the root included: a budget of two reaches
    the first candidate (a family of one, not known to be largest), a budget of one only the root."""
    from orbitproof.claims.structure import max_cross_family

    im = frozenset({(1, 0, 0)})
    cands = [((0, 1, 2), im), ((1, 0, 2), im), ((2, 1, 0), im)]
    assert max_cross_family(cands, 1) == ([], False)
    assert max_cross_family(cands, 2) == ([(0, 1, 2)], False)
    assert max_cross_family(cands, 10**6) == ([(0, 1, 2)], True)
