"""The stdlib verifier re-checks certificates of P22's decision rules (docs/rules.md) and rejects
tampered ones: flipped signs, wrong ties, changed T / t / q / k, changed counts, bad specs."""

from __future__ import annotations

import copy
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from certificate_mutations import mutations
from orbitproof import verify as V
from orbitproof.certificates.build import orbit_count_certificate
from orbitproof.orbits import count_orbit
from orbitproof.orbits.expsum import expsum_sign

COORDS = ["ghost", "apple", "cherry"]
A = [[0, 0, 1]]
B = [[1, 0, 0], [0, 1, 0]]
C = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
SETS = {"coordinates": COORDS, "A": A, "B": B, "C": C}
RULES = ["anti-optimal", "boltzmann:T=1", "boltzmann:T=1/1000", "satisfice:t=3", "quantilise:q=1/2",
         "quantilise:q=1", "best-of:k=3", "best-of:k=1"]


def _cert(rule, reward=(10, 5, 0), sets=SETS):
    res = count_orbit(sets["A"], sets["B"], list(reward), C=sets["C"], compare=rule)
    return orbit_count_certificate(res, sets=sets)


def _reseal(cert):
    cert = copy.deepcopy(cert)
    cert["instance_digest"] = V.instance_digest(cert["instance"])
    return cert


@pytest.mark.parametrize("rule", RULES)
def test_verifier_accepts_every_rule_certificate_the_tool_writes(rule):
    cert = _cert(rule)
    assert cert["instance"]["compare"] == rule
    assert V.verify_certificate(cert).startswith("orbit-count")


def test_verifier_accepts_class_evidence_for_new_rules_on_a_40320_orbit():
    d = 8
    e = [[1 if i == j else 0 for i in range(d)] for j in range(d)]
    sets = {"coordinates": [f"s{i}" for i in range(d)], "A": [e[0]], "B": [e[1], e[2]], "C": e}
    for rule in ("boltzmann:T=1", "satisfice:t=4", "best-of:k=2"):
        cert = _cert(rule, reward=range(8), sets=sets)
        assert "evidence" in cert["result"]
        assert V.verify_certificate(cert) == f"orbit-count {tuple(cert['result']['counts'][k] for k in ('b_gt_a', 'a_gt_b', 'tie', 'orbit_size'))}"


@pytest.mark.parametrize("rule", RULES)
def test_verifier_rejects_flipped_signs_wrong_ties_and_changed_counts(rule):
    cert = _cert(rule)
    c = cert["result"]["counts"]
    bad = []
    if c["b_gt_a"] != c["a_gt_b"]:
        flipped = copy.deepcopy(cert)
        flipped["result"]["counts"]["b_gt_a"], flipped["result"]["counts"]["a_gt_b"] = c["a_gt_b"], c["b_gt_a"]
        bad.append(flipped)
    for src, dst in (("tie", "b_gt_a"), ("b_gt_a", "tie"), ("a_gt_b", "tie"), ("tie", "a_gt_b")):
        if c[src]:
            moved = copy.deepcopy(cert)
            moved["result"]["counts"][src] -= 1
            moved["result"]["counts"][dst] += 1
            bad.append(moved)
    for k in c:
        changed = copy.deepcopy(cert)
        changed["result"]["counts"][k] += 1
        bad.append(changed)
    assert bad
    for m in bad:
        with pytest.raises(V.Invalid):
            V.verify_certificate(m)


@pytest.mark.parametrize("rule, mutated", [
    ("boltzmann:T=1", "boltzmann:T=100000000000000000000"),
    ("boltzmann:T=1", "satisfice:t=1"),
    ("satisfice:t=3", "satisfice:t=11"),
    ("satisfice:t=3", "satisfice:t=-3"),
    ("quantilise:q=1/2", "quantilise:q=1"),
    ("best-of:k=3", "best-of:k=1"),
    ("anti-optimal", "best-of:k=1"),
])
def test_verifier_rejects_a_changed_parameter_even_when_the_digest_is_resealed(rule, mutated):
    cert = _cert(rule)
    true_counts = count_orbit(A, B, [10, 5, 0], C=C, compare=mutated).counts
    assert true_counts != tuple(cert["result"]["counts"][k] for k in ("b_gt_a", "a_gt_b", "tie", "orbit_size"))
    m = copy.deepcopy(cert)
    m["instance"]["compare"] = mutated
    with pytest.raises(V.Invalid, match="instance_digest"):
        V.verify_certificate(m)
    with pytest.raises(V.Invalid, match="result.counts"):
        V.verify_certificate(_reseal(m))


