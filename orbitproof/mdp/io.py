"""Reading environments from files and resolving catalog specs (``candy``, ``terminal:m=2,n=51``)."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import FormatError
from ..core.files import load_structured
from .environment import Environment

__all__ = ["load_environment", "resolve_environment"]


def load_environment(path: str | Path) -> Environment:
    """Read an environment file (``.toml`` or ``.json``; same structure, see docs/environments.md).

    Read through :func:`orbitproof.core.files.load_structured` (size, digit and nesting limits)."""
    p = Path(path)
    data = load_structured(p, "environment file")
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
