"""Run the same workload on this checkout and on an older commit, in one benchmark run.

The old code is exported with ``git archive REV orbitproof`` into a temporary directory and
imported from there by a subprocess (``PYTHONPATH``), so a benchmark can time "old path vs new
path" side by side even when the old path no longer exists in the tree.  Each run is a fresh
process; the snippet prints one JSON line (its own CPU seconds and the answer).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export(rev: str) -> Path:
    """``orbitproof/`` of commit ``rev`` in a fresh temporary directory."""
    out = Path(tempfile.mkdtemp(prefix=f"orbitproof-{rev[:8]}-"))
    blob = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "orbitproof"], check=True,
                          capture_output=True).stdout
    tar_path = out / "src.tar"
    tar_path.write_bytes(blob)
    with tarfile.open(tar_path) as tar:
        tar.extractall(out)
    tar_path.unlink()
    return out


def run_snippet(code: str, args: list[str], path: Path | None, nice: int = 0) -> dict:
    """Run ``code`` with ``args`` in a new interpreter importing orbitproof from ``path`` (None: this
    checkout); returns the JSON object it printed last."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(path if path is not None else ROOT)
    # run the benchmark itself under `nice`; children inherit it (``nice`` > 0 adds to it)
    cmd = (["nice", "-n", str(nice)] if nice else []) + [sys.executable, "-c", code, *args]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, cwd=tempfile.gettempdir())
    return json.loads(out.stdout.strip().splitlines()[-1])
