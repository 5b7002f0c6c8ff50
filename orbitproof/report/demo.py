"""The seed's analysis end to end (``orbitproof demo``): copies, exact orbit counts, certificates.

Reproduces, on catalog environments (docs/math.md §10):

* **candy** (§10.1): B = wait vs A = candy at ``start``; 2 copies under gain; orbit counts under gain
  and at γ = 1/2 for the four rewards of the docs/math.md table;
* **2 vs 51** (§10.5, B-stake): ``terminal:m=2,n=51``, live vs die under gain; ⌊51/2⌋ = 25 copies
  give the proven weak fraction 25/26, the fractional conjecture 51/53; both against the exact count;
* **fig1** (§10.2): right vs up (n = 2), right vs left (n = 1), left vs up, not-up vs up (n = 3,
  Cor D.12) under gain.

For every row the n used is the number of copies *found by orbitproof under the row's own
semantics*; the n-fold law ``#(B>A) ≥ n·#(A>B)`` is a theorem there (P22 Lemma D.3 with g = id:
B contains n copies of ND(A)), so a failure would be a checker bug.  The column "gain n" shows what
the gain-optimality copies would claim when transferred to another semantics — an investigation,
not a theorem (docs/math.md §9.3 F10).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..core.errors import OrbitproofError
from ..core.exact import format_fraction
from .tables import latex_table, parse_columns, tex, tex_frac, tex_int, tex_semantics
from ..core.semantics import Discounted, Gain, Semantics

__all__ = ["DemoRow", "demo_rows", "run_demo", "format_table", "rows_to_csv", "rows_to_latex", "LATEX_COLUMNS",
           "LATEX_DEFAULT"]


@dataclass(frozen=True)
class DemoRow:
    """One comparison of the demo: B vs A at ``state`` under ``semantics`` for one reward."""

    env: str
    state: str
    b: str
    a: str
    semantics: Semantics
    reward: tuple[Fraction, ...]
    reward_label: str
    b_gt_a: int
    a_gt_b: int
    tie: int
    orbit_size: int
    n: int | None          # copies found under this row's semantics (None = degenerate A ⊆ B)
    n_gain: int | None     # copies under gain optimality
    conjectured: Fraction | None = None  # e.g. 51/53 for the fractional conjecture
    certificate: str | None = None

    @property
    def weak_fraction(self) -> Fraction:
        """#{r' : g(B) ≥ g(A)} / |orbit| (P22 Lemma B.3; ties count for B)."""
        return Fraction(self.b_gt_a + self.tie, self.orbit_size)

    def law_holds(self, n: int | None) -> bool | None:
        """``#(B>A) ≥ n·#(A>B)`` (P22 Def 3.2), or None without an n."""
        if n is None or n == 0:
            return None
        return self.b_gt_a >= n * self.a_gt_b

    @property
    def bound(self) -> Fraction | None:
        return Fraction(self.n, self.n + 1) if self.n else None


def _spec() -> list[dict[str, Any]]:
    candy_rewards = [(1, 0, 0, 0, 0), (1, 1, 0, 0, 0), (0, 1, 2, 3, 4), (0, 0, 0, 1, 2)]
    rows: list[dict[str, Any]] = []
    for sem in (Gain(), Discounted("1/2")):
        for r in candy_rewards:
            rows.append(dict(env="candy", state="start", b="wait", a="candy", semantics=sem, reward=r))
    d = 56  # start, die, live, d1, d2, l1..l51
    # 56 distinct values: far more than 200,000 classes, so the certificate carries unit-block evidence
    # (blocks of interchangeable coordinates; the verifier counts by its own formula).
    rows.append(dict(env="terminal:m=2,n=51", state="start", b="live", a="die", semantics=Gain(),
                     reward=tuple(range(d)), label="0,1,…,55", conjectured=Fraction(51, 53)))
    tied = tuple([0] * (d - 3) + [2, 2, 1])
    rows.append(dict(env="terminal:m=2,n=51", state="start", b="live", a="die", semantics=Gain(),
                     reward=tied, label="0,…,0,2,2,1", conjectured=Fraction(51, 53)))
    fig1_r = tuple(range(8))
    for b, a in (("right", "up"), ("right", "left"), ("left", "up"), ("left,right", "up")):
        rows.append(dict(env="fig1", state="star", b=b, a=a, semantics=Gain(), reward=fig1_r,
                         label="0,1,…,7"))
    return rows


def _label(r: tuple) -> str:
    return "(" + ",".join(format_fraction(Fraction(x)) for x in r) + ")"


