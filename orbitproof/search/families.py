"""Instance families for ``orbitproof search``: deterministic, indexed enumerations of instances.

A family is parsed from ``NAME[:key=value,...]`` and yields JSON *specs* (see
:func:`orbitproof.claims.instance_from_spec`); the i-th spec is the same on every run, so a search
can be sharded, checkpointed and resumed by index.

* ``units:max_d=6`` — A = m unit vectors, B = n unit vectors, E = e further unit vectors in C
  (m, n ≥ 1, m+n+e ≤ max_d): the unit case of docs/math.md §9.3 (F1, F9, S1, S3);
* ``units-shared:max_d=6`` — the same plus s ≥ 1 unit vectors shared by A and B (S2);
* ``units-extra:max_d=6`` — the unit case plus extra vectors in B (½(e_b + e_x), e_b + e_x, …) (F3);
* ``blocks:max_d=8`` — disjoint-support copies of a 2-coordinate gadget U (F4);
* ``vectors:d=3,values=1,max_a=2,max_b=3[,c=1][,simplex=1]`` — *every* pair of sets (A, B) of
  non-zero vectors with entries in {0..values} (``simplex=1``: probability vectors with entries in
  {0, 1/values, …, 1}), up to coordinate permutation; ``c=1`` adds every choice of one extra
  vector to C = A ∪ B ∪ {e} (F5–F8, S1–S3, scaling);
* ``vectors-random:d=5,values=2,max_a=3,max_b=4,count=500,seed=0`` — seeded random pairs (and a
  random extra C vector with probability ½);
* ``d13:d=5,values=1,count=2000,seed=0`` — seeded instances shaped like P22 Conjecture D.13:
  A = {a_1, …, a_m} (m = 2 or 3), for each j random involutions φ_ji fixing the other a_j' with
  B ⊇ {φ_ji·a_j}, sometimes an extra vector in B, and C = A ∪ B ∪ {a random vector} (or none);
  the claims' analysis decides whether the structure (and C-invariance) really holds (F5, F6);
  ``closed=1`` closes C under the involutions carrying A into A ∪ B (more C-invariant cases);
* ``d13-all:d=4,max_m=3,closed=0|1[,nmax=K]`` — *every* D.13 instance with 0/1 vectors up to S_d
  (singleton parts, per-part copies, B = the union of the copies, C = A ∪ B or its closure under
  the involutions), see :mod:`.d13`;
* ``mdp:states=4`` — every deterministic MDP with ``states`` states, ≤ 2 actions per state (distinct
  successors), state s0 with exactly two actions, all states reachable from s0, up to isomorphism
  fixing s0; both orientations of the fork at s0; semantics from ``semantics=gain;1/2;blackwell``;
* ``mdp-random:states=5,count=300,seed=0`` — seeded random such MDPs (not deduplicated);
* ``catalog:semantics=gain;blackwell;1/2;9/10[,name=candy;fig1]`` — the catalog forks (candy, fig1, ye-olde,
  invariance, invariance-cycle, terminal:m=2,n=3 / m=2,n=5 / m=1,n=3) under each semantics.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations, permutations, product
from typing import Any

from ..core.errors import FormatError, OrbitproofError, TooLargeError
from ..core.exact import parse_int
from ..core.limits import DEFAULT_MAX_FAMILY
from ..core.names import did_you_mean

__all__ = ["InstanceFamily", "parse_instance_family", "FAMILY_NAMES", "FAMILY_OPTIONS", "CATALOG_FORKS"]

FAMILY_NAMES = ("units", "units-shared", "units-extra", "blocks", "vectors", "vectors-random", "d13", "mdp",
                "mdp-random", "catalog", "d13-all")

#: Every family's options and their defaults (an unknown key is an error naming these).
FAMILY_OPTIONS: dict[str, dict[str, Any]] = {
    "units": {"max_d": 6},
    "units-shared": {"max_d": 6},
    "units-extra": {"max_d": 6},
    "blocks": {"max_d": 8},
    "vectors": {"d": 3, "values": 1, "max_a": 2, "max_b": 3, "c": 0, "simplex": 0},
    "vectors-random": {"d": 5, "values": 2, "max_a": 3, "max_b": 4, "count": 500, "seed": 0, "simplex": 0},
    "d13": {"d": 5, "values": 1, "count": 2000, "seed": 0, "closed": 0, "simplex": 0},
    "mdp": {"states": 4, "semantics": "gain"},
    "mdp-random": {"states": 5, "count": 300, "seed": 0, "semantics": "gain"},
    "catalog": {"semantics": "gain", "name": ""},
}

#: The forks of the ``catalog`` family: (environment, state, a, b).
CATALOG_FORKS = (("candy", "start", "candy", "wait"), ("fig1", "star", "up", "right"),
                 ("fig1", "star", "up", "left"), ("fig1", "star", "up", "left,right"),
                 ("fig1", "star", "left", "right"), ("ye-olde", "start", "left", "right"),
                 ("invariance", "start", "x", "wait"), ("invariance-cycle", "start", "x", "wait"),
                 ("terminal:m=2,n=3", "start", "die", "live"), ("terminal:m=2,n=5", "start", "die", "live"),
                 ("terminal:m=1,n=3", "start", "die", "live"))

# Saturating arithmetic for estimates: sizes like (N + C(N,2))^(N-1) are never computed in full.
_CAP = 10**30


def _cmul(*xs: int) -> int:
    out = 1
    for x in xs:
        out = min(_CAP, out * min(_CAP, x))
    return out


def _cpow(a: int, e: int) -> int:
    out = 1
    for _ in range(e):
        out = _cmul(out, a)
        if out >= _CAP or a <= 1:
            return out if a > 1 else 1
    return out


def _cfact(n: int) -> int:
    out = 1
    for k in range(2, n + 1):
        out = _cmul(out, k)
        if out >= _CAP:
            break
    return out


def _ccomb(n: int, k: int) -> int:
    if k < 0 or k > n:
        return 0
    out = 1
    for j in range(k):
        out = out * (n - j) // (j + 1)
        if out >= _CAP:
            return _CAP
    return out


def _involution_count(d: int) -> int:
    a, b = 1, 1  # I(0), I(1)
    for n in range(2, d + 1):
        a, b = b, min(_CAP, b + (n - 1) * a)
    return b if d >= 1 else 1


def _shown_estimate(n: int) -> str:
    return "more than 10^30" if n >= _CAP else (f"{n:,}" if n < 10**15 else f"about 10^{len(str(n)) - 1}")


def _fs(x: Any) -> str:
    f = Fraction(x)
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def _e(d: int, i: int, c: Any = 1) -> list[str]:
    v = ["0"] * d
    v[i] = _fs(c)
    return v


def _sets_spec(label: str, A: list, B: list, C: list | None, params: dict | None = None) -> dict:
    d = len(A[0])
    sets = {"coordinates": [f"x{i + 1}" for i in range(d)], "A": A, "B": B}
    if C is not None:
        allv = {tuple(v) for v in A + B + C}
        sets["C"] = [list(v) for v in sorted(allv)]
    return {"label": label, "source": {"sets": sets}, "params": params or {}}


@dataclass(frozen=True)
class InstanceFamily:
    kind: str
    opts: tuple[tuple[str, str], ...]

    @property
    def name(self) -> str:
        return self.kind + (":" + ",".join(f"{k}={v}" for k, v in self.opts) if self.opts else "")

    def opt(self, key: str, default: Any = None) -> Any:
        if default is None:
            default = FAMILY_OPTIONS[self.kind][key]
        for k, v in self.opts:
            if k == key:
                return int(v) if not isinstance(default, str) else v
        return default

    def iter_specs(self) -> Iterator[dict]:
        """The specs in order, generated lazily (``islice`` them: the rest is never built)."""
        return getattr(self, "_gen_" + self.kind.replace("-", "_"))()

    def specs(self) -> list[dict]:
        return list(self.iter_specs())

    # ------------------------------------------------------------------ estimates
    def _pool_size(self, d: int, V: int) -> int:
        if self.opt("simplex", 0):
            return _ccomb(V + d - 1, d - 1)
        return _cpow(V + 1, d) - 1

    def estimate(self, limit: int | None = None) -> int:
        """Upper estimate of the generator's work: candidates examined × the symmetries each is
        canonicalised under, plus set-up (vector pools, permutation lists).  With ``limit`` only the
        first ``limit`` instances are counted (the generator is lazy)."""
        k = self.kind
        if k in ("units", "units-shared", "units-extra", "blocks"):
            D = self.opt("max_d")
            n = {"units": _cmul(D, D, D) // 6, "units-shared": _cmul(D, D, D, D) // 24,
                 "units-extra": _cmul(5, D, D, D) // 6, "blocks": _cmul(3, D, D) // 8}[k] + 1
            return _cmul(min(n, limit) if limit is not None else n, D)  # each spec holds O(D²) entries
        if k in ("mdp", "mdp-random"):
            N = self.opt("states")
            choices = N + _ccomb(N, 2)
            sem = max(1, len(self._semantics()))
            if k == "mdp-random":
                return choices + _cmul(min(self.opt("count"), limit or _CAP), N, sem)
            perms = _cfact(max(N - 1, 0))
            setup = _cmul(perms, N)
            if limit is not None:
                return setup + _cmul(limit, perms, N)
            return setup + _cmul(_ccomb(N, 2), _cpow(choices, N - 1), perms, 2 * sem)  # 2 orientations
        if k == "catalog":
            return len(CATALOG_FORKS) * max(1, len(self._semantics()))
        d, V = self.opt("d"), self.opt("values")
        P = self._pool_size(d, V)
        setup = _cmul(P, d)
        if k == "vectors-random":
            return setup + _cmul(min(self.opt("count"), limit or _CAP), d)
        if k == "d13":
            return setup + _cmul(min(self.opt("count"), limit or _CAP), _involution_count(d), d)
        perms = _cfact(d)
        setup = setup + _cmul(perms, d)
        if limit is not None:
            return setup + _cmul(limit, perms, d)

        def upto(m: int) -> int:
            return min(_CAP, sum(_ccomb(P, j) for j in range(1, min(m, P) + 1)))

        pairs = _cmul(upto(self.opt("max_a")), upto(self.opt("max_b")), 1 + (P if self.opt("c") else 0))
        return setup + _cmul(pairs, perms)

    def check_size(self, limit: int | None = None, max_family: int = DEFAULT_MAX_FAMILY) -> int:
        """:meth:`estimate`, refused past ``max_family`` with the estimate and the flag that raises it."""
        est = self.estimate(limit)
        if est > max_family:
            scope = f"the first {limit:,} instances of " if limit is not None else ""
            raise TooLargeError(
                f"generating {scope}the family {self.name} would examine {_shown_estimate(est)} candidates, "
                f"above the limit {max_family:,}; raise it with --max-family N"
                + ("" if limit is not None else ", or take the first K instances with --limit K"))
        return est

    # ------------------------------------------------------------------ unit families
    def _gen_units(self) -> Iterator[dict]:
        D = self.opt("max_d", 6)
        for d in range(2, D + 1):
            for m in range(1, d):
                for n in range(1, d - m + 1):
                    e = d - m - n
                    A = [_e(d, i) for i in range(m)]
                    B = [_e(d, m + j) for j in range(n)]
                    E = [_e(d, m + n + k) for k in range(e)]
                    yield _sets_spec(f"units m={m} n={n} e={e}", A, B, A + B + E)

    def _gen_units_shared(self) -> Iterator[dict]:
        D = self.opt("max_d", 6)
        for d in range(3, D + 1):
            for s in range(1, d - 1):
                for m in range(1, d - s):
                    for n in range(1, d - s - m + 1):
                        e = d - s - m - n
                        S = [_e(d, m + n + k) for k in range(s)]
                        A = [_e(d, i) for i in range(m)] + S
                        B = [_e(d, m + j) for j in range(n)] + S
                        E = [_e(d, m + n + s + k) for k in range(e)]
                        yield _sets_spec(f"units-shared m={m} n={n} s={s} e={e}", A, B, A + B + E)

    def _gen_units_extra(self) -> Iterator[dict]:
        D = self.opt("max_d", 6)
        h = Fraction(1, 2)
        for d in range(3, D + 1):
            for m in range(1, d - 1):
                for n in range(1, d - m):
                    e = d - m - n
                    A = [_e(d, i) for i in range(m)]
                    Bu = [_e(d, m + j) for j in range(n)]
                    xb, xe, xa = m, m + n, 0
                    extras = {
                        "half(b1+x)": [_fs(h) if k in (xb, xe) else "0" for k in range(d)],
                        "b1+x": ["1" if k in (xb, xe) else "0" for k in range(d)],
                        "half(a1+b1)": [_fs(h) if k in (xa, xb) else "0" for k in range(d)],
                        "half(a1+x)": [_fs(h) if k in (xa, xe) else "0" for k in range(d)],
                        "x": _e(d, xe),
                    }
                    for name, v in extras.items():
                        yield _sets_spec(f"units-extra m={m} n={n} e={e} extra={name}", A, Bu + [v], A + Bu + [v])

    def _gen_blocks(self) -> Iterator[dict]:
        D = self.opt("max_d", 8)
        h = Fraction(1, 2)
        gadgets = {
            "units": lambda i: [_e(D, i), _e(D, i + 1)],
            "loop": lambda i: [_e(D, i), [_fs(h) if k in (i, i + 1) else "0" for k in range(D)]],
            "pair": lambda i: [[_fs(h) if k in (i, i + 1) else "0" for k in range(D)]],
        }
        for gname, g in gadgets.items():
            for m in range(1, D // 2):
                for n in range(1, D // 2 - m + 1):
                    used = 2 * (m + n)
                    A = [v for k in range(m) for v in g(2 * k)]
                    B = [v for k in range(n) for v in g(2 * (m + k))]
                    A = [v[:used] for v in A]
                    B = [v[:used] for v in B]
                    yield _sets_spec(f"blocks U={gname} m={m} n={n}", A, B, A + B)

    # ------------------------------------------------------------------ vector sets
    def _vector_pool(self, d: int, V: int) -> list[tuple]:
        """Non-zero vectors with entries in {0..V}; with ``simplex=1`` the probability vectors with
        entries in {0, 1/V, …, 1} (RSD-like options)."""
        if self.opt("simplex", 0):
            return [tuple(Fraction(x, V) for x in v) for v in product(range(V + 1), repeat=d) if sum(v) == V]
        return [v for v in product(range(V + 1), repeat=d) if any(v)]

    def _gen_vectors(self) -> Iterator[dict]:
        d, V = self.opt("d", 3), self.opt("values", 1)
        ma, mb = self.opt("max_a", 2), self.opt("max_b", 3)
        with_c = self.opt("c", 0)
        pool = self._vector_pool(d, V)
        perms = list(permutations(range(d)))
        seen: set = set()

        def act(p, S):
            return tuple(sorted(tuple(v[p[i]] for i in range(d)) for v in S))

        for ka in range(1, ma + 1):
            for A in combinations(pool, ka):
                for kb in range(1, mb + 1):
                    for B in combinations(pool, kb):
                        extras = [()] + ([(x,) for x in pool if x not in A and x not in B] if with_c else [])
                        for E in extras:
                            key = min((act(p, A), act(p, B), act(p, E)) for p in perms)
                            if key in seen:
                                continue
                            seen.add(key)
                            A2, B2, E2 = key
                            spec = _sets_spec(f"vectors A={list(A2)} B={list(B2)} E={list(E2)}",
                                              [list(map(_fs, v)) for v in A2], [list(map(_fs, v)) for v in B2],
                                              [list(map(_fs, v)) for v in A2 + B2 + E2] if E2 else None)
                            yield spec

    def _gen_vectors_random(self) -> Iterator[dict]:
        d, V = self.opt("d", 5), self.opt("values", 2)
        ma, mb = self.opt("max_a", 3), self.opt("max_b", 4)
        ma, mb = max(1, ma), max(1, mb)
        count, seed = self.opt("count", 500), self.opt("seed", 0)
        pool = self._vector_pool(d, V)
        for k in range(count):
            rng = random.Random(f"{seed}:{k}")
            A = rng.sample(pool, min(len(pool), rng.randint(1, ma)))
            B = rng.sample(pool, min(len(pool), rng.randint(1, mb)))
            E = [rng.choice(pool)] if rng.random() < 0.5 else []
            yield _sets_spec(f"vectors-random #{k}", [list(map(_fs, v)) for v in A],
                             [list(map(_fs, v)) for v in B],
                             [list(map(_fs, v)) for v in A + B + E] if E else None)

    def _gen_d13(self) -> Iterator[dict]:
        from ..claims.instance import apply_involution, involutions

        d, V = self.opt("d", 5), self.opt("values", 1)
        count, seed = self.opt("count", 2000), self.opt("seed", 0)
        pool = self._vector_pool(d, V)
        invs = involutions(d)[1:]
        for k in range(count):
            rng = random.Random(f"d13:{seed}:{k}")
            m = min(len(pool), rng.choice((2, 2, 3)))
            A = rng.sample(pool, m)
            n = rng.choice((2, 3, 4))
            B: set = set()
            for j, a in enumerate(A):
                others = frozenset(A[:j] + A[j + 1:])
                ok = [p for p in invs if apply_involution(p, others) == others and
                      apply_involution(p, [a]) != frozenset([a])]
                for p in rng.sample(ok, min(n, len(ok))):
                    B |= apply_involution(p, [a])
            B -= set(A)
            if not B:
                B = {rng.choice(pool)}
            if rng.random() < 0.3:
                B.add(rng.choice(pool))
            E = [rng.choice(pool)] if rng.random() < 0.75 else []
            if self.opt("closed", 0):  # close A ∪ B ∪ E under the φ's used: C-invariance by construction
                gens = [p for p in invs if apply_involution(p, A) <= set(A) | B]
                C = set(A) | B | set(E)
                grow = True
                while grow and len(C) < 40:
                    grow = False
                    for p in gens[:30]:
                        img = apply_involution(p, C)
                        if not img <= C:
                            C |= img
                            grow = True
                B = C - set(A) - set(E) or B
                E = sorted(C - set(A) - B)
            Bl = sorted(B)
            yield _sets_spec(f"d13 #{k}", [list(map(_fs, v)) for v in A], [list(map(_fs, v)) for v in Bl],
                             [list(map(_fs, v)) for v in list(A) + Bl + E] if E else None)

    def _gen_d13_all(self) -> Iterator[dict]:
        """Every D.13 instance with 0/1 vectors up to S_d (:mod:`.d13`): d, m = 1..max_m, closed, nmax."""
        from .d13 import d13_specs

        nmax = self.opt("nmax", 0) or None
        yield from d13_specs(self.opt("d", 4), tuple(range(1, self.opt("max_m", 3) + 1)), nmax,
                             bool(self.opt("closed", 0)))

    # ------------------------------------------------------------------ MDPs
    def _semantics(self) -> list[str]:
        return [s for s in self.opt("semantics", "gain").split(";") if s]

    @staticmethod
    def _env(succ: tuple[tuple[int, ...], ...]) -> dict:
        states = [f"s{i}" for i in range(len(succ))]
        return {"states": states,
                "actions": {states[i]: {f"to_s{j}": states[j] for j in ts} for i, ts in enumerate(succ)}}

    def _mdp_specs(self, succ: tuple[tuple[int, ...], ...], tag: str) -> Iterator[dict]:
        env = self._env(succ)
        t1, t2 = succ[0]
        for a, b in ((t1, t2), (t2, t1)):
            for sem in self._semantics():
                yield {"label": f"{tag} {succ} s0: to_s{a} < to_s{b} @{sem}",
                       "source": {"environment": env, "state": "s0", "a": [f"to_s{a}"], "b": [f"to_s{b}"],
                                  "semantics": _sem(sem)}, "params": {}}

    def _gen_mdp(self) -> Iterator[dict]:
        N = self.opt("states", 4)
        choices = [c for k in (1, 2) for c in combinations(range(N), k)]
        firsts = list(combinations(range(N), 2))
        perms = [(0,) + p for p in permutations(range(1, N))]
        seen: set = set()
        for f in firsts:
            for rest in product(choices, repeat=N - 1):
                succ = (f,) + rest
                if not _reachable_all(succ):
                    continue
                key = min(_relabel(succ, p) for p in perms)
                if key in seen:
                    continue
                seen.add(key)
                yield from self._mdp_specs(key, "mdp")

    def _gen_mdp_random(self) -> Iterator[dict]:
        N, count, seed = self.opt("states", 5), self.opt("count", 300), self.opt("seed", 0)
        choices = [c for k in (1, 2) for c in combinations(range(N), k)]
        firsts = list(combinations(range(N), 2))
        k = 0
        rng = random.Random(seed)
        while k < count:
            succ = (rng.choice(firsts),) + tuple(rng.choice(choices) for _ in range(N - 1))
            if not _reachable_all(succ):
                continue
            k += 1
            yield from self._mdp_specs(succ, f"mdp-random #{k - 1}")

    def _catalog_names(self) -> list[str]:
        return [n.strip() for n in self.opt("name").split(";") if n.strip()]

    def _gen_catalog(self) -> Iterator[dict]:
        from ..mdp import resolve_environment

        names = self._catalog_names()
        forks = [f for f in CATALOG_FORKS if not names or f[0].partition(":")[0] in names]
        for name, st, a, b in forks:
            env = resolve_environment(name).to_dict()
            env = {"states": list(env["states"]), "actions": env["actions"]}
            for sem in self._semantics():
                yield {"label": f"{name}:{st}:{a}<{b}@{sem}",
                       "source": {"environment": env, "state": st, "a": a.split(","), "b": b.split(","),
                                  "semantics": _sem(sem)}, "params": {}}


def _sem(text: str) -> dict:
    from ..core.semantics import parse_semantics

    return parse_semantics(text).to_dict()


def _reachable_all(succ) -> bool:
    seen, stack = {0}, [0]
    while stack:
        u = stack.pop()
        for v in succ[u]:
            if v not in seen:
                seen.add(v)
                stack.append(v)
    return len(seen) == len(succ)


def _relabel(succ, p) -> tuple:
    n = len(succ)
    out = [None] * n
    for i in range(n):
        out[p[i]] = tuple(sorted(p[j] for j in succ[i]))
    return tuple(out)


def parse_instance_family(text: str) -> InstanceFamily:
    """``NAME[:key=value,key=value]`` (keys per family, :data:`FAMILY_OPTIONS`; see the module
    docstring).  Unknown families and keys are errors naming the valid ones."""
    head, _, rest = str(text).strip().partition(":")
    if head not in FAMILY_NAMES:
        shown = head if len(head) <= 40 else head[:40] + "…"
        raise FormatError(f"unknown instance family {shown!r}{did_you_mean(head, FAMILY_NAMES)} "
                          f"(known: {', '.join(FAMILY_NAMES)})")
    valid = FAMILY_OPTIONS[head]
    opts = []
    seen: set[str] = set()
    for item in [p for p in rest.split(",") if p.strip()] if rest else []:
        k, eq, v = item.partition("=")
        k, v = k.strip(), v.strip()
        if not eq:
            raise FormatError(f"family option {item.strip()[:40]!r} is not key=value")
        if k not in valid:
            raise FormatError(f"family {head}: unknown option {k[:40]!r}{did_you_mean(k, valid)} "
                              f"(valid: {', '.join(valid)})")
        if k in seen:
            raise FormatError(f"family {head}: option {k} given twice")
        seen.add(k)
        if isinstance(valid[k], int):
            v = str(parse_int(v, f"family {head} option {k}", minimum=0))
        opts.append((k, v))
    fam = InstanceFamily(head, tuple(opts))
    _check_values(fam)
    return fam


def _check_values(fam: InstanceFamily) -> None:
    k = fam.kind
    if "semantics" in FAMILY_OPTIONS[k]:
        for sem in fam._semantics():
            try:
                _sem(sem)
            except OrbitproofError as exc:
                raise FormatError(f"family {k}: semantics {sem[:40]!r}: {exc}") from None
        if not fam._semantics():
            raise FormatError(f"family {k}: semantics needs at least one entry (gain;blackwell;1/2)")
    if k == "catalog":
        known = sorted({f[0].partition(":")[0] for f in CATALOG_FORKS})
        for n in fam._catalog_names():
            if n not in known:
                raise FormatError(f"family catalog: unknown name {n!r}{did_you_mean(n, known)} "
                                  f"(known: {'; '.join(known)}; separate several with ';')")
    if k in ("units", "units-shared", "units-extra", "blocks") and fam.opt("max_d") < 2:
        raise FormatError(f"family {k}: max_d must be at least 2")
    if "d" in FAMILY_OPTIONS[k] and fam.opt("d") < 1:
        raise FormatError(f"family {k}: d must be at least 1")
    if "values" in FAMILY_OPTIONS[k] and fam.opt("values") < 1:
        raise FormatError(f"family {k}: values must be at least 1")
    if k == "d13" and fam._pool_size(fam.opt("d"), fam.opt("values")) < 2:
        raise FormatError("family d13: needs at least two vectors in its pool (d ≥ 2 or values ≥ 2)")
    if "states" in FAMILY_OPTIONS[k] and fam.opt("states") < 2:
        raise FormatError(f"family {k}: states must be at least 2 (s0 has two actions)")
