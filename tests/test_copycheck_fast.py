"""The copies checker's fast path equals its plain twin (orbitproof/symmetry/check.py).

``check_copies`` reads, scales and acts on options with C-level scans (``_read_set``,
``_scaled_fast``, ``_act_fast``, ``_support_fast``); ``check_copies_reference`` uses the plain
definitions (``parse_set``, ``_scaled``, ``apply_to_set``, ``_support``).  On random claims --
mostly false ones, with malformed data, shared entry objects, duplicates, layers, names -- the
verdict AND the reason must be identical; each fast piece also equals its plain twin."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import event, given, settings
from hypothesis import strategies as st

from orbitproof.symmetry import check as copycheck
from orbitproof.symmetry.check import HYPOTHESES, check_copies, check_copies_reference

ZERO = Fraction(0)
ONE = Fraction(1)
# exact values in several forms; shared objects (ZERO, ONE) as option sets built by the package have
_GOOD = [0, 0, ZERO, ZERO, 1, ONE, 2, -1, Fraction(1, 2), Fraction(3, 1), Fraction(-2, 3), "1/2", "0", " 2 "]
_BAD = [0.5, True, None, "x", "nan", [1]]


@st.composite
def _vector(draw, d: int, bad: bool):
    """Mostly a sparse vector: one repeated 'background' object with a few other entries."""
    background = draw(st.sampled_from([0, ZERO, ZERO, ONE, Fraction(0), "0"]))
    row = [background] * d
    pool = _GOOD + (_BAD if bad else [])
    for k in draw(st.lists(st.integers(0, d - 1), max_size=3)):
        row[k] = draw(st.sampled_from(pool))
    return draw(st.sampled_from([row, tuple(row), row]))


@st.composite
def _option(draw, d: int, depth: int, bad: bool):
    if depth == 1:
        return draw(_vector(d, bad))
    layers = [draw(_vector(d, bad)) for _ in range(depth)]
    if bad and draw(st.integers(0, 9)) == 0:
        layers[-1] = layers[-1][:-1]  # layers of different lengths
    return layers


@st.composite
def _claims(draw):
    d = draw(st.integers(1, 5))
    depth = draw(st.sampled_from([1, 1, 1, 2]))
    bad = draw(st.integers(0, 5)) == 0
    option = _option(d, depth, bad)
    A = draw(st.lists(option, min_size=0 if bad else 1, max_size=3))
    pair = st.integers(0, 9).flatmap(lambda k: st.tuples(st.integers(0, d), st.integers(0, max(d - 1, 0))) if k == 0
                                     else st.permutations(range(d)).map(lambda p: list(p[:2])))
    invs = draw(st.lists(st.lists(pair, max_size=2), max_size=3))
    B = draw(st.lists(option, max_size=4))
    if A and draw(st.booleans()):  # some true copies: B gets images of A
        for inv in invs:
            perm = list(range(d))
            if all(len(set(p)) == 2 and max(p) < d for p in inv) and len({k for p in inv for k in p}) == 2 * len(inv):
                for i, j in inv:
                    perm[i], perm[j] = j, i
                for o in A:
                    layers = o if depth > 1 else [o]
                    if any(len(layer) != d for layer in layers):
                        continue
                    img = [[layer[perm[k]] for k in range(len(layer))] for layer in layers]
                    B.append(img if depth > 1 else img[0])
    C = None
    if draw(st.booleans()):
        C = A + B + draw(st.lists(option, max_size=2))
    claims = draw(st.lists(st.sampled_from(HYPOTHESES + ("nonsense",)), max_size=3, unique=True))
    supersets = None
    if "superset" in claims and B:
        supersets = [draw(st.lists(st.sampled_from(B), min_size=1, max_size=3))
                     for _ in range(draw(st.sampled_from([len(invs), len(invs), 1])))]
    names = None
    if draw(st.integers(0, 3)) == 0:
        names = [f"s{k}" for k in range(d)]
        invs = [[[names[k] if isinstance(k, int) and k < d and draw(st.booleans()) else k for k in p] for p in inv]
                for inv in invs]
    nd = draw(st.booleans()) and depth == 1
    return A, B, invs, C, names, claims, supersets, nd


@settings(max_examples=200, deadline=None)
@given(_claims())
def test_fast_checker_gives_the_plain_twins_verdict_and_reason(case):
    A, B, invs, C, names, claims, supersets, nd = case
    kw = dict(C=C, coordinates=names, claims=claims, nd=nd, supersets=supersets)
    try:
        plain = check_copies_reference(A, B, invs, **kw)
    except Exception as exc:  # the plain path's own behaviour on data it does not catch
        plain = ("raised", type(exc).__name__)
    try:
        fast = check_copies(A, B, invs, **kw)
    except Exception as exc:
        fast = ("raised", type(exc).__name__)
    event(f"verdict {plain[0]}")
    assert fast == plain


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 6).flatmap(lambda d: st.lists(st.lists(_option(d, 1, False), min_size=1, max_size=4),
                                                    min_size=1, max_size=3)))
def test_fast_reading_and_scaling_equal_parse_set_then_scaled(sets):
    plain = copycheck._scaled([copycheck.parse_set(s, f"S{i}") for i, s in enumerate(sets)])
    fast = copycheck._scaled_fast([copycheck._read_set(s, f"S{i}") for i, s in enumerate(sets)])
    assert fast == plain


@settings(max_examples=300, deadline=None)
@given(st.integers(2, 6).flatmap(lambda d: st.tuples(
    st.lists(st.tuples(*[st.sampled_from([0, 0, 0, 1, 2, -3])] * d), max_size=5),
    st.permutations(range(d)), st.integers(0, d // 2))))
def test_fast_set_action_and_support_equal_the_definitions(case):
    rows, order, swaps = case
    perm = list(range(len(order)))
    for t in range(swaps):
        i, j = order[2 * t], order[2 * t + 1]
        perm[i], perm[j] = j, i
    perm = tuple(perm)
    options = [(r,) for r in rows]
    moved = copycheck._moved_fast(perm)
    assert moved == frozenset(k for k, pk in enumerate(perm) if pk != k)
    assert copycheck._act_fast(perm, moved, options) == copycheck.apply_to_set(perm, options)
    for o in options:
        assert copycheck._support_fast(o) == copycheck._support(o)


def test_empty_layers_and_shared_objects_scale_like_the_plain_path():
    sets = [[[[], []]], [[[ONE] * 3, [ZERO] * 3]]]
    plain = copycheck._scaled([copycheck.parse_set(s) for s in sets])
    fast = copycheck._scaled_fast([copycheck._read_set(s) for s in sets])
    assert fast == plain


def test_a_long_unit_family_is_checked_the_same_way_by_both_paths():
    d = 200
    zero = Fraction(0)

    def unit(k: int, v=Fraction(1)) -> list:
        row = [zero] * d
        row[k] = v
        return row

    A = [unit(0), unit(1, Fraction(1, 2))]
    B = [unit(k) for k in range(2, d)] + [unit(k, Fraction(1, 2)) for k in range(2, d)]
    invs = [[[0, 2 * k + 2], [1, 2 * k + 3]] for k in range(10)]
    for claims in ((), ("nd_copies", "disjoint_images")):
        assert check_copies(A, B, invs, claims=claims) == check_copies_reference(A, B, invs, claims=claims)
    bad = [[[0, 2], [1, 4]], [[0, 2], [1, 5]]]  # the second maps A's unit(1, 1/2) to unit(5, 1/2): in B
    assert check_copies(A, B, bad) == check_copies_reference(A, B, bad)
    assert not check_copies(A, B, bad)[0]


@st.composite
def _true_families(draw):
    """A on coordinates 0, 1; φ_i = (0 2i+2)(1 2i+3); B = the images plus a few other options, so the
    copies claim holds unless a drawn mutation (an extra swap, a dropped image) breaks it."""
    n = draw(st.integers(1, 3))
    d = 2 * n + 2 + draw(st.integers(0, 2))
    zero = draw(st.sampled_from([0, ZERO]))
    entry = st.sampled_from([1, ONE, 2, Fraction(1, 2), "1/3", -1])

    def option(cols):
        row = [zero] * d
        for k in cols:
            row[k] = draw(entry)
        return row

    A = [option(draw(st.sets(st.sampled_from([0, 1]), min_size=1))) for _ in range(draw(st.integers(1, 2)))]
    invs = [[[0, 2 * i + 2], [1, 2 * i + 3]] for i in range(n)]
    if draw(st.integers(0, 3)) == 0:  # a mutation: one involution swaps one more pair
        free = [k for k in range(d) if all(k not in p for p in invs[0])]
        if len(free) >= 2:
            invs[0].append(free[:2])
    B = []
    for i in range(n):
        for o in A:
            img = list(o)
            img[0], img[2 * i + 2] = o[2 * i + 2], o[0]
            img[1], img[2 * i + 3] = o[2 * i + 3], o[1]
            B.append(img)
    if B and draw(st.integers(0, 4)) == 0:
        B.pop(draw(st.integers(0, len(B) - 1)))
    B += [option(draw(st.sets(st.integers(0, d - 1), max_size=2))) for _ in range(draw(st.integers(0, 2)))]
    C = A + B if draw(st.booleans()) else None
    claims = draw(st.lists(st.sampled_from([c for c in HYPOTHESES if c != "superset"]), max_size=3, unique=True))
    return A, B, invs, C, claims, draw(st.booleans())


@settings(max_examples=100, deadline=None)
@given(_true_families())
def test_fast_checker_gives_the_plain_twins_verdict_on_mostly_true_families(case):
    A, B, invs, C, claims, nd = case
    kw = dict(C=C, claims=claims, nd=nd)
    plain = check_copies_reference(A, B, invs, **kw)
    event(f"verdict {plain[0]}")
    assert check_copies(A, B, invs, **kw) == plain
