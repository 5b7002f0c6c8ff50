"""E[max_{x∈X} x·r] for r iid U(0, 1)^k as the volume of ONE convex polytope (docs/math.md §13.2).

With integer options X (scaled by a common denominator) and T > max_{x∈X} x·r on the cube
(T = max_x Σ_j max(0, x_j) + 1, in unscaled units; the +1 keeps the level t = T off every graph
facet), the lifted polytope

    P = {(r, t) ∈ R^{k+1} : 0 ≤ r_j ≤ 1, x·r ≤ t ∀x ∈ X, t ≤ T}

is the region between the graph of m(r) = max_x x·r and the level T, so
vol_{k+1}(P) = ∫_{[0,1]^k} (T − m(r)) dr, i.e.  E[m(r)] = T − vol(P).  No cell decomposition is
needed: P is one intersection of half-spaces, whose volume Normaliz computes quickly.

Two exact engines for vol(P):

* :func:`lifted_volume_normaliz` (fast path) -- PyNormaliz ``Cone(inhom_inequalities=...)``;
  ``Volume()`` is the lattice-normalised volume (k+1)!·vol.
* :func:`lifted_volume_lasserre` (slow twin, our own code) -- Lasserre's recursion
  (:func:`orbitproof.mdp.polytope.moments`) on the same polytope.

The cell engine of :mod:`orbitproof.mdp.expectation` (one Lasserre integral per cell) is a third,
independent method; tests check all three agree exactly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..core.errors import OrbitproofError
from .polytope import moments

__all__ = ["LiftedPolytope", "lifted_polytope", "lifted_volume_normaliz", "lifted_volume_lasserre",
           "expected_max_lifted", "lifted_work", "normaliz_volume", "import_normaliz"]

Vec = tuple[Fraction, ...]


@dataclass(frozen=True)
class LiftedPolytope:
    """P = {y = (r, t) : a·y ≤ b for (a, b) in ``rows``} for the integer options ``X`` (= den · options).

    ``rows`` lists the cube (r_j ≥ 0, r_j ≤ 1 for each j), then t ≤ T, then one row x·r − t ≤ 0 per
    option, in the order of ``X``."""

    k: int
    X: tuple[tuple[int, ...], ...]
    den: int
    T: int
    rows: tuple[tuple[tuple[int, ...], int], ...]

    def expected_max(self, volume: Fraction) -> Fraction:
        """E[max_x x·r] (unscaled options) from vol(P)."""
        return (self.T - volume) / self.den


def lifted_polytope(options: Sequence[Vec]) -> LiftedPolytope:
    """The lifted polytope of the (distinct, exact) ``options`` (module doc)."""
    k = len(options[0])
    den = 1
    for v in options:
        for x in v:
            den = den * x.denominator // math.gcd(den, x.denominator)
    X = tuple(tuple(int(x * den) for x in v) for v in options)
    T = max(sum(max(0, x) for x in v) for v in X) + den
    rows: list[tuple[tuple[int, ...], int]] = []
    for j in range(k):
        e = [0] * (k + 1)
        e[j] = -1
        rows.append((tuple(e), 0))  # -r_j <= 0
        e = [0] * (k + 1)
        e[j] = 1
        rows.append((tuple(e), 1))  # r_j <= 1
    rows.append((tuple([0] * k + [1]), T))  # t <= T
    for v in X:
        rows.append((tuple(v) + (-1,), 0))  # x·r - t <= 0
    return LiftedPolytope(k, X, den, T, tuple(rows))


def lifted_work(n: int, k: int) -> int:
    """Heuristic work estimate of the lifted-polytope engine for n options in k coordinates:
    n·2^k (options × cube corners); docs/power.md gives the measured times it is calibrated on."""
    return n * 2 ** k


def import_normaliz():
    """The PyNormaliz module, single-threaded (one-line error if it is missing)."""
    try:
        import PyNormaliz
    except ImportError:  # pragma: no cover - a core dependency
        raise OrbitproofError('exact uniform POWER needs PyNormaliz: pip install pynormaliz') from None
    PyNormaliz.NmzSetNumberOfNormalizThreads(1)  # shared machines; small cones gain nothing from threads
    return PyNormaliz


def normaliz_volume(rows: Sequence[tuple[Sequence[int], int]], dim: int) -> Fraction:
    """Euclidean volume of the full-dimensional polytope {y ∈ R^dim : a·y ≤ b} with integer data,
    by Normaliz (0 if it is lower-dimensional)."""
    PyNormaliz = import_normaliz()
    cone = PyNormaliz.Cone(inhom_inequalities=[[-x for x in a] + [b] for a, b in rows])
    if cone.AffineDim() < dim:
        return Fraction(0)
    v = cone.Volume()
    vol = Fraction(int(v[0]), int(v[1])) if isinstance(v, (list, tuple)) else Fraction(v)
    return vol / math.factorial(dim)


def lifted_volume_normaliz(P: LiftedPolytope) -> Fraction:
    """vol_{k+1}(P) by Normaliz (fast path)."""
    return normaliz_volume(P.rows, P.k + 1)


def lifted_volume_lasserre(P: LiftedPolytope) -> Fraction:
    """vol_{k+1}(P) by our own Lasserre recursion (slow twin)."""
    cons = [(tuple(Fraction(x) for x in a), Fraction(b)) for a, b in P.rows]
    return moments(cons, P.k + 1)[0]


def expected_max_lifted(options: Sequence[Vec], engine: str = "normaliz") -> Fraction:
    """E[max_{x∈options} x·r] for r iid U(0, 1)^k, from the lifted polytope's volume."""
    P = lifted_polytope(list(dict.fromkeys(tuple(Fraction(x) for x in v) for v in options)))
    if engine == "normaliz":
        return P.expected_max(lifted_volume_normaliz(P))
    if engine == "lasserre":
        return P.expected_max(lifted_volume_lasserre(P))
    raise ValueError(f"unknown engine {engine!r}")
