"""Triangulation witnesses for exact ``uniform`` expectations and cell volumes (docs/power.md).

For options C, the stdlib verifier (:mod:`orbitproof.verify`, section "power") re-derives C, drops
the coordinates on which every option agrees, builds the lifted polytope
P = {(r, t) : r ∈ [0,1]^k, x·r ≤ t ≤ T ∀x} (T = max_x Σ_j max(0, x_j) + 1) and checks a
triangulation of P given as vertices (exact rationals) and simplices (vertex indices).  From it
the verifier obtains vol(P), hence E[max_x x·r] = T − vol(P), and every cell volume vol K_x (the
boundary facets on t = x·r, projected), hence every optimality probability (docs/math.md §13.2).

The triangulation comes from Normaliz (``Cone.Triangulation()``).  Its size is estimated from the
number of vertices of P before triangulating, and refused past a budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..core.errors import TooLargeError
from ..core.exact import format_fraction, to_fractions
from .expectation import constant_coordinates, pareto_filter
from .lifted import import_normaliz, lifted_polytope

__all__ = ["triangulation_witness", "MAX_WITNESS_VERTICES", "MAX_WITNESS_SIMPLICES"]

#: Refuse a witness whose lifted polytope has more vertices than this (triangulations grow fast).
MAX_WITNESS_VERTICES = 500
#: The stdlib verifier's limit on simplices (verify.POWER_LIMITS["power_simplices"]).
MAX_WITNESS_SIMPLICES = 400_000


def triangulation_witness(options: Sequence[Sequence[Any]], *, max_vertices: int = MAX_WITNESS_VERTICES,
                          max_simplices: int = MAX_WITNESS_SIMPLICES) -> dict[str, Any] | None:
    """``{"vertices": [[r_1, …, r_k, t], …], "simplices": [[i_0, …, i_{k+1}], …]}`` triangulating the
    lifted polytope of ``options`` (module doc), or ``None`` when every option agrees on every
    coordinate (nothing to integrate).  Raises :class:`TooLargeError` past the budgets."""
    C = list(dict.fromkeys(to_fractions(v) for v in options))
    keep, _ = constant_coordinates(C)
    if not keep:
        return None
    X = [tuple(v[j] for j in keep) for v in C]
    X = [X[i] for i in pareto_filter(X)]
    P = lifted_polytope(X)
    nmz = import_normaliz()
    cone = nmz.Cone(inhom_inequalities=[[-x for x in a] + [b] for a, b in P.rows])
    n_vertices = len(cone.VerticesOfPolyhedron())
    if n_vertices > max_vertices:
        raise TooLargeError(
            f"triangulation witness: the lifted polytope has {n_vertices:,} vertices in {P.k + 1} dimensions "
            f"(budget {max_vertices:,}; its triangulation would have at least that many simplices and "
            "usually far more); certify a finite-support --dist, or a smaller environment")
    simplices, gens = cone.Triangulation()
    if len(simplices) > max_simplices:
        raise TooLargeError(f"triangulation witness: {len(simplices):,} simplices exceed the verifier's limit "
                            f"{max_simplices:,}; certify a finite-support --dist, or a smaller environment")
    k = P.k
    vertices = []
    for g in gens:
        h = Fraction(g[-1])
        r = [Fraction(x) / h for x in g[:k]]
        t = Fraction(g[k]) / h / P.den
        vertices.append([format_fraction(x) for x in (*r, t)])
    return {"vertices": vertices, "simplices": [sorted(int(i) for i in s[0]) for s in simplices]}
