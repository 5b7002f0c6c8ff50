"""Visit distributions f^{π,s}(γ) as exact rational functions of γ (docs/math.md §1.2).

* Deterministic MDPs: a stationary policy from s walks a *lasso* — a simple prefix s_0..s_{k−1}
  then a simple cycle c_0..c_{L−1} repeated forever — and
  f(γ) = Σ_{t<k} γ^t e_{s_t} + γ^k/(1−γ^L) Σ_{j<L} γ^j e_{c_j}.  Every simple lasso from s is
  realised by some policy, and the function determines the walk (its γ^t coefficients say where
  the agent is at time t), so F(s) = {lassos from s} with no duplicates.
* Stochastic MDPs: policies are enumerated only on the states they reach (partial policies);
  f solves (I − γP_π)^T f = e_s.  With D(γ) = det(I − γP_π) (reversed characteristic polynomial
  of P_π on the reached states, degree m) the numerators N = D·f are polynomials of degree < m, so
  they are read off the first m terms of the power series f = Σ_t γ^t μ_t, μ_{t+1} = μ_t P_π.
  Entries are reduced to canonical form, so distinct *functions* are merged exactly (never by
  their values at one γ, which can coincide: docs/math.md §1.2 caveat).

F(s | π(s) = a) uses only policies with π(s) = a (if s is revisited, a again).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import flint

from ..core.errors import SemanticsError, TooLargeError
from ..core.exact import format_fraction, to_fraction
from .environment import Environment
from .ratfunc import ZERO, RatFunc, canonical, evaluate, taylor_at_one

__all__ = [
    "VisitFunction",
    "visit_functions",
    "estimate_policy_count",
    "iter_lassos",
    "iter_partial_policies",
    "function_of_policy",
    "check_gamma",
    "count_enumeration",
    "format_count",
]


@dataclass(frozen=True)
class VisitFunction:
    """One visit-distribution function f^{π,s}(γ) with exact rational-function entries.

    ``entries[i] = (num, den)`` (coefficients lowest degree first, canonical: lowest terms,
    den(0) = 1); equality and hashing compare the functions only.  For deterministic MDPs
    ``prefix``/``cycle`` give the lasso walked by the policy.
    """

    entries: tuple[RatFunc, ...]
    coordinates: tuple[str, ...] = field(compare=False, default=())
    prefix: tuple[str, ...] | None = field(compare=False, default=None)
    cycle: tuple[str, ...] | None = field(compare=False, default=None)

    def at(self, gamma: Any) -> tuple[Fraction, ...]:
        """f(γ) exactly, for rational γ in [0, 1)."""
        g = check_gamma(gamma)
        return tuple(evaluate(e, g) for e in self.entries)

    def layers(self, K: int | None = None) -> tuple[tuple[Fraction, ...], ...]:
        """Blackwell layers: c_0..c_{K−1} with (1−γ) f(γ) = Σ_j c_j (1−γ)^j; K defaults to 2|S|+1.
        c_0 is the recurrent state distribution lim_{γ→1}(1−γ) f(γ)."""
        K = 2 * len(self.entries) + 1 if K is None else K
        return tuple(zip(*(taylor_at_one(e, K) for e in self.entries)))

    def rsd(self) -> tuple[Fraction, ...]:
        """lim_{γ→1} (1−γ) f(γ) (docs/math.md §1.3)."""
        return self.layers(1)[0]

    def __repr__(self) -> str:
        if self.prefix is not None and self.cycle is not None:
            pre = " → ".join(self.prefix)
            return f"VisitFunction({pre + ' → ' if pre else ''}({' → '.join(self.cycle)})^∞)"
        names = self.coordinates or tuple(f"x{i}" for i in range(len(self.entries)))
        parts = [f"{n}: {_fmt_rat(e)}" for n, e in zip(names, self.entries) if e != ZERO]
        return "VisitFunction(" + ", ".join(parts) + ")"


def _fmt_poly(p: tuple[Fraction, ...]) -> str:
    terms = []
    for k, c in enumerate(p):
        if c == 0:
            continue
        mono = "" if k == 0 else ("γ" if k == 1 else f"γ^{k}")
        coef = format_fraction(c)
        if mono and c == 1:
            coef = ""
        elif mono and c == -1:
            coef = "-"
        terms.append(f"{coef}{'*' if coef not in ('', '-') and mono else ''}{mono}" or coef)
    return " + ".join(terms).replace("+ -", "- ") or "0"


def _fmt_rat(e: RatFunc) -> str:
    num, den = e
    if den == (Fraction(1),):
        return _fmt_poly(num)
    return f"({_fmt_poly(num)})/({_fmt_poly(den)})"


def check_gamma(gamma: Any) -> Fraction:
    g = to_fraction(gamma, "gamma")
    if not (0 <= g < 1):
        raise SemanticsError(f"gamma must satisfy 0 <= gamma < 1, got {format_fraction(g)}")
    return g


# ---------------------------------------------------------------------- enumeration
def _first_successors(env: Environment, s: int, action: str | None) -> tuple[int, ...]:
    if action is None:
        return env.successors[s]
    k = env.action_index(s, action)
    return tuple(sorted({j for j, _ in env.table[s][k][1]}))


def estimate_policy_count(env: Environment, s: int, action: str | None = None) -> int:
    """Upper bound on |F(s | a)|: the product over states reachable from s of the number of
    distinct transitions (1 at s when its action is fixed)."""
    total = 1
    for u in env.reachable(s):
        if u == s and action is not None:
            continue
        total *= len({tr for _, tr in env.table[u]})
    return total


def iter_lassos(env: Environment, s: int, action: str | None = None) -> Iterator[tuple[tuple[int, ...], tuple[int, ...]]]:
    """All simple lassos (prefix, cycle) from s in a deterministic MDP, first step by ``action``
    (iterative depth-first search: no recursion limit)."""
    path = [s]
    pos = {s: 0}
    stack = [iter(_first_successors(env, s, action))]
    while stack:
        v = next(stack[-1], None)
        if v is None:
            stack.pop()
            u = path.pop()
            del pos[u]
            continue
        if v in pos:
            p = pos[v]
            yield tuple(path[:p]), tuple(path[p:])
        else:
            pos[v] = len(path)
            path.append(v)
            stack.append(iter(env.successors[v]))


def iter_partial_policies(env: Environment, s: int, action: str | None = None) -> Iterator[dict[int, int]]:
    """Policies restricted to the states they reach from s (one representative per distinct
    transition), as ``{state: action index}``; π(s) = action if given (iterative search)."""
    fixed = None if action is None else env.action_index(s, action)

    def choices(u: int) -> list[int]:
        if u == s and fixed is not None:
            return [fixed]
        seen: dict[Any, int] = {}
        for k, (_, tr) in enumerate(env.table[u]):
            seen.setdefault(tr, k)
        return list(seen.values())

    assigned: dict[int, int] = {}
    reached: set[int] = {s}
    # stack frames: (state being assigned, remaining choices, states added by the current choice)
    frames: list[tuple[int, Iterator[int], list[set[int]]]] = []

    def open_frame() -> bool:
        pending = [u for u in reached if u not in assigned]
        if not pending:
            return False
        u = min(pending)
        frames.append((u, iter(choices(u)), [set()]))
        return True

    if not open_frame():  # pragma: no cover - s itself is always pending
        return
    while frames:
        u, it, added = frames[-1]
        if u in assigned:  # undo the previous choice
            del assigned[u]
            reached.difference_update(added[0])
        k = next(it, None)
        if k is None:
            frames.pop()
            continue
        assigned[u] = k
        new = {j for j, _ in env.table[u][k][1]} - reached
        reached.update(new)
        added[0] = new
        if not open_frame():
            yield dict(assigned)


def count_enumeration(env: Environment, s: int, action: str | None, limit: int) -> int:
    """How many lassos (deterministic) or partial policies (stochastic) the enumeration of
    F(s | a) visits, counted cheaply and capped at ``limit + 1``."""
    count = 0
    it = iter_lassos(env, s, action) if env.is_deterministic else iter_partial_policies(env, s, action)
    for _ in it:
        count += 1
        if count > limit:
            break
    return count


def lasso_function(env: Environment, prefix: tuple[int, ...], cycle: tuple[int, ...]) -> VisitFunction:
    """The closed form f(γ) = Σ_{t<k} γ^t e_{s_t} + γ^k/(1−γ^L) Σ_j γ^j e_{c_j} (canonical form)."""
    n = len(env.states)
    entries: list[RatFunc] = [ZERO] * n
    one = Fraction(1)
    for t, u in enumerate(prefix):
        entries[u] = ((Fraction(0),) * t + (one,), (one,))
    k, L = len(prefix), len(cycle)
    den = (one,) + (Fraction(0),) * (L - 1) + (-one,)
    for j, u in enumerate(cycle):
        entries[u] = ((Fraction(0),) * (k + j) + (one,), den)
    return VisitFunction(
        tuple(entries), env.states, tuple(env.states[u] for u in prefix), tuple(env.states[u] for u in cycle)
    )


def function_of_policy(env: Environment, s: int, policy: dict[int, int]) -> VisitFunction:
    """f^{π,s} for a (partial) policy covering every state it reaches from s (see module doc)."""
    reach = sorted(policy)
    m = len(reach)
    loc = {u: i for i, u in enumerate(reach)}
    rows = []
    for u in reach:
        row = [flint.fmpq(0)] * m
        for j, p in env.table[u][policy[u]][1]:
            row[loc[j]] = flint.fmpq(p.numerator, p.denominator)
        rows.append(row)
    P = flint.fmpq_mat(m, m, [x for r in rows for x in r])
    cp = P.charpoly().coeffs()  # c_0..c_m, c_m = 1
    D = flint.fmpq_poly(list(reversed(cp)))  # det(I − γP) = Σ_k c_k γ^{m−k}
    mu = [flint.fmpq(0)] * m
    mu[loc[s]] = flint.fmpq(1)
    series = [[] for _ in range(m)]
    for _t in range(m):
        for i in range(m):
            series[i].append(mu[i])
        nxt = [flint.fmpq(0)] * m
        for i in range(m):
            if mu[i] != 0:
                for j in range(m):
                    if rows[i][j] != 0:
                        nxt[j] += mu[i] * rows[i][j]
        mu = nxt
    entries: list[RatFunc] = [ZERO] * len(env.states)
    for i, u in enumerate(reach):
        N = (flint.fmpq_poly(series[i]) * D)
        N = flint.fmpq_poly(N.coeffs()[:m]) if N.degree() >= m else N
        entries[u] = canonical(N, D)
    return VisitFunction(tuple(entries), env.states)


def visit_functions(env: Environment, state: str, action: str | None = None, *, max_size: int = 100_000) -> tuple[VisitFunction, ...]:
    """F(state) or F(state | π(state) = action): the distinct visit-distribution functions.

    Raises :class:`TooLargeError` when more than ``max_size`` lassos/policies would be enumerated."""
    s = env.index(state)
    if action is not None:
        env.action_index(s, action)
    estimate = estimate_policy_count(env, s, action)
    if estimate > max_size and count_enumeration(env, s, action, max_size) > max_size:
        _too_large(env, state, action, estimate, max_size)
    out: dict[VisitFunction, None] = {}
    count = 0
    it: Iterator[Any]
    if env.is_deterministic:
        it = (lasso_function(env, p, c) for p, c in iter_lassos(env, s, action))
    else:
        it = (function_of_policy(env, s, pol) for pol in iter_partial_policies(env, s, action))
    for f in it:
        count += 1
        if count > max_size:
            _too_large(env, state, action, estimate, max_size)
        out.setdefault(f, None)
    return tuple(out)


def format_count(n: int) -> str:
    """``n`` with thousands separators, or ``≥ 10^k`` when it is huge (a 10,000-state gridworld's
    estimate has thousands of digits, beyond Python's int-to-str limit)."""
    if n < 10**15:
        return f"{n:,}"
    k = ((n.bit_length() - 1) * 30102) // 100000  # 10^k ≤ 2^(bits−1) ≤ n  (log10 2 > 0.30102)
    return f"≥ 10^{k}"


def _too_large(env: Environment, state: str, action: str | None, estimate: int, max_size: int) -> None:
    what = f"F({state}{' | ' + action if action else ''})"
    raise TooLargeError(
        f"{what} in {env.name!r} has more than {max_size:,} visit distributions "
        f"(upper estimate {format_count(estimate)}); raise the limit with max_size= (CLI: --max-options N) "
        "or use --gain --nd"
    )
