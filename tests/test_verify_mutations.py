"""Mutation testing of the verifier on the committed certificates.

Every single-field mutation of tests/certificate_mutations.py (each count ±1, each rational +1,
names altered, keys removed, types changed, booleans flipped) must be rejected -- unless the
mutated certificate is itself a *true* certificate, which an independent oracle confirms (built on
orbitproof's counting, not on the verifier; copies are judged by the stdlib twin of tests/twins.py).  That only happens for free witnesses: another reward
that also separates a non-dominated vector, or another involution family that is also a valid set of
copies.  The kill rate over mutations that make a certificate false must be 100 %.

Two modes: *bound* (the instance digest is left stale, so instance mutations are caught by the
digest) and *resealed* (the digest is recomputed after mutating the instance, so the verifier's
semantic checks must catch them -- or the mutated instance must be a true statement, checked by
recomputing the counts with orbitproof).
"""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path

import pytest

import twins
from certificate_mutations import mutations
from orbitproof import verify as V

CERTS = Path(__file__).resolve().parents[1] / "certificates"
FAST = [
    "candy-blackwell-r10000", "candy-gain-r01234", "candy-gain-r10000", "candy-gamma-1_2-r01234",
    "candy-gamma-1_2-r10000", "candy-gain-r01234-is-optimal", "copies-candy-gain",
    "copies-fig1-gain-right-vs-left", "counterexample-candy-gamma-1_2-scaling-2",
    "counterexample-candy-gamma-1_2-weak-fraction-2", "exhaustive-candy-gain-scaling-2-values-012",
    "fig1-gain-right-vs-up-l_down-1", "nd-candy-gamma-1_2-start", "nd-fig1-gain-star",
    "terminal-2-51-gain-one-1", "sets-p22-ghost-apple-cherry-max", "sets-p22-ghost-apple-cherry-is-optimal",
    "mixture-candy-gain-is-optimal", "mixture-candy-gamma-1_2-is-optimal",
    "counterexample-candy-gamma-1_2-mixture-scaling-2", "exhaustive-candy-gain-scaling-2-mixtures",
]
SLOW = ["copies-terminal-2-51-gain", "fig1-gain-right-vs-left-r01234567", "terminal-2-51-gain-2-1-1",
        "terminal-2-51-gain-1-2-3-4-5"]


def _load(name: str) -> dict:
    return json.loads((CERTS / f"{name}.json").read_text())


def _option_sets(inp: dict):
    from orbitproof.certificates.build import _option_sets

    return _option_sets(inp)