def demo_rows(*, certificates_dir: Path | None = None, stages: Any = None) -> list[DemoRow]:
    """Compute every row (and write one certificate per row into ``certificates_dir``); ``stages`` (a
    :class:`~orbitproof.core.progress.Stages`) gets one stage per row."""
    from contextlib import nullcontext

    from ..mdp import resolve_environment
    from ..mdp.options import option_set_union
    from ..orbits import count_orbit
    from ..symmetry import find_copies

    envs: dict[str, Any] = {}
    copies_cache: dict[tuple, int | None] = {}

    def copies(env_name: str, state: str, b: str, a: str, sem: Semantics) -> int | None:
        key = (env_name, state, b, a, sem)
        if key not in copies_cache:
            res = find_copies(env=envs[env_name], state=state, a=a, b=b, semantics=sem)
            copies_cache[key] = res.n
        return copies_cache[key]

    def row(i: int, spec: dict[str, Any]) -> DemoRow:
        name, sem = spec["env"], spec["semantics"]
        env = envs.setdefault(name, resolve_environment(name))
        A = option_set_union(env, spec["state"], spec["a"], sem, nd=isinstance(sem, Gain))
        B = option_set_union(env, spec["state"], spec["b"], sem, nd=isinstance(sem, Gain))
        res = count_orbit(A, B, spec["reward"], progress=False)  # the stage line shows progress
        cert_name = None
        if certificates_dir is not None:
            cert_name = _write_cert(certificates_dir, i, spec, env, res)
        return DemoRow(
            env=name, state=spec["state"], b=spec["b"], a=spec["a"], semantics=sem,
            reward=tuple(Fraction(x) for x in spec["reward"]),
            reward_label=spec.get("label") or _label(spec["reward"]),
            b_gt_a=res.b_gt_a, a_gt_b=res.a_gt_b, tie=res.tie, orbit_size=res.orbit_size,
            n=copies(name, spec["state"], spec["b"], spec["a"], sem),
            n_gain=copies(name, spec["state"], spec["b"], spec["a"], Gain()),
            conjectured=spec.get("conjectured"), certificate=cert_name,
        )

    out: list[DemoRow] = []
    for i, spec in enumerate(_spec()):
        label = spec.get("label") or _label(spec["reward"])
        what = f"{spec['env']}: {spec['b']} vs {spec['a']}, {spec['semantics'].name}, r = {label}"
        with stages.stage(what) if stages is not None else nullcontext():
            out.append(row(i, spec))
    return out


def _write_cert(folder: Path, i: int, spec: dict, env, res) -> str:
    from ..certificates.build import orbit_count_certificate, write_certificate

    sem = spec["semantics"]
    tag = "gain" if isinstance(sem, Gain) else "gamma-" + format_fraction(sem.gamma).replace("/", "_")
    env_tag = spec["env"].replace(":", "-").replace("=", "").replace(",", "-")
    fname = f"{i:02d}-{env_tag}-{spec['b'].replace(',', '+')}-vs-{spec['a']}-{tag}.json"
    try:
        cert = orbit_count_certificate(res, environment=env, state=spec["state"], a=spec["a"], b=spec["b"],
                                       semantics=sem, reward=spec["reward"])
    except OrbitproofError as exc:
        # neither class evidence (too many classes) nor unit-block evidence (ties, non-unit blocks)
        return f"(none: {exc})"
    write_certificate(cert, folder / fname)
    return fname


# ----------------------------------------------------------------------------- rendering
_HEADER = ["environment", "B vs A", "semantics", "reward", "B>A", "A>B", "tie", "|orbit|",
           "weak fraction", "n", "n/(n+1)", "law holds", "gain n", "law with gain n", "conjectured"]


def _short(k: int) -> str:
    """Exact integers, abbreviated for the terminal table only (CSV/LaTeX/certificates keep all digits)."""
    text = str(k)
    return text if len(text) <= 16 else f"{text[:6]}…({len(text)} digits)"


def _cells(row: DemoRow) -> list[str]:
    def yn(v: bool | None) -> str:
        return "—" if v is None else ("yes" if v else "NO")

    return [
        row.env, f"{row.b} vs {row.a}", row.semantics.name, row.reward_label,
        _short(row.b_gt_a), _short(row.a_gt_b), _short(row.tie), _short(row.orbit_size),
        format_fraction(row.weak_fraction),
        "A⊆B" if row.n is None else str(row.n),
        format_fraction(row.bound) if row.bound is not None else "—",
        yn(row.law_holds(row.n)),
        "A⊆B" if row.n_gain is None else str(row.n_gain),
        yn(row.law_holds(row.n_gain)),
        format_fraction(row.conjectured) if row.conjectured is not None else "—",
    ]


