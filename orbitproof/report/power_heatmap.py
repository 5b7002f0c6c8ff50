"""POWER heatmap of a gridworld with the exact values written in the cells (docs/power.md).

Cells are the gridworld states ``c{x}_{y}`` (:mod:`orbitproof.mdp.grid`); walls stay blank.  The
colour is a float rendering of the exact value, which is printed in the cell as a fraction; the
exact data are also written to a CSV next to the figure (same stem, ``.csv``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..core.errors import FormatError
from ..core.exact import format_fraction
from ..mdp.power_iid import PowerResult
from .plot import pyplot, rows_csv

__all__ = ["power_heatmap"]

_CELL = re.compile(r"^c(\d+)_(\d+)$")
_SUFFIXES = (".png", ".pdf", ".svg")


def _label(v) -> str:
    """The exact value as a stacked fraction (numerator, rule, denominator) when it is not an integer."""
    if v.denominator == 1:
        return format_fraction(v)
    n, d = str(v.numerator), str(v.denominator)
    return f"{n}\n{'—' * max(2, (max(len(n), len(d)) + 1) // 2)}\n{d}"


def power_heatmap(results: Sequence[PowerResult], out: str | Path, title: str | None = None) -> Path:
    """Draw POWER per gridworld cell; returns the figure path (the CSV has the same stem)."""
    p = Path(out)
    if p.suffix.lower() not in _SUFFIXES:
        raise FormatError(f"--heatmap must end in {', '.join(_SUFFIXES)}, got {str(out)!r}")
    cells = {}
    for r in results:
        m = _CELL.match(r.state)
        if not m:
            raise FormatError(f"--heatmap needs a gridworld (states named c<x>_<y>); state {r.state!r} is not a cell")
        cells[(int(m.group(1)), int(m.group(2)))] = r.value
    if not cells:
        raise FormatError("--heatmap needs at least one state")
    w = max(x for x, _ in cells) + 1
    h = max(y for _, y in cells) + 1
    plt = pyplot()
    import numpy as np

    grid = np.full((h, w), np.nan)
    for (x, y), v in cells.items():
        grid[y, x] = float(v)  # colour only; the exact value is printed in the cell
    labels = {c: _label(v) for c, v in cells.items()}
    longest = max(len(line) for lab in labels.values() for line in lab.split("\n"))
    cw = max(1.2, 0.085 * longest + 0.3)  # inches per cell: long fractions get wider cells
    fig, ax = plt.subplots(figsize=(cw * w + 1.5, max(1.2, 0.5 * labels[next(iter(labels))].count("\n") + 0.9) * h + 0.8))
    im = ax.imshow(grid, cmap="viridis")
    vals = [float(v) for v in cells.values()]
    mid = (min(vals) + max(vals)) / 2
    for (x, y), v in cells.items():
        ax.text(x, y, labels[(x, y)], ha="center", va="center", fontsize=9,
                color="black" if float(v) > mid else "white")
    ax.set_xticks(range(w))
    ax.set_yticks(range(h))
    first = results[0]
    ax.set_title(title or f"POWER, {first.semantics}, {first.distribution}")
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    p.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(p, bbox_inches="tight")
    plt.close(fig)
    p.with_suffix(".csv").write_text(
        rows_csv(["state", "x", "y", "power"], [[r.state, *map(int, _CELL.match(r.state).groups()), r.value]
                                                for r in results]), encoding="utf-8")
    return p
