"""The copies search's fast set tests agree exactly with their definition-level twins.

Fast paths (orbitproof/symmetry/setaction.py, family.py, invsearch.py, finder.py) against:
``phi.apply_set(S) == S`` / ``<= T`` (the definition of φ·S), ``compatible_reference`` /
``superset_compatible_reference``, a plain frozenset difference, the old coordinate-domain filter,
and ``Fraction`` arithmetic.  Layered (Blackwell-like) options are included.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from math import lcm

from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.core.optionset import OptionSet
from orbitproof.symmetry import check as copycheck
from orbitproof.symmetry import fasthyp, finder
from orbitproof.symmetry.candidates import all_involutions
from orbitproof.symmetry.family import (
    Candidate,
    compatible,
    compatible_reference,
    superset_compatible,
    superset_compatible_reference,
)
from orbitproof.symmetry.invsearch import (
    SetWithout,
    _domain,
    coordinate_domains,
    iter_involution_copies,
    option_signatures,
    shrink_domains,
    without_options,
)
from orbitproof.symmetry.setaction import SupportIndex, fixes_set, maps_into, option_support

_E = st.sampled_from([0, 0, 0, 1, 1, 2, Fraction(1, 2), -1])


@st.composite
def worlds(draw, max_d=5, layers=(1, 2), min_size=0):
    """d, depth, a set S of options, and some involutions of range(d)."""
    d = draw(st.integers(1, max_d))
    depth = draw(st.sampled_from(layers))
    opt = st.tuples(*[st.tuples(*[_E] * d)] * depth)
    S = frozenset(tuple(tuple(Fraction(x) for x in layer) for layer in o)
                  for o in draw(st.sets(opt, min_size=min_size, max_size=7)))
    invs = list(all_involutions(d))
    phis = draw(st.lists(st.sampled_from(invs), min_size=1, max_size=4))
    return d, depth, S, phis


@settings(max_examples=150, deadline=None)
@given(worlds())
def test_fixes_equals_the_definition(w):
    _d, _depth, S, phis = w
    index = SupportIndex(S)
    for phi in phis:
        expected = phi.apply_set(S) == S
        assert index.fixes(phi) == expected
        assert fixes_set(phi, S) == expected


@settings(max_examples=150, deadline=None)
@given(worlds(), st.data())
def test_maps_into_equals_the_definition(w, data):
    _d, _depth, S, phis = w
    T = S | frozenset(data.draw(st.sets(st.sampled_from(sorted(S | {phi.apply(o) for phi in phis for o in S})),
                                        max_size=4))) if S else S
    for phi in phis:
        assert maps_into(phi, S, T) == (phi.apply_set(S) <= T)


@settings(max_examples=100, deadline=None)
@given(worlds())
def test_option_support_is_the_nonzero_coordinates(w):
    _d, _depth, S, _ = w
    for o in S:
        assert option_support(o) == {i for layer in o for i, x in enumerate(layer) if x != 0}


@settings(max_examples=150, deadline=None)
@given(worlds(min_size=1), st.data(), st.booleans())
def test_compatible_equals_the_reference(w, data, disjoint):
    _d, _depth, S, phis = w
    opts = sorted(S)
    imgs = [frozenset(data.draw(st.sets(st.sampled_from(opts), max_size=3))) for _ in phis]
    cands = [Candidate(p, i) for p, i in zip(phis, imgs)]
    for x in cands:
        for y in cands:
            assert compatible(x, y, disjoint=disjoint) == compatible_reference(x, y, disjoint=disjoint)


@settings(max_examples=150, deadline=None)
@given(worlds(), st.data(), st.booleans())
def test_superset_compatible_equals_the_reference(w, data, disjoint):
    _d, _depth, S, phis = w
    opts = sorted(S)
    B = frozenset(data.draw(st.sets(st.sampled_from(opts), max_size=len(opts)))) if opts else S
    pool = sorted(B) if data.draw(st.booleans()) and B else opts  # images inside B, or anywhere in S
    imgs = [frozenset(data.draw(st.sets(st.sampled_from(pool), max_size=3))) if pool else frozenset()
            for _ in phis]
    cands = [Candidate(p, i) for p, i in zip(phis, imgs)]
    for x in cands:
        for y in cands:
            assert (superset_compatible(x, y, B, disjoint=disjoint)
                    == superset_compatible_reference(x, y, B, disjoint=disjoint))


@settings(max_examples=100, deadline=None)
@given(worlds(), st.data())
def test_set_without_is_the_set_difference(w, data):
    _d, _depth, S, _ = w
    removed = frozenset(data.draw(st.sets(st.sampled_from(sorted(S)), max_size=4))) if S else frozenset()
    view = SetWithout(S, removed)
    assert frozenset(view) == S - removed
    assert len(view) == len(S - removed)
    for o in S:
        assert (o in view) == (o in S - removed)


@settings(max_examples=100, deadline=None)
@given(worlds(max_d=5, layers=(1,), min_size=1), st.data())
def test_involution_search_over_a_view_equals_the_search_over_the_difference(w, data):
    """The greedy search's B − used (a view + signatures updated by differences) changes nothing."""
    _d, _depth, S, _ = w
    opts = sorted(S)
    A = data.draw(st.sets(st.sampled_from(opts), min_size=1, max_size=2))
    used = frozenset(data.draw(st.sets(st.sampled_from(opts), max_size=3)))
    sig = without_options(option_signatures(S), used)
    fast = list(iter_involution_copies(sorted(A), SetWithout(S, used), b_signatures=sig))
    slow = list(iter_involution_copies(sorted(A), S - used))
    assert fast == slow
    # the greedy search's domains, shrunk from those of S by the removed options only
    d = len(opts[0][0])
    full = coordinate_domains(sorted(A), option_signatures(S), d)
    shrunk = shrink_domains(full, sorted(A), sig, (k for o in used for k in option_support(o)))
    assert shrunk == coordinate_domains(sorted(A), sig, d)
    assert list(iter_involution_copies(sorted(A), SetWithout(S, used), b_signatures=sig, domains=shrunk)) == slow


