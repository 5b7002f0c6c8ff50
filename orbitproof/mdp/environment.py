"""Finite MDPs with named states and actions (docs/math.md §1.1).

An :class:`Environment` is the rewardless MDP ⟨S, A, T⟩ of P21 Def 3.1 plus an optional state
reward vector.  ``states`` fixes the coordinate order of every vector; ``T(s, a)`` is a probability
vector with exact rational entries summing to exactly 1 (deterministic = a point mass).

File structure (TOML, or JSON with the same structure; see docs/environments.md)::

    name = "candy"
    states = ["start", "candy", ...]
    [actions.start]
    candy = "candy"                              # deterministic
    gamble = { win = "1/3", lose = "2/3" }       # stochastic
    [rewards]                                    # optional; missing states get 0
    candy = "1"

A ``grid = "..."`` ASCII map (``.`` free, ``#`` wall) may replace ``states``/``actions``
(see :mod:`orbitproof.mdp.grid`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any

from ..core.errors import FormatError, InvalidEnvironmentError, UnknownActionError, UnknownStateError
from ..core.exact import format_fraction, to_fraction
from ..core.names import ACTION_FORBIDDEN, STATE_FORBIDDEN, check_name, did_you_mean

__all__ = ["Environment"]

Transition = tuple[tuple[int, Fraction], ...]
ActionTable = tuple[tuple[str, Transition], ...]

_TOP_KEYS = {"name", "states", "actions", "rewards", "description", "grid"}


@dataclass(frozen=True)
class Environment:
    """A validated finite MDP.

    Attributes:
        name: a label.
        states: state names; their order is the coordinate order of every vector.
        table: per state (same order), the tuple of ``(action, ((next_index, p), ...))`` in file
            order; next indices increase, every ``p > 0`` and ``Σ p == 1`` exactly.
        rewards: optional state rewards r (a column vector in state order).
    """

    name: str
    states: tuple[str, ...]
    table: tuple[ActionTable, ...]
    rewards: tuple[Fraction, ...] | None = None
    description: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        n = len(self.states)
        if n == 0:
            raise InvalidEnvironmentError(f"environment {self.name!r} has no states")
        for s in self.states:
            if not isinstance(s, str) or not s:
                raise InvalidEnvironmentError(f"state names must be non-empty strings, got {s!r}")
            _check_name(s, "state", _STATE_FORBIDDEN)
        if len(set(self.states)) != n:
            dup = sorted({s for s in self.states if self.states.count(s) > 1})
            raise InvalidEnvironmentError(f"duplicate state name(s): {', '.join(dup)}")
        if len(self.table) != n:
            raise InvalidEnvironmentError("the action table must have one entry per state")
        for s, acts in zip(self.states, self.table):
            if not acts:
                raise InvalidEnvironmentError(f"state {s!r} has no actions (every state needs at least one)")
            names = [a for a, _ in acts]
            if len(set(names)) != len(names):
                raise InvalidEnvironmentError(f"state {s!r} has duplicate action names")
            for a, tr in acts:
                if not isinstance(a, str) or not a:
                    raise InvalidEnvironmentError(f"action names must be non-empty strings (state {s!r})")
                _check_name(a, "action", _ACTION_FORBIDDEN, f" (state {s!r})")
                where = f"actions.{s}.{a}"
                if not tr:
                    raise InvalidEnvironmentError(f"{where}: no next state")
                idx = [j for j, _ in tr]
                if idx != sorted(set(idx)) or any(not (0 <= j < n) for j in idx):
                    raise InvalidEnvironmentError(f"{where}: next states must be distinct known states")
                for j, p in tr:
                    if not isinstance(p, Fraction):
                        raise InvalidEnvironmentError(f"{where}: probabilities must be Fractions")
                    if p <= 0:
                        raise InvalidEnvironmentError(
                            f"{where}.{self.states[j]}: probability {format_fraction(p)} is not positive "
                            "(leave out zero-mass entries)"
                        )
                total = sum((p for _, p in tr), Fraction(0))
                if total != 1:
                    raise InvalidEnvironmentError(
                        f"{where}: probabilities sum to {format_fraction(total)}, not exactly 1"
                    )
        if self.rewards is not None:
            if len(self.rewards) != n:
                raise InvalidEnvironmentError(f"rewards has {len(self.rewards)} entries but there are {n} states")
            object.__setattr__(self, "rewards", tuple(to_fraction(x, f"rewards[{i}]") for i, x in enumerate(self.rewards)))

    # ------------------------------------------------------------------ accessors
    @cached_property
    def _index(self) -> dict[str, int]:
        return {s: i for i, s in enumerate(self.states)}

    @cached_property
    def _action_index(self) -> tuple[dict[str, int], ...]:
        return tuple({a: k for k, (a, _) in enumerate(acts)} for acts in self.table)

    def __len__(self) -> int:
        return len(self.states)

    def index(self, state: str) -> int:
        """Coordinate of ``state``; :class:`UnknownStateError` if absent."""
        try:
            return self._index[state]
        except (KeyError, TypeError):
            raise UnknownStateError(
                f"unknown state {state!r} in environment {self.name!r}{did_you_mean(str(state), self.states)} "
                f"(states: {_short(self.states)})"
            ) from None

    def actions(self, state: str) -> tuple[str, ...]:
        """Action names available in ``state`` (file order)."""
        return tuple(a for a, _ in self.table[self.index(state)])

    def action_index(self, state: str | int, action: str) -> int:
        i = state if isinstance(state, int) else self.index(state)
        try:
            return self._action_index[i][action]
        except (KeyError, TypeError):
            raise UnknownActionError(
                f"unknown action {action!r} in state {self.states[i]!r}"
                f"{did_you_mean(str(action), [a for a, _ in self.table[i]])} "
                f"(actions: {', '.join(a for a, _ in self.table[i])})"
            ) from None

    def transition(self, state: str, action: str) -> tuple[tuple[str, Fraction], ...]:
        """T(state, action) as ``((next, p), ...)`` with ``p > 0``, in state order, summing to 1."""
        i = self.index(state)
        k = self.action_index(i, action)
        return tuple((self.states[j], p) for j, p in self.table[i][k][1])

    @cached_property
    def is_deterministic(self) -> bool:
        return all(len(tr) == 1 for acts in self.table for _, tr in acts)

    @cached_property
    def successors(self) -> tuple[tuple[int, ...], ...]:
        """Per state, the sorted distinct states reachable in one step under some action."""
        return tuple(tuple(sorted({j for _, tr in acts for j, _ in tr})) for acts in self.table)

    def reachable(self, start: int) -> tuple[int, ...]:
        """States reachable from ``start`` (including it), in state order."""
        seen = {start}
        stack = [start]
        while stack:
            u = stack.pop()
            for v in self.successors[u]:
                if v not in seen:
                    seen.add(v)
                    stack.append(v)
        return tuple(sorted(seen))

    def reward_vector(self, reward: Any = None) -> tuple[Fraction, ...]:
        """An exact reward vector: ``reward`` (sequence in state order, or ``{state: value}``) or the
        environment's own rewards."""
        if reward is None:
            if self.rewards is None:
                raise InvalidEnvironmentError(f"environment {self.name!r} has no rewards; pass a reward vector")
            return self.rewards
        return _read_rewards(reward, self.states, "reward")

    # ------------------------------------------------------------------ conversions
    def to_dict(self) -> dict[str, Any]:
        """Canonical file structure: deterministic edges as plain names, probabilities as ``"p/q"``."""
        actions: dict[str, dict[str, Any]] = {}
        for s, acts in zip(self.states, self.table):
            row: dict[str, Any] = {}
            for a, tr in acts:
                if len(tr) == 1:
                    row[a] = self.states[tr[0][0]]
                else:
                    row[a] = {self.states[j]: format_fraction(p) for j, p in tr}
            actions[s] = row
        out: dict[str, Any] = {"name": self.name, "states": list(self.states), "actions": actions}
        if self.description:
            out["description"] = self.description
        if self.rewards is not None:
            out["rewards"] = {s: format_fraction(x) for s, x in zip(self.states, self.rewards)}
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "environment") -> "Environment":
        """Validate the file structure (see module docstring); errors name the offending field."""
        if not isinstance(data, Mapping):
            raise FormatError(f"{source}: expected a table with keys name, states, actions")
        unknown = sorted(map(str, set(data) - _TOP_KEYS))
        if unknown:
            raise FormatError(f"{source}: unknown key(s) {', '.join(map(repr, unknown))}"
                              f"{did_you_mean(unknown[0], sorted(_TOP_KEYS))} (known: {', '.join(sorted(_TOP_KEYS))})")
        name = data.get("name", "environment")
        if not isinstance(name, str):
            raise FormatError(f"{source}: name must be a string")
        description = data.get("description", "")
        if not isinstance(description, str):
            raise FormatError(f"{source}: description must be a string")
        if "grid" in data:
            if "states" in data or "actions" in data:
                raise FormatError(f"{source}: give either grid or states/actions, not both")
            from .grid import gridworld_from_map

            env = gridworld_from_map(data["grid"], name=name, source=source)
            rewards = _read_rewards(data["rewards"], env.states, "rewards") if "rewards" in data else None
            return cls(env.name, env.states, env.table, rewards, description or env.description)
        states = data.get("states")
        if states is None:
            raise FormatError(f"{source}: missing states (a list of state names)")
        if not isinstance(states, list) or not all(isinstance(s, str) for s in states):
            raise FormatError(f"{source}: states must be a list of strings")
        if not states:
            raise InvalidEnvironmentError(f"{source}: empty environment (no states)")
        if len(set(states)) != len(states):
            dup = sorted({s for s in states if states.count(s) > 1})
            raise InvalidEnvironmentError(f"{source}: duplicate state name(s): {', '.join(dup)}")
        index = {s: i for i, s in enumerate(states)}
        actions = data.get("actions", {})
        if not isinstance(actions, Mapping):
            raise FormatError(f"{source}: actions must be a table of tables")
        for s in actions:
            if s not in index:
                raise UnknownStateError(f"{source}: actions.{s}: unknown state {s!r}")
        table = []
        for s in states:
            row = actions.get(s)
            if row is None or (isinstance(row, Mapping) and not row):
                raise InvalidEnvironmentError(f"{source}: state {s!r} has no actions")
            if not isinstance(row, Mapping):
                raise FormatError(f"{source}: actions.{s} must be a table action = next")
            acts = []
            for a, target in row.items():
                acts.append((a, _read_transition(target, index, f"actions.{s}.{a}", source)))
            table.append(tuple(acts))
        rewards = _read_rewards(data["rewards"], tuple(states), "rewards") if "rewards" in data else None
        return cls(name, tuple(states), tuple(table), rewards, description)

    def to_networkx(self):
        """A ``networkx.MultiDiGraph``: nodes = states (in order), one edge per (action, next state)
        with attributes ``action`` (str), ``p`` (Fraction) and ``order`` (the action's position)."""
        import networkx as nx

        G = nx.MultiDiGraph(name=self.name)
        for i, s in enumerate(self.states):
            attrs = {} if self.rewards is None else {"reward": self.rewards[i]}
            G.add_node(s, **attrs)
        for s, acts in zip(self.states, self.table):
            for k, (a, tr) in enumerate(acts):
                for j, p in tr:
                    G.add_edge(s, self.states[j], action=a, p=p, order=k)
        return G

    @classmethod
    def from_networkx(cls, G: Any, name: str = "graph", states: Iterable[str] | None = None) -> "Environment":
        """Build from a (Multi)DiGraph whose edges carry ``action`` (required) and ``p`` (optional;
        an action with one edge and no ``p`` is deterministic).  ``states`` fixes the order
        (default: the graph's node order)."""
        order = list(G.nodes) if states is None else list(states)
        if any(not isinstance(s, str) for s in order):
            raise InvalidEnvironmentError("graph nodes must be state names (strings)")
        index = {s: i for i, s in enumerate(order)}
        if set(index) != set(G.nodes):
            raise InvalidEnvironmentError("states must list exactly the graph's nodes")
        rows: dict[str, dict[str, dict[str, Any]]] = {s: {} for s in order}
        listed = list(G.edges(data=True))
        # keep the actions' file order when the graph records it (edge attribute ``order``)
        edges = [e for _, e in sorted(enumerate(listed), key=lambda ie: (ie[1][2].get("order", float("inf")), ie[0]))]
        for u, v, attrs in edges:
            a = attrs.get("action")
            if not isinstance(a, str) or not a:
                raise InvalidEnvironmentError(f"edge {u!r} -> {v!r} has no action attribute")
            target = rows[u].setdefault(a, {})
            if v in target:
                raise InvalidEnvironmentError(f"action {a!r} of {u!r} has two edges to {v!r}")
            target[v] = attrs.get("p")
        actions: dict[str, dict[str, Any]] = {}
        for s in order:
            actions[s] = {}
            for a, target in rows[s].items():
                if len(target) == 1 and next(iter(target.values())) is None:
                    actions[s][a] = next(iter(target))
                else:
                    for v, p in target.items():
                        if p is None:
                            raise InvalidEnvironmentError(
                                f"action {a!r} of {s!r} has several next states; each edge needs p"
                            )
                    actions[s][a] = dict(target)
        rewards = None
        if all("reward" in G.nodes[s] for s in order) and order:
            rewards = {s: G.nodes[s]["reward"] for s in order}
        data: dict[str, Any] = {"name": name, "states": order, "actions": actions}
        if rewards is not None:
            data["rewards"] = rewards
        return cls.from_dict(data, source=name)

    def __repr__(self) -> str:
        kind = "deterministic" if self.is_deterministic else "stochastic"
        return f"Environment({self.name!r}, {len(self.states)} states, {kind})"