def format_table(rows: list[DemoRow]) -> str:
    """A plain-text table of the rows (exact rationals)."""
    cells = [_HEADER] + [_cells(r) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(_HEADER))]
    lines = ["  ".join(c[i].ljust(widths[i]) for i in range(len(c))) for c in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def rows_to_csv(rows: list[DemoRow]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["environment", "state", "b", "a", "semantics", "reward", "b_gt_a", "a_gt_b", "tie",
                "orbit_size", "weak_fraction", "n", "n_over_n_plus_1", "law_holds", "n_gain",
                "law_holds_gain_n", "conjectured", "certificate"])
    for r in rows:
        w.writerow([r.env, r.state, r.b, r.a, r.semantics.name,
                    ",".join(format_fraction(x) for x in r.reward), r.b_gt_a, r.a_gt_b, r.tie,
                    r.orbit_size, format_fraction(r.weak_fraction), "" if r.n is None else r.n,
                    format_fraction(r.bound) if r.bound is not None else "",
                    r.law_holds(r.n), "" if r.n_gain is None else r.n_gain, r.law_holds(r.n_gain),
                    format_fraction(r.conjectured) if r.conjectured is not None else "",
                    r.certificate or ""])
    return buf.getvalue()


#: Columns of :func:`rows_to_latex`: key -> (LaTeX head, alignment).  The law columns are the point of the
#: demo: with the gain copies, the n-fold law fails at γ = 1/2 (docs/math.md §9.3 F10).
LATEX_COLUMNS: dict[str, tuple[str, str]] = {
    "environment": ("env.", "l"), "b_vs_a": ("$B$ vs $A$", "l"), "semantics": ("sem.", "l"),
    "reward": ("reward $r$", "l"), "b_gt_a": ("$B{>}A$", "r"), "a_gt_b": ("$A{>}B$", "r"), "tie": ("tie", "r"),
    "orbit_size": (r"$|\mathrm{orbit}|$", "r"), "weak_fraction": (r"$\frac{\#(B\geq A)}{|\mathrm{orbit}|}$", "r"),
    "n": ("$n$", "r"), "bound": (r"$\frac{n}{n+1}$", "r"), "law": ("law", "c"), "n_gain": (r"$n_{\mathrm{g}}$", "r"),
    "law_gain": (r"law$_{\mathrm{g}}$", "c"), "conjectured": ("conj.", "r"),
}
#: The default: fits \\columnwidth of a two-column paper.  Environment, comparison, reward and |orbit| head
#: each group of rows; tie = |orbit| - #(B>A) - #(A>B).
LATEX_DEFAULT = ["semantics", "b_gt_a", "a_gt_b", "weak_fraction", "n", "law", "n_gain", "law_gain"]
_GROUP_KEYS = {"environment", "b_vs_a", "reward", "orbit_size"}


def _latex_cell(r: DemoRow, key: str) -> str:
    def law(v: bool | None) -> str:
        return "--" if v is None else ("yes" if v else r"\textbf{no}")

    def copies(n: int | None) -> str:
        return r"$\infty$" if n is None else f"${n}$"

    return {
        "environment": lambda: tex(r.env), "b_vs_a": lambda: tex(f"{r.b} vs {r.a}"),
        "semantics": lambda: tex_semantics(r.semantics), "reward": lambda: tex(r.reward_label),
        "b_gt_a": lambda: tex_int(r.b_gt_a), "a_gt_b": lambda: tex_int(r.a_gt_b), "tie": lambda: tex_int(r.tie),
        "orbit_size": lambda: tex_int(r.orbit_size), "weak_fraction": lambda: tex_frac(r.weak_fraction),
        "n": lambda: copies(r.n), "bound": lambda: tex_frac(r.bound), "law": lambda: law(r.law_holds(r.n)),
        "n_gain": lambda: copies(r.n_gain), "law_gain": lambda: law(r.law_holds(r.n_gain)),
        "conjectured": lambda: tex_frac(r.conjectured),
    }[key]()


def rows_to_latex(rows: list[DemoRow], columns: str | list[str] | None = None, *,
                  caption: str | None = None, label: str = "tab:orbitproof-demo") -> str:
    """A ``table`` float with caption and label (needs ``\\usepackage{booktabs}``): one group per
    environment and comparison, long counts in scientific form (exact values in results.csv)."""
    cols = parse_columns(columns, list(LATEX_COLUMNS), LATEX_DEFAULT)
    head = [LATEX_COLUMNS[c][0] for c in cols]
    align = "".join(LATEX_COLUMNS[c][1] for c in cols)
    grouped: dict[str, list[list[str]]] = {}
    for r in rows:
        title = [f"\\emph{{{tex(r.env)}}}: {tex(r.b)} ($B$) vs {tex(r.a)} ($A$) at {tex(r.state)}"]
        if "reward" not in cols:
            title.append(f"$r = ({tex(r.reward_label.strip('()'))})$".replace(r"\dots{}", r"\dots"))
        if "orbit_size" not in cols:
            title.append(f"$|\\mathrm{{orbit}}| = {tex_int(r.orbit_size).strip('$')}$")
        grouped.setdefault(title[0] + "\n" * (len(title) > 1) + ", ".join(title[1:]), []).append([_latex_cell(r, c) for c in cols])
    groups = list(grouped.items())
    if caption is None:
        caption = ("Exact orbit counts (orbitproof demo). $n$: copies of $A$ in $B$ found under the row's "
                   "semantics, for which the law $\\#(B{>}A) \\geq n\\,\\#(A{>}B)$ is a theorem; "
                   "$n_{\\mathrm{g}}$: the gain copies transferred to the row's semantics, where the law "
                   "can fail; $\\infty$: $A \\subseteq B$. Ties: $|\\mathrm{orbit}| - \\#(B{>}A) - \\#(A{>}B)$. "
                   "Counts with more than six digits are rounded; results.csv has exact values.")
    return latex_table(head, align, groups, caption=caption, label=label)


def fractions_figure(rows: list[DemoRow], style_name: str = "paper") -> Any:
    """Weak fraction of every row against the proven n/(n+1), one horizontal bar per row."""
    from . import plot

    plt = plot.pyplot()
    st = plot.style(style_name)
    with plt.rc_context(plot.plot_rc(st)):
        # Plotting only: the exact fractions are converted for drawing, never for a verdict.
        fig, ax = plt.subplots(figsize=(st["width"] - 0.1, 0.36 * st["font"] / 8 * len(rows) + 1.0), layout="constrained")
        ys = list(range(len(rows)))[::-1]
        exact = [r.weak_fraction.numerator / r.weak_fraction.denominator for r in rows]
        ax.barh(ys, exact, color="#4c72b0", height=0.6, label="exact #(B≥A)/|orbit|")
        for y, r in zip(ys, rows):
            if r.bound is not None:
                b = r.bound.numerator / r.bound.denominator
                ax.vlines(b, y - 0.4, y + 0.4, colors="#c44e52", linewidth=2 * st["line"])
        ax.plot([], [], color="#c44e52", linewidth=2 * st["line"], label="proven n/(n+1)")
        ax.set_yticks(ys)
        ax.set_yticklabels([_short_label(r) for r in rows])
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of the orbit with B ≥ A")
        ax.set_ylabel("B vs A; semantics, reward")
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=1, frameon=False, borderaxespad=0.2)
    return fig


