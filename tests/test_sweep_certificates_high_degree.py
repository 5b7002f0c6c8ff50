"""gamma-sweep certificates with irrational breakpoints of degree ≥ 4: the stdlib verifier decides
signs at such a root exactly (gcd with the minimal polynomial, Sturm counts, bisection; no float,
no irreducibility assumption) and rejects mutations (docs/math.md §13.1, docs/sweep.md)."""

from __future__ import annotations

import copy
import json
from fractions import Fraction

import pytest

from orbitproof import verify
from orbitproof.certificates.sweep import sweep_certificate
from orbitproof.mdp import Environment
from orbitproof.orbits.sweep import gamma_sweep

# s -> a -> x -> y (stay) versus s -> b -> c -> d -> e -> c (a 3-cycle): quartic breakpoints
LENGTHS4 = Environment.from_dict({
    "name": "lengths4", "states": ["s", "a", "x", "y", "b", "c", "d", "e"],
    "actions": {"s": {"a": "a", "b": "b"}, "a": {"go": "x"}, "x": {"go": "y"}, "y": {"stay": "y"},
                "b": {"go": "c"}, "c": {"go": "d"}, "d": {"go": "e"}, "e": {"go": "c"}},
})
REWARD = (0, 0, 0, 1, 1, 1, 1, 1)


@pytest.fixture(scope="module")
def sweep4():
    return gamma_sweep(LENGTHS4, "s", "a", "b", REWARD)


@pytest.fixture(scope="module")
def cert4(sweep4):
    return sweep_certificate(sweep4)


def _check(cert):
    return verify.verify_certificate(json.loads(json.dumps(cert)))


def _reject(cert, match):
    with pytest.raises(verify.Invalid, match=match):
        _check(cert)


def _quartic(cert, changing: bool = True) -> int:
    """Index of a degree-4 breakpoint (one where the counts change, if asked)."""
    bps = cert["result"]["breakpoints"]
    counts = cert["result"]["counts"]
    for k, bp in enumerate(bps):
        if len(bp.get("minimal_polynomial", ())) == 5:
            if not changing or not (counts[2 * k] == counts[2 * k + 1] == counts[2 * k + 2]):
                return k
    raise AssertionError("no quartic breakpoint")


def test_the_tool_writes_quartic_breakpoints_and_the_verifier_accepts_them(sweep4, cert4):
    assert max(bp.degree for bp in sweep4.breakpoints) == 4
    assert "12 breakpoints (11 irrational)" in _check(cert4)


@pytest.mark.parametrize("compare", ["is-optimal", "frac-optimal"])
def test_choice_set_rules_with_quartic_breakpoints_are_accepted(compare):
    env = Environment.from_dict({
        "name": "lengths4c", "states": ["s", "a", "x", "y", "b", "c", "d", "e", "z"],
        "actions": {"s": {"a": "a", "b": "b", "z": "z"}, "a": {"go": "x"}, "x": {"go": "y"}, "y": {"stay": "y"},
                    "b": {"go": "c"}, "c": {"go": "d"}, "d": {"go": "e"}, "e": {"go": "c"}, "z": {"stay": "z"}},
    })
    sw = gamma_sweep(env, "s", "a", "b", REWARD + (0,), compare=compare)
    assert max(bp.degree for bp in sw.breakpoints) >= 4
    assert "gamma-sweep" in _check(sweep_certificate(sw))


def test_moved_quartic_breakpoint_is_rejected(cert4):
    k = _quartic(cert4)
    bad = copy.deepcopy(cert4)
    lo, hi = (Fraction(x) for x in bad["result"]["breakpoints"][k]["interval"])
    width = hi - lo
    bad["result"]["breakpoints"][k]["interval"] = [str(hi + width / 8), str(hi + width / 4)]
    _reject(bad, "isolate|sorted|breakpoint")


def test_changed_count_next_to_or_at_a_quartic_breakpoint_is_rejected(cert4):
    k = _quartic(cert4)
    for piece in (2 * k, 2 * k + 1, 2 * k + 2):
        bad = copy.deepcopy(cert4)
        c = bad["result"]["counts"][piece]
        c["b_gt_a"] += 1
        c["tie"] -= 1 if c["tie"] else 0
        c["a_gt_b"] -= 0 if c["tie"] or not c["a_gt_b"] else 1
        _reject(bad, rf"result.counts\[{piece}\]")


def test_dropped_quartic_breakpoint_is_rejected(cert4):
    k = _quartic(cert4)
    bad = copy.deepcopy(cert4)
    del bad["result"]["breakpoints"][k]
    del bad["result"]["counts"][2 * k + 1: 2 * k + 3]
    _reject(bad, "breakpoint is missing")


def test_wrong_minimal_polynomial_of_a_quartic_breakpoint_is_rejected(cert4):
    k = _quartic(cert4)
    good = [int(c) for c in cert4["result"]["breakpoints"][k]["minimal_polynomial"]]
    # another quartic: the interval no longer isolates one of its roots, or a root goes missing
    bad = copy.deepcopy(cert4)
    bad["result"]["breakpoints"][k]["minimal_polynomial"] = [str(good[0] - 1)] + [str(c) for c in good[1:]]
    _reject(bad, "isolate|breakpoint|counts")
    # a multiple with the right root (degree 5, not minimal): rejected as not minimal
    times = [0] * (len(good) + 1)
    for i, c in enumerate(good):  # m(x)·(x + 2): no new root in (0, 1)
        times[i] += 2 * c
        times[i + 1] += c
    bad = copy.deepcopy(cert4)
    bad["result"]["breakpoints"][k]["minimal_polynomial"] = [str(c) for c in times]
    _reject(bad, "not minimal")


def test_quartic_breakpoint_given_as_a_nearby_rational_is_rejected(cert4):
    k = _quartic(cert4)
    bad = copy.deepcopy(cert4)
    lo, hi = (Fraction(x) for x in bad["result"]["breakpoints"][k]["interval"])
    bad["result"]["breakpoints"][k] = {"value": str((lo + hi) / 2)}
    _reject(bad, "breakpoint|counts")


def test_exact_sign_at_a_root_needs_no_irreducibility():
    """x^4 − 3x + 1 has a root β ≈ 0.3376 in (1/3, 1/2); as (x^4 − 3x + 1)(x^2 − 2) the polynomial is
    reducible, and the signs at β are still decided exactly."""
    m = [Fraction(c) for c in (1, -3, 0, 0, 1)]
    red = [Fraction(c) for c in (-2, 6, 1, -3, -2, 0, 1)]  # (x^4 − 3x + 1)(x^2 − 2)
    for poly in (m, red):
        ctx = verify._GsRoot(poly, Fraction(1, 3), Fraction(1, 2), "test")
        assert ctx.sign([Fraction(c) for c in (1, -3, 0, 0, 1)]) == 0  # m itself vanishes at β
        assert ctx.sign([Fraction(-1, 3), Fraction(1)]) == 1  # β − 1/3 > 0
        assert ctx.sign([Fraction(-3376, 10000), Fraction(1)]) == 1  # β > 0.3376
        assert ctx.sign([Fraction(-3377, 10000), Fraction(1)]) == -1  # β < 0.3377
        assert ctx.sign([Fraction(-1, 3), Fraction(0), Fraction(1)]) == -1  # β² < 1/3
        assert ctx.sign([Fraction(-2), Fraction(0), Fraction(1)]) == -1  # β² − 2 < 0 (a factor of red, not 0)
