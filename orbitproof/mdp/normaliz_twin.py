"""A third exact method for ``uniform``: cell volumes from Normaliz (PyNormaliz), docs/math.md §13.2.

Twin of :func:`orbitproof.mdp.expectation.option_statistics` for D = iid U(0, 1), used in tests to
cross-check Lasserre's recursion in dimensions where the iterated-integration twin is too slow.

Normaliz's ``Volume()`` of a full-dimensional lattice polytope is the lattice-normalised volume,
k!·(Euclidean volume).  The integral of the linear function ℓ(r) = x·r + c ≥ 0 over a cell K is the
(k+1)-volume of the lifted polytope {(r, t) : r ∈ K, 0 ≤ t ≤ ℓ(r)}; c = Σ_j max(0, −x_j) makes ℓ
non-negative on the cube and is subtracted again (∫_K ℓ = ∫_K x·r + c·vol K).

PyNormaliz is a core dependency (the lifted-polytope engine of :mod:`orbitproof.mdp.lifted` uses it);
without it :func:`option_statistics_normaliz` raises a one-line :class:`~orbitproof.core.errors.OrbitproofError`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..core.errors import OrbitproofError
from ..core.exact import to_fractions
from .expectation import OptionStatistics

__all__ = ["option_statistics_normaliz"]


def _scaled(C: list[tuple[Fraction, ...]]) -> tuple[list[list[int]], int]:
    den = 1
    for v in C:
        for x in v:
            den = den * x.denominator // math.gcd(den, x.denominator)
    return [[int(x * den) for x in v] for v in C], den


def _normalised_volume(rows: list[list[int]], dim: int) -> Fraction:
    from PyNormaliz import Cone

    cone = Cone(inhom_inequalities=rows)
    if cone.AffineDim() < dim:
        return Fraction(0)
    v = cone.Volume()
    if isinstance(v, (list, tuple)):
        return Fraction(int(v[0]), int(v[1]))
    return Fraction(v)


def option_statistics_normaliz(options: Sequence[Sequence[Any]],
                               subsets: Sequence[Sequence[Sequence[Any]]] = ()) -> OptionStatistics:
    """E[max_{x∈C} x·r] and P(max_{A_i} ≥ max_C) for r iid U(0, 1), every option's cell in the full
    cube measured by Normaliz (no reductions)."""
    try:
        import PyNormaliz
    except ImportError:
        raise OrbitproofError('the Normaliz twin needs PyNormaliz: pip install "orbitproof[normaliz]"') from None
    PyNormaliz.NmzSetNumberOfNormalizThreads(1)  # small cones: threads only add overhead
    C = list(dict.fromkeys(to_fractions(v, f"option[{i}]") for i, v in enumerate(options)))
    if not C:
        raise OrbitproofError("the expectation of a maximum over no options is undefined")
    k = len(C[0])
    X, den = _scaled(C)
    cube = []
    for j in range(k):
        e = [0] * k
        e[j] = 1
        cube.append(e + [0])  # r_j >= 0
        cube.append([-x for x in e] + [1])  # 1 - r_j >= 0
    total = Fraction(0)
    vols = []
    for i, xi in enumerate(X):
        rows = cube + [[a - b for a, b in zip(xi, xj)] + [0] for j, xj in enumerate(X) if j != i]
        vol = _normalised_volume(rows, k) / math.factorial(k)
        vols.append(vol)
        if not vol:
            continue
        shift = sum(max(0, -x) for x in xi)  # ℓ = xi·r + shift >= 0 on the cube (scaled by den)
        lifted = [r[:k] + [0, r[k]] for r in rows] + [[0] * k + [1, 0], [*xi, -1, shift]]
        lifted_vol = _normalised_volume(lifted, k + 1) / math.factorial(k + 1)
        total += (lifted_vol - shift * vol) / den
    index = {v: i for i, v in enumerate(C)}
    probs = tuple(sum((vols[index[to_fractions(a)]] for a in dict.fromkeys(map(to_fractions, A))), Fraction(0))
                  for A in subsets)
    return OptionStatistics(total, probs, "uniform: Normaliz cell volumes (twin)")
