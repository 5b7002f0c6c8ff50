"""Re-key results measured on newer code to the sampled mutants they correspond to.

The sample (covering.jsonl) was drawn on older code; modules edited since (count.py, engine.py,
verify.py) moved, so a sampled mutant now has another key (module:line:col:kind:index).  A current
mutant corresponds to a sampled one when module, column, kind and index are equal and its source
line starts with the same 50 characters.  Each result of IN is written to OUT under the sampled
key (the current key is kept as ``key_now``), so summarize.py merges it with the sample.

    python benchmarks/mutation/remap.py IN OUT SAMPLE.jsonl...
"""
from __future__ import annotations

import json
import sys


def main(src: str, out: str, samples: list[str]) -> int:
    old = {}
    for path in samples:
        for x in open(path, encoding="utf-8"):
            if x.strip():
                r = json.loads(x)
                old[r["key"]] = r
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for x in open(src, encoding="utf-8"):
            if not x.strip():
                continue
            r = json.loads(x)
            mod, line, col, kind, idx = r["key"].rsplit(":", 4)
            now = open(mod, encoding="utf-8").read().splitlines()[int(line) - 1].strip()[:50]
            hits = [k for k, o in old.items() if o["module"] == mod and k.rsplit(":", 4)[2:] == [col, kind, idx]
                    and o["source"].strip()[:50] == now]
            if len(hits) != 1:
                print(f"no unique sampled mutant for {r['key']}: {hits}", file=sys.stderr)
                continue
            r["key_now"], r["key"] = r["key"], hits[0]
            r["line_now"], r["line"] = r["line"], old[hits[0]]["line"]
            fh.write(json.dumps(r) + "\n")
            n += 1
    print(f"{n} results re-keyed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
