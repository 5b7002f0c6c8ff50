"""γ-sweeps under P22's decision rules and for mixtures (orbitproof/orbits/sweep_rules.py)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from orbitproof.core.errors import CertificateError, OptionSetError
from orbitproof.core.semantics import Discounted
from orbitproof.mdp import option_set, resolve_environment
from orbitproof.orbits.mixtures import count_mixture
from orbitproof.orbits.sweep import gamma_sweep, sweep_problem
from orbitproof.orbits.sweep_reference import reference_counts_at_root
from orbitproof.orbits.sweep_rules import mixture_sweep, threshold_polynomials
from orbitproof.orbits.sweep_rules_reference import reference_rule_counts_at_root

from strategies import environments
from test_sweep import LENGTHS, direct, rational_points_inside

CANDY = resolve_environment("candy")
P22 = ["anti-optimal", "quantilise:q=1/2", "quantilise:q=1", "best-of:k=2", "satisfice:t=1"]


def assert_pieces_agree(sw, env, s, a, b, reward, rule, k=2):
    for i, piece in enumerate(sw.pieces):
        if piece.kind == "interval":
            for g in rational_points_inside(sw, piece, k=k, seed=i):
                assert direct(env, s, a, b, reward, g, rule, engine="reference") == piece.counts, (rule, g)
        elif piece.point.is_rational:
            assert direct(env, s, a, b, reward, piece.point.value, rule, engine="reference") == piece.counts


# ---------------------------------------------------------------------------- rules
@pytest.mark.parametrize("rule", P22)
def test_candy_rule_sweeps_match_count_gamma_inside_every_piece(rule):
    reward = (0, 1, 2, 3, 4)
    sw = gamma_sweep(CANDY, "start", "candy", "wait", reward, compare=rule)
    assert_pieces_agree(sw, CANDY, "start", "candy", "wait", reward, rule)
    prob = sweep_problem(CANDY, "start", "candy", "wait", reward, rule)
    for k, bp in enumerate(sw.breakpoints):
        if not bp.is_rational:
            assert sw.pieces[2 * k + 1].counts == reference_rule_counts_at_root(prob, bp)


def test_satisfice_thresholds_create_breakpoints_the_order_alone_does_not_have():
    """Under satisfice the verdict changes where an option's value crosses t, not only where two
    options tie: candy with r = (0,1,2,3,4) has 5 order breakpoints but more under satisfice:t=1."""
    reward = (0, 1, 2, 3, 4)
    order = gamma_sweep(CANDY, "start", "candy", "wait", reward, compare="best-of:k=2")
    sat = gamma_sweep(CANDY, "start", "candy", "wait", reward, compare="satisfice:t=1")
    assert len(order.breakpoints) == 5
    assert len(sat.breakpoints) > 5 and any(not bp.is_rational for bp in sat.breakpoints)
    assert threshold_polynomials(sweep_problem(CANDY, "start", "candy", "wait", reward, "satisfice:t=1"))
    assert sat.blackwell is None  # absolute-value rules have no Blackwell counts


@pytest.mark.parametrize("rule", ["max", "is-optimal", "frac-optimal"])
def test_rule_twin_agrees_with_the_three_rule_twin_at_irrational_breakpoints(rule):
    reward = (0, 1, 1, 2, 3, 3)
    sw = gamma_sweep(LENGTHS, "s", "a", "b", reward, compare=rule, blackwell=False)
    prob = sweep_problem(LENGTHS, "s", "a", "b", reward, rule)
    irr = [bp for bp in sw.breakpoints if not bp.is_rational][:3]
    assert irr
    for bp in irr:
        assert reference_rule_counts_at_root(prob, bp) == reference_counts_at_root(prob, bp)


@st.composite
def rule_cases(draw):
    env = draw(environments(min_states=2, max_states=3, max_actions=2))
    states = [s for s in env.states if len(env.actions(s)) >= 2]
    assume(states)
    s = draw(st.sampled_from(states))
    a, b = env.actions(s)[:2]
    reward = tuple(draw(st.lists(st.integers(-2, 3), min_size=len(env.states), max_size=len(env.states))))
    rule = draw(st.sampled_from(["anti-optimal", "quantilise:q=1/2", "quantilise:q=2/3", "best-of:k=2",
                                 "best-of:k=3", "satisfice:t=1", "satisfice:t=1/2", "satisfice:t=-1"]))
    gammas = draw(st.lists(st.builds(Fraction, st.integers(1, 98), st.just(99)), min_size=1, max_size=3))
    return env, s, a, b, reward, rule, gammas


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(rule_cases())
def test_rule_sweep_agrees_with_direct_counting_at_random_rational_gammas_and_the_twin_at_roots(case):
    env, s, a, b, reward, rule, gammas = case
    sw = gamma_sweep(env, s, a, b, reward, compare=rule)
    for g in gammas:
        assert sw.counts_at(g) == direct(env, s, a, b, reward, g, rule, engine="reference")
    prob = sweep_problem(env, s, a, b, reward, rule)
    irrational = [k for k, bp in enumerate(sw.breakpoints) if not bp.is_rational]
    for k, bp in enumerate(sw.breakpoints):
        if bp.is_rational:
            assert sw.pieces[2 * k + 1].counts == direct(env, s, a, b, reward, bp.value, rule, engine="reference")
        elif k in irrational[:2] + irrational[-1:]:
            assert sw.pieces[2 * k + 1].counts == reference_rule_counts_at_root(prob, bp)


def test_boltzmann_is_refused_with_a_reason():
    with pytest.raises(OptionSetError, match="exponentials"):
        gamma_sweep(CANDY, "start", "candy", "wait", (0, 1, 2, 3, 4), compare="boltzmann:T=1")


def test_certificates_refuse_rules_the_verifier_does_not_rederive():
    from orbitproof.certificates.sweep import sweep_certificate

    sw = gamma_sweep(CANDY, "start", "candy", "wait", (0, 1, 2, 3, 4), compare="satisfice:t=1")
    with pytest.raises(CertificateError, match="re-derives the breakpoints of max"):
        sweep_certificate(sw)


# ---------------------------------------------------------------------------- mixtures
def mixture_direct(env, s, a, b, mix, g, rule):
    sem = Discounted(g)
    C = option_set(env, s, None, sem) if rule != "max" else None
    return tuple(count_mixture(option_set(env, s, a, sem), option_set(env, s, b, sem), mix, C=C, compare=rule,
                               engine="reference"))


MIX = ((Fraction(1, 3), tuple(map(Fraction, (0, 3, 0, 1, 0)))), (Fraction(2, 3), tuple(map(Fraction, (0, 0, 0, 0, 2)))))


@pytest.mark.parametrize("rule", ["max", "is-optimal", "frac-optimal", "anti-optimal", "best-of:k=2", "satisfice:t=1"])
def test_mixture_sweep_matches_direct_mixture_counts_inside_every_piece(rule):
    sw = mixture_sweep(CANDY, "start", "candy", "wait", MIX, compare=rule)
    for i, piece in enumerate(sw.pieces):
        if piece.kind == "interval":
            for g in rational_points_inside(sw, piece, k=2, seed=i):
                assert mixture_direct(CANDY, "start", "candy", "wait", MIX, g, rule) == piece.counts, (rule, g)
        elif piece.point.is_rational:
            assert mixture_direct(CANDY, "start", "candy", "wait", MIX, piece.point.value, rule) == piece.counts


@pytest.mark.slow
def test_max_mixture_finds_a_weighted_sum_root_inside_an_isolating_interval():
    """Regression: on LENGTHS a weighted-sum root (5/6) lies inside the isolating interval of another
    breakpoint; it must still be found (the counts at 5/6 have ties, around it they differ)."""
    mix = ((Fraction(1, 2), tuple(map(Fraction, (0, 0, 1, 2, 3, 3)))),
           (Fraction(1, 2), tuple(map(Fraction, (0, 1, 0, 0, 0, 2)))))
    sw = mixture_sweep(LENGTHS, "s", "a", "b", mix, compare="max")
    assert any(bp.is_rational and bp.value == Fraction(5, 6) for bp in sw.breakpoints)
    piece = sw.locate(Fraction(5, 6))
    assert piece.kind == "point" and piece.counts == mixture_direct(LENGTHS, "s", "a", "b", mix, Fraction(5, 6), "max")


# ---------------------------------------------------------------------------- CLI
def run_cli(capsys, *argv):
    from orbitproof.cli.main import main

    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_sweep_accepts_a_rule_and_a_mixture(capsys):
    code, out, _ = run_cli(capsys, "sweep", "candy", "--state", "start", "--a", "candy", "--b", "wait",
                           "--mixture", "1/3:0,3,0,1,0;2/3:0,0,0,0,2", "--compare", "best-of:k=2", "-q", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["compare"] == "best-of:k=2" and d["mixture"][0]["weight"] == "1/3" and d["reward"] is None
    code, out, _ = run_cli(capsys, "sweep", "candy", "--state", "start", "--a", "candy", "--b", "wait",
                           "--reward", "0,1,2,3,4", "--compare", "satisfice:t=1", "-q")
    assert code == 0 and "Blackwell: not computed" in out


@pytest.mark.parametrize("extra, message", [
    (["--compare", "boltzmann:T=1", "--reward", "0,1,2,3,4"], "boltzmann"),
    (["--reward", "0,1,2,3,4", "--mixture", "1:0,1,0,0,0"], "one of --reward"),
    ([], "one of --reward"),
    (["--mixture", "1:0,1,0,0,0", "--certificate", "x.json"], "mixtures"),
])
def test_cli_sweep_refusals_are_one_line(capsys, extra, message):
    code, _, err = run_cli(capsys, "sweep", "candy", "--state", "start", "--a", "candy", "--b", "wait", "-q", *extra)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("orbitproof: error:") and message in lines[0]


def test_verifier_rejects_a_gamma_sweep_certificate_under_a_rule_it_does_not_rederive():
    """A forged certificate under satisfice could omit a threshold crossing (the verifier generates no
    threshold polynomials): such certificates are rejected outright."""
    from orbitproof import verify
    from orbitproof.certificates.sweep import sweep_certificate

    cert = sweep_certificate(gamma_sweep(CANDY, "start", "candy", "wait", (0, 1, 2, 3, 4)))
    verify.verify_certificate(cert)
    forged = json.loads(json.dumps(cert))
    forged["instance"]["compare"] = "satisfice:t=1"
    forged["instance_digest"] = verify.instance_digest(forged["instance"])
    with pytest.raises(verify.Invalid, match="re-derives gamma-sweep breakpoints"):
        verify.verify_certificate(forged)


FIG1 = resolve_environment("fig1")


@pytest.mark.parametrize("rule", ["anti-optimal", "quantilise:q=1/2", "best-of:k=2"])
def test_order_rule_certificates_are_accepted_and_a_dropped_breakpoint_is_rejected(rule):
    """fig1 at star, left vs right: two options coincide at γ = 1/2 (docs/math.md §1.2 caveat); the
    verifier adds those coincidences for the order-only P22 rules."""
    from orbitproof import verify
    from orbitproof.certificates.sweep import sweep_certificate

    sw = gamma_sweep(FIG1, "star", "left", "right", (0, 0, 0, 0, 1, 1, 1, 1), compare=rule)
    cert = sweep_certificate(sw)
    summary = verify.verify_certificate(cert)
    assert "coincide" in summary
    k = [i for i, bp in enumerate(cert["result"]["breakpoints"]) if bp.get("value") == "1/2"][0]
    bad = json.loads(json.dumps(cert))
    del bad["result"]["breakpoints"][k]
    del bad["result"]["counts"][2 * k + 1:2 * k + 3]
    with pytest.raises(verify.Invalid, match="missing"):
        verify.verify_certificate(bad)
    bad = json.loads(json.dumps(cert))
    bad["result"]["counts"][2 * k + 1]["tie"] += 1
    bad["result"]["counts"][2 * k + 1]["b_gt_a"] -= 1
    with pytest.raises(verify.Invalid):
        verify.verify_certificate(bad)


LENGTHS_MIX = ((Fraction(1, 2), tuple(map(Fraction, (0, 0, 1, 2, 3, 3)))),
               (Fraction(1, 2), tuple(map(Fraction, (0, 1, 0, 0, 0, 2)))))


def _mixture_twin_check(rule):
    from orbitproof.orbits.sweep_rules_reference import reference_mixture_counts_at_root

    sw = mixture_sweep(LENGTHS, "s", "a", "b", LENGTHS_MIX, compare=rule)
    probs = [sweep_problem(LENGTHS, "s", "a", "b", r, rule) for _, r in LENGTHS_MIX]
    irrational = [(k, bp) for k, bp in enumerate(sw.breakpoints) if not bp.is_rational]
    assert irrational
    for k, bp in irrational[:2] + irrational[-1:]:
        assert sw.pieces[2 * k + 1].counts == reference_mixture_counts_at_root(probs, LENGTHS_MIX, bp)


def test_mixture_counts_at_irrational_breakpoints_match_the_definition_in_q_beta():
    _mixture_twin_check("is-optimal")


@pytest.mark.slow
def test_max_mixture_counts_at_irrational_breakpoints_match_the_definition_in_q_beta():
    _mixture_twin_check("max")
