"""Definition-level reference twins (used by tests only; slow on purpose, docs/math.md §1.2–§1.4).

* enumerate **all** stationary deterministic policies Π = A^S;
* f^{π,s}(γ): solve (I − γ P_π)^T f = e_s by plain Gaussian elimination over Fractions;
* functions are identified by their values at 2|S|+1 distinct γ's (docs/math.md §1.2: entries are
  p/q with degree ≤ |S|, so equal there ⇒ equal everywhere);
* RSD: lim_{γ→1}(1−γ) f(γ) via the exact expansion of each policy's function;
* ND: brute force over the convex-hull definition is replaced by checking witnesses exactly.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Iterator

from ..core.linalg import solve_unique
from .environment import Environment

__all__ = ["all_policies", "solve", "visit_at", "values_ref", "function_keys_ref", "rsd_ref", "optimal_value_ref"]


def all_policies(env: Environment, s: int | None = None, action: str | None = None) -> Iterator[tuple[int, ...]]:
    ranges = [range(len(acts)) for acts in env.table]
    if action is not None and s is not None:
        ranges[s] = [env.action_index(s, action)]
    return itertools.product(*ranges)


def solve(A: list[list[Fraction]], b: list[Fraction]) -> list[Fraction]:
    """The unique solution of the non-singular system A x = b (exact)."""
    x = solve_unique(A, b)
    assert x is not None, "singular system"
    return x


def visit_at(env: Environment, policy: tuple[int, ...], s: int, gamma: Fraction) -> tuple[Fraction, ...]:
    n = len(env.states)
    P = [[Fraction(0)] * n for _ in range(n)]
    for u in range(n):
        for j, p in env.table[u][policy[u]][1]:
            P[u][j] += p
    A = [[(1 if i == j else 0) - gamma * P[j][i] for j in range(n)] for i in range(n)]  # (I − γP)^T
    return tuple(solve(A, [Fraction(1 if i == s else 0) for i in range(n)]))


def values_ref(env: Environment, s: int, action: str | None, gamma: Fraction) -> set[tuple[Fraction, ...]]:
    return {visit_at(env, pol, s, gamma) for pol in all_policies(env, s, action)}


def key_gammas(n: int) -> list[Fraction]:
    return [Fraction(k, 2 * n + 3) for k in range(1, 2 * n + 2)]


def function_keys_ref(env: Environment, s: int, action: str | None) -> set[tuple[tuple[Fraction, ...], ...]]:
    gs = key_gammas(len(env.states))
    return {tuple(visit_at(env, pol, s, g) for g in gs) for pol in all_policies(env, s, action)}


def rsd_ref(env: Environment, s: int, action: str | None) -> set[tuple[Fraction, ...]]:
    from .visits import function_of_policy

    out = set()
    for pol in all_policies(env, s, action):
        out.add(function_of_policy(env, s, dict(enumerate(pol))).rsd())
    return out


def optimal_value_ref(env: Environment, r, s: int, gamma: Fraction) -> Fraction:
    return max(sum((a * b for a, b in zip(f, r)), Fraction(0)) for f in values_ref(env, s, None, gamma))
