"""Involutions of coordinates and their action on options (docs/math.md §2.1, §3.1).

An involution φ = φ^{-1} is a product of disjoint transpositions.  Row convention (P21 Def 6.1):
``(φ·x)_i = x_{φ^{-1}(i)} = x_{φ(i)}``, i.e. φ·x swaps the entries of every swapped pair, on every
layer of a layered (Blackwell) option.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from ..core.errors import OptionSetError

__all__ = ["Involution", "minimal_involution"]


@dataclass(frozen=True, order=True)
class Involution:
    """A product of disjoint transpositions ``pairs`` (each ``(i, j)`` with ``i < j``, sorted)."""

    pairs: tuple[tuple[int, int], ...]

    def __post_init__(self) -> None:
        norm = tuple(sorted((min(i, j), max(i, j)) for i, j in self.pairs))
        seen: set[int] = set()
        for i, j in norm:
            if i == j or i in seen or j in seen:
                raise OptionSetError(f"{list(self.pairs)} is not a product of disjoint transpositions")
            seen.update((i, j))
        object.__setattr__(self, "pairs", norm)

    @classmethod
    def from_pairs(cls, pairs: Iterable[Sequence[int]]) -> "Involution":
        return cls(tuple((int(p[0]), int(p[1])) for p in pairs))

    @cached_property
    def moved(self) -> frozenset[int]:
        """The coordinates φ moves (cached: the copies search asks for it once per pair test)."""
        return frozenset(k for p in self.pairs for k in p)

    def permutation(self, d: int) -> tuple[int, ...]:
        """``perm[k] = φ(k)`` for k < d."""
        perm = list(range(d))
        for i, j in self.pairs:
            perm[i], perm[j] = j, i
        return tuple(perm)

    def __call__(self, k: int) -> int:
        for i, j in self.pairs:
            if k == i:
                return j
            if k == j:
                return i
        return k

    def apply(self, option: tuple) -> tuple:
        """φ·x on every layer of ``option`` (a tuple of layer tuples)."""
        if not self.pairs:
            return option
        out = []
        for layer in option:
            lst = list(layer)
            for i, j in self.pairs:
                lst[i], lst[j] = lst[j], lst[i]
            out.append(tuple(lst))
        return tuple(out)

    def apply_set(self, options: Iterable[tuple]) -> frozenset:
        return frozenset(self.apply(o) for o in options)

    def names(self, coordinates: Sequence[str]) -> list[list[str]]:
        return [[coordinates[i], coordinates[j]] for i, j in self.pairs]

    def __str__(self) -> str:
        return "".join(f"({i} {j})" for i, j in self.pairs) or "id"


def minimal_involution(psi: Mapping[int, int]) -> Involution | None:
    """The least-moving involution φ extending the injection ``psi`` (φ(j) = psi[j]), or None.

    φ swaps j ↔ psi[j] and fixes every other coordinate.  It exists iff for every j with
    psi[j] = k ≠ j: either k is in the domain and psi[k] = j, or k is outside the domain and j is
    not in the image of another element.
    """
    image = set(psi.values())
    if len(image) != len(psi):
        return None
    pairs = set()
    for j, k in psi.items():
        if j == k:
            continue
        if k in psi:
            if psi[k] != j:
                return None
        elif j in image:
            return None
        pairs.add((min(j, k), max(j, k)))
    return Involution(tuple(pairs))
