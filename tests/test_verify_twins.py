"""The verifier's copies checks (kind ``copies`` and the ``copies`` / ``images`` / ``nd-count``
statements) agree with the from-definition twin of tests/twins.py on random, mostly false, claims.

Nothing here uses the package's copies checker (orbitproof/symmetry/check.py): a weakened checker
cannot weaken the judge of the verifier.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import event, given, settings
from hypothesis import strategies as st

import twins
from orbitproof import verify as V

_V = st.sampled_from([0, 0, 1, 1, 2, Fraction(1, 2)])
HYPS = V.HYPOTHESES


def _fmt(x) -> str:
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


@st.composite
def _claims(draw):
    """A small vector instance and an involution family (mostly not copies), with claimed
    hypotheses that are sometimes flipped."""
    d = draw(st.integers(2, 4))
    coords = [f"c{i}" for i in range(d)]
    vec = st.tuples(*[_V] * d)
    A = draw(st.lists(vec, min_size=1, max_size=3, unique=True))
    invs = draw(st.lists(st.lists(st.permutations(range(d)).map(lambda p: list(p[:2])), min_size=1, max_size=2),
                         min_size=1, max_size=3))
    B = set(draw(st.lists(vec, max_size=3)))
    if draw(st.booleans()):
        for inv in invs:
            p = twins.perm_of_pairs(inv, d)
            if p is not None:
                B |= twins.act_set(p, A)
    B = sorted(B) or [A[0]]
    C = sorted(set(A) | set(B) | set(draw(st.lists(vec, max_size=2)))) if draw(st.booleans()) else None
    return d, coords, A, B, C, invs, draw(st.sampled_from(["A", "ND(A)"])), draw(st.data())


def _sets_input(coords, A, B, C) -> dict:
    sets = {"coordinates": coords, "A": [[_fmt(x) for x in v] for v in A], "B": [[_fmt(x) for x in v] for v in B]}
    if C is not None:
        sets["C"] = [[_fmt(x) for x in v] for v in C]
    return {"sets": sets}


def _idle(invs, A, B, C) -> bool:
    """A pair swapping two coordinates on which every option is 0 (the verifier refuses it)."""
    support = {k for v in [*A, *B, *(C or [])] for k, x in enumerate(v) if x}
    return any(i not in support and j not in support for inv in invs for i, j in inv)


@settings(max_examples=100, deadline=None)
@given(_claims())
def test_copies_certificates_are_accepted_iff_the_twin_says_every_claim_is_true(case):
    d, coords, A, B, C, invs, copy_of, data = case
    cond = twins.copies_conditions(A, B, invs, C=C, nd_of_a=copy_of == "ND(A)")
    actual = {h: cond.get(h) for h in HYPS}
    claimed = {h: (None if actual[h] is None else actual[h] != data.draw(st.integers(0, 5).map(lambda k: k == 0)))
               for h in HYPS}
    n = len(invs) + data.draw(st.sampled_from([0, 0, 0, 0, 1]))
    cert = {"format": V.FORMAT, "kind": "copies",
            "instance": {"copy_of": copy_of, "input": _sets_input(coords, A, B, C)},
            "result": {"hypotheses": claimed, "n": n,
                       "involutions": [[[coords[i], coords[j]] for i, j in inv] for inv in invs]}}
    cert["instance_digest"] = V.instance_digest(cert["instance"])
    want = (cond["involution"] and not _idle(invs, A, B, C) and cond["into"] and cond["distinct"]
            and cond["fixes"] and claimed == actual and n == len(invs))
    try:
        V.verify_certificate(cert)
        got = True
    except V.Invalid:
        got = False
    event("accepted" if got else "rejected")
    assert got == want


@settings(max_examples=200, deadline=None)
@given(_claims())
def test_copies_images_and_nd_count_statements_equal_the_twin(case):
    d, coords, A, B, C, invs, copy_of, data = case
    sets = V._read_input(_sets_input(coords, A, B, C), "input")
    cond = twins.copies_conditions(A, B, invs, C=C, nd_of_a=copy_of == "ND(A)")
    kind = data.draw(st.sampled_from(["copies", "images", "nd-count"]))
    n = Fraction(len(invs) + data.draw(st.sampled_from([0, 0, 0, 1])))
    named = [[[coords[i], coords[j]] for i, j in inv] for inv in invs]
    if kind == "copies":
        require = data.draw(st.lists(st.sampled_from(HYPS), max_size=2, unique=True))
        st_ = {"kind": "copies", "copy_of": copy_of, "involutions": named, "require": require}
        want = (cond["involution"] and not _idle(invs, A, B, C) and cond["into"] and cond["distinct"]
                and cond["fixes"] and n == len(invs) and all(cond.get(h) for h in require))
    elif kind == "images":
        st_ = {"kind": "images", "involutions": named}
        plain = twins.copies_conditions(A, B, invs)
        want = (plain["involution"] and not _idle(invs, A, B, C) and plain["into"] and plain["distinct"]
                and n == len(invs))
    else:
        ka, kb = len(twins.nd(A)), len(twins.nd(B))
        ka2 = ka + data.draw(st.sampled_from([0, 0, 1]))
        n = data.draw(st.sampled_from([Fraction(kb, ka), Fraction(kb, ka), Fraction(kb + 1, ka)]))
        st_ = {"kind": "nd-count", "A": ka2, "B": kb}
        want = ka2 == ka and n == Fraction(kb, ka)
    try:
        V._statements([st_], None, sets, n, "max", "instance.hypotheses")
        got = True
    except V.Invalid:
        got = False
    event(f"{kind} {'accepted' if got else 'rejected'}")
    assert got == want
