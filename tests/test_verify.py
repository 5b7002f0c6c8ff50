"""The independent verifier (orbitproof/verify.py): independence, exit codes, strict reading,
re-derivation of options from environments, recomputed counts, evidence and witness checks."""

from __future__ import annotations

import ast
import copy
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbitproof import verify as V
from orbitproof.certificates.build import (
    copies_certificate,
    counterexample_certificate,
    exhaustive_certificate,
    nd_certificate,
    orbit_count_certificate,
)
from orbitproof.mdp import Environment, nondominated, option_set, resolve_environment
from orbitproof.orbits import count_orbit
from orbitproof.core.semantics import Blackwell, Discounted, Gain
from strategies import block_sets, vector_sets

ROOT = Path(__file__).resolve().parents[1]
VERIFY = ROOT / "orbitproof" / "verify.py"


def _reseal(cert):
    cert = copy.deepcopy(cert)
    cert["instance_digest"] = V.instance_digest(cert["instance"])
    return cert


def _invalid(cert, match: str | None = None):
    with pytest.raises(V.Invalid, match=match):
        V.verify_certificate(cert)


def _candy(sem=Gain(), r=(0, 1, 2, 3, 4)):
    env = resolve_environment("candy")
    res = count_orbit(option_set(env, "start", "candy", sem), option_set(env, "start", "wait", sem), list(r))
    return orbit_count_certificate(res, environment=env, state="start", a="candy", b="wait", semantics=sem)


# ----------------------------------------------------------------------------- independence
def test_verifier_imports_only_the_standard_library():
    tree = ast.parse(VERIFY.read_text(encoding="utf-8"))
    modules = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "relative import in the verifier"
            modules.append(node.module)
    roots = {m.split(".")[0] for m in modules}
    assert roots <= set(sys.stdlib_module_names) | {"__future__"}, roots
    assert "orbitproof" not in roots


