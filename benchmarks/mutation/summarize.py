"""Kill rates per module from benchmarks/mutation/run.py's JSON lines (a Markdown table + survivors).

    python benchmarks/mutation/summarize.py benchmarks/mutation/covering.jsonl benchmarks/mutation/rerun.jsonl

Later files win per mutant (a re-run after new tests replaces the first result).  A timeout counts
as killed (the covering tests were chosen to take at most a third of the timeout, so the mutant
slowed them down at least threefold) and is listed separately.  ``reasons.json`` (mutant key ->
{"verdict": "equivalent" | "acceptable" | "gap", "reason": ...}) explains every survivor; the second
rate leaves out the survivors judged equivalent (they cannot be killed by any test).
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def load(paths: list[str]) -> list[dict]:
    latest: dict = {}
    for path in paths:
        if not os.path.exists(path):
            continue
        for x in open(path, encoding="utf-8"):
            if x.strip():
                r = json.loads(x)
                latest[r["key"]] = r
    return list(latest.values())


def main(paths: list[str]) -> int:
    rows = load(paths)
    rpath = os.path.join(HERE, "reasons.json")
    reasons = json.load(open(rpath, encoding="utf-8")) if os.path.exists(rpath) else {}
    per = defaultdict(lambda: defaultdict(int))
    for r in rows:
        st = r["status"]
        verdict = reasons.get(r["key"], {}).get("verdict", "")
        if st == "survived" and verdict.startswith("equivalent"):
            st = "equivalent"
        if st == "error" and verdict.startswith("killed"):
            st = "killed"  # the mutant broke the import: pytest reported collection errors
        per[r["module"]][st] += 1
    print("| module | mutants | killed | of which timeout | survived | of which equivalent | kill rate | "
          "kill rate without the equivalent |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    tot = defaultdict(int)

    def line(name, c):
        n = sum(c.values())
        k = c["killed"] + c["timeout"]
        alive = c["survived"] + c["equivalent"] + c["error"]
        rest = n - c["equivalent"]
        print(f"| {name} | {n} | {k} | {c['timeout']} | {alive} | {c['equivalent']} | "
              f"{k}/{n} = {100 * k / n:.1f} % | {k}/{rest} = {100 * k / rest:.1f} % |")

    for mod in sorted(per):
        for key, v in per[mod].items():
            tot[key] += v
        line(f"`{mod}`", per[mod])
    line("**all**", tot)
    print()
    print("| where | change | source | stage | verdict | why |")
    print("|---|---|---|---|---|---|")
    for r in sorted(rows, key=lambda r: (r["module"], r["line"])):
        why = reasons.get(r["key"], {})
        if r["status"] in ("survived", "error") and not why.get("verdict", "").startswith("killed"):
            src = r["source"].replace("|", "\\|")[:70]
            print(f"| `{r['module']}:{r['line']}` | {r['change']} | `{src}` | {r.get('stage', '')} | "
                  f"{why.get('verdict', 'NOT YET ANALYSED')} | {why.get('reason', '').replace('|', '/')} |")
    print()
    timeouts = [r for r in rows if r["status"] == "timeout"]
    if timeouts:
        print("Timeouts (counted as killed):")
        for r in timeouts:
            print(f"- `{r['module']}:{r['line']}` {r['change']} in `{r['source'][:70]}`")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or [os.path.join(HERE, "covering.jsonl"), os.path.join(HERE, "rerun.jsonl")]))
