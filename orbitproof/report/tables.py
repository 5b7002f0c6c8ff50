"""Table formatting shared by the report's writers: LaTeX escaping and exact fractions in LaTeX."""

from __future__ import annotations

from fractions import Fraction

__all__ = ["TEX_ESCAPE", "tex", "tex_frac"]

TEX_ESCAPE = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
               "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}",
               "γ": r"$\gamma$", "…": r"\dots{}", "—": "--", "⊆": r"$\subseteq$"}


def tex(text: str) -> str:
    return "".join(TEX_ESCAPE.get(ch, ch) for ch in text)


def tex_frac(x: Fraction | None) -> str:
    if x is None:
        return "--"
    return f"${x.numerator}$" if x.denominator == 1 else f"$\\frac{{{x.numerator}}}{{{x.denominator}}}$"
