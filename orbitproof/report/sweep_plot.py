"""Plot an exact γ-sweep: counts (or fractions of the orbit) against γ, breakpoints marked at their
exact positions (docs/math.md §13.1).  matplotlib is imported lazily; the data go to a CSV file.

The CSV has one row per piece: ``kind`` (interval/point), ``lo``, ``hi`` (exact decimals of the ends;
for a point both are its decimal), ``exact`` (the rational value or "root of … in (lo, hi)"), and the
four counts.  Decimals are for display only; the verdicts are the exact counts.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

__all__ = ["sweep_rows", "write_sweep_csv", "plot_sweep"]


def sweep_rows(result: Any, digits: int = 12) -> list[dict[str, str]]:
    from ..core.exact import format_fraction

    rows = []
    for piece in result.pieces:
        c = piece.counts
        if piece.kind == "interval":
            lo = "0" if piece.lo is None else piece.lo.decimal(digits).rstrip("…")
            hi = "1" if piece.hi is None else piece.hi.decimal(digits).rstrip("…")
            exact = f"sample {format_fraction(piece.sample)}"
        else:
            lo = hi = piece.point.decimal(digits).rstrip("…")
            exact = format_fraction(piece.point.value) if piece.point.is_rational else str(piece.point)
        rows.append({"kind": piece.kind, "lo": lo, "hi": hi, "exact": exact, "b_gt_a": str(c[0]),
                     "a_gt_b": str(c[1]), "tie": str(c[2]), "orbit_size": str(c[3])})
    return rows


def write_sweep_csv(result: Any, path: str | Path, digits: int = 12) -> Path:
    path = Path(path)
    rows = sweep_rows(result, digits)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def plot_sweep(result: Any, path: str | Path, *, fractions: bool = False, digits: int = 12) -> tuple[Path, Path]:
    """Write the plot to ``path`` and its data to ``path + '.csv'``; returns both paths."""
    from ..core.errors import FormatError

    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - the plot extra is optional
        raise FormatError("--plot needs matplotlib (pip install 'orbitproof[plot]')") from None
    path = Path(path)
    data = write_sweep_csv(result, str(path) + ".csv", digits)
    fig, ax = plt.subplots(figsize=(8, 4.5))
    labels = ("B > A", "A > B", "tie")
    colours = ("tab:green", "tab:red", "tab:grey")
    for k, (label, colour) in enumerate(zip(labels, colours)):
        first = True
        for piece in result.pieces:
            size = piece.counts[3]
            y = piece.counts[k] / size if fractions else piece.counts[k]
            if piece.kind == "interval":
                lo = 0.0 if piece.lo is None else float(piece.lo.lo)
                hi = 1.0 if piece.hi is None else float(piece.hi.hi)
                ax.hlines(y, lo, hi, colors=colour, label=label if first else None, linewidth=2)
                first = False
            else:
                x = float(piece.point.lo + piece.point.hi) / 2
                ax.plot([x], [y], marker="o", color=colour, markersize=4, linestyle="none")
    for bp in result.breakpoints:
        x = float(bp.lo + bp.hi) / 2
        ax.axvline(x, color="black", linewidth=0.4, linestyle=":" if not bp.is_rational else "--")
    p = result.problem
    ax.set_xlim(0, 1)
    ax.set_xlabel("γ")
    ax.set_ylabel("fraction of the orbit" if fractions else "orbit elements")
    ax.set_title(f"{p.environment.name}: {'/'.join(p.b)} (B) vs {'/'.join(p.a)} (A) at {p.state}, {p.rule.name}; "
                 f"{len(result.breakpoints)} breakpoints", fontsize=9)
    ax.legend(loc="best", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path, data
