"""Benchmark: CLI start-up cost in CPU seconds (issue: `orbitproof --version` and
`orbitproof verify <small certificate>` under 0.3 s of CPU).

    python benchmarks/bench_startup.py [--runs 7]

Each command runs in a fresh interpreter; its CPU time (user + system, from the children's
resource usage) is measured, and the median over the runs is reported.  Baselines measured in
the same run: a bare interpreter (`python -c pass`), and an eager import of every layer of the
package (what every command paid before the package exports became lazy).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CERT = ROOT / "certificates" / "candy-gain-r10000.json"
EAGER = ("import orbitproof.mdp.options, orbitproof.orbits.count, orbitproof.symmetry.finder, "
         "orbitproof.claims.verdict, orbitproof.certificates.claims, orbitproof.search.runner")

CASES = [
    ("python -c pass (interpreter floor)", [sys.executable, "-c", "pass"]),
    ("eager import of every layer (old start-up path)", [sys.executable, "-c", EAGER]),
    ("orbitproof --version", [sys.executable, "-m", "orbitproof", "--version"]),
    ("orbitproof verify candy-gain-r10000.json", [sys.executable, "-m", "orbitproof", "verify", str(CERT)]),
    ("python -m orbitproof.verify candy-gain-r10000.json", [sys.executable, "-m", "orbitproof.verify", str(CERT)]),
]


def cpu_seconds(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    for _, cmd in CASES:  # warm the byte-code caches once
        cpu_seconds(cmd)
    floor = None
    print(f"{'command':55s} {'median CPU s':>12s} {'min':>7s} {'x floor':>8s}")
    for label, cmd in CASES:
        runs = [cpu_seconds(cmd) for _ in range(args.runs)]
        med = statistics.median(runs)
        floor = floor or med
        print(f"{label:55s} {med:12.3f} {min(runs):7.3f} {med / floor:8.1f}")


if __name__ == "__main__":
    main()
