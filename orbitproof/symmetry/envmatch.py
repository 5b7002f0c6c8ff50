"""Candidate involutions from the environment graph (docs/math.md §2.2, §10.2).

An environmental symmetry embeds the sub-MDP reachable after action ``a`` into the one reachable
after ``b``.  Each sub-MDP is encoded as a directed graph with a root, one node per state and one
per (state, action) pair: ``state → (state, action) → next state`` with the exact probability on
the second arc, and ``root → entry states`` with T(s, a).  Self-loop actions become 2-cycles; state
nodes also carry their number of self-loop actions as a colour (a state may only map to a state
with at least as many).  Embeddings are VF2 ``DiGraphMatcher`` subgraph *monomorphisms* of the
a-graph into the b-graph (the b side may have extra actions) — never VF2++, which is wrong on
directed graphs with self-loops (docs/architecture.md pitfalls).  Each state map ψ is turned into its
least-moving involution; the caller verifies every candidate exactly on the option vectors.

Slow twin: :func:`env_embeddings_reference` enumerates all injective state maps and checks the
embedding condition by definition (tiny environments only).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import permutations
from typing import Any

import networkx as nx

from .involution import Involution, minimal_involution

__all__ = ["reachable", "sub_mdp_graph", "iter_env_embeddings", "env_candidate_involutions",
           "env_embeddings_reference"]


def reachable(env: Any, starts: Sequence[str]) -> list[str]:
    """States reachable (with positive probability, in ≥ 0 steps) from ``starts``, in env order."""
    seen = set(starts)
    todo = list(starts)
    while todo:
        x = todo.pop()
        for act in env.actions(x):
            for y, _p in env.transition(x, act):
                if y not in seen:
                    seen.add(y)
                    todo.append(y)
    return [s for s in env.states if s in seen]


def _entries(env: Any, state: str, actions: Sequence[str]) -> list[str]:
    return sorted({y for act in actions for y, _ in env.transition(state, act)})


def sub_mdp_graph(env: Any, state: str, actions: Sequence[str]) -> nx.DiGraph:
    """Root + the sub-MDP reachable after taking one of ``actions`` at ``state``."""
    g = nx.DiGraph()
    g.add_node(("root",), kind="root", loops=0)
    for k, act in enumerate(actions):
        g.add_node(("first", k), kind="first", loops=0)
        g.add_edge(("root",), ("first", k), p=1)
        for y, p in env.transition(state, act):
            g.add_edge(("first", k), ("s", y), p=p)
    for x in reachable(env, _entries(env, state, actions)):
        acts = env.actions(x)
        loops = sum(1 for act in acts if tuple(env.transition(x, act)) == ((x, 1),))
        g.add_node(("s", x), kind="s", loops=loops)
        for act in acts:
            node = ("a", x, act)
            g.add_node(node, kind="a", loops=0)
            g.add_edge(("s", x), node, p=1)
            for y, p in env.transition(x, act):
                g.add_edge(node, ("s", y), p=p)
    return g


def _node_match(nb: dict, na: dict) -> bool:
    return nb["kind"] == na["kind"] and nb["loops"] >= na["loops"]


def _edge_match(eb: dict, ea: dict) -> bool:
    return eb["p"] == ea["p"]


class _OutOfBudget(Exception):
    pass


class _BudgetMatcher(nx.algorithms.isomorphism.DiGraphMatcher):
    """VF2 DiGraphMatcher that gives up after ``budget`` feasibility tests (None: no limit)."""

    def __init__(self, g1, g2, budget: int | None, **kw):
        super().__init__(g1, g2, **kw)
        self.budget = budget
        self.tests = 0

    def semantic_feasibility(self, G1_node, G2_node):  # noqa: N803 - networkx's names
        self.tests += 1
        if self.budget is not None and self.tests > self.budget:
            raise _OutOfBudget
        return super().semantic_feasibility(G1_node, G2_node)


def iter_env_embeddings(env: Any, state: str, acts_a: Sequence[str], acts_b: Sequence[str],
                        budget: int | None = None) -> Iterator[dict[str, str]]:
    """Distinct state maps ψ embedding the sub-MDP after ``acts_a`` into the one after ``acts_b``.

    With ``budget``, stops silently after that many VF2 feasibility tests (the candidates are a
    supplement; completeness is never claimed from them)."""
    ga = sub_mdp_graph(env, state, acts_a)
    gb = sub_mdp_graph(env, state, acts_b)
    matcher = _BudgetMatcher(gb, ga, budget, node_match=_node_match, edge_match=_edge_match)
    seen: set[tuple] = set()
    try:
        for mapping in matcher.subgraph_monomorphisms_iter():
            psi = {na[1]: nb[1] for nb, na in mapping.items() if na[0] == "s"}
            key = tuple(sorted(psi.items()))
            if key not in seen:
                seen.add(key)
                yield psi
    except _OutOfBudget:
        return


def env_candidate_involutions(env: Any, state: str, acts_a: Sequence[str], acts_b: Sequence[str],
                              limit: int = 200, max_states: int = 64,
                              budget: int = 20_000) -> Iterator[Involution]:
    """Least-moving involutions of the state maps of :func:`iter_env_embeddings` (at most ``limit``).

    Skipped (yields nothing) when more than ``max_states`` states are reachable after ``acts_a``:
    VF2 on large, highly symmetric sub-MDPs can take exponential time, and the vector-structure
    candidates already cover every coordinate map of the options.
    """
    if len(reachable(env, _entries(env, state, acts_a))) > max_states:
        return
    for k, psi in enumerate(iter_env_embeddings(env, state, acts_a, acts_b, budget=budget)):
        if k >= limit:
            return
        phi = minimal_involution({env.index(x): env.index(y) for x, y in psi.items()})
        if phi is not None:
            yield phi


def env_embeddings_reference(env: Any, state: str, acts_a: Sequence[str], acts_b: Sequence[str]) -> set[tuple]:
    """Slow twin: all injective ψ: R_a → R_b with T(ψx, ·) ⊇ ψ·T(x, ·) action-wise, and the entry
    distribution of some action in ``acts_b`` matching each one of ``acts_a`` (injectively)."""
    ra = reachable(env, _entries(env, state, acts_a))
    rb = reachable(env, _entries(env, state, acts_b))

    def dist(x: str, act: str, psi: dict | None = None) -> frozenset:
        return frozenset(((psi[y] if psi else y), p) for y, p in env.transition(x, act))

    def loops(x: str) -> int:
        return sum(1 for act in env.actions(x) if tuple(env.transition(x, act)) == ((x, 1),))

    out = set()
    for image in permutations(rb, len(ra)):
        psi = dict(zip(ra, image))
        if any(loops(psi[x]) < loops(x) for x in ra):
            continue
        ok = True
        for x in ra:
            targets = [dist(psi[x], act) for act in env.actions(psi[x])]
            need = [dist(x, act, psi) for act in env.actions(x)]
            if not _injective_cover(need, targets):
                ok = False
                break
        if ok:
            firsts_b = [dist(state, act) for act in acts_b]
            firsts_a = [dist(state, act, psi) for act in acts_a]
            if _injective_cover(firsts_a, firsts_b):
                out.add(tuple(sorted(psi.items())))
    return out


def _injective_cover(need: list, have: list) -> bool:
    """Can each item of ``need`` be matched to a distinct equal item of ``have``?"""
    pool = list(have)
    for x in need:
        if x in pool:
            pool.remove(x)
        else:
            return False
    return True
