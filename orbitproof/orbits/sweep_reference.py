"""The slow twin of :mod:`.sweep` at a breakpoint: definition-level counts at a real algebraic γ.

For every distinct orbit element r' (enumerated one by one) and every function f of the fork the
value f(β)·r' is computed exactly in ℚ(β) = ℚ[x]/(m): as the remainder of (N_f·r') modulo the
minimal polynomial m (the common denominator D(β) > 0 is dropped).  Two values are equal iff their
remainders are equal, and otherwise ordered by the exact sign of the difference at β
(:meth:`~orbitproof.orbits.algebraic.RealRoot.sign_of`).  Options are merged when their vectors
coincide at β (all coordinate remainders equal), as ``option_set`` merges equal values.  The rules
are applied by their definitions (docs/math.md §4.1, §7.5): max, IsOptimal(·|C), FracOptimal(·|C).
"""

from __future__ import annotations

from fractions import Fraction
from functools import cmp_to_key
from math import lcm

import flint

from .algebraic import RealRoot
from .multiset import distinct_permutations

__all__ = ["reference_counts_at_root"]


def reference_counts_at_root(prob, root: RealRoot) -> tuple[int, int, int, int]:
    """(B>A, A>B, tie, |orbit|) at the algebraic number ``root`` for the sweep problem ``prob``."""
    mq = flint.fmpq_poly(root.flint())
    red = [[flint.fmpq_poly([int(c) for c in coeffs]) % mq for coeffs in f] for f in prob.numerators]

    def key(u: int) -> tuple:
        return tuple(tuple(p.coeffs()) for p in red[u])

    keys = {u: key(u) for u in set(prob.ia) | set(prob.ib) | set(prob.ic)}
    rep: dict[tuple, int] = {}
    for u in sorted(keys):
        rep.setdefault(keys[u], u)

    def distinct(idx) -> list[int]:
        return list(dict.fromkeys(rep[keys[u]] for u in idx))

    A, B, C = distinct(prob.ia), distinct(prob.ib), distinct(prob.ic)
    everything = sorted(set(A) | set(B) | set(C))
    signs: dict[tuple, int] = {}

    def sign(p: flint.fmpq_poly) -> int:
        cs = tuple(p.coeffs())
        if not cs:
            return 0
        if cs not in signs:
            den = lcm(*(int(c.q) for c in cs))
            signs[cs] = root.sign_of([int(c * den) for c in cs])
        return signs[cs]

    out = [0, 0, 0]
    total = 0
    name = prob.rule.name
    for r in distinct_permutations(prob.reward_int):
        total += 1
        val = {u: sum((red[u][i] * int(r[i]) for i in range(len(r)) if r[i]), flint.fmpq_poly([])) for u in everything}

        def cmp(u: int, v: int) -> int:
            return sign(val[u] - val[v])

        def best(idx: list[int]) -> int:
            return max(idx, key=cmp_to_key(cmp))

        if name == "max":
            s = cmp(best(B), best(A))
        elif name == "is-optimal":
            c = best(C)
            gb = 1 if cmp(best(B), c) >= 0 else 0
            ga = 1 if cmp(best(A), c) >= 0 else 0
            s = (gb > ga) - (gb < ga)
        elif name == "frac-optimal":
            c = best(C)
            argmax = [u for u in C if cmp(u, c) == 0]
            gb = Fraction(sum(1 for u in argmax if u in B), len(argmax))
            ga = Fraction(sum(1 for u in argmax if u in A), len(argmax))
            s = (gb > ga) - (gb < ga)
        else:  # pragma: no cover - the twin knows the three rules of docs/math.md §7.5
            raise ValueError(f"the reference sweep does not know the rule {name!r}")
        out[0 if s > 0 else 1 if s < 0 else 2] += 1
    return out[0], out[1], out[2], total
