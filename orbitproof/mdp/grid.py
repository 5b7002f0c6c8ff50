"""Deterministic gridworlds (catalog ``gridworld:w=W,h=H`` and the ``grid`` file key).

States are the free cells named ``c{x}_{y}`` (column x from the left, row y from the top, both
from 0), ordered row by row (y, then x).  Every state has the five actions
``up`` (y−1), ``down`` (y+1), ``left`` (x−1), ``right`` (x+1), ``stay``; moving into a wall or off
the grid leaves the agent where it is.  ASCII maps use ``.`` (or any of ``.oO_``) for free cells
and ``#`` for walls; rows are the non-empty lines of the map after removing their common
indentation (a space inside the map is an error, never a cell; short rows are padded with walls).
"""

from __future__ import annotations

import textwrap
from fractions import Fraction
from typing import Any

from ..core.errors import FormatError, InvalidEnvironmentError
from .environment import Environment

__all__ = ["gridworld", "gridworld_from_map", "cell_name"]

MOVES = (("up", 0, -1), ("down", 0, 1), ("left", -1, 0), ("right", 1, 0), ("stay", 0, 0))
MAX_CELLS = 10_000


def cell_name(x: int, y: int) -> str:
    return f"c{x}_{y}"


def _build(free: list[list[bool]], name: str, description: str) -> Environment:
    h = len(free)
    w = len(free[0]) if h else 0
    cells = [(x, y) for y in range(h) for x in range(w) if free[y][x]]
    if not cells:
        raise InvalidEnvironmentError(f"gridworld {name!r} has no free cell (empty environment)")
    index = {c: i for i, c in enumerate(cells)}
    table = []
    for x, y in cells:
        acts = []
        for a, dx, dy in MOVES:
            nx_, ny = x + dx, y + dy
            target = (nx_, ny) if (nx_, ny) in index else (x, y)
            acts.append((a, ((index[target], Fraction(1)),)))
        table.append(tuple(acts))
    states = tuple(cell_name(x, y) for x, y in cells)
    return Environment(name, states, tuple(table), None, description)


def gridworld(w: int, h: int, name: str | None = None) -> Environment:
    """A ``w × h`` gridworld without walls (see module docstring for names and actions)."""
    if w < 1 or h < 1:
        raise InvalidEnvironmentError("gridworld needs w >= 1 and h >= 1")
    if w * h > MAX_CELLS:
        raise InvalidEnvironmentError(f"gridworld with {w * h} cells exceeds the limit of {MAX_CELLS}")
    return _build([[True] * w for _ in range(h)], name or f"gridworld:w={w},h={h}",
                  f"{w}x{h} gridworld, moves up/down/left/right/stay")


def gridworld_from_map(grid: Any, name: str = "grid", source: str = "environment") -> Environment:
    """A gridworld from an ASCII map (``#`` = wall, ``.`` = free)."""
    if not isinstance(grid, str):
        raise FormatError(f"{source}: grid must be a multi-line string of '.' and '#'")
    # drop blank lines and the map's common indentation only: a row's own leading characters are
    # cells, so stripping each line separately would shift that row's columns
    lines = [line.rstrip() for line in grid.splitlines() if line.strip()]
    rows = textwrap.dedent("\n".join(lines)).splitlines() if lines else []
    if not rows:
        raise InvalidEnvironmentError(f"{source}: grid is empty (empty environment)")
    w = max(len(r) for r in rows)
    free = []
    for y, r in enumerate(rows):
        line = []
        for x, ch in enumerate(r.ljust(w, "#")):
            if ch == "#":
                line.append(False)
            elif ch in ".oO_":
                line.append(True)
            else:
                raise FormatError(
                    f"{source}: grid row {y} column {x}: unexpected character {ch!r} (use '.' or '#'; "
                    "rows must share one indentation)"
                )
        free.append(line)
    if sum(map(sum, free)) > MAX_CELLS:
        raise InvalidEnvironmentError(f"{source}: grid exceeds {MAX_CELLS} free cells")
    return _build(free, name, f"gridworld from an ASCII map ({w}x{len(rows)})")