@pytest.mark.parametrize("spec", ["boltzmann:T=0", "boltzmann:T=-1", "boltzmann:T=2/4", "boltzmann:T=0.5",
                                  "quantilise:q=0", "quantilise:q=3/2", "best-of:k=3/2", "best-of:k=0",
                                  "satisfice:x=1", "softmax:T=1", "boltzmann", "anti-optimal:k=1"])
def test_verifier_rejects_bad_rule_specs(spec):
    m = copy.deepcopy(_cert("boltzmann:T=1"))
    m["instance"]["compare"] = spec
    with pytest.raises(V.Invalid, match="compare"):
        V.verify_certificate(_reseal(m))


@pytest.mark.parametrize("rule", ["boltzmann:T=1", "satisfice:t=3", "quantilise:q=1/2", "best-of:k=3"])
def test_every_single_field_mutation_is_rejected_or_true(rule):
    """Resealed single-field mutations: each is rejected unless orbitproof confirms it is true."""
    cert = _cert(rule)
    for what, m in mutations(cert):
        m = _reseal(m) if "instance" in m and isinstance(m["instance"], dict) else m
        try:
            V.verify_certificate(m)
        except (V.Invalid, V.Unreadable):
            continue
        inst = m["instance"]
        s = inst["input"]["sets"]
        counts = count_orbit(s["A"], s["B"], inst["reward"], C=s.get("C"), compare=inst["compare"]).counts
        got = tuple(m["result"]["counts"][k] for k in ("b_gt_a", "a_gt_b", "tie", "orbit_size"))
        assert counts == got, f"accepted a false mutation: {what}"


EXPONENTS = st.one_of(
    st.integers(-6, 6).map(Fraction),
    st.fractions(min_value=-5, max_value=5, max_denominator=7),
    st.integers(-3, 3).map(lambda k: Fraction(k, 10**25)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([1, -1, 2, -2, 3]), EXPONENTS), min_size=1, max_size=6))
def test_verifier_decimal_signs_equal_the_tools_arb_signs(terms):
    assert V.exp_sum_sign(terms) == expsum_sign(terms)


def test_verifier_decimal_sign_separates_a_1e_minus_50_difference():
    T = Fraction(10**25)
    terms = [(1, 1 / T), (1, -1 / T), (-2, Fraction(0))]  # 2cosh(1/T) − 2 ≈ 1e-50
    assert V.exp_sum_sign(terms) == 1 == expsum_sign(terms)
    assert V.exp_sum_sign([(-1, q) for _, q in terms[:2]] + [(2, Fraction(0))]) == -1


def test_verifier_boltzmann_code_uses_no_float():
    import inspect

    src = inspect.getsource(V)
    section = src[src.index("P22 decision rules (issue 13)"):src.index("end of P22 decision rules")]
    assert "float" not in section.replace("no float", "")


def test_schema_accepts_rule_and_retargeting_certificates():
    import json
    from pathlib import Path

    import jsonschema

    from orbitproof.certificates.retarget import retargeting_certificate
    from orbitproof.orbits.retarget import retargetability

    schema = json.loads((Path(V.__file__).parent / "data" / "certificate.schema.json").read_text())
    for rule in RULES:
        jsonschema.validate(_cert(rule), schema)
    res = retargetability(A, B, [10, 5, 0], C=C, compare="boltzmann:T=1")
    jsonschema.validate(retargeting_certificate(res, sets=SETS, reward=[10, 5, 0]), schema)
    bad = _cert("boltzmann:T=1")
    bad["instance"]["compare"] = "boltzmann:T=1.5"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_verifier_recomputes_the_tools_counts_on_generated_instances(data):
    """The verifier's own rule code (stdlib, decimal for Boltzmann) agrees with the tool's engine."""
    from vector_strategies import vector_sets

    A_, B_, C_, r = data.draw(vector_sets(max_d=4, with_c=True))
    rule = data.draw(st.sampled_from(RULES + ["satisfice:t=1/2", "satisfice:t=-1", "quantilise:q=1/3",
                                              "best-of:k=2", "boltzmann:T=100000000000000000000"]))
    C_ = A_ + B_ + [c for c in C_ if c not in A_ + B_]  # the verifier's statements need A, B ⊆ C
    fmt = lambda vs: [[str(Fraction(x)) for x in v] for v in vs]  # noqa: E731
    sets = {"coordinates": [f"x{i}" for i in range(len(r))], "A": fmt(A_), "B": fmt(B_), "C": fmt(C_)}
    cert = _cert(rule, reward=r, sets=sets)
    assert V.verify_certificate(cert).startswith("orbit-count")
