"""A small exact simplex method over Fractions (Bland's rule; no floats anywhere).

Used to decide non-domination (docs/math.md §1.4) exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ..core.errors import OptionSetError

__all__ = ["maximize_leq", "feasible_eq"]

_Z = Fraction(0)


def _q(x) -> Fraction:
    return x if type(x) is Fraction else Fraction(x)


def _pivot(T: list[list[Fraction]], r: int, c: int) -> None:
    """Gauss–Jordan step on (r, c).  The tableau is sparse (slack columns, sparse RSDs): only the
    pivot row's non-zero columns are updated in the other rows (the same arithmetic as a dense
    update, without touching the zeros)."""
    row = T[r]
    nz = [j for j, b in enumerate(row) if b]
    piv = row[c]
    if piv != 1:
        row = list(row)
        for j in nz:
            row[j] = row[j] / piv
        T[r] = row
    for i, other in enumerate(T):
        if i != r:
            f = other[c]
            if f:
                new = list(other)
                for j in nz:
                    new[j] = other[j] - f * row[j]
                T[i] = new


def _run(T: list[list[Fraction]], basis: list[int], ncols: int) -> bool:
    """Maximise the objective stored in the last row as ``z − c·x = 0`` form (row = −c).
    Returns False if unbounded.  Bland's rule: smallest entering and leaving indices."""
    obj = T[-1]
    while True:
        obj = T[-1]
        enter = next((j for j in range(ncols) if obj[j] < 0), None)
        if enter is None:
            return True
        best = None
        for i in range(len(T) - 1):
            a = T[i][enter]
            if a > 0:
                ratio = T[i][-1] / a
                if best is None or ratio < best[0] or (ratio == best[0] and basis[i] < basis[best[1]]):
                    best = (ratio, i)
        if best is None:
            return False
        _pivot(T, best[1], enter)
        basis[best[1]] = enter


def maximize_leq(c: Sequence[Fraction], A: Sequence[Sequence[Fraction]], b: Sequence[Fraction]) -> tuple[Fraction, tuple[Fraction, ...]] | None:
    """max c·x s.t. A x ≤ b, x ≥ 0, with b ≥ 0 (so x = 0 is feasible).  None if unbounded."""
    m, n = len(A), len(c)
    if any(bi < 0 for bi in b):
        raise OptionSetError("maximize_leq needs b >= 0")
    T = []
    for i in range(m):
        row = [_q(x) for x in A[i]] + [_Z] * m + [_q(b[i])]
        row[n + i] = Fraction(1)
        T.append(row)
    T.append([-_q(x) if x else _Z for x in c] + [_Z] * m + [_Z])
    basis = [n + i for i in range(m)]
    if not _run(T, basis, n + m):
        return None
    x = [_Z] * (n + m)
    for i, j in enumerate(basis):
        x[j] = T[i][-1]
    return T[-1][-1], tuple(x[:n])


def feasible_eq(A: Sequence[Sequence[Fraction]], b: Sequence[Fraction]) -> tuple[Fraction, ...] | None:
    """A point x ≥ 0 with A x = b exactly, or None if there is none (phase 1 of the simplex)."""
    m = len(A)
    n = len(A[0]) if m else 0
    T = []
    for i in range(m):
        sign = -1 if b[i] < 0 else 1
        row = [(_q(x) if sign > 0 else -_q(x)) if x else _Z for x in A[i]] + [_Z] * m + [sign * _q(b[i])]
        row[n + i] = Fraction(1)
        T.append(row)
    # maximise −Σ artificials: objective row = Σ of constraint rows (negated reduced costs)
    obj = [_Z] * (n + m + 1)
    for row in T:
        obj = [o - x for o, x in zip(obj, row)]
    for i in range(m):
        obj[n + i] = _Z
    T.append(obj)
    basis = [n + i for i in range(m)]
    _run(T, basis, n + m)
    if T[-1][-1] != 0:
        return None
    x = [_Z] * (n + m)
    for i, j in enumerate(basis):
        x[j] = T[i][-1]
    if any(x[n:]):
        return None
    return tuple(x[:n])
