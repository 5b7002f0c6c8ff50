"""Exact linear algebra over ``Fraction`` (standard library only): the one home of Gauss–Jordan
elimination for the package.  The verifier keeps its own deliberate re-implementation.

>>> from fractions import Fraction as F
>>> solve_unique([[F(2), F(1)], [F(1), F(3)]], [F(3), F(5)])
[Fraction(4, 5), Fraction(7, 5)]
>>> solve_unique([[F(1), F(1)]], [F(1)]) is None   # a free variable: not unique
True
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

__all__ = ["solve_unique"]


def solve_unique(mat: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]) -> list[Fraction] | None:
    """The unique solution y of ``mat · y = rhs`` by exact Gauss–Jordan elimination, or None when
    the system has no solution or more than one.  ``mat`` may be rectangular (rows × cols)."""
    rows, cols = len(mat), len(mat[0]) if mat else 0
    aug = [[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(mat, rhs)]
    r = 0
    for c in range(cols):
        p = next((i for i in range(r, rows) if aug[i][c] != 0), None)
        if p is None:
            return None  # a free variable: not unique
        aug[r], aug[p] = aug[p], aug[r]
        piv = aug[r][c]
        aug[r] = [v / piv for v in aug[r]]
        for i in range(rows):
            if i != r and aug[i][c] != 0:
                f = aug[i][c]
                aug[i] = [a - f * b for a, b in zip(aug[i], aug[r])]
        r += 1
    if any(aug[i][-1] != 0 for i in range(r, rows)):
        return None
    return [aug[i][-1] for i in range(cols)]