def _short_label(r: DemoRow) -> str:
    env = {"terminal:m=2,n=51": "2 vs 51"}.get(r.env, r.env)
    sem = "γ=" + format_fraction(r.semantics.gamma) if isinstance(r.semantics, Discounted) else r.semantics.name
    return f"{env}: {r.b} vs {r.a}\n{sem}, {r.reward_label}"


def demo_figures(rows: list[DemoRow], style_name: str = "paper") -> list[tuple[str, Any]]:
    """The report's figures as ``(name, build)``; ``build()`` returns ``(figure, csv header, csv rows)``
    (no CSV when the header is empty): the weak fractions of every row, the environments with their
    copies, the scaling law over ``terminal:m=2,n={n}`` and candy's counts against γ."""
    from ..mdp import resolve_environment
    from . import plot

    env_header = ["item", "state", "action", "next_state", "p", "note"]

    def env_fig(name: str, state: str, a: str, b: str):
        def build():
            fig, data = plot.environment_figure(resolve_environment(name), state=state, a=a, b=b,
                                                semantics=Gain(), style_name=style_name)
            return fig, env_header, data
        return build

    def scaling():
        kw: dict[str, Any] = dict(state="start", a="die", b="live", semantics=Gain())
        data = plot.scaling_data("terminal:m=2,n={n}", ns=range(2, 9), **kw)
        fig = plot.scaling_figure(data, template="terminal:m=2,n={n}", style_name=style_name, **kw)
        return fig, plot.SCALING_HEADER, [[r[k] for k in plot.SCALING_HEADER] for r in data]

    def gamma():
        env = resolve_environment("candy")
        gammas = [Fraction(1, 10), Fraction(1, 4), Fraction(1, 2), Fraction(3, 4), Fraction(9, 10)]
        data = plot.gamma_data(env, state="start", a="candy", b="wait", reward=(0, 1, 2, 3, 4), gammas=gammas)
        fig = plot.gamma_figure(data, env_name=env.name, state="start", a="candy", b="wait",
                                style_name=style_name)
        return fig, plot.GAMMA_HEADER, [[r[k] for k in plot.GAMMA_HEADER] for r in data]

    return [("fractions", lambda: (fractions_figure(rows, style_name), [], [])),
            ("env-candy", env_fig("candy", "start", "candy", "wait")),
            ("env-fig1", env_fig("fig1", "star", "up", "left,right")),
            ("scaling", scaling),
            ("gamma", gamma)]


