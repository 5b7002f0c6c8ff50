"""Unit-block evidence (docs/certificates.md): structural orbit-count certificates whose size and
checking time depend on the block structure, not on the number of classes.  The verifier's count
is cross-checked against brute force over the orbit and against the counting engine; tampered
evidence is rejected."""

from __future__ import annotations

import copy
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbitproof import verify as V
from orbitproof.certificates.build import environment_json, orbit_count_certificate, unit_block_evidence
from orbitproof.core.errors import CertificateError
from orbitproof.core.semantics import Blackwell, Discounted, Gain
from orbitproof.mdp import resolve_environment
from orbitproof.mdp.options import option_set_union
from orbitproof.orbits import count_orbit


def _reseal(cert):
    cert = copy.deepcopy(cert)
    cert["instance_digest"] = V.instance_digest(cert["instance"])
    return cert


def _invalid(cert, match=None):
    with pytest.raises(V.Invalid, match=match):
        V.verify_certificate(cert)


def _terminal_cert(m, n, sem, r=None, evidence="units"):
    env = resolve_environment(f"terminal:m={m},n={n}")
    r = list(range(len(env.states))) if r is None else r
    A = option_set_union(env, "start", "die", sem)
    B = option_set_union(env, "start", "live", sem)
    res = count_orbit(A, B, r)
    cert = orbit_count_certificate(res, environment=env, state="start", a="die", b="live", semantics=sem,
                                   reward=r, evidence=evidence)
    return cert, res


# ----------------------------------------------------------------------------- option derivation
@pytest.mark.parametrize("name", ["candy", "fig1", "terminal:m=2,n=3", "invariance-cycle", "ye-olde"])
def test_lasso_options_equal_the_policy_options(name):
    env = V.Env(environment_json(resolve_environment(name)))
    sems = [{"kind": "gain"}, {"kind": "discounted", "gamma": Fraction(1, 2)},
            {"kind": "discounted", "gamma": Fraction(9, 10)}, {"kind": "blackwell"}]
    for sem in sems:
        for s in range(len(env.states)):
            for a in sorted(env.actions[s]):
                assert V._lasso_options(env, s, [a], sem, "w") == V._options(env, s, [a], sem, "w")


# ----------------------------------------------------------------------------- counts
@pytest.mark.parametrize("sem", [Gain(), Discounted("1/2"), Blackwell()], ids=["gain", "half", "blackwell"])
def test_unit_block_counts_equal_the_engine_on_terminal(sem):
    cert, res = _terminal_cert(2, 4, sem)
    assert cert["result"]["evidence"]["structure"] == "unit-blocks"
    assert "orbit-count" in V.verify_certificate(cert)
    assert tuple(cert["result"]["counts"].values()) == (res.b_gt_a, res.a_gt_b, res.tie, res.orbit_size)


@st.composite
def unit_sets(draw):
    """A, B over d ≤ 6 coordinates split into consecutive blocks; each option family is
    {Σ_β c_β e_{i_β} : i_β ∈ β} (every choice of positions), so each block's symmetric group fixes
    A and B.  The last block is used by B only (positive coefficient); coordinate 0 may instead
    carry the same constant in every option.  The reward has distinct values."""
    d = draw(st.integers(3, 6))
    cuts = sorted(draw(st.sets(st.integers(1, d - 1), max_size=3)))
    bounds = [0, *cuts, d]
    blocks = [list(range(bounds[t], bounds[t + 1])) for t in range(len(bounds) - 1)]
    const = draw(st.none() | st.integers(-2, 2)) if len(blocks) > 1 and len(blocks[0]) == 1 else None

    def family(coefs):
        opts = [[Fraction(0)] * d]
        for blk, c in zip(blocks, coefs):
            if c:
                opts = [o[:i] + [Fraction(c)] + o[i + 1:] for o in opts for i in blk]
        if const is not None:
            for o in opts:
                o[0] = Fraction(const)
        return {tuple(o) for o in opts}

    def side(last):
        S = set()
        for _ in range(draw(st.integers(1, 2))):
            coefs = [draw(st.integers(0, 3)) if len(b) > 1 else draw(st.integers(-2, 3)) for b in blocks[:-1]]
            S |= family(coefs + [last()])
        return S

    A = side(lambda: 0)
    B = side(lambda: draw(st.integers(1, 3)))
    r = draw(st.permutations(list(range(-3, d - 3))))
    return d, blocks, A, B, [Fraction(x) for x in r]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit_sets())
