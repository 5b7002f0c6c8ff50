"""Option sets of deterministic environments in sparse form (no dense rows; docs/orbit-counting.md).

For a deterministic MDP every visit distribution function is a *lasso*: a simple path
s_0 = s, …, s_{k−1} followed by a cycle c_0, …, c_{L−1} repeated forever (docs/math.md §1.2), so

    f(γ) = Σ_{t<k} γ^t e_{s_t} + γ^k/(1−γ^L) Σ_j γ^j e_{c_j}

has k + L non-zero entries.  This module builds the same option sets as
:func:`orbitproof.mdp.options.option_set` (without ``nd``) directly in that form:

* ``Discounted(γ)``: the entries above at γ;
* ``Gain()``: RSD(s | a), the uniform distributions 1/L on the reachable cycles;
* ``Blackwell()``: per entry the K = 2|S|+1 coefficients of (1−γ) f(γ) = Σ_j c_j (1−γ)^j, computed
  once per distinct entry (by :func:`orbitproof.mdp.ratfunc.taylor_at_one`, the dense code's
  function) and stored without trailing zeros.

:func:`sparse_option_set` returns ``None`` for stochastic environments (use the dense function).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.errors import TooLargeError
from ..core.exact import format_fraction
from ..core.semantics import Blackwell, Discounted, Gain, parse_semantics
from ..core.sparse import SparseOptionSet
from .environment import Environment
from .ratfunc import taylor_at_one
from .visits import count_enumeration, estimate_policy_count, format_count, iter_lassos

__all__ = ["sparse_option_set"]


def _label(kind: str, state: str, action: str | None) -> str:
    return f"{kind}({state}{' | ' + action if action is not None else ''})"


def sparse_option_set(env: Environment, state: str, action: str | None, semantics: Any, *,
                      max_size: int = 100_000) -> SparseOptionSet | None:
    """The options at ``state`` (first action ``action``, or any if None) under ``semantics``, in
    sparse form; ``None`` when the environment is not deterministic."""
    sem = parse_semantics(semantics)
    s = env.index(state)
    if action is not None:
        env.action_index(state, action)
    if not env.is_deterministic:
        return None
    estimate = estimate_policy_count(env, s, action)
    if estimate > max_size and count_enumeration(env, s, action, max_size) > max_size:
        what = f"F({state}{' | ' + action if action else ''})"
        raise TooLargeError(
            f"{what} in {env.name!r} has more than {max_size:,} visit distributions "
            f"(upper estimate {format_count(estimate)}); raise the limit with max_size= (CLI: --max-options N)")
    one = Fraction(1)
    opts = set()
    if isinstance(sem, Gain):
        for _, cyc in iter_lassos(env, s, action):
            w = (Fraction(1, len(cyc)),)
            opts.add(tuple(sorted((u, w) for u in cyc)))
        return SparseOptionSet(tuple(opts), env.states, 1, _label("RSD", state, action), sem)
    if isinstance(sem, Discounted):
        g = sem.gamma
        for pre, cyc in iter_lassos(env, s, action):
            k, L = len(pre), len(cyc)
            row = [(u, (g ** t,)) for t, u in enumerate(pre)]
            tail = g ** k / (one - g ** L)
            row += [(u, (tail * g ** j,)) for j, u in enumerate(cyc)]
            opts.add(tuple(sorted((u, v) for u, v in row if v[0])))
        prov = f"{_label('F', state, action)} at γ = {format_fraction(g)}"
        return SparseOptionSet(tuple(opts), env.states, 1, prov, sem)
    if isinstance(sem, Blackwell):
        K = 2 * len(env.states) + 1
        cache: dict[tuple[int, int], tuple[Fraction, ...]] = {}

        def series(t: int, L: int) -> tuple[Fraction, ...]:  # L = 0: path entry γ^t
            key = (t, L)
            out = cache.get(key)
            if out is None:
                num = (Fraction(0),) * t + (one,)
                den = (one,) if L == 0 else (one,) + (Fraction(0),) * (L - 1) + (-one,)
                c = list(taylor_at_one((num, den), K))
                while c and not c[-1]:
                    c.pop()
                out = cache[key] = tuple(c)
            return out

        for pre, cyc in iter_lassos(env, s, action):
            k, L = len(pre), len(cyc)
            row = [(u, series(t, 0)) for t, u in enumerate(pre)] + [(u, series(k + j, L)) for j, u in enumerate(cyc)]
            opts.add(tuple(sorted(row)))
        return SparseOptionSet(tuple(opts), env.states, K, f"{_label('F', state, action)} (Blackwell, {K} layers)", sem)
    raise TypeError(f"unknown semantics {semantics!r}")  # pragma: no cover
