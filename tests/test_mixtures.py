"""Orbit counts of finite mixtures of point masses (orbitproof.orbits.mixtures) and their
certificates: the fast engine equals the definition, the verifier recomputes the same counts, the
finite families are what they claim to be, and tampered mixture certificates are rejected."""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from itertools import permutations, product
from math import comb

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbitproof import verify as V
from orbitproof.certificates.build import counterexample_certificate, exhaustive_certificate, orbit_count_certificate
from orbitproof.claims import check_family, instance_from_sets, parse_family
from orbitproof.certificates import exhaustive_certificate_for
from orbitproof.cli import main as cli_main
from orbitproof.core.errors import FormatError, OptionSetError, OrbitproofError, TooLargeError
from orbitproof.orbits import count_orbit
from orbitproof.orbits.mixtures import count_mixture, face_weights, mixture_family, parse_mixture
from orbitproof.core.semantics import Blackwell
from orbitproof.mdp import option_set, resolve_environment
from strategies import rewards, vector_sets

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
COMPARES = ["max", "is-optimal", "frac-optimal"]


def _units(d: int, idx) -> list[list[int]]:
    return [[int(i == j) for i in range(d)] for j in idx]


def _sets(A, B, C=None) -> dict:
    d = len(A[0])
    out = {"coordinates": [f"x{i + 1}" for i in range(d)], "A": A, "B": B}
    if C is not None:
        out["C"] = C
    return out


@st.composite
def mixtures(draw, d: int, max_k: int = 3):
    rs = draw(st.lists(rewards(d), min_size=1, max_size=max_k, unique=True))
    ws = draw(st.lists(st.integers(1, 4), min_size=len(rs), max_size=len(rs)))
    return tuple((Fraction(w, sum(ws)), tuple(Fraction(x) for x in r)) for w, r in zip(ws, rs))


def _definition(A, B, C, mix, compare):
    """My own definition-level count: distinct φ·D, f(X|D) = Σ w g(X|r)."""
    d = len(mix[0][1])
    C = C if C is not None else [list(v) for v in {tuple(v) for v in A + B}]

    def val(v, r):
        return sum(Fraction(a) * b for a, b in zip(v, r))

    def g(X, r):
        if compare == "max":
            return max(val(v, r) for v in X)
        top = max(val(v, r) for v in C)
        if compare == "is-optimal":
            return Fraction(int(max(val(v, r) for v in X) >= top))
        best = {tuple(v) for v in C if val(v, r) == top}
        return Fraction(len(best & {tuple(v) for v in X}), len(best))

    seen = set()
    for p in permutations(range(d)):
        seen.add(frozenset((tuple(r[p.index(j)] for j in range(d)), w) for w, r in mix))
    b = a = t = 0
    for D in seen:
        fb = sum(w * g(B, r) for r, w in D)
        fa = sum(w * g(A, r) for r, w in D)
        b, a, t = b + (fb > fa), a + (fb < fa), t + (fb == fa)
    return (b, a, t, len(seen))


# ----------------------------------------------------------------------------- counting
@FAST
@given(st.integers(1, 5).flatmap(lambda d: st.tuples(vector_sets(min_d=d, max_d=d, with_c=True), mixtures(d))),
       st.sampled_from(COMPARES))
def test_exact_engine_equals_reference_engine_and_the_definition(data, compare):
    (A, B, C, _), mix = data
    C = None if compare == "max" else A + B + (C or [])
    got = count_mixture(A, B, mix, C=C, compare=compare)
    assert got == count_mixture(A, B, mix, C=C, compare=compare, engine="reference")
    assert got == _definition(A, B, C, mix, compare)


@FAST
@given(vector_sets(min_d=1, max_d=5, with_c=True), st.sampled_from(COMPARES))
def test_a_point_mass_counts_like_its_reward_vector(case, compare):
    A, B, C, r = case
    C = None if compare == "max" else A + B + (C or [])
    mix = ((Fraction(1), tuple(Fraction(x) for x in r)),)
    assert count_mixture(A, B, mix, C=C, compare=compare) == count_orbit(A, B, list(r), C=C, compare=compare).counts


