"""Fast forms of two checker decisions used by the copies search (docs/math.md §1.4, §5 Lemma E.28).

* :func:`nondominated` -- ND(X), exactly :func:`orbitproof.symmetry.check.nondominated` (its
  twin): the quick sufficient test "some coordinate of x is strictly larger (or strictly smaller)
  than that coordinate of every other vector" is decided per coordinate from the column's maximum,
  minimum and their multiplicities (x[k] is a strict maximum iff it equals the column maximum and
  that maximum occurs once), instead of comparing x with every other vector at every coordinate;
  the remaining vectors go to the same exact convex-hull LP.
* :func:`z_condition_holds` -- the Z-condition of P21 Lemma E.28 / P22 Lemma D.5, exactly
  :func:`orbitproof.symmetry.check.z_condition_holds` (its twin): the same closure of
  ND(C) ∖ B_extra under the φ_i, but each option is moved only by the φ_i that move a coordinate of
  its support (found through a coordinate → involutions index), the others fix it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from . import check as copycheck
from .involution import Involution
from .setaction import option_support

__all__ = ["nondominated", "z_condition_holds"]


def nondominated(options: Iterable[tuple]) -> frozenset:
    """ND(X) for depth-1 options (twin: :func:`orbitproof.symmetry.check.nondominated`)."""
    opts = list(options)
    if any(len(o) != 1 for o in opts):
        raise copycheck.CheckError("non-domination of layered (Blackwell) options is not supported")
    vecs = [o[0] for o in opts]
    if len(opts) <= 1:
        return frozenset(opts)
    d = len(vecs[0])
    strict = [False] * len(vecs)
    for k in range(d):
        col = [v[k] for v in vecs]
        hi, lo = max(col), min(col)
        if hi == lo:
            continue
        if col.count(hi) == 1:
            strict[col.index(hi)] = True
        if col.count(lo) == 1:
            strict[col.index(lo)] = True
    out = []
    for i, x in enumerate(vecs):
        if strict[i] or not copycheck.in_convex_hull(x, vecs[:i] + vecs[i + 1:]):
            out.append(opts[i])
    return frozenset(out)


def z_condition_holds(B: frozenset, C: frozenset, nd_A: frozenset, nd_C: frozenset,
                      phis: Sequence[Involution]) -> bool:
    """∃ Z, ND(C) ⊆ Z ⊆ C, with φ_i·(Z ∖ B_extra) = Z ∖ B_extra for all i, B_extra = B ∖ ∪ φ_i·ND(A)
    (twin: :func:`orbitproof.symmetry.check.z_condition_holds` on the permutation lists)."""
    by_coord: dict[int, list[Involution]] = {}
    for p in phis:
        for k in p.moved:
            by_coord.setdefault(k, []).append(p)

    def movers(o: tuple) -> list[Involution]:
        seen: dict[int, Involution] = {}
        for k in option_support(o):
            for p in by_coord.get(k, ()):
                seen.setdefault(id(p), p)
        return list(seen.values())

    supp_a = {o: option_support(o) for o in nd_A}
    images = set()
    for p in phis:
        moved = p.moved
        for o, supp in supp_a.items():
            images.add(p.apply(o) if moved & supp else o)
    b_extra = B - images
    allowed = C - b_extra
    todo = list(nd_C - b_extra)
    seen = set(todo)
    while todo:
        o = todo.pop()
        if o not in allowed:
            return False
        for p in movers(o):
            q = p.apply(o)
            if q not in seen:
                seen.add(q)
                todo.append(q)
    return True
