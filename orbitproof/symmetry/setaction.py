"""Fast tests of φ·S = S and φ·S ⊆ T for involutions on large sparse option sets (docs/math.md §2.1, §3.1).

An involution φ fixes every option whose support avoids the coordinates φ moves
(``(φ·x)_i = x_{φ(i)} = x_i`` off ``moved(φ)``).  Hence, for a finite set S of options:

* ``φ·S ⊆ T`` (with S ⊆ T) iff ``φ·x ∈ T`` for every x ∈ S *touched* by φ (supp x ∩ moved(φ) ≠ ∅);
* ``φ·S = S`` iff ``φ·S ⊆ S`` (φ is injective, so |φ·S| = |S|), i.e. iff the touched options are
  mapped into S.

So a test costs the touched options only, not |S| × d.  :class:`SupportIndex` finds the touched
options of a fixed set (C, or B) through a coordinate → options index built once.

Slow twins (definition level, used in tests): ``phi.apply_set(S) == S`` and
``phi.apply_set(S) <= T``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["option_support", "touched", "fixes_set", "maps_into", "SupportIndex"]


def option_support(option: tuple) -> frozenset[int]:
    """Coordinates where some layer of ``option`` is non-zero."""
    if len(option) == 1:
        return frozenset(i for i, x in enumerate(option[0]) if x)
    return frozenset(i for layer in option for i, x in enumerate(layer) if x)


def touched(phi: Any, options: Iterable[tuple]) -> list[tuple]:
    """The options of ``options`` whose support meets the coordinates ``phi`` moves."""
    moved = phi.moved
    if not moved:
        return []
    return [o for o in options if any(layer[k] for layer in o for k in moved)]


def maps_into(phi: Any, S: Iterable[tuple], T: frozenset | set) -> bool:
    """``φ·S ⊆ T`` for ``S ⊆ T`` (only the touched options of S are moved and looked up)."""
    return all(phi.apply(o) in T for o in touched(phi, S))


def fixes_set(phi: Any, S: frozenset | set) -> bool:
    """``φ·S = S`` (φ an involution; only the touched options of S are moved and looked up)."""
    return maps_into(phi, S, S)


class SupportIndex:
    """A fixed option set S with a coordinate → options index, for many tests ``φ·S = S``.

    Building it costs one pass over S; each :meth:`fixes` then costs the options non-zero on the
    coordinates φ moves."""

    def __init__(self, options: Iterable[tuple]) -> None:
        self.options = frozenset(options)
        by_coord: dict[int, list[tuple]] = {}
        for o in self.options:
            for k in option_support(o):
                by_coord.setdefault(k, []).append(o)
        self.by_coord = by_coord

    def touched(self, phi: Any) -> set[tuple]:
        out: set[tuple] = set()
        for k in phi.moved:
            out.update(self.by_coord.get(k, ()))
        return out

    def fixes(self, phi: Any) -> bool:
        """``φ·S = S``."""
        return all(phi.apply(o) in self.options for o in self.touched(phi))
