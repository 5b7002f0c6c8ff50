"""Figures (``orbitproof plot``): environments, the scaling law, counts against γ.

Every data point is computed exactly (Fractions, exact orbit counts); floats appear only when a
value is handed to matplotlib for drawing.  Each figure is written together with a CSV of the exact
data behind it (same stem, ``.csv``) so that a paper can cite the numbers.

matplotlib is an optional extra: ``pip install "orbitproof[plot]"``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..core.errors import FormatError, OrbitproofError
from ..core.exact import format_fraction, parse_vector, to_fraction, to_fractions
from ..core.semantics import Discounted, Gain, Semantics

__all__ = ["pyplot", "parse_range", "parse_gammas", "environment_data", "plot_environment",
           "scaling_data", "plot_scaling", "gamma_data", "plot_gamma", "rows_csv"]

_SUFFIXES = (".png", ".pdf", ".svg")


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


def plot_environment(env: Any, out: str | Path, *, state: str | None = None, a: str | None = None,
                     b: str | None = None, semantics: Semantics | None = None) -> tuple[Path, Path]:
    """Draw ``env`` (states as nodes, actions as labelled edges, terminals double-circled,
    self-loops drawn); with state/a/b colour the state pairs swapped by each involution found."""
    import networkx as nx

    plt = pyplot()
    path = _out_path(out)
    data = environment_data(env, state=state, a=a, b=b, semantics=semantics)
    G = data["graph"]
    copies = data["copies"]
    pairs = copies.involution_names() if copies is not None and copies.n else []

    simple = nx.DiGraph()
    simple.add_nodes_from(env.states)
    labels: dict[tuple[str, str], list[str]] = {}
    for u, act, v, p in data["edges"]:
        simple.add_edge(u, v)
        labels.setdefault((u, v), []).append(act if p == 1 else f"{act} ({format_fraction(p)})")
    pos = _layered_layout(nx, simple, state if state in env.states else env.states[0])

    columns = len({x for x, _ in pos.values()})
    tallest = max(sum(1 for q in pos.values() if q[0] == x) for x, _ in pos.values())
    width = max(6.0, min(24.0, 2.4 * columns + 2.5))
    height = max(4.0, min(40.0, 1.1 * tallest + 1.5))
    fig, ax = plt.subplots(figsize=(width, height))
    palette = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c",
               "#ccb974", "#64b5cd"]
    colour = {s: "#eeeeee" for s in env.states}
    moved_by: dict[str, int] = {}
    legend = []
    swaps = []  # (x, y, colour, i): drawn as dashed arcs, so that every pair stays visible
    for i, inv in enumerate(pairs):
        c = palette[i % len(palette)]
        for x, y in inv:
            for z in (x, y):
                moved_by[z] = moved_by.get(z, 0) + 1
                colour[z] = c if moved_by[z] == 1 else "#ffd966"
            swaps.append((x, y, c, i))
        legend.append((c, f"φ{i + 1} = " + "".join(f"({x} {y})" for x, y in inv)))
    if any(k > 1 for k in moved_by.values()):
        legend.append(("#ffd966", "moved by several φ (see dashed arcs)"))
    if state is not None:
        colour.setdefault(state, "#eeeeee")
    node_colours = [colour[s] for s in env.states]
    nx.draw_networkx_nodes(simple, pos, ax=ax, node_color=node_colours, edgecolors="black", node_size=900)
    term = data["terminal"]
    if term:
        nx.draw_networkx_nodes(simple, pos, nodelist=term, ax=ax, node_color="none", edgecolors="black",
                               node_size=1250, linewidths=1.0)
    if state is not None:
        nx.draw_networkx_nodes(simple, pos, nodelist=[state], ax=ax, node_color="none", edgecolors="red",
                               node_size=1100, linewidths=2.5)
    nx.draw_networkx_labels(simple, pos, ax=ax, font_size=8)
    loops = [(u, v) for u, v in simple.edges if u == v]
    others = [(u, v) for u, v in simple.edges if u != v]
    nx.draw_networkx_edges(simple, pos, edgelist=others, ax=ax, arrows=True, arrowsize=14, node_size=900,
                           connectionstyle="arc3,rad=0.12")
    # self-loops: a small arc above the node, sized in points (independent of the layout's scale)
    from matplotlib.transforms import offset_copy

    for u, _ in loops:
        ax.annotate("", xy=pos[u], xycoords=offset_copy(ax.transData, fig=fig, x=9, y=15, units="points"),
                    xytext=pos[u], textcoords=offset_copy(ax.transData, fig=fig, x=-9, y=15, units="points"),
                    arrowprops=dict(arrowstyle="-|>", color="black", linewidth=1, shrinkA=0, shrinkB=0,
                                    connectionstyle="arc3,rad=-1.6"))
    nx.draw_networkx_edge_labels(simple, pos, ax=ax, font_size=7,
                                 edge_labels={e: ", ".join(v) for e, v in labels.items() if e[0] != e[1]},
                                 connectionstyle="arc3,rad=0.12")
    for (u, v), acts in labels.items():
        if u == v:  # label the self-loop just above it (drawing coordinates only)
            x, y = pos[u]
            ax.annotate(", ".join(acts), (float(x), float(y)), xytext=(0, 31), textcoords="offset points",
                        ha="center", fontsize=7, color="#444444")
    for x, y, c, i in swaps:
        ax.annotate("", xy=pos[y], xytext=pos[x],
                    arrowprops=dict(arrowstyle="<->", color=c, linestyle="--", linewidth=1.2,
                                    shrinkA=14, shrinkB=14, connectionstyle=f"arc3,rad={0.35 + 0.12 * (i % 5)}"))
    for c, text in legend:
        ax.plot([], [], "o", color=c, label=text)
    if term:
        ax.plot([], [], "o", markerfacecolor="none", markeredgecolor="black", label="terminal (only self-loops)")
    if state is not None:
        ax.plot([], [], "o", markerfacecolor="none", markeredgecolor="red", label=f"fork state {state}")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="best", fontsize=7, framealpha=0.9)
    title = env.name
    if copies is not None:
        n = "unbounded (A ⊆ B)" if copies.n is None else str(copies.n)
        title += f": {b} vs {a} at {state} ({semantics}), n = {n} cop{'y' if copies.n == 1 else 'ies'}"
    ax.set_title(title, fontsize=9)
    ax.margins(0.15)
    ax.set_axis_off()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    rows: list[list[Any]] = [["edge", u, act, v, p, "terminal" if u in term else ""]
                             for u, act, v, p in data["edges"]]
    for i, inv in enumerate(pairs, 1):
        for x, y in inv:
            rows.append([f"involution {i}", x, "swap", y, None, ""])
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
                 reward_kind: str = "distinct", max_work: int | None = None) -> list[dict[str, Any]]:
    """For each n: the exact weak fraction #(B ≥ A)/|orbit| of a fixed reward pattern and the bound
    n'/(n'+1) with n' = the number of copies found (P22: a theorem when the copies exist)."""
    from ..mdp.options import option_set_union
    from ..mdp import resolve_environment
    from ..orbits import count_orbit
    from ..symmetry import find_copies

    if "{n}" not in template:
        raise FormatError(f"--env-template {template!r} has no {{n}} placeholder")
    out = []
    for n in ns:
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
        out.append({"n_param": n, "environment": spec, "d": len(env.states),
                    "reward": ",".join(str(x) for x in r), "b_gt_a": res.b_gt_a, "a_gt_b": res.a_gt_b,
                    "tie": res.tie, "orbit_size": res.orbit_size, "weak_fraction": weak,
                    "copies_n": cop.n, "bound_n_over_n_plus_1": bound,
                    "meets_bound": None if bound is None else weak >= bound})
    return out


