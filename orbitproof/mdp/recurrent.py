"""Recurrent state distributions RSD(s), RSD(s | a) and the structural RSD_nd (docs/math.md §1.3).

* Row s of the Cesàro limit P*_π = lim_N (1/N) Σ_{t<N} P_π^t: the recurrent classes of P_π on the
  states reached from s (bottom strongly connected components), the stationary distribution of
  each class (exact linear solve) and the absorption probabilities from s into each class (exact
  linear solve):  P*_π[s] = Σ_C h_C(s) μ_C.
* Deterministic MDPs: RSD(s) = { uniform distribution on C : C a simple cycle reachable from s };
  for RSD(s | a) with t = T(s, a): the cycles reachable from t avoiding s, plus the cycles through s
  that leave s towards t (t = s: only e_s).
* Structural RSD_nd (deterministic): every reachable 1-cycle's unit vector is non-dominated (P21
  Lemma E.51); a longer cycle whose states all have unit vectors in the set is their average, hence
  dominated — so only cycles through a state without a unit vector need the exact LP.  In the
  conditioned case, a cycle through s via t is the convex combination (2/L)·½(e_s+e_t) + units when
  the 2-cycle s ⇄ t exists and the other states are units, so only that 2-cycle is kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import flint
import networkx as nx

from ..core.errors import TooLargeError
from .environment import Environment
from .nd import nd_verdict
from .visits import estimate_policy_count, format_count, iter_partial_policies

__all__ = ["cesaro_row", "rsd_vectors", "rsd_nd_vectors", "stationary_distribution", "det_cycles"]

Vec = tuple[Fraction, ...]


def _solve(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction]:
    m = len(rows)
    A = flint.fmpq_mat(m, m, [flint.fmpq(x.numerator, x.denominator) for r in rows for x in r])
    b = flint.fmpq_mat(m, 1, [flint.fmpq(x.numerator, x.denominator) for x in rhs])
    x = A.solve(b)
    return [Fraction(int(x[i, 0].p), int(x[i, 0].q)) for i in range(m)]


def stationary_distribution(P: dict[int, dict[int, Fraction]], cls: list[int]) -> dict[int, Fraction]:
    """The unique μ on an irreducible class: μ P = μ, Σ μ = 1 (exact)."""
    k = len(cls)
    if k == 1:
        return {cls[0]: Fraction(1)}
    loc = {u: i for i, u in enumerate(cls)}
    # equations: for columns j = 1..k-1: Σ_i μ_i (P[i][j] − δ_ij) = 0 ; plus Σ μ = 1
    rows = []
    for j in cls[1:]:
        rows.append([P[i].get(j, Fraction(0)) - (1 if i == j else 0) for i in cls])
    rows.append([Fraction(1)] * k)
    sol = _solve(rows, [Fraction(0)] * (k - 1) + [Fraction(1)])
    return {u: sol[loc[u]] for u in cls}


def cesaro_row(env: Environment, s: int, policy: dict[int, int]) -> Vec:
    """Row s of P*_π for a policy covering the states it reaches from s (module doc)."""
    P = {u: dict(env.table[u][policy[u]][1]) for u in policy}
    G = nx.DiGraph()
    G.add_nodes_from(P)
    G.add_edges_from((u, v) for u in P for v in P[u])
    C = nx.condensation(G)
    members = C.graph["mapping"]
    bottoms = [n for n in C.nodes if C.out_degree(n) == 0]
    classes = {b: sorted(C.nodes[b]["members"]) for b in bottoms}
    recurrent = {u for b in bottoms for u in classes[b]}
    out = [Fraction(0)] * len(env.states)
    transient = sorted(u for u in P if u not in recurrent)
    tloc = {u: i for i, u in enumerate(transient)}
    for b, cls in classes.items():
        if s in recurrent:
            if members[s] != b:
                continue
            h = Fraction(1)
        else:
            # absorption probabilities: h = P_TT h + P_TC 1
            rows = [[(1 if i == j else 0) - P[i].get(j, Fraction(0)) for j in transient] for i in transient]
            rhs = [sum((p for j, p in P[i].items() if j in cls), Fraction(0)) for i in transient]
            h = _solve(rows, rhs)[tloc[s]]
        if h:
            for u, w in stationary_distribution(P, cls).items():
                out[u] += h * w
    return tuple(out)


def _uniform(n: int, cycle: tuple[int, ...] | frozenset[int]) -> Vec:
    v = [Fraction(0)] * n
    w = Fraction(1, len(cycle))
    for u in cycle:
        v[u] = w
    return tuple(v)


def _graph(env: Environment, nodes: set[int] | None = None) -> nx.DiGraph:
    G = nx.DiGraph()
    for u, succ in enumerate(env.successors):
        if nodes is None or u in nodes:
            G.add_node(u)
            G.add_edges_from((u, v) for v in succ if nodes is None or v in nodes)
    return G


def _first(env: Environment, s: int, action: str) -> int:
    return env.table[s][env.action_index(s, action)][1][0][0]


def det_cycles(env: Environment, s: int, action: str | None) -> Iterator[tuple[int, ...]]:
    """Simple cycles whose uniform distributions form RSD(s) / RSD(s | a) (deterministic)."""
    if action is None:
        reach = set(env.reachable(s))
        yield from (tuple(c) for c in nx.simple_cycles(_graph(env, reach)))
        return
    t = _first(env, s, action)
    if t == s:
        yield (s,)
        return
    G = _graph(env)
    Gs = G.subgraph([u for u in G if u != s])
    reach = nx.descendants(Gs, t) | {t}
    yield from (tuple(c) for c in nx.simple_cycles(Gs.subgraph(reach)))
    for path in nx.all_simple_paths(G, t, s):
        yield (s, *path[:-1])


# Cycles of an induced subgraph are cycles of the graph: counting them in a small ball around the
# start gives a cheap lower bound that refuses huge instances (a 30×30 gridworld) in about a second,
# instead of enumerating max_size cycles of the whole graph first.
_BALL = 36


def _refuse_by_ball(env: Environment, s: int, state: str, action: str | None, max_size: int) -> None:
    G = _graph(env)
    if action is None:
        start, H = s, G
    else:
        start = _first(env, s, action)
        if start == s:
            return
        H = G.subgraph([u for u in G if u != s])
    reach = nx.descendants(H, start) | {start}
    if len(reach) <= _BALL:
        return  # the full enumeration is as cheap as the bound
    ball = [start]
    seen = {start}
    for u in ball:
        for v in sorted(H.successors(u)):
            if v not in seen and len(ball) < _BALL:
                seen.add(v)
                ball.append(v)
        if len(ball) >= _BALL:
            break
    count = 0
    for _ in nx.simple_cycles(H.subgraph(ball)):
        count += 1
        if count > max_size:
            label = f"RSD({state}{' | ' + action if action else ''})"
            raise TooLargeError(
                f"{label} in {env.name!r} has more than {max_size:,} cycles (already among {_BALL} states "
                f"near {env.states[start]!r}; upper estimate {format_count(estimate_policy_count(env, s, action))}); "
                "raise the limit with max_size= (CLI: --max-options N), or use --nd")


def rsd_vectors(env: Environment, state: str, action: str | None = None, *, max_size: int = 100_000) -> tuple[Vec, ...]:
    """RSD(s) or RSD(s | a) as distinct exact probability vectors (in first-found order)."""
    s = env.index(state)
    if action is not None:
        env.action_index(s, action)
    n = len(env.states)
    # deterministic: a cycle's distribution is fixed by its state set, so dense vectors are built only
    # after the count is known to be within the limit (each costs O(|S|))
    out: dict[Vec | frozenset[int], None] = {}
    count = 0
    if env.is_deterministic:
        _refuse_by_ball(env, s, state, action, max_size)
        it: Iterator[Vec | frozenset[int]] = (frozenset(c) for c in det_cycles(env, s, action))
        what = "cycles"
    else:
        it = (cesaro_row(env, s, pol) for pol in iter_partial_policies(env, s, action))
        what = "policies"
    for v in it:
        count += 1
        if count > max_size:
            label = f"RSD({state}{' | ' + action if action else ''})"
            raise TooLargeError(
                f"{label} in {env.name!r} needs more than {max_size:,} {what} "
                f"(upper estimate {format_count(estimate_policy_count(env, s, action))}); raise the "
                "limit with max_size= (CLI: --max-options N), or use --nd"
            )
        out.setdefault(v, None)
    if env.is_deterministic:
        return tuple(_uniform(n, c) for c in out)  # type: ignore[arg-type]
    return tuple(out)  # type: ignore[arg-type]


def rsd_nd_vectors(env: Environment, state: str, action: str | None = None, *, max_size: int = 100_000) -> tuple[Vec, ...]:
    """RSD_nd(s | a) = ND(RSD(s | a)); structural for deterministic MDPs (module doc)."""
    s = env.index(state)
    if action is not None:
        env.action_index(s, action)
    n = len(env.states)
    if not env.is_deterministic:
        from .nd import nondominated

        vecs = rsd_vectors(env, state, action, max_size=max_size)
        return nondominated(vecs).nd_vectors
    selfloop = {u for u, succ in enumerate(env.successors) if u in succ}
    G = _graph(env)
    if action is None:
        allowed = set(env.reachable(s))
        units = allowed & selfloop
        families = [(G.subgraph(allowed), None)]
        through_s: list[tuple[int, ...]] = []
    else:
        t = _first(env, s, action)
        if t == s:
            return (_uniform(n, (s,)),)
        Gs = G.subgraph([u for u in G if u != s])
        allowed = nx.descendants(Gs, t) | {t}
        units = allowed & selfloop
        families = [(Gs.subgraph(allowed), None)]
        through_s = []
        if not (allowed - units) and s in env.successors[t]:
            through_s = [(s, t)]  # every other cycle via t is dominated (module doc)
        else:
            through_s = [(s, *p[:-1]) for p in _limited(nx.all_simple_paths(G, t, s), max_size, env, state, action)]
    if len(units) * n > 100 * max_size:  # every unit option is a dense vector of n entries
        label = f"RSD_nd({state}{' | ' + action if action else ''})"
        raise TooLargeError(
            f"{label} in {env.name!r} has at least {len(units):,} options of {n:,} coordinates "
            f"({len(units) * n:,} entries, above {100 * max_size:,}); raise the limit with max_size= "
            "(CLI: --max-options N)")
    candidates: list[tuple[int, ...]] = list(through_s)
    for H, _ in families:
        nonunits = sorted(set(H.nodes) - units)
        removed: set[int] = set()
        for w in nonunits:
            Hw = H.subgraph([u for u in H if u not in removed])
            for succ in list(Hw.successors(w)):
                if succ == w:
                    continue
                for p in nx.all_simple_paths(Hw, succ, w):
                    candidates.append((w, *p[:-1]))
                    if len(candidates) > max_size:
                        _limit(max_size, env, state, action)
            removed.add(w)
    unit_vecs = [_uniform(n, (u,)) for u in sorted(units)]
    cand_vecs = list(dict.fromkeys(_uniform(n, c) for c in candidates))
    unit_set = set(unit_vecs)
    cand_vecs = [v for v in cand_vecs if v not in unit_set]
    lp_entries = len(cand_vecs) * (len(unit_vecs) + len(cand_vecs)) * n  # exact LPs, estimated first
    if lp_entries > 2 * max_size:
        label = f"RSD_nd({state}{' | ' + action if action else ''})"
        raise TooLargeError(
            f"{label} in {env.name!r} needs {len(cand_vecs):,} exact non-domination LP(s) over "
            f"{len(unit_vecs) + len(cand_vecs):,} options of {n:,} coordinates ({lp_entries:,} entries, above "
            f"{2 * max_size:,}); raise the limit with max_size= (CLI: --max-options N)")
    nd = list(unit_vecs)
    for k, x in enumerate(cand_vecs):
        others = unit_vecs + cand_vecs[:k] + cand_vecs[k + 1:]
        if nd_verdict(x, others)[0]:
            nd.append(x)
    return tuple(nd)


def _limited(it, max_size, env, state, action):
    out = []
    for x in it:
        out.append(x)
        if len(out) > max_size:
            _limit(max_size, env, state, action)
    return out


def _limit(max_size: int, env: Environment, state: str, action: str | None) -> None:
    label = f"RSD_nd({state}{' | ' + action if action else ''})"
    raise TooLargeError(
        f"{label} in {env.name!r}: more than {max_size:,} candidate cycles through states without "
        "a self-loop; raise the limit with max_size= (CLI: --max-options N)"
    )
