"""The standard-library copies checker (orbitproof/symmetry/check.py).

Every condition is tested on its own: for each one an explicit case where exactly that condition
fails (confirmed by the independent twin of tests/twins.py) and the checker names it; and a random
twin test, mostly on invalid claims, against the from-definition brute force."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import twins
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


def test_shared_image_is_reported_as_a_repeated_copy():
    # both involutions map candy to choc: the second copy repeats the first
    ok, why = check_copies(A_CANDY, B_CANDY, [[[1, 3]], [[1, 3], [0, 2]]])
    assert not ok and "involution 2 gives the same copy as an earlier one" in why


def test_condition_ii_alone_the_false_claim_of_mutant_m3_is_rejected():
    # φ_1 = (candy choc), φ_2 = (candy hug)(start choc): both images lie in B and differ, but
    # φ_2 moves B_1 = {choc} to {start}; condition (ii) φ_2·B_1 = B_1 is the only one that fails
    A, B, invs = [[0, 1, 0, 0, 0]], [[0, 0, 0, 1, 0], [0, 0, 0, 0, 1]], [[[1, 3]], [[1, 4], [0, 3]]]
    cond = twins.copies_conditions(A, B, invs)
    assert (cond["involution"], cond["into"], cond["distinct"], cond["fixes"]) == (True, True, True, False)
    ok, why = check_copies(A, B, invs)
    assert not ok
    assert why == "involution 2 does not fix the copy B_1 = φ_1·A setwise"


E = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
Q = Fraction(1, 4)
H = Fraction(1, 2)
BASE = ("into", "distinct", "fixes")
# (name, A, B, involutions, kwargs, twin condition that alone fails, expected reason)
ONE_FAILS = [
    ("involution", A_CANDY, B_CANDY, [[[1, 3], [3, 4]]], {}, "involution",
     "bad input: involution 1: pairs overlap, so the permutation is not an involution"),
    ("into", A_CANDY, B_CANDY, [[[1, 3]], [[1, 2]]], {}, "into",
     "involution 2 does not map A into B (1 image vector(s) not in B)"),
    ("distinct", [[1, 1, 0, 0]], [[1, 1, 0, 0]], [[[0, 1]], [[2, 3]]], {}, "distinct",
     "involution 2 gives the same copy as an earlier one (copies must be different)"),
    ("fixes", A_CANDY, B_CANDY, [[[1, 3]], [[1, 4], [0, 3]]], {}, "fixes",
     "involution 2 does not fix the copy B_1 = φ_1·A setwise"),
    # superset copies hold (φ_1 swaps B*_2 = {e2, e3}), but φ_1 moves the plain copy φ_2·ND(A) = {e2}
    ("nd_copies", [[1, 0, 0, 0]], [[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], [[[0, 1], [2, 3]], [[0, 2]]],
     {"claims": ["superset", "nd_copies"], "supersets": [[[0, 1, 0, 0]], [[0, 0, 1, 0], [0, 0, 0, 1]]]},
     "nd_copies", "nd_copies: involution 1 does not fix the copy B_2 = φ_2·ND(A) setwise"),
    ("disjoint_images", [[1, 0, 0], [0, 0, 0]], [[0, 1, 0], [0, 0, 1], [0, 0, 0]], [[[0, 1]], [[0, 2]]],
     {"claims": ["disjoint_images"]}, "disjoint_images", "copies B_1 and B_2 share a vector"),
    ("c_invariant", [[0, 1]], [[1, 0], [2, 0], [2, 1]], [[[0, 1]]],
     {"C": [[0, 1], [1, 0], [2, 0], [2, 1]], "claims": ["c_invariant"]}, "c_invariant",
     "involution 1 does not fix C setwise"),
    ("z_condition", [[1, 0, 0]], [[0, 1, 0]], [[[0, 1]]],
     {"C": [[1, 0, 0], [0, 1, 0], [1, 0, 1]], "claims": ["z_condition"]}, "z_condition",
     "no Z with ND(C) ⊆ Z ⊆ C satisfies φ_i·(Z ∖ B_extra) = Z ∖ B_extra"),
    ("orthogonal", [[1, 0], [0, 1]], [[0, 1], [1, 0], [1, 1]], [[[1, 0]]],
     {"C": [[0, 1], [0, 2], [1, 0], [1, 1], [2, 0]], "claims": ["orthogonal"]}, "orthogonal",
     "some element of ND(C) ∖ (A ∪ B) shares support with A ∪ B"),
    ("star_contains", [[1, 0], [0, 1]], [[0, 1], [1, 0], [0, 2], [2, 0]], [[[0, 1]]],
     {"claims": ["superset"], "supersets": [[[0, 2], [2, 0]]]}, "star_contains", "φ_1·A is not inside B*_1"),
    ("star_inside", [[1, 0, 0]], [[0, 1, 0]], [[[0, 1]]],
     {"claims": ["superset"], "supersets": [[[0, 1, 0], [0, 0, 1]]]}, "star_inside", "B*_1 is not inside B"),
    ("star_fixed", [[1, 0, 0]], [[0, 1, 0], [0, 0, 1]], [[[0, 1]], [[0, 2]]],
     {"claims": ["superset"], "supersets": [[[0, 1, 0]], [[0, 0, 1], [0, 1, 0]]]}, "star_fixed",
     "involution 1 does not fix B*_2 setwise"),
    ("star_count", [[1, 0, 0]], [[0, 1, 0], [0, 0, 1]], [[[0, 1]], [[0, 2]]],
     {"claims": ["superset"], "supersets": [[[0, 1, 0]]]}, "star_count",
     "1 superset(s) B_i* for 2 involution(s)"),
]


@pytest.mark.parametrize("name, A, B, invs, kw, failing, reason", ONE_FAILS, ids=[c[0] for c in ONE_FAILS])
def test_exactly_one_condition_fails_and_the_checker_names_it(name, A, B, invs, kw, failing, reason):
    cond = twins.copies_conditions(A, B, invs, C=kw.get("C"), supersets=kw.get("supersets"))
    claims = kw.get("claims", [])
    checked = ["involution"]
    if cond["involution"]:
        checked += [k for k in cond if k.startswith("star")] if "superset" in claims else list(BASE)
        checked += [c for c in claims if c != "superset"]
    assert [k for k in checked if not cond[k]] == [failing]
    assert check_copies(A, B, invs, **kw) == (False, reason)


def test_nd_copies_may_coincide_as_in_def_a7():
    # A's two copies are different, but both involutions map ND(A) = {e0, e1, e2} onto itself: the
    # ND copies coincide, which Def A.7 allows (then ND(A) ⊆ B, docs/symmetries.md), so the
    # hypothesis holds, exactly as the verifier reads it
    A, B, invs = E + [[Q, H, Q]], E + [[H, Q, Q], [Q, Q, H]], [[[0, 1]], [[1, 2]]]
    assert check_copies(A, B, invs) == (True, "ok: B contains 2 copies of A")
    assert check_copies(A, B, invs, claims=["nd_copies"]) == (True, "ok: B contains 2 copies of A with nd_copies")
    assert twins.copies_conditions(A, B, invs)["nd_copies"]


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_plain_copies_of_a_are_always_copies_of_nd_a(data):
    # ND(φ·X) = φ·ND(X): whenever the φ_i are copies of A, the nd_copies hypothesis holds too
    d = data.draw(st.integers(2, 4))
    vec = st.tuples(*[st.sampled_from([0, 1, 2, H]) for _ in range(d)])
    A = data.draw(st.lists(vec, min_size=1, max_size=3, unique=True))
    invs = data.draw(st.lists(st.lists(st.permutations(range(d)).map(lambda p: p[:2]), min_size=1, max_size=1),
                              min_size=1, max_size=3))
    B = sorted(set(data.draw(st.lists(vec, max_size=2))).union(
        *(twins.act_set(twins.perm_of_pairs(inv, d), A) for inv in invs)))
    ok = check_copies(A, B, invs)[0]
    assert check_copies(A, B, invs, claims=["nd_copies"])[0] == ok
    cond = twins.copies_conditions(A, B, invs)
    assert ok == (cond["distinct"] and cond["fixes"])
    assert cond["nd_copies"] or not ok


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
    ok, why = check_copies(A_CANDY, B_CANDY, [[[1, 3]]], claims=["bogus"])
    assert not ok and why.startswith("unknown claim(s): bogus (known: nd_copies, ")
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


_PAIRS = [(0, 1), (1, 2), (0, 2), (2, 3), (0, 3), (1, 3)]
_U = st.sampled_from([0, 0, 1, 1, 2, Fraction(1, 2)])


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 4).flatmap(lambda d: st.tuples(
    st.just(d),
    st.sets(st.tuples(*[_U] * d), min_size=1, max_size=2),
    st.sets(st.tuples(*[_U] * d), min_size=1, max_size=4),
    st.sets(st.tuples(*[_U] * d), max_size=3),
    st.lists(st.sampled_from([p for p in _PAIRS if max(p) < d]), min_size=1, max_size=2))))
def test_z_condition_closure_equals_search_over_all_Z(case):
    d, a, b, extra_c, pairs = case
    assert pairs and all(max(p) < d for p in pairs)
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


_V = st.sampled_from([0, 0, 1, 1, 2, Fraction(1, 2)])
_CLAIMS = ["nd_copies", "c_invariant", "z_condition", "orthogonal", "disjoint_images", "superset"]


@st.composite
def _copies_claims(draw):
    """Small copies claims, mostly false: random pairs (sometimes overlapping or out of range),
    B sometimes built from the images (so true claims occur too), random extra claims."""
    d = draw(st.integers(2, 4))
    vec = st.tuples(*[_V] * d)
    A = draw(st.lists(vec, min_size=1, max_size=3, unique=True))
    pair = st.integers(0, 9).flatmap(lambda k: st.tuples(st.integers(0, d), st.integers(0, d - 1)) if k == 0
                                     else st.permutations(range(d)).map(lambda p: p[:2]))
    invs = draw(st.lists(st.lists(pair, min_size=1, max_size=2), min_size=1, max_size=3))
    B = set(draw(st.lists(vec, max_size=3)))
    if draw(st.booleans()):
        for inv in invs:
            p = twins.perm_of_pairs(inv, d)
            if p is not None:
                B |= twins.act_set(p, A)
    B = sorted(B) or [A[0]]
    C = None
    if draw(st.booleans()):
        C = sorted(set(A) | set(B) | set(draw(st.lists(vec, max_size=2))))
    claims = draw(st.lists(st.sampled_from(_CLAIMS), max_size=2, unique=True))
    supersets = None
    if "superset" in claims:
        supersets = [sorted(set(draw(st.lists(st.sampled_from(B), min_size=1, max_size=3))))
                     for _ in range(draw(st.sampled_from([len(invs), len(invs), 1])))]
    return A, B, invs, C, claims, supersets, draw(st.booleans())


def _twin_verdict(A, B, invs, C, claims, supersets, nd_of_a) -> bool:
    cond = twins.copies_conditions(A, B, invs, C=C, supersets=supersets, nd_of_a=nd_of_a)
    if not cond["involution"]:
        return False
    if "superset" in claims:
        if not (cond["star_count"] and cond["star_contains"] and cond["star_inside"] and cond["star_fixed"]):
            return False
    elif not (cond["into"] and cond["distinct"] and cond["fixes"]):
        return False
    for c in claims:
        if c in ("c_invariant", "z_condition", "orthogonal") and C is None:
            return False
        if c != "superset" and not cond[c]:
            return False
    return True


@settings(max_examples=200, deadline=None)
@given(_copies_claims())
def test_checker_equals_the_brute_force_twin_on_mostly_false_claims(case):
    A, B, invs, C, claims, supersets, nd_of_a = case
    ok, why = check_copies(A, B, invs, C=C, claims=claims, supersets=supersets, nd=nd_of_a)
    event("true claim" if ok else "false claim")
    assert ok == _twin_verdict(A, B, invs, C, claims, supersets, nd_of_a), why


@pytest.mark.parametrize("pair", [[1, 3, 4], [1], 7, "13", None])
def test_a_swapped_pair_must_be_a_list_of_two_coordinates(pair):
    ok, why = check_copies(A_CANDY, B_CANDY, [[pair]])
    assert (ok, why) == (False, "bad input: involution 1[0]: a swapped pair must have exactly two coordinates")


@pytest.mark.parametrize("option", [[], 5, "1,0", None])
def test_an_option_must_be_a_non_empty_list_and_bad_data_never_raises(option):
    ok, why = check_copies([option], B_CANDY, [[[1, 3]]])
    assert (ok, why) == (False, "bad input: A[0]: expected a non-empty list of numbers (or of layers)")


@pytest.mark.parametrize("inv", [5, None, "13"])
def test_an_involution_must_be_a_list_of_pairs_and_bad_data_never_raises(inv):
    ok, why = check_copies(A_CANDY, B_CANDY, [inv])
    assert (ok, why) == (False, "bad input: involution 1: expected a list of swapped pairs")


@pytest.mark.parametrize("text", ["nan", "-inf", "Infinity", "", "  "])
def test_non_finite_or_empty_numbers_are_named_as_such(text):
    ok, why = check_copies([[text, 1]], [[1, 0]], [[[0, 1]]])
    assert (ok, why) == (False, f"bad input: A[0][0]: {text!r} is not a finite exact number")
