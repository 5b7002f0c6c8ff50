"""Benchmark: the γ-sweep of this working tree against the same sweep at an older git revision, run
alternately in fresh processes under the same load (ratios from medians of the same run).

    nice -n 10 python benchmarks/bench_sweep_revisions.py --base REV [--repeat R] [--cases fig1-lr,...]

The package of ``REV`` is extracted with ``git archive`` into a temporary directory and imported from
there (PYTHONPATH); the current tree is imported from the repository root.  Both answers must be
equal -- breakpoints, pieces (counts, samples, ends), polynomials, factors -- (checked).  Cases are
those of benchmarks/bench_sweep.py.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_sweep import CASES  # noqa: E402

CHILD = r'''
import json, pickle, sys, time
from orbitproof.mdp import resolve_environment
from orbitproof.orbits.sweep import gamma_sweep
envname, state, a, b, reward = json.loads(sys.argv[1])
env = resolve_environment(envname)
t = time.perf_counter()
sw = gamma_sweep(env, state, a, b, tuple(reward), count_work=None, blackwell=False)
total = time.perf_counter() - t
s = sw.stats
with open(sys.argv[2], "wb") as fh:
    pickle.dump((sw.breakpoints, sw.pieces, sw.polynomials, sw.polynomial_total, sw.factors), fh)
print(json.dumps([total, s["seconds_polynomials"], s["seconds_roots"], s["seconds_counts"]]))
'''


def _run(path: str, case, out: str) -> list[float]:
    env = dict(os.environ, PYTHONPATH=path)
    done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(case), out], cwd=tempfile.gettempdir(),
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="git revision to compare against")
    ap.add_argument("--cases", default="fig1-lr")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", args.base, "orbitproof"], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        for name in args.cases.split(","):
            envname, state, a, b, reward = CASES[name]
            case = [envname, state, a, b, list(reward)]
            runs: dict[str, list[list[float]]] = {"base": [], "tree": []}
            answers = {}
            for _ in range(args.repeat):
                for label, path in (("base", tmp), ("tree", str(ROOT))):
                    out = os.path.join(tmp, f"{label}.pickle")
                    runs[label].append(_run(path, case, out))
                    with open(out, "rb") as fh:
                        answers[label] = pickle.load(fh)
            assert answers["base"] == answers["tree"], f"{name}: the answers differ"
            med = {k: [statistics.median(r[i] for r in v) for i in range(4)] for k, v in runs.items()}
            for label in ("base", "tree"):
                m = med[label]
                print(f"{name:9s} {label:4s} {m[0]:7.2f} s (polynomials {m[1]:.2f}, roots {m[2]:.2f}, counts {m[3]:.2f})"
                      f"  runs {', '.join(f'{r[0]:.2f}' for r in runs[label])}", flush=True)
            ratios = "  ".join(f"{stage} {med['base'][i] / max(med['tree'][i], 1e-9):.1f}x"
                               for i, stage in enumerate(("total", "polynomials", "roots", "counts")))
            print(f"{name:9s} base/tree: {ratios}  (answers equal)", flush=True)


if __name__ == "__main__":
    main()
