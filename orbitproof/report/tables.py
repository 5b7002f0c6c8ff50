"""Table formatting shared by the report's writers (demo, export): LaTeX that goes into a paper unchanged.

* :func:`tex` escapes text; :func:`tex_frac` typesets an exact fraction;
* :func:`tex_int` typesets an exact count: up to :data:`SCI_DIGITS` digits in full, longer ones in
  scientific form ``$7.11{\\times}10^{74}$`` (3 significant digits, rounded exactly, half to even).
  The exact value stays in the CSV and JSON outputs, never in LaTeX only;
* :func:`tex_semantics` typesets a semantics: ``$\\gamma = 1/2$``, ``gain``, ``Blackwell``;
* :func:`latex_table` wraps rows in a ``table`` float with a caption and a label, ``booktabs`` rules,
  ``\\scriptsize`` and narrow column separation, so that the default column choices of ``demo`` and
  ``export`` fit ``\\columnwidth`` of a standard two-column class (tests/test_tables.py compiles them).

Nothing here converts a number to float: the rounding of :func:`tex_int` is integer arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

__all__ = ["TEX_ESCAPE", "SCI_DIGITS", "tex", "tex_frac", "tex_int", "tex_number", "tex_semantics", "latex_table",
           "parse_columns"]

TEX_ESCAPE = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
              "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}",
              "γ": r"$\gamma$", "…": r"\dots{}", "—": "--", "⊆": r"$\subseteq$", "≥": r"$\geq$",
              "≤": r"$\leq$", "·": r"$\cdot$", "φ": r"$\varphi$", "∅": r"$\emptyset$"}

#: Integers with more digits than this are typeset in scientific form.
SCI_DIGITS = 6


def tex(text: str) -> str:
    """``text`` with LaTeX specials escaped (and a few Unicode symbols typeset)."""
    return "".join(TEX_ESCAPE.get(ch, ch) for ch in text)


def tex_frac(x: Fraction | None) -> str:
    """An exact fraction as ``$p/q$`` (inline, one line high; ``--`` for None)."""
    if x is None:
        return "--"
    return f"${x.numerator}$" if x.denominator == 1 else f"${x.numerator}/{x.denominator}$"


def tex_int(k: int | None, digits: int = 3) -> str:
    """An exact integer: in full up to :data:`SCI_DIGITS` digits, else ``$m.mm\\times10^{e}$`` with
    ``digits`` significant digits (exact integer rounding, half to even); ``--`` for None.

    ``tex_int(120) == "$120$"``; ``tex_int(56!) == "$7.11{\\times}10^{74}$"``.
    """
    if k is None:
        return "--"
    k = int(k)
    sign = "-" if k < 0 else ""
    m = abs(k)
    text = str(m)
    if len(text) <= SCI_DIGITS:
        return f"${sign}{text}$"
    e = len(text) - 1
    q = round(Fraction(m, 10 ** (e - digits + 1)))  # Fraction.__round__: exact, half to even
    if q >= 10 ** digits:  # 9.995e… rounds up to 10.0e…
        q //= 10
        e += 1
    qs = str(q)
    mant = qs[0] + ("." + qs[1:] if digits > 1 else "")
    return f"${sign}{mant}{{\\times}}10^{{{e}}}$"


def tex_number(v: Any) -> str:
    """An exact number of any form (int, :class:`~fractions.Fraction`, ``"p/q"`` text); other text is
    escaped; ``--`` for None."""
    if v is None or v == "":
        return "--"
    if isinstance(v, bool):
        return tex(str(v))
    if isinstance(v, int):
        return tex_int(v)
    try:
        x = Fraction(str(v)) if not isinstance(v, Fraction) else v
    except (ValueError, ZeroDivisionError):
        return tex(str(v))
    return tex_int(x.numerator) if x.denominator == 1 else tex_frac(x)


def tex_semantics(sem: Any) -> str:
    """``$\\gamma = 1/2$``, ``gain`` or ``Blackwell`` for a semantics object, its ``to_dict()`` form
    or its ``name`` (``"discounted(gamma=1/2)"``); other text is escaped as is."""
    from ..core.errors import OrbitproofError
    from ..core.semantics import Blackwell, Discounted, Gain, parse_semantics

    if sem is None or sem == "":
        return "--"
    obj = sem
    if isinstance(sem, str) and sem.startswith("discounted(gamma=") and sem.endswith(")"):
        obj = sem[len("discounted(gamma="):-1]
    try:
        s = parse_semantics(obj)
    except (OrbitproofError, TypeError, ValueError):
        return tex(str(sem))
    if isinstance(s, Gain):
        return "gain"
    if isinstance(s, Blackwell):
        return "Blackwell"
    assert isinstance(s, Discounted)
    return f"$\\gamma = {s.gamma.numerator}/{s.gamma.denominator}$" if s.gamma.denominator != 1 \
        else f"$\\gamma = {s.gamma.numerator}$"


def parse_columns(text: str | Sequence[str] | None, available: Sequence[str],
                  default: Sequence[str]) -> list[str]:
    """``--columns a,b,c`` checked against ``available`` (order kept, duplicates dropped); ``default``
    when ``text`` is None or empty.  Unknown names raise :class:`~orbitproof.core.errors.FormatError`
    with a suggestion."""
    import difflib

    from ..core.errors import FormatError

    if text is None or (isinstance(text, str) and not text.strip()):
        return list(default)
    names = [c.strip() for c in text.split(",")] if isinstance(text, str) else [str(c) for c in text]
    names = [c for c in names if c]
    for c in names:
        if c not in available:
            close = difflib.get_close_matches(c, available, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise FormatError(f"unknown column {c!r}{hint} (columns: {', '.join(available)})")
    if not names:
        raise FormatError("--columns needs at least one column name")
    return list(dict.fromkeys(names))


def latex_table(head: Sequence[str], align: str, groups: Sequence[tuple[str | None, Sequence[Sequence[str]]]],
                *, caption: str, label: str, size: str = r"\scriptsize", tabcolsep: str = "2pt",
                notes: str = "") -> str:
    """A ``table`` float: caption, label, booktabs rules; ``groups`` are ``(title, rows)`` pairs, each
    title (already LaTeX) set as full-width rows above its rows, one per line of the title.  Cells are LaTeX already.

    Needs ``\\usepackage{booktabs}`` in the preamble (stated in the first line of the output)."""
    ncol = len(head)
    if len(align) != ncol:
        raise ValueError(f"align {align!r} does not match {ncol} columns")
    lines = ["% orbitproof table: needs \\usepackage{booktabs}",
             r"\begin{table}[tbp]", r"\centering", size, f"\\setlength{{\\tabcolsep}}{{{tabcolsep}}}",
             f"\\caption{{{caption}}}", f"\\label{{{label}}}",
             r"\begin{tabular}{" + align + "}", r"\toprule", " & ".join(head) + r" \\", r"\midrule"]
    for i, (title, rows) in enumerate(groups):
        if title is not None:
            if i:
                lines.append(r"\addlinespace")
            for part in title.split("\n"):  # one full-width row per line of the title
                lines.append(f"\\multicolumn{{{ncol}}}{{@{{}}l}}{{{part}}} \\\\")
        for r in rows:
            if len(r) != ncol:
                raise ValueError(f"row has {len(r)} cells, expected {ncol}")
            lines.append(" & ".join(r) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    if notes:
        lines += [r"\par\smallskip", notes]
    lines += [r"\end{table}", ""]
    return "\n".join(lines)
