"""Retargetability on one orbit (P22 Def 3.5; docs/rules.md): the permutations found satisfy the
definition (checked element by element with the rules' reference values), n never exceeds the
counting bound of Thm 3.6, certificates are re-checked by the verifier and tampering is rejected."""

from __future__ import annotations

import copy
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vector_strategies import vector_sets

from orbitproof import verify as V
from orbitproof.certificates.retarget import retargeting_certificate
from orbitproof.orbits.multiset import distinct_permutations
from orbitproof.orbits.retarget import retargetability
from orbitproof.orbits.rules import parse_rule

SPECS = ["max", "is-optimal", "frac-optimal", "anti-optimal", "boltzmann:T=1", "boltzmann:T=1/3",
         "satisfice:t=1", "quantilise:q=1/2", "best-of:k=2"]


def _sign(rule, A, B, C, x):
    r = tuple(Fraction(v) for v in x)
    opts = lambda S: tuple(sorted({(tuple(Fraction(v) for v in o),) for o in S}))  # noqa: E731
    CC = opts(C if C is not None else list(A) + list(B))
    gb, ga = rule.reference_value(opts(B), CC, r), rule.reference_value(opts(A), CC, r)
    return (gb > ga) - (gb < ga)


def _definition_holds(spec, A, B, C, reward, perms) -> bool:
    """Def 3.5 conditions 1 and 3 from the rule's definition (reference values), element by element."""
    rule = parse_rule(spec)
    elems = list(distinct_permutations(tuple(Fraction(v) for v in reward)))
    o_a = [x for x in elems if _sign(rule, A, B, C, x) < 0]
    seen = set()
    for p in perms:
        for x in o_a:
            y = [None] * len(x)
            for i, v in enumerate(x):
                y[p[i]] = v
            y = tuple(y)
            if _sign(rule, A, B, C, y) <= 0 or y in seen:
                return False
            seen.add(y)
    return True


@settings(max_examples=30, deadline=None)
@given(vector_sets(max_d=4), st.sampled_from(SPECS))
def test_found_permutations_satisfy_def_3_5_and_the_counting_bound(case, spec):
    A, B, C, r = case
    res = retargetability(A, B, r, C=C, compare=spec)
    if res.n is None:
        assert res.a_gt_b == 0
    else:
        assert res.n <= res.bound
        assert res.b_gt_a >= res.n * res.a_gt_b
        assert _definition_holds(spec, A, B, C, r, res.permutations)


E5 = [[1 if i == j else 0 for i in range(5)] for j in range(5)]
SETS = {"coordinates": list("abcde"), "A": [E5[0]], "B": [E5[1], E5[2], E5[3]], "C": E5}


@pytest.mark.parametrize("spec", ["max", "boltzmann:T=1", "satisfice:t=4", "quantilise:q=1/2", "anti-optimal"])
def test_three_copies_give_three_fold_retargetability_with_a_verified_certificate(spec):
    res = retargetability(SETS["A"], SETS["B"], [0, 1, 2, 3, 4], C=SETS["C"], compare=spec)
    assert res.n >= 3 and res.maximal  # B holds 3 copies of A (φ_i·C = C); quantilise:q=1/2 reaches 6
    cert = retargeting_certificate(res, sets=SETS, reward=[0, 1, 2, 3, 4])
    assert (cert["result"].get("maximal") == "counting-bound") == (res.n == res.bound)
    assert V.verify_certificate(cert).startswith(f"retargeting: A ->^{res.n} B")


def _reseal(cert):
    cert = copy.deepcopy(cert)
    cert["instance_digest"] = V.instance_digest(cert["instance"])
    return cert


def test_verifier_rejects_tampered_retargeting_certificates():
    res = retargetability(SETS["A"], SETS["B"], [0, 1, 2, 3, 4], C=SETS["C"], compare="boltzmann:T=1")
    cert = retargeting_certificate(res, sets=SETS, reward=[0, 1, 2, 3, 4])
    bad = []
    m = copy.deepcopy(cert)
    m["result"]["n"] = 4
    bad.append(m)
    m = copy.deepcopy(cert)
    m["result"]["permutations"].append(m["result"]["permutations"][0])  # repeated image
    m["result"]["n"] = 4
    bad.append(m)
    m = copy.deepcopy(cert)
    m["result"]["permutations"][0] = list("abcde")  # the identity maps A > B elements to A > B
    bad.append(m)
    m = copy.deepcopy(cert)
    m["result"]["permutations"][0] = ["a", "a", "c", "d", "e"]
    bad.append(m)
    m = copy.deepcopy(cert)
    m["result"]["counts"]["tie"] += 1
    bad.append(m)
    m = copy.deepcopy(cert)
    m["result"]["n"] = 2
    m["result"]["permutations"] = m["result"]["permutations"][:2]  # true but not the counting bound
    bad.append(m)
    m = copy.deepcopy(cert)
    m["instance"]["compare"] = "satisfice:t=0"
    bad.append(_reseal(m))
    for b in bad:
        with pytest.raises(V.Invalid):
            V.verify_certificate(b)
    ok = copy.deepcopy(cert)
    ok["result"]["n"] = 2
    ok["result"]["permutations"] = ok["result"]["permutations"][:2]
    del ok["result"]["maximal"]
    assert V.verify_certificate(ok).startswith("retargeting: A ->^2 B")