def test_verifier_runs_in_a_fresh_interpreter_without_orbitproof_on_the_path(tmp_path):
    cert = tmp_path / "c.json"
    cert.write_text(V.canonical_dumps(_candy()))
    lone = tmp_path / "lone_verify.py"
    lone.write_text(VERIFY.read_text(encoding="utf-8"))
    out = subprocess.run([sys.executable, "-I", str(lone), str(cert)], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "valid" in out.stdout


# ----------------------------------------------------------------------------- exit codes
def test_exit_codes_are_0_valid_1_invalid_2_unreadable(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(V.canonical_dumps(_candy()))
    bad = _candy()
    bad["result"]["counts"]["b_gt_a"] += 1
    badf = tmp_path / "bad.json"
    badf.write_text(json.dumps(bad))
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")

    def run(*files):
        return subprocess.run([sys.executable, "-m", "orbitproof.verify", *map(str, files)],
                              capture_output=True, text=True, cwd=ROOT)

    assert run(good).returncode == 0
    r = run(badf)
    assert r.returncode == 1 and "result.counts.b_gt_a: claimed 81, recomputed 80" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert run(broken).returncode == 2
    assert run(tmp_path / "missing.json").returncode == 2
    assert run(good, badf, broken).returncode == 2


def test_cli_verify_command_matches_the_module(tmp_path, capsys):
    from orbitproof.cli import main

    good = tmp_path / "good.json"
    good.write_text(V.canonical_dumps(_candy()))
    assert main(["verify", str(good)]) == 0
    bad = _candy()
    bad["result"]["counts"]["tie"] = 1
    badf = tmp_path / "bad.json"
    badf.write_text(json.dumps(bad))
    assert main(["verify", str(good), str(badf)]) == 1
    assert main(["verify", "--json", str(tmp_path / "nope.json")]) == 2
    assert '"status": "unreadable"' in capsys.readouterr().out


# ----------------------------------------------------------------------------- strict reading
def test_rejects_unknown_format_versions_and_kinds():
    cert = _candy()
    for fmt in ("orbitproof-certificate/2", "orbitproof-certificate/0", None, 1):
        c = dict(cert, format=fmt)
        _invalid(c, "format")
    _invalid(dict(cert, kind="orbit-counts"), "kind")


def test_rejects_floats_and_duplicate_keys_in_json(tmp_path):
    text = V.canonical_dumps(_candy()).replace('"b_gt_a": 80', '"b_gt_a": 80.0')
    f = tmp_path / "f.json"
    f.write_text(text)
    code, msg = V.verify_file(str(f))
    assert code == 1 and "floating-point" in msg
    f.write_text('{"format": "a", "format": "b"}')
    code, msg = V.verify_file(str(f))
    assert code == 1 and "duplicate key" in msg


@pytest.mark.parametrize("value", ["2/4", "+1", "1.5", " 1", "1/1", "-0", 1, None, ["1"]])
def test_rejects_non_canonical_or_mistyped_rationals(value):
    cert = _candy()
    cert["instance"]["reward"][4] = value
    _invalid(_reseal(cert), "instance.reward")


def test_rejects_mistyped_counts_and_unknown_keys():
    cert = _candy()
    for bad in ("80", 80.0, True, -1, None):
        c = copy.deepcopy(cert)
        c["result"]["counts"]["b_gt_a"] = bad
        _invalid(c, "b_gt_a")
    c = copy.deepcopy(cert)
    c["result"]["extra"] = 1
    _invalid(c, "unknown key")
    c = copy.deepcopy(cert)
    del c["result"]["counts"]["tie"]
    _invalid(c, "missing key")


def test_instance_digest_binds_the_instance():
    cert = _candy()
    cert["instance"]["reward"] = ["0", "1", "2", "3", "5"]  # same order pattern: same counts
    _invalid(cert, "instance_digest")
    V.verify_certificate(_reseal(cert))  # a true statement about the other reward


# ----------------------------------------------------------------------------- re-derivation
@st.composite
def environments(draw, stochastic: bool = True):
    n = draw(st.integers(2, 5))
    states = [f"s{i}" for i in range(n)]
    actions = {}
    for s in states:
        k = draw(st.integers(1, 2))
        row = {}
        for j in range(k):
            if stochastic and draw(st.booleans()):
                t1, t2 = draw(st.lists(st.sampled_from(states), min_size=2, max_size=2, unique=True))
                p = draw(st.sampled_from([Fraction(1, 2), Fraction(1, 3), Fraction(3, 4)]))
                row[f"a{j}"] = {t1: str(p), t2: str(1 - p)}
            else:
                row[f"a{j}"] = draw(st.sampled_from(states))
        actions[s] = row
    actions["s0"] = {"a0": actions["s0"]["a0"], "b0": draw(st.sampled_from(states))}
    return Environment.from_dict({"name": "rand", "states": states, "actions": actions})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(env=environments(), sem=st.sampled_from([Gain(), Discounted("1/2"), Discounted("9/10"), Discounted(0), Blackwell()]),
       data=st.data())
def test_recomputed_counts_match_orbitproof_on_random_environments(env, sem, data):
    d = len(env.states)
    r = data.draw(st.lists(st.sampled_from([0, 1, 2, Fraction(1, 2), -1]), min_size=d, max_size=d))
    A = option_set(env, "s0", "a0", sem)
    B = option_set(env, "s0", "b0", sem)
    res = count_orbit(A, B, r)
    cert = orbit_count_certificate(res, environment=env, state="s0", a="a0", b="b0", semantics=sem, reward=r)
    assert V.verify_certificate(cert).startswith("orbit-count")
    cert["result"]["counts"]["a_gt_b"] += 1
    _invalid(cert, "a_gt_b")


@settings(max_examples=30, deadline=None)
@given(env=environments(), sem=st.sampled_from([Gain(), Discounted("1/2"), Discounted("2/3")]))
def test_rederived_option_vectors_equal_orbitproofs(env, sem):
    s = env.index("s0")
    ours = V._options(V.Env(_env_data(env)), s, sorted(env.actions("s0")), sem.to_dict() | (
        {"gamma": sem.gamma} if isinstance(sem, Discounted) else {}), "test")
    theirs = option_set(env, "s0", None, sem)
    assert {o[0] for o in ours} == set(theirs.vectors)


def _env_data(env):
    data = env.to_dict()
    return {"states": data["states"], "actions": data["actions"]}


@settings(max_examples=40, deadline=None)
@given(case=vector_sets(max_d=5), compare=st.sampled_from(["max", "is-optimal", "frac-optimal"]))
def test_counts_of_vector_sets_match_count_orbit(case, compare):
    A, B, C, r = case
    res = count_orbit(A, B, r, C=C, compare=compare)
    cert = orbit_count_certificate(res, sets=(A, B, C), reward=r, compare=compare)
    V.verify_certificate(cert)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=block_sets(max_d=7), compare=st.sampled_from(["max", "is-optimal", "frac-optimal"]))
def test_class_evidence_gives_the_brute_force_counts(case, compare, monkeypatch_limit):
    A, B, C, r = case
    res = count_orbit(A, B, r, C=C, compare=compare)
    cert = orbit_count_certificate(res, sets=(A, B, C), reward=r, compare=compare, evidence="classes")
    V.verify_certificate(cert)
    ev = cert["result"]["evidence"]
    assert sum(c["weight"] for c in ev["classes"]) == res.orbit_size


@pytest.fixture
def monkeypatch_limit():
    old = V.LIMITS["brute_force_orbit"]
    V.LIMITS["brute_force_orbit"] = 0
    yield
    V.LIMITS["brute_force_orbit"] = old


def _terminal_cert():
    env = resolve_environment("terminal:m=2,n=5")
    A, B = option_set(env, "start", "die", Gain()), option_set(env, "start", "live", Gain())
    r = [0, 0, 0, 2, 1, 1, 0, 0, 0, 0]
    res = count_orbit(A, B, r)
    return orbit_count_certificate(res, environment=env, state="start", a="die", b="live", semantics=Gain(),
                                   reward=r, evidence="classes")


def test_tampered_class_evidence_is_rejected(monkeypatch_limit):
    cert = _terminal_cert()
    V.verify_certificate(cert)
    classes = cert["result"]["evidence"]["classes"]
    c = copy.deepcopy(cert)
    del c["result"]["evidence"]["classes"][0]
    _invalid(c, "weights sum")
    c = copy.deepcopy(cert)
    c["result"]["evidence"]["classes"][0]["weight"] += 1
    _invalid(c, "weight")
    c = copy.deepcopy(cert)
    c["result"]["evidence"]["classes"].append(copy.deepcopy(classes[0]))
    _invalid(c, "repeats")
    c = copy.deepcopy(cert)
    rep = next(cl["representative"] for cl in classes if cl["representative"][3] != cl["representative"][4])
    k = next(i for i, cl in enumerate(classes) if cl["representative"] == rep)
    rep = list(rep)
    rep[3], rep[4] = rep[4], rep[3]
    c["result"]["evidence"]["classes"][k]["representative"] = rep
    _invalid(c, "canonical")
    c = copy.deepcopy(cert)
    gens = c["result"]["evidence"]["generators"]
    gens[gens.index(["d1", "d2"])] = ["d1", "l1"]
    _invalid(c, "does not map")
    c = copy.deepcopy(cert)
    c["result"]["evidence"]["generators"].pop()
    _invalid(c)


def test_evidence_is_present_exactly_when_the_orbit_exceeds_the_brute_force_limit():
    cert = _candy()
    c = copy.deepcopy(cert)
    c["result"]["evidence"] = {"generators": [], "classes": []}
    _invalid(c, "carry no evidence")
    env = resolve_environment("terminal:m=2,n=51")
    r = [0] * 56
    r[3:6] = [2, 1, 1]
    res = count_orbit(option_set(env, "start", "die", Gain()), option_set(env, "start", "live", Gain()), r)
    cert = orbit_count_certificate(res, environment=env, state="start", a="die", b="live", semantics=Gain(), reward=r)
    V.verify_certificate(cert)
    del cert["result"]["evidence"]
    _invalid(cert, "must carry class evidence")


# ----------------------------------------------------------------------------- resource limits
def test_absurd_sizes_are_rejected_with_a_clear_message():
    cert = _candy()
    c = copy.deepcopy(cert)
    c["instance"]["reward"][0] = "1" + "0" * 1000
    _invalid(_reseal(c), "characters")
    n = 45
    states = [f"s{i}" for i in range(n)]
    env = {"states": states, "actions": {s: {"a": s, "b": states[(i + 1) % n]} for i, s in enumerate(states)}}
    big = {"format": V.FORMAT, "kind": "orbit-count",
           "instance": {"input": {"environment": env, "state": "s0", "a": ["a"], "b": ["b"],
                                  "semantics": {"kind": "gain"}},
                        "compare": "max", "reward": ["0"] * n},
           "result": {"counts": {"b_gt_a": 0, "a_gt_b": 0, "tie": 1, "orbit_size": 1}}}
    _invalid(_reseal(big), "policies")
    big["instance"]["input"]["semantics"] = {"kind": "blackwell"}
    _invalid(_reseal(big), "Blackwell needs at most")


# ----------------------------------------------------------------------------- other kinds
def test_copies_rejects_non_involutions_and_false_hypotheses():
    from orbitproof.symmetry import find_copies

    env = resolve_environment("candy")
    res = find_copies(env=env, state="start", a="candy", b="wait", semantics=Gain())
    cert = copies_certificate(res, environment=env, state="start", a="candy", b="wait", semantics=Gain())
    V.verify_certificate(cert)
    c = copy.deepcopy(cert)
    c["result"]["involutions"][0] = [["candy", "chocolate"], ["candy", "hug"]]
    _invalid(c, "not an involution")
    c = copy.deepcopy(cert)
    c["result"]["involutions"][0] = [["candy", "candy"]]
    _invalid(c, "not an involution")
    c = copy.deepcopy(cert)
    c["result"]["involutions"][1] = [["candy", "chocolate"]]
    _invalid(c, "same copy as an earlier involution")
    c = copy.deepcopy(cert)
    c["result"]["n"] = 3
    _invalid(c, "involution")
    c = copy.deepcopy(cert)
    c["result"]["hypotheses"]["c_invariant"] = False
    _invalid(c, "c_invariant")
    c = copy.deepcopy(cert)
    c["result"]["involutions"][0] = [["start", "wait"], ["candy", "chocolate"]]
    _invalid(c, "idle")


def test_copies_of_vector_sets_with_and_without_a_choice_set():
    A = [[1, 0, 0, 0, 0]]
    B = [[0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0]]
    invs = [[["x1", "x2"]], [["x1", "x3"]], [["x1", "x4"]]]
    hyps = {"disjoint_images": True, "nd_copies": True}
    cert = copies_certificate(invs, sets=(A, B), hypotheses=hyps)
    assert cert["result"]["hypotheses"]["c_invariant"] is None
    V.verify_certificate(cert)
    C = A + B + [[0, 0, 0, 0, 1]]
    cert = copies_certificate(invs, sets=(A, B, C), hypotheses=dict(hyps, c_invariant=True, orthogonal=True,
                                                                     z_condition=True))
    V.verify_certificate(cert)


def test_nd_witnesses_are_checked():
    env = resolve_environment("fig1")
    X = option_set(env, "star", None, Gain())
    cert = nd_certificate(nondominated(list(X.vectors)), environment=env, state="star", semantics=Gain())
    V.verify_certificate(cert)
    entries = cert["result"]["entries"]
    dom = next(i for i, e in enumerate(entries) if not e["nondominated"])
    c = copy.deepcopy(cert)
    c["result"]["entries"][dom]["convex_weights"][0][1] = "1/3"
    _invalid(c, "convex_weights")
    c = copy.deepcopy(cert)
    nd = next(i for i, e in enumerate(entries) if e["nondominated"])
    c["result"]["entries"][nd]["witness_reward"] = ["0"] * 8
    _invalid(c, "witness_reward")
    c = copy.deepcopy(cert)
    del c["result"]["entries"][0]
    _invalid(c, "not listed")
    c = copy.deepcopy(cert)
    c["result"]["entries"][dom] = {"vector": entries[dom]["vector"], "nondominated": True,
                                   "witness_reward": ["0"] * 8}
    _invalid(c)


def test_counterexamples_must_violate_the_claim():
    env = resolve_environment("candy")
    half = Discounted("1/2")
    res = count_orbit(option_set(env, "start", "candy", half), option_set(env, "start", "wait", half), [0, 1, 2, 3, 4])
    cert = counterexample_certificate(("scaling", 2), res, environment=env, state="start", a="candy", b="wait",
                                      semantics=half, reward=[0, 1, 2, 3, 4])
    V.verify_certificate(cert)
    c = copy.deepcopy(cert)
    c["instance"]["claim"]["n"] = "1"
    _invalid(_reseal(c), "not a counterexample")
    c = copy.deepcopy(cert)
    c["instance"]["claim"]["name"] = "strict"
    _invalid(_reseal(c), "unknown claim")


def test_exhaustive_results_are_regenerated():
    env = resolve_environment("candy")
    cert = exhaustive_certificate(("weak-fraction", 2), [0, 1], environment=env, state="start", a="candy",
                                  b="wait", semantics=Gain())
    assert cert["result"]["instances"] == 6
    V.verify_certificate(cert)
    c = copy.deepcopy(cert)
    c["result"]["results_digest"] = "sha256:" + "0" * 64
    _invalid(c, "results_digest")
    c = copy.deepcopy(cert)
    c["instance"]["claim"]["n"] = "10"
    _invalid(_reseal(c), "fails on reward")


# ----------------------------------------------------------------------------- robustness
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["0", "1", "1/2", "x", "gain", "A", "start"]),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(
        st.sampled_from(["format", "kind", "instance", "result", "counts", "input", "a", "b", "sets", "A", "B"]),
        kids, max_size=3),
    max_leaves=12)