@FAST
@given(st.integers(1, 5).flatmap(lambda d: st.tuples(vector_sets(min_d=d, max_d=d, with_c=True), mixtures(d))),
       st.sampled_from(COMPARES))
def test_the_verifier_recomputes_the_same_mixture_counts(data, compare):
    (A, B, C, _), mix = data
    C = None if compare == "max" else A + B + (C or [])
    counts = count_mixture(A, B, mix, C=C, compare=compare)
    sets = _sets(A, B, C)
    cert = orbit_count_certificate(counts, sets=sets, compare=compare, mixture=mix)
    assert V.verify_certificate(cert).endswith(str(counts))
    wrong = copy.deepcopy(cert)
    wrong["result"]["counts"]["tie"] += 1
    with pytest.raises(V.Invalid, match="tie"):
        V.verify_certificate(wrong)


def test_orbit_elements_are_distinct_distributions():
    # ½δ_{e_i} + ½δ_{e_j}: one orbit element per unordered pair {i, j}
    A, B = _units(4, [0]), _units(4, [1, 2, 3])
    mix = "1/2:1,0,0,0;1/2:0,1,0,0"
    b, a, t, size = count_mixture(A, B, mix, compare="is-optimal")
    assert size == comb(4, 2)
    # f(B) > f(A) iff both units land in B (3 pairs); f(A) > f(B) never; ties for the 3 split pairs
    assert (b, a, t) == (3, 0, 3)
    # unequal weights: ordered pairs
    assert count_mixture(A, B, "2/3:1,0,0,0;1/3:0,1,0,0", compare="is-optimal")[3] == 12


def test_repeated_rewards_merge_and_bad_mixtures_are_refused():
    assert parse_mixture("1/4:1,0;1/4:1,0;1/2:0,1") == parse_mixture("1/2:1,0;1/2:0,1")
    for text, msg in [("1/2:1,0;1/3:0,1", "sum to 5/6"), ("0:1,0;1:0,1", "positive"), ("1,0", "WEIGHT:REWARD"),
                      ("1/2:1,0;1/2:0,1,1", "entries"), ("", "at least one")]:
        with pytest.raises(FormatError, match=msg):
            parse_mixture(text)
    with pytest.raises(OrbitproofError, match="float"):
        count_mixture([[1, 0]], [[0, 1]], [(0.5, [1, 0]), (Fraction(1, 2), [0, 1])])
    env = resolve_environment("candy")
    A, B = (option_set(env, "start", x, Blackwell()) for x in ("candy", "wait"))
    with pytest.raises(OptionSetError, match="Blackwell"):
        count_mixture(A, B, [(1, [1, 0, 0, 0, 0])])
    with pytest.raises(TooLargeError, match="permutations"):
        count_mixture(_units(9, [0]), _units(9, [1]), [(1, [0] * 9)])


# ----------------------------------------------------------------------------- families
def test_face_weights_meet_every_face_of_the_arrangement():
    assert [len(face_weights(k)) for k in (1, 2, 3)] == [1, 2, 8]
    for k in (2, 3):
        eps = list(product((-1, 0, 1), repeat=k))

        def sig(w):
            return tuple((s > 0) - (s < 0) for s in (sum(e * x for e, x in zip(ev, w)) for ev in eps))

        mine = {sig(w) for w in face_weights(k)}
        # a finer grid (denominator 360) finds no face the 1/72 grid missed
        N = 360
        finer = {sig(w) for w in product(range(1, N), repeat=k)
                 if sum(w) == N and all(w[i] >= w[i + 1] for i in range(k - 1))}
        assert finer == mine
        for w in face_weights(k):
            assert sum(w) == 1 and all(w[i] >= w[i + 1] > 0 for i in range(k - 1))


