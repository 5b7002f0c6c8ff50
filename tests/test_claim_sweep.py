"""check CLAIM --gamma-sweep: the exact set of γ where a claim holds (orbitproof/claims/sweep.py)."""

from __future__ import annotations

import json
import random
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from orbitproof.claims import check, instance_from_environment
from orbitproof.claims.sweep import claim_sweep, coincidence_pattern_polynomials
from orbitproof.core.semantics import Discounted
from orbitproof.mdp import resolve_environment
from orbitproof.orbits.sweep import format_set, sweep_problem
from orbitproof.orbits.sweep_reference import reference_counts_at_root

from strategies import environments

CANDY = resolve_environment("candy")


def verdict_at(env, state, a, b, claim, reward, g, params=None):
    """What `orbitproof check CLAIM ENV --gamma G` computes."""
    inst = instance_from_environment(env, state, a, b, Discounted(g))
    return check(claim, inst, reward, params or {})


def points_inside(piece, k=2, seed=0):
    lo = Fraction(0) if piece.lo is None else piece.lo.hi
    hi = Fraction(1) if piece.hi is None else piece.hi.lo
    rng = random.Random(seed)
    return [piece.sample] + [lo + (hi - lo) * Fraction(rng.randint(1, 999), 1000) for _ in range(k)]


def same(v, w):
    return (v.status, v.counts, v.x, v.hypotheses_met) == (w.status, w.counts, w.x, w.hypotheses_met)


def assert_agrees(cs, env, state, a, b, claim, reward, params=None, k=2):
    for i, piece in enumerate(cs.pieces):
        if piece.kind == "interval":
            for g in points_inside(piece, k=k, seed=i):
                assert same(verdict_at(env, state, a, b, claim, reward, g, params), piece.verdict), (i, g)
        elif piece.point.is_rational:
            assert same(verdict_at(env, state, a, b, claim, reward, piece.point.value, params), piece.verdict)


# ---------------------------------------------------------------------------- candy (the worked example)
@pytest.mark.parametrize("reward, expected", [
    ((1, 0, 0, 0, 0), "(0, 1)"),
    ((1, 1, 0, 0, 0), "∅"),
    ((0, 1, 2, 3, 4), "(3/4, 1)"),
    ((0, 0, 0, 1, 2), "[1/2, 1)"),
])
def test_candy_two_fold_law_holds_exactly_on_the_documented_sets(reward, expected):
    cs = claim_sweep("F10", CANDY, "start", "candy", "wait", reward)
    assert format_set(cs.holds_set()) == expected
    assert all(p.verdict is not None and p.verdict.x == 2 for p in cs.pieces)
    assert_agrees(cs, CANDY, "start", "candy", "wait", "F10", reward)


def test_candy_scaling_hypotheses_fail_for_every_discount_and_hold_under_gain():
    """Under discounting no involution maps candy's option into wait's: the scaling law does not apply."""
    cs = claim_sweep("scaling", CANDY, "start", "candy", "wait", (1, 1, 0, 0, 0))
    assert cs.statuses() == {"hypotheses-not-met": "(0, 1)"}
    # the golden-ratio point where two coordinate values coincide is a hypothesis breakpoint
    assert cs.hypothesis_breakpoints >= 1
    assert any(not bp.is_rational and bp.poly == (-1, 1, 1) for bp in cs.breakpoints)


def test_coincidence_pattern_polynomials_are_primitive_with_positive_leading_coefficient():
    polys = coincidence_pattern_polynomials([[(0, 1), (1, 0, -1)], [(2, 2), (0,)]])
    assert polys
    for p in polys:
        assert p[-1] > 0 and len(p) >= 2
        from math import gcd
        g = 0
        for c in p:
            g = gcd(g, c)
        assert g == 1


# ---------------------------------------------------------------------------- agreement with check
CLAIMS = ["scaling", "scaling-weak", "S1", "S2", "F7", "F8", "F10"]


