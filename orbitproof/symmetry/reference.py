"""Definition-level twins for the copies search (tests only; tiny inputs).

:func:`is_copies_family_reference` checks P22 Def A.7 literally; :func:`max_copies_reference`
tries every involution of the d coordinates and every subset of them, largest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .candidates import all_involution_copies_reference
from .family import Candidate, compatible_reference, max_family_reference
from .involution import Involution

__all__ = ["is_copies_family_reference", "max_copies_reference"]


def is_copies_family_reference(A: Iterable[tuple], B: Iterable[tuple], phis: Sequence[Involution]) -> bool:
    """(i) φ_i·A ⊆ B for all i; (ii) φ_i·(φ_j·A) = φ_j·A for all i ≠ j (P22 Def A.7)."""
    a, b = frozenset(A), frozenset(B)
    images = [frozenset(p.apply(o) for o in a) for p in phis]
    if not all(img <= b for img in images):
        return False
    return all(frozenset(p.apply(o) for o in images[j]) == images[j]
               for i, p in enumerate(phis) for j in range(len(phis)) if i != j)


def max_copies_reference(A: Iterable[tuple], B: Iterable[tuple], d: int, *, disjoint: bool = False) -> int:
    """Largest n over all involutions of range(d) (A ⊄ B assumed; otherwise n is unbounded)."""
    a = frozenset(A)
    cands = [Candidate(p, p.apply_set(a)) for p in all_involution_copies_reference(a, B, d)]
    return len(max_family_reference(cands, lambda x, y: compatible_reference(x, y, disjoint=disjoint)))
