"""The standard-library copies checker (orbitproof/copycheck.py)."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.symmetry import check as copycheck
from orbitproof.symmetry.check import check_copies, in_convex_hull, in_convex_hull_reference, nondominated

CANDY = ["start", "candy", "wait", "choc", "hug"]
A_CANDY = [[0, 1, 0, 0, 0]]
B_CANDY = [[0, 0, 0, 1, 0], [0, 0, 0, 0, 1]]


def test_candy_two_copies_pass_with_names_and_indices():
    ok, why = check_copies(A_CANDY, B_CANDY, [[["candy", "choc"]], [["candy", "hug"]]], coordinates=CANDY)
    assert ok, why
    ok, why = check_copies(A_CANDY, B_CANDY, [[[1, 3]], [[1, 4]]])
    assert ok and "2 copies" in why


def test_strings_and_fractions_are_exact_inputs():
    A = [["1/2", "1/2", 0]]
    B = [[0, "1/2", Fraction(1, 2)]]
    assert check_copies(A, B, [[[0, 2]]])[0]


def test_floats_are_refused_not_rounded():
    ok, why = check_copies([[0.5, 0]], [[0, 0.5]], [[[0, 1]]])
    assert not ok and "bad input" in why


def test_overlapping_pairs_are_not_an_involution():
    ok, why = check_copies(A_CANDY, B_CANDY, [[[1, 3], [3, 4]]])
    assert not ok and "involution" in why


def test_mutated_pair_fails():
    ok, why = check_copies(A_CANDY, B_CANDY, [[[1, 3]], [[1, 2]]])
    assert not ok and "into B" in why


def test_shared_image_violates_condition_ii():
    # both involutions map candy to choc: φ_2 = (candy choc)(start hug) ... B_1 not fixed by φ_2?
    ok, why = check_copies(A_CANDY, B_CANDY, [[[1, 3]], [[1, 3], [0, 2]]])
    assert not ok and ("fix" in why or "same copy" in why)


def test_disjoint_images_claim():
    A = [[1, 0, 0], [0, 0, 0]]
    B = [[0, 1, 0], [0, 0, 1], [0, 0, 0]]
    assert check_copies(A, B, [[[0, 1]], [[0, 2]]])[0]  # share the zero vector: allowed
    ok, why = check_copies(A, B, [[[0, 1]], [[0, 2]]], claims=["disjoint_images"])
    assert not ok and "share" in why


def test_c_invariance_claim():
    A, B = [[1, 0, 0]], [[0, 1, 0]]
    C = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    assert check_copies(A, B, [[[0, 1]]], C=C, claims=["c_invariant"])[0]
    ok, why = check_copies(A, B, [[[0, 1]]], C=[[1, 0, 0], [0, 1, 0], [1, 1, 0], [0, 0, 1]] + [[2, 0, 0]],
                           claims=["c_invariant"])
    assert not ok and "C" in why


def test_orthogonality_and_z_condition_fig1_right_vs_left():
    # coordinates: empty, l_up, l_down, r_up, r_down (gain RSDs from ⋆, docs/math.md §10.2)
    h = Fraction(1, 2)
    A = [[0, 0, 1, 0, 0], [0, h, h, 0, 0]]
    B = [[0, 0, 0, 1, 0], [0, 0, 0, 0, 1], [0, 0, 0, h, h]]
    C = A + B + [[1, 0, 0, 0, 0]]
    inv = [[[1, 3], [2, 4]]]
    ok, why = check_copies(A, B, inv, C=C, claims=["orthogonal", "z_condition", "nd_copies"])
    assert ok, why
    assert not check_copies(A, B, inv, C=C, claims=["c_invariant"])[0]


def test_nd_copies_copy_only_the_nondominated_part():
    A = [[1, 0, 0, 0], [0, 1, 0, 0], ["1/2", "1/2", 0, 0]]  # the midpoint is dominated
    B = [[0, 0, 1, 0], [0, 0, 0, 1]]
    assert not check_copies(A, B, [[[0, 2], [1, 3]]])[0]
    assert check_copies(A, B, [[[0, 2], [1, 3]]], nd=True)[0]


def test_superset_copies_need_the_given_supersets():
    A = [[1, 0, 0]]
    B = [[0, 1, 0], [0, 0, 1]]
    ok, _ = check_copies(A, B, [[[0, 1]]], claims=["superset"], supersets=[B])
    assert ok
    assert not check_copies(A, B, [[[0, 1]]], claims=["superset"])[0]


def test_unknown_claim_and_empty_family_are_reported():
    assert "unknown claim" in check_copies(A_CANDY, B_CANDY, [[[1, 3]]], claims=["bogus"])[1]
    assert not check_copies(A_CANDY, B_CANDY, [])[0]
    assert not check_copies(A_CANDY, B_CANDY, [[[1, 9]]])[0]
    assert not check_copies(A_CANDY, B_CANDY, [[["candy", "nope"]]], coordinates=CANDY)[0]


_ENTRY = st.sampled_from([0, 0, 1, 2, -1, Fraction(1, 2), Fraction(1, 3)])


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 3).flatmap(lambda d: st.tuples(
    st.lists(st.tuples(*[_ENTRY] * d), min_size=1, max_size=5),
    st.tuples(*[_ENTRY] * d))))
def test_simplex_hull_membership_equals_caratheodory_reference(case):
    points, x = case
    points = [tuple(Fraction(v) for v in p) for p in points]
    x = tuple(Fraction(v) for v in x)
    assert in_convex_hull(x, points) == in_convex_hull_reference(x, points)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 3).flatmap(lambda d: st.sets(st.tuples(*[_ENTRY] * d), min_size=1, max_size=5)))
def test_nondominated_are_the_vertices(points):
    opts = [(tuple(Fraction(v) for v in p),) for p in points]
    nd = nondominated(opts)
    for o in opts:
        others = [p[0] for p in opts if p != o]
        assert (o in nd) == (not in_convex_hull_reference(o[0], others))
    # every pair of distinct points: a segment endpoint set is all non-dominated
    for p, q in combinations(opts, 2):
        assert nondominated([p, q]) == {p, q}


def _z_reference(B, C, nd_A, nd_C, perms):
    """Definition: some Z with ND(C) ⊆ Z ⊆ C has φ_i·(Z ∖ B_extra) = Z ∖ B_extra for all i."""
    images = set()
    for p in perms:
        images |= copycheck.apply_to_set(p, nd_A)
    b_extra = B - images
    rest = sorted(C - nd_C)
    for size in range(len(rest) + 1):
        for extra in combinations(rest, size):
            w = (nd_C | frozenset(extra)) - b_extra
            if all(copycheck.apply_to_set(p, w) == w for p in perms):
                return True
    return False


_U = st.sampled_from([0, 0, 1, 1, 2, Fraction(1, 2)])


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 4).flatmap(lambda d: st.tuples(
    st.just(d),
    st.sets(st.tuples(*[_U] * d), min_size=1, max_size=2),
    st.sets(st.tuples(*[_U] * d), min_size=1, max_size=4),
    st.sets(st.tuples(*[_U] * d), max_size=3),
    st.lists(st.sampled_from([(0, 1), (1, 2), (0, 2), (2, 3), (0, 3), (1, 3)]), min_size=1, max_size=2))))
def test_z_condition_closure_equals_search_over_all_Z(case):
    d, a, b, extra_c, pairs = case
    pairs = [p for p in pairs if max(p) < d]
    if not pairs:
        return
    perms = []
    for p in pairs:
        perm = list(range(d))
        perm[p[0]], perm[p[1]] = p[1], p[0]
        perms.append(tuple(perm))
    opt = lambda vs: frozenset((tuple(Fraction(x) for x in v),) for v in vs)  # noqa: E731
    A, B = opt(a), opt(b)
    C = A | B | opt(extra_c)
    nd_A, nd_C = nondominated(A), nondominated(C)
    assert copycheck.z_condition_holds(B, C, nd_A, nd_C, perms) == _z_reference(B, C, nd_A, nd_C, perms)


def test_malformed_supersets_are_reported_not_raised():
    ok, why = check_copies([[1, 0]], [[0, 1]], [[[0, 1]]], claims=["superset"], supersets=[[[0, 1, 0]]])
    assert not ok and "lengths" in why
    ok, why = check_copies([[1, 0]], [[0, 1]], [[[0, 1]]], claims=["superset"], supersets="B")
    assert not ok
