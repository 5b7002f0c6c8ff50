"""The slow twin of :mod:`.sweep_rules` at an irrational breakpoint: definition-level counts at a real
algebraic γ = β for every rule the γ-sweep supports (docs/math.md §7.5, §13.1; docs/rules.md).

As in :mod:`.sweep_reference`, every orbit element r' is enumerated and each option value f(β)·r'
is kept exactly in ℚ(β) = ℚ[x]/(m) as the remainder of N_f·r' modulo the minimal polynomial m;
options whose vectors coincide at β are merged (as ``option_set`` merges equal values).  Every
comparison -- between two options, and for ``satisfice:t=`` between an option and the threshold
(f(β)·r' ≥ t ⇔ td·N_f·r'_int − tn·s·ρ·D ≥ 0 at β) -- is an exact sign at β
(:meth:`~orbitproof.orbits.algebraic.RealRoot.sign_of`).  The rule itself is then applied by its own
definition (``reference_value``) to stand-in options whose rational values have exactly that order
and that position relative to t (values above t become t + 1, t + 2, …, values below t − 1, …), with a
second coordinate keeping distinct options distinct.  Every rule here depends on the values only
through that order and that position, so the stand-in gives the rule's verdict at β.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cmp_to_key
from math import lcm

import flint

from .algebraic import RealRoot
from .multiset import distinct_permutations
from .sweep_rules import function_scale

__all__ = ["reference_rule_counts_at_root", "reference_mixture_counts_at_root"]


def reference_rule_counts_at_root(prob, root: RealRoot) -> tuple[int, int, int, int]:
    """(B>A, A>B, tie, |orbit|) at the algebraic number ``root`` for the sweep problem ``prob``, any
    rule of :data:`~orbitproof.orbits.sweep_rules.SWEEP_RULES`."""
    rule = prob.rule
    mq = flint.fmpq_poly(root.flint())
    red = [[flint.fmpq_poly([int(c) for c in coeffs]) % mq for coeffs in f] for f in prob.numerators]
    keys = {u: tuple(tuple(p.coeffs()) for p in red[u]) for u in set(prob.ia) | set(prob.ib) | set(prob.ic)}
    rep: dict[tuple, int] = {}
    for u in sorted(keys):
        rep.setdefault(keys[u], u)

    def distinct(idx) -> list[int]:
        return list(dict.fromkeys(rep[keys[u]] for u in idx))

    A, B, C = distinct(prob.ia), distinct(prob.ib), distinct(prob.ic)
    everything = sorted(set(A) | set(B) | set(C))
    t = Fraction(getattr(rule, "t", 0))
    absolute = bool(getattr(rule, "absolute_values", False))
    if absolute:
        nz = [(x, xi) for x, xi in zip(prob.reward, prob.reward_int) if x]
        rho = Fraction(nz[0][1]) / nz[0][0] if nz else Fraction(1)
        level = t.numerator * function_scale(prob) * rho  # the threshold, in units of N·r'_int / td
        assert level.denominator == 1
        Dred = flint.fmpq_poly([int(c) for c in prob.denominator]) % mq
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
    THRESH = -1
    for r in distinct_permutations(prob.reward_int):
        total += 1
        val = {u: sum((red[u][i] * int(r[i]) for i in range(len(r)) if r[i]), flint.fmpq_poly([])) for u in everything}

        def cmp(u: int, v: int) -> int:
            x = val[u] * t.denominator if u != THRESH else Dred * int(level)
            y = val[v] * t.denominator if v != THRESH else Dred * int(level)
            return sign(x - y)

        items = everything + ([THRESH] if absolute else [])
        order = sorted(items, key=cmp_to_key(cmp))
        # levels: consecutive equal values share a level
        lev: dict[int, int] = {}
        k = 0
        for j, u in enumerate(order):
            if j and cmp(order[j - 1], u) != 0:
                k += 1
            lev[u] = k
        base = lev[THRESH] if absolute else 0
        fake = {u: t + (lev[u] - base) for u in everything}
        opt = {u: ((fake[u], Fraction(u)),) for u in everything}
        Copts = tuple(opt[u] for u in C)
        one = (Fraction(1), Fraction(0))
        gb = rule.reference_value(tuple(opt[u] for u in B), Copts, one)
        ga = rule.reference_value(tuple(opt[u] for u in A), Copts, one)
        s = (gb > ga) - (gb < ga)
        out[0 if s > 0 else 1 if s < 0 else 2] += 1
    return out[0], out[1], out[2], total


def reference_mixture_counts_at_root(probs, mixture, root: RealRoot) -> tuple[int, int, int, int]:
    """(B>A, A>B, tie, |orbit|) of the mixture D = Σ w_k δ_{r_k} at the algebraic ``root``, by the
    definition (:mod:`.mixtures`): every distinct φ·D, f(X|φ·D) = Σ_k w_k g(X|φ·r_k).  ``probs`` are
    the sweep problems of the components (same fork and rule).  Under ``max`` g is the value itself,
    kept exactly in ℚ(β) (component k's values carry the positive factor D(β)·s·ρ_k, divided out);
    under the other rules g comes from the rule's definition on stand-in values as in
    :func:`reference_rule_counts_at_root`."""
    from itertools import permutations

    prob0 = probs[0]
    rule = prob0.rule
    d = len(prob0.coordinates)
    mq = flint.fmpq_poly(root.flint())
    red = [[flint.fmpq_poly([int(c) for c in coeffs]) % mq for coeffs in f] for f in prob0.numerators]
    keys = {u: tuple(tuple(p.coeffs()) for p in red[u]) for u in set(prob0.ia) | set(prob0.ib) | set(prob0.ic)}
    rep: dict[tuple, int] = {}
    for u in sorted(keys):
        rep.setdefault(keys[u], u)

    def distinct(idx) -> list[int]:
        return list(dict.fromkeys(rep[keys[u]] for u in idx))

    A, B, C = distinct(prob0.ia), distinct(prob0.ib), distinct(prob0.ic)
    everything = sorted(set(A) | set(B) | set(C))
    rhos = []
    for p in probs:
        nz = [(x, xi) for x, xi in zip(p.reward, p.reward_int) if x]
        rhos.append(Fraction(nz[0][1]) / nz[0][0] if nz else Fraction(1))
    t = Fraction(getattr(rule, "t", 0))
    absolute = bool(getattr(rule, "absolute_values", False))
    Dred = flint.fmpq_poly([int(c) for c in prob0.denominator]) % mq
    scale = function_scale(prob0)
    cache: dict[tuple, int] = {}

    def sign(p: flint.fmpq_poly) -> int:
        cs = tuple(p.coeffs())
        if not cs:
            return 0
        if cs not in cache:
            den = lcm(*(int(c.q) for c in cs))
            cache[cs] = root.sign_of([int(c * den) for c in cs])
        return cache[cs]

    def g_values(r: tuple[int, ...], rho: Fraction) -> tuple:
        """(g(B|r), g(A|r)): ℚ(β) polynomials for max (value × D·s), Fractions otherwise."""
        val = {u: sum((red[u][i] * int(r[i]) for i in range(d) if r[i]), flint.fmpq_poly([])) for u in everything}
        q = flint.fmpq(rho.denominator, rho.numerator)
        if rule.name == "max":
            def best(idx):
                return max(idx, key=cmp_to_key(lambda u, v: sign(val[u] - val[v])))
            return val[best(B)] * q, val[best(A)] * q
        level = t.numerator * scale * rho
        THRESH = -1

        def cmp(u: int, v: int) -> int:
            x = val[u] * t.denominator if u != THRESH else Dred * int(level)
            y = val[v] * t.denominator if v != THRESH else Dred * int(level)
            return sign(x - y)

        order = sorted(everything + ([THRESH] if absolute else []), key=cmp_to_key(cmp))
        lev, k = {}, 0
        for j, u in enumerate(order):
            if j and cmp(order[j - 1], u) != 0:
                k += 1
            lev[u] = k
        base = lev[THRESH] if absolute else 0
        opt = {u: ((t + (lev[u] - base), Fraction(u)),) for u in everything}
        Copts = tuple(opt[u] for u in C)
        one = (Fraction(1), Fraction(0))
        return (Fraction(rule.reference_value(tuple(opt[u] for u in B), Copts, one)),
                Fraction(rule.reference_value(tuple(opt[u] for u in A), Copts, one)))

    out = [0, 0, 0]
    seen = set()
    for perm in permutations(range(d)):
        key = tuple(sorted((Fraction(w), tuple(p.reward_int[perm[i]] for i in range(d))) for (w, _), p in zip(mixture, probs)))
        if key in seen:
            continue
        seen.add(key)
        if rule.name == "max":
            diff = flint.fmpq_poly([])
            for (w, _), p, rho in zip(mixture, probs, rhos):
                gb, ga = g_values(tuple(p.reward_int[perm[i]] for i in range(d)), rho)
                wf = Fraction(w)
                diff += (gb - ga) * flint.fmpq(wf.numerator, wf.denominator)
            s = sign(diff)
        else:
            total = Fraction(0)
            for (w, _), p, rho in zip(mixture, probs, rhos):
                gb, ga = g_values(tuple(p.reward_int[perm[i]] for i in range(d)), rho)
                total += Fraction(w) * (gb - ga)
            s = (total > 0) - (total < 0)
        out[0 if s > 0 else 1 if s < 0 else 2] += 1
    return out[0], out[1], out[2], len(seen)
