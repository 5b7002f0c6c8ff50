"""Properties of orbitproof.claims: fast paths agree with their definition-level twins, the proved
laws never fail, the known findings are reproduced, hypotheses are reported separately."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from orbitproof.claims import (
    CLAIMS,
    check,
    check_family,
    fast_counts,
    get_claim,
    holds,
    instance_from_environment,
    instance_from_sets,
    instance_from_spec,
    mixture_counts,
    parse_family,
    reference_counts,
    robust,
    slack,
)
from orbitproof.certificates import certificate_for
from orbitproof.claims.registry import UnknownClaimError
from orbitproof.core.errors import OrbitproofError
from orbitproof.verify import verify_certificate

import strategies as vs
from strategies import environments

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ----------------------------------------------------------------------------- twins
@FAST
@given(vs.vector_sets(min_d=1, max_d=5, with_c=True), st.sampled_from(["max", "is-optimal", "frac-optimal"]))
def test_fast_counts_equal_reference_counts(case, compare):
    A, B, C, r = case
    C = A + B + (C or [])
    inst = instance_from_sets(A, B, C)
    assert fast_counts(inst, r, compare) == reference_counts(inst, r, compare)


@FAST
@given(st.integers(2, 4).flatmap(lambda d: st.tuples(
    st.just(d), vs.vector_sets(min_d=d, max_d=d, with_c=True),
    st.lists(st.tuples(st.integers(1, 3), vs.rewards(d)), min_size=1, max_size=3))),
    st.sampled_from(["max", "is-optimal", "frac-optimal"]))
def test_mixture_fast_path_equals_definition_loop(data, compare):
    d, (A, B, C, _), comps = data
    inst = instance_from_sets(A, B, A + B + (C or []))
    tot = sum(w for w, _ in comps)
    mix = tuple((Fraction(w, tot), tuple(Fraction(x) for x in r)) for w, r in comps)
    assert mixture_counts(inst, mix, compare) == mixture_counts(inst, mix, compare, engine="reference")


@FAST
@given(vs.vector_sets(min_d=1, max_d=5, with_c=False))
def test_point_mass_mixture_equals_point_count_for_is_optimal(case):
    A, B, _, r = case
    inst = instance_from_sets(A, B)
    mix = ((Fraction(1), tuple(Fraction(x) for x in r)),)
    assert mixture_counts(inst, mix, "is-optimal") == reference_counts(inst, r, "is-optimal")


@given(st.sampled_from(["ratio", "weak", "strict"]), st.fractions(min_value=Fraction(1, 5), max_value=5),
       st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30)).filter(lambda c: sum(c) > 0))
def test_holds_iff_slack_nonnegative(form, x, c):
    counts = (*c, sum(c))
    assert holds(form, x, counts) == (slack(form, x, counts) >= 0)


# ----------------------------------------------------------------------------- proved laws
CATALOG_FORKS = [("candy", "start", "candy", "wait"), ("fig1", "star", "up", "right"),
                 ("fig1", "star", "up", "left,right"), ("fig1", "star", "left", "right"),
                 ("ye-olde", "start", "left", "right"), ("invariance", "start", "x", "wait"),
                 ("invariance-cycle", "start", "x", "wait"), ("terminal:m=2,n=5", "start", "die", "live")]


@pytest.mark.parametrize("fork", CATALOG_FORKS, ids=lambda f: f"{f[0]}:{f[2]}<{f[3]}")
@pytest.mark.parametrize("compare", ["max", "is-optimal"])
def test_gain_scaling_law_never_fails_on_catalog_environments(fork, compare):
    inst = instance_from_environment(fork[0], fork[1], fork[2], fork[3], "gain")
    fv = check_family("scaling", inst, "tie-patterns", {"compare": compare})
    assert fv.status in ("proved", "holds", "hypotheses-not-met")
    assert fv.counterexample is None
    fv2 = check_family("scaling", inst, "random:6:1", {"compare": compare})
    assert fv2.counterexample is None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(environments(min_states=3, max_states=5, max_actions=2, stochastic=False), st.data())
def test_gain_scaling_law_never_fails_on_random_small_mdps_with_copies(env, data):
    forks = [s for s in env.states if len(env.actions(s)) == 2]
    assume(forks)
    s = data.draw(st.sampled_from(forks))
    a, b = env.actions(s)
    inst = instance_from_environment(env, s, a, b, "gain")
    an = get_claim("scaling").analyse(inst, {})
    assume(an.met and an.x is not None)
    for _ in range(3):
        r = data.draw(vs.rewards(len(env.states)))
        v = check("scaling", inst, r, analysis=an)
        assert v.status == "holds", v.to_dict()


# ----------------------------------------------------------------------------- known findings
def test_candy_half_and_blackwell_break_the_transferred_two_fold_law():
    for sem in ("1/2", "blackwell"):
        inst = instance_from_environment("candy", "start", "candy", "wait", sem)
        v = check("F10", inst, [1, 1, 0, 0, 0])
        assert v.counts == (6, 4, 0, 10)
        assert v.x == 2 and v.status == "fails"
        assert v.hypotheses["gain_copies_found"] == 2
    half = instance_from_environment("candy", "start", "candy", "wait", "1/2")
    v = check("scaling", half, [1, 1, 0, 0, 0])
    assert v.status == "hypotheses-not-met" and v.hypotheses["copies_found"] == 0


def test_two_versus_fifty_one_weak_fraction_is_exactly_51_over_53():
    inst = instance_from_environment("terminal:m=2,n=51", "start", "die", "live", "gain")
    v = check("F1", inst, list(range(56)), {"form": "weak"})
    d = v.to_dict()
    assert d["weak_fraction"] == "51/53" and v.x == Fraction(51, 2) and v.status == "holds"


def test_candy_gain_table_values():
    inst = instance_from_environment("candy", "start", "candy", "wait", "gain")
    assert check("scaling", inst, [1, 1, 0, 0, 0]).counts == (5, 2, 3, 10)
    assert check("scaling", inst, [0, 1, 2, 3, 4]).counts == (80, 40, 0, 120)


# ----------------------------------------------------------------------------- readings
def test_unit_case_fractional_law_is_proved_by_tie_patterns():
    inst = instance_from_sets([[1, 0, 0, 0, 0], [0, 1, 0, 0, 0]],
                              [[0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1]])
    fv = check_family("F1", inst, "tie-patterns")
    assert fv.status == "proved" and fv.complete and fv.analysis.x == Fraction(3, 2)


def test_reversed_direction_fails_on_a_tie_and_is_certified():
    inst = instance_from_sets([[1, 0, 0], [0, 1, 0]], [[0, 0, 1]])
    fv = check_family("F9", inst, "tie-patterns")
    assert fv.status == "fails"
    cert, how = certificate_for(fv.counterexample, inst)
    assert "scaling" in how and verify_certificate(cert).startswith("counterexample")


def test_shared_vector_breaks_the_strict_reading_on_an_open_set():
    inst = instance_from_sets([[1, 0, 0, 0], [0, 0, 0, 1]], [[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])
    v = check("S2", inst, [0, 1, 2, 3])
    assert v.x == 2 and v.counts == (12, 6, 6, 24)
    assert v.robust is True and v.status == "fails"
    cert, how = certificate_for(v, inst)
    assert "strict-fraction" in how
    assert verify_certificate(cert).startswith("counterexample to strict-fraction")


def test_strict_failures_on_ties_are_not_counterexamples():
    inst = instance_from_sets([[1, 0, 0]], [[0, 1, 0], [0, 0, 1]])
    v = check("S1", inst, [0, 1, 1])
    assert v.robust is False and v.status == "inconclusive"
    assert robust(inst, [0, 1, 2], "max") is True


def test_hypotheses_not_met_is_reported_apart_from_failure():
    inst = instance_from_sets([[1, 1, 0]], [[0, 1, 0]])
    v = check("scaling", inst, [0, 1, 2], {"n": 2})
    assert v.status == "hypotheses-not-met" and v.hypotheses["copies"] is False
    assert v.counts is not None  # the inequality's own outcome is still reported


def test_nd_count_reading_fails_on_overlapping_distributions():
    h = Fraction(1, 2)
    inst = instance_from_sets([[1, 0, 0]], [[0, 1, 0], [0, h, h]])
    fv = check_family("F7", inst, "grid:3")
    assert fv.analysis.x == 2 and fv.status == "fails"


def test_images_reading_counts_distinct_images():
    inst = instance_from_sets([[1, 0, 0]], [[0, 1, 0], [0, 0, 1]])
    an = get_claim("F8").analyse(inst)
    assert an.x == 2 and an.hypotheses["cross_condition"] is True


def test_every_claim_has_a_docstring_citing_its_source():
    assert set(CLAIMS) >= {"scaling", "scaling-weak", "S1", "S2", "S3"} | {f"F{i}" for i in range(1, 11)}
    for c in CLAIMS.values():
        assert "Source:" in c.__doc__ and "docs/math.md" in c.__doc__


def test_unknown_claim_and_family_raise_orbitproof_errors():
    with pytest.raises(UnknownClaimError):
        get_claim("F11")
    with pytest.raises(OrbitproofError):
        parse_family("grid")


# ----------------------------------------------------------------------------- families
@pytest.mark.parametrize("text", ["tie-patterns", "grid:2", "random:5:3", "list:1,2,3;0,0,1", "mixtures:1",
                                  "mixrandom:4:2"])
def test_family_size_matches_its_enumeration(text):
    fam = parse_family(text)
    assert fam.size(3) == len(list(fam.rewards(3)))
    assert parse_family(fam.name) == fam


def test_tie_patterns_are_complete_only_for_unit_instances():
    unit = instance_from_sets([[2, 0, 0]], [[0, 2, 0], [0, 0, 2]])
    assert parse_family("tie-patterns").complete(unit, "point")[0]
    assert not parse_family("grid:1").complete(unit, "point")[0]
    assert parse_family("grid:2").complete(unit, "point")[0]
    cand = instance_from_environment("candy", "start", "candy", "wait", "1/2")
    assert not parse_family("tie-patterns").complete(cand, "point")[0]
    assert not parse_family("mixtures:1").complete(unit, "mixture")[0]


def test_adversarial_search_is_deterministic_and_finds_the_candy_failure():
    inst = instance_from_environment("candy", "start", "candy", "wait", "1/2")
    a = check_family("F10", inst, "adversarial:4:20:7")
    b = check_family("F10", inst, "adversarial:4:20:7")
    assert a.to_dict() == b.to_dict()
    assert a.status == "fails"


def test_instance_spec_round_trip():
    inst = instance_from_environment("fig1", "star", "up", "left,right", "9/10")
    again = instance_from_spec(inst.to_spec())
    assert again.A == inst.A and again.B == inst.B and again.C == inst.C
    sets = instance_from_sets([[1, 0]], [[0, 1]], [[1, 0], [0, 1], [1, 1]])
    assert instance_from_spec(sets.to_spec()).C == sets.C


def test_no_float_in_any_verdict():
    inst = instance_from_environment("candy", "start", "candy", "wait", "9/10")
    fv = check_family("F10", inst, "grid:2", stop=False)

    def walk(x):
        assert not isinstance(x, float)
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(fv.to_dict())
