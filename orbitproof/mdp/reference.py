"""Definition-level reference twins (used by tests only; slow on purpose, docs/math.md §1.2–§1.4).

* enumerate **all** stationary deterministic policies Π = A^S;
* f^{π,s}(γ): solve (I − γ P_π)^T f = e_s by plain Gaussian elimination over Fractions;
* functions are identified by their values at 2|S|+1 distinct γ's (docs/math.md §1.2: entries are
  p/q with degree ≤ |S|, so equal there ⇒ equal everywhere);
* RSD: lim_{γ→1}(1−γ) f(γ) by Cramer's rule, polynomial interpolation in γ and division by (γ − 1)
  (own determinant; nothing from mdp/visits.py or mdp/recurrent.py);
* ND: brute force over the convex-hull definition is replaced by checking witnesses exactly.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Iterator

from ..core.linalg import solve_unique
from .environment import Environment

__all__ = ["all_policies", "solve", "det", "visit_at", "values_ref", "function_keys_ref", "rsd_ref", "optimal_value_ref"]


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


def det(M: list[list[Fraction]]) -> Fraction:
    """det M by Gaussian elimination over Fractions (the one primitive of :func:`rsd_ref`;
    tests/test_mdp_reference.py cross-checks it against the Leibniz formula over
    ``itertools.permutations``)."""
    M = [list(row) for row in M]
    n, out = len(M), Fraction(1)
    for c in range(n):
        piv = next((i for i in range(c, n) if M[i][c]), None)
        if piv is None:
            return Fraction(0)
        if piv != c:
            M[c], M[piv] = M[piv], M[c]
            out = -out
        out *= M[c][c]
        for i in range(c + 1, n):
            f = M[i][c] / M[c][c]
            if f:
                M[i] = [a - f * b for a, b in zip(M[i], M[c])]
    return out


def _interpolate(points: list[tuple[Fraction, Fraction]]) -> list[Fraction]:
    """Coefficients (constant first) of the polynomial of degree < len(points) through ``points``
    (Lagrange)."""
    coeffs = [Fraction(0)] * len(points)
    for i, (xi, yi) in enumerate(points):
        basis, scale = [Fraction(1)], Fraction(1)
        for j, (xj, _) in enumerate(points):
            if j != i:
                basis = [Fraction(0)] + basis  # multiply by (x − xj)
                for k in range(len(basis) - 1):
                    basis[k] -= xj * basis[k + 1]
                scale *= xi - xj
        for k, b in enumerate(basis):
            coeffs[k] += yi * b / scale
    return coeffs


def _divide_by_x_minus_1(p: list[Fraction]) -> tuple[list[Fraction], Fraction]:
    """(quotient, remainder) of p(x) / (x − 1) (synthetic division)."""
    q = [Fraction(0)] * (len(p) - 1)
    carry = Fraction(0)
    for k in range(len(p) - 1, 0, -1):
        carry = p[k] + carry
        q[k - 1] = carry
    return q, p[0] + carry


def rsd_ref(env: Environment, s: int, action: str | None) -> set[tuple[Fraction, ...]]:
    """{lim_{γ→1}(1−γ) f^{π,s}(γ) : π stationary deterministic} straight from the definition
    (docs/math.md §1.3), sharing no code with mdp/visits.py or mdp/recurrent.py.

    By Cramer's rule f_j(γ) = N_j(γ)/D(γ) with D = det((I − γP)^T) and N_j the same determinant with
    column j replaced by e_s; both are polynomials of degree ≤ |S|, recovered exactly by
    interpolation at |S| + 1 values of γ.  With m the multiplicity of the root γ = 1 of D
    (m ≥ 1: P is stochastic), D = (γ−1)^m D̃ and (1−γ) f_j = −N_j/((γ−1)^{m−1} D̃), so the limit is
    −Ñ_j(1)/D̃(1) where N_j = (γ−1)^{m−1} Ñ_j (the limit exists, so N_j has that root).
    """
    n = len(env.states)
    gs = [Fraction(k, n + 2) for k in range(n + 1)]
    out = set()
    for pol in all_policies(env, s, action):
        P = [[Fraction(0)] * n for _ in range(n)]
        for u in range(n):
            for j, p in env.table[u][pol[u]][1]:
                P[u][j] += Fraction(p)

        def mat(g, col=None):
            M = [[(1 if i == j else 0) - g * P[j][i] for j in range(n)] for i in range(n)]
            if col is not None:
                for i in range(n):
                    M[i][col] = Fraction(1 if i == s else 0)
            return M

        D = _interpolate([(g, det(mat(g))) for g in gs])
        m, rem = 0, Fraction(0)
        while rem == 0:
            q, rem = _divide_by_x_minus_1(D)
            if rem == 0:
                D, m = q, m + 1
        d1 = sum(D, Fraction(0))
        row = []
        for j in range(n):
            N = _interpolate([(g, det(mat(g, j))) for g in gs])
            for _ in range(m - 1):
                N, rem = _divide_by_x_minus_1(N)
                assert rem == 0, "(1 − γ) f(γ) has a limit at γ = 1"
            row.append(-sum(N, Fraction(0)) / d1)
        out.add(tuple(row))
    return out


def optimal_value_ref(env: Environment, r, s: int, gamma: Fraction) -> Fraction:
    return max(sum((a * b for a, b in zip(f, r)), Fraction(0)) for f in values_ref(env, s, None, gamma))