@st.composite
def claim_cases(draw):
    env = draw(environments(min_states=2, max_states=3, max_actions=2))
    states = [s for s in env.states if len(env.actions(s)) >= 2]
    assume(states)
    s = draw(st.sampled_from(states))
    a, b = env.actions(s)[:2]
    reward = tuple(draw(st.lists(st.integers(-1, 2), min_size=len(env.states), max_size=len(env.states))))
    claim = draw(st.sampled_from(CLAIMS))
    compare = draw(st.sampled_from([None, "is-optimal", "frac-optimal"]))
    params = {} if compare is None or claim in ("S1", "S2") else {"compare": compare}
    return env, s, a, b, reward, claim, params


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(claim_cases())
def test_claim_sweep_agrees_with_check_at_random_rational_gammas_and_breakpoints(case):
    env, s, a, b, reward, claim, params = case
    cs = claim_sweep(claim, env, s, a, b, reward, params)
    assert len(cs.pieces) == 2 * len(cs.breakpoints) + 1
    assert_agrees(cs, env, s, a, b, claim, reward, params, k=1)
    # irrational breakpoints: the counts are those of the definition-level twin in ℚ(β) (the twin is
    # slow: the first two and the last irrational breakpoint with counts)
    prob = sweep_problem(env, s, a, b, reward, cs.compare)
    counted = [k for k, bp in enumerate(cs.breakpoints) if not bp.is_rational
               and cs.pieces[2 * k + 1].verdict is not None and cs.pieces[2 * k + 1].verdict.counts is not None]
    for k in counted[:2] + counted[-1:]:
        assert tuple(cs.pieces[2 * k + 1].verdict.counts) == reference_counts_at_root(prob, cs.breakpoints[k])


# ---------------------------------------------------------------------------- mixtures
@pytest.mark.parametrize("compare", ["is-optimal", "max"])
def test_mixture_claim_sweep_agrees_with_check_inside_every_piece(compare):
    mixture = ((Fraction(1, 2), tuple(map(Fraction, (0, 1, 0, 2, 0)))),
               (Fraction(1, 2), tuple(map(Fraction, (0, 0, 1, 0, 3)))))
    cs = claim_sweep("F2", CANDY, "start", "candy", "wait", mixture, {"compare": compare})
    assert cs.breakpoints
    assert_agrees(cs, CANDY, "start", "candy", "wait", "F2", mixture, {"compare": compare}, k=3)


def test_max_mixture_breakpoints_include_weighted_sum_roots():
    """Under max a mixture compares Σ w_k max values: its sign can change where no component's
    comparison changes (the weighted-sum polynomials of orbits/sweep_rules.py)."""
    from orbitproof.orbits.sweep import gamma_sweep

    mixture = ((Fraction(1, 3), tuple(map(Fraction, (0, 3, 0, 1, 0)))),
               (Fraction(2, 3), tuple(map(Fraction, (0, 0, 0, 0, 2)))))
    cs = claim_sweep("F2", CANDY, "start", "candy", "wait", mixture, {"compare": "max"})
    components = set()
    for _, r in mixture:
        components |= {str(bp) for bp in gamma_sweep(CANDY, "start", "candy", "wait", r, blackwell=False).breakpoints}
    assert {str(bp) for bp in cs.breakpoints} - components
    assert_agrees(cs, CANDY, "start", "candy", "wait", "F2", mixture, {"compare": "max"}, k=3)


def test_point_reward_claims_refuse_mixtures():
    from orbitproof.core.errors import OptionSetError

    mixture = ((Fraction(1), tuple(map(Fraction, (0, 1, 0, 2, 0)))),)
    with pytest.raises(OptionSetError, match="point rewards"):
        claim_sweep("scaling", CANDY, "start", "candy", "wait", mixture)


