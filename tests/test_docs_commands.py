"""Every ```console block in docs/*.md runs and prints what the page shows, so the docs cannot drift
from the tool.

The convention (also in docs/export.md, "Docs that are tested"):

* Only fenced blocks whose info string is ``console`` are run; ```sh blocks are illustrations.
* A line starting with ``$ `` is a command; a command line ending in ``\\`` continues on the next
  line.  Every other line, up to the next ``$ `` line or the end of the block, is the expected output
  (stdout, then stderr).  Trailing spaces and blank lines at the end are ignored.
* A line that is exactly ``...`` in the expected output matches any number of lines (use it to
  shorten long outputs).
* The command must exit with status 0, unless the command line ends with ``# exit N``.
* Commands run with bash in a fresh directory holding copies of ``examples/`` and ``certificates/``
  of the repository (so a command that writes there cannot change the repository); ``orbitproof``
  is this interpreter's ``python -m orbitproof`` and ``python`` is this interpreter.  The commands of
  one block share that directory (``demo --out report`` then ``verify report/...`` works); blocks do
  not.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "docs").glob("*.md"))
EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")


@dataclass(frozen=True)
class Command:
    line: int
    command: str
    expected: tuple[str, ...]
    exit_code: int


def console_blocks(text: str) -> list[tuple[int, list[Command]]]:
    """``(line of the opening fence, commands)`` of every ```console block of a Markdown text."""
    blocks: list[tuple[int, list[Command]]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```console":
            start = i + 1
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() != "```":
                body.append((i + 1, lines[i]))
                i += 1
            blocks.append((start, _commands(body)))
        i += 1
    return blocks


def _commands(body: list[tuple[int, str]]) -> list[Command]:
    out: list[Command] = []
    k = 0
    while k < len(body):
        lineno, line = body[k]
        if not line.startswith("$ "):
            raise ValueError(f"line {lineno}: output before the first `$ ` command")
        cmd = line[2:]
        while cmd.endswith("\\") and k + 1 < len(body):
            k += 1
            cmd = cmd[:-1].rstrip() + " " + body[k][1].strip()
        k += 1
        expected = []
        while k < len(body) and not body[k][1].startswith("$ "):
            expected.append(body[k][1].rstrip())
            k += 1
        while expected and not expected[-1]:
            expected.pop()
        code = 0
        m = EXIT.search(cmd)
        if m:
            code, cmd = int(m.group(1)), cmd[:m.start()]
        out.append(Command(lineno, cmd.strip(), tuple(expected), code))
    return out


def matches(expected: tuple[str, ...], got: list[str]) -> bool:
    """``expected`` equals ``got`` line by line, ``...`` matching any run of lines."""
    if not expected:
        return not got
    if expected[0] == "...":
        return any(matches(expected[1:], got[j:]) for j in range(len(got) + 1))
    return bool(got) and got[0] == expected[0] and matches(expected[1:], got[1:])


def _cases():
    for doc in DOCS:
        for start, cmds in console_blocks(doc.read_text(encoding="utf-8")):
            yield pytest.param(doc, start, cmds, id=f"{doc.name}:{start}")


def test_the_convention_is_parsed_as_documented():
    text = ("```console\n$ orbitproof a \\\n    --x 1\nout 1\n...\nlast\n\n$ orbitproof b  # exit 2\n"
            "orbitproof: error: no\n```\n```sh\n$ not run\n```\n")
    [(start, cmds)] = console_blocks(text)
    assert start == 1  # the line of the opening fence
    assert cmds == [Command(2, "orbitproof a --x 1", ("out 1", "...", "last"), 0),
                    Command(8, "orbitproof b", ("orbitproof: error: no",), 2)]
    assert matches(("a", "...", "d"), ["a", "b", "c", "d"]) and matches(("a", "..."), ["a"])
    assert not matches(("a", "d"), ["a", "b", "d"])


def test_the_docs_have_console_blocks():
    assert sum(len(list(console_blocks(d.read_text(encoding="utf-8")))) for d in DOCS) >= 5


@pytest.mark.parametrize("doc, start, cmds", list(_cases()))
def test_console_block_prints_what_the_docs_show(tmp_path, doc, start, cmds):
    for name in ("examples", "certificates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shim = tmp_path.parent / f"{tmp_path.name}-bin"
    shim.mkdir()
    for name, text in (("orbitproof", f'exec "{sys.executable}" -m orbitproof "$@"'),
                       ("python", f'exec "{sys.executable}" "$@"'), ("python3", f'exec "{sys.executable}" "$@"')):
        (shim / name).write_text(f"#!/bin/sh\n{text}\n")
        (shim / name).chmod(0o755)
    env = dict(os.environ, PATH=f"{shim}{os.pathsep}{os.environ.get('PATH', '')}", COLUMNS="100")
    for c in cmds:
        proc = subprocess.run(["bash", "-c", c.command], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)
        got = [ln.rstrip() for ln in (proc.stdout + proc.stderr).splitlines()]
        while got and not got[-1]:
            got.pop()
        where = f"{doc.name}:{c.line}: $ {c.command}"
        assert proc.returncode == c.exit_code, f"{where}\nexit {proc.returncode}\n" + "\n".join(got)
        assert matches(c.expected, got), (f"{where}\n--- the docs show:\n" + "\n".join(c.expected)
                                          + "\n--- the tool prints:\n" + "\n".join(got))
