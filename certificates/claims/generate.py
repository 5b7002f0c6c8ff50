#!/usr/bin/env python3
"""Regenerate certificates/claims/: one search per row, its summary and counterexample certificates,
exhaustive certificates for a few instances, and the status table in README.md.

    python certificates/claims/generate.py [--jobs N] [--only ID[,ID...]] [--work DIR]

Deterministic: the same arguments give byte-identical files (the searches are deterministic and
every file is written canonically).  Each row's command is also printed in README.md as the
equivalent ``orbitproof search`` invocation.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# id, claim, instance family, reward family, params, stop_after
SEARCHES = [
    ("scaling-gain-catalog", "scaling", "catalog:semantics=gain", "tie-patterns", {}, 0),
    ("scaling-gain-catalog-isopt", "scaling", "catalog:semantics=gain", "tie-patterns", {"compare": "is-optimal"}, 0),
    ("scaling-gain-mdp4", "scaling", "mdp:states=4,semantics=gain", "grid:3", {}, 0),
    ("scaling-gain-mdp5", "scaling", "mdp-random:states=5,count=200,seed=0,semantics=gain", "grid:2", {}, 0),
    ("scaling-vectors-isopt", "scaling", "vectors:d=3,values=1,c=1", "grid:2", {"compare": "is-optimal"}, 0),
    ("S1-units", "S1", "units:max_d=6", "tie-patterns", {}, 0),
    ("S1-vectors", "S1", "vectors:d=3,values=1", "grid:3", {}, 0),
    ("S1-mdp4", "S1", "mdp:states=4,semantics=gain", "grid:3", {}, 0),
    ("S2-units-overlap", "S2", "units-shared:max_d=6", "tie-patterns", {}, 1),
    ("S3-units", "S3", "units:max_d=6", "tie-patterns", {}, 1),
    ("F1-units", "F1", "units:max_d=6", "tie-patterns", {}, 0),
    ("F2-units-mixtures", "F2", "units:max_d=5", "mixtures:1", {}, 0),
    ("F2-units-mixrandom", "F2", "units:max_d=6", "mixrandom:40:1", {}, 0),
    ("F2-units-mixrandom-300", "F2", "units:max_d=6", "mixrandom:300:7", {}, 1),
    ("F2-units-mixfaces-3", "F2", "units:max_d=5", "mixfaces:3", {}, 0),
    ("F2-units-mixfaces-2", "F2", "units:max_d=6", "mixfaces:2", {}, 0),
    ("F3-units-extra", "F3", "units-extra:max_d=5", "grid:3", {}, 0),
    ("F4-blocks", "F4", "blocks:max_d=8", "grid:2", {}, 0),
    ("F5-d13", "F5", "d13:d=5,values=1,count=400,seed=0", "grid:2", {"min_m": 2}, 1),
    ("F6-d13-closed", "F6", "d13:d=5,values=1,count=1000,seed=0,closed=1", "grid:2", {"min_m": 2}, 0),
    ("F6-d13-d6-closed", "F6", "d13:d=6,values=1,count=3000,seed=5,closed=1", "grid:2", {"min_m": 2}, 1),
    ("F6-vectors-random", "F6", "vectors-random:d=4,values=1,max_a=2,max_b=4,count=3000,seed=1", "grid:2", {}, 0),
    # issue 17: the exhaustive D.13 family finds the per-part counterexample at d = 5 (instance #70)
    ("F6-d13-all-d5", "F6", "d13-all:d=5,max_m=2,closed=1", "grid:1", {"min_m": 2}, 1),
    # F7-simplex (one ND option on each side, no copy: a degenerate refutation) was dropped (issue 17);
    # F7 is refuted by the single-instance check F7-overlap below.
    ("F8-vectors", "F8", "vectors:d=4,values=1,max_a=2,max_b=3", "grid:2", {}, 1),
    ("F9-units", "F9", "units:max_d=6", "tie-patterns", {}, 1),
    ("F10-catalog", "F10", "catalog:semantics=1/2;9/10;blackwell", "grid:2", {}, 0),
]

# Exhaustive certificates: row, id, claim name/n, compare, inputs, values[, reward family mixfaces:K].
# Without the last entry the verifier family is "reward-multisets" (every sorted reward over values);
# with it, "mixtures" (every mixture of k <= K point masses over values with the face weights).
_U = {"coordinates": ["a1", "a2", "b1", "b2", "b3"], "A": "10000 01000", "B": "00100 00010 00001",
      "C": "10000 01000 00100 00010 00001"}
EXHAUSTIVE = [
    # S1 (A ∩ B = ∅, n = copies): #(B>A) >= n·#(A>B) on every reward; with no ties (almost every r) this is
    # the strict fraction n/(n+1)
    ("S1", "exh-S1-units-m1-n3", ("scaling", 3), "max",
     {"sets": {"coordinates": ["a1", "b1", "b2", "b3"], "A": "1000", "B": "0100 0010 0001"}}, range(4)),
    ("S1", "exh-S1-units-m2-n4", ("scaling", 2), "max",
     {"sets": {"coordinates": ["a1", "a2", "b1", "b2", "b3", "b4"], "A": "100000 010000",
               "B": "001000 000100 000010 000001"}}, range(6)),
    ("F2", "exh-F2-units-m2-n3-mix3", ("scaling", "3/2"), "is-optimal", {"sets": _U}, range(2), "mixfaces:3"),
    ("F2", "exh-F2-units-m2-n3-e1-mix2", ("scaling", "3/2"), "is-optimal",
     {"sets": {"coordinates": ["a1", "a2", "b1", "b2", "b3", "x"], "A": "100000 010000",
               "B": "001000 000100 000010", "C": "100000 010000 001000 000100 000010 000001"}}, range(2),
     "mixfaces:2"),
    ("F2", "exh-F2-units-m2-n4-mix2", ("scaling", 2), "is-optimal",
     {"sets": {"coordinates": ["a1", "a2", "b1", "b2", "b3", "b4"], "A": "100000 010000",
               "B": "001000 000100 000010 000001", "C": "100000 010000 001000 000100 000010 000001"}}, range(2),
     "mixfaces:2"),
    ("scaling", "exh-scaling-candy-gain-max", ("scaling", 2), "max",
     {"environment": "candy", "state": "start", "a": "candy", "b": "wait", "semantics": "gain"}, range(5)),
    ("scaling", "exh-scaling-candy-gain-isopt", ("scaling", 2), "is-optimal",
     {"environment": "candy", "state": "start", "a": "candy", "b": "wait", "semantics": "gain"}, range(5)),
    ("scaling", "exh-weak-candy-gain", ("weak-fraction", 2), "max",
     {"environment": "candy", "state": "start", "a": "candy", "b": "wait", "semantics": "gain"}, range(5)),
    ("scaling", "exh-scaling-yeolde-gain", ("scaling", 1), "max",
     {"environment": "ye-olde", "state": "start", "a": "left", "b": "right", "semantics": "gain"}, range(6)),
    ("F1", "exh-F1-units-m2-n3", ("scaling", "3/2"), "max",
     {"sets": {"coordinates": ["a1", "a2", "b1", "b2", "b3"],
               "A": [[1, 0, 0, 0, 0], [0, 1, 0, 0, 0]],
               "B": [[0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1]]}}, range(5)),
    ("F1", "exh-F1-units-m2-n3-isopt-E", ("scaling", "3/2"), "is-optimal",
     {"sets": {"coordinates": ["a1", "a2", "b1", "b2", "b3", "x"],
               "A": [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0]],
               "B": [[0, 0, 1, 0, 0, 0], [0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 1, 0]],
               "C": [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 0, 1, 0, 0],
                     [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1]]}}, range(6)),
    ("F4", "exh-F4-loop-blocks-m1-n2", ("scaling", 2), "max",
     {"sets": {"coordinates": ["a1", "a2", "b1", "b2", "c1", "c2"],
               "A": [[1, 0, 0, 0, 0, 0], ["1/2", "1/2", 0, 0, 0, 0]],
               "B": [[0, 0, 1, 0, 0, 0], [0, 0, "1/2", "1/2", 0, 0], [0, 0, 0, 0, 1, 0],
                     [0, 0, 0, 0, "1/2", "1/2"]]}}, range(4)),
    # F3: units-extra m=2 n=3 e=1 (instances #80, #82 of `units-extra:max_d=6`), x = n/m = 3/2
    ("F3", "exh-F3-units-extra-m2-n3-half-b1-x", ("scaling", "3/2"), "max",
     {"sets": {"coordinates": ["a1", "a2", "b1", "b2", "b3", "x"],
               "A": [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0]],
               "B": [[0, 0, 1, 0, 0, 0], [0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 1, 0], [0, 0, "1/2", 0, 0, "1/2"]]}},
     range(6)),
    ("F3", "exh-F3-units-extra-m2-n3-half-a1-b1", ("scaling", "3/2"), "max",
     {"sets": {"coordinates": ["a1", "a2", "b1", "b2", "b3", "x"],
               "A": [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0]],
               "B": [[0, 0, 1, 0, 0, 0], [0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 1, 0], ["1/2", 0, "1/2", 0, 0, 0]]}},
     range(6)),
    # F4: blocks U=pair m=1 n=3 and U=loop m=2 n=2 (instances #14, #10 of `blocks:max_d=8`), x = n/m
    ("F4", "exh-F4-pair-blocks-m1-n3", ("scaling", 3), "max",
     {"sets": {"coordinates": ["a1", "a2", "b1", "b2", "c1", "c2", "d1", "d2"],
               "A": [["1/2", "1/2", 0, 0, 0, 0, 0, 0]],
               "B": [[0, 0, "1/2", "1/2", 0, 0, 0, 0], [0, 0, 0, 0, "1/2", "1/2", 0, 0],
                     [0, 0, 0, 0, 0, 0, "1/2", "1/2"]]}}, range(4)),
    ("F4", "exh-F4-loop-blocks-m2-n2", ("scaling", 1), "max",
     {"sets": {"coordinates": ["a1", "a2", "b1", "b2", "c1", "c2", "d1", "d2"],
               "A": [[1, 0, 0, 0, 0, 0, 0, 0], ["1/2", "1/2", 0, 0, 0, 0, 0, 0],
                     [0, 0, 1, 0, 0, 0, 0, 0], [0, 0, "1/2", "1/2", 0, 0, 0, 0]],
               "B": [[0, 0, 0, 0, 1, 0, 0, 0], [0, 0, 0, 0, "1/2", "1/2", 0, 0],
                     [0, 0, 0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 0, "1/2", "1/2"]]}}, range(4)),
    # F6: D.13 instances with C-invariance, m = 2 (instances #18, #14 of
    # `d13:d=5,values=1,count=1000,seed=0,closed=1`, search F6-d13-closed), compare is-optimal, x = n/m
    ("F6", "exh-F6-d13-closed-18", ("scaling", "3/2"), "is-optimal",
     {"sets": {"coordinates": ["x1", "x2", "x3", "x4", "x5"],
               "A": "00010 01000",
               "B": "00001 00100 00111 01011 01101 01110 10000 10011 10110 11001 11010 11100",
               "C": "00001 00010 00100 00111 01000 01011 01101 01110 10000 10011 10101 10110 11001 11010 "
                    "11100"}}, range(6)),
    ("F6", "exh-F6-d13-closed-14", ("scaling", 1), "is-optimal",
     {"sets": {"coordinates": ["x1", "x2", "x3", "x4", "x5"],
               "A": "00110 00101",
               "B": "00011 01001 01010 01100 10001 10010 10100 11000"}}, range(6)),
]

# What the new exhaustive certificates stand for (the certificate's note and the README line): the verifier
# re-checks the inequality #(B>A) >= x·#(A>B) over the family and, for copies and the unit case, the claim's
# structure (instance.hypotheses).
_HYP = "structure checked by orbitproof.claims and re-checked by the verifier (instance.hypotheses)"
_MIX = ("every mixture of at most {k} point masses with 0/1 rewards and the face weights of "
        "orbitproof.orbits.mixtures.face_weights; on this unit instance with is-optimal the family is complete for "
        "every mixture of at most {k} point masses with any real rewards and weights (docs/claims.md)")
_S1 = ("S1 via Lemma D.3: #(B>A) >= n·#(A>B) on every reward with values 0..{v}, which contains every weak order; "
       "for rewards without ties between A and B (almost every r, A ∩ B = ∅ unit options) it gives #(B>A) >= "
       "n/(n+1)·|orbit| [DER]")
EXHAUSTIVE_NOTES = {
    "exh-S1-units-m1-n3": f"S1, units m=1 n=3: n = 3 copies; {_S1.format(v=3)} ({_HYP})",
    "exh-S1-units-m2-n4": f"S1, units m=2 n=4: n = 2 copies (floor(4/2)); {_S1.format(v=5)} ({_HYP})",
    "exh-F2-units-m2-n3-mix3": f"F2, units m=2 n=3 e=0: x = n/m = 3/2, p_D(X >= C); {_MIX.format(k=3)} ({_HYP})",
    "exh-F2-units-m2-n3-e1-mix2": f"F2, units m=2 n=3 e=1: x = n/m = 3/2, p_D(X >= C); {_MIX.format(k=2)} ({_HYP})",
    "exh-F2-units-m2-n4-mix2": f"F2, units m=2 n=4 e=0: x = n/m = 2, p_D(X >= C); {_MIX.format(k=2)} ({_HYP})",
    "exh-F3-units-extra-m2-n3-half-b1-x":
        f"F3, units-extra m=2 n=3 e=1 extra=half(b1+x): x = n/m = 3/2 ({_HYP})",
    "exh-F3-units-extra-m2-n3-half-a1-b1":
        f"F3, units-extra m=2 n=3 e=1 extra=half(a1+b1): x = n/m = 3/2 ({_HYP})",
    "exh-F4-pair-blocks-m1-n3": f"F4, blocks U=pair m=1 n=3: x = n/m = 3 ({_HYP})",
    "exh-F4-loop-blocks-m2-n2": f"F4, blocks U=loop m=2 n=2: x = n/m = 1 ({_HYP})",
    "exh-F6-d13-closed-18":
        f"F6, d13 #18 (d=5, seed 0, closed=1), m=2 n=3: x = n/m = 3/2, compare is-optimal with C ({_HYP})",
    "exh-F6-d13-closed-14":
        f"F6, d13 #14 (d=5, seed 0, closed=1), m=2 n=2: x = n/m = 1, compare is-optimal, "
        f"C = union of A and B (default) ({_HYP})",
}


def _statements(row: str, claim, compare: str, kw: dict) -> list | None:
    """The row claim's hypotheses as verifier statements (copies / units), when they back n."""
    from fractions import Fraction

    from orbitproof.claims import get_claim, instance_from_environment, instance_from_sets

    from orbitproof.certificates import hypothesis_statements

    if "sets" in kw:
        s = kw["sets"]
        inst = instance_from_sets(s["A"], s["B"], s.get("C"), coordinates=s["coordinates"])
    else:
        inst = instance_from_environment(kw["environment"], kw["state"], kw["a"], kw["b"], kw["semantics"])
    an = get_claim(row).analyse(inst, {"compare": compare})
    if an.x != Fraction(claim[1]):
        return None
    return hypothesis_statements(row, an) or None


