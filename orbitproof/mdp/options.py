"""Option sets of an environment state under an explicit semantics (docs/math.md §1.2–§1.4, §8.3).

* ``Discounted(γ)``: { f(γ) : f ∈ F(s | a) } (depth 1).  ``nd=True``: ND of that value set, which
  equals { f(γ) : f ∈ F_nd(s | a) } (P21 Lemma E.31).
* ``Gain()``: RSD(s | a) (depth 1); ``nd=True``: RSD_nd, structural for deterministic MDPs.
* ``Blackwell()``: each f ∈ F(s | a) as its K = 2|S|+1 layers c_j of (1−γ) f(γ) = Σ_j c_j (1−γ)^j
  (lexicographic comparison, see :func:`orbitproof.core.optionset.option_value`).  ``nd=True`` keeps the
  functions in F_nd (decided at γ = 1/2, Lemma E.31; functions that coincide there are dominated).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..core.errors import SemanticsError
from ..core.exact import format_fraction
from ..core.optionset import OptionSet
from ..core.semantics import Blackwell, Discounted, Gain, parse_semantics
from .environment import Environment
from .nd import nondominated
from .recurrent import rsd_nd_vectors, rsd_vectors
from .visits import visit_functions

__all__ = ["option_set", "rsd"]


def _label(kind: str, state: str, action: str | None) -> str:
    return f"{kind}({state}{' | ' + action if action is not None else ''})"


def option_set(env: Environment, state: str, action: str | None, semantics, *, nd: bool = False,
               max_size: int = 100_000) -> OptionSet:
    """The options at ``state`` (first action ``action``, or any if None) under ``semantics``."""
    sem = parse_semantics(semantics)
    env.index(state)
    if action is not None:
        env.action_index(state, action)
    if isinstance(sem, Gain):
        vecs = (rsd_nd_vectors if nd else rsd_vectors)(env, state, action, max_size=max_size)
        prov = _label("RSD_nd" if nd else "RSD", state, action)
        return OptionSet(tuple((v,) for v in vecs), env.states, prov, sem)
    fs = visit_functions(env, state, action, max_size=max_size)
    if isinstance(sem, Discounted):
        values = list(dict.fromkeys(f.at(sem.gamma) for f in fs))
        if nd:
            values = list(nondominated(values).nd_vectors)
        prov = f"{_label('F_nd' if nd else 'F', state, action)} at γ = {format_fraction(sem.gamma)}"
        return OptionSet(tuple((v,) for v in values), env.states, prov, sem)
    if isinstance(sem, Blackwell):
        if nd:
            half = Fraction(1, 2)
            vals = [f.at(half) for f in fs]
            res = nondominated(vals)
            counts: dict[tuple, int] = {}
            for v in vals:
                counts[v] = counts.get(v, 0) + 1
            fs = tuple(f for f, v, e in zip(fs, vals, res.entries) if e.nondominated and counts[v] == 1)
        K = 2 * len(env.states) + 1
        opts = tuple(f.layers(K) for f in fs)
        prov = f"{_label('F_nd' if nd else 'F', state, action)} (Blackwell, {K} layers)"
        return OptionSet(opts, env.states, prov, sem)
    raise SemanticsError(f"unknown semantics {semantics!r}")  # pragma: no cover


def rsd(env: Environment, state: str, action: str | None = None, *, nd: bool = False,
        max_size: int = 100_000) -> OptionSet:
    """RSD(state | action) (or RSD_nd with ``nd=True``) as an OptionSet; = option_set(..., Gain())."""
    return option_set(env, state, action, Gain(), nd=nd, max_size=max_size)


def option_set_union(env: Environment, state: str, actions: str | Sequence[str], semantics: Any,
                     *, nd: bool = False, max_size: int = 100_000) -> OptionSet:
    """The union of F(s | a) (or RSD(s | a)) over the first actions ``actions`` ("a1,a2" or a list):
    the options of the fork side "take one of these actions first"."""
    names = actions.split(",") if isinstance(actions, str) else list(actions)
    return OptionSet.union([option_set(env, state, act, semantics, nd=nd, max_size=max_size) for act in names])
