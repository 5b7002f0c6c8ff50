"""Kill rates per module from benchmarks/mutation/run.py's JSON lines (a Markdown table + survivors).

    python benchmarks/mutation/summarize.py benchmarks/mutation/results.jsonl benchmarks/mutation/full.jsonl
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict


def main(paths: list[str]) -> int:
    """Later files win per mutant (the second stage re-runs the first stage's survivors)."""
    latest: dict = {}
    for path in paths:
        if not os.path.exists(path):
            continue
        for x in open(path, encoding="utf-8"):
            if x.strip():
                r = json.loads(x)
                latest[r["key"]] = r
    rows = list(latest.values())
    per = defaultdict(lambda: defaultdict(int))
    for r in rows:
        per[r["module"]][r["status"]] += 1
    print("| module | mutants | killed | timeout | survived | kill rate (killed / all) |")
    print("|---|---:|---:|---:|---:|---:|")
    tot = defaultdict(int)
    for mod in sorted(per):
        c = per[mod]
        n = sum(c.values())
        for k, v in c.items():
            tot[k] += v
        print(f"| {mod} | {n} | {c['killed']} | {c['timeout']} | {c['survived']} | {100 * c['killed'] / n:.0f} % |")
    n = sum(tot.values())
    print(f"| **all** | {n} | {tot['killed']} | {tot['timeout']} | {tot['survived']} | "
          f"{100 * tot['killed'] / n:.1f} % |")
    print()
    for r in rows:
        if r["status"] != "killed":
            print(f"- {r['status']} ({r.get('stage', 'fast')} stage): `{r['module']}:{r['line']}` {r['change']} "
                  f"in `{r['source']}`")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["benchmarks/mutation/results.jsonl", "benchmarks/mutation/full.jsonl",
                                 "benchmarks/mutation/full3.jsonl", "benchmarks/mutation/manual.jsonl"]))
