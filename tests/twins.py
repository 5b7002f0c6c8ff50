"""Independent definition-level twins for the tests (in the spirit of sympy's combinatorics/testutil.py).

Every function here is written from the definition in docs/math.md and imports **nothing** from
orbitproof: only the standard library.  The one shared primitive is :func:`distinct_orbit` (the
orbit S_d·r as the sorted set of ``itertools.permutations``), cross-checked against
``math.factorial`` multinomials in tests/test_twins.py.  Slow on purpose; tiny inputs only.

* :func:`in_hull` / :func:`nd` -- x ∈ conv(P) by Carathéodory (exact linear solves over all
  subsets), ND(X) = {x : x ∉ conv(X ∖ {x})} (docs/math.md §1.4);
* :func:`orbit_counts` -- (#g(B)>g(A), #g(B)<g(A), #ties, |orbit|) over S_d·r for the rules max,
  is-optimal, frac-optimal (docs/math.md §2.1, §4.1, §7.5), on plain or layered options;
* :func:`copies_conditions` -- each condition of "B contains n copies of A" (P22 Def A.7) and of the
  extra hypotheses of docs/math.md §3.2, each decided separately and literally (every Z tried);
* :func:`rsd_set` -- the recurrent state distributions lim_{γ→1}(1−γ)f^{π,s}(γ) of every stationary
  deterministic policy, via recurrent classes, stationary distributions and absorption
  probabilities (a different route from the package's characteristic-polynomial expansion).
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, permutations, product

__all__ = ["distinct_orbit", "in_hull", "nd", "value", "rule_value", "orbit_counts",
           "perm_of_pairs", "act", "act_set", "copies_conditions", "rsd_set"]


# --------------------------------------------------------------------------- primitive
def distinct_orbit(r) -> list[tuple]:
    """S_d·r: the distinct rearrangements of r, sorted (the one primitive shared by the twins)."""
    return sorted(set(permutations(tuple(Fraction(x) for x in r))))


# --------------------------------------------------------------------------- linear algebra
def _solve_all(mat: list[list[Fraction]], rhs: list[Fraction]):
    """('unique', y) | ('none', None) | ('many', None) for mat·y = rhs (Gauss–Jordan)."""
    rows = len(mat)
    cols = len(mat[0]) if mat else 0
    aug = [[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(mat, rhs)]
    r = 0
    pivots = []
    for c in range(cols):
        p = next((i for i in range(r, rows) if aug[i][c] != 0), None)
        if p is None:
            continue
        aug[r], aug[p] = aug[p], aug[r]
        piv = aug[r][c]
        aug[r] = [v / piv for v in aug[r]]
        for i in range(rows):
            if i != r and aug[i][c] != 0:
                f = aug[i][c]
                aug[i] = [a - f * b for a, b in zip(aug[i], aug[r])]
        pivots.append(c)
        r += 1
    if any(all(v == 0 for v in aug[i][:-1]) and aug[i][-1] != 0 for i in range(rows)):
        return "none", None
    if len(pivots) < cols:
        return "many", None
    return "unique", [aug[i][-1] for i in range(cols)]


def in_hull(x, points) -> bool:
    """x ∈ conv(points)?  Carathéodory: then x is a convex combination of an affinely independent
    subset, whose barycentric coordinates are unique -- so try every subset."""
    x = tuple(Fraction(v) for v in x)
    pts = [tuple(Fraction(v) for v in p) for p in points]
    for size in range(1, len(pts) + 1):
        for sub in combinations(pts, size):
            mat = [[p[k] for p in sub] for k in range(len(x))] + [[Fraction(1)] * size]
            kind, lam = _solve_all(mat, list(x) + [Fraction(1)])
            if kind == "unique" and all(v >= 0 for v in lam):
                return True
    return False


def nd(X) -> frozenset:
    """ND(X) for a set of plain vectors: the x with x ∉ conv(X ∖ {x})."""
    S = {tuple(Fraction(v) for v in x) for x in X}

    def strict_extreme(x, others) -> bool:  # the reward ±e_k makes x the unique best option
        return any(all(x[k] > y[k] for y in others) or all(x[k] < y[k] for y in others) for k in range(len(x)))

    out = set()
    for x in S:
        others = [y for y in S if y != x]
        if not others or strict_extreme(x, others) or not in_hull(x, others):
            out.add(x)
    return frozenset(out)


# --------------------------------------------------------------------------- comparison rules
def _layers(option) -> tuple:
    """An option as a tuple of layers (a plain vector is one layer)."""
    if option and isinstance(option[0], (tuple, list)):
        return tuple(tuple(Fraction(v) for v in layer) for layer in option)
    return (tuple(Fraction(v) for v in option),)


def value(option, r) -> tuple:
    """The option's value under r: the tuple of its layers' dot products (compared lexicographically)."""
    return tuple(sum((a * b for a, b in zip(layer, r)), Fraction(0)) for layer in _layers(option))


def rule_value(rule: str, X, C, r):
    """g(X | C, r): ``max`` = max_X x·r; ``is-optimal`` = [max_X ≥ max_C]; ``frac-optimal`` =
    |argmax_C ∩ X| / |argmax_C| (X and C as sets of distinct options); P22's other rules
    (docs/math.md §7.5, docs/rules.md), each computed here by a route of its own:

    * ``anti-optimal`` = [min_X ≤ min_C];
    * ``satisfice:t=..`` = |X ∩ C_{≥t}| / |C_{≥t}| (0 when no option of C reaches t);
    * ``quantilise:q=..``: the uniform law on C, its top q of probability mass poured level by level
      (from the best value down; a level that does not fit gets what is left, shared equally),
      renormalised by q; the value is the mass that lands on X;
    * ``best-of:k=..``: the mean over all m^k ordered draws (with replacement) of
      |X ∩ argmax_S| / |argmax_S|, S the set drawn;
    * ``boltzmann:T=..``: Σ_X e^{x·r/T} / Σ_C e^{c·r/T}, returned as an :class:`ExpSum` that
      compares exactly with another value over the same C.
    """
    Xs = {_layers(x) for x in X}
    Cs = {_layers(c) for c in C}
    if rule == "max":
        return max(value(x, r) for x in Xs)
    best_c = max(value(c, r) for c in Cs)
    if rule == "is-optimal":
        return 1 if max(value(x, r) for x in Xs) >= best_c else 0
    if rule == "frac-optimal":
        argmax = [c for c in Cs if value(c, r) == best_c]
        return Fraction(sum(1 for c in argmax if c in Xs), len(argmax))
    if rule == "anti-optimal":
        return 1 if min(value(x, r) for x in Xs) <= min(value(c, r) for c in Cs) else 0
    name, _, arg = rule.partition(":")
    arg = arg.partition("=")[2]
    if name == "satisfice":
        t = Fraction(arg)
        good = [c for c in Cs if value(c, r)[0] >= t]
        return Fraction(sum(1 for c in good if c in Xs), len(good)) if good else Fraction(0)
    if name == "quantilise":
        q = Fraction(arg)
        m = len(Cs)
        left, got = q, Fraction(0)
        for level in sorted({value(c, r) for c in Cs}, reverse=True):
            members = [c for c in Cs if value(c, r) == level]
            poured = min(Fraction(len(members), m), left)
            left -= poured
            got += poured * Fraction(sum(1 for c in members if c in Xs), len(members))
        return got / q
    if name == "best-of":
        k = int(arg)
        Cl = sorted(Cs)
        total = Fraction(0)
        for draw in product(range(len(Cl)), repeat=k):
            drawn = {Cl[i] for i in draw}
            top = max(value(c, r) for c in drawn)
            arg_s = [c for c in drawn if value(c, r) == top]
            total += Fraction(sum(1 for c in arg_s if c in Xs), len(arg_s))
        return total / len(Cl) ** k
    if name == "boltzmann":
        T = Fraction(arg)
        return ExpSum(tuple(sorted(value(x, r)[0] / T for x in Xs)))
    raise ValueError(rule)


class ExpSum:
    """Σ_k e^{q_k} for rational q_k, compared exactly: equal exponents cancel, and what is left is
    non-zero (Lindemann–Weierstrass: e^{q} for distinct rational q are linearly independent over
    the rationals), so ``decimal`` at rising precision decides its sign."""

    def __init__(self, exps: tuple) -> None:
        self.exps = exps

    def _sign_minus(self, other: "ExpSum") -> int:
        from collections import Counter
        from decimal import Decimal, localcontext

        net = Counter(self.exps)
        net.subtract(Counter(other.exps))
        terms = [(c, q) for q, c in net.items() if c]
        if not terms:
            return 0
        if all(c > 0 for c, _ in terms) or all(c < 0 for c, _ in terms):
            return 1 if terms[0][0] > 0 else -1
        top = max(q for _, q in terms)
        digits = 40
        while True:
            with localcontext() as ctx:
                ctx.prec = digits
                vals = [(c, (Decimal((q - top).numerator) / Decimal((q - top).denominator)).exp()) for c, q in terms]
                diff = sum((c * v for c, v in vals), Decimal(0))
                size = sum((abs(c) * v for c, v in vals), Decimal(0))
                if abs(diff) > size * Decimal(10) ** (8 - digits) * (2 + int(max(abs(q - top) for _, q in terms))):
                    return 1 if diff > 0 else -1
            digits *= 2

    def __eq__(self, other):
        return self._sign_minus(other) == 0

    def __gt__(self, other):
        return self._sign_minus(other) > 0

    def __lt__(self, other):
        return self._sign_minus(other) < 0

    __hash__ = None


def orbit_counts(A, B, r, C=None, rule: str = "max") -> tuple[int, int, int, int]:
    """(#{r' ∈ S_d·r : g(B)>g(A)}, #{g(B)<g(A)}, #{ties}, |S_d·r|); C defaults to A ∪ B."""
    if C is None:
        C = list(A) + list(B)
    gt = lt = eq = 0
    orbit = distinct_orbit(r)
    for rp in orbit:
        gb, ga = rule_value(rule, B, C, rp), rule_value(rule, A, C, rp)
        if gb > ga:
            gt += 1
        elif gb < ga:
            lt += 1
        else:
            eq += 1
    return gt, lt, eq, len(orbit)


# --------------------------------------------------------------------------- copies
def perm_of_pairs(pairs, d: int):
    """The permutation (as a tuple p with p[k] = φ(k)) of a list of swapped index pairs, or None
    when the pairs do not describe an involution (overlapping pairs, a self-swap, out of range)."""
    p = list(range(d))
    seen = []
    for pair in pairs:
        if len(pair) != 2:
            return None
        i, j = pair
        if not (0 <= i < d and 0 <= j < d) or i == j or i in seen or j in seen:
            return None
        seen += [i, j]
        p[i], p[j] = j, i
    return tuple(p)


def act(p, x) -> tuple:
    """(φ·x)_k = x_{φ^{-1}(k)}, computed with an explicit inverse (no involution shortcut)."""
    inv = [0] * len(p)
    for k, pk in enumerate(p):
        inv[pk] = k
    return tuple(x[inv[k]] for k in range(len(x)))


def act_set(p, X) -> frozenset:
    return frozenset(act(p, x) for x in X)


def _vecs(X) -> frozenset:
    return frozenset(tuple(Fraction(v) for v in x) for x in X)


def copies_conditions(A, B, involutions, C=None, supersets=None, nd_of_a: bool = False) -> dict:
    """Every condition of the copies claim, decided separately from its definition.

    Keys: ``involution`` (every φ_i is a product of disjoint transpositions), ``into`` (φ_i·X ⊆ B,
    X = A or ND(A)), ``distinct`` (the copies φ_i·X are pairwise different), ``fixes``
    (φ_i·(φ_j·X) = φ_j·X for i ≠ j), ``nd_copies`` (into/fixes for ND(A): Def A.7, the copies may coincide),
    ``disjoint_images``, ``c_invariant`` (φ_i·C = C), ``z_condition`` (some Z with ND(C) ⊆ Z ⊆ C
    has φ_i·(Z ∖ B_extra) = Z ∖ B_extra, B_extra = B ∖ ∪ φ_i·ND(A), every Z tried), ``orthogonal``
    (supports of A ∪ B and of ND(C) ∖ (A ∪ B) disjoint), and with ``supersets`` the three parts of
    P22 Def B.8: ``star_contains`` (φ_i·X ⊆ B_i*), ``star_inside`` (B_i* ⊆ B), ``star_fixed``
    (φ_i·B_j* = B_j*).  When ``involution`` is False the other keys are absent.
    """
    A, B = _vecs(A), _vecs(B)
    d = len(next(iter(A)))
    perms = [perm_of_pairs(inv, d) for inv in involutions]
    out = {"involution": bool(perms) and all(p is not None for p in perms)}
    if not out["involution"]:
        return out
    ndA = nd(A)
    X = ndA if nd_of_a else A

    def copies(Y):
        imgs = [act_set(p, Y) for p in perms]
        into = all(img <= B for img in imgs)
        distinct = all(imgs[i] != imgs[j] for i, j in combinations(range(len(imgs)), 2))
        fixes = all(act_set(p, imgs[j]) == imgs[j] for i, p in enumerate(perms)
                    for j in range(len(imgs)) if i != j)
        return imgs, into, distinct, fixes

    imgs, out["into"], out["distinct"], out["fixes"] = copies(X)
    _, a, _distinct, c = copies(ndA)
    out["nd_copies"] = a and c  # Def A.7 for ND(A): the ND copies may coincide (docs/symmetries.md)
    out["disjoint_images"] = all(not (imgs[i] & imgs[j]) for i, j in combinations(range(len(imgs)), 2))
    if supersets is not None:
        stars = [_vecs(s) for s in supersets]
        out["star_count"] = len(stars) == len(perms)
        out["star_contains"] = all(act_set(p, X) <= s for p, s in zip(perms, stars))
        out["star_inside"] = all(s <= B for s in stars)
        out["star_fixed"] = all(act_set(p, s) == s for i, p in enumerate(perms)
                                for j, s in enumerate(stars) if i != j)
    if C is not None:
        C = _vecs(C)
        out["c_invariant"] = all(act_set(p, C) == C for p in perms)
        ndC = nd(C)
        extra = B - frozenset().union(*(act_set(p, ndA) for p in perms))
        rest = sorted(C - ndC)
        out["z_condition"] = any(
            all(act_set(p, (ndC | frozenset(more)) - extra) == (ndC | frozenset(more)) - extra for p in perms)
            for size in range(len(rest) + 1) for more in combinations(rest, size))
        supp_ab = {k for x in A | B for k, v in enumerate(x) if v}
        out["orthogonal"] = all(not any(x[k] for k in supp_ab) for x in ndC - (A | B))
    return out


# --------------------------------------------------------------------------- recurrent state distributions
def _reach(P: list[list[Fraction]]) -> list[set[int]]:
    n = len(P)
    out = []
    for u in range(n):
        seen, todo = {u}, [u]
        while todo:
            v = todo.pop()
            for w in range(n):
                if P[v][w] and w not in seen:
                    seen.add(w)
                    todo.append(w)
        out.append(seen)
    return out


def cesaro_row(P: list[list[Fraction]], s: int) -> tuple[Fraction, ...]:
    """Row s of lim_T (1/T) Σ_{t<T} P^t (= the Abel limit lim_{γ→1}(1−γ)Σγ^t P^t) for a stochastic
    matrix P: Σ over the recurrent classes K of P(absorbed in K from s) · (stationary law of K)."""
    n = len(P)
    reach = _reach(P)
    recurrent = [u for u in range(n) if all(u in reach[v] for v in reach[u])]
    classes = []
    for u in recurrent:
        if not any(u in K for K in classes):
            classes.append(sorted(reach[u]))
    transient = [u for u in range(n) if u not in recurrent]
    row = [Fraction(0)] * n
    for K in classes:
        # stationary law π on K: π = πP_K, Σπ = 1 (unique: K is closed and irreducible)
        m = len(K)
        mat = [[(1 if a == b else 0) - P[K[a]][K[b]] for a in range(m)] for b in range(m)] + [[Fraction(1)] * m]
        kind, pi = _solve_all(mat, [Fraction(0)] * m + [Fraction(1)])
        assert kind == "unique", "a closed irreducible class has one stationary law"
        if s in K:
            h = Fraction(1)
        elif s in recurrent:
            h = Fraction(0)
        else:
            # absorption probabilities h(u) = Σ_w P[u][w] h(w) on transient u, h = 1 on K, 0 elsewhere
            t = len(transient)
            mat = [[(1 if a == b else 0) - P[transient[a]][transient[b]] for b in range(t)] for a in range(t)]
            rhs = [sum((P[u][w] for w in K), Fraction(0)) for u in transient]
            kind, hs = _solve_all(mat, rhs)
            assert kind == "unique"
            h = hs[transient.index(s)]
        for a, u in enumerate(K):
            row[u] += h * pi[a]
    return tuple(row)


def rsd_set(table, s: int, action_index: int | None = None) -> set[tuple[Fraction, ...]]:
    """{RSD of π from s : π stationary deterministic (with π(s) = the given action)}.

    ``table[u]`` lists state u's actions as ``(name, ((next, probability), ...))``.
    """
    n = len(table)
    ranges = [range(len(acts)) for acts in table]
    if action_index is not None:
        ranges[s] = [action_index]
    out = set()
    seen: dict = {}
    for pol in product(*ranges):
        # only the states reachable from s matter (a closed set): restrict the chain to them
        reach, todo = {s}, [s]
        while todo:
            u = todo.pop()
            for j, _ in table[u][pol[u]][1]:
                if j not in reach:
                    reach.add(j)
                    todo.append(j)
        states = sorted(reach)
        key = tuple((u, pol[u]) for u in states)
        if key not in seen:
            loc = {u: i for i, u in enumerate(states)}
            P = [[Fraction(0)] * len(states) for _ in states]
            for u in states:
                for j, p in table[u][pol[u]][1]:
                    P[loc[u]][loc[j]] += Fraction(p)
            row = cesaro_row(P, loc[s])
            full = [Fraction(0)] * n
            for u in states:
                full[u] = row[loc[u]]
            seen[key] = tuple(full)
        out.add(seen[key])
    return out
