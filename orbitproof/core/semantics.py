"""Optimality semantics as explicit values (docs/math.md §1.3, §8.3).

* :class:`Discounted` -- optimal at one fixed rational ``gamma`` in ``[0, 1)``: options are the
  visit distributions ``f(gamma)`` (F(s | a) evaluated at ``gamma``).
* :class:`Gain` -- average-reward (gain) optimality: options are the recurrent state
  distributions RSD(s | a) = lim_{γ→1} (1-γ) f(γ).  Transient rewards are ignored.
* :class:`Blackwell` -- optimal for all γ close enough to 1 (Π*(R, 1)): options are the functions
  f(γ), compared by the sign of their difference as γ → 1⁻ (lexicographically on the expansion of
  (1-γ) f(γ) in powers of (1-γ)).

These three "γ = 1"-ish notions differ on reward ties; no function chooses one silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Union

from .errors import SemanticsError
from .exact import format_fraction, to_fraction

__all__ = ["Discounted", "Gain", "Blackwell", "Semantics", "parse_semantics"]


@dataclass(frozen=True)
class Discounted:
    """Discounted optimality at a fixed exact ``gamma`` with ``0 <= gamma < 1``."""

    gamma: Fraction

    def __init__(self, gamma: Any) -> None:
        g = to_fraction(gamma, "gamma")
        if not (0 <= g < 1):
            raise SemanticsError(f"gamma must satisfy 0 <= gamma < 1, got {format_fraction(g)}")
        object.__setattr__(self, "gamma", g)

    @property
    def name(self) -> str:
        return f"discounted(gamma={format_fraction(self.gamma)})"

    def to_dict(self) -> dict[str, str]:
        return {"kind": "discounted", "gamma": format_fraction(self.gamma)}

    def __str__(self) -> str:
        return f"γ = {format_fraction(self.gamma)}"


@dataclass(frozen=True)
class Gain:
    """Gain (average-reward) optimality; options are RSD(s | a)."""

    @property
    def name(self) -> str:
        return "gain"

    def to_dict(self) -> dict[str, str]:
        return {"kind": "gain"}

    def __str__(self) -> str:
        return "gain (average reward)"


@dataclass(frozen=True)
class Blackwell:
    """Blackwell optimality: discounted-optimal for every γ in some interval (γ₀, 1)."""

    @property
    def name(self) -> str:
        return "blackwell"

    def to_dict(self) -> dict[str, str]:
        return {"kind": "blackwell"}

    def __str__(self) -> str:
        return "Blackwell (γ → 1)"


Semantics = Union[Discounted, Gain, Blackwell]


def parse_semantics(obj: Any) -> Semantics:
    """Read a semantics from its ``to_dict()`` form or from ``"gain"``, ``"blackwell"``, a gamma."""
    if isinstance(obj, (Discounted, Gain, Blackwell)):
        return obj
    if isinstance(obj, dict):
        kind = obj.get("kind")
        if kind == "discounted":
            return Discounted(obj.get("gamma"))
        if kind == "gain":
            return Gain()
        if kind == "blackwell":
            return Blackwell()
        raise SemanticsError(f"unknown semantics kind {kind!r}")
    if isinstance(obj, str) and obj.strip().lower() in ("gain", "average", "avg"):
        return Gain()
    if isinstance(obj, str) and obj.strip().lower() == "blackwell":
        return Blackwell()
    return Discounted(obj)