def _expand_sets(sets: dict) -> dict:
    """0/1 vectors may be written as a space-separated string of bit strings ("00010 01000")."""
    return {k: ([[int(c) for c in w] for w in v.split()] if isinstance(v, str) and k != "coordinates" else v)
            for k, v in sets.items()}

# Single-instance checks (`orbitproof check CLAIM --sets inputs/<id>.toml --reward R --certificate ...`):
# id, claim, coordinates, A, B, reward
CHECKS = [
    ("F7-overlap", "F7", ["x1", "x2", "x3"], [["0", "0", "1"]], [["0", "1", "0"], ["0", "1/2", "1/2"]], "0,0,1"),
]

# D.13 readings (issue 17, docs/claims.md "D.13 readings"): single-instance refutations.
# id, claim (with reading suffix), compare, coordinates, A, B, C, reward
_NM = (["x1", "x2", "x3"], [["1", "0", "0"], ["0", "1", "0"]], [["0", "0", "1"]],
       [["1", "0", "0"], ["0", "1", "0"], ["0", "0", "1"]])
_NOC = (["x1", "x2", "x3"], [["1", "0", "0"]], [["0", "1", "0"]], [["1", "0", "0"], ["0", "1", "0"], ["0", "1", "1"]])
# found by the exhaustive d = 5 run over d13-all (closed C = every pair): A = {x1+x2, x3+x4},
# B = {x1+x5, x2+x5, x3+x5, x4+x5}, copies (x1 x5), (x2 x5) of x1+x2 and (x3 x5), (x4 x5) of x3+x4, n = m = 2
_PAIRS = ([f"x{i}" for i in range(1, 6)], [list("11000"), list("00110")],
          [list("10001"), list("01001"), list("00101"), list("00011")],
          [["1" if k in (i, j) else "0" for k in range(5)] for i in range(5) for j in range(i + 1, 5)])
