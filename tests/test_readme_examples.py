"""Every command in the README's "What it does" block runs (exit 0, or 1 where a claim fails)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## What it does", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    block = block.replace("\\\n", " ")
    cmds = []
    for line in block.splitlines():
        line = line.strip()
        if line.startswith("orbitproof "):
            cmds.append(re.split(r"\s+#\s", line, maxsplit=1)[0].strip())
    return cmds


def test_readme_lists_commands():
    assert len(_commands()) >= 10


@pytest.mark.slow
def test_readme_commands_run(tmp_path):
    for name in ("examples", "certificates"):
        (tmp_path / name).symlink_to(ROOT / name)
    bindir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    for cmd in _commands():
        if " plot " in f" {cmd} ":
            pytest.importorskip("matplotlib")
        # run through this interpreter so the test does not depend on the console script's location
        full = cmd.replace("orbitproof ", f'"{sys.executable}" -m orbitproof ', 1)
        proc = subprocess.run(full, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)
        expected = (0, 1) if cmd.split()[1] in ("check", "search") else (0,)
        assert proc.returncode in expected, (cmd, proc.stderr[-500:])
        assert "Traceback" not in proc.stderr, (cmd, proc.stderr[-500:])