# ---------------------------------------------------------------------------- CLI and certificates
def run_cli(capsys, *argv):
    from orbitproof.cli.main import main

    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_gamma_sweep_prints_the_exact_set_and_exits_one_when_the_claim_fails_somewhere(capsys):
    code, out, _ = run_cli(capsys, "check", "F10", "candy", "--state", "start", "--a", "candy", "--b", "wait",
                           "--reward", "0,0,0,1,2", "--gamma-sweep", "-q")
    assert code == 1
    assert out.strip().splitlines()[-1] == "F10 holds for γ ∈ [1/2, 1)"
    code, out, _ = run_cli(capsys, "check", "F10", "candy", "--state", "start", "--a", "candy", "--b", "wait",
                           "--reward", "1,0,0,0,0", "--gamma-sweep", "-q", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["holds_for"] == "(0, 1)" and d["statuses"] == {"holds": "(0, 1)"}


@pytest.mark.parametrize("extra, message", [
    (["--gamma", "1/2"], "leave out --gamma"),
    (["--gain"], "leave out --gamma"),
    ([], "needs one --reward"),
])
def test_cli_gamma_sweep_refuses_with_one_line(capsys, extra, message):
    argv = ["check", "F10", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--gamma-sweep", "-q"]
    if extra != []:
        argv += ["--reward", "1,0,0,0,0"]
    code, _, err = run_cli(capsys, *argv, *extra)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("orbitproof: error:") and message in lines[0]


@pytest.mark.parametrize("extra, message", [
    (["--mixture", "1/2:0,1,0,2,0;1/2:0,0,1,0,3"], "mixture"),
    (["--reward", "0,1,2,3,4", "--compare", "satisfice:t=1"], "satisfice:t=1"),
])
def test_cli_gamma_sweep_certificate_refusals_come_before_any_output(capsys, tmp_path, extra, message):
    code, out, err = run_cli(capsys, "check", "F2", "candy", "--state", "start", "--a", "candy", "--b", "wait",
                             "--gamma-sweep", "-q", "--certificate", str(tmp_path / "c.json"), *extra)
    assert code == 2 and out == "" and message in err and len(err.strip().splitlines()) == 1


def test_cli_gamma_sweep_refuses_too_many_pieces_with_the_estimate(capsys):
    code, out, err = run_cli(capsys, "check", "F10", "candy", "--state", "start", "--a", "candy", "--b", "wait",
                             "--reward", "0,1,2,3,4", "--gamma-sweep", "-q", "--max-pieces", "10")
    assert code == 2 and out == "" and "5 breakpoints, i.e. 11 pieces" in err and "--max-pieces" in err


def test_cli_gamma_sweep_refuses_boltzmann_with_one_line(capsys):
    code, _, err = run_cli(capsys, "check", "scaling", "candy", "--state", "start", "--a", "candy", "--b", "wait",
                           "--reward", "1,0,0,0,0", "--gamma-sweep", "-q", "--compare", "boltzmann:T=1")
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "exp" in err


def test_claim_sweep_certificate_is_accepted_and_a_changed_count_is_rejected(tmp_path, capsys):
    from orbitproof import verify

    path = tmp_path / "c.json"
    code, out, _ = run_cli(capsys, "check", "scaling", "candy", "--state", "start", "--a", "candy", "--b", "wait",
                           "--reward", "0,1,2,3,4", "--gamma-sweep", "-q", "--certificate", str(path))
    cert = json.loads(path.read_text())
    assert cert["kind"] == "gamma-sweep" and "NOT re-checked" in cert["note"]
    assert any("minimal_polynomial" in bp for bp in cert["result"]["breakpoints"])  # a hypothesis breakpoint
    verify.verify_certificate(cert)
    bad = json.loads(path.read_text())
    bad["result"]["counts"][3]["b_gt_a"] += 1
    bad["result"]["counts"][3]["a_gt_b"] -= 1
    with pytest.raises(verify.Invalid):
        verify.verify_certificate(bad)


def test_hypotheses_that_hold_only_at_an_irrational_gamma_are_found_there():
    """Copies can exist at one γ only (two option values coincide there): the claim applies at that
    irrational point and nowhere else (found by the property test above)."""
    from orbitproof.mdp import Environment

    env = Environment.from_dict({"states": ["s0", "s1"], "actions": {
        "s0": {"a0": {"s0": "4/5", "s1": "1/5"}, "a1": "s1"}, "s1": {"a0": {"s0": "4/5", "s1": "1/5"}, "a1": "s0"}}})
    cs = claim_sweep("scaling", env, "s1", "a0", "a1", (2, -1), {"compare": "is-optimal"})
    holds = cs.holds_set()
    assert len(holds) == 1
    lo, lc, hi, hc = holds[0]
    assert lo is hi and lc and hc and lo.poly == (-5, 4, 4)
    point = [p for p in cs.pieces if p.kind == "point" and p.point is lo][0]
    assert point.verdict.hypotheses_met is True and "same coincidences" in point.how
    assert_agrees(cs, env, "s1", "a0", "a1", "scaling", (2, -1), {"compare": "is-optimal"})


@pytest.mark.slow
def test_satisfice_claim_sweep_counts_at_irrational_thresholds_match_the_rule_twin():
    """satisfice compares values with an absolute threshold: at an irrational breakpoint the claim
    sweep's counts come from the threshold-faithful surrogate (orbits/sweep_rules.py)."""
    from orbitproof.orbits.sweep_rules_reference import reference_rule_counts_at_root
    from test_sweep import LENGTHS

    reward, params = (0, 0, 1, 2, 3, 3), {"compare": "satisfice:t=1"}
    cs = claim_sweep("F7", LENGTHS, "s", "a", "b", reward, params)
    assert "holds" in cs.statuses() and "fails" in cs.statuses()
    prob = sweep_problem(LENGTHS, "s", "a", "b", reward, "satisfice:t=1")
    irrational = [(k, bp) for k, bp in enumerate(cs.breakpoints) if not bp.is_rational]
    assert len(irrational) >= 6
    for k, bp in irrational[:3] + irrational[-3:]:
        assert tuple(cs.pieces[2 * k + 1].verdict.counts) == reference_rule_counts_at_root(prob, bp)
    for i, piece in enumerate(cs.pieces[:12]):
        if piece.kind == "interval":
            for g in points_inside(piece, k=1, seed=i):
                assert same(verdict_at(LENGTHS, "s", "a", "b", "F7", reward, g, params), piece.verdict)