READING_CHECKS = [
    ("D13-per-part-c-invariant-is-optimal", "F6", "is-optimal", *_PAIRS, "0,1,1,1,1"),
    ("D13-per-part-no-condition-max", "F5", "max", *_PAIRS[:3], None, "0,1,1,1,1"),
    ("D13-n-below-m-max", "F6:copies=shared,n=any", "max", *_NM, "0,1,1"),
    ("D13-n-below-m-is-optimal", "F6:copies=shared,n=any", "is-optimal", *_NM, "0,1,1"),
    ("D13-n-below-m-frac-optimal", "F6:copies=shared,n=any", "frac-optimal", *_NM, "0,1,1"),
    ("D13-no-condition-is-optimal", "F5:copies=shared", "is-optimal", *_NOC, "1,1,0"),
    ("D13-no-condition-frac-optimal", "F5:copies=shared", "frac-optimal", *_NOC, "1,1,0"),
]
D13_SIZES = (2, 3, 4)
D13_COMPARES = ("max", "is-optimal", "frac-optimal")


def d13_readings() -> list[tuple[str, str, str, dict]]:
    """Every named reading: (reading id, claim with suffix, compare, options)."""
    out = []
    for n in ("at-least-m", "any"):
        for cond in ("none", "c-invariant", "z"):
            for copies in ("per-part", "shared"):
                for parts in ("singletons", "any"):
                    for cmp in D13_COMPARES:
                        opts = {"copies": copies, "parts": parts, "n": n, "cond": cond}
                        suffix = f"copies={copies},parts={parts},n={n}" + ("" if cond == "none" else f",cond={cond}")
                        rid = f"D13-{copies}-{parts}-n-{n}-{cond}-{cmp}"
                        out.append((rid, ("F5:" if cond == "none" else "F6:") + suffix, cmp, opts))
    return out


