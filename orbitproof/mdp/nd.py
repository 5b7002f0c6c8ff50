"""Non-domination with exact witnesses (docs/math.md §1.4, P21 Def 3.6).

For a finite set X of distinct vectors, x ∈ ND(X) iff some reward r makes x strictly best
(x·r > x'·r for every other x'), iff x is not in conv(X ∖ {x}).  Both outcomes carry a witness
that is re-checked exactly before it is returned:

* non-dominated: r from the LP  max t  s.t. (x − x')·r ≥ t ∀x' ≠ x, r ∈ [−1, 1]^d  (optimum > 0);
* dominated: convex weights λ ≥ 0, Σλ = 1, Σ λ_j x_j = x over the other elements (phase-1 LP).

Duplicate input vectors denote one element of the set; they share one verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.errors import OptionSetError
from ..core.exact import format_fraction, to_fractions
from .lp import feasible_eq, maximize_leq

__all__ = ["NDEntry", "NDResult", "nondominated", "nd_verdict"]

Vec = tuple[Fraction, ...]


@dataclass(frozen=True)
class NDEntry:
    """Verdict for one vector: ``witness`` (a reward vector) if non-dominated, else ``weights``
    ``((j, λ_j), ...)`` over indices of *other* input vectors with Σ λ_j x_j = x."""

    vector: Vec
    nondominated: bool
    witness: Vec | None = None
    weights: tuple[tuple[int, Fraction], ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"vector": [format_fraction(x) for x in self.vector], "nondominated": self.nondominated}
        if self.witness is not None:
            out["witness_reward"] = [format_fraction(x) for x in self.witness]
        if self.weights is not None:
            out["convex_weights"] = [[j, format_fraction(w)] for j, w in self.weights]
        return out


@dataclass(frozen=True)
class NDResult:
    """Per input vector, an :class:`NDEntry` (same order as the input)."""

    entries: tuple[NDEntry, ...]

    @property
    def nondominated_indices(self) -> tuple[int, ...]:
        return tuple(i for i, e in enumerate(self.entries) if e.nondominated)

    @property
    def nd_vectors(self) -> tuple[Vec, ...]:
        seen: dict[Vec, None] = {}
        for e in self.entries:
            if e.nondominated:
                seen.setdefault(e.vector, None)
        return tuple(seen)

    def __len__(self) -> int:
        return len(self.entries)

    def to_list(self) -> list[dict[str, Any]]:
        return [e.to_dict() for e in self.entries]


def _support(v: Sequence[Fraction]) -> tuple[tuple[int, Fraction], ...]:
    return tuple((i, x) for i, x in enumerate(v) if x)


def _sparse_dot(support: Sequence[tuple[int, Fraction]], y: Sequence[Fraction]) -> Fraction:
    """y · v for v given by its support (RSD and unit vectors are sparse: O(|supp v|), not O(d))."""
    return sum((x * y[i] for i, x in support if y[i]), Fraction(0))


def nd_verdict(x: Vec, others: Sequence[Vec]) -> tuple[bool, Vec | None, tuple[tuple[int, Fraction], ...] | None]:
    """Decide x ∈ ND({x} ∪ others) for distinct vectors; returns (nd, witness r, weights)."""
    d = len(x)
    if not others:
        r = (Fraction(0),) * d
        return True, r, None
    # Cheap candidate first: r = x (enough for unit vectors, P21 Lemma E.51); checked exactly.
    sx = _support(x)
    vx = _sparse_dot(sx, x)
    if all(vx > _sparse_dot(sx, y) for y in others):
        return True, tuple(x), None
    # Next candidate: a coordinate where x is non-zero and every other vector is 0 (e.g. the fork
    # state of a cycle through it): r = ±e_i makes x strictly best.  Checked exactly.
    for i, v in sx:
        if all(not y[i] for y in others):
            return True, tuple(Fraction(int(k == i) * (1 if v > 0 else -1)) for k in range(d)), None
    # Cheap domination test next: for non-negative vectors (visit distributions, RSDs) a convex
    # combination Σ λ_j y_j = x only uses y_j with supp y_j ⊆ supp x, so a small phase-1 LP over
    # those decides it; its weights are re-checked exactly below like the full LP's.
    if all(v >= 0 for v in x) and all(v >= 0 for y in others for v in y):
        inside = [j for j, y in enumerate(others) if all(not v or x[i] for i, v in enumerate(y))]
        if inside:
            keys = [i for i, _ in sx]
            rows = [[others[j][i] for j in inside] for i in keys] + [[Fraction(1)] * len(inside)]
            lam = feasible_eq(rows, [x[i] for i in keys] + [Fraction(1)])
            if lam is not None:
                return False, None, _checked_weights(x, others, tuple((inside[k], w) for k, w in enumerate(lam) if w))
    # Variables z = (r⁺ (d), r⁻ (d), t); maximise t.
    n = 2 * d + 1
    A: list[list[Fraction]] = []
    b: list[Fraction] = []
    for y in others:
        diff = [xi - yi for xi, yi in zip(x, y)]
        A.append([-v for v in diff] + list(diff) + [Fraction(1)])
        b.append(Fraction(0))
    for i in range(2 * d):
        row = [Fraction(0)] * n
        row[i] = Fraction(1)
        A.append(row)
        b.append(Fraction(1))
    c = [Fraction(0)] * (2 * d) + [Fraction(1)]
    res = maximize_leq(c, A, b)
    assert res is not None  # bounded: r ∈ [−1, 1]^d
    t, z = res
    if t > 0:
        r = tuple(z[i] - z[d + i] for i in range(d))
        sr = _support(r)
        val = _sparse_dot(sr, x)
        if not all(val > _sparse_dot(sr, y) for y in others):  # pragma: no cover - exact check
            raise AssertionError("internal error: ND witness failed its exact check")
        return True, r, None
    # dominated: x ∈ conv(others)
    m = len(others)
    rows = [[y[i] for y in others] for i in range(d)] + [[Fraction(1)] * m]
    lam = feasible_eq(rows, list(x) + [Fraction(1)])
    if lam is None:  # pragma: no cover - contradicts LP duality
        raise AssertionError("internal error: neither a witness nor convex weights were found")
    return False, None, _checked_weights(x, others, tuple((j, w) for j, w in enumerate(lam) if w))


def _checked_weights(x: Vec, others: Sequence[Vec], weights: tuple[tuple[int, Fraction], ...]):
    """The convex weights after their exact check (λ ≥ 0, Σλ = 1, Σ λ_j x_j = x)."""
    comb = [sum((w * others[j][i] for j, w in weights), Fraction(0)) for i in range(len(x))]
    if tuple(comb) != tuple(x) or sum(w for _, w in weights) != 1 or any(w < 0 for _, w in weights):
        raise AssertionError("internal error: convex weights failed their exact check")  # pragma: no cover
    return weights


def nondominated(vectors: Sequence[Sequence[Any]]) -> NDResult:
    """ND of a finite set of exact vectors, with a checked witness per element (module doc)."""
    vecs = [to_fractions(v, f"vector[{i}]") for i, v in enumerate(vectors)]
    if not vecs:
        raise OptionSetError("non-domination of an empty set")
    dims = {len(v) for v in vecs}
    if len(dims) != 1:
        raise OptionSetError(f"vectors have different lengths {sorted(dims)}")
    distinct: dict[Vec, int] = {}
    for i, v in enumerate(vecs):
        distinct.setdefault(v, i)
    keys = list(distinct)
    verdicts: dict[Vec, NDEntry] = {}
    for k, x in enumerate(keys):
        others = keys[:k] + keys[k + 1:]
        nd, r, lam = nd_verdict(x, others)
        if lam is not None:
            other_idx = [distinct[y] for y in others]
            lam = tuple((other_idx[j], w) for j, w in lam)
        verdicts[x] = NDEntry(x, nd, r, lam)
    return NDResult(tuple(verdicts[v] for v in vecs))
