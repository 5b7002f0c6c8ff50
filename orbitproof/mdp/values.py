"""Optimal values: V*_R(s, γ) and the optimal gain max_{d ∈ RSD(s)} d·r (docs/math.md §1.3)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import flint

from .environment import Environment
from .recurrent import rsd_nd_vectors
from .visits import check_gamma

__all__ = ["optimal_value", "optimal_gain", "policy_values"]


def policy_values(env: Environment, policy: list[int], r: tuple[Fraction, ...], gamma: Fraction) -> list[Fraction]:
    """V^π = (I − γ P_π)^{-1} r, exactly."""
    n = len(env.states)
    entries = []
    for u in range(n):
        row = [flint.fmpq(1 if u == v else 0) for v in range(n)]
        for j, p in env.table[u][policy[u]][1]:
            row[j] -= flint.fmpq(gamma.numerator, gamma.denominator) * flint.fmpq(p.numerator, p.denominator)
        entries.extend(row)
    A = flint.fmpq_mat(n, n, entries)
    b = flint.fmpq_mat(n, 1, [flint.fmpq(x.numerator, x.denominator) for x in r])
    x = A.solve(b)
    return [Fraction(int(x[i, 0].p), int(x[i, 0].q)) for i in range(n)]


def optimal_value(env: Environment, reward: Any, state: str, gamma: Any) -> Fraction:
    """V*_R(s, γ) by exact policy iteration (Howard): evaluate, switch only on strict improvement.
    Terminates at an optimal policy since values increase strictly and Π is finite."""
    s = env.index(state)
    g = check_gamma(gamma)
    r = env.reward_vector(reward)
    policy = [0] * len(env.states)
    while True:
        V = policy_values(env, policy, r, g)
        changed = False
        for u, acts in enumerate(env.table):
            q = [r[u] + g * sum((p * V[j] for j, p in tr), Fraction(0)) for _, tr in acts]
            best = max(range(len(q)), key=lambda k: q[k])
            if q[best] > q[policy[u]]:
                policy[u] = best
                changed = True
        if not changed:
            return V[s]


def optimal_gain(env: Environment, reward: Any, state: str, *, max_size: int = 100_000) -> Fraction:
    """max_{d ∈ RSD(s)} d·r = max over RSD_nd(s) (P21 Cor E.11)."""
    r = env.reward_vector(reward)
    vecs = rsd_nd_vectors(env, state, None, max_size=max_size)
    return max(sum((a * b for a, b in zip(d, r)), Fraction(0)) for d in vecs)