def _reading_basis(opts: dict, cmp: str) -> str | None:
    """The single-instance refutation that covers a reading (its instance meets the strongest
    hypotheses: shared copies of singleton parts, φ·C = C with B = the copies, hence also the
    Z-condition with Z = C), or None when the reading is searched exhaustively."""
    if opts["n"] == "any":
        return f"D13-n-below-m-{cmp}"
    if opts["cond"] == "none" and cmp != "max":
        return f"D13-no-condition-{cmp}"
    if opts["copies"] == "per-part" and cmp == "is-optimal":  # C-invariant (so also the Z-condition, Z = C)
        return "D13-per-part-c-invariant-is-optimal"
    if opts["copies"] == "per-part" and opts["cond"] == "none" and cmp == "max":
        return "D13-per-part-no-condition-max"
    return None


def run_readings(ids) -> list[dict]:
    """Check every D.13 reading: refuted ones by their single-instance certificate, the others over every
    instance of ``d13-all`` with d in D13_SIZES (plain and closed C) and complete reward lists."""
    from orbitproof.certificates import certificate_for
    from orbitproof.certificates.build import write_certificate
    from orbitproof.claims import check, instance_from_sets
    from orbitproof.search.d13 import check_reading, d13_family_certificate, d13_specs

    out_dir = HERE / "d13"
    out_dir.mkdir(exist_ok=True)
    summary = out_dir / "readings.jsonl"  # not *.json: every *.json here is a certificate
    if ids and "d13-readings" not in ids and summary.exists():
        return json.loads(summary.read_text())
    for old in out_dir.glob("*.json"):  # certificates of readings whose basis changed
        old.unlink()
    checks = {}
    for cid, claim, cmp, coords, A, B, C, reward in READING_CHECKS:
        inp = HERE / "inputs" / f"{cid}.toml"
        fmt = lambda vs: "[" + ", ".join("[" + ", ".join(f'"{x}"' for x in v) + "]" for v in vs) + "]"  # noqa: E731
        inp.write_text(f"coordinates = [{', '.join(chr(34) + c + chr(34) for c in coords)}]\n"
                       f"A = {fmt(A)}\nB = {fmt(B)}\n" + (f"C = {fmt(C)}\n" if C else ""), encoding="ascii")
        inst = instance_from_sets(A, B, C, coordinates=coords, label=f"inputs/{cid}.toml")
        v = check(claim, inst, reward.split(","), {"compare": cmp})
        assert v.status == "fails", v.to_dict()
        cert, how = certificate_for(v, inst)
        assert "hypotheses re-checked" in __import__("orbitproof.verify", fromlist=["x"]).verify_certificate(cert)
        write_certificate(cert, out_dir / f"{cid}.json")
        checks[cid] = {"counts": list(v.counts), "x": str(v.x),
                       "command": f"orbitproof check {claim} --sets certificates/claims/inputs/{cid}.toml "
                                  f"--compare {cmp} --reward {reward} --certificate {cid}.json"}
        print(f"{cid}: {v.status} {v.counts} x = {v.x}", flush=True)
    specs = {cmp: [] for cmp in D13_COMPARES}
    counts = {}
    for d in D13_SIZES:
        for closed in (False, True):
            for spec in d13_specs(d, (1, 2, 3), None, closed):
                counts[f"d={d},closed={int(closed)}"] = counts.get(f"d={d},closed={int(closed)}", 0) + 1
                for cmp in D13_COMPARES:
                    specs[cmp].append(spec)
    rows = []
    for rid, claim, cmp, opts in d13_readings():
        basis = _reading_basis(opts, cmp)
        if basis:
            rows.append({"id": rid, "claim": claim, "compare": cmp, "reading": opts, "status": "refuted",
                         "certificate": f"d13/{basis}.json", "extent": f"counts {tuple(checks[basis]['counts'])}, "
                         f"x = {checks[basis]['x']}", "command": checks[basis]["command"]})
            continue
        seen, members, fails, per_size = set(), [], [], {}
        for spec in specs[cmp]:
            s = spec["source"]["sets"]
            key = (tuple(map(tuple, s["A"])), tuple(map(tuple, s["B"])),
                   None if cmp == "max" else tuple(map(tuple, s["C"])))
            if key in seen:
                continue
            seen.add(key)
            d = len(s["coordinates"])
            rec = check_reading(claim, spec, cmp)
            tot, app = per_size.get(d, (0, 0))
            per_size[d] = (tot + 1, app + (rec["status"] in ("proved", "fails")))
            if rec["status"] == "proved":
                members.append((spec, rec))
            elif rec["status"] == "fails":
                fails.append((spec, rec))
        ext = "; ".join(f"d={d}: {app} of {tot} instances apply" for d, (tot, app) in sorted(per_size.items()))
        cmd = "python certificates/claims/generate.py --only d13-readings"
        if fails:
            spec, rec = fails[0]
            from orbitproof.claims import instance_from_spec

            sp = dict(spec)
            if cmp == "max":
                sets = dict(sp["source"]["sets"])
                sets.pop("C", None)
                sp = dict(sp, source={"sets": sets})
            inst = instance_from_spec(sp)
            v = check(claim, inst, rec["reward"], {"compare": cmp})
            cert, _ = certificate_for(v, inst)
            write_certificate(cert, out_dir / f"{rid}.json")
            rows.append({"id": rid, "claim": claim, "compare": cmp, "reading": opts, "status": "refuted",
                         "certificate": f"d13/{rid}.json", "extent": f"first of {len(fails)} failing instances; {ext}",
                         "command": cmd})
        else:
            note = (f"D.13 reading {claim}, compare {cmp}: every instance of the family d13-all (0/1 vectors, singleton "
                    f"parts A_j, per-part copies, B = the union of the copies, C = A ∪ B or its closure under the "
                    f"involutions, m = 1..3, up to S_d) with d in {list(D13_SIZES)}: {ext}. Members are the "
                    f"instances where the reading applies; for each the verifier re-checks the D.13 structure "
                    f"(statement d13) and #(B>A) >= (n/m)·#(A>B) on every listed reward. NOT re-checked: that the "
                    f"members are all instances of the family (the enumeration is tested against brute force), that "
                    f"each member's reward list is complete (one reward per face of the arrangement of the "
                    f"differences of C, docs/claims.md), that the other instances do not meet the reading's "
                    f"hypotheses, and that n is the largest number of copies (it is when the copy search is exact)."
                    + (" The Z-condition (cond=z) is checked by orbitproof only; the verifier re-checks the "
                       "structure without it." if opts["cond"] == "z" else ""))
            cert = d13_family_certificate(claim, cmp, members, note)
            write_certificate(cert, out_dir / f"{rid}.json")
            rows.append({"id": rid, "claim": claim, "compare": cmp, "reading": opts,
                         "status": f"open: no counterexample for d ≤ {max(D13_SIZES)}",
                         "certificate": f"d13/{rid}.json", "extent": f"no counterexample; {ext}; complete reward "
                         f"family", "command": cmd})
        print(f"{rid}: {rows[-1]['status']} ({rows[-1]['extent']})", flush=True)
    data = {"instances": counts, "readings": rows}
    summary.write_text(json.dumps(data, sort_keys=True, ensure_ascii=True) + "\n", encoding="ascii")
    return data


