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
from ..core.exact import format_fraction
from ..core.optionset import OptionSet
from ..mdp.fork import Fork, fork_from_environment, fork_from_sets

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
    """A claim's instance: the :class:`~orbitproof.mdp.fork.Fork` it is checked on (A, B the larger
    side, optional C, with provenance), a label, and the claim structure in ``params`` (e.g.
    ``{"m": 2, "n": 3}``, ``"parts"``, ``"involutions"``, ``"blocks"``)."""

    fork: Fork
    label: str
    params: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def A(self) -> OptionSet:
        return self.fork.A

    @property
    def B(self) -> OptionSet:
        return self.fork.B

    @property
    def C(self) -> OptionSet | None:
        return self.fork.C

    @property
    def source(self) -> dict:
        """The fork's JSON input form (see :attr:`Fork.source`)."""
        return self.fork.source

    @property
    def d(self) -> int:
        return self.fork.d

    @property
    def coordinates(self) -> tuple[str, ...]:
        return self.fork.coordinates

    @property
    def semantics(self) -> Any:
        return self.fork.semantics

    @property
    def layered(self) -> bool:
        return self.A.depth > 1 or self.B.depth > 1

    @cached_property
    def choice(self) -> OptionSet:
        """C, or A ∪ B when no C was given."""
        return self.fork.choice

    def with_params(self, **params: Any) -> "Instance":
        p = dict(self.params)
        p.update(params)
        return Instance(self.fork, self.label, p)

    def with_semantics(self, semantics: Any) -> "Instance":
        """The same environment fork under another semantics (environment instances only)."""
        if "environment" not in self.source:
            raise OptionSetError("only an environment instance can change its semantics")
        s = self.source
        env = self.fork.environment or s["environment"]
        return Instance(fork_from_environment(env, s["state"], s["a"], s["b"], semantics,
                                              max_options=self.fork.max_options), self.label, self.params)

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


def instance_from_environment(environment: Any, state: str, a: Any, b: Any, semantics: Any, *,
                              label: str | None = None, params: Mapping | None = None,
                              max_options: int = 100_000) -> Instance:
    """The fork at ``state`` (:func:`~orbitproof.mdp.fork.fork_from_environment`): A = options after
    ``a``, B = after ``b``, C = all options at ``state`` (action lists are united); ``max_options``
    bounds the options enumerated per action."""
    fork = fork_from_environment(environment, state, a, b, semantics, max_options=max_options)
    env, sem = fork.environment, fork.semantics
    name = label or (f"{getattr(env, 'name', None) or 'env'}:{state}:{'/'.join(fork.a)}<{'/'.join(fork.b)}"
                     f"@{sem}")
    return Instance(fork, name, dict(params or {}))


def instance_from_sets(A: Any, B: Any, C: Any = None, *, coordinates: Sequence[str] | None = None,
                       label: str = "sets", params: Mapping | None = None) -> Instance:
    """An instance from exact vectors (lists or OptionSets); C optional (default A ∪ B)."""
    return Instance(fork_from_sets(A, B, C, coordinates=coordinates), label, dict(params or {}))


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


