"""Normalise an orbit-counting question into exact integers (docs/math.md §2.1, §1.3 Blackwell).

Input: option sets A, B (and C) -- :class:`~orbitproof.core.optionset.OptionSet` values or plain
lists of exact vectors -- and a reward vector r.  Output: a frozen :class:`Problem` with

* ``options``: the distinct options U of A ∪ B (∪ C when the rule uses a choice set), in a fixed
  order, with the index layout of A, B, C inside U;
* ``matrix``: one integer row per option such that for every r' in the orbit S_d·r the order
  of the exact values (lexicographic on layers) equals the order of ``row · r_int'`` where
  ``r_int`` is r scaled by its common denominator.

Layered (Blackwell) options (c_0, …, c_{K−1}) compared lexicographically are reduced to one
integer row Σ_j W_j c_j: after scaling each layer to integers, |c_j·r'| ≤ M_j for every r' in the
orbit (rearrangement bound: Σ_i |c_j|↓_i |r|↓_i), and with W_{K−1} = 1,
W_j = 1 + Σ_{i>j} 2 M_i W_i the sign of Σ_j W_j (v_j − v'_j) is the sign of the first non-zero
v_j − v'_j.  So the reduction is exact for every orbit element; no sample γ is ever used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import Any

from ..core.errors import ExactNumberError, OptionSetError
from ..core.exact import to_fraction, to_fractions
from ..core.optionset import Option, OptionSet
from .rules import ComparisonRule, Layout

__all__ = ["Problem", "as_option_set", "build_problem", "rearrangement_bound"]

INT64_SAFE = 2**62


def as_option_set(obj: Any, name: str, coordinates: Sequence[str] | None = None) -> OptionSet:
    """Accept an OptionSet or a list of exact vectors (floats refused, errors name the set)."""
    if isinstance(obj, OptionSet):
        return obj
    if obj is None or isinstance(obj, (str, bytes)):
        raise OptionSetError(f"option set {name} must be an OptionSet or a list of vectors")
    try:
        vecs = list(obj)
    except TypeError:
        raise OptionSetError(f"option set {name} must be an OptionSet or a list of vectors") from None
    if not vecs:
        raise OptionSetError(f"option set {name} is empty")
    return OptionSet.from_vectors(vecs, coordinates, provenance=name, name=name)


def rearrangement_bound(row: Sequence[int], reward: Sequence[int], _sorted: bool = False) -> int:
    """max over permutations r' of r of |row · r'| ≤ Σ_i |row|↓_i · |r|↓_i (rearrangement inequality).

    ``_sorted``: ``reward`` already holds |r| sorted descending.
    """
    a = sorted((abs(x) for x in row if x), reverse=True)
    b = reward if _sorted else sorted((abs(x) for x in reward), reverse=True)
    return sum(x * y for x, y in zip(a, b))


@dataclass(frozen=True)
class Problem:
    """An orbit-counting question in exact integer form (see the module docstring)."""

    coordinates: tuple[str, ...]
    options: tuple[Option, ...]
    keys: tuple[tuple[tuple[int, ...], ...], ...]  # each option with every layer scaled to integers
    layout: Layout
    matrix: tuple[tuple[int, ...], ...]
    reward: tuple[Fraction, ...]
    reward_int: tuple[int, ...]
    depth: int
    layer_weights: tuple[int, ...]
    bound: int  # |row · r'| ≤ bound for every row and every r' in the orbit

    @property
    def dimension(self) -> int:
        return len(self.coordinates)

    @property
    def int64_ok(self) -> bool:
        """True iff int64 arithmetic provably cannot overflow (values, entries, partial sums)."""
        big = max([0, *(abs(x) for row in self.matrix for x in row), *(abs(x) for x in self.reward_int)])
        return self.bound < INT64_SAFE and big < INT64_SAFE


def _raw_options(obj: Any, name: str) -> tuple[list[tuple[tuple[Any, ...], ...]], tuple[str, ...] | None, int | None]:
    """Options as tuples of layers of exact numbers (ints kept as ints), coordinates, depth."""
    if isinstance(obj, OptionSet):
        if len(obj) == 0:
            raise OptionSetError(f"option set {name} is empty")
        return list(obj.options), obj.coordinates, obj.depth
    if obj is None or isinstance(obj, (str, bytes)):
        raise OptionSetError(f"option set {name} must be an OptionSet or a list of vectors")
    try:
        vecs = list(obj)
    except TypeError:
        raise OptionSetError(f"option set {name} must be an OptionSet or a list of vectors") from None
    if not vecs:
        raise OptionSetError(f"option set {name} is empty")
    out = []
    for k, v in enumerate(vecs):
        if isinstance(v, (str, bytes)):
            raise OptionSetError(f"{name}[{k}] must be a list of numbers")
        try:
            items = list(v)
        except TypeError:
            raise OptionSetError(f"{name}[{k}] must be a list of numbers, got {v!r}") from None
        row = tuple(x if type(x) is int else to_fraction(x, f"{name}[{k}][{i}]") for i, x in enumerate(items))
        out.append((row,))
    return out, None, 1


def build_problem(A: Any, B: Any, r: Any, rule: ComparisonRule, C: Any = None) -> Problem:
    """Validate inputs and reduce them to a :class:`Problem` (errors: OptionSetError / ExactNumberError)."""
    raw = {"A": _raw_options(A, "A"), "B": _raw_options(B, "B")}
    if C is not None:
        raw["C"] = _raw_options(C, "C")
    named = [v[1] for v in raw.values() if v[1] is not None]
    dims = {len(layer) for opts, _, _ in raw.values() for o in opts for layer in o}
    if len(dims) != 1:
        raise OptionSetError(f"the option vectors have different lengths {sorted(dims)}")
    d = dims.pop()
    if d == 0:
        raise OptionSetError("option sets must have at least one coordinate")
    coords = named[0] if named else tuple(f"x{i + 1}" for i in range(d))
    for other in named:
        if other != coords:
            raise OptionSetError("option sets A, B (and C) use different coordinate names")
    depths = {v[2] for v in raw.values()}
    if len(depths) != 1:
        raise OptionSetError("A, B (and C) must have the same number of layers")
    depth = depths.pop()
    if depth != 1 and getattr(rule, "absolute_values", False):
        raise OptionSetError(f"the rule {rule.name} needs options without Blackwell layers (gain or discounted semantics)")
    if isinstance(r, (str, bytes)):
        raise ExactNumberError("reward must be a list of exact numbers (use exact.parse_vector for text)")
    reward = to_fractions(r, "reward")
    if len(reward) != d:
        raise OptionSetError(f"reward has {len(reward)} entries but the options have {d} coordinates")

    # integer keys: each layer scaled by one common denominator over all options
    dens = [1] * depth
    for opts, _, _ in raw.values():
        for o in opts:
            for j, layer in enumerate(o):
                for x in layer:
                    if type(x) is not int and x.denominator != 1:
                        dens[j] = lcm(dens[j], x.denominator)

    def key(o):
        return tuple(
            tuple(x * dens[j] if type(x) is int else x.numerator * (dens[j] // x.denominator) for x in layer)
            for j, layer in enumerate(o)
        )

    pos: dict = {}
    options: list = []
    keys: list = []

    def index_of(opts) -> tuple[int, ...]:
        out = []
        for o in opts:
            k = key(o)
            if k not in pos:
                pos[k] = len(keys)
                keys.append(k)
                options.append(o)
            out.append(pos[k])
        return tuple(sorted(set(out)))

    ia = index_of(raw["A"][0])
    ib = index_of(raw["B"][0])
    if rule.uses_choice_set:
        ic = index_of(raw["C"][0]) if "C" in raw else tuple(sorted(set(ia) | set(ib)))
    else:
        ic = ()
    layout = Layout(ia, ib, ic)

    keys = _simplify_keys(keys, depth, bool(getattr(rule, "shift_invariant", False)))
    depth = len(keys[0])

    rden = 1
    for x in reward:
        rden = lcm(rden, x.denominator)
    reward_int = tuple(x.numerator * (rden // x.denominator) for x in reward)
    layout = Layout(ia, ib, ic, Fraction(dens[0] * rden))  # depth 1: engine value = value × dens·rden
    rsorted = sorted((abs(x) for x in reward_int), reverse=True)
    bounds = [max(rearrangement_bound(k[j], rsorted, True) for k in keys) for j in range(depth)]
    weights = [1] * depth
    for j in range(depth - 2, -1, -1):
        weights[j] = 1 + sum(2 * bounds[i] * weights[i] for i in range(j + 1, depth))
    if depth == 1:
        matrix = tuple(k[0] for k in keys)
    else:
        matrix = tuple(
            tuple(sum(weights[j] * k[j][i] for j in range(depth)) for i in range(d)) for k in keys
        )
    bound = bounds[0] if depth == 1 else max(rearrangement_bound(row, rsorted, True) for row in matrix)
    return Problem(coords, tuple(options), tuple(keys), layout, matrix, reward, reward_int, depth,
                   tuple(weights), bound)


def _simplify_keys(keys: list, depth: int, shift_invariant: bool) -> list:
    """Order-preserving simplifications of the integer options (the reference engine never sees them).

    * a layer that is zero in every option adds 0 to every value: dropped (one layer is kept);
    * for shift-invariant rules, a coordinate whose column is the same in every option (every
      layer) adds the same amount x_i·r'_i to every option's value in that layer, which changes
      no comparison between options (lexicographic or not): it is set to 0, so it joins the
      untouched coordinates (support reduction).
    """
    layers = [j for j in range(depth) if any(any(k[j]) for k in keys)] or [0]
    keys = [tuple(k[j] for j in layers) for k in keys]
    if not shift_invariant or len(keys) < 2:
        return keys
    d = len(keys[0][0])
    first = keys[0]
    const = [i for i in range(d) if any(first[j][i] for j in range(len(layers)))
             and all(k[j][i] == first[j][i] for k in keys[1:] for j in range(len(layers)))]
    if not const:
        return keys
    zero = set(const)
    return [tuple(tuple(0 if i in zero else x for i, x in enumerate(layer)) for layer in k) for k in keys]