def _d5_one(args):
    claim, cmp = args
    from orbitproof.search.d13 import check_reading, d13_specs, sampled_rewards

    rewards = sampled_rewards(5)
    seen, st, first = set(), {}, None
    for closed in (False, True):
        for spec in d13_specs(5, (1, 2, 3), None, closed):
            s = spec["source"]["sets"]
            key = (str(s["A"]), str(s["B"]), None if cmp == "max" else str(s["C"]))
            if key in seen:
                continue
            seen.add(key)
            rec = check_reading(claim, spec, cmp, rewards)
            st[rec["status"]] = st.get(rec["status"], 0) + 1
            if rec["status"] == "fails" and first is None:
                first = {"sets": s, "reward": rec["reward"], "counts": rec["counts"], "x": rec["x"]}
    return {"claim": claim, "compare": cmp, "instances": len(seen), "statuses": dict(sorted(st.items())),
            "first_failure": first}


def run_d5(jobs: int) -> None:
    """Time-boxed d = 5 evidence for the readings the d <= 4 certificates leave open: every instance of
    d13-all:d=5 (m <= 3, both C variants) with the sampled rewards {-3..3}^5 (not complete); written to
    d13/d5-sampled.jsonl and shown in the readings table."""
    data = json.loads((HERE / "d13" / "readings.jsonl").read_text())
    todo = [(r["claim"], r["compare"]) for r in data["readings"] if r["status"] != "refuted"]
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as ex:
            res = list(ex.map(_d5_one, todo))
    else:
        res = [_d5_one(t) for t in todo]
    for r in res:
        print(f"d=5 {r['claim']} {r['compare']}: {r['statuses']}", flush=True)
    (HERE / "d13" / "d5-sampled.jsonl").write_text(
        "".join(json.dumps(r, sort_keys=True, ensure_ascii=True) + "\n" for r in res), encoding="ascii")


def _d5_results() -> dict:
    p = HERE / "d13" / "d5-sampled.jsonl"
    if not p.exists():
        return {}
    return {(r["claim"], r["compare"]): r for r in map(json.loads, p.read_text().splitlines())}


