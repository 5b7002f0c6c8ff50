"""Copies search: this checkout against an older commit, side by side in one run (issue 14 targets).

    python benchmarks/bench_copies_speed.py [--baseline REV] [--new REV] [--runs N] [--quick] [--skip-old-above S]

Cases: ``terminal:m=2,n=N`` (gain, die vs live) and the centre of ``gridworld:w=k,h=k`` (gain,
RSD_nd, up vs down).  Each measurement is a fresh process (no warm caches); CPU seconds
(``time.process_time``) of ``find_copies`` including the option-set computation, and of the whole
process (imports, environment).  Medians over ``--runs`` runs; the old code runs once more only when
its first run took under ``--skip-old-above`` seconds.  The answers (``CopiesResult.to_json()``) of
old and new must be identical.  Default baseline: 50c0b39 (before the issue-14 copies work).
"""

from __future__ import annotations

import argparse
import shutil
import statistics

from baseline import export, run_snippet

SNIPPET = r"""
import hashlib, json, sys, time
t0 = time.process_time()
from orbitproof.core.semantics import Gain
from orbitproof.mdp import resolve_environment
from orbitproof.symmetry import find_copies
spec, state, a, b, nd = sys.argv[1:6]
env = resolve_environment(spec)
t = time.process_time()
r = find_copies(env=env, state=state, a=a, b=b, semantics=Gain(), nd=nd == "1")
dt = time.process_time() - t
print(json.dumps({"find": dt, "process": time.process_time() - t0, "n": r.n, "maximal": r.maximal,
                  "answer": hashlib.sha256(r.to_json().encode()).hexdigest()}))
"""

CASES = [
    ("terminal:m=2,n=200", "start", "die", "live", "0"),
    ("terminal:m=2,n=500", "start", "die", "live", "0"),
    ("terminal:m=2,n=1000", "start", "die", "live", "0"),
    ("gridworld:w=8,h=8", "c4_4", "up", "down", "1"),
    ("gridworld:w=10,h=10", "c5_5", "up", "down", "1"),
    ("gridworld:w=12,h=12", "c6_6", "up", "down", "1"),
    ("gridworld:w=16,h=16", "c8_8", "up", "down", "1"),
]


def measure(case, path, runs, skip_above=None):
    out = [run_snippet(SNIPPET, list(case), path)]
    if skip_above is None or out[0]["find"] < skip_above:
        out += [run_snippet(SNIPPET, list(case), path) for _ in range(runs - 1)]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", default="50c0b39")
    ap.add_argument("--new", default=None, help="time this commit instead of the working tree (e.g. HEAD)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="terminal n = 200 and gridworld 8x8 only, one run")
    ap.add_argument("--skip-old-above", type=float, default=20.0)
    ap.add_argument("--cases", default=None, help="only the cases whose environment contains this text")
    args = ap.parse_args()
    cases = [CASES[0], CASES[3]] if args.quick else CASES
    if args.cases:
        cases = [c for c in cases if args.cases in c[0]]
    runs = 1 if args.quick else args.runs
    old_path = export(args.baseline)
    new_path = export(args.new) if args.new else None
    print(f"baseline {args.baseline} exported to {old_path}; CPU seconds, median of {runs} run(s) (old: fewer "
          f"when a run takes over {args.skip_old_above:g} s)")
    print(f"{'case':44s} {'old find':>9s} {'new find':>9s} {'ratio':>7s} {'new process':>12s}  answer")
    for case in cases:
        new = measure(case, new_path, runs)
        old = measure(case, old_path, runs, args.skip_old_above)
        same = {r["answer"] for r in new} == {r["answer"] for r in old}
        f_old = statistics.median(r["find"] for r in old)
        f_new = statistics.median(r["find"] for r in new)
        p_new = statistics.median(r["process"] for r in new)
        label = f"{case[0]} {case[2]} vs {case[3]}{' (nd)' if case[4] == '1' else ''}"
        print(f"{label:44s} {f_old:9.2f} {f_new:9.2f} {f_old / f_new:6.1f}x {p_new:12.2f}  "
              f"{'identical' if same else 'DIFFERENT'} (n = {new[0]['n']}, old runs {len(old)})")
        if not same:
            raise SystemExit("the old and new answers differ")
    for path in (old_path, new_path):
        if path is not None:
            shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
