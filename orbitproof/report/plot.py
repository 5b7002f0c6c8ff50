"""Figures (``orbitproof plot``): environments, the scaling law, counts against γ.

Every data point is computed exactly (Fractions, exact orbit counts); floats appear only when a
value is handed to matplotlib for drawing.  Each figure is written together with a CSV of the exact
data behind it (same stem, ``.csv``) so that a paper can cite the numbers.

matplotlib is an optional extra: ``pip install "orbitproof[plot]"``.
"""

from __future__ import annotations

import csv
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..core.errors import FormatError, OrbitproofError
from ..core.exact import format_fraction, parse_vector, to_fraction, to_fractions
from ..core.semantics import Discounted, Gain, Semantics

__all__ = ["pyplot", "parse_range", "parse_gammas", "environment_data", "plot_environment",
           "environment_figure", "grid_positions", "scaling_data", "plot_scaling", "scaling_figure",
           "gamma_data", "plot_gamma", "gamma_figure", "rows_csv", "STYLES", "style", "save_figure",
           "text_report", "TextReport", "plot_rc"]

_SUFFIXES = (".png", ".pdf", ".svg")

#: ``--style``: figure width (inches) and the one font size used for every text.  ``paper`` is made
#: for \\columnwidth of a two-column paper (3.5 in): every text is at least 8 pt there.  Figures are
#: made 0.1 in narrower than ``width`` so that the saved (tight, padded) file is at most ``width`` wide.
STYLES: dict[str, dict[str, float]] = {
    "paper": {"width": 3.5, "font": 8.0, "dpi": 300, "marker": 4.0, "line": 1.0},
    "slides": {"width": 8.0, "font": 16.0, "dpi": 150, "marker": 8.0, "line": 2.0},
}
#: Fixed metadata: no creation date, so that PDF, PNG and SVG files are byte-reproducible.
_METADATA = {
    ".pdf": {"Creator": "orbitproof", "Producer": "orbitproof", "CreationDate": None, "ModDate": None},
    ".png": {"Software": "orbitproof"},
    ".svg": {"Creator": "orbitproof", "Date": None},
}


def style(name: str = "paper") -> dict[str, float]:
    """The parameters of a ``--style`` (``paper`` or ``slides``)."""
    if name not in STYLES:
        raise FormatError(f"unknown style {name!r} (paper or slides)")
    return STYLES[name]


def plot_rc(st: dict[str, float]) -> dict[str, Any]:
    """matplotlib rcParams of a style: one font size for every text, reproducible SVG ids."""
    f = st["font"]
    return {"font.size": f, "axes.titlesize": f, "axes.labelsize": f, "xtick.labelsize": f,
            "ytick.labelsize": f, "legend.fontsize": f, "legend.title_fontsize": f, "figure.titlesize": f,
            "lines.linewidth": st["line"], "lines.markersize": st["marker"], "svg.hashsalt": "orbitproof",
            "pdf.fonttype": 42, "path.simplify": False}


def save_figure(fig: Any, path: Path, st: dict[str, float], close: bool = True) -> Path:
    """Write ``fig`` to ``path`` (.png/.pdf/.svg) with fixed metadata and a tight bounding box (so that
    nothing drawn is cut off at the figure's edge), then close it (unless ``close`` is false)."""
    plt = pyplot()
    with plt.rc_context({"svg.hashsalt": "orbitproof"}):  # read when saving: reproducible SVG ids
        fig.savefig(path, dpi=st["dpi"], metadata=_METADATA[path.suffix.lower()], bbox_inches="tight",
                    pad_inches=0.03)
    if close:
        plt.close(fig)
    return path


@dataclass(frozen=True)
class TextReport:
    """What a reader sees of a figure's texts, measured on matplotlib's rendering.

    ``width_in``: width of the saved (tight) figure; ``min_font_pt``: smallest font of a visible text;
    ``effective_min_pt``: that font once the figure is scaled to ``target_width_in`` (only shrinking
    counts); ``clipped``: texts cut by their clip box; ``axes_unlabelled``: visible axes with a
    tick labelled axis but no axis label."""

    width_in: float
    min_font_pt: float
    effective_min_pt: float
    clipped: tuple[str, ...]
    axes_unlabelled: int