def oracle_true(cert: dict) -> bool:
    """Is the (mutated) certificate a true statement?  Decided with orbitproof, not the verifier."""
    kind = cert.get("kind")
    try:
        inst, res = cert["instance"], cert["result"]
        if cert.get("format") != V.FORMAT or cert.get("instance_digest") != V.instance_digest(inst):
            return False
        if kind == "nd":
            from orbitproof.mdp import Environment, option_set
            from orbitproof.core.semantics import parse_semantics

            inp = inst["input"]
            env = Environment.from_dict(inp["environment"])
            X = set()
            for a in inp["actions"]:
                X |= set(option_set(env, inp["state"], a, parse_semantics(inp["semantics"])).vectors)
            vecs = [tuple(Fraction(x) for x in e["vector"]) for e in res["entries"]]
            if set(vecs) != X or len(vecs) != len(X):
                return False
            for k, e in enumerate(res["entries"]):
                if e["nondominated"]:
                    r = [Fraction(x) for x in e["witness_reward"]]
                    v = sum(a * b for a, b in zip(vecs[k], r))
                    if not all(v > sum(a * b for a, b in zip(y, r)) for j, y in enumerate(vecs) if j != k):
                        return False
            return True
        if kind == "copies":
            # judged by the stdlib twin of tests/twins.py, never by the package's copies checker
            A, B, C = _option_sets(inst["input"])
            index = {c: k for k, c in enumerate(A.coordinates)}
            if not isinstance(res["involutions"], list) or not all(
                    isinstance(inv, list) and all(isinstance(p, list) and len(p) == 2 and all(
                        isinstance(c, str) and c in index for c in p) for p in inv) for inv in res["involutions"]):
                return False
            invs = [[[index[c] for c in p] for p in inv] for inv in res["involutions"]]
            cond = twins.copies_conditions([o[0] for o in A.options], [o[0] for o in B.options], invs,
                                           C=[o[0] for o in C.options], nd_of_a=inst["copy_of"] == "ND(A)")
            if not (cond["involution"] and cond["into"] and cond["distinct"] and cond["fixes"]):
                return False
            if set(res["hypotheses"]) != set(V.HYPOTHESES) or res["n"] != len(invs) or isinstance(res["n"], bool):
                return False
            return all(v is cond[h] for h, v in res["hypotheses"].items())
        if kind == "exhaustive":
            from orbitproof.certificates.build import exhaustive_certificate

            inp = inst["input"]
            fresh = exhaustive_certificate(
                (inst["claim"]["name"], inst["claim"]["n"]), inst["family"]["values"],
                environment=inp["environment"], state=inp["state"], a=inp["a"], b=inp["b"],
                semantics=inp["semantics"], compare=inst["compare"], weights=inst["family"].get("weights"))
            return fresh["instance"] == inst and fresh["result"] == res
        if kind in ("orbit-count", "counterexample"):
            from orbitproof.orbits import count_orbit

            A, B, C = _option_sets(inst["input"])
            if "mixture" in inst:
                from orbitproof.orbits.mixtures import count_mixture

                if "reward" in inst or "evidence" in res or len({tuple(c["reward"]) for c in inst["mixture"]}) != len(
                        inst["mixture"]):
                    return False
                mix = [(Fraction(c["weight"]), [Fraction(x) for x in c["reward"]]) for c in inst["mixture"]]
                got = count_mixture(A, B, mix, C=C if inst["compare"] != "max" else None, compare=inst["compare"])
            else:
                r = [Fraction(x) for x in inst["reward"]]
                got = count_orbit(A, B, r, C=C if inst["compare"] != "max" else None,
                                  compare=inst["compare"]).counts
            c = res["counts"]
            if (c["b_gt_a"], c["a_gt_b"], c["tie"], c["orbit_size"]) != got:
                return False
            if kind == "counterexample":
                return not V.claim_holds(inst["claim"]["name"], Fraction(inst["claim"]["n"]), got)
            return True
    except Exception:
        return False
    return False


def run_mutations(name: str, reseal: bool = False, sample: int = 12):
    cert = _load(name)
    V.verify_certificate(cert)
    total = killed = 0
    survivors = []
    for desc, m in mutations(cert, sample=sample):
        if reseal:
            if not desc.startswith("instance/") or not isinstance(m.get("instance"), dict):
                continue
            m = copy.deepcopy(m)
            m["instance_digest"] = V.instance_digest(m["instance"])
        total += 1
        try:
            V.verify_certificate(m)
        except V.Invalid:
            killed += 1
            continue
        # any other exception propagates: the verifier must never crash on a mutation
        survivors.append(desc)
        assert oracle_true(m), f"{name}: the verifier accepted a false mutation: {desc}"
    return total, killed, survivors


@pytest.mark.parametrize("name", FAST)
def test_every_false_single_field_mutation_is_rejected(name):
    total, killed, survivors = run_mutations(name)
    assert total > 50
    # survivors are true certificates (checked inside); only free witnesses may survive
    assert all("/witness_reward/" in s or "/involutions/" in s for s in survivors), survivors


@pytest.mark.slow
@pytest.mark.parametrize("name", SLOW)
def test_every_false_single_field_mutation_of_large_certificates_is_rejected(name):
    total, killed, survivors = run_mutations(name, sample=4)
    assert all("/witness_reward/" in s or "/involutions/" in s for s in survivors), survivors


@pytest.mark.parametrize("name", ["candy-gain-r10000", "candy-gamma-1_2-r01234", "fig1-gain-right-vs-up-l_down-1",
                                  "counterexample-candy-gamma-1_2-scaling-2", "mixture-candy-gain-is-optimal",
                                  "counterexample-candy-gamma-1_2-mixture-scaling-2"])
def test_resealed_instance_mutations_are_rejected_or_true(name):
    total, killed, survivors = run_mutations(name, reseal=True)
    assert total > 30 and killed > 0.8 * total


def kill_rates(names=FAST + SLOW, sample: int = 4) -> dict:  # pragma: no cover - used for the report
    out = {}
    for n in names:
        out[n] = run_mutations(n, sample=sample)[:2] + (run_mutations(n, reseal=True, sample=sample)[:2],)
    return out
