"""A reward family that is *complete* for instances with 0/1 option vectors: one integer reward per
face of the hyperplane arrangement {r : z·r = 0}, z ∈ {−1, 0, 1}^d, inside the sorted cone
r_1 ≤ … ≤ r_d (docs/claims.md, "A complete reward family for 0/1 instances").

Why it is complete (for ``max``, ``is-optimal`` and ``frac-optimal``, every A, B, C ⊆ {0,1}^d):

1. g(X | r) depends only on which options of C (or A ∪ B) attain the maximum, i.e. on the signs of
   x·r − y·r = (x − y)·r, and x − y ∈ {−1, 0, 1}^d: so on the face of r.
2. σ permutes the normals, so σ·r and σ·r' lie in one face when r and r' do: every orbit element has
   the same outcome, and the stabiliser (ties r_i = r_j, normals e_i − e_j) is the same, so the
   counts over distinct orbit elements agree (docs/math.md §2.1).
3. Every orbit meets the closed sorted cone, which is a union of faces (its walls e_{i+1} − e_i are
   normals); :func:`face_rewards` reaches every face of it from its rays (see there) and returns
   one integer point of each (numpy int64 with small entries: exact).

Slow twin: :func:`face_signature` over a dense integer grid (tests compare both for d ≤ 3).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

__all__ = ["zero_one_complete", "arrangement_normals", "face_signature", "face_rewards", "sorted_rays", "FACE_D_LIMIT", "HADAMARD"]

FACE_D_LIMIT = 4
"""d = 5 has not finished in 15 minutes (docs/claims.md); d ≤ 4 takes under a second."""


def arrangement_normals(d: int) -> list[tuple[int, ...]]:
    """Every z ∈ {−1, 0, 1}^d ∖ {0} up to sign (first non-zero entry +1); the sorted-cone walls
    e_{i+1} − e_i first."""
    walls = [tuple(1 if k == i else (-1 if k == i + 1 else 0) for k in range(d)) for i in range(d - 1)]
    rest = [z for z in product((0, 1, -1), repeat=d)
            if any(z) and next(x for x in z if x) == 1 and z not in walls]
    return walls + sorted(rest)


def face_signature(r, normals) -> tuple[int, ...]:
    """The sign of z·r for every normal z (which face r lies in)."""
    out = []
    for z in normals:
        s = sum(a * b for a, b in zip(z, r))
        out.append((s > 0) - (s < 0))
    return tuple(out)


HADAMARD = {0: 1, 1: 1, 2: 2, 3: 4, 4: 16, 5: 48}
"""Largest |det| of an order-k matrix with entries in {−1, 0, 1} (OEIS A003432), k ≤ 5."""


def _rank(rows: list[tuple[int, ...]]) -> int:
    """Exact rank of an integer matrix (fraction-free elimination)."""
    m = [list(r) for r in rows]
    rank, cols = 0, len(m[0]) if m else 0
    for c in range(cols):
        piv = next((i for i in range(rank, len(m)) if m[i][c]), None)
        if piv is None:
            continue
        m[rank], m[piv] = m[piv], m[rank]
        for i in range(len(m)):
            if i != rank and m[i][c]:
                f, g = m[i][c], m[rank][c]
                m[i] = [g * a - f * b for a, b in zip(m[i], m[rank])]
        rank += 1
    return rank


def sorted_rays(d: int) -> list[tuple[int, ...]]:
    """The primitive integer generators of the 1-dimensional faces (rays) of the arrangement inside
    the sorted cone.  A ray is cut out by d − 1 independent normals, so its primitive generator is
    the vector of signed (d−1)-minors divided by their gcd: every entry is at most H_{d−1}
    (:data:`HADAMARD`) in absolute value, and the grid {−H..H}^d (sorted) contains every ray."""
    import numpy as np
    from itertools import combinations_with_replacement
    from math import gcd

    N = np.array(arrangement_normals(d), dtype=np.int64)
    H = HADAMARD[d - 1]
    out = []
    pts = list(combinations_with_replacement(range(-H, H + 1), d))
    for k in range(0, len(pts), 20000):
        X = np.array(pts[k:k + 20000], dtype=np.int64)
        tight = (N @ X.T) == 0
        counts = tight.sum(axis=0)
        for idx in np.nonzero(counts >= d - 1)[0]:
            p = tuple(int(x) for x in X[idx])
            if not any(p) or gcd(*p) != 1:
                continue
            rows = [tuple(int(x) for x in N[j]) for j in np.nonzero(tight[:, idx])[0]]
            if _rank(rows) == d - 1:
                out.append(p)
    return out


@lru_cache(maxsize=8)
def face_rewards(d: int) -> tuple[tuple[int, ...], ...]:
    """One integer reward per face of the arrangement of :func:`arrangement_normals` inside the sorted
    cone (the zero reward included), sorted; deterministic.

    Construction [DER, docs/claims.md]: start from the face {0}; repeatedly add every ray
    (:func:`sorted_rays`) to every face representative found so far, until no new face appears.
    If G is a facet of a face F, g ∈ relint G and s a ray of F outside span G, then g + s ∈ relint F
    (a positive combination lying in a proper face H of F puts g and s in H, so H ⊋ G, so H = F), so
    by induction on dim F every face of the sorted cone is reached."""
    import numpy as np

    if not 1 <= d <= FACE_D_LIMIT:
        from ..core.errors import TooLargeError

        raise TooLargeError(f"the reward family faces is computed for 1 ≤ d ≤ {FACE_D_LIMIT}, not d = {d} "
                            "(use grid:K or random:N for larger d)")
    N = np.array(arrangement_normals(d), dtype=np.int64)
    R = np.array(sorted_rays(d), dtype=np.int64)
    faces: dict[bytes, tuple[int, ...]] = {}
    zero = np.zeros(d, dtype=np.int64)
    faces[np.sign(N @ zero).astype(np.int8).tobytes()] = tuple(int(x) for x in zero)
    frontier = [zero]
    while frontier:
        new = []
        for p in frontier:
            S = R + p
            sig = np.sign(N @ S.T).astype(np.int8).T
            for row, q in zip(sig, S):
                key = row.tobytes()
                if key not in faces:
                    faces[key] = tuple(int(x) for x in q)
                    new.append(q)
        frontier = new
    return tuple(sorted(faces.values()))


def zero_one_complete(inst, compare: str) -> tuple[bool, str]:
    """Is :func:`face_rewards` a complete reward family for ``inst`` (every option a 0/1 vector)?"""
    if inst.layered:
        return False, "layered (Blackwell) options"
    if compare not in ("max", "is-optimal", "frac-optimal"):
        return False, f"compare {compare}"
    if inst.d > FACE_D_LIMIT:
        return False, f"face rewards are computed for d ≤ {FACE_D_LIMIT}"
    for v in inst.vectors("C") | inst.vectors("A") | inst.vectors("B"):
        if any(x not in (0, 1) for x in v):
            return False, "some option is not a 0/1 vector"
    return True, ("every option is a 0/1 vector: the outcome depends only on the face of r in the arrangement "
                  "{z·r = 0 : z ∈ {−1,0,1}^d}, and the family has one reward per face of the sorted cone")