def test_unit_block_count_equals_brute_force(case):
    d, blocks, A, B, r = case
    coords = [f"x{i + 1}" for i in range(d)]
    opts = A | B
    needy = [b for b in blocks if any(o[i] != next(iter(opts))[i] for o in opts for i in b)]
    ev = {"structure": "unit-blocks",
          "blocks": [{"coordinates": [coords[i] for i in b], "extreme": "value" if len(b) == 1 else "max",
                      "size": len(b)} for b in needy]}
    sets = V.Sets(coords, frozenset((v,) for v in A), frozenset((v,) for v in B), None)
    brute = V._count(sets, "max", tuple(r), None, "w")
    assert V._unit_count(sets, tuple(r), ev, "w") == brute
    assert V._unit_count(sets, tuple(r), ev, "w", enumerate_maxima=True) == brute


# ----------------------------------------------------------------------------- mutations
@pytest.fixture(scope="module")
def cert():
    c, _ = _terminal_cert(2, 6, Discounted("1/2"))
    assert "unit-block" in V.verify_certificate(c)
    return c


def test_changed_count_is_rejected(cert):
    bad = copy.deepcopy(cert)
    bad["result"]["counts"]["b_gt_a"] += 1
    _invalid(bad, "claimed")


def test_wrong_block_is_rejected(cert):
    bad = copy.deepcopy(cert)
    blocks = bad["result"]["evidence"]["blocks"]
    big = max(blocks, key=lambda b: b["size"])
    single = next(b for b in blocks if b["size"] == 1)
    moved = big["coordinates"].pop()
    big["size"] -= 1
    single["coordinates"].append(moved)
    single["size"] += 1
    _invalid(bad)


def test_wrong_multiplicity_is_rejected(cert):
    bad = copy.deepcopy(cert)
    bad["result"]["evidence"]["blocks"][-1]["size"] += 1
    _invalid(bad, "size")


def test_reward_with_a_repeated_value_is_rejected(cert):
    bad = copy.deepcopy(cert)
    bad["instance"]["reward"][1] = bad["instance"]["reward"][0]
    _invalid(_reseal(bad), "different reward values")


@pytest.mark.parametrize("forge", ["structure", "extreme", "dropped", "constant", "merged"])
def test_forged_structure_is_rejected(cert, forge):
    bad = copy.deepcopy(cert)
    ev = bad["result"]["evidence"]
    if forge == "structure":
        ev["structure"] = "product-blocks"
    elif forge == "extreme":
        ev["blocks"][0]["extreme"] = "max" if ev["blocks"][0]["extreme"] == "value" else "value"
    elif forge == "dropped":
        ev["blocks"].pop()
    elif forge == "constant":
        ev["blocks"].insert(0, {"coordinates": ["start"], "extreme": "value", "size": 1})
    else:  # two blocks merged into one: the merged block is not unit-like or not symmetric
        a, b = ev["blocks"][-2], ev["blocks"][-1]
        names = bad["instance"]["input"]["environment"]["states"]
        merged = sorted(a["coordinates"] + b["coordinates"], key=names.index)
        ev["blocks"][-2:] = [{"coordinates": merged, "extreme": "max", "size": len(merged)}]
    _invalid(bad)


def test_unit_block_evidence_is_refused_for_ties_and_other_comparisons():
    env = resolve_environment("terminal:m=2,n=3")
    inp = {"environment": environment_json(env), "state": "start", "a": ["die"], "b": ["live"],
           "semantics": {"kind": "gain"}}
    with pytest.raises(CertificateError, match="different reward values"):
        unit_block_evidence(inp, [0, 0, 1, 2, 3, 4, 5, 6])
    with pytest.raises(CertificateError, match="max"):
        unit_block_evidence(inp, list(range(8)), "is-optimal")


def test_auto_evidence_falls_back_to_unit_blocks_when_classes_are_too_many():
    cert, _ = _terminal_cert(2, 51, Gain(), evidence="auto")
    assert cert["result"]["evidence"]["structure"] == "unit-blocks"
    assert len(V.canonical_dumps(cert)) < 1_000_000
    assert "unit-block" in V.verify_certificate(cert)


def test_unit_block_certificate_matches_the_packaged_schema(cert):
    import json
    from importlib.resources import files

    import jsonschema

    schema = json.loads(files("orbitproof").joinpath("data/certificate.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(cert)


def test_lasso_work_limit_is_enforced(cert, monkeypatch):
    monkeypatch.setitem(V.UNIT_LIMITS, "option_entries", 10)
    _invalid(cert, "option entries")