def plot_scaling(template: str, out: str | Path, *, state: str, a: str, b: str, semantics: Semantics,
                 ns: Sequence[int], reward_kind: str = "distinct") -> tuple[Path, Path, list[dict]]:
    plt = pyplot()
    path = _out_path(out)
    rows = scaling_data(template, state=state, a=a, b=b, semantics=semantics, ns=ns, reward_kind=reward_kind)
    # Drawing only: exact fractions converted to float for the axes.
    xs = [r["n_param"] for r in rows]
    fig, ax = plt.subplots(figsize=(6.5, 4))
    ax.plot(xs, [float(r["weak_fraction"]) for r in rows], "o-", color="#4c72b0", markersize=9,
            label=f"exact #(B≥A)/|orbit| ({reward_kind} rewards)")
    bx = [r["n_param"] for r in rows if r["bound_n_over_n_plus_1"] is not None]
    by = [float(r["bound_n_over_n_plus_1"]) for r in rows if r["bound_n_over_n_plus_1"] is not None]
    ax.plot(bx, by, "s--", color="#c44e52", markersize=4, label="n/(n+1), n = copies found")
    for r in rows:
        ax.annotate(format_fraction(r["weak_fraction"]), (r["n_param"], float(r["weak_fraction"])),
                    xytext=(0, 6), textcoords="offset points", ha="center", fontsize=7)
    ax.set_xlabel(f"n in {template}")
    ax.set_ylabel("fraction of the reward orbit")
    ax.set_xticks(xs)
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(f"{b} vs {a} at {state}, {semantics}", fontsize=9)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    csv_path = _write_csv(path, SCALING_HEADER, [[r[k] for k in SCALING_HEADER] for r in rows])
    return path, csv_path, rows


