"""Exact univariate rational functions of γ as canonical coefficient tuples (docs/math.md §1.2).

A rational function is stored as ``(num, den)``: coefficient tuples of Fractions, lowest degree
first, in lowest terms, with ``den(0) == 1`` (visit distributions have denominators dividing
det(I − γP), whose value at 0 is 1).  Zero is ``((), (1,))``.  Canonical form makes equality of
tuples equality of functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from fractions import Fraction

import flint

from ..core.errors import OptionSetError

__all__ = ["RatFunc", "canonical", "evaluate", "to_poly", "from_poly", "taylor_at_one", "ZERO"]

Poly = tuple[Fraction, ...]
RatFunc = tuple[Poly, Poly]
ZERO: RatFunc = ((), (Fraction(1),))


def to_poly(coeffs: Sequence[Fraction]) -> flint.fmpq_poly:
    return flint.fmpq_poly([flint.fmpq(c.numerator, c.denominator) for c in coeffs])


def from_poly(p: flint.fmpq_poly) -> Poly:
    if p.degree() < 0:
        return ()
    return tuple(Fraction(int(c.p), int(c.q)) for c in p.coeffs())


def canonical(num: flint.fmpq_poly, den: flint.fmpq_poly) -> RatFunc:
    """Lowest terms with ``den(0) = 1`` (requires ``den(0) != 0``)."""
    if num.degree() < 0:
        return ZERO
    g = num.gcd(den)
    if g.degree() > 0:
        num, den = num // g, den // g
    c = den.coeffs()[0]
    if c == 0:
        raise ZeroDivisionError("denominator vanishes at 0")
    return from_poly(num / c), from_poly(den / c)


def _horner(p: Poly, x: Fraction) -> Fraction:
    acc = Fraction(0)
    for c in reversed(p):
        acc = acc * x + c
    return acc


def evaluate(f: RatFunc, x: Fraction) -> Fraction:
    num, den = f
    if not num:
        return Fraction(0)
    return _horner(num, x) / _horner(den, x)


@lru_cache(maxsize=65536)
def taylor_at_one(f: RatFunc, K: int) -> tuple[Fraction, ...]:
    """The first K coefficients c_j of (1−γ) f(γ) = Σ_j c_j (1−γ)^j (f has at most a simple pole
    at γ = 1, as every visit-distribution entry does: P21 Lemma E.4 / Laurent expansion)."""
    num, den = f
    if not num:
        return (Fraction(0),) * K
    sub = flint.fmpq_poly([1, -1])  # γ = 1 − u
    n = list(from_poly(to_poly(num)(sub)))
    d = list(from_poly(to_poly(den)(sub)))
    n = [Fraction(0)] + n  # multiply by u
    while d and d[0] == 0:  # cancel u-powers of the denominator
        if not n or n[0] != 0:
            raise OptionSetError("pole of order > 1 at γ = 1 (not a visit distribution)")
        d.pop(0)
        n.pop(0)
    out = []
    n = n + [Fraction(0)] * K
    for j in range(K):  # power-series division n / d
        c = n[j] / d[0]
        out.append(c)
        if c:
            for i in range(1, min(len(d), K - j)):
                n[j + i] -= c * d[i]
    return tuple(out)
