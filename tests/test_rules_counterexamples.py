"""Without φ_i·C = C, Prop A.11's n-fold law can fail (docs/rules.md): certified counterexamples for
is-optimal, frac-optimal, anti-optimal and quantilise:q=1/2 (found by a random search over d = 4
instances where B contains 2 copies of A); Boltzmann and satisficing comparisons do not depend on C
at all (when A, B ⊆ C), so for them the hypothesis is never needed."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vector_strategies import vector_sets

from orbitproof import verify as V
from orbitproof.certificates.build import counterexample_certificate
from orbitproof.orbits import count_orbit

COORDS = ["x1", "x2", "x3", "x4"]
H = Fraction(1, 2)
# (rule, A, B, C, r, counts); B = {φ_1·A, φ_2·A} with φ_1 = (x1 x2), φ_2 = (x1 x3); φ_i·C ≠ C
CASES = [
    ("is-optimal", [[H, 0, 0, 0]], [[0, 0, H, 0], [0, H, 0, 0]],
     [[0, 0, H, 0], [0, H, 0, 0], [0, 2, 0, 1], [H, 0, 0, 0]], [1, 2, 0, 1], (1, 1, 10, 12)),
    ("frac-optimal", [[H, 0, 0, 0]], [[0, 0, H, 0], [0, H, 0, 0]],
     [[0, 0, H, 0], [0, H, 0, 0], [0, 2, 0, 1], [H, 0, 0, 0]], [1, 2, 0, 1], (1, 1, 10, 12)),
    ("anti-optimal", [[H, 0, 0, 1]], [[0, 0, H, 1], [0, H, 0, 1]],
     [[0, 0, H, 1], [0, H, 0, 1], [0, 2, H, 0], [H, 0, 0, 1], [2, 1, H, H]], [1, 3, 0, 3], (5, 4, 3, 12)),
    ("quantilise:q=1/2", [[2, 0, 0, 0]], [[0, 0, 2, 0], [0, 2, 0, 0]],
     [[0, 0, 2, 0], [0, 2, 0, 0], [1, 1, 0, 2], [2, 0, 0, 0]], [2, 1, 0, 0], (7, 4, 1, 12)),
]


def _json(vs):
    return [[str(Fraction(x)) for x in v] for v in vs]


@pytest.mark.parametrize("rule, A, B, C, r, counts", CASES)
def test_n_fold_law_fails_without_c_invariance_and_the_certificate_verifies(rule, A, B, C, r, counts):
    res = count_orbit(A, B, r, C=C, compare=rule)
    assert res.counts == counts and res.b_gt_a < 2 * res.a_gt_b
    assert count_orbit(A, B, r, C=C, compare=rule, engine="reference").counts == counts
    copies = {"kind": "copies", "copy_of": "A", "involutions": [[["x1", "x2"]], [["x1", "x3"]]], "require": []}
    cert = counterexample_certificate(("scaling", 2), res, sets={"coordinates": COORDS, "A": _json(A), "B": _json(B),
                                                               "C": _json(C)}, hypotheses=[copies])
    assert V.verify_certificate(cert).startswith("counterexample")
    cert["instance"]["hypotheses"][0]["require"] = ["c_invariant"]  # φ_i·C = C is false here
    cert["instance_digest"] = V.instance_digest(cert["instance"])
    with pytest.raises(V.Invalid):
        V.verify_certificate(cert)


@settings(max_examples=80, deadline=None)
@given(vector_sets(max_d=4, with_c=False), st.lists(st.lists(st.sampled_from([0, 1, 2, H, -1]), min_size=4, max_size=4),
                                                    min_size=1, max_size=2),
       st.sampled_from(["boltzmann:T=1", "boltzmann:T=1/3", "satisfice:t=1", "satisfice:t=0"]))
def test_boltzmann_and_satisfice_signs_do_not_depend_on_the_rest_of_c(case, extra, rule):
    A, B, _, r = case
    d = len(r)
    extra = [e[:d] + [0] * (d - len(e[:d])) for e in extra]
    base = count_orbit(A, B, r, C=A + B, compare=rule).counts
    assert count_orbit(A, B, r, C=A + B + extra, compare=rule).counts == base
