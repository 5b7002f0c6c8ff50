"""The value an orbit count returns (docs/math.md §4.1: ties are counted on neither side)."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.exact import format_fraction

__all__ = ["OrbitCount"]


@dataclass(frozen=True)
class OrbitCount:
    """Exact counts over the **distinct** elements r' of the orbit S_d·r.

    ``b_gt_a`` = #{r' : g(B|r') > g(A|r')}, ``a_gt_b`` = #{r' : g(B|r') < g(A|r')},
    ``tie`` = #{r' : equal}; they sum to ``orbit_size`` = d!/∏ m_i!.  ``reductions`` records the
    evidence the engine used (blocks, mode, number of classes evaluated) for certificates.
    """

    b_gt_a: int
    a_gt_b: int
    tie: int
    orbit_size: int
    compare: str = "max"
    engine: str = "exact"
    semantics: Any = None
    reward: tuple[Fraction, ...] = ()
    coordinates: tuple[str, ...] = ()
    provenance: tuple[str, str, str] = ("A", "B", "")
    work: int = 0
    reductions: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.b_gt_a + self.a_gt_b + self.tie != self.orbit_size:  # pragma: no cover - engine bug
            raise AssertionError(f"orbit counts do not add up: {self!r}")

    @property
    def counts(self) -> tuple[int, int, int, int]:
        """``(B>A, A>B, tie, |orbit|)`` -- the tuple format of docs/math.md §10."""
        return (self.b_gt_a, self.a_gt_b, self.tie, self.orbit_size)

    @property
    def b_weak_fraction(self) -> Fraction:
        """#{g(B) ≥ g(A)} / |orbit| (the weak fraction of P22 Lemma B.3)."""
        return Fraction(self.b_gt_a + self.tie, self.orbit_size)

    def satisfies_ratio(self, n: Fraction | int) -> bool:
        """Whether #(B>A) ≥ n · #(A>B) (the ≥^n_most inequality on this orbit)."""
        return self.b_gt_a >= Fraction(n) * self.a_gt_b

    def to_dict(self) -> dict[str, Any]:
        sem = self.semantics
        if sem is not None and hasattr(sem, "to_dict"):
            sem = sem.to_dict()
        return {
            "b_gt_a": self.b_gt_a,
            "a_gt_b": self.a_gt_b,
            "tie": self.tie,
            "orbit_size": self.orbit_size,
            "compare": self.compare,
            "engine": self.engine,
            "semantics": sem,
            "reward": [format_fraction(x) for x in self.reward],
            "coordinates": list(self.coordinates),
            "provenance": {"A": self.provenance[0], "B": self.provenance[1], "C": self.provenance[2]},
            "work": self.work,
            "reductions": self.reductions,
        }

    def to_json(self) -> str:
        """Canonical JSON of :meth:`to_dict` (sorted keys; rationals as ``"p/q"``)."""
        import json

        return json.dumps(self.to_dict(), sort_keys=True, default=str)

    def _rows(self) -> list[tuple[str, int, Fraction]]:
        size = self.orbit_size
        return [("B > A", self.b_gt_a, Fraction(self.b_gt_a, size)),
                ("A > B", self.a_gt_b, Fraction(self.a_gt_b, size)),
                ("tie", self.tie, Fraction(self.tie, size))]

    def _repr_html_(self) -> str:
        """Notebook display: a small table of exact counts and fractions."""
        from html import escape

        sem = escape(str(self.semantics)) if self.semantics is not None else "vectors as given"
        rows = "".join(f"<tr><td>{label}</td><td>{n}</td><td>{format_fraction(f)}</td></tr>"
                       for label, n, f in self._rows())
        return (f"<table><caption>orbit of r, |orbit| = {self.orbit_size}; {escape(self.compare)}; {sem}"
                f"</caption><tr><th></th><th>count</th><th>fraction</th></tr>{rows}</table>")

    def _repr_latex_(self) -> str:
        """Notebook display as LaTeX: (B>A, A>B, tie, |orbit|) with exact fractions."""
        def frac(f: Fraction) -> str:
            return str(f.numerator) if f.denominator == 1 else rf"\tfrac{{{f.numerator}}}{{{f.denominator}}}"

        parts = r",\\ ".join(rf"\#(\mathrm{{{lab.replace('>', '{>}')}}}) = {n}\ ({frac(f)})"
                             for lab, n, f in self._rows())
        return rf"$\begin{{array}}{{l}}{parts},\\ |\mathrm{{orbit}}| = {self.orbit_size}\end{{array}}$"

    def __repr__(self) -> str:
        sem = f", {self.semantics}" if self.semantics is not None else ""
        return (
            f"OrbitCount(B>A={self.b_gt_a}, A>B={self.a_gt_b}, tie={self.tie}, "
            f"orbit={self.orbit_size}; compare={self.compare}, engine={self.engine}{sem})"
        )
