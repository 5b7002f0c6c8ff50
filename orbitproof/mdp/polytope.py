"""Exact volumes and first moments of rational polytopes {x : A x ≤ b} (docs/math.md §13.2).

Two independent exact methods, both in Fractions:

* :func:`moments` (fast path) -- Lasserre's recursion.  For a polytope P ⊂ R^k and a function f
  positively homogeneous of degree q, Euler's identity and the divergence theorem give
  ``∫_P f = 1/(k+q) Σ_F (b_F/‖a_F‖) ∫_F f dσ`` over the facets F = P ∩ {a_F·x = b_F}.  Projecting F
  along a coordinate j with a_Fj ≠ 0 turns ``‖a_F‖^{-1} dσ`` into ``|a_Fj|^{-1} dy``, so no square
  roots appear.  With q = 0 this is the volume, with q = 1 the first moments ∫_P x_i.  Faces are
  memoised by their (normalised) constraint systems.  Redundant or lower-dimensional "facets"
  contribute 0; identical hyperplanes are merged first, so nothing is counted twice.
* :func:`integrate_fm` (slow, definition-level twin) -- iterated integration: integrate out the
  last variable between the active lower and upper bound, branching over which bound is active
  (Fourier–Motzkin).  It integrates any polynomial; used for the volume and first moments.

A constraint is ``(a, b)`` meaning ``a·x ≤ b`` with ``a`` a tuple of Fractions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

__all__ = ["Constraint", "moments", "integrate_fm", "fm_moments", "normalise"]

Constraint = tuple[tuple[Fraction, ...], Fraction]
_ZERO = Fraction(0)


def normalise(cons: Sequence[Constraint]) -> tuple[Constraint, ...] | None:
    """Scale each constraint so its first non-zero coefficient is ±1, drop trivial ones, merge
    duplicates; ``None`` if some constraint reads ``0 ≤ b`` with ``b < 0`` (empty polytope)."""
    out: set[Constraint] = set()
    for a, b in cons:
        lead = next((x for x in a if x), None)
        if lead is None:
            if b < 0:
                return None
            continue
        s = abs(lead)
        out.add((tuple(x / s for x in a), b / s))
    return tuple(sorted(out))


IntConstraint = tuple[tuple[int, ...], int]


def _int_normalise(cons) -> tuple[IntConstraint, ...] | None:
    """Integer form: each ``a·x ≤ b`` scaled to coprime integers (canonical, so equal half-spaces
    become equal tuples), trivial ones dropped; ``None`` if some reads ``0 ≤ b`` with b < 0."""
    out: set[IntConstraint] = set()
    for a, b in cons:
        if not any(a):
            if b < 0:
                return None
            continue
        if any(isinstance(x, Fraction) for x in a) or isinstance(b, Fraction):
            den = 1
            for x in (*a, b):
                q = Fraction(x).denominator
                den = den * q // math.gcd(den, q)
            a = tuple(int(Fraction(x) * den) for x in a)
            b = int(Fraction(b) * den)
        g = math.gcd(*a, b)
        out.add((tuple(x // g for x in a), b // g))
    return tuple(sorted(out))


def _substitute(cons: tuple[IntConstraint, ...], face: IntConstraint, j: int) -> list[IntConstraint]:
    """The other constraints on the hyperplane a·x = b, with x_j eliminated (integers)."""
    a, b = face
    aj = a[j]
    m, s = abs(aj), (1 if aj > 0 else -1)
    out = []
    for c, d in cons:
        if (c, d) == face:
            continue
        cj = c[j]
        if cj:
            t = s * cj
            out.append((tuple(m * c[i] - t * a[i] for i in range(len(a)) if i != j), m * d - t * b))
        else:
            out.append((c[:j] + c[j + 1:], d))
    return out


def moments(cons: Sequence[Constraint], k: int) -> tuple[Fraction, tuple[Fraction, ...]]:
    """``(vol P, (∫_P x_1, …, ∫_P x_k))`` for the bounded polytope P = {x ∈ R^k : a·x ≤ b ∀(a, b)}."""
    memo: dict = {}
    norm = _int_normalise(cons)
    if norm is None:
        return _ZERO, (_ZERO,) * k
    return _moments(norm, k, memo)


def _interval(cons: tuple[IntConstraint, ...]) -> tuple[Fraction, Fraction] | None:
    lo = hi = None
    for (a0,), b in cons:
        v = Fraction(b, a0)
        if a0 > 0:
            hi = v if hi is None or v < hi else hi
        else:
            lo = v if lo is None or v > lo else lo
    if lo is None or hi is None:
        raise ValueError("unbounded polytope")
    return (lo, hi) if hi > lo else None


def _moments(cons: tuple[IntConstraint, ...], k: int, memo) -> tuple[Fraction, tuple[Fraction, ...]]:
    hit = memo.get(cons)
    if hit is not None:
        return hit
    if k == 1:
        iv = _interval(cons)
        res = (_ZERO, (_ZERO,)) if iv is None else (iv[1] - iv[0], ((iv[1] ** 2 - iv[0] ** 2) / 2,))
        memo[cons] = res
        return res
    vol = _ZERO
    m1 = [_ZERO] * k
    for face in cons:
        a, b = face
        if not b:
            continue  # the facet's cone from the origin is flat: contributes 0 to both sums
        j = min((i for i, x in enumerate(a) if x), key=lambda i: abs(a[i]))
        sub = _int_normalise(_substitute(cons, face, j))
        if sub is None:
            continue
        fv, fm = _moments(sub, k - 1, memo)
        if not fv:
            continue  # a face of zero (k-1)-volume has zero first moments too
        w = Fraction(b, abs(a[j]))
        vol += w * fv
        # first moments on the face: x_i = y_i (i ≠ j); x_j = (b − Σ_{i≠j} a_i y_i) / a_j
        others = [i for i in range(k) if i != j]
        for pos, i in enumerate(others):
            m1[i] += w * fm[pos]
        xj = (b * fv - sum((a[i] * fm[pos] for pos, i in enumerate(others)), _ZERO)) / a[j]
        m1[j] += w * xj
    res = (vol / k, tuple(x / (k + 1) for x in m1))
    memo[cons] = res
    return res


# ---------------------------------------------------------------- slow twin: iterated integration
Poly = dict[tuple[int, ...], Fraction]


def _poly_mul(p: Poly, q: Poly) -> Poly:
    out: Poly = {}
    for e1, c1 in p.items():
        for e2, c2 in q.items():
            e = tuple(x + y for x, y in zip(e1, e2))
            out[e] = out.get(e, _ZERO) + c1 * c2
    return {e: c for e, c in out.items() if c}


def _affine_poly(coef: tuple[Fraction, ...], const: Fraction) -> Poly:
    n = len(coef)
    p: Poly = {}
    if const:
        p[(0,) * n] = const
    for i, c in enumerate(coef):
        if c:
            e = [0] * n
            e[i] = 1
            p[tuple(e)] = c
    return p


def _antiderivative_between(poly: Poly, k: int, lo: tuple[tuple[Fraction, ...], Fraction],
                            hi: tuple[tuple[Fraction, ...], Fraction]) -> Poly:
    """∫_{lo(y)}^{hi(y)} poly(y, x_k) dx_k as a polynomial in y (x_k is the last of k variables)."""
    n = k - 1
    out: Poly = {}
    powers: dict[tuple[int, int], Poly] = {}

    def power(which: int, m: int) -> Poly:
        key = (which, m)
        if key not in powers:
            base = _affine_poly(*(hi if which else lo))
            acc: Poly = {(0,) * n: Fraction(1)}
            for _ in range(m):
                acc = _poly_mul(acc, base)
            powers[key] = acc
        return powers[key]

    for e, c in poly.items():
        m = e[-1] + 1
        rest = e[:-1]
        for which, sign in ((1, 1), (0, -1)):
            for e2, c2 in power(which, m).items():
                ee = tuple(x + y for x, y in zip(rest, e2))
                out[ee] = out.get(ee, _ZERO) + sign * c * c2 / m
    return {e: c for e, c in out.items() if c}


def integrate_fm(cons: Sequence[Constraint], poly: Poly, k: int) -> Fraction:
    """∫ over {x ∈ R^k : a·x ≤ b} of the polynomial ``poly`` (exponent tuple → coefficient),
    by iterated integration with Fourier–Motzkin branching (the slow twin of :func:`moments`)."""
    norm = normalise(cons)
    if norm is None:
        return _ZERO
    if k == 0:
        return poly.get((), _ZERO)
    lowers: set[tuple[tuple[Fraction, ...], Fraction]] = set()
    uppers: set[tuple[tuple[Fraction, ...], Fraction]] = set()
    rest: list[Constraint] = []
    for a, b in norm:
        c = a[-1]
        if c == 0:
            rest.append((a[:-1], b))
            continue
        bound = (tuple(-x / c for x in a[:-1]), b / c)  # x_k ≤ / ≥ bound(y)
        (uppers if c > 0 else lowers).add(bound)
    if not lowers or not uppers:
        raise ValueError("unbounded polytope")
    total = _ZERO
    for lo in lowers:
        for hi in uppers:
            sub = list(rest)
            for lo2 in lowers:
                if lo2 != lo:  # lo2(y) ≤ lo(y)
                    sub.append((tuple(x - y for x, y in zip(lo2[0], lo[0])), lo[1] - lo2[1]))
            for hi2 in uppers:
                if hi2 != hi:  # hi(y) ≤ hi2(y)
                    sub.append((tuple(x - y for x, y in zip(hi[0], hi2[0])), hi2[1] - hi[1]))
            sub.append((tuple(x - y for x, y in zip(lo[0], hi[0])), hi[1] - lo[1]))  # lo ≤ hi
            total += integrate_fm(sub, _antiderivative_between(poly, k, lo, hi), k - 1)
    return total


def fm_moments(cons: Sequence[Constraint], k: int) -> tuple[Fraction, tuple[Fraction, ...]]:
    """Volume and first moments by :func:`integrate_fm` (same contract as :func:`moments`)."""
    one = {(0,) * k: Fraction(1)}
    vol = integrate_fm(cons, one, k)
    m1 = []
    for i in range(k):
        e = [0] * k
        e[i] = 1
        m1.append(integrate_fm(cons, {tuple(e): Fraction(1)}, k))
    return vol, tuple(m1)
