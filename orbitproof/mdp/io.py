"""Reading environments from files and resolving catalog specs (``candy``, ``terminal:m=2,n=51``)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from ..core.errors import FormatError
from .environment import Environment

__all__ = ["load_environment", "resolve_environment"]


def _pairs_no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise FormatError(f"duplicate key {k!r} in JSON object")
        out[k] = v
    return out


def _json_float(text: str) -> float:
    return float(text)  # refused later by to_fraction, which names the field


def load_environment(path: str | Path) -> Environment:
    """Read an environment file (``.toml`` or ``.json``; same structure, see docs/environments.md)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise FormatError(f"cannot read {p}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise FormatError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        if p.suffix.lower() == ".json":
            data = json.loads(text, parse_float=_json_float, object_pairs_hook=_pairs_no_duplicates)
        else:
            data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        kind = "JSON" if p.suffix.lower() == ".json" else "TOML"
        raise FormatError(f"{p}: not valid {kind}: {exc}") from None
    if isinstance(data, dict) and "name" not in data:
        data["name"] = p.stem
    return Environment.from_dict(data, source=str(p))


def _exists(p: Path) -> bool:
    """``p.exists()`` that treats unusable paths (name too long, NUL byte...) as absent."""
    try:
        return p.exists()
    except (OSError, ValueError):
        return False


def resolve_environment(spec: str | Path | Environment) -> Environment:
    """An :class:`Environment` from a catalog spec (``"candy"``, ``"gridworld:w=3,h=3"``) or a
    path to a ``.toml``/``.json`` file."""
    if isinstance(spec, Environment):
        return spec
    text = str(spec).strip()
    if not text:
        raise FormatError("empty environment spec")
    p = Path(text)
    if p.suffix.lower() in (".toml", ".json") or _exists(p):
        if not _exists(p):
            raise FormatError(f"environment file {text!r} does not exist")
        return load_environment(p)
    from .catalog import get

    return get(text)