def readings_table(data: dict, prefix: str = "") -> list[str]:
    """The D.13 readings table (markdown lines)."""
    d5 = _d5_results()
    lines = ["| reading (claim) | compare | copies | parts | n | condition | status | certificate | extent | "
             "d = 5, sampled rewards | command that regenerates it |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in data["readings"]:
        o = r["reading"]
        e5 = d5.get((r["claim"], r["compare"]))
        t5 = (", ".join(f"{k} {v}" for k, v in e5["statuses"].items()) + f" of {e5['instances']}"
              + (f"; FAILS: {e5['first_failure']}" if e5["first_failure"] else "")) if e5 else "—"
        lines.append(f"| `{r['claim']}` | {r['compare']} | {o['copies']} | {o['parts']} | "
                     f"{'n ≥ m' if o['n'] == 'at-least-m' else 'any n'} | {o['cond']} | {r['status']} | "
                     f"[`{prefix}{r['certificate']}`]({prefix}{r['certificate']}) | {r['extent']} | {t5} | `{r['command']}` |")
    inst = ", ".join(f"{k}: {v}" for k, v in sorted(data["instances"].items()))
    lines += ["", f"Instances of `d13-all` enumerated (m = 1..3, per size and C variant): {inst}.",
              "The last column (evidence, no certificate) is every instance of `d13-all:d=5` (m ≤ 3, both C "
              "variants) against every sorted reward in {−3..3}^5, which is not a complete family; regenerate "
              "it with `python certificates/claims/generate.py --only d13-readings --d5 --jobs 2` (about 15 "
              "minutes on 2 cores).",
              "Refuted rows give the `orbitproof check` command of their certificate (run from the repository "
              "root); every row and certificate is regenerated by `python certificates/claims/generate.py --only "
              "d13-readings`."]
    return lines


NOTES = {
    "scaling": "Theorem (P22 Lemma D.3 / D.5, Thm D.11); a failure would be a checker bug.",
    "S1": "Also follows from Lemma D.3: with A ∩ B = ∅ ties have measure 0, so #(B>A) ≥ n·#(A>B) gives "
          "the strict fraction n/(n+1) [DER].",
    "S2": "A vector shared by A and B ties on an open set of rewards (whenever it is the best option).",
    "S3": "Options of C outside A ∪ B make both sides non-optimal (a tie) on an open set.",
    "F1": "Proof sketch [DER]: with j top values among the m+n unit coordinates, #(B>A)/#(A>B) = "
          "C(n,j)/C(m,j) ≥ n/m for n ≥ m.",
    "F2": "Open for general distributions. For mixtures of at most K point masses on unit instances with "
          "is-optimal, only argmax r_k matters (realised by a 0/1 reward) and the weights only through their face "
          "of the arrangement {Σ ε_j w_j = 0}, so `mixfaces:K` is complete for every such mixture [DER, "
          "docs/claims.md]; the exhaustive certificates (family `mixtures`) are re-checked by the verifier, the "
          "unit structure and the completeness argument are not. Mixtures of more point masses are not covered.",
    "F3": "Extra vectors in B only raise g(B) and lower g(A) pointwise, so F3 follows from F1 (P22 Lemma B.1) [DER]. "
          "The exhaustive certificates (m=2, n=3, one extra vector) certify #(B>A) ≥ (3/2)·#(A>B) over every "
          "reward with values 0..5 (claim `scaling`, n = x); the unit case with extra vectors in B is re-checked by "
          "the verifier (statement `units`, B_extra).",
    "F4": "Blocks are exchangeable under S_d; the F1 argument applies to block values [DER]. The exhaustive "
          "certificates certify #(B>A) ≥ (n/m)·#(A>B) over the stated reward family (claim `scaling`, n = x); "
          "the block structure is re-checked by the verifier (statement `blocks`).",
    "F5": "Without C-invariance an option of C outside A ∪ B can dominate every copy.",
    "F6": "Refuted in its default reading (per-part copies of singleton parts, φ_ji·C = C, n ≥ m, is-optimal; issue 17): "
          "A = {x1+x2, x3+x4}, B = {x1+x5, x2+x5, x3+x5, x4+x5}, C = every pair of coordinates (d = 5, m = n = 2, "
          "copies (x1 x5), (x2 x5) and (x3 x5), (x4 x5)) gives counts (0, 1, 4, 5) at r = (0,1,1,1,1) against "
          "x = 1, found by the exhaustive d13-all run at d = 5. The sampled searches below (grid:2 rewards) missed it. "
          "The shared-copies reading (the sources' wording) has no counterexample: see the D.13 readings table.",
    "F7": "Counting ND options overstates B: A = {e3} vs B = {e2, ½(e2+e3)} (2 ND options, overlapping "
          "support) ties 1:1 at r = (0,0,1).",
    "F8": "Images without φ_i·B_j = B_j are not independent copies.",
    "F9": "Ties: with j ≥ 2 top values C(n,j)/C(m,j) < n/m when n < m.",
    "F10": "Copies of RSDs need not be copies of visit distributions at γ < 1 (transient states differ).",
}


def command(claim, family, rewards, params, stop_after, out) -> str:
    parts = ["orbitproof", "search", claim, "--family", f'"{family}"', "--rewards", f'"{rewards}"',
             "--stop-after", str(stop_after)]
    if params.get("compare"):
        parts += ["--compare", params["compare"]]
    if params.get("min_m"):
        parts += ["--min-m", str(params["min_m"])]
    parts += ["--out", out]
    return " ".join(parts)


SUMMARIES = HERE / "searches.jsonl"


def _load_summaries() -> dict:
    if not SUMMARIES.exists():
        return {}
    return {json.loads(x)["id"]: json.loads(x)["summary"] for x in SUMMARIES.read_text().splitlines() if x}


def _save_summaries(summ: dict) -> None:
    SUMMARIES.write_text("".join(json.dumps({"id": k, "summary": summ[k]}, sort_keys=True, ensure_ascii=True) + "\n"
                                 for k in sorted(summ)), encoding="ascii")


def run(ids: set[str] | None, jobs: int, work: Path) -> None:
    sys.path.insert(0, str(HERE.parent.parent))
    from orbitproof.certificates.build import exhaustive_certificate, write_certificate
    from orbitproof.search import run_search

    executor = None
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        executor = ProcessPoolExecutor(max_workers=jobs)
    rows = []
    summ = _load_summaries()
    try:
        for sid, claim, family, rewards, params, stop in SEARCHES:
            dest = HERE / sid
            if ids and sid not in ids:
                if sid in summ:
                    rows.append((sid, claim, family, rewards, params, stop, summ[sid]))
                continue
            t = time.monotonic()
            out = work / sid
            if out.exists():
                shutil.rmtree(out)
            res = run_search(claim, family, rewards=rewards, params=params, out=out, stop_after=stop,
                             executor=executor, workers_hint=jobs, chunk=4)
            if dest.exists():
                shutil.rmtree(dest)
            if res.summary["certificates"]:
                dest.mkdir(parents=True)
            for c in res.summary["certificates"]:
                if c:
                    shutil.copy(out / c, dest / Path(c).name)
            summ[sid] = res.summary
            _save_summaries(summ)
            print(f"{sid}: {res.summary['statuses']} cex={res.summary['counterexamples'][:3]} "
                  f"({time.monotonic() - t:.1f} s)", flush=True)
            rows.append((sid, claim, family, rewards, params, stop, res.summary))
    finally:
        if executor is not None:
            executor.shutdown()
    check_rows = []
    from orbitproof.claims import check, instance_from_sets
    from orbitproof.certificates import certificate_for

    for cid, claim, coords, A, B, reward in CHECKS:
        inp = HERE / "inputs" / f"{cid}.toml"
        inp.parent.mkdir(exist_ok=True)
        fmt = lambda vs: "[" + ", ".join("[" + ", ".join(f'"{x}"' for x in v) + "]" for v in vs) + "]"  # noqa: E731
        inp.write_text(f"coordinates = [{', '.join(repr(c).replace(chr(39), chr(34)) for c in coords)}]\n"
                       f"A = {fmt(A)}\nB = {fmt(B)}\n", encoding="ascii")
        inst = instance_from_sets(A, B, coordinates=coords, label=f"inputs/{cid}.toml")
        v = check(claim, inst, reward.split(","))
        assert v.status == "fails", v.to_dict()
        cert, how = certificate_for(v, inst)
        (HERE / cid).mkdir(exist_ok=True)
        write_certificate(cert, HERE / cid / "cex.json")
        cmd = (f"orbitproof check {claim} --sets certificates/claims/inputs/{cid}.toml --reward {reward} "
               f"--certificate {cid}.json")
        check_rows.append((claim, f"{cid}/cex.json", cmd, v))
        print(f"{cid}: {v.status} {v.counts} x = {v.x}", flush=True)
    ex_rows = []
    from orbitproof.claims import parse_family

    for row, eid, claim, compare, inp, values, *mix in EXHAUSTIVE:
        path = HERE / "exhaustive" / f"{eid}.json"
        if not (ids and eid not in ids) or not path.exists():
            path.parent.mkdir(exist_ok=True)
            kw = dict(inp)
            if "sets" in kw:
                kw["sets"] = _expand_sets(kw["sets"])
            weights = parse_family(mix[0]).mixture_weights() if mix else None
            cert = exhaustive_certificate(claim, list(values), compare=compare, note=EXHAUSTIVE_NOTES.get(eid),
                                          weights=weights, hypotheses=_statements(row, claim, compare, kw), **kw)
            write_certificate(cert, path)
            print(f"{eid}: exhaustive over {cert['result']['instances']} {'mixtures' if mix else 'rewards'}",
                  flush=True)
        ex_rows.append((row, eid, claim, compare, inp, values, *mix))
    readings = run_readings(ids)
    from types import SimpleNamespace

    for r in readings["readings"]:  # the default readings of F5 / F6 are rows of the main table too
        if r["status"] == "refuted" and r["claim"] in ("F6:copies=per-part,parts=singletons,n=at-least-m,cond=c-invariant",
                                                       ) and r["compare"] == "is-optimal":
            b, a, t, size = (int(x) for x in r["extent"].split("(")[1].split(")")[0].split(","))
            check_rows.append(("F6", r["certificate"], r["command"],
                               SimpleNamespace(counts=(b, a, t, size), x=r["extent"].split("x = ")[1], status="fails")))
    write_readme(rows, ex_rows, check_rows, readings)


def status_of(claim: str, rows, ex_rows=(), check_rows=()) -> tuple[str, list[str], list[str]]:
    mine = [r for r in rows if r[1] == claim]
    certs, cmds = [], []
    refuted = False
    for c, path, _cmd, _v in check_rows:
        if c == claim:
            certs.append(path)
            refuted = True
    proved_any = False
    for sid, _, family, rewards, params, stop, s in mine:
        cmds.append(command(claim, family, rewards, params, stop, f"/tmp/{sid}"))
        for c in s.get("certificates") or []:
            if c:
                certs.append(f"{sid}/{Path(c).name}")
        if s["counterexamples"]:
            refuted = True
        st = s["statuses"]
        if s.get("all_holding_instances_proved_by_complete_family") and st.get("proved") and not st.get("holds"):
            proved_any = True
    if refuted:
        return "**refuted** (certified counterexample)", certs, cmds
    exh = [f"exhaustive/{e[1]}.json" for e in ex_rows if e[0] == claim]
    certs += exh
    applicable = sum(s["statuses"].get("proved", 0) + s["statuses"].get("holds", 0) for *_, s in mine)
    extra = f"; {len(exh)} exhaustive certificate(s)" if exh else ""
    mixed = [(family, rewards, s) for _, _, family, rewards, _, _, s in mine
             if rewards.startswith("mixfaces:") and family.startswith("units:")]
    if mixed:
        scope = ", ".join(f"at most {rewards.split(':')[1]} point masses on every unit instance with "
                          f"d ≤ {family.split('max_d=')[1]} ({s['statuses'].get('holds', 0)} instances)"
                          for family, rewards, s in mixed)
        return (f"**verified for finite mixtures of few point masses** — {scope} (complete families; "
                f"{len(exh)} exhaustive certificate(s)); open for general distributions "
                f"({applicable} applicable instances in all)"), certs, cmds
    if proved_any:
        return (f"**verified exhaustively** on the unit instances of the stated families (complete reward "
                f"family) and no counterexample elsewhere ({applicable} applicable instances{extra})"), certs, cmds
    return f"**no counterexample** ({applicable} applicable instances, sampled reward families{extra})", certs, cmds


def write_readme(rows, ex_rows, check_rows=(), readings=None) -> None:
    claims = ["scaling", "S1", "S2", "S3"] + [f"F{i}" for i in range(1, 11)]
    lines = [
        "# Claims: status table",
        "",
        "Generated by `python certificates/claims/generate.py` (deterministic; regenerate after any change to",
        "`orbitproof/claims` or `orbitproof/search`).  Each row aggregates the searches listed under it;",
        "`searches.jsonl` holds each search's summary (per-status counts, counterexample indices), `<id>/cex-*.json`",
        "its counterexample certificates.  Verify any certificate with `python -m orbitproof.verify FILE`.",
        "",
        "Hypotheses: the certificates carry the claim's structure as `instance.hypotheses` statements, which the",
        "verifier re-checks (docs/certificates.md): the copies for scaling, S1–S3 and F10 (the gain copies), the",
        "unit structure for F1, F2, F3, F9, the blocks for F4, the D.13 family for F5, F6, the ND counts for F7,",
        "the images for F8.",
        "",
        "Verifier coverage: counterexamples to ratio forms are certified as claim `scaling` with the",
        "threshold x (n, n/m, |ND(B)|/|ND(A)|) and are re-checked completely by the verifier. Failures of the",
        "strict readings S2, S3 are certified as claim `strict-fraction` (b·(x+1) ≥ x·|orbit| fails; the verifier",
        "re-derives the counts). That the reward is robust (the failure holds on an open set of rewards, i.e. for",
        "'almost all' r) is certified by `claim.robust`, which the verifier re-checks at every orbit element.",
        "Mixture claims (F2) are certified with the `mixture` instance field (orbit-count, counterexample) and the",
        "exhaustive family `mixtures` (weight vectors × rewards over a value set); see docs/certificates.md.",
        "",
        "| claim | status | certificates | remark |",
        "|---|---|---|---|",
    ]
    details = []
    for c in claims:
        st, certs, cmds = status_of(c, rows, ex_rows, check_rows)
        cert_txt = ", ".join(f"[`{x}`]({x})" for x in certs[:4]) + (f" … ({len(certs)} in all)" if len(certs) > 4 else "") or "—"
        lines.append(f"| {c} | {st} | {cert_txt} | {NOTES.get(c, '')} |")
        details.append((c, cmds, [r for r in rows if r[1] == c]))
    lines += ["", "## Searches (commands that regenerate each row)", ""]
    for c, cmds, mine in details:
        lines.append(f"### {c}")
        lines.append("")
        for (sid, _, family, rewards, params, stop, s), cmd in zip(mine, cmds):
            stt = ", ".join(f"{k} {v}" for k, v in s["statuses"].items())
            lines.append(f"- `{sid}`: {s['finished']}/{s['instances']} instances — {stt}"
                         + (f"; first counterexample #{s['counterexamples'][0]}" if s["counterexamples"] else ""))
            lines.append(f"  `{cmd}`")
        lines.append("")
    lines += ["## Single-instance checks", ""]
    for c, path, cmd, v in check_rows:
        lines.append(f"- {c}: [`{path}`]({path}) — counts {tuple(v.counts)}, x = {v.x}, status {v.status}")
        lines.append(f"  `{cmd}`")
    lines += ["", "## Exhaustive certificates (verifier families `reward-multisets` and `mixtures`)", ""]
    for row, eid, claim, compare, inp, values, *mix in ex_rows:
        what = inp.get("environment") or "vector sets"
        fam = (f"every mixture of at most {mix[0].split(':')[1]} point masses ({mix[0]}) with values "
               if mix else "every sorted reward with values ")
        lines.append(f"- [`exhaustive/{eid}.json`](exhaustive/{eid}.json): {claim[0]} with n = {claim[1]}, "
                     f"compare {compare}, {what}, {fam}{list(values)[0]}..{list(values)[-1]}"
                     + (f" — {EXHAUSTIVE_NOTES[eid]}" if eid in EXHAUSTIVE_NOTES else ""))
    if readings:
        lines += ["", "## D.13 readings (docs/claims.md)", ""] + readings_table(readings)
    lines.append("")
    (HERE / "README.md").write_text("\n".join(lines), encoding="utf-8")
    write_summary(rows, ex_rows, check_rows, readings)


BEGIN, END = "<!-- claims-status:begin -->", "<!-- claims-status:end -->"


def write_summary(rows, ex_rows, check_rows, readings=None) -> None:
    """The claim → status → certificate → command table in certificates/README.md (between markers)."""
    import re

    out = [BEGIN, "", "| claim | status | certificates | command that regenerates it |", "|---|---|---|---|"]
    for c in ["scaling", "S1", "S2", "S3"] + [f"F{i}" for i in range(1, 11)]:
        st, certs, cmds = status_of(c, rows, ex_rows, check_rows)
        short = re.match(r"\*\*(.+?)\*\*", st)
        cert_txt = (f"[`claims/{certs[0]}`](claims/{certs[0]})" + (f" (+{len(certs) - 1})" if len(certs) > 1 else "")
                    if certs else "—")
        mine = [r for r in rows if r[1] == c]
        cex = [command(c, fam, rw, prm, stop, f"/tmp/{sid}") for sid, _, fam, rw, prm, stop, sm in mine
               if sm["counterexamples"]]
        exh = [e[1] for e in ex_rows if e[0] == c]
        chk = [k[2] for k in check_rows if k[0] == c]
        if cex or chk:
            cmd = (cex + chk)[0]
        elif exh:
            cmd = f"python certificates/claims/generate.py --only {','.join(exh)}"
        else:
            cmd = cmds[0] if cmds else "—"
        out.append(f"| {c} | {short.group(1) if short else st} | {cert_txt} | `{cmd}` |")
    if readings:
        out += ["", "### P22 Conjecture D.13: every reading", ""] + readings_table(readings, "claims/")
    out += ["", "Full table, every search and the remarks: [claims/README.md](claims/README.md); regenerate all of it "
            "with `python certificates/claims/generate.py`.", "", END]
    path = HERE.parent / "README.md"
    text = path.read_text(encoding="utf-8")
    block = "\n".join(out)
    if BEGIN in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Claims (docs/math.md §8–§9): status\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--only", default=None, help="comma-separated ids to regenerate (others are kept)")
    p.add_argument("--work", default=None, help="scratch directory for the searches (default: a temp dir)")
    p.add_argument("--d5", action="store_true", help="also run the sampled d = 5 checks of the open D.13 readings")
    a = p.parse_args(argv)
    if a.d5:
        sys.path.insert(0, str(HERE.parent.parent))
        run_d5(a.jobs)
    ids = set(a.only.split(",")) if a.only else None
    if a.work:
        run(ids, a.jobs, Path(a.work))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(ids, a.jobs, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
