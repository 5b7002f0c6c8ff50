"""Instances a claim is checked on: option sets A (smaller side), B (larger side) and the choice set C,
with where they came from (an environment fork or user vectors) and the structure parameters the
fractional readings need (docs/math.md §9.3).

An :class:`Instance` is immutable and JSON-describable (:meth:`Instance.to_spec` /
:func:`instance_from_spec`), so a search can rebuild it inside a worker process and a certificate
can embed its raw inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any

from ..core.limits import COMPARE_NAMES
from ..core.errors import OptionSetError
from ..core.exact import format_fraction, to_fractions
from ..core.optionset import OptionSet

__all__ = ["Instance", "instance_from_environment", "instance_from_sets", "instance_from_spec",
           "involutions", "apply_involution", "COMPARES"]

COMPARES = COMPARE_NAMES


# ----------------------------------------------------------------------------- permutations
def involutions(d: int) -> list[tuple[int, ...]]:
    """Every involution of S_d as a tuple p with p[i] = image of i (identity first)."""
    out: list[tuple[int, ...]] = []

    def rec(p: list[int | None]) -> None:
        try:
            i = p.index(None)
        except ValueError:
            out.append(tuple(p))  # type: ignore[arg-type]
            return
        p[i] = i
        rec(p)
        for j in range(i + 1, d):
            if p[j] is None:
                p[i], p[j] = j, i
                rec(p)
                p[j] = None
        p[i] = None

    rec([None] * d)
    return out


def apply_involution(p: Sequence[int], vectors: Iterable[tuple]) -> frozenset:
    """φ·X for depth-1 vectors, row convention (φ·x)_{p(i)} = x_i (docs/math.md §2.1)."""
    out = set()
    for v in vectors:
        w = [None] * len(v)
        for i, x in enumerate(v):
            w[p[i]] = x
        out.add(tuple(w))
    return frozenset(out)


def pairs_of(p: Sequence[int]) -> list[list[int]]:
    return [[i, j] for i, j in enumerate(p) if i < j]


# ----------------------------------------------------------------------------- instance
@dataclass(frozen=True)
class Instance:
    """A, B (larger side), optional C, the comparison rule and the instance's provenance.

    ``source`` is either ``{"environment": <dict>, "state", "a", "b", "semantics"}`` or
    ``{"sets": {"coordinates", "A", "B"[, "C"]}}`` (rationals as strings); ``params`` holds claim
    structure (e.g. ``{"m": 2, "n": 3}``, ``"parts"``, ``"involutions"``, ``"blocks"``).
    """

    A: OptionSet
    B: OptionSet
    C: OptionSet | None
    label: str
    source: dict = field(compare=False, hash=False)
    params: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def d(self) -> int:
        return self.A.dimension

    @property
    def coordinates(self) -> tuple[str, ...]:
        return self.A.coordinates

    @property
    def semantics(self) -> Any:
        return self.A.semantics

    @property
    def layered(self) -> bool:
        return self.A.depth > 1 or self.B.depth > 1

    @cached_property
    def choice(self) -> OptionSet:
        """C, or A ∪ B when no C was given."""
        if self.C is not None:
            return self.C
        return OptionSet(tuple(set(self.A.options) | set(self.B.options)), self.coordinates, "A ∪ B",
                         self.semantics)

    def with_params(self, **params: Any) -> "Instance":
        p = dict(self.params)
        p.update(params)
        return Instance(self.A, self.B, self.C, self.label, self.source, p)

    def with_semantics(self, semantics: Any) -> "Instance":
        """The same environment fork under another semantics (environment instances only)."""
        if "environment" not in self.source:
            raise OptionSetError("only an environment instance can change its semantics")
        s = self.source
        return instance_from_environment(s["environment"], s["state"], s["a"], s["b"], semantics,
                                         label=self.label, params=self.params)

    def to_spec(self) -> dict:
        return {"label": self.label, "source": self.source, "params": _jsonable(self.params)}

    def vectors(self, which: str) -> frozenset:
        S = {"A": self.A, "B": self.B, "C": self.choice}[which]
        if S.depth != 1:
            raise OptionSetError("this check needs depth-1 vectors (not Blackwell layers)")
        return frozenset(S.vectors)


def _jsonable(x: Any) -> Any:
    if isinstance(x, Fraction):
        return format_fraction(x)
    if isinstance(x, Mapping):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, frozenset, set)):
        items = [_jsonable(v) for v in x]
        return sorted(items, key=repr) if isinstance(x, (set, frozenset)) else items
    return x


def _actions(x: Any) -> list[str]:
    if isinstance(x, str):
        return [p.strip() for p in x.split(",") if p.strip()]
    return [str(p) for p in x]


def instance_from_environment(environment: Any, state: str, a: Any, b: Any, semantics: Any, *,
                              label: str | None = None, params: Mapping | None = None) -> Instance:
    """The fork at ``state``: A = options after ``a``, B = after ``b``, C = all options at ``state``
    (action lists are united), under ``semantics`` (Discounted, Gain or Blackwell)."""
    from ..mdp import Environment, option_set, resolve_environment
    from ..core.semantics import parse_semantics

    if isinstance(environment, str):
        env = resolve_environment(environment)
    elif isinstance(environment, Mapping):
        env = Environment.from_dict(environment)
    else:
        env = environment
    sem = parse_semantics(semantics)
    a_list, b_list = _actions(a), _actions(b)
    if not a_list or not b_list:
        raise OptionSetError("both sides need at least one action")

    def union(acts: list[str], name: str) -> OptionSet:
        opts = set()
        for x in acts:
            opts.update(option_set(env, state, x, sem).options)
        return OptionSet(tuple(opts), env.states, f"{name} = {'/'.join(acts)} at {state}", sem)

    A, B = union(a_list, "A"), union(b_list, "B")
    C = OptionSet(option_set(env, state, None, sem).options, env.states, f"C = all options at {state}", sem)
    data = env.to_dict()
    source = {"environment": {"states": list(data["states"]), "actions": data["actions"]},
              "state": str(state), "a": a_list, "b": b_list, "semantics": sem.to_dict()}
    name = label or f"{getattr(env, 'name', None) or 'env'}:{state}:{'/'.join(a_list)}<{'/'.join(b_list)}@{sem}"
    return Instance(A, B, C, name, source, dict(params or {}))


def instance_from_sets(A: Any, B: Any, C: Any = None, *, coordinates: Sequence[str] | None = None,
                       label: str = "sets", params: Mapping | None = None) -> Instance:
    """An instance from exact vectors (lists or OptionSets); C optional (default A ∪ B)."""

    def as_set(X: Any, name: str) -> OptionSet | None:
        if X is None:
            return None
        if isinstance(X, OptionSet):
            return X
        vecs = [to_fractions(v, f"{name}[{i}]") for i, v in enumerate(X)]
        if not vecs:
            raise OptionSetError(f"set {name} is empty")
        coords = coordinates or tuple(f"x{i + 1}" for i in range(len(vecs[0])))
        return OptionSet.from_vectors(vecs, coords, name)

    SA, SB, SC = as_set(A, "A"), as_set(B, "B"), as_set(C, "C")
    if SA is None or SB is None or not SA.options or not SB.options:
        raise OptionSetError("A and B must be non-empty")
    if SA.coordinates != SB.coordinates or (SC is not None and SC.coordinates != SA.coordinates):
        raise OptionSetError("A, B and C must share one coordinate system")
    if SC is not None and not (set(SA.options) | set(SB.options)) <= set(SC.options):
        raise OptionSetError("C must contain A and B")

    def strs(S: OptionSet) -> list[list[str]]:
        return [[format_fraction(x) for x in v] for v in sorted(S.vectors)]

    sets = {"coordinates": list(SA.coordinates), "A": strs(SA), "B": strs(SB)}
    if SC is not None:
        sets["C"] = strs(SC)
    return Instance(SA, SB, SC, label, {"sets": sets}, dict(params or {}))


def instance_from_spec(spec: Mapping) -> Instance:
    """Inverse of :meth:`Instance.to_spec`."""
    src = spec["source"]
    params = dict(spec.get("params") or {})
    if "environment" in src:
        return instance_from_environment(src["environment"], src["state"], src["a"], src["b"],
                                         src["semantics"], label=spec.get("label"), params=params)
    s = src["sets"]
    return instance_from_sets(s["A"], s["B"], s.get("C"), coordinates=s["coordinates"],
                              label=spec.get("label", "sets"), params=params)