def _paths(x, path=()):
    yield path
    if isinstance(x, dict):
        for k, v in x.items():
            yield from _paths(v, path + (k,))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from _paths(v, path + (i,))


@settings(max_examples=150, deadline=None)
@given(junk=_json, data=st.data())
def test_arbitrary_json_is_rejected_cleanly_never_crashes(junk, data):
    cert = _candy(r=(1, 0, 0, 0, 0))
    paths = [p for p in _paths(cert) if p]
    path = data.draw(st.sampled_from(paths))
    node = cert
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = junk
    if data.draw(st.booleans()) and isinstance(cert.get("instance"), dict):
        cert["instance_digest"] = V.instance_digest(cert["instance"])
    try:
        V.verify_certificate(cert)
    except V.Invalid:
        pass
    with pytest.raises(V.Invalid):
        V.verify_certificate(junk)


@pytest.mark.parametrize("name,n,counts,holds", [
    ("scaling", Fraction(2), (80, 40, 0, 120), True), ("scaling", Fraction(2), (62, 42, 16, 120), False),
    ("weak-fraction", Fraction(2), (2, 1, 2, 5), True), ("weak-fraction", Fraction(2), (62, 42, 16, 120), False),
    ("strict-fraction", Fraction(2), (80, 40, 0, 120), True), ("strict-fraction", Fraction(2), (2, 1, 2, 5), False),
    ("scaling", Fraction(5, 2), (5, 2, 0, 7), True), ("scaling", Fraction(5, 2), (4, 2, 0, 6), False),
])
def test_claim_inequalities_are_the_documented_ones(name, n, counts, holds):
    assert V.claim_holds(name, n, counts) is holds


