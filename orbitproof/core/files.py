"""The front door for files: reading JSON/TOML inputs and checking output paths before any work.

* :func:`load_structured` reads a ``.json`` or ``.toml`` file with every limit of
  :mod:`orbitproof.core.limits` checked *before* the standard parsers run (size, integer digits,
  nesting depth), so that neither Python's int/str conversion limit nor a ``RecursionError`` can
  escape: bad input is one :class:`~orbitproof.core.errors.FormatError`.
* :func:`check_output_path` makes sure an output file or folder can be written, so that a run
  does not fail at its very end (``--out /proc/x``, an existing file where a folder is expected).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from .errors import FormatError
from .limits import MAX_DIGITS, MAX_INPUT_BYTES, MAX_NESTING

__all__ = ["read_text", "load_structured", "parse_structured", "nesting_depth", "check_output_path"]

_LONG_DIGITS = re.compile("[0-9]{%d,}" % (MAX_DIGITS + 1))


def read_text(path: str | Path, what: str = "file") -> str:
    """UTF-8 text of ``path`` (at most :data:`MAX_INPUT_BYTES`), or one clear :class:`FormatError`."""
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)
    except IsADirectoryError:
        raise FormatError(f"{what} {str(p)!r} is a folder, not a file") from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise FormatError(f"cannot read {what} {str(p)!r}: {reason}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise FormatError(f"{what} {str(p)!r} is larger than {MAX_INPUT_BYTES:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def nesting_depth(text: str, toml: bool = False) -> int:
    """Deepest nesting of ``[``/``{`` outside strings (and, for TOML, outside comments).

    A linear scan; it decides the limit before a recursive parser could overflow the stack.
    """
    depth = best = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or (toml and c == "'"):
            triple = toml and text.startswith(c * 3, i)
            end = c * 3 if triple else c
            i += len(end)
            while i < n and not text.startswith(end, i):
                if text[i] == "\\" and c == '"':
                    i += 1
                i += 1
            i += len(end)
            continue
        if toml and c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "[{":
            depth += 1
            best = max(best, depth)
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return best


def _json_int(text: str) -> int:
    return int(text)  # digits already limited by the pre-scan


def _json_float(text: str) -> float:
    return float(text)  # refused later by to_fraction, which names the field


def _pairs_no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise FormatError(f"duplicate key {k!r} in JSON object")
        out[k] = v
    return out


def parse_structured(text: str, kind: str, source: str) -> Any:
    """Parse ``text`` as ``kind`` (``"json"`` or ``"toml"``) with the input limits checked first."""
    kind = kind.lower()
    label = "JSON" if kind == "json" else "TOML"
    m = _LONG_DIGITS.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        run = re.match("[0-9]+", text[m.start():])
        digits = len(run.group(0)) if run else MAX_DIGITS + 1
        raise FormatError(f"{source}: line {line}: a number with {digits:,} digits exceeds the limit of "
                          f"{MAX_DIGITS:,} digits")
    depth = nesting_depth(text, toml=kind != "json")
    if depth > MAX_NESTING:
        raise FormatError(f"{source}: lists/tables nested {depth:,} deep exceed the limit of {MAX_NESTING}")
    try:
        if kind == "json":
            return json.loads(text, parse_float=_json_float, parse_int=_json_int,
                              object_pairs_hook=_pairs_no_duplicates)
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise FormatError(f"{source}: not valid {label}: {exc}") from None
    except RecursionError:
        raise FormatError(f"{source}: nested too deeply to read") from None
    except ValueError as exc:  # e.g. an integer over Python's conversion limit
        raise FormatError(f"{source}: not valid {label}: {str(exc).splitlines()[0]}") from None


def load_structured(path: str | Path, what: str = "file") -> Any:
    """Read a ``.json`` (by suffix) or ``.toml`` (otherwise) file through :func:`parse_structured`."""
    p = Path(path)
    text = read_text(p, what)
    return parse_structured(text, "json" if p.suffix.lower() == ".json" else "toml", str(p))


def _nearest_existing(p: Path) -> Path:
    q = p
    while True:
        try:
            if q.exists():
                return q
        except (OSError, ValueError):
            pass
        if q.parent == q:
            return q
        q = q.parent


def _probe_dir(d: Path, flag: str, shown: str) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=".orbitproof-probe-", dir=d)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise FormatError(f"{flag} {shown}: cannot write in {str(d)!r} ({reason})") from None
    os.close(fd)
    try:
        os.unlink(tmp)
    except OSError:
        pass


def check_output_path(path: str | Path, flag: str, *, folder: bool = False, create: bool = True) -> Path:
    """Check, before any work, that ``path`` can be written: a file (``folder=False``) or a folder
    (created with its parents when ``create``).  Raises one :class:`FormatError` naming ``flag``."""
    text = str(path)
    shown = repr(text if len(text) <= 80 else text[:80] + "…")
    if not text.strip():
        raise FormatError(f"{flag}: empty path")
    if "\x00" in text:
        raise FormatError(f"{flag} {shown}: a path cannot contain a NUL character")
    p = Path(text)
    try:
        exists, is_dir = p.exists(), p.is_dir()
    except (OSError, ValueError) as exc:
        raise FormatError(f"{flag} {shown}: unusable path ({getattr(exc, 'strerror', None) or exc})") from None
    if folder:
        if exists and not is_dir:
            raise FormatError(f"{flag} {shown} exists and is not a folder; give a folder path")
        if not exists:
            anc = _nearest_existing(p.parent if p.parent != p else p)
            if not anc.is_dir():
                raise FormatError(f"{flag} {shown}: {str(anc)!r} is not a folder")
            if not create:
                _probe_dir(anc, flag, shown)
                return p
            try:
                p.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise FormatError(f"{flag} {shown}: cannot create the folder ({exc.strerror or exc})") from None
        _probe_dir(p, flag, shown)
        return p
    if is_dir:
        raise FormatError(f"{flag} {shown} is a folder; give a file path")
    parent = p.parent
    try:
        parent_ok = parent.is_dir()
    except (OSError, ValueError):
        parent_ok = False
    if not parent_ok:
        anc = _nearest_existing(parent)
        if anc.is_dir() and create:
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise FormatError(f"{flag} {shown}: cannot create its folder ({exc.strerror or exc})") from None
        else:
            raise FormatError(f"{flag} {shown}: the folder {str(parent)!r} does not exist")
    if exists and not os.access(p, os.W_OK):
        raise FormatError(f"{flag} {shown}: the file exists and is not writable")
    _probe_dir(parent, flag, shown)
    return p
