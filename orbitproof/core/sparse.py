"""Sparse option sets: options stored by their non-zero coordinates only (docs/orbit-counting.md).

A unit family at d = 10,000 (e.g. one unit vector against 9,999 others) has d² dense entries but
only d non-zero ones.  :class:`SparseOptionSet` keeps each option as the sorted tuple of its
non-zero coordinates ``(i, layers)``, where ``layers`` is the tuple of that coordinate's entries in
the option's layers (ordinary options: one layer; Blackwell expansions: c_0, c_1, …) with trailing
zeros dropped.  A missing trailing layer is zero, so two options compare lexicographically exactly
as their dense forms do (zero padding changes no lexicographic comparison).

``depth`` is the nominal number of layers of the dense form (:meth:`to_option_set` rebuilds it
exactly); nothing in this module builds a dense row unless asked to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .errors import OptionSetError
from .exact import to_fraction
from .optionset import OptionSet

__all__ = ["SparseOption", "SparseOptionSet", "unit_vectors"]

SparseOption = tuple[tuple[int, tuple[Fraction, ...]], ...]


def _trim(layers: Sequence[Fraction]) -> tuple[Fraction, ...]:
    k = len(layers)
    while k and not layers[k - 1]:
        k -= 1
    return tuple(layers[:k])


@dataclass(frozen=True)
class SparseOptionSet:
    """A finite set of distinct options over ``coordinates``, non-zero entries only (see module doc).

    Attributes:
        options: the distinct options, each a sorted tuple of ``(coordinate index, layers)`` with
            ``layers`` non-empty and without trailing zeros; sorted canonically.
        coordinates: coordinate names.
        depth: the number of layers of the dense form (≥ every option's longest ``layers``).
        provenance, semantics: as for :class:`~orbitproof.core.optionset.OptionSet`.
    """

    options: tuple[SparseOption, ...]
    coordinates: tuple[str, ...]
    depth: int = 1
    provenance: str = ""
    semantics: Any = None

    def __post_init__(self) -> None:
        d = len(self.coordinates)
        if len(set(self.coordinates)) != d:
            raise OptionSetError("coordinate names must be distinct")
        canon = set()
        for o in self.options:
            prev = -1
            for i, layers in o:
                if not (isinstance(i, int) and prev < i < d):
                    raise OptionSetError(f"a sparse option of {self.provenance or 'the set'} has coordinate "
                                         f"{i!r} out of order or outside 0..{d - 1}")
                if not layers or not layers[-1] or len(layers) > self.depth:
                    raise OptionSetError("sparse option entries must be non-zero layer tuples without "
                                         f"trailing zeros and at most depth = {self.depth} layers")
                prev = i
            canon.add(o)
        object.__setattr__(self, "options", tuple(sorted(canon)))

    # ----------------------------------------------------------------- constructors
    @classmethod
    def from_mappings(cls, options: Iterable[Mapping[int, Any]], dimension: int | None = None,
                      coordinates: Sequence[str] | None = None, provenance: str = "",
                      semantics: Any = None, name: str = "option") -> "SparseOptionSet":
        """Depth-1 options from ``{coordinate index: exact number}`` mappings (zeros dropped,
        floats refused)."""
        if coordinates is None:
            if dimension is None:
                raise OptionSetError("give the dimension or the coordinate names of a sparse option set")
            coordinates = tuple(f"x{i + 1}" for i in range(dimension))
        out = []
        for k, m in enumerate(options):
            row = []
            for i, x in sorted(m.items()):
                v = x if type(x) is int else to_fraction(x, f"{name}[{k}][{i}]")
                if v:
                    row.append((i, (Fraction(v),)))
            out.append(tuple(row))
        return cls(tuple(out), tuple(coordinates), 1, provenance, semantics)

    @classmethod
    def from_option_set(cls, s: OptionSet) -> "SparseOptionSet":
        """The sparse form of a dense :class:`OptionSet` (exactly the same options)."""
        depth = len(s.options[0]) if s.options else 1
        out = []
        for o in s.options:
            row = []
            for i in range(len(s.coordinates)):
                lay = _trim([layer[i] for layer in o])
                if lay:
                    row.append((i, lay))
            out.append(tuple(row))
        return cls(tuple(out), s.coordinates, depth, s.provenance, s.semantics)

    # ----------------------------------------------------------------- views
    @property
    def dimension(self) -> int:
        return len(self.coordinates)

    def __len__(self) -> int:
        return len(self.options)

    def nonzeros(self) -> int:
        return sum(len(o) for o in self.options)

    def to_option_set(self) -> OptionSet:
        """The dense :class:`OptionSet` (``depth`` layers of ``dimension`` Fractions per option)."""
        d, K = self.dimension, self.depth
        zero = Fraction(0)
        opts = []
        for o in self.options:
            layers = [[zero] * d for _ in range(K)]
            for i, lay in o:
                for j, x in enumerate(lay):
                    layers[j][i] = Fraction(x)
            opts.append(tuple(tuple(layer) for layer in layers))
        return OptionSet(tuple(opts), self.coordinates, self.provenance, self.semantics)

    @classmethod
    def union(cls, sets: Sequence["SparseOptionSet"], provenance: str | None = None) -> "SparseOptionSet":
        """X_1 ∪ … ∪ X_k over one coordinate system."""
        if not sets:
            raise OptionSetError("the union of no option sets is undefined")
        first = sets[0]
        if any(s.coordinates != first.coordinates for s in sets[1:]):
            raise OptionSetError("option sets over different coordinates cannot be united")
        if len({s.semantics for s in sets}) > 1:
            raise OptionSetError("option sets computed under different semantics cannot be united")
        opts = tuple(o for s in sets for o in s.options)
        prov = provenance if provenance is not None else " ∪ ".join(s.provenance for s in sets)
        return cls(opts, first.coordinates, max(s.depth for s in sets), prov, first.semantics)


def unit_vectors(dimension: int, indices: Iterable[int], coefficient: Any = 1, provenance: str = "",
                 coordinates: Sequence[str] | None = None) -> SparseOptionSet:
    """{c·e_i : i ∈ indices} as a sparse option set (0-based coordinate indices)."""
    return SparseOptionSet.from_mappings(({i: coefficient} for i in indices), dimension, coordinates,
                                         provenance)
