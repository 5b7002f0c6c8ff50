"""Involution-aware backtracking search for φ with φ·A ⊆ B (docs/math.md §3.1) — the main candidate source.

VF2 enumerates *every* coordinate map ψ with ψ·A ⊆ B, most of which are not involutions; on sets
with many interchangeable coordinates (a gridworld's 99 unit RSDs) it can enumerate astronomically
many non-involutive maps before meeting an involution.  This search assigns φ(j) and φ(φ(j)) = j
together, so every leaf is an involution:

* only coordinates j ∈ supp A are branched on (most constrained first); a coordinate k ∉ supp A
  receiving φ(k) = j is settled by the pair; all others are fixed (least-moving extension);
* domains: φ(j) = k needs the signature of k in B (multiset of (option colour, entry) over the
  options non-zero at k) to dominate that of j in A — a sound filter;
* fixed points are tried first, then the other domain values in coordinate order;
* an option of A is checked (its image must lie in B) as soon as its support is assigned.

Yields each least-moving involution once; its restriction to supp A is any involution-extendable
ψ, so the candidate set equals the VF2 route's (checked in tests) without the detour.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from .involution import Involution

__all__ = ["iter_involution_copies", "option_signatures", "without_options", "SetWithout",
           "coordinate_domains", "shrink_domains"]


class SetWithout:
    """The set ``base − removed`` as a view: membership and iteration without building (and
    re-hashing) a new frozenset of long option tuples on every round of the greedy search."""

    __slots__ = ("base", "removed")

    def __init__(self, base: frozenset, removed: frozenset) -> None:
        self.base, self.removed = base, removed

    def __contains__(self, option: object) -> bool:
        return option in self.base and option not in self.removed

    def __iter__(self) -> Iterator[tuple]:
        return (o for o in self.base if o not in self.removed)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _nonzero(option: tuple) -> list[tuple[int, tuple]]:
    if len(option) == 1:
        return [(k, (x,)) for k, x in enumerate(option[0]) if x]
    d = len(option[0])
    out = []
    for k in range(d):
        v = tuple(layer[k] for layer in option)
        if any(v):
            out.append((k, v))
    return out


def _signatures(options: Sequence[tuple]) -> tuple[dict[int, Counter], list[list[tuple[int, tuple]]]]:
    sig: dict[int, Counter] = {}
    nzs = []
    for o in options:
        nz = _nonzero(o)
        nzs.append(nz)
        colour = tuple(sorted(Counter(v for _, v in nz).items()))
        for k, v in nz:
            sig.setdefault(k, Counter())[(colour, v)] += 1
    return sig, nzs


def option_signatures(options: Iterable[tuple]) -> dict[int, Counter]:
    """Per coordinate k: the multiset of (option colour, entry) over the options non-zero at k
    (the domain filter's data; compute it once for a set B searched repeatedly)."""
    return _signatures(list(options))[0]


def without_options(sig: dict[int, Counter], options: Iterable[tuple]) -> dict[int, Counter]:
    """The signatures of B − options from those of B (``options`` ⊆ B): only the removed options
    are scanned, so a greedy search over shrinking B stays proportional to what it removes."""
    removed = option_signatures(options)
    if not removed:
        return sig
    out = dict(sig)
    for k, cnt in removed.items():
        out[k] = sig[k] - cnt
    return out


def _domain(need: Counter, sig_b: dict[int, Counter], d: int) -> list[int]:
    """Coordinates k < d whose B-signature dominates ``need`` (ascending).  ``Counter.get`` rather
    than ``Counter[key]``: a missing key would call ``__missing__`` (Python code) each time."""
    items = list(need.items())
    out = []
    for k in range(d):
        cnt = sig_b.get(k)
        if cnt and all(cnt.get(key, 0) >= c for key, c in items):
            out.append(k)
    return out


def coordinate_domains(A: Iterable[tuple], sig_b: dict[int, Counter], d: int) -> dict[int, list[int]]:
    """Per coordinate j of supp A: the coordinates k < d whose B-signature dominates j's A-signature
    (the search's domain filter), ascending."""
    sig_a = option_signatures(A)
    return {j: _domain(need, sig_b, d) for j, need in sig_a.items()}


def shrink_domains(domains: dict[int, list[int]], A: Iterable[tuple], sig_b: dict[int, Counter],
                   changed: Iterable[int]) -> dict[int, list[int]]:
    """:func:`coordinate_domains` after options were removed from B (signatures only shrink, so a
    domain only loses coordinates, and only coordinates in ``changed`` -- the supports of the removed
    options -- need to be tested again against the new signatures ``sig_b``)."""
    changed = set(changed)
    if not changed:
        return domains
    sig_a = option_signatures(A)
    out = {}
    for j, dom in domains.items():
        items = list(sig_a[j].items())
        failed = set()
        for k in changed:
            cnt = sig_b.get(k)
            if not (cnt and all(cnt.get(key, 0) >= c for key, c in items)):
                failed.add(k)
        out[j] = [k for k in dom if k not in failed] if failed else dom
    return out


def iter_involution_copies(A: Sequence[tuple], B: Sequence[tuple] | frozenset | SetWithout, *,
                           b_signatures: dict[int, Counter] | None = None,
                           domains: dict[int, list[int]] | None = None) -> Iterator[Involution]:
    """Every least-moving involution φ with φ·A ⊆ B (each once), lazily.  ``b_signatures``:
    :func:`option_signatures` of B when the caller already has them; ``domains``: the coordinate
    domains of :func:`coordinate_domains` for these signatures (neither is re-checked)."""
    a = sorted(set(A))
    bset = B if isinstance(B, (frozenset, SetWithout)) else frozenset(B)
    if not a:
        return
    d = len(a[0][0])
    sig_a, nz_a = _signatures(a)
    sig_b = b_signatures if b_signatures is not None else _signatures(sorted(bset))[0]
    support = sorted(sig_a)
    domain = ({j: list(domains[j]) for j in support} if domains is not None
              else {j: _domain(sig_a[j], sig_b, d) for j in support})
    for j in support:  # fixed point first
        if j in domain[j]:
            domain[j].remove(j)
            domain[j].insert(0, j)
    # the part of the branching filter that does not depend on φ, computed once: φ(j) = k needs
    # k = j, or k outside supp A, or j in the domain of k (then φ(k) = j is allowed too)
    dom_set = {j: frozenset(domain[j]) for j in support}
    paired = {j: [k for k in domain[j] if k == j or k not in dom_set or j in dom_set[k]] for j in support}
    # options of A grouped by the coordinates of their support
    watch: dict[int, list[int]] = {k: [] for k in support}
    for i, nz in enumerate(nz_a):
        for k, _ in nz:
            watch[k].append(i)
    left = [len(nz) for nz in nz_a]
    zero_ok = all(o in bset for o, nz in zip(a, nz_a) if not nz)
    if not zero_ok:
        return
    phi: dict[int, int] = {}
    in_supp = set(support)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 4 * len(support) + 200))

    def image_ok(i: int) -> bool:
        o = a[i]
        img = tuple(tuple(layer[phi.get(k, k)] for k in range(d)) for layer in o)
        return img in bset

    def assign(j: int, k: int) -> list[int] | None:
        """Set φ(j)=k, φ(k)=j; returns the newly assigned support coordinates, or None."""
        new = [j] if j == k else [j, k]
        phi[j] = k
        phi[k] = j
        touched = [x for x in new if x in in_supp]
        for x in touched:
            for i in watch[x]:
                left[i] -= 1
        ok = all(image_ok(i) for x in touched for i in watch[x] if left[i] == 0)
        if not ok:
            undo(new, touched)
            return None
        return new

    def undo(new: list[int], touched: list[int]) -> None:
        for x in touched:
            for i in watch[x]:
                left[i] += 1
        for x in new:
            del phi[x]

    def rec() -> Iterator[Involution]:
        free = [j for j in support if j not in phi]
        if not free:
            yield Involution(tuple((j, k) for j, k in phi.items() if j < k))
            return
        # most constrained unassigned coordinate
        best, options = None, None
        for j in free:
            opts = [k for k in paired[j] if k not in phi]
            if best is None or len(opts) < len(options):
                best, options = j, opts
                if not opts:
                    return
        for k in options:
            new = assign(best, k)
            if new is None:
                continue
            yield from rec()
            undo(new, [x for x in new if x in in_supp])

    try:
        yield from rec()
    finally:
        sys.setrecursionlimit(limit)