# Names are written in comma-separated CLI lists ("--actions a,b", "--reward s=1,t=2") and in
# "F(s | a)" labels; the one rule for state, action and coordinate names is core/names.py.
_STATE_FORBIDDEN = STATE_FORBIDDEN
_ACTION_FORBIDDEN = ACTION_FORBIDDEN


def _check_name(name: str, kind: str, forbidden: str, where: str = "") -> None:
    check_name(name, kind, forbidden, where, error=InvalidEnvironmentError)


def _short(names: tuple[str, ...], k: int = 12) -> str:
    return ", ".join(names[:k]) + (f", … ({len(names)} in all)" if len(names) > k else "")


def _read_transition(target: Any, index: Mapping[str, int], where: str, source: str) -> Transition:
    if isinstance(target, str):
        if target not in index:
            raise UnknownStateError(f"{source}: {where}: unknown next state {target!r}")
        return ((index[target], Fraction(1)),)
    if not isinstance(target, Mapping):
        raise FormatError(f"{source}: {where} must be a state name or a table {{state = probability}}")
    if not target:
        raise InvalidEnvironmentError(f"{source}: {where}: no next state")
    out = []
    for nxt, p in target.items():
        if nxt not in index:
            raise UnknownStateError(f"{source}: {where}: unknown next state {nxt!r}")
        q = to_fraction(p, f"{where}.{nxt}")
        if q <= 0:
            raise InvalidEnvironmentError(
                f"{source}: {where}.{nxt}: probability {format_fraction(q)} must be positive "
                "(leave out zero-mass entries)"
            )
        out.append((index[nxt], q))
    total = sum((q for _, q in out), Fraction(0))
    if total != 1:
        raise InvalidEnvironmentError(f"{source}: {where}: probabilities sum to {format_fraction(total)}, not exactly 1")
    return tuple(sorted(out))


def _read_rewards(raw: Any, states: tuple[str, ...], field_name: str) -> tuple[Fraction, ...]:
    if isinstance(raw, Mapping):
        index = {s: i for i, s in enumerate(states)}
        out = [Fraction(0)] * len(states)
        for s, v in raw.items():
            if s not in index:
                raise UnknownStateError(f"{field_name}.{s}: unknown state {s!r}")
            out[index[s]] = to_fraction(v, f"{field_name}.{s}")
        return tuple(out)
    if isinstance(raw, (list, tuple)):
        if len(raw) != len(states):
            raise InvalidEnvironmentError(
                f"{field_name} has {len(raw)} entries but there are {len(states)} states"
            )
        return tuple(to_fraction(v, f"{field_name}[{i}]") for i, v in enumerate(raw))
    raise FormatError(f"{field_name} must be a table {{state = value}} or a list in state order")