@pytest.mark.parametrize("values,weights,d", [
    ([0, 1], [[1], ["1/2", "1/2"], ["2/3", "1/3"]], 3),
    ([0, 1, 2], [["1/2", "1/4", "1/4"], ["1/3", "1/3", "1/3"]], 2),
    ([-1, "1/2"], [["3/8", "3/8", "1/4"]], 3),
])
def test_mixture_family_is_the_verifiers_family(values, weights, d):
    mine = [tuple((w, r) for w, r in m) for m in mixture_family(values, weights, d)]
    fam = {"kind": "mixtures", "values": [str(Fraction(v)) for v in values],
           "weights": [[str(Fraction(x)) for x in w] for w in weights]}
    theirs = [tuple(zip(ws, rs)) for ws, rs in V._mixture_family(fam, d, "family")]
    assert mine == theirs


@pytest.mark.parametrize("d", [2, 3])
def test_mixture_family_meets_every_orbit_of_its_mixtures(d):
    """Every mixture of k different 0/1 rewards with the given weights has an orbit element in the family."""
    ws = [(Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1),)]
    fam = {frozenset(m) for m in mixture_family([0, 1], ws, d)}
    vecs = [tuple(Fraction(x) for x in v) for v in product([0, 1], repeat=d)]
    for w in ws:
        for rs in permutations(vecs, len(w)):
            D = list(zip(w, rs))
            orbit = {frozenset((wk, tuple(r[p[j]] for j in range(d))) for wk, r in D) for p in permutations(range(d))}
            assert orbit & fam, D


def _normalised(A, B, mix):
    b, a, t, size = count_mixture(A, B, mix, compare="is-optimal")
    return Fraction(b, size), Fraction(a, size)


@pytest.fixture(scope="module")
def unit_family_ratios():
    """Unit instance (d = 4: A = {e1}, B = {e2, e3}, C adds e4) and every normalised (b, a) of mixfaces:3."""
    A, B = _units(4, [0]), _units(4, [1, 2])
    C = _units(4, [0, 1, 2, 3])
    got = set()
    for m in parse_family("mixfaces:3").rewards(4):
        b, a, t, size = count_mixture(A, B, m, C=C, compare="is-optimal")
        got.add((Fraction(b, size), Fraction(a, size)))
    return A, B, C, got


@settings(max_examples=80, deadline=None)
@given(mixtures(4))
def test_mixfaces_is_complete_for_mixtures_of_up_to_three_point_masses(unit_family_ratios, mix):
    """On a unit instance with is-optimal, any mixture of ≤ 3 point masses (rational rewards and
    weights) has the same per-permutation outcome profile as some member of mixfaces:3, so its
    normalised counts are among the family's (hence the family decides the ratio claim)."""
    A, B, C, got = unit_family_ratios
    b, a, t, size = count_mixture(A, B, mix, C=C, compare="is-optimal")
    assert (Fraction(b, size), Fraction(a, size)) in got


def test_completeness_is_reported_only_where_the_argument_applies():
    unit = instance_from_sets(_units(5, [0, 1]), _units(5, [2, 3, 4]))
    fam = parse_family("mixfaces:2")
    assert fam.complete_mixtures(unit, "is-optimal")[0]
    assert not fam.complete_mixtures(unit, "frac-optimal")[0]
    partial = instance_from_sets(_units(5, [0, 1]), _units(5, [2, 3]))  # coordinate x5 carries no option
    assert not fam.complete_mixtures(partial, "is-optimal")[0]
    general = instance_from_sets([[1, 1, 0]], [[0, 1, 0], [0, 0, 1]])
    assert not fam.complete_mixtures(general, "is-optimal")[0]
    with pytest.raises(FormatError, match="K ≤ 3"):
        parse_family("mixfaces:4")