# ============================================================================ (c) gamma
GAMMA_HEADER = ["semantics", "gamma", "b_gt_a", "a_gt_b", "tie", "orbit_size", "weak_fraction"]


def gamma_data(env: Any, *, state: str, a: str, b: str, reward: Any, gammas: Sequence[Fraction],
               gain_reference: bool = True) -> list[dict[str, Any]]:
    """Exact counts at each exact γ (and, optionally, under gain as a reference row)."""
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
    for sem in sems:
        A = option_set_union(env, state, a, sem, nd=isinstance(sem, Gain))
        B = option_set_union(env, state, b, sem, nd=isinstance(sem, Gain))
        res = count_orbit(A, B, r)
        out.append({"semantics": sem.name, "gamma": sem.gamma if isinstance(sem, Discounted) else None,
                    "b_gt_a": res.b_gt_a, "a_gt_b": res.a_gt_b, "tie": res.tie, "orbit_size": res.orbit_size,
                    "weak_fraction": Fraction(res.b_gt_a + res.tie, res.orbit_size)})
    return out


def plot_gamma(env: Any, out: str | Path, *, state: str, a: str, b: str, reward: Any,
               gammas: Sequence[Fraction], gain_reference: bool = True) -> tuple[Path, Path, list[dict]]:
    plt = pyplot()
    path = _out_path(out)
    rows = gamma_data(env, state=state, a=a, b=b, reward=reward, gammas=gammas, gain_reference=gain_reference)
    disc = [r for r in rows if r["gamma"] is not None]
    gain = [r for r in rows if r["gamma"] is None]
    fig, ax = plt.subplots(figsize=(6.5, 4))
    xs = [float(r["gamma"]) for r in disc]  # drawing only
    styles = (("b_gt_a", "B>A", "#4c72b0"), ("a_gt_b", "A>B", "#c44e52"), ("tie", "tie", "#8c8c8c"))
    for key, label, c in styles:
        ax.plot(xs, [r[key] for r in disc], "o-", color=c, label=f"#({label})")
        for g in gain:
            ax.axhline(g[key], color=c, linestyle=":", linewidth=1, label=f"#({label}) under gain")
    ax.set_xlabel("γ (exact values; see the CSV)")
    ax.set_ylabel(f"orbit elements (|orbit| = {rows[0]['orbit_size']})")
    ax.set_xticks(xs)
    ax.set_xticklabels([format_fraction(r["gamma"]) for r in disc], fontsize=7)
    ax.legend(loc="best", fontsize=7)
    ax.set_title(f"{env.name}: {b} vs {a} at {state}", fontsize=9)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    csv_path = _write_csv(path, GAMMA_HEADER, [[r[k] for k in GAMMA_HEADER] for r in rows])
    return path, csv_path, rows
