"""Named example environments (docs/math.md §10), usable wherever the CLI takes an environment.

Specs: ``candy``, ``fig1``, ``ye-olde``, ``invariance``, ``invariance-cycle``,
``terminal:m=M,n=N`` and ``gridworld:w=W,h=H``.  Each builder documents its source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..core.errors import FormatError, InvalidEnvironmentError
from .environment import Environment
from .grid import gridworld as _gridworld

__all__ = ["get", "names", "candy", "fig1", "ye_olde", "invariance", "invariance_cycle", "terminal", "gridworld"]


def _det(name: str, states: list[str], edges: dict[str, dict[str, str]], description: str) -> Environment:
    return Environment.from_dict({"name": name, "states": states, "actions": edges, "description": description})


def candy() -> Environment:
    """Candy / chocolate / hug (docs/math.md §10.1; B-stake, B-2019, B-env).

    States (start, candy, wait, chocolate, hug); start and wait are transient, the others terminal.
    Exactly the file of issue 2 item 3 (examples/candy.toml)."""
    return _det(
        "candy",
        ["start", "candy", "wait", "chocolate", "hug"],
        {
            "start": {"candy": "candy", "wait": "wait"},
            "wait": {"chocolate": "chocolate", "hug": "hug"},
            "candy": {"stay": "candy"},
            "chocolate": {"stay": "chocolate"},
            "hug": {"stay": "hug"},
        },
        candy.__doc__.splitlines()[0],
    )


def fig1() -> Environment:
    """P21 Figure 1, the "⋆" environment (docs/math.md §10.2; edge set reconstructed).

    Name mapping: star = ⋆, empty = ∅ (shutdown), l = ℓ◁, l_up = ℓ↖, l_down = ℓ↙, r = r▷,
    r_up = r↗, r_down = r↘.  Actions: star: up→empty, left→l, right→r; empty: stay;
    l: up→l_up, down→l_down; l_up: down→l_down (no self-loop); l_down: stay, up→l_up;
    r: up→r_up, down→r_down; r_up: stay, down→r_down; r_down: stay, up→r_up."""
    return _det(
        "fig1",
        ["star", "empty", "l", "l_up", "l_down", "r", "r_up", "r_down"],
        {
            "star": {"up": "empty", "left": "l", "right": "r"},
            "empty": {"stay": "empty"},
            "l": {"up": "l_up", "down": "l_down"},
            "l_up": {"down": "l_down"},
            "l_down": {"stay": "l_down", "up": "l_up"},
            "r": {"up": "r_up", "down": "r_down"},
            "r_up": {"stay": "r_up", "down": "r_down"},
            "r_down": {"stay": "r_down", "up": "r_up"},
        },
        "P21 Figure 1 (star environment), docs/math.md §10.2",
    )


def ye_olde() -> Environment:
    """"Ye Olde Gridworld", the 2-vs-3 fractional test case (docs/math.md §10.3; B-real, edges REC).

    States (triangle = △, circle = ○, left, start, right, star = ★); every state can stay;
    start → left, right; left → triangle; right → circle, star.  Actions are named after targets."""
    return _det(
        "ye-olde",
        ["triangle", "circle", "left", "start", "right", "star"],
        {
            "triangle": {"stay": "triangle"},
            "circle": {"stay": "circle"},
            "left": {"stay": "left", "triangle": "triangle"},
            "start": {"stay": "start", "left": "left", "right": "right"},
            "right": {"stay": "right", "circle": "circle", "star": "star"},
            "star": {"stay": "star"},
        },
        "Ye Olde Gridworld, docs/math.md §10.3",
    )


def invariance() -> Environment:
    """Invariance example (docs/math.md §10.4; B-stake, graph REC): start → X → {A, B} (terminal) vs
    start → wait → {C, D, E, F} (terminal).  Actions at start: x, wait; at X and wait: the target's
    name; terminals: stay."""
    return _det(
        "invariance",
        ["start", "X", "wait", "A", "B", "C", "D", "E", "F"],
        {
            "start": {"x": "X", "wait": "wait"},
            "X": {"A": "A", "B": "B"},
            "wait": {"C": "C", "D": "D", "E": "E", "F": "F"},
            **{t: {"stay": t} for t in "ABCDEF"},
        },
        "Invariance example, docs/math.md §10.4",
    )


def invariance_cycle() -> Environment:
    """Invariance example with a cycle (docs/math.md §10.4): as :func:`invariance` but D → Dp and
    Dp → {Dp, D} (Dp = D′ has a self-loop, D has none)."""
    env = invariance().to_dict()
    states = ["start", "X", "wait", "A", "B", "C", "D", "Dp", "E", "F"]
    actions = env["actions"]
    actions["D"] = {"Dp": "Dp"}
    actions["Dp"] = {"stay": "Dp", "D": "D"}
    return _det("invariance-cycle", states, actions, "Invariance example with a D/D' cycle, docs/math.md §10.4")


def terminal(m: int, n: int) -> Environment:
    """m dying vs n living terminal states (docs/math.md §10.5).

    States start, die, live, d1..dM, l1..lN (in that order); start: die→die, live→live;
    die: d1..dM; live: l1..lN (actions named after targets); terminals: stay."""
    if m < 1 or n < 1:
        raise InvalidEnvironmentError("terminal needs m >= 1 and n >= 1")
    if m + n > 100_000:
        raise InvalidEnvironmentError("terminal: m + n exceeds 100000")
    ds = [f"d{i}" for i in range(1, m + 1)]
    ls = [f"l{i}" for i in range(1, n + 1)]
    actions: dict[str, dict[str, str]] = {
        "start": {"die": "die", "live": "live"},
        "die": {d: d for d in ds},
        "live": {l: l for l in ls},
    }
    for t in ds + ls:
        actions[t] = {"stay": t}
    return _det(f"terminal:m={m},n={n}", ["start", "die", "live", *ds, *ls], actions,
                f"{m} dying vs {n} living terminal states, docs/math.md §10.5")


def gridworld(w: int, h: int) -> Environment:
    """A w×h gridworld without walls (states c{x}_{y}, actions up/down/left/right/stay; moving off
    the grid = stay).  See :mod:`orbitproof.mdp.grid` (walls: the ``grid`` file key)."""
    return _gridworld(w, h)


_INT = re.compile(r"[+-]?[0-9]{1,18}")  # ASCII digits only; 18 digits is far beyond every size limit

_SIMPLE: dict[str, Callable[[], Environment]] = {
    "candy": candy,
    "fig1": fig1,
    "ye-olde": ye_olde,
    "invariance": invariance,
    "invariance-cycle": invariance_cycle,
}
_PARAM: dict[str, tuple[Callable[..., Environment], tuple[str, ...]]] = {
    "terminal": (terminal, ("m", "n")),
    "gridworld": (gridworld, ("w", "h")),
}


def names() -> tuple[str, ...]:
    """Catalog specs (parametrised ones shown with their parameters)."""
    return (*_SIMPLE, "terminal:m=M,n=N", "gridworld:w=W,h=H")


def get(spec: str) -> Environment:
    """Build a catalog environment from its spec, e.g. ``"terminal:m=2,n=51"``."""
    text = spec.strip()
    base, _, params = text.partition(":")
    base = base.strip().lower()
    if base in _SIMPLE:
        if params.strip():
            raise FormatError(f"catalog environment {base!r} takes no parameters")
        return _SIMPLE[base]()
    if base in _PARAM:
        fn, keys = _PARAM[base]
        values: dict[str, Any] = {}
        for part in filter(None, (p.strip() for p in params.split(","))):
            k, eq, v = part.partition("=")
            k = k.strip()
            if not eq or k not in keys:
                from ..core.names import did_you_mean

                raise FormatError(f"{base}: unknown parameter {part!r}{did_you_mean(k, keys)} "
                                  f"(expected {', '.join(keys)})")
            if k in values:
                raise FormatError(f"{base}: parameter {k} given twice")
            v = v.strip()
            if not _INT.fullmatch(v):
                shown = v if len(v) <= 40 else v[:40] + "…"
                raise FormatError(f"{base}: parameter {k} must be an integer, got {shown!r}")
            values[k] = int(v)
        missing = [k for k in keys if k not in values]
        if missing:
            raise FormatError(f"{base}: missing parameter(s) {', '.join(missing)} (e.g. {names()[-1 if base == 'gridworld' else -2]})")
        return fn(**values)
    from ..core.names import did_you_mean

    shown = spec if len(spec) <= 60 else spec[:60] + "…"
    raise FormatError(
        f"unknown environment {shown!r}{did_you_mean(base, (*_SIMPLE, *_PARAM))}: not a file (.toml/.json) "
        f"and not in the catalog ({', '.join(names())})"
    )