# ----------------------------------------------------------------------------- certificates
def test_f2_family_check_writes_an_exhaustive_certificate_the_verifier_accepts():
    inst = instance_from_sets(_units(5, [0, 1]), _units(5, [2, 3, 4]))
    fv = check_family("F2", inst, "mixfaces:2", stop=False)
    assert fv.status == "holds" and fv.checked == 321
    cert, how = exhaustive_certificate_for(fv, inst)
    assert cert["instance"]["family"]["kind"] == "mixtures"
    assert V.verify_certificate(cert) == ("exhaustive: scaling (n = 3/2) holds on all 321 mixtures; "
                                          "hypotheses re-checked: unit case m = 2, n = 3")


def _small_exhaustive():
    sets = _sets(_units(3, [0]), _units(3, [1, 2]), _units(3, [0, 1, 2]))
    return exhaustive_certificate(("scaling", 2), [0, 1], sets=sets, compare="is-optimal",
                                  weights=[[1], ["1/2", "1/2"], ["2/3", "1/3"]])


def _reseal(cert):
    cert = copy.deepcopy(cert)
    cert["instance_digest"] = V.instance_digest(cert["instance"])
    return cert


def test_tampered_mixture_families_are_rejected():
    cert = _small_exhaustive()
    V.verify_certificate(cert)
    fam = cert["instance"]["family"]
    cases = [
        (lambda f: f["weights"].__setitem__(1, ["1/3", "2/3"]), "non-increasing"),
        (lambda f: f["weights"].__setitem__(1, ["1/2", "1/3"]), "sum to 5/6"),
        (lambda f: f["weights"].__setitem__(1, ["1", "0"]), "positive"),
        (lambda f: f["weights"].append(["1"]), "repeats"),
        (lambda f: f["values"].reverse(), "ascending"),
        (lambda f: f.__setitem__("values", ["0", "1", "2"]), "family has|results_digest"),
        (lambda f: f.pop("weights"), "missing key"),
        (lambda f: f.__setitem__("kind", "mixture"), "unknown family"),
    ]
    for mutate, msg in cases:
        c = copy.deepcopy(cert)
        mutate(c["instance"]["family"])
        with pytest.raises(V.Invalid, match=msg):
            V.verify_certificate(_reseal(c))
    c = copy.deepcopy(cert)
    c["instance"]["claim"]["n"] = "3"
    with pytest.raises(V.Invalid, match="the claim fails on the mixture"):
        V.verify_certificate(_reseal(c))
    c = copy.deepcopy(cert)
    c["result"]["instances"] += 1
    with pytest.raises(V.Invalid, match="instances"):
        V.verify_certificate(c)
    assert fam["kind"] == "mixtures"


def test_tampered_mixture_counts_are_rejected():
    A, B = _units(3, [0]), _units(3, [1, 2])
    mix = [(Fraction(1, 2), (1, 0, 0)), (Fraction(1, 2), (0, 1, 1))]
    counts = count_mixture(A, B, mix, compare="max")
    cert = orbit_count_certificate(counts, sets=_sets(A, B), compare="max", mixture=mix)
    V.verify_certificate(cert)
    inst = cert["instance"]
    cases = [
        (lambda i: i["mixture"][0].__setitem__("weight", "1/3"), "sum to 5/6"),
        (lambda i: i["mixture"][0].__setitem__("weight", "-1/2"), "positive"),
        (lambda i: i["mixture"][1].__setitem__("reward", ["1", "0", "0"]), "listed twice"),
        (lambda i: i["mixture"][1].__setitem__("reward", ["0", "1"]), "entries"),
        (lambda i: i.__setitem__("reward", ["1", "0", "0"]), "exactly one of"),
        (lambda i: i.pop("mixture"), "exactly one of"),
        (lambda i: i["mixture"][0].__setitem__("extra", "1"), "unknown key"),
        (lambda i: i.__setitem__("mixture", []), "non-empty"),
        (lambda i: i["mixture"][1]["reward"].__setitem__(0, "1"), "claimed|listed twice"),
    ]
    for mutate, msg in cases:
        c = copy.deepcopy(cert)
        mutate(c["instance"])
        with pytest.raises(V.Invalid, match=msg):
            V.verify_certificate(_reseal(c))
    c = copy.deepcopy(cert)
    c["result"]["evidence"] = {"classes": [], "generators": []}
    with pytest.raises(V.Invalid, match="no evidence"):
        V.verify_certificate(c)
    assert inst["mixture"][0]["weight"] == "1/2"


