"""Exact signs of sums of exponentials of rationals (docs/math.md §13.3, docs/rules.md).

A Boltzmann comparison Boltzmann_T(B|C,u) > Boltzmann_T(A|C,u) is the sign of
S = Σ_k c_k e^{q_k} with rational exponents q_k and integer coefficients c_k.

* **Ties are decided exactly.**  Group equal exponents and add their coefficients; what remains is
  Σ c_k e^{q_k} with *distinct* rational q_k and non-zero integer c_k.  By the Lindemann–Weierstrass
  theorem (e^{α_1}, …, e^{α_n} are linearly independent over the algebraic numbers for distinct
  algebraic α_i) such a sum is never 0 unless no term remains.  So S = 0 ⇔ the cancellation leaves
  nothing -- a statement about the exponent multisets, decided with Fractions.
* **Non-zero signs are decided by interval arithmetic** (python-flint ``arb``), doubling the
  working precision until the enclosure excludes 0.  Since S ≠ 0 this terminates.  Note the arb
  pitfall: an undecidable comparison returns False for both ``<`` and ``>``; the loop only accepts
  a True answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from ..core.errors import TooLargeError

__all__ = ["cancel_terms", "expsum_sign", "exp_enclosure", "MAX_PREC_BITS"]

#: Give up (TooLargeError) past this many bits; never reached in practice (S ≠ 0 is guaranteed).
MAX_PREC_BITS = 1 << 20


def cancel_terms(terms: Iterable[tuple[int, Fraction]]) -> dict[Fraction, int]:
    """Σ c e^{q}: group equal exponents q, add coefficients, drop zeros (exact)."""
    out: dict[Fraction, int] = {}
    for c, q in terms:
        q = Fraction(q)
        out[q] = out.get(q, 0) + int(c)
    return {q: c for q, c in out.items() if c}


def expsum_sign(terms: Iterable[tuple[int, Fraction]], start_bits: int = 64) -> int:
    """sign(Σ c_k e^{q_k}) exactly: 0 iff everything cancels (Lindemann–Weierstrass), else arb."""
    reduced = cancel_terms(terms)
    if not reduced:
        return 0
    coeffs = set(c > 0 for c in reduced.values())
    if len(coeffs) == 1:  # all coefficients of one sign: no arithmetic needed
        return 1 if coeffs.pop() else -1
    import flint

    top = max(reduced)  # shift so every exponent is ≤ 0 (the sign is unchanged)
    items = [(c, q - top) for q, c in reduced.items()]
    bits = start_bits
    old = flint.ctx.prec
    try:
        while bits <= MAX_PREC_BITS:
            flint.ctx.prec = bits
            s = flint.arb(0)
            for c, q in items:
                s += c * flint.arb(flint.fmpq(q.numerator, q.denominator)).exp()
            if s > 0:
                return 1
            if s < 0:
                return -1
            bits *= 2
    finally:
        flint.ctx.prec = old
    raise TooLargeError(f"could not separate a Boltzmann sum from 0 within {MAX_PREC_BITS} bits")


def _exact_point(x) -> Fraction:
    """An exact arb point (lower()/upper() are exact) as a Fraction."""
    man, exp = x.man_exp()
    return Fraction(int(man)) * Fraction(2) ** int(exp)


def exp_enclosure(num: Iterable[Fraction], den: Iterable[Fraction], digits: int = 3) -> tuple[Fraction, Fraction]:
    """A rigorous enclosure [lo, hi] of Σ_{q∈num} e^q / Σ_{q∈den} e^q whose decimal roundings to
    ``digits`` places agree when possible (arb, doubling precision up to 4096 bits).  Returned as
    Fractions lo ≤ value ≤ hi."""
    import flint

    num, den = [Fraction(q) for q in num], [Fraction(q) for q in den]
    top = max(den + num)
    bits = 64
    old = flint.ctx.prec
    try:
        while True:
            flint.ctx.prec = bits
            a = sum((flint.arb(flint.fmpq((q - top).numerator, (q - top).denominator)).exp() for q in num), flint.arb(0))
            b = sum((flint.arb(flint.fmpq((q - top).numerator, (q - top).denominator)).exp() for q in den), flint.arb(0))
            v = a / b
            lo_s, hi_s = (v.lower(), v.upper())
            lo, hi = _exact_point(lo_s), _exact_point(hi_s)
            scale = 10**digits
            if round(lo * scale) == round(hi * scale) or bits >= 4096:
                return lo, hi
            bits *= 2
    finally:
        flint.ctx.prec = old
