"""Orbit counting for claims: the fast path (:func:`orbitproof.orbits.count_orbit`) and a
definition-level twin (:func:`reference_counts`), plus two things the orbit engine does not do:
mixtures of point masses (P22 D.13's quantifier over 𝔇_any, reading F2) and the *robustness*
test that turns a failure of a strict-optimality reading into a failure on an open set of rewards
(docs/math.md §9.1: "for almost all r").

Everything is exact (Fractions / ints); no float is ever produced.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import factorial
from typing import Any

from ..core.errors import TooLargeError
from ..orbits.multiset import distinct_permutations as distinct_permutations_of
from .instance import Instance

__all__ = ["fast_counts", "reference_counts", "mixture_counts", "robust", "Mixture", "REFERENCE_LIMIT"]

#: Largest orbit the definition-level twins enumerate.
REFERENCE_LIMIT = 200_000

Mixture = tuple[tuple[Fraction, tuple[Fraction, ...]], ...]


def fast_counts(inst: Instance, r: Sequence[Any], compare: str, *, engine: str = "exact",
                max_work: int | None = 10**8) -> tuple[int, int, int, int]:
    """(B>A, A>B, tie, |orbit|) with the package's orbit engine."""
    from ..orbits import count_orbit

    C = inst.choice if compare != "max" else None
    return count_orbit(inst.A, inst.B, list(r), C=C, compare=compare, engine=engine, max_work=max_work).counts


def _option_value(option, r) -> tuple[Fraction, ...]:
    """x·r for an option given as its layers (a tuple of vectors): the tuple of the layers' dot
    products, compared lexicographically (docs/math.md §1.3, Blackwell expansion).  Written here from the definition so
    that the claims twin shares no code with the engine but the orbit enumeration, which
    tests/test_orbits_multiset.py cross-checks against ``itertools.permutations``."""
    return tuple(sum((Fraction(a) * b for a, b in zip(layer, r)), Fraction(0)) for layer in option)


def _orbit_size(r) -> int:
    """|S_d·r| = d! / Π_v (multiplicity of v)! (the multinomial coefficient)."""
    out = factorial(len(r))
    for v in set(r):
        out //= factorial(list(r).count(v))
    return out


def _vals(options, r):
    return [_option_value(o, r) for o in options]


def outcome(inst: Instance, r: Sequence[Fraction], compare: str) -> int:
    """sign(g(B|r) − g(A|r)) straight from the definitions (docs/math.md §7.5 items 1–2, §8.2)."""
    A, B = inst.A.options, inst.B.options
    if compare == "max":
        ga, gb = max(_vals(A, r)), max(_vals(B, r))
        return (gb > ga) - (gb < ga)
    C = inst.choice.options
    vc = {o: _option_value(o, r) for o in C}
    top = max(vc.values())
    if compare == "is-optimal":
        ia = int(max(_vals(A, r)) >= top)
        ib = int(max(_vals(B, r)) >= top)
        return ib - ia
    if compare == "frac-optimal":
        na = sum(1 for o in A if vc.get(o, _option_value(o, r)) == top and o in vc)
        nb = sum(1 for o in B if vc.get(o, _option_value(o, r)) == top and o in vc)
        return (nb > na) - (nb < na)
    # P22's other rules (docs/rules.md): their definition-level values
    from ..orbits.rules import parse_rule

    rule = parse_rule(compare)
    gb, ga = rule.reference_value(tuple(B), tuple(C), tuple(r)), rule.reference_value(tuple(A), tuple(C), tuple(r))
    return (gb > ga) - (gb < ga)



def reference_counts(inst: Instance, r: Sequence[Any], compare: str) -> tuple[int, int, int, int]:
    """The twin: enumerate the distinct orbit elements and apply :func:`outcome` to each."""
    rr = tuple(Fraction(x) for x in r)
    size = _orbit_size(rr)
    if size > REFERENCE_LIMIT:
        raise TooLargeError(f"the reference count would enumerate {size:,} orbit elements (limit {REFERENCE_LIMIT:,})")
    b = a = t = 0
    for p in distinct_permutations_of(rr):
        s = outcome(inst, p, compare)
        if s > 0:
            b += 1
        elif s < 0:
            a += 1
        else:
            t += 1
    return (b, a, t, b + a + t)


# ----------------------------------------------------------------------------- mixtures
def mixture_counts(inst: Instance, mixture: Mixture, compare: str, *, engine: str = "exact"
                   ) -> tuple[int, int, int, int]:
    """Counts over the distinct elements of the orbit of D = Σ w_k δ_{r_k} (joint permutations),
    comparing f(X|D) = Σ w_k g(X|r_k) (P22 Def D.4 / Conjecture D.13 with 𝔇_any); see
    :func:`orbitproof.orbits.mixtures.count_mixture` (engines ``exact`` and ``reference``)."""
    from ..orbits.mixtures import count_mixture

    return count_mixture(inst.A, inst.B, mixture, C=inst.choice if compare != "max" else None,
                         compare=compare, engine=engine)


# ----------------------------------------------------------------------------- robustness
def _robust_at(inst: Instance, r, compare: str) -> bool:
    """Whether the outcome at r is constant on a neighbourhood of r (sufficient test)."""
    A, B = set(inst.A.options), set(inst.B.options)
    if compare == "max":
        va = {o: _option_value(o, r) for o in A}
        vb = {o: _option_value(o, r) for o in B}
        ma, mb = max(va.values()), max(vb.values())
        if ma != mb:
            return True
        top = [o for o in A | B if _option_value(o, r) == ma]
        return all(o in A and o in B for o in top)
    C = inst.choice.options
    vc = {o: _option_value(o, r) for o in C}
    top = max(vc.values())
    pattern = {(o in A, o in B) for o, v in vc.items() if v == top}
    if compare == "is-optimal":
        return len(pattern) == 1
    return sum(1 for v in vc.values() if v == top) == 1


def robust(inst: Instance, r: Sequence[Any], compare: str) -> bool | None:
    """True if every orbit element's outcome is locally constant (then the counts hold on an open
    set of rewards of positive Lebesgue measure); None if undecidable here (layered options or a
    too-large orbit)."""
    if inst.layered or compare not in ("max", "is-optimal", "frac-optimal"):
        return None  # no local-constancy test for P22's other rules yet
    rr = tuple(Fraction(x) for x in r)
    if _orbit_size(rr) > REFERENCE_LIMIT:
        return None
    return all(_robust_at(inst, p, compare) for p in distinct_permutations_of(rr))