def test_mixture_counterexample_certificates_must_violate_the_claim():
    # the reversed direction (F9-like): A = 2 units, B = 1 unit; ratio 1/2 claimed
    A, B = _units(3, [0, 1]), _units(3, [2])
    mix = [(Fraction(1, 2), (1, 0, 0)), (Fraction(1, 2), (0, 0, 0))]
    counts = count_mixture(A, B, mix, compare="max")
    assert counts == (1, 2, 0, 3)
    cert = counterexample_certificate(("scaling", 1), counts, sets=_sets(A, B), compare="max", mixture=mix)
    assert "counterexample to scaling" in V.verify_certificate(cert)
    c = copy.deepcopy(cert)
    c["instance"]["claim"]["n"] = "1/2"
    with pytest.raises(V.Invalid, match="not a counterexample"):
        V.verify_certificate(_reseal(c))


def test_mixtures_with_blackwell_layers_are_refused_by_the_verifier():
    env = resolve_environment("candy")
    cert = orbit_count_certificate((0, 0, 1, 1), environment=env, state="start", a="candy", b="wait",
                                   semantics=Blackwell(), mixture=[(1, [0, 0, 0, 0, 0])])
    with pytest.raises(V.Invalid, match="Blackwell layers"):
        V.verify_certificate(cert)


# ----------------------------------------------------------------------------- CLI
def test_cli_check_takes_a_mixture_and_certifies_a_family(tmp_path, capsys):
    sets = tmp_path / "u.toml"
    sets.write_text('coordinates = ["a1", "a2", "b1", "b2", "b3"]\nA = [[1,0,0,0,0],[0,1,0,0,0]]\n'
                    'B = [[0,0,1,0,0],[0,0,0,1,0],[0,0,0,0,1]]\n')
    assert cli_main(["check", "F2", "--sets", str(sets), "--mixture", "1/2:0,0,1,1,0;1/2:a1=1"]) == 0
    out = capsys.readouterr().out
    assert "D = 1/2·δ(0, 0, 1, 1, 0) + 1/2·δ(1, 0, 0, 0, 0): B>A 15, A>B 6, tie 9, |orbit| 30" in out
    cert = tmp_path / "f2.json"
    assert cli_main(["check", "F2", "--sets", str(sets), "--family", "mixfaces:1", "--certificate", str(cert)]) == 0
    assert V.verify_file(str(cert))[0] == 0
    assert json.loads(cert.read_text())["instance"]["family"]["weights"] == [["1"]]
    assert cli_main(["check", "F2", "--sets", str(sets), "--mixture", "1/2:1,0,0,0,0;1/3:0,1,0,0,0"]) != 0
    assert "sum to 5/6" in capsys.readouterr().err


def test_oversized_mixture_families_are_refused_before_any_work():
    from orbitproof.certificates.build import _wrap

    def cert(values, weights, d=2):
        inst = {"input": {"sets": {"coordinates": [f"x{i}" for i in range(d)], "A": [["1"] + ["0"] * (d - 1)],
                                   "B": [["0"] * (d - 1) + ["1"]]}},
                "compare": "max", "claim": {"name": "scaling", "n": "1"},
                "family": {"kind": "mixtures", "values": values, "weights": weights}}
        return _wrap("exhaustive", inst, {"instances": 1, "results_digest": "sha256:" + "0" * 64}, None)

    cases = [
        (cert([str(v) for v in range(40)], [["1"]], d=8), "reward vectors exceed the limit"),
        (cert(["0", "1"], [["1/17"] * 17]), "exceed the limit"),
        (cert(["0", "1"], [["1/3", "1/3", "1/3"]], d=1), "only 2 different rewards"),
    ]
    for c, msg in cases:
        with pytest.raises(V.Invalid, match=msg):
            V.verify_certificate(c)
