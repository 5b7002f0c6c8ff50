"""The fork value: the comparison a check is about, built once and passed down the pipeline.

A :class:`Fork` holds the option sets A (the smaller side), B (the larger side) and the choice set
C, with where they came from: an environment fork (state s, first actions a and b, semantics), or
vectors a user gave.  Counting, copies, claims and certificates take the fork's values; none of
them resolves an environment name or re-parses a set file again (docs/architecture.md).

>>> from orbitproof.core.semantics import Gain
>>> f = fork_from_environment("candy", "start", "candy", "wait", Gain())
>>> len(f.A.options), len(f.B.options), f.source["state"]
(1, 2, 'start')
>>> fork_from_source(f.source) == f
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import OptionSetError
from ..core.exact import format_fraction, to_fractions
from ..core.optionset import OptionSet
from ..core.semantics import Semantics, parse_semantics
from .environment import Environment

__all__ = ["Fork", "fork_from_environment", "fork_from_sets", "fork_from_source", "action_list"]


@dataclass(frozen=True)
class Fork:
    """Option sets A, B and C (None: C = A ∪ B) with their provenance.

    ``source`` is the JSON input form certificates embed: ``{"environment": {...}, "state", "a",
    "b", "semantics"}`` or ``{"sets": {"coordinates", "A", "B"[, "C"]}}`` (rationals as strings).
    """

    A: OptionSet
    B: OptionSet
    C: OptionSet | None
    source: dict = field(compare=False, hash=False, repr=False)
    environment: Environment | None = field(default=None, compare=False, hash=False, repr=False)
    max_options: int = field(default=100_000, compare=False, hash=False, repr=False)

    @property
    def d(self) -> int:
        return self.A.dimension

    @property
    def coordinates(self) -> tuple[str, ...]:
        return self.A.coordinates

    @property
    def semantics(self) -> Semantics | None:
        return self.A.semantics

    @property
    def state(self) -> str | None:
        return self.source.get("state")

    @property
    def a(self) -> tuple[str, ...]:
        return tuple(self.source.get("a", ()))

    @property
    def b(self) -> tuple[str, ...]:
        return tuple(self.source.get("b", ()))

    @property
    def choice(self) -> OptionSet:
        """C, or A ∪ B when no C was given."""
        if self.C is not None:
            return self.C
        return OptionSet(tuple(set(self.A.options) | set(self.B.options)), self.coordinates, "A ∪ B",
                         self.semantics)

    def input_for(self, compare: str = "max") -> dict:
        """The certificate's ``instance.input`` object (max never uses C, so it is left out)."""
        if "environment" in self.source:
            return dict(self.source)
        sets = dict(self.source["sets"])
        if compare == "max":
            sets.pop("C", None)
        elif "C" not in sets:
            sets["C"] = _strs(self.choice)
        return {"sets": sets}


def action_list(x: str | Sequence[str]) -> list[str]:
    """``"a1,a2"`` or a list → the list of first actions of one side of the fork."""
    if isinstance(x, str):
        return [p.strip() for p in x.split(",") if p.strip()]
    return [str(p) for p in x]


def fork_from_environment(environment: str | Mapping | Environment, state: str, a: str | Sequence[str],
                          b: str | Sequence[str], semantics: Any, *, max_options: int = 100_000) -> Fork:
    """The fork at ``state`` (docs/math.md §1.2–1.3): A = the options after any action of ``a``,
    B = after any action of ``b``, C = every option at ``state``, under ``semantics``
    (Discounted, Gain or Blackwell; given as a value, a dict or a string).  ``max_options`` bounds
    the options enumerated per action (refused past it, CLI ``--max-options``); the fork keeps it for
    re-derivations under other semantics."""
    from .io import resolve_environment
    from .options import option_set, option_set_union

    if isinstance(environment, Mapping):
        env = Environment.from_dict(environment)
    else:
        env = resolve_environment(environment)
    sem = parse_semantics(semantics)
    a_list, b_list = action_list(a), action_list(b)
    if not a_list or not b_list:
        raise OptionSetError("both sides need at least one action")

    def side(acts: list[str], name: str) -> OptionSet:
        u = option_set_union(env, state, acts, sem, max_size=max_options)
        return OptionSet(u.options, env.states, f"{name} = {'/'.join(acts)} at {state}", sem)

    A, B = side(a_list, "A"), side(b_list, "B")
    C = OptionSet(option_set(env, state, None, sem, max_size=max_options).options, env.states,
                  f"C = all options at {state}", sem)
    data = env.to_dict()
    source = {"environment": {"states": list(data["states"]), "actions": data["actions"]},
              "state": str(state), "a": a_list, "b": b_list, "semantics": sem.to_dict()}
    return Fork(A, B, C, source, env, max_options)


def _strs(S: OptionSet) -> list[list[str]]:
    return [[format_fraction(x) for x in v] for v in sorted(S.vectors)]


def fork_from_sets(A: Any, B: Any, C: Any = None, *, coordinates: Sequence[str] | None = None) -> Fork:
    """A fork from exact vectors (lists or OptionSets); C optional (default A ∪ B)."""

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
    sets = {"coordinates": list(SA.coordinates), "A": _strs(SA), "B": _strs(SB)}
    if SC is not None:
        sets["C"] = _strs(SC)
    return Fork(SA, SB, SC, {"sets": sets})


def fork_from_source(source: Mapping) -> Fork:
    """Inverse of :attr:`Fork.source` (an environment fork or vector sets)."""
    if "environment" in source:
        return fork_from_environment(source["environment"], source["state"], source["a"], source["b"],
                                     source["semantics"])
    s = source["sets"]
    return fork_from_sets(s["A"], s["B"], s.get("C"), coordinates=s["coordinates"])