def text_report(fig: Any, target_width_in: float = 3.5) -> TextReport:
    """Measure every visible text of ``fig`` after drawing it (see :class:`TextReport`)."""
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    bbox = fig.get_tightbbox(renderer)
    width = bbox.width + 2 * 0.03
    sizes, clipped = [], []
    for t in fig.findobj(Text):
        if not t.get_visible() or not t.get_text().strip() or not t.get_figure():
            continue
        ax = t.axes
        if ax is not None and not ax.get_visible():
            continue
        ext = t.get_window_extent(renderer)
        if ext.width == 0 and ext.height == 0:
            continue
        sizes.append(t.get_fontsize())
        clip = t.get_clip_box()
        if t.get_clip_on() and clip is not None:
            if (ext.x0 < clip.x0 - 0.5 or ext.x1 > clip.x1 + 0.5 or ext.y0 < clip.y0 - 0.5
                    or ext.y1 > clip.y1 + 0.5):
                clipped.append(t.get_text())
    unlabelled = 0
    for ax in fig.axes:
        if not ax.get_visible() or not ax.axison:
            continue
        if (ax.get_xticklabels() and not ax.get_xlabel()) or (ax.get_yticklabels() and not ax.get_ylabel()):
            unlabelled += 1
    least = min(sizes, default=0.0)
    return TextReport(width, least, least * min(1.0, target_width_in / width), tuple(clipped), unlabelled)


