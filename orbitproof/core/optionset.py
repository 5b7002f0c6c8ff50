"""Option sets: finite sets of exact vectors over one coordinate system (docs/math.md §1.4, §2.1).

An *option* is what a decision-maker can secure: a visit distribution at a fixed γ, a recurrent
state distribution, or a user-given lottery.  Its value under a reward vector ``r`` is the dot
product ``x · r``.

For Blackwell optimality an option is a visit-distribution *function* f(γ); it is represented by
the coefficient vectors ``c_0, c_1, ..., c_{K-1}`` of the expansion
``(1-γ) f(γ) = Σ_j c_j (1-γ)^j`` around γ = 1.  Its value is the tuple ``(c_0·r, c_1·r, ...)``
compared **lexicographically**: a larger tuple is better for every γ close enough to 1
(see :func:`option_value`).  Every option of one set has the same
number ``depth`` of layers; ordinary options have ``depth == 1``.

Permutations act on every layer at once: ``(φ·x)_i = x_{φ^{-1}(i)}`` (docs/math.md §2.1, row convention).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from math import lcm
from pathlib import Path
from typing import Any

from .errors import FormatError, OptionSetError
from .exact import format_fraction, to_fractions
from .files import load_structured
from .names import check_name, did_you_mean

__all__ = [
    "canonical_options",
    "Vector",
    "Option",
    "OptionSet",
    "VectorSets",
    "option_value",
    "load_vector_sets",
    "parse_vector_sets",
]

Vector = tuple[Fraction, ...]
Option = tuple[Vector, ...]


def option_value(option: Option, r: Sequence[Fraction]) -> tuple[Fraction, ...]:
    """Value of a (layered) option under reward ``r``, compared lexicographically (larger = better).

    For depth 1 this is the 1-tuple ``(x · r,)``.  For a Blackwell expansion
    ``(1-γ) f(γ)·r = Σ_j (c_j·r) (1-γ)^j``, as γ → 1⁻ the function with the larger first differing
    coefficient is larger, since (1-γ)^j > 0 and higher powers vanish faster.
    """
    return tuple(sum((a * b for a, b in zip(layer, r)), Fraction(0)) for layer in option)


def canonical_options(options: Sequence[Option]) -> tuple[Option, ...]:
    """The distinct options in ascending (lexicographic) order: ``sorted`` then equal neighbours
    dropped.  For int / Fraction entries the order and the equalities are decided on integer rows
    scaled by one common denominator (a positive scale changes no comparison), which is much faster
    than comparing long tuples of Fractions element by element; other entries use the plain sort."""
    opts = list(options)
    kinds = {type(x) for o in opts for layer in o for x in layer}
    if not kinds <= {int, Fraction}:
        ordered = sorted(opts)
        return tuple(o for k, o in enumerate(ordered) if k == 0 or o != ordered[k - 1])
    dens = {x.denominator for o in opts for layer in o for x in layer} if Fraction in kinds else {1}
    den = lcm(*dens) if dens else 1
    mult = {q: den // q for q in dens}
    keys = [tuple(tuple(x.numerator * mult[x.denominator] for x in layer) for layer in o) for o in opts]
    order = sorted(range(len(opts)), key=keys.__getitem__)
    return tuple(opts[i] for j, i in enumerate(order) if j == 0 or keys[i] != keys[order[j - 1]])


@dataclass(frozen=True)
class OptionSet:
    """A finite set of distinct options over ``coordinates`` (sorted canonically).

    Attributes:
        options: the distinct options, each a tuple of ``depth`` vectors of length ``dimension``.
        coordinates: coordinate names (the MDP's states in order, or ``x1..xd``).
        provenance: human-readable origin, e.g. ``"RSD(start | wait)"``.
        semantics: the optimality semantics the options were computed for (or ``None``).
    """

    options: tuple[Option, ...]
    coordinates: tuple[str, ...]
    provenance: str = ""
    semantics: Any = None
    labels: tuple[str, ...] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        d = len(self.coordinates)
        if len(set(self.coordinates)) != d:
            raise OptionSetError("coordinate names must be distinct")
        depths = {len(o) for o in self.options}
        if len(depths) > 1:
            raise OptionSetError("all options of a set must have the same number of layers")
        for o in self.options:
            for layer in o:
                if len(layer) != d:
                    raise OptionSetError(
                        f"an option of {self.provenance or 'the set'} has {len(layer)} entries, "
                        f"expected {d} (one per coordinate)"
                    )
        # sort, then drop equal neighbours (hashing Fractions is far slower than comparing them)
        object.__setattr__(self, "options", canonical_options(self.options))

    # ----------------------------------------------------------------- constructors
    @classmethod
    def from_vectors(
        cls,
        vectors: Iterable[Iterable[Any]],
        coordinates: Sequence[str] | None = None,
        provenance: str = "",
        semantics: Any = None,
        name: str = "vector",
    ) -> "OptionSet":
        """Build a depth-1 set from exact vectors (ints, Fractions, exact strings; floats refused)."""
        vecs = [to_fractions(v, f"{name}[{i}]") for i, v in enumerate(vectors)]
        if coordinates is None:
            d = len(vecs[0]) if vecs else 0
            coordinates = tuple(f"x{i + 1}" for i in range(d))
        return cls(tuple((v,) for v in vecs), tuple(coordinates), provenance, semantics)

    @classmethod
    def union(cls, sets: Sequence["OptionSet"], provenance: str | None = None) -> "OptionSet":
        """X_1 ∪ … ∪ X_k over one coordinate system (e.g. the options after several first actions)."""
        if not sets:
            raise OptionSetError("the union of no option sets is undefined")
        first = sets[0]
        for s in sets[1:]:
            if s.coordinates != first.coordinates:
                raise OptionSetError("option sets over different coordinates cannot be united")
        if len(sets) == 1 and provenance is None:
            return first
        opts = tuple(o for s in sets for o in s.options)
        label = provenance if provenance is not None else " ∪ ".join(s.provenance for s in sets)
        return cls(opts, first.coordinates, label, first.semantics)

    # ----------------------------------------------------------------- accessors
    @property
    def dimension(self) -> int:
        return len(self.coordinates)

    @property
    def depth(self) -> int:
        return len(self.options[0]) if self.options else 1

    @property
    def vectors(self) -> tuple[Vector, ...]:
        """The vectors of a depth-1 set (raises for layered sets)."""
        if self.depth != 1:
            raise OptionSetError("this option set is layered (Blackwell); use .options")
        return tuple(o[0] for o in self.options)

    def __len__(self) -> int:
        return len(self.options)

    def __iter__(self):
        return iter(self.options)

    def support(self) -> frozenset[int]:
        """Coordinates on which some option (some layer) is non-zero."""
        return frozenset(
            i for o in self.options for layer in o for i, x in enumerate(layer) if x != 0
        )

    def permuted(self, perm: Sequence[int]) -> "OptionSet":
        """``φ·X`` where ``perm[j] = φ(j)``: mass on coordinate j moves to φ(j)."""
        d = self.dimension
        inv = [0] * d
        for j, pj in enumerate(perm):
            inv[pj] = j
        opts = tuple(tuple(tuple(layer[inv[i]] for i in range(d)) for layer in o) for o in self.options)
        return OptionSet(opts, self.coordinates, self.provenance, self.semantics)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "coordinates": list(self.coordinates),
            "provenance": self.provenance,
        }
        if self.depth == 1:
            out["vectors"] = [[format_fraction(x) for x in o[0]] for o in self.options]
        else:
            out["layers"] = [[[format_fraction(x) for x in layer] for layer in o] for o in self.options]
        if self.semantics is not None and hasattr(self.semantics, "to_dict"):
            out["semantics"] = self.semantics.to_dict()
        return out

    def __repr__(self) -> str:
        body = ", ".join(
            "(" + ", ".join(format_fraction(x) for x in o[0]) + ")" + ("…" if len(o) > 1 else "")
            for o in self.options[:6]
        )
        more = f", … {len(self.options) - 6} more" if len(self.options) > 6 else ""
        tag = f" {self.provenance}" if self.provenance else ""
        return f"OptionSet{tag} {{{body}{more}}}"


@dataclass(frozen=True)
class VectorSets:
    """The content of a vector-set file: option sets A, B and optionally a choice set C."""

    A: OptionSet
    B: OptionSet
    C: OptionSet | None = None

    @property
    def coordinates(self) -> tuple[str, ...]:
        return self.A.coordinates


def parse_vector_sets(data: dict[str, Any], source: str = "vector-set file") -> VectorSets:
    """Validate the TOML/JSON structure ``{coordinates?, A, B, C?}`` (see docs/vector-sets.md)."""
    if not isinstance(data, dict):
        raise FormatError(f"{source}: expected a table with keys A and B")
    known = ("coordinates", "A", "B", "C", "name", "description")
    unknown = sorted(set(data) - set(known), key=str)
    if unknown:
        raise FormatError(f"{source}: unknown key(s) {', '.join(map(repr, unknown))}"
                          f"{did_you_mean(unknown[0], known)} (known: {', '.join(known)})")
    for key in ("A", "B"):
        if key not in data:
            raise FormatError(f"{source}: missing the option set {key}")
    coords = data.get("coordinates")
    sets: dict[str, list[Vector]] = {}
    for key in ("A", "B", "C"):
        if key not in data:
            continue
        raw = data[key]
        if not isinstance(raw, list) or not raw:
            raise FormatError(f"{source}: {key} must be a non-empty list of vectors")
        vecs = []
        for i, v in enumerate(raw):
            if not isinstance(v, list):
                raise FormatError(f"{source}: {key}[{i}] must be a list of numbers")
            vecs.append(to_fractions(v, f"{key}[{i}]"))
        sets[key] = vecs
    dims = {len(v) for vs in sets.values() for v in vs}
    if len(dims) != 1:
        raise FormatError(f"{source}: vectors have different lengths {sorted(dims)}")
    d = dims.pop()
    if d == 0:
        raise FormatError(f"{source}: vectors must have at least one coordinate")
    if coords is None:
        coords = [f"x{i + 1}" for i in range(d)]
    if not isinstance(coords, list) or not all(isinstance(c, str) for c in coords):
        raise FormatError(f"{source}: coordinates must be a list of names")
    if len(coords) != d:
        raise FormatError(f"{source}: {len(coords)} coordinate names but vectors of length {d}")
    if len(set(coords)) != d:
        raise FormatError(f"{source}: duplicate coordinate names")
    for c in coords:
        check_name(c, "coordinate", where=f" in {source}")
    built = {
        k: OptionSet(tuple((v,) for v in vs), tuple(coords), provenance=k) for k, vs in sets.items()
    }
    return VectorSets(built["A"], built["B"], built.get("C"))


def load_vector_sets(path: str | Path) -> VectorSets:
    """Read a vector-set file (``.toml`` or ``.json``) through
    :func:`orbitproof.core.files.load_structured` (size, digit and nesting limits)."""
    p = Path(path)
    return parse_vector_sets(load_structured(p, "vector-set file"), str(p))
