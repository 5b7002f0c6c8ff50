"""Real algebraic numbers in (0, 1) for exact γ-sweeps (docs/math.md §13.1).

A :class:`RealRoot` is a real root of an irreducible primitive polynomial over ℤ (its *minimal
polynomial*, coefficients lowest degree first, leading coefficient > 0) together with an isolating
interval: a rational root ``p/q`` has ``poly = (−p, q)`` and ``lo == hi == p/q``; an irrational root
has ``lo < root < hi`` with rational ends, the polynomial changing sign on [lo, hi] and having no
other root there.  Everything is exact (python-flint integer/rational polynomials, Fractions);
intervals are refined by exact bisection (:meth:`RealRoot.refine` jumps straight to the piece n
bisections reach when an integer Newton guess of it passes two exact sign tests).

:func:`isolate_unit_roots` isolates the roots in (0, 1) of a square-free integer polynomial by
Descartes' rule of signs with bisection (Vincent–Collins–Akritas); sympy's ``Poly.intervals`` is
its independent twin in the tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from math import lcm
from typing import Any

import flint

__all__ = [
    "RealRoot",
    "piece_index",
    "isolate_unit_roots",
    "unit_roots",
    "sign_variations",
    "sign_at",
    "simplest_between",
    "separate",
    "fmpz_of",
    "coeffs_of",
    "irreducible_factors",
    "irreducible_unit_roots",
]


def fmpz_of(coeffs: Sequence[int]) -> flint.fmpz_poly:
    return flint.fmpz_poly([int(c) for c in coeffs])


def coeffs_of(p: flint.fmpz_poly) -> tuple[int, ...]:
    return tuple(int(c) for c in p.coeffs())


def _q(x: Fraction) -> flint.fmpq:
    return flint.fmpq(x.numerator, x.denominator)


def _sign_at(p: flint.fmpz_poly, x: Fraction) -> int:
    v = p(_q(x))
    return (v > 0) - (v < 0)


def _sign_int(coeffs: Sequence[int], n: int, d: int) -> int:
    """sign of coeffs at n/d (d > 0), homogenised: Σ c_i n^i d^{k−i}."""
    k = len(coeffs) - 1
    acc = coeffs[k]
    m = d
    for i in range(k - 1, -1, -1):
        acc = acc * n + coeffs[i] * m
        m *= d
    return (acc > 0) - (acc < 0)


def sign_at(coeffs: Sequence[int], x: Fraction) -> int:
    """The exact sign of the integer polynomial ``coeffs`` (lowest degree first) at the rational x:
    the sign of the homogenised value Σ c_i n^i d^{k−i} (x = n/d, d > 0), integers only."""
    n, d = x.numerator, x.denominator
    k = len(coeffs) - 1
    if k < 0:
        return 0
    acc = coeffs[k]
    m = d
    for i in range(k - 1, -1, -1):
        acc = acc * n + coeffs[i] * m
        m *= d
    return (acc > 0) - (acc < 0)


def sign_variations(coeffs: Sequence[int]) -> int:
    """Sign changes in a coefficient sequence, zeros skipped (Descartes' rule of signs)."""
    last, n = 0, 0
    for c in coeffs:
        if c:
            s = 1 if c > 0 else -1
            if last and s != last:
                n += 1
            last = s
    return n


def _variations_on(p: flint.fmpz_poly, a: Fraction, b: Fraction) -> int:
    """Descartes bound for the roots of p in the open interval (a, b): the sign variations of
    (1+x)^n p((a + b x)/(1 + x))."""
    n = p.degree()
    r = flint.fmpq_poly(p)(flint.fmpq_poly([_q(a), _q(b - a)]))  # roots in (0,1) ↔ roots of p in (a,b)
    cs = list(r.coeffs()) + [flint.fmpq(0)] * (n + 1 - len(r.coeffs()))
    rev = flint.fmpq_poly(list(reversed(cs)))
    q = rev(flint.fmpq_poly([1, 1]))
    return sign_variations([(c > 0) - (c < 0) for c in q.coeffs()])


def isolate_unit_roots(p: flint.fmpz_poly, lo: Fraction = Fraction(0), hi: Fraction = Fraction(1)) -> list[tuple[Fraction, Fraction]]:
    """Isolating intervals of the real roots of a **square-free** p in the open interval (lo, hi),
    sorted.  A rational root c found at a bisection point is returned as (c, c); every other
    interval (a, b) is open, contains exactly one root, and p(a)·p(b) < 0."""
    if p.degree() <= 0:
        return []
    out: list[tuple[Fraction, Fraction]] = []
    stack = [(lo, hi)]
    while stack:
        a, b = stack.pop()
        v = _variations_on(p, a, b)
        if v == 0:
            continue
        if v == 1:
            out.append((a, b))
            continue
        c = (a + b) / 2
        if _sign_at(p, c) == 0:
            out.append((c, c))
        stack.append((a, c))
        stack.append((c, b))
    out.sort()
    # an interval ending at a root found at a bisection point: shrink it off that point
    fixed = []
    for a, b in out:
        if a != b:
            while _sign_at(p, a) == 0 or _sign_at(p, b) == 0:
                m = (a + b) / 2
                sa, sm = _sign_at(p, a), _sign_at(p, m)
                if sa == 0:
                    a = m if sm * _sign_at(p, b) < 0 else a + (b - a) / 4
                else:
                    b = m if sa * sm < 0 else b - (b - a) / 4
        fixed.append((a, b))
    return fixed


def _value_int(coeffs: Sequence[int], n: int, d: int) -> int:
    """Σ c_i n^i d^{k−i} (the homogenised value of :func:`_sign_int`)."""
    k = len(coeffs) - 1
    acc = coeffs[k]
    m = d
    for i in range(k - 1, -1, -1):
        acc = acc * n + coeffs[i] * m
        m *= d
    return acc


def _dyadic_piece(poly: Sequence[int], a: int, b: int, D: int, n: int) -> int | None:
    """The numerator (over D·2^n) of the left end of the depth-n dyadic piece of (a/D, b/D) that
    contains the root -- the interval n exact bisections reach -- or None.

    An integer Newton iteration (fixed point, no float) *guesses* the piece; the guess is accepted
    only if the polynomial changes sign exactly across it (two exact integer sign tests).  The root is
    the only one in (a/D, b/D) and irrational (the minimal polynomial has degree ≥ 2), so it lies
    inside that piece and never on a bisection point: bisection, which keeps the half containing the
    root, reaches the same piece.  Any failure returns None and the caller bisects."""
    w = b - a
    Dn = D << n
    prec = Dn.bit_length() - w.bit_length() + 24
    if prec <= 0:
        return None
    S = 1 << prec
    deriv = [i * c for i, c in enumerate(poly)][1:]
    x = ((a + b) << prec) // (2 * D)
    lo_x, hi_x = (a << prec) // D, ((b << prec) // D) + 1
    for _ in range(80):
        q = _value_int(deriv, x, S)
        if q == 0:
            return None
        step = _value_int(poly, x, S) // q  # S·p(x/S)/p'(x/S): S^k·p over S^(k−1)·p'
        x -= step
        if not lo_x <= x <= hi_x:
            return None
        if -2 <= step <= 2:
            break
    else:
        return None
    j0 = ((x * D - a * S) << n) // (w * S)
    for j in (j0, j0 - 1, j0 + 1):
        if 0 <= j < (1 << n):
            left = (a << n) + j * w
            sl, sr = _sign_int(poly, left, Dn), _sign_int(poly, left + w, Dn)
            if sl * sr < 0:
                return left
    return None


@dataclass(frozen=True)
class RealRoot:
    """A real algebraic number given by its minimal polynomial over ℤ and an isolating interval."""

    poly: tuple[int, ...]
    lo: Fraction
    hi: Fraction

    @classmethod
    def rational(cls, x: Fraction) -> "RealRoot":
        x = Fraction(x)
        return cls((-x.numerator, x.denominator), x, x)

    @property
    def degree(self) -> int:
        return len(self.poly) - 1

    @property
    def is_rational(self) -> bool:
        return self.degree == 1

    @property
    def value(self) -> Fraction:
        """The exact value (rational roots only)."""
        if not self.is_rational:
            raise ValueError("an irrational root has no exact rational value")
        return Fraction(-self.poly[0], self.poly[1])

    def flint(self) -> flint.fmpz_poly:
        return fmpz_of(self.poly)

    def bisect(self) -> "RealRoot":
        """Half the isolating interval (exact sign test at the midpoint)."""
        if self.is_rational:
            return self
        # m = (lo + hi)/2 in integers: the sign of the polynomial at n/d only needs d > 0, and the
        # Fraction is normalised once (the same value as the Fraction arithmetic would give)
        lo, hi = self.lo, self.hi
        ln, ld, hn, hd = lo.numerator, lo.denominator, hi.numerator, hi.denominator
        mn, md = ln * hd + hn * ld, 2 * ld * hd
        m = Fraction(mn, md)
        if _sign_int(self.poly, ln, ld) * _sign_int(self.poly, mn, md) < 0:
            return RealRoot(self.poly, lo, m)
        return RealRoot(self.poly, m, hi)

    def refine(self, width: Fraction) -> "RealRoot":
        """An isolating interval of width ≤ ``width`` (exact bisection)."""
        if self.is_rational or self.hi - self.lo <= width:
            return self
        # the bisection of :meth:`bisect`, step for step, on integer numerators over a common
        # denominator D (no gcd per step): lo = a/D, hi = b/D
        poly = self.poly
        D = self.lo.denominator * self.hi.denominator
        a, b = self.lo.numerator * self.hi.denominator, self.hi.numerator * self.lo.denominator
        wn, wd = width.numerator, width.denominator
        w = b - a  # every halving keeps the numerator width b − a and doubles D
        n = 0
        while w * wd > wn * (D << n):
            n += 1
        if n > 8 and not self.is_rational:
            got = _dyadic_piece(poly, a, b, D, n)
            if got is not None:
                return RealRoot(poly, Fraction(got, D << n), Fraction(got + w, D << n))
        sa = _sign_int(poly, a, D)
        while (b - a) * wd > wn * D:
            m = a + b
            D *= 2
            if sa * _sign_int(poly, m, D) < 0:
                a, b = 2 * a, m
            else:
                a, b = m, 2 * b
        return RealRoot(poly, Fraction(a, D), Fraction(b, D))

    def sign_of(self, coeffs: Sequence[int]) -> int:
        """The exact sign of the integer polynomial ``coeffs`` (lowest degree first) at this root:
        0 iff the minimal polynomial divides it; otherwise the interval is refined until the
        polynomial has no root in it and its sign there is read off at a rational point."""
        q = fmpz_of(coeffs)
        if q.degree() < 0:
            return 0
        if self.is_rational:
            return _sign_at(q, self.value)
        if (q % self.flint()).degree() < 0:
            return 0
        r = self
        while True:
            if _variations_on(q, r.lo, r.hi) == 0 and _sign_at(q, r.lo) != 0 and _sign_at(q, r.hi) != 0:
                return _sign_at(q, (r.lo + r.hi) / 2)
            r = r.bisect()

    def decimal(self, digits: int = 12) -> str:
        """A decimal for display only: the value truncated to ``digits`` places (``…`` marks an
        irrational number)."""
        r = self.refine(Fraction(1, 10 ** (digits + 2)))
        mid = self.value if self.is_rational else (r.lo + r.hi) / 2
        scaled = (mid * 10**digits).__floor__()
        text = f"{scaled // 10**digits}.{scaled % 10**digits:0{digits}d}"
        if self.is_rational and mid * 10**digits == scaled:
            return text.rstrip("0").rstrip(".")
        return text + "…"

    def key(self) -> Fraction:
        """A sort key valid once intervals of distinct roots are disjoint (see :func:`separate`)."""
        return self.lo

    def to_dict(self) -> dict:
        from ..core.exact import format_fraction

        if self.is_rational:
            return {"kind": "rational", "value": format_fraction(self.value)}
        return {"kind": "algebraic", "minimal_polynomial": [str(c) for c in self.poly],
                "interval": [format_fraction(self.lo), format_fraction(self.hi)]}

    def __str__(self) -> str:
        from ..core.exact import format_fraction

        if self.is_rational:
            return format_fraction(self.value)
        return f"root of {poly_text(self.poly)} in ({format_fraction(self.lo)}, {format_fraction(self.hi)})"


def poly_text(coeffs: Sequence[int], var: str = "γ") -> str:
    """Human-readable integer polynomial, highest degree first."""
    terms = []
    for k in range(len(coeffs) - 1, -1, -1):
        c = coeffs[k]
        if not c:
            continue
        mono = "" if k == 0 else (var if k == 1 else f"{var}^{k}")
        if mono and abs(c) == 1:
            body = mono
        else:
            body = f"{abs(c)}{mono}"
        terms.append(("-" if c < 0 else "+") + body)
    if not terms:
        return "0"
    text = " ".join(t[0] + " " + t[1:] for t in terms)
    return text[2:] if text.startswith("+ ") else "-" + text[2:]


def unit_roots(p: flint.fmpz_poly) -> list[RealRoot]:
    """Every root in (0, 1) of the integer polynomial p, each with its minimal polynomial
    (irreducible factors from flint's exact factorisation)."""
    out = []
    if p.degree() <= 0:
        return out
    _, factors = p.factor()
    for f, _e in factors:
        out.extend(_roots_of_irreducible(f))
    return out


@lru_cache(maxsize=1 << 16)
def irreducible_factors(coeffs: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    """The irreducible factors over ℤ of a non-zero integer polynomial of degree ≥ 1 (flint's exact
    factorisation, in its order, each with leading coefficient > 0, multiplicities dropped);
    cached: the root stage of a sweep and its counting stage factor the same polynomials."""
    _, fl = fmpz_of(coeffs).factor()
    return tuple(_normal(f) for f, _e in fl)


def irreducible_unit_roots(coeffs: tuple[int, ...]) -> list[RealRoot]:
    """The roots in (0, 1) of an irreducible integer polynomial with leading coefficient > 0."""
    return _roots_of_irreducible(fmpz_of(coeffs))


def _normal(f: flint.fmpz_poly) -> tuple[int, ...]:
    cs = coeffs_of(f)
    return tuple(-c for c in cs) if cs[-1] < 0 else cs


def _roots_of_irreducible(f: flint.fmpz_poly) -> list[RealRoot]:
    cs = _normal(f)
    if len(cs) == 2:
        x = Fraction(-cs[0], cs[1])
        return [RealRoot.rational(x)] if 0 < x < 1 else []
    return [RealRoot(cs, a, b) for a, b in isolate_unit_roots(fmpz_of(cs))]


def simplest_between(a: Fraction, b: Fraction) -> Fraction:
    """The rational with the smallest denominator (then numerator) in the open interval (a, b), a < b
    (Stern–Brocot / continued fractions: the common partial quotients of a and b, then the
    smallest admissible next one), in integer arithmetic."""
    a, b = Fraction(a), Fraction(b)
    if not a < b:
        raise ValueError("empty interval")
    an, ad, bn, bd = a.numerator, a.denominator, b.numerator, b.denominator
    terms: list[int] = []
    while True:
        fl = an // ad
        if (fl + 1) * bd < bn:  # an integer lies strictly inside
            p, q = fl + 1, 1
            break
        fan, fbn = an - fl * ad, bn - fl * bd  # fractional parts fan/ad < fbn/bd <= 1
        if fan == 0:  # (0, fb): 1/n with n = floor(1/fb) + 1
            n = bd // fbn + 1
            p, q = fl * n + 1, n
            break
        terms.append(fl)
        an, ad, bn, bd = bd, fbn, ad, fan  # recurse on (1/fb, 1/fa)
    for t in reversed(terms):  # x = t + 1/x
        p, q = t * p + q, p
    return Fraction(p, q)


def separate(roots: Sequence[RealRoot]) -> list[RealRoot]:
    """Sorted distinct roots in (0, 1) whose closed isolating intervals are pairwise disjoint and
    inside (0, 1) (equal roots -- same minimal polynomial and overlapping interval -- are merged)."""
    uniq: dict[tuple, RealRoot] = {}
    for r in roots:
        uniq.setdefault((r.poly, r.lo, r.hi) if r.is_rational else (r.poly, "irr", r.lo, r.hi), r)
    items = list(uniq.values())
    # merge equal irrational roots of one polynomial found with different intervals
    by_poly: dict[tuple[int, ...], list[RealRoot]] = {}
    for r in items:
        by_poly.setdefault(r.poly, []).append(r)
    merged: list[RealRoot] = []
    for poly, rs in by_poly.items():
        if len(rs) == 1 or rs[0].is_rational:
            merged.extend(rs[:1] if rs[0].is_rational else rs)
            continue
        canon = [RealRoot(poly, a, b) for a, b in isolate_unit_roots(fmpz_of(poly))]
        for c in canon:
            if any(not (r.hi <= c.lo or c.hi <= r.lo) for r in rs):
                merged.append(c)
    items = []
    for r in merged:  # closed intervals strictly inside (0, 1), so that the end pieces are non-empty
        while not r.is_rational and (r.lo <= 0 or r.hi >= 1):
            r = r.bisect()
        items.append(r)
    return _disjoint(items)


def _clusters(items: list[RealRoot]) -> list[list[RealRoot]]:
    """Split a list sorted by (lo, hi) into runs whose hulls do not meet (running maximum of hi)."""
    out: list[list[RealRoot]] = []
    top: Fraction | None = None
    tn = td = 0
    for r in items:  # Fraction comparisons as integer cross-multiplications (denominators > 0)
        lo, hi = r.lo, r.hi
        if top is None or lo.numerator * td > tn * lo.denominator:
            out.append([r])
            top, tn, td = hi, hi.numerator, hi.denominator
        else:
            out[-1].append(r)
            if hi.numerator * td > tn * hi.denominator:
                top, tn, td = hi, hi.numerator, hi.denominator
    return out


def _disjoint(items: list[RealRoot]) -> list[RealRoot]:
    """Bisect overlapping neighbours until all closed intervals are disjoint, sorted.

    The passes are those of the plain global loop (sort, bisect every overlapping adjacent pair,
    repeat), run cluster by cluster: adjacent pairs across two clusters never overlap and intervals
    only shrink, so every cluster evolves exactly as in the global loop, and the result is the same."""
    done: list[RealRoot] = []
    stack = _clusters(_sorted_by_ends(items))[::-1]
    while stack:
        cl = stack.pop()
        if len(cl) == 1:
            done.append(cl[0])
            continue
        changed = False
        for i in range(len(cl) - 1):
            x, y = cl[i], cl[i + 1]
            if x.hi.numerator * y.lo.denominator >= y.lo.numerator * x.hi.denominator:  # x.hi >= y.lo
                if x.is_rational and y.is_rational:
                    continue  # distinct rationals are ordered by value already
                if not x.is_rational:
                    cl[i] = x.bisect()
                if not y.is_rational:
                    cl[i + 1] = y.bisect()
                changed = True
        if not changed:
            done.extend(cl)
            continue
        stack.extend(_clusters(_sorted_by_ends(cl))[::-1])
    return _sorted_by_ends(done)


def _sorted_by_ends(items: list[RealRoot]) -> list[RealRoot]:
    """``sorted(items, key=lambda r: (r.lo, r.hi))`` (stable, the same order), with integer keys over
    one common denominator instead of Fraction comparisons."""
    if len(items) < 2:
        return list(items)
    L = lcm(*{x.denominator for r in items for x in (r.lo, r.hi)})
    return sorted(items, key=lambda r: (r.lo.numerator * (L // r.lo.denominator),
                                        r.hi.numerator * (L // r.hi.denominator)))


def piece_index(breakpoints: Sequence[RealRoot], gamma: Any) -> int:
    """Where the rational ``gamma`` ∈ (0, 1) lies among the sorted ``breakpoints`` of a sweep, as an
    index into its alternating pieces (interval, point, interval, …): 2i for the open interval left
    of breakpoint i, 2i + 1 for breakpoint i itself, 2n after the last one.  An irrational breakpoint
    is refined until its interval separates it from ``gamma`` (exact; they cannot be equal)."""
    from ..core.errors import SemanticsError
    from ..core.exact import format_fraction, to_fraction

    g = to_fraction(gamma, "gamma")
    if not 0 < g < 1:
        raise SemanticsError(f"gamma must satisfy 0 < gamma < 1, got {format_fraction(g)}")
    for i, bp in enumerate(breakpoints):
        if bp.is_rational:
            if g == bp.value:
                return 2 * i + 1
            if g < bp.value:
                return 2 * i
            continue
        r = bp
        while r.lo <= g <= r.hi:  # g is rational, bp is not: refinement separates them
            r = r.bisect()
        if g < r.lo:
            return 2 * i
    return 2 * len(breakpoints)