def test_strict_fraction_counterexample_verifies():
    cert = counterexample_certificate(("strict-fraction", 2), (2, 1, 2, 5), environment="candy", state="start",
                                      a="candy", b="wait", semantics="gain", reward=[1, 0, 0, 0, 0])
    assert "strict-fraction" in V.verify_certificate(cert)


def test_copies_of_nd_of_a_skip_dominated_vectors():
    half = Fraction(1, 2)
    A = [[1, 0, 0, 0], [0, 1, 0, 0], [half, half, 0, 0]]
    B = [[0, 0, 1, 0], [0, 0, 0, 1]]
    invs = [[["x1", "x3"], ["x2", "x4"]]]
    hyps = {"disjoint_images": True, "nd_copies": True}
    cert = copies_certificate(invs, sets=(A, B), copy_of="ND(A)", hypotheses=hyps)
    assert "ND(A)" in V.verify_certificate(cert)
    plain = copies_certificate(invs, sets=(A, B), copy_of="A", hypotheses=hyps)
    _invalid(plain, "not contained in B")


def test_long_chains_hit_the_work_limit_not_a_hang():
    n = 400
    states = [f"s{i}" for i in range(n)]
    env = {"states": states,
           "actions": {s: {"a": states[min(i + 1, n - 1)], "b": s} if i < 3 else {"a": states[min(i + 1, n - 1)]}
                       for i, s in enumerate(states)}}
    cert = {"format": V.FORMAT, "kind": "orbit-count",
            "instance": {"input": {"environment": env, "state": "s0", "a": ["a"], "b": ["b"],
                                   "semantics": {"kind": "discounted", "gamma": "1/2"}},
                         "compare": "max", "reward": ["0"] * n},
            "result": {"counts": {"b_gt_a": 0, "a_gt_b": 0, "tie": 1, "orbit_size": 1}}}
    _invalid(_reseal(cert), "work limit")
