"""Candidate involutions φ with φ·A ⊆ B, from the vector structure (docs/math.md §3.1).

Fast path: encode each option set as a coloured bipartite graph — one node per option, one per
coordinate, an edge option–coordinate labelled by the (layered) entry wherever it is non-zero;
option nodes are coloured by the multiset of their non-zero entries.  An induced-subgraph
isomorphism (networkx VF2 ``GraphMatcher``, not VF2++) of graph(A) (coordinates: supp A only)
into graph(B) is an injection ψ : supp(A) → coordinates together with an injection of the options
such that ``a_j = b_{ψ(j)}`` for every matched pair and the matched b vanishes off ψ(supp A)
(equal colours), i.e. exactly a coordinate map carrying A into B.  Each ψ is extended to its
least-moving involution (:func:`~.involution.minimal_involution`) and **verified exactly** on the
vectors; a graph match alone proves nothing.

Slow twin: :func:`all_involution_copies_reference` enumerates every involution of the d
coordinates and keeps those with φ·A ⊆ B (definition level, small d only).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence


import networkx as nx

from .involution import Involution, minimal_involution

__all__ = [
    "support",
    "option_graph",
    "iter_coordinate_maps",
    "iter_candidates",
    "iter_c_invariant_candidates",
    "all_involutions",
    "all_involution_copies_reference",
]


def support(options: Iterable[tuple]) -> frozenset[int]:
    """Coordinates where some option (some layer) is non-zero."""
    return frozenset(i for o in options for layer in o for i, x in enumerate(layer) if x != 0)


def _nonzero(option: tuple) -> list[tuple[int, tuple]]:
    """(coordinate, layered entry) for every coordinate where some layer is non-zero."""
    if len(option) == 1:
        return [(k, (x,)) for k, x in enumerate(option[0]) if x]
    d = len(option[0])
    out = []
    for k in range(d):
        v = tuple(layer[k] for layer in option)
        if any(v):
            out.append((k, v))
    return out


def colour(option: tuple) -> tuple:
    return tuple(sorted(Counter(v for _, v in _nonzero(option)).items()))


def option_graph(options: Sequence[tuple], coordinates: Iterable[int]) -> nx.Graph:
    """Bipartite graph: nodes ("o", i) for options, ("c", k) for the given coordinates.

    Option nodes are coloured by the multiset of their non-zero entries; coordinate nodes carry a
    signature: the multiset of (option colour, entry) over the options that are non-zero there.
    A coordinate of A can only map to a coordinate of B whose signature dominates its own
    (every option of A through it maps to a distinct option of B through the image) — a sound
    filter that lets VF2 reject wrong branches at once.
    """
    g = nx.Graph()
    coords = set(coordinates)
    sig: dict[int, Counter] = {k: Counter() for k in coords}
    for k in coords:
        g.add_node(("c", k), kind="c", colour=None)
    for i, o in enumerate(options):
        nz = _nonzero(o)
        colour = tuple(sorted(Counter(v for _, v in nz).items()))
        g.add_node(("o", i), kind="o", colour=colour)
        for k, v in nz:
            if k in coords:
                g.add_edge(("o", i), ("c", k), val=v)
                sig[k][(colour, v)] += 1
    for k in coords:
        g.nodes[("c", k)]["sig"] = sig[k]
    return g


def _node_match(nb: dict, na: dict) -> bool:
    if nb["kind"] != na["kind"]:
        return False
    if nb["kind"] == "o":
        return nb["colour"] == na["colour"]
    sb, sa = nb.get("sig"), na.get("sig")
    return sb is None or sa is None or all(sb[key] >= cnt for key, cnt in sa.items())


def _edge_match(eb: dict, ea: dict) -> bool:
    return eb["val"] == ea["val"]


def _most_constrained_first(ga: nx.Graph, gb: nx.Graph) -> nx.Graph:
    """A copy of ``ga`` whose nodes are inserted by increasing number of possible images in ``gb``.

    networkx VF2 picks the next node of the small graph in insertion order (among the frontier),
    so matching the rarest options and coordinates first exposes dead ends at once instead of after
    exponential backtracking (e.g. a gridworld RSD set: 99 interchangeable unit vectors and one
    2-cycle that pins two coordinates).
    """
    b_nodes = list(gb.nodes(data=True))

    def domain(item: tuple) -> int:
        _node, data = item
        return sum(1 for _, bd in b_nodes if _node_match(bd, data))

    order = sorted(ga.nodes(data=True), key=lambda item: (domain(item), str(item[0])))
    out = nx.Graph()
    out.add_nodes_from(order)
    out.add_edges_from(ga.edges(data=True))
    return out


def iter_coordinate_maps(A: Sequence[tuple], B: Sequence[tuple]) -> Iterator[dict[int, int]]:
    """Every injection ψ: supp(A) → coordinates with ψ·A ⊆ B (each once), via VF2."""
    if not A:
        return
    d = len(A[0][0])
    sa = support(A)
    ga = _most_constrained_first(option_graph(A, sa), option_graph(B, range(d)))
    gb = option_graph(B, range(d))
    matcher = nx.algorithms.isomorphism.GraphMatcher(gb, ga, node_match=_node_match, edge_match=_edge_match)
    seen: set[tuple] = set()
    for mapping in matcher.subgraph_isomorphisms_iter():
        psi = {na[1]: nb[1] for nb, na in mapping.items() if na[0] == "c"}
        key = tuple(sorted(psi.items()))
        if key in seen:
            continue
        seen.add(key)
        yield psi


def iter_candidates(A: Sequence[tuple], B: Sequence[tuple] | frozenset) -> Iterator[Involution]:
    """Distinct least-moving involutions φ with φ·A ⊆ B (verified exactly), lazily."""
    bset = frozenset(B)
    seen: set[Involution] = set()
    for psi in iter_coordinate_maps(list(A), list(bset)):
        phi = minimal_involution(psi)
        if phi is None or phi in seen:
            continue
        if phi.apply_set(A) <= bset:  # exact verification on the vectors
            seen.add(phi)
            yield phi


def iter_c_invariant_candidates(A: Iterable[tuple], B: Iterable[tuple], C: Iterable[tuple]) -> Iterator[Involution]:
    """Involutions φ with φ·C = C and φ·A ⊆ B, from VF2 automorphisms of graph(C) in which
    options of A may only go to options of B (needs A ∪ B ⊆ C).  These may move coordinates outside
    supp A ∪ supp(φ·A), which least-moving extensions never do.  Verified exactly."""
    a, b, c = frozenset(A), frozenset(B), frozenset(C)
    if not (a | b) <= c or not c:
        return
    opts = sorted(c)
    d = len(opts[0][0])
    sc = support(opts)
    g1 = option_graph(opts, sc)  # image side: mark options of B
    g2 = option_graph(opts, sc)  # source side: mark options of A
    for i, o in enumerate(opts):
        g1.nodes[("o", i)]["inB"] = o in b
        g2.nodes[("o", i)]["inA"] = o in a

    def node_match(n1: dict, n2: dict) -> bool:
        return _node_match(n1, n2) and (not n2.get("inA") or n1.get("inB", False))

    matcher = nx.algorithms.isomorphism.GraphMatcher(g1, g2, node_match=node_match, edge_match=_edge_match)
    seen: set[Involution] = set()
    for mapping in matcher.isomorphisms_iter():
        psi = {na[1]: nb[1] for nb, na in mapping.items() if na[0] == "c"}
        phi = minimal_involution(psi)
        if phi is None or phi in seen:
            continue
        seen.add(phi)
        if phi.apply_set(a) <= b and phi.apply_set(c) == c and max(phi.moved, default=0) < d:
            yield phi


def all_involutions(d: int) -> Iterator[Involution]:
    """Every involution of range(d) (the telephone number T(d) of them)."""
    def rec(free: tuple[int, ...]) -> Iterator[list[tuple[int, int]]]:
        if not free:
            yield []
            return
        first, rest = free[0], free[1:]
        for tail in rec(rest):
            yield tail
        for idx, partner in enumerate(rest):
            for tail in rec(rest[:idx] + rest[idx + 1:]):
                yield [(first, partner)] + tail
    for pairs in rec(tuple(range(d))):
        yield Involution(tuple(pairs))


def all_involution_copies_reference(A: Iterable[tuple], B: Iterable[tuple], d: int) -> list[Involution]:
    """Slow twin: every involution φ of the d coordinates with φ·A ⊆ B (definition level)."""
    a, b = frozenset(A), frozenset(B)
    return [phi for phi in all_involutions(d) if phi.apply_set(a) <= b]