def _domain_reference(need: Counter, sig_b: dict, d: int) -> list[int]:
    empty: Counter = Counter()
    return [k for k in range(d) if all(sig_b.get(k, empty)[key] >= c for key, c in need.items())]


@settings(max_examples=100, deadline=None)
@given(worlds(max_d=6, min_size=1), st.data())
def test_domain_filter_equals_the_old_filter(w, data):
    d, _depth, S, _ = w
    opts = sorted(S)
    A = data.draw(st.sets(st.sampled_from(opts), min_size=1, max_size=3))
    sig_a, sig_b = option_signatures(A), option_signatures(S)
    for j, need in sig_a.items():
        assert _domain(need, sig_b, d) == _domain_reference(need, sig_b, d)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.fractions(max_denominator=12), min_size=3, max_size=3), min_size=1, max_size=5))
def test_scaling_round_trip_and_common_denominator(vecs):
    s = OptionSet.from_vectors(vecs)
    den = finder._common_denominator([s])
    assert den == lcm(*(x.denominator for v in vecs for x in v))
    scaled = finder._scale(s.options, den)
    assert finder._unscale(scaled, den) == frozenset(s.options)
    assert finder._unscale(scaled, den, {}) == frozenset(s.options)


def _unit_sets(m: int, n: int):
    d = m + n
    e = [[Fraction(int(j == k)) for j in range(d)] for k in range(d)]
    return OptionSet.from_vectors(e[:m]), OptionSet.from_vectors(e[m:]), OptionSet.from_vectors(e)


def test_large_instances_recheck_the_copies_and_keep_every_answer(monkeypatch):
    """Past RECHECK_C_WORK the final stdlib re-check skips the claims about C; the result is the
    same as with the full re-check."""
    A, B, C = _unit_sets(2, 9)
    full = finder.find_copies(A, B, C=C)
    monkeypatch.setattr(finder, "RECHECK_C_WORK", 0)
    seen = []
    real = finder.check_copies

    def spy(*args, **kw):
        seen.append(kw)
        return real(*args, **kw)

    monkeypatch.setattr(finder, "check_copies", spy)
    light = finder.find_copies(A, B, C=C)
    assert light.to_dict() == full.to_dict()
    assert full.n == 4 and full.hypotheses["c_invariant"]
    assert seen and seen[-1]["C"] is None and not set(seen[-1]["claims"]) & set(finder._C_CLAIMS)


@settings(max_examples=150, deadline=None)
@given(worlds(max_d=4, layers=(1,)))
def test_fast_nondominated_equals_the_checker(w):
    _d, _depth, S, _ = w
    assert fasthyp.nondominated(S) == copycheck.nondominated(S)


@settings(max_examples=150, deadline=None)
@given(worlds(max_d=4, layers=(1,), min_size=1), st.data())
def test_fast_z_condition_equals_the_checker(w, data):
    d, _depth, S, phis = w
    opts = sorted(S)
    C = S
    B = frozenset(data.draw(st.sets(st.sampled_from(opts), max_size=len(opts))))
    A = frozenset(data.draw(st.sets(st.sampled_from(opts), min_size=1, max_size=3)))
    nd_a, nd_c = copycheck.nondominated(A), copycheck.nondominated(C)
    perms = [p.permutation(d) for p in phis]
    expected = copycheck.z_condition_holds(B, C, nd_a, nd_c, perms)
    assert fasthyp.z_condition_holds(B, C, nd_a, nd_c, phis) == expected
    assert fasthyp.z_condition_holds(B, C, nd_a, nd_c, []) == copycheck.z_condition_holds(B, C, nd_a, nd_c, [])


@settings(max_examples=150, deadline=None)
@given(worlds(min_size=1))
def test_colour_from_the_support_equals_the_colour(w):
    from orbitproof.symmetry.candidates import colour

    _d, _depth, S, _ = w
    for o in S:
        assert finder._colour(o, option_support(o)) == colour(o)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(-3, 3), min_size=3, max_size=3), min_size=1, max_size=5))
def test_integer_scaling_with_denominator_one(vecs):
    s = OptionSet.from_vectors(vecs)
    assert finder._scale(s.options, 1) == frozenset(tuple(tuple(int(x) for x in layer) for layer in o)
                                                    for o in s.options)


def test_options_dataclass_gives_the_same_result_as_keywords():
    A, B, C = _unit_sets(2, 7)
    by_kw = finder.find_copies(A, B, C=C, disjoint=True, require=["c_invariant"], max_candidates=50)
    opts = finder.CopiesOptions(disjoint=True, require=("c_invariant",), max_candidates=50)
    assert finder.find_copies(A, B, C=C, options=opts).to_dict() == by_kw.to_dict()
    assert finder.CopiesOptions(require=("disjoint_images",)).validated().disjoint


def test_options_dataclass_refuses_bad_settings():
    from orbitproof.core.errors import OptionSetError

    for bad in (finder.CopiesOptions(require=("orthogonal",)), finder.CopiesOptions(max_candidates=-1),
                finder.CopiesOptions(scan_limit=0)):
        try:
            bad.validated()
        except OptionSetError:
            continue
        raise AssertionError(f"{bad} was accepted")