def _plot(rows: list[DemoRow], folder: Path, stages: Any = None, style_name: str = "paper") -> list[str]:
    """Write every figure of :func:`demo_figures` as PNG and PDF (+ CSV of its exact data)."""
    from contextlib import nullcontext

    try:
        from . import plot

        plt = plot.pyplot()
    except OrbitproofError:  # matplotlib is an optional extra
        return []
    names = []
    for name, build in demo_figures(rows, style_name):
        with stages.stage(f"figure {name}") if stages is not None else nullcontext():
            fig, header, data = build()
            for ext in ("png", "pdf"):
                names.append(plot.save_figure(fig, folder / f"{name}.{ext}", plot.style(style_name), close=False).name)
            plt.close(fig)
            if header:
                (folder / f"{name}.csv").write_text(plot.rows_csv(header, data), encoding="utf-8")
                names.append(f"{name}.csv")
    return names


def run_demo(out: str | Path = "orbitproof-report", *, quiet: bool = True,
             style_name: str = "paper") -> tuple[list[DemoRow], Path]:
    """Compute the rows and write the report folder: certificates/, results.csv, results.tex, the
    figures (PNG + PDF + CSV, if matplotlib is installed) and report.md linking them.  Progress: one
    stage line per row and per figure on a TTY (silent with ``quiet``).  Every output is
    byte-reproducible (no dates, no absolute paths)."""
    from ..core.progress import Stages

    folder = Path(out)
    certs = folder / "certificates"
    certs.mkdir(parents=True, exist_ok=True)
    n_rows = len(_spec())
    # weights: the rough relative cost of each stage (2 vs 51 and the figures dominate)
    weights = [6.0 if s["env"].startswith("terminal") else 1.0 for s in _spec()] + [2.0, 2.0, 4.0, 8.0, 2.0]
    with Stages(n_rows + 5, label="demo", quiet=quiet, weights=weights) as stages:
        rows = demo_rows(certificates_dir=certs, stages=stages)
        (folder / "results.csv").write_text(rows_to_csv(rows), encoding="utf-8")
        (folder / "results.tex").write_text(rows_to_latex(rows), encoding="utf-8")
        plots = _plot(rows, folder, stages, style_name)
    md = ["# orbitproof demo report", "",
          "Exact orbit counts over distinct orbit elements (docs/math.md conventions): B is the larger side.",
          "`n` is the number of copies found under the row's semantics; the n-fold law",
          "#(B>A) ≥ n·#(A>B) is then a theorem (P22 Lemma D.3). `gain n` transfers the gain copies",
          "to the row's semantics — a conjecture the tool investigates (docs/math.md §9.3 F10).", "",
          "```", format_table(rows), "```", "",
          "- Table: [results.csv](results.csv), [results.tex](results.tex) (booktabs; `\\input` it in a paper)"]
    for p in plots:
        if p.endswith(".png"):
            md.append(f"- Figure: ![{p}]({p}) ([PDF]({p[:-4]}.pdf)"
                      + (f", [exact data]({p[:-4]}.csv))" if f"{p[:-4]}.csv" in plots else ")"))
    md.append("- Certificates (check with `orbitproof verify certificates/*.json`):")
    for r in rows:
        if r.certificate and r.certificate.startswith("("):
            md.append(f"  - {r.env} {r.b} vs {r.a}, reward {r.reward_label}: {r.certificate}")
        elif r.certificate:
            md.append(f"  - [{r.certificate}](certificates/{r.certificate})")
    (folder / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    return rows, folder
