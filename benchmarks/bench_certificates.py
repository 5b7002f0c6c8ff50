"""Benchmark: certificate evidence -- unit-block evidence against class evidence, and the demo.

    python benchmarks/bench_certificates.py [--quick]

1. ``terminal:m=2,n=N`` under gain with distinct rewards, N = 4..8: class evidence and unit-block
   evidence for the same count side by side (build time, size, verification CPU time).
2. The issue's headline instances with unit-block evidence (``terminal:m=2,n=51`` under gain,
   γ = 1/2 and Blackwell; ``terminal:m=3,n=200`` under gain): size and CPU time of
   ``python -m orbitproof.verify`` (a fresh process, median of runs).
3. ``orbitproof demo`` (every row certified): CPU time of the whole command, median of runs.

CPU times of subprocesses come from ``resource.getrusage(RUSAGE_CHILDREN)``; the machine is shared,
so CPU time is the figure to compare, not wall time.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from orbitproof.certificates.build import canonical_json, orbit_count_certificate
from orbitproof.core.semantics import parse_semantics
from orbitproof.mdp import resolve_environment
from orbitproof.mdp.options import option_set_union
from orbitproof.orbits import count_orbit


def child_cpu(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def terminal_cert(m: int, n: int, sem: str, evidence: str):
    env = resolve_environment(f"terminal:m={m},n={n}")
    s = parse_semantics(sem)
    r = list(range(len(env.states)))
    res = count_orbit(option_set_union(env, "start", "die", s), option_set_union(env, "start", "live", s), r)
    t = time.process_time()
    cert = orbit_count_certificate(res, environment=env, state="start", a="die", b="live", semantics=s,
                                   reward=r, evidence=evidence)
    return cert, time.process_time() - t


def verify_cpu(cert: dict, runs: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "cert.json"
        p.write_text(canonical_json(cert), encoding="ascii")
        return statistics.median(child_cpu([sys.executable, "-m", "orbitproof.verify", str(p)]) for _ in range(runs))


def main() -> None:
    quick = "--quick" in sys.argv
    runs = 1 if quick else 3
    print("1. terminal:m=2,n=N, gain, distinct rewards: class evidence vs unit-block evidence")
    print(f"{'N':>3s} {'classes':>8s} {'class KB':>9s} {'build s':>8s} {'verify s':>9s}   "
          f"{'unit KB':>8s} {'build s':>8s} {'verify s':>9s}")
    for n in (4, 6, 8) if quick else (4, 5, 6, 7, 8):
        ce, cb = terminal_cert(2, n, "gain", "classes")
        ue, ub = terminal_cert(2, n, "gain", "units")
        assert ce["result"]["counts"] == ue["result"]["counts"]
        print(f"{n:3d} {len(ce['result']['evidence']['classes']):8d} {len(canonical_json(ce)) / 1024:9.1f} "
              f"{cb:8.2f} {verify_cpu(ce, runs):9.2f}   {len(canonical_json(ue)) / 1024:8.1f} {ub:8.2f} "
              f"{verify_cpu(ue, runs):9.2f}")
    print("\n2. headline instances with unit-block evidence (verification CPU, median)")
    cases = [(2, 51, "gain"), (2, 51, "1/2"), (2, 51, "blackwell"), (3, 200, "gain")]
    for m, n, sem in cases[:2] if quick else cases:
        cert, b = terminal_cert(m, n, sem, "auto")
        kind = cert["result"]["evidence"].get("structure", "classes")
        print(f"terminal:m={m},n={n} {sem:9s} evidence {kind:11s} {len(canonical_json(cert)) / 1024:7.1f} KB "
              f"build {b:6.2f} s  verify {verify_cpu(cert, runs):6.2f} s")
    print("\n3. orbitproof demo (all rows certified), CPU of the whole command")
    with tempfile.TemporaryDirectory() as tmp:
        cpu = statistics.median(child_cpu([sys.executable, "-m", "orbitproof", "demo", "--out", tmp, "-q"])
                                for _ in range(runs))
        certs = sorted((Path(tmp) / "certificates").glob("*.json"))
        print(f"demo: {cpu:.2f} s CPU, {len(certs)} certificates, largest "
              f"{max(p.stat().st_size for p in certs) / 1024:.0f} KB, "
              f"unit-block: {sum('unit-blocks' in p.read_text() for p in certs)}")
        rows = json.loads(json.dumps([p.name for p in certs]))
        assert len(rows) == 14


if __name__ == "__main__":
    main()