def pyplot():
    """``matplotlib.pyplot`` on the Agg backend, or a one-line :class:`OrbitproofError`."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise OrbitproofError('plotting needs matplotlib: pip install "orbitproof[plot]"') from None
    return plt


def _out_path(out: str | Path) -> Path:
    p = Path(out)
    if p.suffix.lower() not in _SUFFIXES:
        raise FormatError(f"--out must end in {', '.join(_SUFFIXES)}, got {str(out)!r}")
    p.parent.mkdir(parents=True, exist_ok=True)
    return p


def rows_csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else (format_fraction(v) if isinstance(v, Fraction) else v) for v in r])
    return buf.getvalue()


def _write_csv(fig_path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    p = fig_path.with_suffix(".csv")
    p.write_text(rows_csv(header, rows), encoding="utf-8")
    return p


def parse_range(text: str) -> list[int]:
    """``"1..8"`` (inclusive), ``"1,2,5"`` or a mix ``"1..3,8"``; positive integers."""
    out: list[int] = []
    try:
        for part in filter(None, (p.strip() for p in str(text).split(","))):
            if ".." in part:
                lo, hi = (int(x) for x in part.split("..", 1))
                if hi < lo:
                    raise ValueError
                if hi - lo + 1 + len(out) > 200:  # checked before the range is built
                    raise FormatError(f"range {text[:60]!r} has more than 200 values")
                out.extend(range(lo, hi + 1))
            else:
                out.append(int(part))
    except FormatError:
        raise
    except ValueError:
        raise FormatError(f"bad range {text[:60]!r}: use e.g. 1..8 or 1,2,5") from None
    if not out or min(out) < 1:
        raise FormatError(f"bad range {text!r}: needs positive integers")
    if len(out) > 200:
        raise FormatError(f"range {text!r} has more than 200 values")
    return list(dict.fromkeys(out))


def parse_gammas(text: str) -> list[Fraction]:
    """Comma-separated exact γ values in [0, 1), e.g. ``"1/10,1/4,1/2"``."""
    parts = [p.strip() for p in str(text).split(",") if p.strip()]
    if not parts:
        raise FormatError("--gammas needs at least one value, e.g. 1/10,1/2,9/10")
    if len(parts) > 200:
        raise FormatError(f"--gammas has {len(parts):,} values; a plot takes at most 200")
    gs = [to_fraction(p, "gamma") for p in parts]
    for g in gs:
        if not 0 <= g < 1:
            raise FormatError(f"gamma {format_fraction(g)} is not in [0, 1)")
    return sorted(dict.fromkeys(gs))


# ============================================================================ (a) environment
def environment_data(env: Any, *, state: str | None = None, a: str | None = None, b: str | None = None,
                     semantics: Semantics | None = None) -> dict[str, Any]:
    """Edges (state, action, next, p), terminal states and, with state/a/b, the copies found."""
    G = env.to_networkx()
    edges = [(u, d["action"], v, d["p"]) for u, v, d in G.edges(data=True)]
    terminal = [s for s in env.states if all(v == s for _, _, v, _ in (e for e in edges if e[0] == s))]
    copies = None
    if state is not None or a is not None or b is not None:
        if state is None or a is None or b is None or semantics is None:
            raise FormatError("highlighting copies needs --state, --a, --b and --gain/--gamma/--blackwell")
        from ..symmetry import find_copies

        copies = find_copies(env=env, state=state, a=a, b=b, semantics=semantics)
    return {"graph": G, "edges": edges, "terminal": terminal, "copies": copies}


def _layered_layout(nx, G, root: str) -> dict:
    """Columns by BFS distance from ``root`` (unreachable states in a last column), states of one
    column spread vertically in file order: deterministic and free of overlapping nodes."""
    dist = nx.single_source_shortest_path_length(G, root)
    last = max(dist.values(), default=0) + 1
    layers: dict[int, list[str]] = {}
    for s in G.nodes:
        layers.setdefault(dist.get(s, last), []).append(s)
    pos = {}
    for x, members in sorted(layers.items()):
        k = len(members)
        for i, s in enumerate(members):
            # offset alternate columns by half a step so edges between columns do not line up
            pos[s] = (float(x), (k - 1) / 2.0 - i + (0.25 if x % 2 and k > 1 else 0.0))
    return pos


_PALETTE = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c",
            "#ccb974", "#64b5cd"]


def grid_positions(env: Any) -> dict[str, tuple[int, int]] | None:
    """``{state: (x, y)}`` when ``env`` is a gridworld (mdp/grid.py: states ``c{x}_{y}``, actions
    up/down/left/right/stay moving one cell or staying put at a wall), else None."""
    import re

    from ..mdp.grid import MOVES

    pos: dict[str, tuple[int, int]] = {}
    for s in env.states:
        m = re.fullmatch(r"c(\d+)_(\d+)", s)
        if not m:
            return None
        pos[s] = (int(m.group(1)), int(m.group(2)))
    at = {xy: s for s, xy in pos.items()}
    for s, (x, y) in pos.items():
        if tuple(env.actions(s)) != tuple(a for a, _, _ in MOVES):
            return None
        for act, dx, dy in MOVES:
            want = at.get((x + dx, y + dy), s)
            if env.transition(s, act) != ((want, Fraction(1)),):
                return None
    return pos


def _swaps(copies: Any) -> list[tuple[str, str, str, int]]:
    pairs = copies.involution_names() if copies is not None and copies.n else []
    return [(x, y, _PALETTE[i % len(_PALETTE)], i) for i, inv in enumerate(pairs) for x, y in inv]


def _legend_entries(copies: Any) -> list[tuple[str, str]]:
    pairs = copies.involution_names() if copies is not None and copies.n else []
    return [(_PALETTE[i % len(_PALETTE)], f"φ{i + 1} = " + "".join(f"({x} {y})" for x, y in inv))
            for i, inv in enumerate(pairs)]


def _title(env: Any, copies: Any, state: str | None, a: str | None, b: str | None, semantics: Any,
           chars: int) -> str:
    title = env.name
    if copies is not None:
        n = "unbounded (A ⊆ B)" if copies.n is None else str(copies.n)
        title += (f": {b} (B) vs {a} (A) at {state}, {semantics.name}: "
                  f"n = {n} cop{'y' if copies.n == 1 else 'ies'}")
    return "\n".join(textwrap.wrap(title, chars))


def environment_figure(env: Any, *, state: str | None = None, a: str | None = None, b: str | None = None,
                       semantics: Semantics | None = None, style_name: str = "paper") -> tuple[Any, list[list[Any]]]:
    """The drawing of ``env`` (a grid with walls for gridworlds, else a layered graph) and the rows of
    its CSV.  With state/a/b the state pairs swapped by each involution found are coloured and joined
    by dashed arcs.  Every artist is drawn unclipped and the figure is saved with a tight box."""
    plt = pyplot()
    st = style(style_name)
    data = environment_data(env, state=state, a=a, b=b, semantics=semantics)
    copies = data["copies"]
    with plt.rc_context(plot_rc(st)):
        grid = grid_positions(env)
        if grid is not None:
            fig = _draw_grid(plt, env, grid, data, state, st)
        else:
            fig = _draw_graph(plt, env, data, state, st)
        ax = fig.axes[0]
        swaps = _swaps(copies)
        pos = ax._orbitproof_pos  # set by the drawing functions (drawing coordinates only)
        radius = getattr(ax, "_orbitproof_radius", {})
        for x, y, c, i in swaps:
            arc = ax.annotate("", xy=pos[y], xytext=pos[x], annotation_clip=False,
                              arrowprops=dict(arrowstyle="<->", color=c, linestyle="--", linewidth=st["line"],
                                              shrinkA=radius.get(x, st["font"] * 1.2),
                                              shrinkB=radius.get(y, st["font"] * 1.2),
                                              connectionstyle=f"arc3,rad={0.3 + 0.1 * (i % 4)}"))
            arc.arrow_patch.set_clip_on(False)
        handles = []
        from matplotlib.lines import Line2D

        for c, text in _legend_entries(copies):
            handles.append(Line2D([], [], color=c, linestyle="--", marker="o", label=text))
        if data["terminal"] and grid is None:
            handles.append(Line2D([], [], linestyle="", marker="o", markerfacecolor="none", markeredgecolor="black",
                                  label="terminal (only self-loops)"))
        if state is not None:
            handles.append(Line2D([], [], linestyle="", marker="o", markerfacecolor="none", markeredgecolor="red",
                                  label=f"fork state {state}"))
        if handles:
            ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), frameon=False,
                      borderaxespad=0.2, ncol=1)
        chars = int(st["width"] * 72 / (st["font"] * 0.55))
        ax.set_title(_title(env, copies, state, a, b, semantics, chars))
        for artist in ax.get_children():
            artist.set_clip_on(False)
    rows: list[list[Any]] = [["edge", u, act, v, p, "terminal" if u in data["terminal"] else ""]
                             for u, act, v, p in data["edges"]]
    pairs = copies.involution_names() if copies is not None and copies.n else []
    for i, inv in enumerate(pairs, 1):
        for x, y in inv:
            rows.append([f"involution {i}", x, "swap", y, None, ""])
    return fig, rows


def _draw_grid(plt: Any, env: Any, grid: dict[str, tuple[int, int]], data: dict, state: str | None,
               st: dict[str, float]) -> Any:
    """Cells as squares, walls (cells of the bounding box that are not states) filled dark grey."""
    from matplotlib.patches import Rectangle

    w = max(x for x, _ in grid.values()) + 1
    h = max(y for _, y in grid.values()) + 1
    cell_in = min(st["width"] / (w + 0.4), 1.2)
    fig, ax = plt.subplots(figsize=(st["width"] - 0.1, cell_in * h + 0.8))
    colour = _state_colours(env, data["copies"])
    at = {xy: s for s, xy in grid.items()}
    for y in range(h):
        for x in range(w):
            s = at.get((x, y))
            face = "#404040" if s is None else _tint(colour.get(s, "#ffffff"))
            ax.add_patch(Rectangle((x, -y - 1), 1, 1, facecolor=face, edgecolor="black", linewidth=0.6))
            if s is not None and cell_in * 72 >= st["font"] * 0.6 * len(s) + 4:
                ax.text(x + 0.5, -y - 0.5, s, ha="center", va="center")
    if state is not None and state in grid:
        x, y = grid[state]
        ax.add_patch(Rectangle((x + 0.04, -y - 0.96), 0.92, 0.92, facecolor="none", edgecolor="red",
                               linewidth=2 * st["line"]))
    ax.set_xlim(-0.05, w + 0.05)
    ax.set_ylim(-h - 0.05, 0.05)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax._orbitproof_pos = {s: (x + 0.5, -y - 0.5) for s, (x, y) in grid.items()}
    return fig


def _tint(colour: str, keep: float = 0.45) -> tuple[float, float, float]:
    """``colour`` mixed with white (cells stay light, so that the swap arcs drawn over them show)."""
    rgb = [int(colour[k:k + 2], 16) / 255 for k in (1, 3, 5)]
    return tuple(keep * c + (1 - keep) for c in rgb)  # type: ignore[return-value]


def _state_colours(env: Any, copies: Any) -> dict[str, str]:
    pairs = copies.involution_names() if copies is not None and copies.n else []
    colour: dict[str, str] = {}
    moved: dict[str, int] = {}
    for i, inv in enumerate(pairs):
        for x, y in inv:
            for z in (x, y):
                moved[z] = moved.get(z, 0) + 1
                colour[z] = _PALETTE[i % len(_PALETTE)] if moved[z] == 1 else "#ffd966"
    return colour


def _draw_graph(plt: Any, env: Any, data: dict, state: str | None, st: dict[str, float]) -> Any:
    """States as nodes in columns by distance from the fork state, actions as labelled edges."""
    import networkx as nx

    simple = nx.DiGraph()
    simple.add_nodes_from(env.states)
    labels: dict[tuple[str, str], list[str]] = {}
    for u, act, v, p in data["edges"]:
        simple.add_edge(u, v)
        labels.setdefault((u, v), []).append(act if p == 1 else f"{act} ({format_fraction(p)})")
    pos = _layered_layout(nx, simple, state if state in env.states else env.states[0])
    tallest = max(sum(1 for q in pos.values() if q[0] == x) for x, _ in pos.values())
    f = st["font"]
    # each node just wide enough for its own label (points); sizes are marker areas (points squared)
    diameter = {s: max(2.4 * f, 0.62 * f * len(s) + 6.0) for s in env.states}
    size = {s: d ** 2 for s, d in diameter.items()}
    row_pt = max(diameter.values()) + 4.0 * f
    fig, ax = plt.subplots(figsize=(st["width"] - 0.1, max(2.0, tallest * row_pt / 72 + 0.6)))
    colour = _state_colours(env, data["copies"])
    nodes = list(env.states)
    nx.draw_networkx_nodes(simple, pos, ax=ax, nodelist=nodes, node_color=[_tint(colour.get(s, "#dddddd"), 0.6)
                                                                          for s in nodes],
                           edgecolors="black", node_size=[size[s] for s in nodes], linewidths=0.6)
    term = data["terminal"]
    if term:
        nx.draw_networkx_nodes(simple, pos, nodelist=term, ax=ax, node_color="none", edgecolors="black",
                               node_size=[(diameter[s] + 5) ** 2 for s in term], linewidths=0.6)
    if state is not None:
        nx.draw_networkx_nodes(simple, pos, nodelist=[state], ax=ax, node_color="none", edgecolors="red",
                               node_size=[(diameter[state] + 3) ** 2], linewidths=1.6)
    nx.draw_networkx_labels(simple, pos, ax=ax, font_size=f)
    others = [(u, v) for u, v in simple.edges if u != v]
    nx.draw_networkx_edges(simple, pos, edgelist=others, ax=ax, arrows=True, arrowsize=f, nodelist=nodes,
                           node_size=[(diameter[s] + 4) ** 2 for s in nodes],
                           connectionstyle="arc3,rad=0.12", width=0.7)
    nx.draw_networkx_edge_labels(simple, pos, ax=ax, font_size=f,
                                 edge_labels={e: ", ".join(v) for e, v in labels.items() if e[0] != e[1]},
                                 connectionstyle="arc3,rad=0.12", bbox=dict(boxstyle="round,pad=0.1",
                                                                          fc="white", ec="none", alpha=0.8))
    for (u, v), acts in labels.items():
        if u == v:  # self-loop: a small labelled arc beside the node (drawing coordinates only)
            x, y = pos[u]
            radius = diameter[u] / 2
            ax.annotate(", ".join(acts), (float(x), float(y)), xytext=(radius + 0.6 * f, radius * 0.7),
                        textcoords="offset points", ha="left", va="center", color="#444444",
                        arrowprops=dict(arrowstyle="-|>", color="black", linewidth=0.7, shrinkA=1,
                                        shrinkB=radius + 2, connectionstyle="arc3,rad=-0.5"))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.5, max(xs) + 0.5)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.8)
    ax.set_axis_off()
    ax._orbitproof_pos = pos
    ax._orbitproof_radius = {s: d / 2 + 2 for s, d in diameter.items()}
    return fig


def plot_environment(env: Any, out: str | Path, *, state: str | None = None, a: str | None = None,
                     b: str | None = None, semantics: Semantics | None = None,
                     style_name: str = "paper") -> tuple[Path, Path]:
    """Draw ``env`` (:func:`environment_figure`) into ``out`` and its edges and involutions into the CSV."""
    path = _out_path(out)
    fig, rows = environment_figure(env, state=state, a=a, b=b, semantics=semantics, style_name=style_name)
    save_figure(fig, path, style(style_name))
    csv_path = _write_csv(path, ["item", "state", "action", "next_state", "p", "note"], rows)
    return path, csv_path


# ============================================================================ (b) scaling
def _reward(kind: str, d: int) -> tuple[int, ...]:
    if kind == "distinct":
        return tuple(range(d))
    if kind == "ties":
        if d < 3:
            raise FormatError("--reward-kind ties needs at least 3 states")
        return tuple([0] * (d - 3) + [2, 2, 1])
    raise FormatError(f"unknown reward kind {kind!r} (distinct or ties)")


SCALING_HEADER = ["n_param", "environment", "d", "reward", "b_gt_a", "a_gt_b", "tie", "orbit_size",
                  "weak_fraction", "copies_n", "bound_n_over_n_plus_1", "meets_bound"]


def scaling_data(template: str, *, state: str, a: str, b: str, semantics: Semantics, ns: Sequence[int],
                 reward_kind: str = "distinct", max_work: int | None = None,
                 quiet: bool = True) -> list[dict[str, Any]]:
    """For each n: the exact weak fraction #(B ≥ A)/|orbit| of a fixed reward pattern and the bound
    n'/(n'+1) with n' = the number of copies found (P22: a theorem when the copies exist).  Unless
    ``quiet``, one progress line per n on a terminal (with an ETA)."""
    from ..core.progress import Stages

    if "{n}" not in template:
        raise FormatError(f"--env-template {template!r} has no {{n}} placeholder")
    out = []
    with Stages(len(ns), label="plot scaling", quiet=quiet) as stages:
        for n in ns:
            with stages.stage(f"n = {n}"):
                out.append(_scaling_row(template, n, state, a, b, semantics, reward_kind, max_work))
    return out


def _scaling_row(template: str, n: int, state: str, a: str, b: str, semantics: Semantics, reward_kind: str,
                 max_work: int | None) -> dict[str, Any]:
    from ..mdp import resolve_environment
    from ..mdp.options import option_set_union
    from ..orbits import count_orbit
    from ..symmetry import find_copies

    spec = template.replace("{n}", str(n))
    env = resolve_environment(spec)
    A = option_set_union(env, state, a, semantics, nd=isinstance(semantics, Gain))
    B = option_set_union(env, state, b, semantics, nd=isinstance(semantics, Gain))
    r = _reward(reward_kind, len(env.states))
    kw = {} if max_work is None else {"max_work": max_work}
    res = count_orbit(A, B, r, **kw)
    cop = find_copies(env=env, state=state, a=a, b=b, semantics=semantics)
    weak = Fraction(res.b_gt_a + res.tie, res.orbit_size)
    bound = Fraction(cop.n, cop.n + 1) if cop.n else None
    return {"n_param": n, "environment": spec, "d": len(env.states),
            "reward": ",".join(str(x) for x in r), "b_gt_a": res.b_gt_a, "a_gt_b": res.a_gt_b,
            "tie": res.tie, "orbit_size": res.orbit_size, "weak_fraction": weak,
            "copies_n": cop.n, "bound_n_over_n_plus_1": bound,
            "meets_bound": None if bound is None else weak >= bound}


def scaling_figure(rows: Sequence[dict[str, Any]], *, template: str, state: str, a: str, b: str,
                   semantics: Semantics, reward_kind: str = "distinct", style_name: str = "paper") -> Any:
    """Exact weak fraction against n'/(n'+1) for the rows of :func:`scaling_data`."""
    plt = pyplot()
    st = style(style_name)
    with plt.rc_context(plot_rc(st)):
        # Drawing only: exact fractions converted to float for the axes.
        xs = [r["n_param"] for r in rows]
        fig, ax = plt.subplots(figsize=(st["width"] - 0.1, st["width"] * 0.75), layout="constrained")
        ax.plot(xs, [float(r["weak_fraction"]) for r in rows], "o-", color="#4c72b0",
                label=f"exact #(B≥A)/|orbit| ({reward_kind} r)")
        bx = [r["n_param"] for r in rows if r["bound_n_over_n_plus_1"] is not None]
        by = [float(r["bound_n_over_n_plus_1"]) for r in rows if r["bound_n_over_n_plus_1"] is not None]
        ax.plot(bx, by, "s--", color="#c44e52", label="n'/(n'+1), n' = copies found")
        ax.set_xlabel(f"n in {template}")
        ax.set_ylabel("fraction of the reward orbit")
        ax.set_xticks(xs)
        lo = min([float(r["weak_fraction"]) for r in rows] + by)
        ax.set_ylim(max(0.0, lo - 0.1), 1.0)
        ax.legend(loc="lower right")
        ax.set_title("\n".join(textwrap.wrap(f"{b} (B) vs {a} (A) at {state}, {semantics.name}",
                                             int(st["width"] * 72 / (st["font"] * 0.55)))))
    return fig


def plot_scaling(template: str, out: str | Path, *, state: str, a: str, b: str, semantics: Semantics,
                 ns: Sequence[int], reward_kind: str = "distinct",
                 style_name: str = "paper", quiet: bool = True) -> tuple[Path, Path, list[dict]]:
    path = _out_path(out)
    rows = scaling_data(template, state=state, a=a, b=b, semantics=semantics, ns=ns, reward_kind=reward_kind,
                        quiet=quiet)
    fig = scaling_figure(rows, template=template, state=state, a=a, b=b, semantics=semantics,
                         reward_kind=reward_kind, style_name=style_name)
    save_figure(fig, path, style(style_name))
    csv_path = _write_csv(path, SCALING_HEADER, [[r[k] for k in SCALING_HEADER] for r in rows])
    return path, csv_path, rows


# ============================================================================ (c) gamma
GAMMA_HEADER = ["semantics", "gamma", "b_gt_a", "a_gt_b", "tie", "orbit_size", "weak_fraction"]


def gamma_data(env: Any, *, state: str, a: str, b: str, reward: Any, gammas: Sequence[Fraction],
               gain_reference: bool = True, quiet: bool = True) -> list[dict[str, Any]]:
    """Exact counts at each exact γ (and, optionally, under gain as a reference row).  Unless
    ``quiet``, one progress line per semantics on a terminal (with an ETA)."""
    from ..core.progress import Stages
    from ..mdp.options import option_set_union
    from ..orbits import count_orbit

    if isinstance(reward, str):
        r = parse_vector(reward, env.states, field="--reward")
    else:
        r = to_fractions(reward, "reward")
    if len(r) != len(env.states):
        raise FormatError(f"--reward has {len(r)} entries, the environment has {len(env.states)} states")
    sems: list[Semantics] = [Discounted(g) for g in gammas]
    if gain_reference:
        sems.append(Gain())
    out = []
    with Stages(len(sems), label="plot gamma", quiet=quiet) as stages:
        for sem in sems:
            with stages.stage(sem.name):
                A = option_set_union(env, state, a, sem, nd=isinstance(sem, Gain))
                B = option_set_union(env, state, b, sem, nd=isinstance(sem, Gain))
                res = count_orbit(A, B, r)
            out.append({"semantics": sem.name, "gamma": sem.gamma if isinstance(sem, Discounted) else None,
                        "b_gt_a": res.b_gt_a, "a_gt_b": res.a_gt_b, "tie": res.tie,
                        "orbit_size": res.orbit_size, "weak_fraction": Fraction(res.b_gt_a + res.tie, res.orbit_size)})
    return out


def gamma_figure(rows: Sequence[dict[str, Any]], *, env_name: str, state: str, a: str, b: str,
                 style_name: str = "paper") -> Any:
    """Exact counts against γ for the rows of :func:`gamma_data` (gain as dotted reference lines)."""
    plt = pyplot()
    st = style(style_name)
    disc = [r for r in rows if r["gamma"] is not None]
    gain = [r for r in rows if r["gamma"] is None]
    with plt.rc_context(plot_rc(st)):
        fig, ax = plt.subplots(figsize=(st["width"] - 0.1, st["width"] * 0.75), layout="constrained")
        xs = [float(r["gamma"]) for r in disc]  # drawing only
        styles = (("b_gt_a", "B>A", "#4c72b0", "o"), ("a_gt_b", "A>B", "#c44e52", "s"), ("tie", "tie", "#8c8c8c", "^"))
        for key, label, c, m in styles:
            ax.plot(xs, [r[key] for r in disc], marker=m, color=c, label=f"#({label})")
            for g in gain:
                ax.axhline(g[key], color=c, linestyle=":", linewidth=st["line"])
        if gain:
            ax.plot([], [], color="black", linestyle=":", label="under gain")
        ax.set_xlabel("γ (exact values in the CSV)")
        ax.set_ylabel(f"orbit elements (of {rows[0]['orbit_size']})")
        ax.set_xticks(xs)
        ax.set_xticklabels([format_fraction(r["gamma"]) for r in disc])
        ax.set_xlim(-0.05, 1.0)
        ax.legend(loc="best")
        ax.set_title("\n".join(textwrap.wrap(f"{env_name}: {b} (B) vs {a} (A) at {state}",
                                             int(st["width"] * 72 / (st["font"] * 0.55)))))
        # γ tick labels closer than their width: show every other one
        if len(xs) > 1 and min(b2 - a2 for a2, b2 in zip(xs, xs[1:])) < 0.09 * 3.5 / st["width"]:
            for k, lab in enumerate(ax.get_xticklabels()):
                lab.set_visible(k % 2 == 0)
    return fig


def plot_gamma(env: Any, out: str | Path, *, state: str, a: str, b: str, reward: Any,
               gammas: Sequence[Fraction], gain_reference: bool = True,
               style_name: str = "paper", quiet: bool = True) -> tuple[Path, Path, list[dict]]:
    path = _out_path(out)
    rows = gamma_data(env, state=state, a=a, b=b, reward=reward, gammas=gammas, gain_reference=gain_reference,
                      quiet=quiet)
    fig = gamma_figure(rows, env_name=env.name, state=state, a=a, b=b, style_name=style_name)
    save_figure(fig, path, style(style_name))
    csv_path = _write_csv(path, GAMMA_HEADER, [[r[k] for k in GAMMA_HEADER] for r in rows])
    return path, csv_path, rows
