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
from .tables import tex, tex_frac
from ..core.semantics import Discounted, Gain, Semantics

__all__ = ["DemoRow", "demo_rows", "run_demo", "format_table", "rows_to_csv", "rows_to_latex"]


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
    rows.append(dict(env="terminal:m=2,n=51", state="start", b="live", a="die", semantics=Gain(),
                     reward=tuple(range(d)), label="0,1,…,55 (distinct)", conjectured=Fraction(51, 53)))
    tied = tuple([0] * (d - 3) + [2, 2, 1])
    rows.append(dict(env="terminal:m=2,n=51", state="start", b="live", a="die", semantics=Gain(),
                     reward=tied, label="two tied maxima 2, one 1, rest 0", conjectured=Fraction(51, 53)))
    fig1_r = tuple(range(8))
    for b, a in (("right", "up"), ("right", "left"), ("left", "up"), ("left,right", "up")):
        rows.append(dict(env="fig1", state="star", b=b, a=a, semantics=Gain(), reward=fig1_r))
    return rows


def _label(r: tuple) -> str:
    return "(" + ",".join(format_fraction(Fraction(x)) for x in r) + ")"


def demo_rows(*, certificates_dir: Path | None = None, quiet: bool = True) -> list[DemoRow]:
    """Compute every row (and write one certificate per row into ``certificates_dir``)."""
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

    out: list[DemoRow] = []
    for i, spec in enumerate(_spec()):
        name = spec["env"]
        env = envs.setdefault(name, resolve_environment(name))
        sem = spec["semantics"]
        A = option_set_union(env, spec["state"], spec["a"], sem, nd=isinstance(sem, Gain))
        B = option_set_union(env, spec["state"], spec["b"], sem, nd=isinstance(sem, Gain))
        res = count_orbit(A, B, spec["reward"], progress=not quiet)
        cert_name = None
        if certificates_dir is not None:
            cert_name = _write_cert(certificates_dir, i, spec, env, res)
        out.append(DemoRow(
            env=name, state=spec["state"], b=spec["b"], a=spec["a"], semantics=sem,
            reward=tuple(Fraction(x) for x in spec["reward"]),
            reward_label=spec.get("label") or _label(spec["reward"]),
            b_gt_a=res.b_gt_a, a_gt_b=res.a_gt_b, tie=res.tie, orbit_size=res.orbit_size,
            n=copies(name, spec["state"], spec["b"], spec["a"], sem),
            n_gain=copies(name, spec["state"], spec["b"], spec["a"], Gain()),
            conjectured=spec.get("conjectured"), certificate=cert_name,
        ))
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


def rows_to_latex(rows: list[DemoRow]) -> str:
    """A booktabs table (needs ``\\usepackage{booktabs}``)."""
    head = ["environment", "B vs A", "semantics", "reward", "$B>A$", "$A>B$", "tie", r"$|\mathrm{orbit}|$",
            "weak frac.", "$n$", r"$\frac{n}{n+1}$", "law"]
    lines = [r"\begin{tabular}{llll" + "r" * 8 + "}", r"\toprule", " & ".join(head) + r" \\", r"\midrule"]
    for r in rows:
        law = r.law_holds(r.n)
        cells = [tex(r.env), tex(f"{r.b} vs {r.a}"), tex(r.semantics.name), tex(r.reward_label),
                 str(r.b_gt_a), str(r.a_gt_b), str(r.tie), str(r.orbit_size), tex_frac(r.weak_fraction),
                 "--" if r.n is None else str(r.n), tex_frac(r.bound),
                 "--" if law is None else ("yes" if law else "no")]
        lines.append(" & ".join(cells) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}", ""]
    return "\n".join(lines)


def _plot(rows: list[DemoRow], folder: Path) -> list[str]:
    """Weak fraction vs the proven n/(n+1) bound for each row (matplotlib, optional)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    # Plotting only: the exact fractions are converted for drawing, never for a verdict.
    fig, ax = plt.subplots(figsize=(10, 4.5))
    xs = list(range(len(rows)))
    exact = [r.weak_fraction.numerator / r.weak_fraction.denominator for r in rows]
    bound = [(r.bound.numerator / r.bound.denominator) if r.bound is not None else None for r in rows]
    ax.bar(xs, exact, color="#4c72b0", label="exact weak fraction #(B≥A)/|orbit|")
    for x, b in zip(xs, bound):
        if b is not None:
            ax.hlines(b, x - 0.4, x + 0.4, colors="#c44e52", linewidth=2)
    ax.plot([], [], color="#c44e52", label="proven bound n/(n+1)")
    ax.set_xticks(xs)
    ax.set_xticklabels([f"{r.env}: {r.b} vs {r.a}\n{r.semantics.name}\n{r.reward_label[:24]}" for r in rows],
                       rotation=90, fontsize=6)
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower left", fontsize=8, framealpha=0.95)
    ax.set_title("orbitproof demo: exact orbit fractions against the scaling-law bound")
    fig.tight_layout()
    names = []
    for ext in ("png", "pdf"):
        p = folder / f"fractions.{ext}"
        fig.savefig(p)
        names.append(p.name)
    plt.close(fig)
    return names


def run_demo(out: str | Path = "orbitproof-report", *, quiet: bool = True) -> tuple[list[DemoRow], Path]:
    """Compute the rows and write the report folder: certificates/, results.csv, results.tex,
    fractions.png/.pdf (if matplotlib is installed) and report.md linking them."""
    folder = Path(out)
    certs = folder / "certificates"
    certs.mkdir(parents=True, exist_ok=True)
    rows = demo_rows(certificates_dir=certs, quiet=quiet)
    (folder / "results.csv").write_text(rows_to_csv(rows), encoding="utf-8")
    (folder / "results.tex").write_text(rows_to_latex(rows), encoding="utf-8")
    plots = _plot(rows, folder)
    md = ["# orbitproof demo report", "",
          "Exact orbit counts over distinct orbit elements (docs/math.md conventions): B is the larger side.",
          "`n` is the number of copies found under the row's semantics; the n-fold law",
          "#(B>A) ≥ n·#(A>B) is then a theorem (P22 Lemma D.3). `gain n` transfers the gain copies",
          "to the row's semantics — a conjecture the tool investigates (docs/math.md §9.3 F10).", "",
          "```", format_table(rows), "```", "",
          "- Table: [results.csv](results.csv), [results.tex](results.tex) (booktabs)"]
    for p in plots:
        md.append(f"- Plot: [{p}]({p})")
    md.append("- Certificates (check with `orbitproof verify certificates/*.json`):")
    for r in rows:
        if r.certificate and r.certificate.startswith("("):
            md.append(f"  - {r.env} {r.b} vs {r.a}, reward {r.reward_label}: {r.certificate}")
        elif r.certificate:
            md.append(f"  - [{r.certificate}](certificates/{r.certificate})")
    (folder / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    return rows, folder
