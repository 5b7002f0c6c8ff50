"""Independent verifier for orbitproof certificates (``orbitproof-certificate/1``).

Usage::

    python -m orbitproof.verify FILE...      # exit 0 valid, 1 invalid (first reason), 2 unreadable

This module is deliberately **small and separate** (docs/architecture.md): it uses the Python standard library
only and imports nothing from the rest of orbitproof, so a referee can read it in one sitting and
re-check a result without trusting the solver (certifying algorithms, McConnell, Mehlhorn, Näher &
Schweitzer 2011).  It re-derives everything it checks from the certificate's raw inputs:

* option sets from the embedded environment (visit distributions at a rational γ by Gaussian
  elimination over the policies reachable from the state; RSDs as rows of the Cesàro limit;
  Blackwell comparisons through the exact expansion of (1-γ)f(γ) in powers of (1-γ)), never from
  stored vectors;
* orbit counts by brute force over the distinct orbit elements, or -- above a size limit -- from class
  evidence (transpositions checked to fix the sets, canonical representatives, recomputed weights,
  completeness Σ weights = |orbit|);
* copies (involutions, both copy conditions, every claimed hypothesis, true *and* false claims);
* non-domination witnesses (a strictly maximising reward or exact convex weights);
* counterexamples (the claim's inequality fails on the recomputed counts; with ``claim.robust`` also
  that the outcome is locally constant at every orbit element) and exhaustive results (every
  instance of the family regenerated, the claim checked on each, the digest recomputed);
* finite mixtures of point masses in place of a reward (orbit of distinct distributions, all d!
  permutations applied, divided by the stabiliser) and the exhaustive family "mixtures";
* the claim's hypotheses when the certificate states them (``instance.hypotheses``: copies, the
  unit case, D.13 families, blocks, ND counts, images), each tied to the claim's threshold n.

The format is documented in docs/certificates.md; its JSON Schema ships as
``orbitproof/data/certificate.schema.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from bisect import bisect_left, bisect_right
from fractions import Fraction
from itertools import combinations, combinations_with_replacement, permutations, product
from math import comb, factorial, gcd
from operator import itemgetter

__all__ = [
    "FORMAT",
    "KINDS",
    "LIMITS",
    "Invalid",
    "Unreadable",
    "verify_certificate",
    "verify_file",
    "instance_digest",
    "results_digest",
    "canonical_dumps",
    "main",
]

FORMAT = "orbitproof-certificate/1"
KINDS = ("orbit-count", "copies", "nd", "counterexample", "exhaustive", "retargeting", "gamma-sweep", "power", "d13-family")
COMPARES = ("max", "is-optimal", "frac-optimal")
HYPOTHESES = ("c_invariant", "disjoint_images", "nd_copies", "orthogonal", "z_condition")
STATEMENTS = ("copies", "units", "images", "nd-count", "d13", "blocks")
CLAIMS = ("scaling", "weak-fraction", "strict-fraction")

#: Resource limits (a certificate beyond them is rejected with a message naming the limit).
LIMITS = {
    "file_bytes": 64 * 2**20,
    "number_chars": 400,
    "states": 2_000,
    "dimension": 5_000,
    "policies": 50_000,
    "policy_work": 20_000_000,
    "blackwell_states": 40,
    "brute_force_orbit": 5_000,
    "classes": 200_000,
    "set_size": 5_000,
    "instances": 20_000,
    "exhaustive_work": 2_000_000,
    "mixture_components": 16,
    "mixture_permutations": 40_320,
    "mixture_instances": 200_000,
    "mixture_vectors": 4_096,
    "mixture_work": 20_000_000,
    "mixture_value_work": 30_000_000,
    "statement_work": 20_000_000,
    "lp_size": 400,
    "sweep_polynomials": 2_000_000,
}


class Invalid(Exception):
    """The certificate is readable but wrong (exit code 1)."""


class Unreadable(Exception):
    """The file cannot be read or is not JSON (exit code 2)."""


# ============================================================================ canonical JSON
def canonical_dumps(obj) -> str:
    """The canonical serialisation: sorted keys, two-space indent, ASCII, trailing newline."""
    return json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=True) + "\n"


def _sha(obj) -> str:
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return "sha256:" + hashlib.sha256(text.encode("ascii")).hexdigest()


def instance_digest(instance) -> str:
    """``sha256:<hex>`` of the compact canonical JSON of the ``instance`` object."""
    return _sha(instance)


def results_digest(rows) -> str:
    """Digest of an exhaustive run's per-instance rows (same recipe)."""
    return _sha(rows)


# ============================================================================ strict readers
_RAT_RE = re.compile(r"^-?(0|[1-9][0-9]*)(/[1-9][0-9]*)?$")


def _fail(where: str, msg: str):
    raise Invalid(f"{where}: {msg}")


def _rat(x, where: str) -> Fraction:
    """A rational in canonical text form: "3", "-2", "3/4" (lowest terms, denominator > 1)."""
    if not isinstance(x, str):
        _fail(where, f"expected a rational as a string like \"3/4\", got {type(x).__name__}")
    if len(x) > LIMITS["number_chars"]:
        _fail(where, f"number longer than {LIMITS['number_chars']} characters (limit)")
    if not _RAT_RE.match(x):
        _fail(where, f"{x!r} is not a canonical rational (\"p\" or \"p/q\", no spaces or signs on q)")
    v = Fraction(x)
    if _fmt(v) != x:
        _fail(where, f"{x!r} is not in lowest terms / canonical form (expected {_fmt(v)!r})")
    return v


def _fmt(v: Fraction) -> str:
    return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def _int(x, where: str, lo: int = 0) -> int:
    if isinstance(x, bool) or not isinstance(x, int):
        _fail(where, f"expected an integer, got {type(x).__name__}")
    if x < lo:
        _fail(where, f"expected an integer >= {lo}, got {x}")
    return x


def _str(x, where: str) -> str:
    if not isinstance(x, str) or not x:
        _fail(where, f"expected a non-empty string, got {type(x).__name__}")
    return x


def _bool(x, where: str) -> bool:
    if not isinstance(x, bool):
        _fail(where, f"expected true or false, got {type(x).__name__}")
    return x


def _list(x, where: str, nonempty: bool = True, limit: int | None = None) -> list:
    if not isinstance(x, list):
        _fail(where, f"expected a list, got {type(x).__name__}")
    if nonempty and not x:
        _fail(where, "expected a non-empty list")
    if limit is not None and len(x) > limit:
        _fail(where, f"{len(x)} entries exceed the limit {limit}")
    return x


def _obj(x, where: str, required: tuple = (), optional: tuple = ()) -> dict:
    if not isinstance(x, dict):
        _fail(where, f"expected an object, got {type(x).__name__}")
    missing = [k for k in required if k not in x]
    if missing:
        _fail(where, f"missing key(s) {', '.join(missing)}")
    unknown = sorted(set(x) - set(required) - set(optional))
    if unknown:
        _fail(where, f"unknown key(s) {', '.join(unknown)}")
    return x


def _vector(x, d: int, where: str) -> tuple:
    _list(x, where)
    if len(x) != d:
        _fail(where, f"has {len(x)} entries, expected {d}")
    return tuple(_rat(v, f"{where}[{i}]") for i, v in enumerate(x))


# ============================================================================ graphs
def _closure(starts: list, successors) -> set:
    """Every node reachable from ``starts`` (included) along ``successors`` (depth-first)."""
    seen, todo = set(starts), list(starts)
    while todo:
        for v in successors(todo.pop()):
            if v not in seen:
                seen.add(v)
                todo.append(v)
    return seen


# ============================================================================ linear algebra
def _solve(M: list, rhs: list, where: str = "linear system"):
    """Solve M x = rhs exactly (Gauss-Jordan); returns (x, det(M)).  M must be non-singular."""
    n = len(M)
    A = [list(row) + [rhs[i]] for i, row in enumerate(M)]
    det = Fraction(1)
    for c in range(n):
        p = next((r for r in range(c, n) if A[r][c] != 0), None)
        if p is None:
            raise Invalid(f"{where}: singular matrix")
        if p != c:
            A[c], A[p] = A[p], A[c]
            det = -det
        piv = A[c][c]
        det *= piv
        inv = 1 / piv
        rowc = [v * inv for v in A[c]]
        A[c] = rowc
        for r in range(n):
            if r != c and A[r][c] != 0:
                f = A[r][c]
                A[r] = [a - f * b for a, b in zip(A[r], rowc)]
    return [A[r][n] for r in range(n)], det


def _feasible(M: list, b: list) -> bool:
    """Is {λ ≥ 0 : M λ = b} non-empty?  Exact phase-1 simplex with Bland's rule."""
    m = len(M)
    k = len(M[0]) if m else 0
    T = []
    for i in range(m):
        row, rhs = list(M[i]), b[i]
        if rhs < 0:
            row, rhs = [-v for v in row], -rhs
        T.append(row + [Fraction(int(i == j)) for j in range(m)] + [rhs])
    basis = [k + i for i in range(m)]
    ncol = k + m
    obj = [(-sum(T[i][j] for i in range(m)) if j < k else Fraction(0)) for j in range(ncol)]
    obj.append(-sum(T[i][-1] for i in range(m)))
    while True:
        e = next((j for j in range(ncol) if obj[j] < 0), None)
        if e is None:
            break
        best = None
        for i in range(m):
            if T[i][e] > 0:
                ratio = T[i][-1] / T[i][e]
                if best is None or ratio < best[0] or (ratio == best[0] and basis[i] < basis[best[1]]):
                    best = (ratio, i)
        if best is None:  # pragma: no cover - phase 1 is bounded
            break
        i = best[1]
        piv = T[i][e]
        T[i] = [v / piv for v in T[i]]
        for r in range(m):
            if r != i and T[r][e] != 0:
                f = T[r][e]
                T[r] = [a - f * c for a, c in zip(T[r], T[i])]
        f = obj[e]
        obj = [a - f * c for a, c in zip(obj, T[i])]
        basis[i] = e
    return obj[-1] == 0


def _in_hull(x: tuple, pts: list) -> bool:
    if not pts:
        return False
    d = len(x)
    M = [[p[i] for p in pts] for i in range(d)] + [[Fraction(1)] * len(pts)]
    return _feasible(M, list(x) + [Fraction(1)])


def _flat(o: tuple) -> tuple:
    return tuple(v for layer in o for v in layer)


def _nd(options) -> frozenset:
    """ND of a finite set of distinct options (layers flattened): the vertices of the hull."""
    opts = sorted(options)
    if len(opts) > LIMITS["lp_size"]:
        raise Invalid(f"non-domination of {len(opts)} options exceeds the limit {LIMITS['lp_size']}")
    flat = [_flat(o) for o in opts]

    def is_nd(k: int) -> bool:
        x, others = flat[k], flat[:k] + flat[k + 1:]
        if not others:
            return True
        # fast sufficient test: r = ±e_i makes x strictly best
        for i, v in enumerate(x):
            col = [y[i] for y in others]
            if v > max(col) or v < min(col):
                return True
        return not _in_hull(x, others)

    return frozenset(o for k, o in enumerate(opts) if is_nd(k))


# ============================================================================ polynomials
def _interpolate(xs: list, ys: list) -> list:
    """Coefficients (low → high) of the polynomial of degree < len(xs) through the points."""
    n = len(xs)
    coef = list(ys)
    for j in range(1, n):
        for i in range(n - 1, j - 1, -1):
            coef[i] = (coef[i] - coef[i - 1]) / (xs[i] - xs[i - j])
    poly = [Fraction(0)] * n
    for i in range(n - 1, -1, -1):  # Horner on Newton form
        new = [Fraction(0)] * n
        for k in range(n - 1):
            new[k + 1] += poly[k]
            new[k] -= poly[k] * xs[i]
        new[0] += coef[i]
        poly = new
    return poly


def _shift_to_eps(p: list) -> list:
    """Coefficients of p(1 - ε) in powers of ε."""
    out = [Fraction(0)] * len(p)
    for i, c in enumerate(p):
        if c:
            for j in range(i + 1):
                out[j] += c * comb(i, j) * (-1) ** j
    return out


def _series_div(num: list, den: list, K: int) -> list:
    """First K coefficients of the power series num/den (den[0] != 0)."""
    out = []
    num = list(num) + [Fraction(0)] * K
    for j in range(K):
        c = num[j] / den[0]
        out.append(c)
        if c:
            for i in range(1, len(den)):
                if j + i < len(num):
                    num[j + i] -= c * den[i]
    return out


# ============================================================================ environments
class Env:
    """A parsed environment: states, per state the (action, transition) list."""

    def __init__(self, raw, where: str = "environment"):
        _obj(raw, where, ("actions", "states"))
        states = _list(raw["states"], f"{where}.states", limit=LIMITS["states"])
        for i, s in enumerate(states):
            _str(s, f"{where}.states[{i}]")
        if len(set(states)) != len(states):
            _fail(f"{where}.states", "duplicate state names")
        self.states = tuple(states)
        self.index = {s: i for i, s in enumerate(states)}
        acts = _obj(raw["actions"], f"{where}.actions", tuple(states))
        self.actions: list[dict] = []
        for s in states:
            w = f"{where}.actions.{s}"
            table = _obj(acts[s], w, (), tuple(acts[s]) if isinstance(acts[s], dict) else ())
            if not table:
                _fail(w, "a state needs at least one action")
            row = {}
            for a, tgt in table.items():
                _str(a, w)
                row[a] = self._transition(tgt, f"{w}.{a}")
            self.actions.append(row)

    def _transition(self, tgt, where: str) -> tuple:
        if isinstance(tgt, str):
            if tgt not in self.index:
                _fail(where, f"unknown state {tgt!r}")
            return ((self.index[tgt], Fraction(1)),)
        _obj(tgt, where, (), tuple(tgt) if isinstance(tgt, dict) else ())
        if not tgt:
            _fail(where, "an empty distribution")
        out = []
        for t, p in tgt.items():
            if t not in self.index:
                _fail(where, f"unknown state {t!r}")
            q = _rat(p, f"{where}.{t}")
            if q <= 0:
                _fail(f"{where}.{t}", "probabilities must be positive")
            out.append((self.index[t], q))
        if sum(q for _, q in out) != 1:
            _fail(where, "probabilities do not sum to 1")
        return tuple(sorted(out))

    def successors(self, u: int) -> list:
        return [v for tr in self.actions[u].values() for v, _ in tr]

    def reachable(self, s: int) -> list:
        return sorted(_closure([s], self.successors))

    def policies(self, s: int, a: str, where: str):
        """All deterministic stationary policies on the states reachable from s after a, π(s) = a."""
        first = self.actions[s][a]
        R = sorted(_closure([s] + [v for v, _ in first], lambda u: [] if u == s else self.successors(u)))
        count = 1
        for u in R:
            if u != s:
                count *= len(self.actions[u])
                if count > LIMITS["policies"]:
                    raise Invalid(f"{where}: more than {LIMITS['policies']} policies to enumerate (limit)")
        if count * len(R) ** 3 > LIMITS["policy_work"]:
            raise Invalid(f"{where}: {count} policies on {len(R)} states exceed the work limit "
                          f"{LIMITS['policy_work']} (policies × states³)")
        choices = [[a] if u == s else sorted(self.actions[u]) for u in R]
        idx = [0] * len(R)
        while True:
            yield R, {u: self.actions[u][choices[k][idx[k]]] for k, u in enumerate(R)}
            k = len(R) - 1
            while k >= 0:
                idx[k] += 1
                if idx[k] < len(choices[k]):
                    break
                idx[k] = 0
                k -= 1
            if k < 0:
                return


def _visit(R: list, pol: dict, s: int, gamma: Fraction):
    """f = (I - γ P)^{-T} e_s on R; returns ({state: value}, det(I - γ P))."""
    pos = {u: k for k, u in enumerate(R)}
    n = len(R)
    # (I - γ P)^T f = e_s  ->  row i of the transpose: f_i - γ Σ_j P[j][i] f_j
    M = [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    for u in R:
        for v, p in pol[u]:
            M[pos[v]][pos[u]] -= gamma * p
    rhs = [Fraction(int(u == s)) for u in R]
    f, det = _solve(M, rhs, "visit distribution")
    return {u: f[pos[u]] for u in R}, det


def _cesaro_row(R: list, pol: dict, s: int) -> dict:
    """Row s of the Cesàro limit of P_π: recurrent classes, stationary laws, absorption."""
    succ = {u: [v for v, _ in pol[u]] for u in R}

    def reach(u):
        return _closure([u], succ.__getitem__)

    rs = {u: reach(u) for u in reach(s)}
    for v in set().union(*rs.values()):
        if v not in rs:
            rs[v] = reach(v)
    recurrent = {u for u in rs if all(u in rs[v] for v in rs[u])}
    classes = []
    done = set()
    for u in sorted(recurrent):
        if u not in done:
            cl = sorted(rs[u])
            done.update(cl)
            classes.append(cl)

    def stationary(cl):
        pos = {u: k for k, u in enumerate(cl)}
        n = len(cl)
        # π (P - I) = 0 -> (P - I)^T π = 0; replace last equation by Σ π = 1
        M = [[Fraction(0)] * n for _ in range(n)]
        for u in cl:
            M[pos[u]][pos[u]] -= 1
            for v, p in pol[u]:
                M[pos[v]][pos[u]] += p
        M[n - 1] = [Fraction(1)] * n
        rhs = [Fraction(0)] * (n - 1) + [Fraction(1)]
        pi, _ = _solve(M, rhs, "stationary distribution")
        return {u: pi[pos[u]] for u in cl}

    if s in recurrent:
        cl = next(c for c in classes if s in c)
        return stationary(cl)
    transient = sorted(u for u in rs if u not in recurrent)
    tpos = {u: k for k, u in enumerate(transient)}
    n = len(transient)
    out: dict = {}
    for cl in classes:
        members = set(cl)
        M = [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]
        rhs = [Fraction(0)] * n
        for u in transient:
            for v, p in pol[u]:
                if v in tpos:
                    M[tpos[u]][tpos[v]] -= p
                elif v in members:
                    rhs[tpos[u]] += p
        h, _ = _solve(M, rhs, "absorption probabilities")
        w = h[tpos[s]]
        if w:
            for u, x in stationary(cl).items():
                out[u] = out.get(u, Fraction(0)) + w * x
    return out


def _blackwell_layers(R: list, pol: dict, s: int, d: int, K: int) -> tuple:
    """Layers c_0..c_{K-1} of (1-γ) f(γ) = Σ_j c_j (1-γ)^j (exact, by interpolation in γ)."""
    n = len(R)
    xs = [Fraction(k, n + 1) for k in range(n + 1)]
    dets, vals = [], []
    for g in xs:
        f, det = _visit(R, pol, s, g)
        dets.append(det)
        vals.append({u: f[u] * det for u in R})
    Q = _shift_to_eps(_interpolate(xs, dets))
    k0 = next((i for i, c in enumerate(Q) if c), None)
    if k0 is None:  # pragma: no cover - det(I - γP) > 0 on [0, 1)
        raise Invalid("internal: vanishing determinant")
    den = Q[k0:]
    layers = [[Fraction(0)] * d for _ in range(K)]
    for u in R:
        P = _shift_to_eps(_interpolate(xs, [v[u] for v in vals]))
        num = [Fraction(0)] + P  # ε P(ε)
        if any(num[:k0]):  # pragma: no cover - (1-γ) f is bounded
            raise Invalid("internal: (1-γ) f has a pole at γ = 1")
        series = _series_div(num[k0:], den, K)
        for j in range(K):
            layers[j][u] = series[j]
    return tuple(tuple(layer) for layer in layers)


def _options(env: Env, s: int, actions: list, sem: dict, where: str) -> frozenset:
    """The distinct options at s over the given first actions under the semantics."""
    d = len(env.states)
    kind = sem["kind"]
    K = 2 * d + 2
    if kind == "blackwell" and d > LIMITS["blackwell_states"]:
        raise Invalid(f"{where}: Blackwell needs at most {LIMITS['blackwell_states']} states (limit)")
    out = set()
    for a in actions:
        for R, pol in env.policies(s, a, where):
            if kind == "discounted":
                f, _ = _visit(R, pol, s, sem["gamma"])
                out.add((tuple(f.get(u, Fraction(0)) for u in range(d)),))
            elif kind == "gain":
                row = _cesaro_row(R, pol, s)
                out.add((tuple(row.get(u, Fraction(0)) for u in range(d)),))
            else:
                out.add(_blackwell_layers(R, pol, s, d, K))
    return frozenset(out)


# ============================================================================ inputs
def _semantics(raw, where: str) -> dict:
    _obj(raw, where, ("kind",), ("gamma",))
    kind = raw["kind"]
    if kind == "discounted":
        _obj(raw, where, ("kind", "gamma"))
        g = _rat(raw["gamma"], f"{where}.gamma")
        if not 0 <= g < 1:
            _fail(f"{where}.gamma", "gamma must satisfy 0 <= gamma < 1")
        return {"kind": kind, "gamma": g}
    if kind in ("gain", "blackwell"):
        _obj(raw, where, ("kind",))
        return {"kind": kind}
    _fail(f"{where}.kind", f"unknown semantics {kind!r} (discounted, gain, blackwell)")


class Sets:
    """The option sets of an instance: coordinates, A, B, C (C may be None), layer depth."""

    def __init__(self, coordinates, A, B, C):
        self.coordinates = tuple(coordinates)
        self.A, self.B, self.C = A, B, C

    @property
    def d(self) -> int:
        return len(self.coordinates)


def _actions_list(raw, env: Env, s: int, where: str) -> list:
    _list(raw, where)
    out = []
    for i, a in enumerate(raw):
        _str(a, f"{where}[{i}]")
        if a not in env.actions[s]:
            _fail(f"{where}[{i}]", f"state {env.states[s]!r} has no action {a!r}")
        if a in out:
            _fail(f"{where}[{i}]", f"action {a!r} listed twice")
        out.append(a)
    return out


def _vector_set(raw, d: int, where: str) -> frozenset:
    _list(raw, where, limit=LIMITS["set_size"])
    vecs = [_vector(v, d, f"{where}[{i}]") for i, v in enumerate(raw)]
    if len(set(vecs)) != len(vecs):
        _fail(where, "a vector is listed twice")
    return frozenset((v,) for v in vecs)


def _read_input(raw, where: str, keys: tuple = ("A", "B")) -> Sets:
    """``{"sets": {...}}`` or ``{"environment", "state", "a", "b", "semantics"}``.

    With an environment, C is the set of options over all actions at the state.
    """
    if not isinstance(raw, dict):
        _fail(where, "expected an object")
    if "sets" in raw:
        _obj(raw, where, ("sets",))
        req = ("coordinates",) + keys
        sets = _obj(raw["sets"], f"{where}.sets", req, ("C",) if keys == ("A", "B") else ())
        coords = _list(sets["coordinates"], f"{where}.sets.coordinates", limit=LIMITS["dimension"])
        for i, c in enumerate(coords):
            _str(c, f"{where}.sets.coordinates[{i}]")
        if len(set(coords)) != len(coords):
            _fail(f"{where}.sets.coordinates", "duplicate coordinate names")
        d = len(coords)
        got = {k: _vector_set(sets[k], d, f"{where}.sets.{k}") for k in keys + ("C",) if k in sets}
        if keys == ("X",):
            return Sets(coords, got["X"], None, None)
        return Sets(coords, got["A"], got["B"], got.get("C"))
    if keys == ("X",):
        _obj(raw, where, ("actions", "environment", "semantics", "state"))
    else:
        _obj(raw, where, ("a", "b", "environment", "semantics", "state"))
    env = Env(raw["environment"], f"{where}.environment")
    state = _str(raw["state"], f"{where}.state")
    if state not in env.index:
        _fail(f"{where}.state", f"unknown state {state!r}")
    s = env.index[state]
    sem = _semantics(raw["semantics"], f"{where}.semantics")
    if keys == ("X",):
        if sem["kind"] == "blackwell":
            _fail(f"{where}.semantics", "nd certificates are for discounted or gain semantics")
        acts = _actions_list(raw["actions"], env, s, f"{where}.actions")
        return Sets(env.states, _options(env, s, acts, sem, where), None, None)
    a = _actions_list(raw["a"], env, s, f"{where}.a")
    b = _actions_list(raw["b"], env, s, f"{where}.b")
    if set(a) & set(b):
        _fail(f"{where}.b", "the actions of a and b must be different")
    A = _options(env, s, a, sem, f"{where}.a")
    B = _options(env, s, b, sem, f"{where}.b")
    rest = [x for x in sorted(env.actions[s]) if x not in a and x not in b]
    C = A | B | _options(env, s, rest, sem, where) if rest else A | B
    return Sets(env.states, A, B, C)


# ============================================================================ comparisons
def _sparse(o: tuple) -> tuple:
    return tuple(tuple((i, v) for i, v in enumerate(layer) if v) for layer in o)


class Comparator:
    """sign(g(B|r) - g(A|r)) for the comparison rules max / is-optimal / frac-optimal."""

    def __init__(self, sets: Sets, compare: str):
        self.compare = compare
        self.p22 = None  # P22 decision rules section (set by _p22_init)
        self.A = [_sparse(o) for o in sorted(sets.A)]
        self.B = [_sparse(o) for o in sorted(sets.B)]
        if compare == "max":
            self.C = None
        else:
            C = sets.C if sets.C is not None else sets.A | sets.B
            order = sorted(C)
            self.C = [_sparse(o) for o in order]
            self.inA = [o in sets.A for o in order]
            self.inB = [o in sets.B for o in order]
        _p22_init(self, sets, compare)  # P22 decision rules section

    @staticmethod
    def _val(o, r):
        return tuple(sum(v * r[i] for i, v in layer) for layer in o)

    def sign(self, r) -> int:
        if self.p22:  # P22 decision rules section
            return _p22_sign(self, r)
        if self.compare == "max":
            ga = max(self._val(o, r) for o in self.A)
            gb = max(self._val(o, r) for o in self.B)
            return (gb > ga) - (gb < ga)
        vals = [self._val(o, r) for o in self.C]
        mc = max(vals)
        if self.compare == "is-optimal":
            ga = int(max(self._val(o, r) for o in self.A) >= mc)
            gb = int(max(self._val(o, r) for o in self.B) >= mc)
            return gb - ga
        na = sum(1 for v, x in zip(vals, self.inA) if x and v == mc)
        nb = sum(1 for v, x in zip(vals, self.inB) if x and v == mc)
        return (nb > na) - (nb < na)

    def gap(self, r):
        """g(B|r) - g(A|r) for options without layers: max -> max_B - max_A (values);
        is-optimal -> [B optimal in C] - [A optimal in C]; frac-optimal -> (#B - #A maximisers)/#C
        maximisers.  Its sign is :meth:`sign`; mixtures weight it (f(X|D) = sum_k w_k g(X|r_k))."""
        if self.p22:  # P22 decision rules section
            return _p22_gap(self, r)
        if self.compare == "max":
            g = max(self._val(o, r)[0] for o in self.B) - max(self._val(o, r)[0] for o in self.A)
        else:
            vals = [self._val(o, r)[0] for o in self.C]
            mc = max(vals)
            if self.compare == "is-optimal":
                return (int(max(self._val(o, r)[0] for o in self.B) >= mc)
                        - int(max(self._val(o, r)[0] for o in self.A) >= mc))
            top = [k for k, v in enumerate(vals) if v == mc]
            g = Fraction(sum(1 for k in top if self.inB[k]) - sum(1 for k in top if self.inA[k]), len(top))
        return int(g) if g.denominator == 1 else g


def _multinomial(values) -> int:
    counts: dict = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    out = factorial(len(values))
    for c in counts.values():
        out //= factorial(c)
    return out


def _distinct_permutations(values):
    """Distinct permutations of a multiset in lexicographic order (next-permutation)."""
    a = sorted(values)
    n = len(a)
    while True:
        yield tuple(a)
        i = n - 2
        while i >= 0 and a[i] >= a[i + 1]:
            i -= 1
        if i < 0:
            return
        j = n - 1
        while a[j] <= a[i]:
            j -= 1
        a[i], a[j] = a[j], a[i]
        a[i + 1:] = reversed(a[i + 1:])


def _coord_pair(pair, coords: dict, where: str) -> tuple:
    """A pair [name, name] of known coordinates, as indices."""
    _list(pair, where)
    if len(pair) != 2:
        _fail(where, "a pair has exactly two coordinates")
    out = []
    for c in pair:
        _str(c, where)
        if c not in coords:
            _fail(where, f"unknown coordinate {c!r}")
        out.append(coords[c])
    return tuple(out)


def _swap_set(S: frozenset, i: int, j: int) -> frozenset:
    def sw(o):
        out = []
        for layer in o:
            lst = list(layer)
            lst[i], lst[j] = lst[j], lst[i]
            out.append(tuple(lst))
        return tuple(out)
    return frozenset(sw(o) for o in S)


def _count(sets: Sets, compare: str, r: tuple, evidence, where: str) -> tuple:
    """Recompute (b_gt_a, a_gt_b, tie, orbit_size); ``evidence`` None = brute force."""
    cmp = Comparator(sets, compare)
    size = _multinomial(r)
    totals = [0, 0, 0]
    if evidence is None:
        if size > LIMITS["brute_force_orbit"]:
            raise Invalid(f"{where}: the orbit has {size} elements, above the brute-force limit "
                          f"{LIMITS['brute_force_orbit']}; the certificate must carry class evidence")
        for rp in _distinct_permutations(r):
            sg = cmp.sign(rp)
            totals[0 if sg > 0 else 1 if sg < 0 else 2] += 1
        return (totals[0], totals[1], totals[2], size)
    w = f"{where}.evidence"
    if size <= LIMITS["brute_force_orbit"]:
        _fail(w, f"the orbit has only {size} elements (at most {LIMITS['brute_force_orbit']}): "
                 "canonical certificates carry no evidence, the verifier enumerates the orbit")
    _obj(evidence, w, ("classes", "generators"))
    d = sets.d
    coords = {c: k for k, c in enumerate(sets.coordinates)}
    # generators: transpositions of coordinate names; canonical = consecutive members of each block
    gens = _list(evidence["generators"], f"{w}.generators", nonempty=False, limit=d)
    parent = list(range(d))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs = []
    for g, pair in enumerate(gens):
        i, j = _coord_pair(pair, coords, f"{w}.generators[{g}]")
        if i == j:
            _fail(f"{w}.generators[{g}]", "a transposition swaps two different coordinates")
        pairs.append((i, j))
        used = (sets.A, sets.B) if compare == "max" else (sets.A, sets.B, cmp_c(sets))
        for name, S in zip("ABC", used):
            if _swap_set(S, i, j) != S:
                _fail(f"{w}.generators[{g}]", f"the transposition ({pair[0]} {pair[1]}) does not map {name} onto itself")
        parent[find(i)] = find(j)
    blocks: dict = {}
    for k in range(d):
        blocks.setdefault(find(k), []).append(k)
    block_list = sorted(blocks.values())
    canonical = [[sets.coordinates[b[t]], sets.coordinates[b[t + 1]]] for b in block_list for t in range(len(b) - 1)]
    if [list(p) for p in gens] != canonical:
        _fail(f"{w}.generators", "not in canonical form: for each block (sorted by coordinate order), the "
                                 "transpositions of consecutive members, blocks in order of their first coordinate")
    classes = _list(evidence["classes"], f"{w}.classes", limit=LIMITS["classes"])
    target = sorted(r)
    seen = set()
    total_w = 0
    for c, cl in enumerate(classes):
        wc = f"{w}.classes[{c}]"
        _obj(cl, wc, ("representative", "weight"))
        rep = _vector(cl["representative"], d, f"{wc}.representative")
        weight = _int(cl["weight"], f"{wc}.weight", 1)
        if sorted(rep) != target:
            _fail(f"{wc}.representative", "is not a permutation of the reward")
        for b in block_list:
            vals = [rep[k] for k in b]
            if any(vals[t] > vals[t + 1] for t in range(len(vals) - 1)):
                _fail(f"{wc}.representative", "is not canonical (values must ascend within each block)")
        if rep in seen:
            _fail(f"{wc}.representative", "repeats an earlier class")
        seen.add(rep)
        expect = 1
        for b in block_list:
            expect *= _multinomial([rep[k] for k in b])
        if weight != expect:
            _fail(f"{wc}.weight", f"claimed {weight}, the class has {expect} orbit elements")
        total_w += weight
        sg = cmp.sign(rep)
        totals[0 if sg > 0 else 1 if sg < 0 else 2] += weight
    if total_w != size:
        _fail(f"{w}.classes", f"weights sum to {total_w}, not the orbit size {size} (classes missing)")
    return (totals[0], totals[1], totals[2], size)


def cmp_c(sets: Sets) -> frozenset:
    return sets.C if sets.C is not None else sets.A | sets.B


# ---------------------------------------------------------------------------- mixtures
def _mixture(raw, d: int, where: str) -> list:
    """A finite mixture D = sum_k w_k delta_{r_k}: [{"weight": w, "reward": r}, ...] with rational
    weights w > 0 summing to 1 and pairwise different rewards r_k."""
    comps = _list(raw, where, limit=LIMITS["mixture_components"])
    out = []
    for k, c in enumerate(comps):
        wk = f"{where}[{k}]"
        _obj(c, wk, ("reward", "weight"))
        w = _rat(c["weight"], f"{wk}.weight")
        if w <= 0:
            _fail(f"{wk}.weight", "weights must be positive")
        out.append((w, _vector(c["reward"], d, f"{wk}.reward")))
    if sum(w for w, _ in out) != 1:
        _fail(where, f"weights sum to {_fmt(sum(w for w, _ in out))}, not 1")
    if len({r for _, r in out}) != len(out):
        _fail(where, "a reward is listed twice (merge its weights into one component)")
    return out


def _mixture_setup(sets: Sets, compare: str, where: str):
    """The comparator, S_d's permutations (identity first) and an empty cache for mixture counts
    (options without layers, d! bounded)."""
    if any(len(o) > 1 for S in (sets.A, sets.B, cmp_c(sets)) for o in S):
        _fail(where, "mixtures need options without Blackwell layers (gain or discounted semantics)")
    if factorial(sets.d) > LIMITS["mixture_permutations"]:
        raise Invalid(f"{where}: a mixture orbit is enumerated over all {factorial(sets.d)} permutations of "
                      f"{sets.d} coordinates, above the limit {LIMITS['mixture_permutations']}")
    cmp = Comparator(sets, compare)
    cost = sum(len(o[0]) for o in cmp.A + cmp.B + (cmp.C or [])) + 1
    cache = {"ids": {}, "gaps": [], "rows": {}, "cost": cost, "spent": 0}
    return cmp, list(permutations(range(sets.d))), cache


def _mixture_row(cmp: Comparator, r: tuple, perms: list, cache: dict, where: str) -> tuple:
    """For one reward r: the ids of its images under ``perms`` and their gaps g(B|.) - g(A|.)
    (each distinct image evaluated once; work bounded by LIMITS["mixture_value_work"])."""
    row = cache["rows"].get(r)
    if row is not None:
        return row
    ids, gaps = cache["ids"], cache["gaps"]
    img_ids, img_gaps = [], []
    for q in perms:
        rp = itemgetter(*q)(r) if len(r) > 1 else r
        k = ids.get(rp)
        if k is None:
            cache["spent"] += cache["cost"]
            if cache["spent"] > LIMITS["mixture_value_work"]:
                raise Invalid(f"{where}: evaluating the options on every permuted reward needs more than "
                              f"{LIMITS['mixture_value_work']} steps (limit; fewer options, rewards or coordinates)")
            k = ids[rp] = len(gaps)
            gaps.append(cmp.gap(rp))
        img_ids.append(k)
        img_gaps.append(gaps[k])
    row = cache["rows"][r] = (img_ids, img_gaps)
    return row


def _mixture_counts(cmp: Comparator, comps: list, perms: list, cache: dict, where: str = "result") -> tuple:
    """(b_gt_a, a_gt_b, tie, orbit_size) over the *distinct* distributions phi.D of the orbit of
    D = sum_k w_k delta_{r_k}, comparing f(X|phi.D) = sum_k w_k g(X|phi.r_k) (docs/math.md §1.6, §4.1).

    Every permutation of the d coordinates is applied; the distinct distribution phi.D arises from
    exactly |Stab(D)| of them (phi.D = D iff phi maps each r_k to a component of equal weight), so
    the counts over permutations are |Stab(D)| times the counts over the orbit."""
    den = 1
    for w, _ in comps:
        den = den * w.denominator // gcd(den, w.denominator)
    cols = [(int(w * den), _mixture_row(cmp, r, perms, cache, where)) for w, r in comps]
    ids = cache["ids"]
    weight_of = {ids[r]: iw for (iw, _), (_, r) in zip(cols, comps)}
    totals = [sum(t) for t in zip(*([iw * g for g in gaps] for iw, (_, gaps) in cols))]
    b = sum(1 for x in totals if x > 0)
    a = sum(1 for x in totals if x < 0)
    fixed = zip(*([weight_of.get(k) == iw for k in img] for iw, (img, _) in cols))
    stab = sum(1 for f in fixed if all(f))  # >= 1: perms[0] is the identity
    size = len(perms)
    return (b // stab, a // stab, (size - a - b) // stab, size // stab)


def _counts_obj(raw, where: str) -> tuple:
    _obj(raw, where, ("a_gt_b", "b_gt_a", "orbit_size", "tie"))
    return tuple(_int(raw[k], f"{where}.{k}") for k in ("b_gt_a", "a_gt_b", "tie", "orbit_size"))


def _check_counts(claimed: tuple, got: tuple, where: str) -> None:
    names = ("b_gt_a", "a_gt_b", "tie", "orbit_size")
    for n, c, g in zip(names, claimed, got):
        if c != g:
            _fail(f"{where}.{n}", f"claimed {c}, recomputed {g}")


def _compare(raw, where: str) -> str:
    if raw not in COMPARES:
        _p22_parse(raw, where)  # P22 decision rules section (fails naming every choice)
    return raw


def _read_count_instance(inst, where: str):
    """Sets, comparison and either a reward vector (tuple) or a mixture (list of (w, r))."""
    sets = _read_input(inst["input"], f"{where}.input")
    compare = _compare(inst["compare"], f"{where}.compare")
    if compare == "max" and "sets" in inst["input"] and sets.C is not None:
        _fail(f"{where}.input.sets.C", "the comparison max does not use a choice set C")
    if ("reward" in inst) == ("mixture" in inst):
        _fail(where, "exactly one of reward (a point mass) and mixture (a finite mixture of point masses)")
    if "mixture" in inst:
        return sets, compare, _mixture(inst["mixture"], sets.d, f"{where}.mixture")
    r = _vector(inst["reward"], sets.d, f"{where}.reward")
    return sets, compare, r


def _count_any(sets: Sets, compare: str, r, res: dict, where: str) -> tuple:
    """Counts for a reward vector (brute force or class evidence) or for a mixture (brute force)."""
    if isinstance(r, list):
        if "evidence" in res:
            _fail(f"{where}.evidence", "mixture counts carry no evidence (the verifier enumerates S_d)")
        cmp, perms, cache = _mixture_setup(sets, compare, where)
        if len(r) * len(perms) > LIMITS["mixture_work"]:
            raise Invalid(f"{where}: {len(r)} components x {len(perms)} permutations exceed the limit "
                          f"{LIMITS['mixture_work']}")
        return _mixture_counts(cmp, r, perms, cache, where)
    return _count(sets, compare, r, res.get("evidence"), where)


def _claim(raw, where: str, robust_ok: bool = False) -> tuple:
    _obj(raw, where, ("n", "name"), ("robust",) if robust_ok else ())
    if raw["name"] not in CLAIMS:
        _fail(f"{where}.name", f"unknown claim {raw['name']!r} (known: {', '.join(CLAIMS)})")
    n = _rat(raw["n"], f"{where}.n")
    if n <= 0:
        _fail(f"{where}.n", "n must be positive")
    return raw["name"], n


def claim_holds(name: str, n: Fraction, counts: tuple) -> bool:
    """scaling: b_gt_a >= n·a_gt_b; weak-fraction: (b_gt_a + tie)(n + 1) >= n·|orbit|;
    strict-fraction: b_gt_a·(n + 1) >= n·|orbit| (the strict conjecture's reading, docs/math.md §9.1)."""
    b, a, t, size = counts
    if name == "scaling":
        return b >= n * a
    if name == "weak-fraction":
        return (b + t) * (n + 1) >= n * size
    return b * (n + 1) >= n * size


# ============================================================================ P22 decision rules (issue 13)
# anti-optimal, boltzmann:T=…, satisfice:t=…, quantilise:q=…, best-of:k=… (docs/rules.md).
# Hooks elsewhere: _compare (spec check), Comparator.__init__/sign/gap (dispatch), _check_robust
# (refusal).  Boltzmann signs use the decimal module only: ties exactly (Lindemann–Weierstrass),
# non-zero signs from rigorous decimal enclosures (exp is correctly rounded), no float.
P22_FAMILIES = {"boltzmann": "T", "satisfice": "t", "quantilise": "q", "best-of": "k"}
P22_LIMITS = {"boltzmann_digits": 20_000, "boltzmann_terms": 10_000, "best_of_k": 64}
_P22_CHOICES = ("max, is-optimal, frac-optimal, anti-optimal, boltzmann:T=<rational > 0>, satisfice:t=<rational>, "
                "quantilise:q=<rational in (0,1]>, best-of:k=<integer >= 1>")


def _p22_parse(raw, where: str) -> tuple:
    """(family, parameter) of a canonical P22 rule spec; anything else fails naming the choices."""
    if raw == "anti-optimal":
        return ("anti-optimal", None)
    if not isinstance(raw, str) or ":" not in raw:
        _fail(where, f"unknown comparison {raw!r} (choose from {_P22_CHOICES})")
    fam, _, rest = raw.partition(":")
    key, eq, val = rest.partition("=")
    if fam not in P22_FAMILIES or not eq or key != P22_FAMILIES[fam]:
        _fail(where, f"unknown comparison {raw!r} (choose from {_P22_CHOICES})")
    if not re.fullmatch(r"-?(0|[1-9][0-9]*)(/[1-9][0-9]*)?", val) or len(val) > LIMITS["number_chars"]:
        _fail(where, f"the parameter of {raw!r} is not a canonical rational")
    x = Fraction(val)
    if _fmt(x) != val:
        _fail(where, f"the parameter of {raw!r} is not in lowest terms (write {_fmt(x)})")
    if fam == "boltzmann" and x <= 0:
        _fail(where, "boltzmann needs T > 0")
    if fam == "quantilise" and not 0 < x <= 1:
        _fail(where, "quantilise needs q in (0, 1]")
    if fam == "best-of" and (x.denominator != 1 or not 1 <= x <= P22_LIMITS["best_of_k"]):
        _fail(where, f"best-of needs an integer k in [1, {P22_LIMITS['best_of_k']}]")
    return (fam, x)


def _p22_init(cmp, sets, compare: str) -> None:
    cmp.p22 = None if compare in COMPARES else _p22_parse(compare, "instance.compare")
    if cmp.p22 and cmp.p22[0] in ("boltzmann", "satisfice"):
        if any(len(o) > 1 for o in sets.A | sets.B | cmp_c(sets)):
            _fail("instance.compare", f"{compare} needs options without Blackwell layers")


def _p22_values(cmp, r) -> tuple:
    """(values of C in order, the C-indices in A, in B) -- options in the Comparator's sparse form."""
    vals = [cmp._val(o, r) for o in cmp.C]
    return vals, [k for k, x in enumerate(cmp.inA) if x], [k for k, x in enumerate(cmp.inB) if x]


def _p22_value(cmp, r, side: str):
    """The rule's exact value for X = A or B (a Fraction; Boltzmann: not used)."""
    fam, x = cmp.p22
    vals, ia, ib = _p22_values(cmp, r)
    inX = ia if side == "A" else ib
    X = cmp.A if side == "A" else cmp.B
    m = len(vals)
    if fam == "anti-optimal":
        return Fraction(int(min(cmp._val(o, r) for o in X) <= min(vals)))
    if fam == "satisfice":
        good = [k for k, v in enumerate(vals) if v[0] >= x]
        return Fraction(sum(1 for k in good if k in inX), len(good)) if good else Fraction(0)
    if fam == "quantilise":
        # M = inf{M : #(C_{>M})/m <= q}: -infinity when q = 1, else the smallest such value of C
        if x == 1:
            return Fraction(len(inX), m)
        M = min(v for v in vals if Fraction(sum(1 for w in vals if w > v), m) <= x)
        gt = sum(1 for w in vals if w > M)
        eq = sum(1 for w in vals if w == M)
        tot = Fraction(0)
        for k in inX:
            if vals[k] > M:
                tot += Fraction(1, m) / x
            elif vals[k] == M:
                tot += (Fraction(1, m) / x) * (x - Fraction(gt, m)) / Fraction(eq, m)
        return tot
    # best-of-k: P(best drawn level = L) = (a^k - b^k)/m^k (a = #C_{<=L}, b = #C_{<L}); given that,
    # the drawn maximisers are a uniform random non-empty subset of C_{=L}: E[share of X] = #X_{=L}/#C_{=L}
    k = int(x)
    tot = Fraction(0)
    for L in set(vals):
        a = sum(1 for w in vals if w <= L)
        b = sum(1 for w in vals if w < L)
        tot += Fraction(a**k - b**k, m**k) * Fraction(sum(1 for j in inX if vals[j] == L), a - b)
    return tot


def _p22_sign(cmp, r) -> int:
    fam, x = cmp.p22
    if fam == "boltzmann":
        A, B = set(cmp.A), set(cmp.B)
        terms = [(1, cmp._val(o, r)[0] / x) for o in cmp.B if o not in A]
        terms += [(-1, cmp._val(o, r)[0] / x) for o in cmp.A if o not in B]
        return exp_sum_sign(terms)
    gb, ga = _p22_value(cmp, r, "B"), _p22_value(cmp, r, "A")
    return (gb > ga) - (gb < ga)


def _p22_gap(cmp, r):
    if cmp.p22[0] == "boltzmann":
        raise Invalid("instance.compare: mixtures of boltzmann rules are not supported")
    g = _p22_value(cmp, r, "B") - _p22_value(cmp, r, "A")
    return int(g) if g.denominator == 1 else g


def _exp_enclosure(q: Fraction, digits: int) -> tuple:
    """Decimals lo <= e^q <= hi for rational q <= 0 (rigorous, see docs/rules.md):
    q is enclosed by correctly rounded divisions in ROUND_FLOOR / ROUND_CEILING; Decimal.exp is
    correctly rounded (ROUND_HALF_EVEN), so |exp(x) - e^x| <= ulp/2 <= exp(x)·10^(1-digits); the
    final products round outward.  Below q = -10^6 the enclosure is [0, 10^-400000]."""
    import decimal

    if q < -10**6:
        return decimal.Decimal(0), decimal.Decimal("1e-400000")
    ctx = decimal.Context(prec=digits, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
    eps = decimal.Decimal(10) ** (1 - digits)
    n, d = decimal.Decimal(q.numerator), decimal.Decimal(q.denominator)
    ctx.rounding = decimal.ROUND_FLOOR
    x_lo = ctx.divide(n, d)
    lo = ctx.multiply(ctx.exp(x_lo), ctx.subtract(decimal.Decimal(1), eps))
    ctx.rounding = decimal.ROUND_CEILING
    x_hi = ctx.divide(n, d)
    hi = ctx.multiply(ctx.exp(x_hi), ctx.add(decimal.Decimal(1), eps))
    return lo, hi


def exp_sum_sign(terms) -> int:
    """sign(sum c·e^q) for integer c and rational q: 0 iff equal exponents cancel completely
    (Lindemann–Weierstrass); otherwise decimal enclosures at 40, 80, 160, ... digits."""
    import decimal

    if len(terms) > P22_LIMITS["boltzmann_terms"]:
        raise Invalid(f"a Boltzmann comparison has more than {P22_LIMITS['boltzmann_terms']} terms (limit)")
    red: dict = {}
    for c, q in terms:
        red[q] = red.get(q, 0) + c
    red = {q: c for q, c in red.items() if c}
    if not red:
        return 0
    if all(c > 0 for c in red.values()):
        return 1
    if all(c < 0 for c in red.values()):
        return -1
    top = max(red)
    digits = 40
    while digits <= P22_LIMITS["boltzmann_digits"]:
        ctx = decimal.Context(prec=digits, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
        pos = [decimal.Decimal(0), decimal.Decimal(0)]
        neg = [decimal.Decimal(0), decimal.Decimal(0)]
        for q, c in red.items():
            lo, hi = _exp_enclosure(q - top, digits)
            side = pos if c > 0 else neg
            ctx.rounding = decimal.ROUND_FLOOR
            side[0] = ctx.add(side[0], ctx.multiply(decimal.Decimal(abs(c)), lo))
            ctx.rounding = decimal.ROUND_CEILING
            side[1] = ctx.add(side[1], ctx.multiply(decimal.Decimal(abs(c)), hi))
        if pos[0] > neg[1]:
            return 1
        if neg[0] > pos[1]:
            return -1
        digits *= 2
    raise Invalid(f"a Boltzmann sign was not separated from 0 within {P22_LIMITS['boltzmann_digits']} digits")
def _v_retargeting(cert: dict) -> str:
    """P22 Def 3.5 on one orbit (Theta = R^d): permutations phi_1..phi_n (each listed as the image
    coordinate of every coordinate) with phi_i.O_A inside O_B and pairwise disjoint images, where
    O_A / O_B are the orbit elements with f(A) > f(B) / f(B) > f(A).  Re-checked by enumerating the
    orbit (brute-force limit).  "maximal": "counting-bound" is accepted only when n equals
    floor(|O_B| / |O_A|) (Thm 3.6 forbids more); maximality found by exhaustive search is not claimed."""
    _obj(cert, "certificate", ("format", "instance", "instance_digest", "kind", "result"), ("note",))
    inst = _obj(cert["instance"], "instance", ("compare", "input", "reward"))
    _check_digest(cert)
    sets, compare, r = _read_count_instance(inst, "instance")
    res = _obj(cert["result"], "result", ("counts", "n", "permutations"), ("maximal",))
    claimed = _counts_obj(res["counts"], "result.counts")
    size = _multinomial(r)
    if size > LIMITS["brute_force_orbit"]:
        raise Invalid(f"result: the orbit has {size} elements, above the brute-force limit {LIMITS['brute_force_orbit']}")
    cmp = Comparator(sets, compare)
    o_a, o_b, tie = [], set(), 0
    for rp in _distinct_permutations(r):
        sg = cmp.sign(rp)
        if sg > 0:
            o_b.add(rp)
        elif sg < 0:
            o_a.append(rp)
        else:
            tie += 1
    _check_counts(claimed, (len(o_b), len(o_a), tie, size), "result.counts")
    n = _int(res["n"], "result.n", 1)
    coords = {c: k for k, c in enumerate(sets.coordinates)}
    perms = _list(res["permutations"], "result.permutations", limit=LIMITS["dimension"])
    if len(perms) != n:
        _fail("result.n", f"claimed {n}, {len(perms)} permutations listed")
    seen: set = set()
    for k, raw in enumerate(perms):
        w = f"result.permutations[{k}]"
        _list(raw, w, limit=sets.d)
        img = []
        for c in raw:
            _str(c, w)
            if c not in coords:
                _fail(w, f"unknown coordinate {c!r}")
            img.append(coords[c])
        if sorted(img) != list(range(sets.d)):
            _fail(w, "is not a permutation of the coordinates")
        for x in o_a:
            y = [None] * sets.d
            for i, v in enumerate(x):
                y[img[i]] = v
            y = tuple(y)
            if y not in o_b:
                _fail(w, f"maps the orbit element {[_fmt(v) for v in x]} (A > B) to one where B does not beat A")
            if y in seen:
                _fail(w, f"its image {[_fmt(v) for v in y]} is also the image under another permutation")
            seen.add(y)
    if "maximal" in res:
        if res["maximal"] != "counting-bound":
            _fail("result.maximal", "the only maximality claim re-checked is \"counting-bound\"")
        if not o_a or n != len(o_b) // len(o_a):
            _fail("result.maximal", "n is not the counting bound floor(#(B>A) / #(A>B))")
    return f"retargeting: A ->^{n} B on the orbit of {[_fmt(v) for v in r]} ({compare})"
# ============================================================================ end of P22 decision rules


# ============================================================================ kinds
def _check_digest(cert: dict, where: str = "instance_digest") -> None:
    got = instance_digest(cert["instance"])
    if cert["instance_digest"] != got:
        _fail(where, f"does not match the instance (recomputed {got})")


def _v_orbit_count(cert: dict) -> str:
    if _unit_evidence(cert):  # unit-block evidence: see its section below
        return _v_orbit_count_units(cert)
    _obj(cert, "certificate", ("format", "instance", "instance_digest", "kind", "result"), ("note",))
    inst = _obj(cert["instance"], "instance", ("compare", "input"), ("mixture", "reward"))
    _check_digest(cert)
    sets, compare, r = _read_count_instance(inst, "instance")
    res = _obj(cert["result"], "result", ("counts",), ("evidence",))
    claimed = _counts_obj(res["counts"], "result.counts")
    got = _count_any(sets, compare, r, res, "result")
    _check_counts(claimed, got, "result.counts")
    return f"orbit-count{' of a mixture' if isinstance(r, list) else ''} {got}"


def _v_counterexample(cert: dict) -> str:
    _obj(cert, "certificate", ("format", "instance", "instance_digest", "kind", "result"), ("note",))
    inst = _obj(cert["instance"], "instance", ("claim", "compare", "input"), ("hypotheses", "mixture", "reward"))
    _check_digest(cert)
    name, n = _claim(inst["claim"], "instance.claim", robust_ok=True)
    sets, compare, r = _read_count_instance(inst, "instance")
    stated = (_statements(inst["hypotheses"], inst["input"], sets, n, compare, "instance.hypotheses")
              if "hypotheses" in inst else [])
    res = _obj(cert["result"], "result", ("counts",), ("evidence",))
    claimed = _counts_obj(res["counts"], "result.counts")
    got = _count_any(sets, compare, r, res, "result")
    _check_counts(claimed, got, "result.counts")
    if claim_holds(name, n, got):
        _fail("result", f"the claim {name} (n = {_fmt(n)}) holds on these counts {got}: not a counterexample")
    hyp = f"; hypotheses re-checked: {'; '.join(stated)}" if stated else ""
    rob = ""
    if "robust" in inst["claim"]:
        if _bool(inst["claim"]["robust"], "instance.claim.robust") is not True:
            _fail("instance.claim.robust", "write true or leave it out")
        if isinstance(r, list):
            _fail("instance.claim.robust", "robustness is defined for a reward vector, not a mixture")
        _check_robust(sets, compare, r, res.get("evidence"), "instance.claim.robust")
        rob = "; robust: the outcome is locally constant at every orbit element, so the failure holds on an open set of rewards"
    return f"counterexample to {name} (n = {_fmt(n)}): counts {got}{hyp}{rob}"


def _check_robust(sets: Sets, compare: str, r: tuple, evidence, where: str) -> None:
    """Every orbit element r' (or class representative: the block symmetries permute A, B, C
    jointly) has a neighbourhood on which sign(g(B|.) - g(A|.)) is constant, so the counts -- and a
    failing claim -- hold on an open set of rewards (docs/math.md §9.1, "almost all r").  Sufficient tests:
    max -- max_A != max_B, or every option attaining the common maximum lies in both A and B;
    is-optimal -- every maximiser in C has the same membership in A and in B (A, B inside C);
    frac-optimal -- C has a single maximiser."""
    if any(len(o) > 1 for o in sets.A | sets.B | cmp_c(sets)):
        _fail(where, "robustness needs options without Blackwell layers")
    cmp = Comparator(sets, compare)
    if cmp.p22:  # P22 decision rules section
        _fail(where, "robustness is checked for max, is-optimal and frac-optimal only")
    A, B = set(cmp.A), set(cmp.B)
    if compare != "max" and not (A | B) <= set(cmp.C):
        _fail(where, "robustness under is-optimal / frac-optimal needs A and B inside C")

    def val(o, x):
        return sum(v * x[i] for i, v in o[0])

    def locally_constant(x) -> bool:
        if compare == "max":
            va = {o: val(o, x) for o in A}
            vb = {o: val(o, x) for o in B}
            ma, mb = max(va.values()), max(vb.values())
            if ma != mb:
                return True
            top = {o for o, v in va.items() if v == ma} | {o for o, v in vb.items() if v == mb}
            return top <= (A & B)
        vals = [val(o, x) for o in cmp.C]
        mc = max(vals)
        top = [k for k, v in enumerate(vals) if v == mc]
        if compare == "is-optimal":
            return len({(cmp.inA[k], cmp.inB[k]) for k in top}) == 1
        return len(top) == 1

    reps = (_distinct_permutations(r) if evidence is None
            else (tuple(_rat(x, where) for x in cl["representative"]) for cl in evidence["classes"]))
    for x in reps:
        if not locally_constant(x):
            _fail(where, f"not robust: at the orbit element {[_fmt(v) for v in x]} the comparison changes "
                         "under arbitrarily small changes of the reward")


def _apply_pairs(perm_pairs, S: frozenset) -> frozenset:
    out = S
    for i, j in perm_pairs:
        out = _swap_set(out, i, j)
    return out


def _read_involutions(raw, sets: Sets, where: str) -> list:
    """Involutions as lists of disjoint coordinate pairs (index pairs); idle pairs are rejected."""
    invs = _list(raw, where, limit=LIMITS["dimension"])
    coords = {c: k for k, c in enumerate(sets.coordinates)}
    perms = []
    for i, inv in enumerate(invs):
        w = f"{where}[{i}]"
        _list(inv, w, nonempty=False)
        moved = set()
        pairs = []
        for p, pair in enumerate(inv):
            ends = _coord_pair(pair, coords, f"{w}[{p}]")
            if ends[0] == ends[1] or ends[0] in moved or ends[1] in moved:
                _fail(w, "not an involution (pairs must swap distinct coordinates and be disjoint)")
            moved.update(ends)
            pairs.append(tuple(ends))
        perms.append(pairs)
    every = sets.A | sets.B | (sets.C or frozenset())
    support = {k for o in every for layer in o for k, v in enumerate(layer) if v}
    for i, p in enumerate(perms):
        for (x, y) in p:
            if x not in support and y not in support:
                _fail(f"{where}[{i}]", f"the pair ({sets.coordinates[x]} {sets.coordinates[y]}) "
                      "swaps two coordinates on which every option is 0 (idle pairs are not canonical)")
    return perms


def _budget(work: int, where: str) -> None:
    """Refuse a structure check whose size estimate exceeds LIMITS["statement_work"]."""
    if work > LIMITS["statement_work"]:
        raise Invalid(f"{where}: checking this structure takes about {work} steps, above the limit "
                      f"{LIMITS['statement_work']}")


def _copy_images(sets: Sets, copy_of: str, perms: list, where: str) -> list:
    """phi_i . X (X = A or ND(A)) for each involution; checks phi_i . X <= B, that the copies are
    pairwise different and phi_i . B_j = B_j (i != j)."""
    A = _nd(sets.A) if copy_of == "ND(A)" else sets.A
    _budget(len(perms) ** 2 * (len(A) + 1) * (sets.d + 1), where)
    images = [_apply_pairs(p, A) for p in perms]
    for i, img in enumerate(images):
        if not img <= sets.B:
            _fail(f"{where}[{i}]", f"φ_{i + 1}·{copy_of} is not contained in B")
        if img in images[:i]:
            _fail(f"{where}[{i}]", "gives the same copy as an earlier involution (copies must be different)")
    for i, p in enumerate(perms):
        for j, img in enumerate(images):
            if i != j and _apply_pairs(p, img) != img:
                _fail(f"{where}[{i}]", f"φ_{i + 1} does not fix the copy B_{j + 1} setwise")
    return images


def _copy_property(sets: Sets, perms: list, images: list, h: str, nd_cache: dict) -> bool:
    """The hypotheses of docs/math.md §3.2 for a family of copies (C must exist for the C-based ones)."""
    C = sets.C

    def nd_of(name, S):
        if name not in nd_cache:
            nd_cache[name] = _nd(S)
        return nd_cache[name]

    if h == "c_invariant":
        return all(_apply_pairs(p, C) == C for p in perms)
    if h == "disjoint_images":
        return all(not (images[i] & images[j]) for i in range(len(images)) for j in range(i + 1, len(images)))
    if h == "nd_copies":
        ndA = nd_of("A", sets.A)
        imgs = [_apply_pairs(p, ndA) for p in perms]
        return all(img <= sets.B for img in imgs) and all(
            _apply_pairs(p, img) == img for i, p in enumerate(perms) for j, img in enumerate(imgs) if i != j)
    if h == "orthogonal":
        AB = sets.A | sets.B
        supp = {k for o in AB for layer in o for k, v in enumerate(layer) if v}
        return all(not any(layer[k] for layer in o for k in supp) for o in nd_of("C", C) - AB)
    # z_condition (P21 Lemma E.28 / P22 Lemma D.5)
    ndA = nd_of("A", sets.A)
    imgs = frozenset().union(*(_apply_pairs(p, ndA) for p in perms))
    extra = sets.B - imgs
    allowed = C - extra
    todo = list(nd_of("C", C) - extra)
    seen = set(todo)
    while todo:
        o = todo.pop()
        if o not in allowed:
            return False
        for p in perms:
            q = next(iter(_apply_pairs(p, frozenset([o]))))
            if q not in seen:
                seen.add(q)
                todo.append(q)
    return True


def _v_copies(cert: dict) -> str:
    _obj(cert, "certificate", ("format", "instance", "instance_digest", "kind", "result"), ("note",))
    inst = _obj(cert["instance"], "instance", ("copy_of", "input"))
    _check_digest(cert)
    sets = _read_input(inst["input"], "instance.input")
    if inst["copy_of"] not in ("A", "ND(A)"):
        _fail("instance.copy_of", "must be \"A\" or \"ND(A)\"")
    res = _obj(cert["result"], "result", ("hypotheses", "involutions", "n"))
    n = _int(res["n"], "result.n", 1)
    perms = _read_involutions(res["involutions"], sets, "result.involutions")
    if n != len(perms):
        _fail("result.n", f"claimed {n} copies but {len(perms)} involution(s) are given")
    images = _copy_images(sets, inst["copy_of"], perms, "result.involutions")
    hyps = _obj(res["hypotheses"], "result.hypotheses", HYPOTHESES)
    nd_cache: dict = {}
    for h in sorted(hyps):
        if h in ("c_invariant", "orthogonal", "z_condition") and sets.C is None:
            if hyps[h] is not None:
                _fail(f"result.hypotheses.{h}", "must be null: it needs a choice set C and there is none")
            continue
        claimed = _bool(hyps[h], f"result.hypotheses.{h}")
        actual = _copy_property(sets, perms, images, h, nd_cache)
        if actual != claimed:
            _fail(f"result.hypotheses.{h}", f"claimed {str(claimed).lower()}, but it is {str(actual).lower()}")
    return f"copies: B contains {n} copies of {inst['copy_of']}"


# ---------------------------------------------------------------------------- claim hypotheses
def _unit_coord(o: tuple):
    """(index, c) if the (depth-1) option is c·e_i with c > 0, else None."""
    nz = [(k, v) for k, v in enumerate(o[0]) if v]
    return nz[0] if len(o) == 1 and len(nz) == 1 and nz[0][1] > 0 else None


def _blocks_statement(st: dict, sets: Sets, n: Fraction, w: str) -> str:
    """F4: A is m disjoint-support copies of one set U, B contains n more (docs/math.md §9.3).  Each
    block is an ordered coordinate list; block k's j-th coordinate plays the role of block 0's j-th."""
    _obj(st, w, ("A", "B", "kind"))
    coords = {c: k for k, c in enumerate(sets.coordinates)}
    blocks = {}
    for side in ("A", "B"):
        out = []
        for b, blk in enumerate(_list(st[side], f"{w}.{side}", limit=LIMITS["dimension"])):
            for c in _list(blk, f"{w}.{side}[{b}]", limit=LIMITS["dimension"]):
                _str(c, f"{w}.{side}[{b}]")
                if c not in coords:
                    _fail(f"{w}.{side}[{b}]", f"unknown coordinate {c!r}")
            out.append([coords[c] for c in blk])
        blocks[side] = out
    every = blocks["A"] + blocks["B"]
    _budget(len(every) * (len(sets.A) + len(sets.B) + len(cmp_c(sets))) * (sets.d + 1), w)
    size = len(every[0])
    used: set = set()
    for blk in every:
        if len(blk) != size:
            _fail(w, "all blocks must have the same size")
        if used & set(blk) or len(set(blk)) != len(blk):
            _fail(w, "blocks must be pairwise disjoint (and list each coordinate once)")
        used |= set(blk)

    def local(X, blk):
        """X's vectors that touch blk, in block-local coordinates; each must lie inside blk."""
        inside = set(blk)
        out = set()
        for o in X:
            supp = {k for k, v in enumerate(o[0]) if v}
            if supp & inside:
                if not supp <= inside:
                    _fail(w, "an option of A or B straddles a block boundary")
                out.add(tuple(o[0][k] for k in blk))
        return out

    U = local(sets.A, blocks["A"][0])
    if not U:
        _fail(f"{w}.A[0]", "no option of A lies in the first block")
    covered = set()
    for side, X in (("A", sets.A), ("B", sets.B)):
        for b, blk in enumerate(blocks[side]):
            if local(X, blk) != U:
                _fail(f"{w}.{side}[{b}]", f"{side} restricted to this block is not a copy of U (the first block of A)")
            if side == "A":
                covered |= {o for o in X if any(o[0][k] for k in blk)}
    if covered != set(sets.A):
        _fail(f"{w}.A", "A has options outside the listed blocks")
    for o in (sets.C or frozenset()) - sets.A - sets.B:
        if len({tuple(o[0][k] for k in blk) for blk in every}) > 1:
            _fail(w, "a vector of C outside A ∪ B is not invariant under exchanging the blocks")
    m, k = len(blocks["A"]), len(blocks["B"])
    if n != Fraction(k, m):
        _fail(w, f"the claim's n = {_fmt(n)} is not (B blocks)/(A blocks) = {k}/{m}")
    return f"blocks: A is {m} and B contains {k} disjoint-support copies of one set U"


def _other_statement(st: dict, sets: Sets, n: Fraction, w: str) -> str:
    """Statements ``images`` (F8), ``nd-count`` (F7) and ``d13`` (F5, F6); see :func:`_statements`."""
    if any(len(o) > 1 for o in sets.A | sets.B | (sets.C or frozenset())):
        _fail(w, f"{st['kind']} statements need options without Blackwell layers")
    if st["kind"] == "images":
        _obj(st, w, ("involutions", "kind"))
        perms = _read_involutions(st["involutions"], sets, f"{w}.involutions")
        _budget(len(perms) * (len(perms) + len(sets.A)) * (sets.d + 1), w)
        images = [_apply_pairs(p, sets.A) for p in perms]
        for i, img in enumerate(images):
            if not img <= sets.B:
                _fail(f"{w}.involutions[{i}]", f"φ_{i + 1}·A is not contained in B")
            if img in images[:i]:
                _fail(f"{w}.involutions[{i}]", "repeats an earlier image (images must be distinct)")
        if n != len(perms):
            _fail(w, f"the claim's n = {_fmt(n)} is not the number of images {len(perms)}")
        return f"B contains {len(perms)} distinct images φ·A (no cross condition)"
    if st["kind"] == "blocks":
        return _blocks_statement(st, sets, n, w)
    if st["kind"] == "nd-count":
        _obj(st, w, ("A", "B", "kind"))
        ka, kb = _int(st["A"], f"{w}.A", 1), _int(st["B"], f"{w}.B", 1)
        got = (len(_nd(sets.A)), len(_nd(sets.B)))
        if (ka, kb) != got:
            _fail(w, f"claimed |ND(A)|, |ND(B)| = {ka}, {kb}; recomputed {got[0]}, {got[1]}")
        if n != Fraction(kb, ka):
            _fail(w, f"the claim's n = {_fmt(n)} is not |ND(B)|/|ND(A)| = {kb}/{ka}")
        return f"|ND(A)| = {ka}, |ND(B)| = {kb}"
    # d13: P22 Conjecture D.13's structure, per-part copies
    _obj(st, w, ("c_invariant", "involutions", "kind", "parts"), ("shared",))
    parts = []
    for j, part in enumerate(_list(st["parts"], f"{w}.parts", limit=LIMITS["set_size"])):
        vecs = _vector_set(part, sets.d, f"{w}.parts[{j}]")
        if not vecs <= sets.A:
            _fail(f"{w}.parts[{j}]", "is not a subset of A")
        parts.append(vecs)
    if frozenset().union(*parts) != sets.A:
        _fail(f"{w}.parts", "the parts do not cover A")
    if sum(len(p) for p in parts) != len(sets.A):
        _fail(f"{w}.parts", "the parts must be pairwise disjoint")
    fams = _list(st["involutions"], f"{w}.involutions", limit=LIMITS["set_size"])
    if len(fams) != len(parts):
        _fail(f"{w}.involutions", "one family of involutions per part")
    fams = [_read_involutions(f, sets, f"{w}.involutions[{j}]") for j, f in enumerate(fams)]
    sizes = {len(f) for f in fams}
    if len(sizes) != 1 or 0 in sizes:
        _fail(f"{w}.involutions", "every part needs the same number n >= 1 of copies")
    m, k = len(parts), len(fams[0])
    if n != Fraction(k, m):
        _fail(w, f"the claim's n = {_fmt(n)} is not n/m = {k}/{m}")
    _budget(m * k * (k + m + 1) * (len(sets.A) + len(sets.B) + len(cmp_c(sets))) * (sets.d + 1), w)
    need_c = _bool(st["c_invariant"], f"{w}.c_invariant")
    C = cmp_c(sets)
    for j, (Aj, fam) in enumerate(zip(parts, fams)):
        images = [_apply_pairs(p, Aj) for p in fam]
        for i, (p, img) in enumerate(zip(fam, images)):
            wi = f"{w}.involutions[{j}][{i}]"
            if not img <= sets.B:
                _fail(wi, f"φ_{j + 1},{i + 1}·A_{j + 1} is not contained in B")
            if img in images[:i]:
                _fail(wi, "repeats an earlier copy of the same part")
            for i2, img2 in enumerate(images):
                if i2 != i and _apply_pairs(p, img2) != img2:
                    _fail(wi, f"φ_{j + 1},{i + 1} does not fix the copy B_{j + 1},{i2 + 1}")
            for j2, Aj2 in enumerate(parts):
                if j2 != j and _apply_pairs(p, Aj2) != Aj2:
                    _fail(wi, f"φ_{j + 1},{i + 1} does not fix the part A_{j2 + 1}")
            if need_c and _apply_pairs(p, C) != C:
                _fail(wi, f"φ_{j + 1},{i + 1} does not fix C")
    # d13 "shared" (optional): the same copies B_1..B_n serve every part, B_i = φ_ji·A_j for all j
    shared = "shared" in st and _bool(st["shared"], f"{w}.shared")
    if shared:
        for i in range(k):
            if len({_apply_pairs(fams[j][i], parts[j]) for j in range(m)}) != 1:
                _fail(f"{w}.involutions", f"shared: the parts' copies number {i + 1} differ")
    return (f"D.13 structure: m = {m} parts, {k} copies of each" + (", shared copies" if shared else "")
            + (", C-invariant" if need_c else ""))


def _statements(raw, inst_input, sets: Sets, n: Fraction, compare: str, where: str) -> list:
    """Optional ``instance.hypotheses`` of counterexample / exhaustive certificates: statements
    about the instance that make the claim's threshold n meaningful, each re-checked here.

    * ``{"kind": "copies", "copy_of": "A" | "ND(A)", "involutions": [...], "require": [...]
      [, "semantics": {...}]}`` -- B contains len(involutions) = n copies of A (or ND(A)) via these
      involutions (P22 Def A.7), with every property in ``require`` (c_invariant, disjoint_images,
      nd_copies, orthogonal, z_condition); ``semantics`` (environment inputs only) checks the copies
      on the options under another semantics (e.g. gain copies for a discounted count, F10).
    * ``{"kind": "units", "A": [coord...], "B": [coord...], "B_extra": bool}`` -- the unit case of
      docs/math.md §9.3: A = {c·e_i : i in A}, the unit vectors c·e_j of B are exactly j in B (disjoint
      from A), B has other options iff B_extra, every vector of C outside A ∪ B is constant on the
      coordinates A ∪ B; and n = |B| / |A|.
    * ``{"kind": "images", "involutions": [...]}`` -- F8: pairwise different images phi_i . A
      inside B (no cross condition); n = their number.
    * ``{"kind": "nd-count", "A": int, "B": int}`` -- F7: |ND(A)| and |ND(B)|; n = |ND(B)|/|ND(A)|.
    * ``{"kind": "d13", "parts": [[vector...]...], "involutions": [[inv...] per part],
      "c_invariant": bool}`` -- P22 Conjecture D.13 (F5, F6): A is the union of the parts A_j; for
      each j the involutions phi_ji give different copies phi_ji . A_j inside B, each fixing the
      other copies of A_j and every other part setwise (and C when c_invariant); n = (copies per
      part) / (number of parts).  Optional ``"shared": true``: the same copies serve every part
      (phi_ji . A_j does not depend on j), the sources' literal wording of D.13.
    * ``{"kind": "blocks", "A": [[coord...]...], "B": [[coord...]...]}`` -- F4: disjoint blocks of one
      size; A restricted to each A block and B restricted to each B block is the same set U (block 0's
      pattern, coordinates matched by position); no option straddles a block; A lies in its blocks;
      every vector of C outside A ∪ B is the same on every block; n = (B blocks)/(A blocks)."""
    if sets.C is not None and not (sets.A | sets.B) <= sets.C:
        _fail(where, "claim hypotheses need a choice set C that contains A and B")
    out = []
    for i, st in enumerate(_list(raw, where, limit=8)):
        w = f"{where}[{i}]"
        if not isinstance(st, dict) or st.get("kind") not in STATEMENTS:
            _fail(f"{w}.kind", f"unknown statement (known: {', '.join(STATEMENTS)})")
        if st["kind"] in ("images", "nd-count", "d13", "blocks"):
            out.append(_other_statement(st, sets, n, w))
            continue
        if st["kind"] == "copies":
            _obj(st, w, ("copy_of", "involutions", "kind", "require"), ("semantics",))
            target = sets
            sem_note = ""
            if "semantics" in st:
                if not isinstance(inst_input, dict) or "environment" not in inst_input:
                    _fail(f"{w}.semantics", "only with an environment input")
                if st["semantics"] != {"kind": "gain"}:
                    _fail(f"{w}.semantics", "only {\"kind\": \"gain\"}: the copies behind n must be gain copies "
                                            "(P22 Thm D.11)")
                target = _read_input(dict(inst_input, semantics=st["semantics"]), f"{w}.semantics")
                sem_note = " under gain optimality"
            if st["copy_of"] not in ("A", "ND(A)"):
                _fail(f"{w}.copy_of", "must be \"A\" or \"ND(A)\"")
            if compare == "frac-optimal" and st["copy_of"] != "A":
                _fail(f"{w}.copy_of", "frac-optimal needs copies of A itself (P22 Prop A.11)")
            perms = _read_involutions(st["involutions"], target, f"{w}.involutions")
            if not perms:
                _fail(f"{w}.involutions", "expected a non-empty list")
            images = _copy_images(target, st["copy_of"], perms, f"{w}.involutions")
            req = _list(st["require"], f"{w}.require", nonempty=False, limit=len(HYPOTHESES))
            nd_cache: dict = {}
            for h in req:
                if h not in HYPOTHESES or req.count(h) > 1:
                    _fail(f"{w}.require", f"unknown or repeated property {h!r} (known: {', '.join(HYPOTHESES)})")
                if h in ("c_invariant", "orthogonal", "z_condition") and target.C is None:
                    _fail(f"{w}.require", f"{h} needs a choice set C")
                if not _copy_property(target, perms, images, h, nd_cache):
                    _fail(f"{w}.require", f"the copies do not satisfy {h}")
            if n != len(perms):
                _fail(w, f"the claim's n = {_fmt(n)} is not the number of copies {len(perms)}")
            props = f" ({', '.join(req)})" if req else ""
            out.append(f"B contains {len(perms)} copies of {st['copy_of']}{sem_note}{props}")
        else:
            _obj(st, w, ("A", "B", "B_extra", "kind"))
            coords = {c: k for k, c in enumerate(sets.coordinates)}
            names = {}
            for side in ("A", "B"):
                lst = _list(st[side], f"{w}.{side}", limit=LIMITS["dimension"])
                for c in lst:
                    _str(c, f"{w}.{side}")
                    if c not in coords:
                        _fail(f"{w}.{side}", f"unknown coordinate {c!r}")
                if len(set(lst)) != len(lst):
                    _fail(f"{w}.{side}", "a coordinate is listed twice")
                names[side] = {coords[c] for c in lst}
            extra = _bool(st["B_extra"], f"{w}.B_extra")
            ua = [_unit_coord(o) for o in sets.A]
            if any(u is None for u in ua) or len({c for _, c in ua}) != 1:
                _fail(f"{w}.A", "A is not a set of unit vectors c·e_i with one c > 0")
            coef = ua[0][1]
            if {k for k, _ in ua} != names["A"]:
                _fail(f"{w}.A", "A's unit vectors are not on exactly these coordinates")
            ub = [(o, _unit_coord(o)) for o in sets.B]
            units_b = {u[0] for o, u in ub if u is not None and u[1] == coef}
            if units_b != names["B"]:
                _fail(f"{w}.B", "B's unit vectors c·e_j are not on exactly these coordinates")
            if names["A"] & names["B"]:
                _fail(f"{w}.B", "A and B share coordinates")
            has_extra = len(sets.B) > len(units_b)
            if has_extra != extra:
                _fail(f"{w}.B_extra", f"claimed {str(extra).lower()}, but it is {str(has_extra).lower()}")
            S = sorted(names["A"] | names["B"])
            for o in (sets.C or frozenset()) - sets.A - sets.B:
                if any(len(layer) and len({layer[k] for k in S}) > 1 for layer in o):
                    _fail(f"{w}", "a vector of C outside A ∪ B is not constant on the coordinates of A and B")
            if n != Fraction(len(names["B"]), len(names["A"])):
                _fail(w, f"the claim's n = {_fmt(n)} is not |B|/|A| = {len(names['B'])}/{len(names['A'])}")
            out.append(f"unit case m = {len(names['A'])}, n = {len(names['B'])}" + (" plus other options in B" if extra else ""))
    return out


def _v_nd(cert: dict) -> str:
    _obj(cert, "certificate", ("format", "instance", "instance_digest", "kind", "result"), ("note",))
    inst = _obj(cert["instance"], "instance", ("input",))
    _check_digest(cert)
    sets = _read_input(inst["input"], "instance.input", keys=("X",))
    X = {o[0] for o in sets.A}
    d = sets.d
    res = _obj(cert["result"], "result", ("entries",))
    entries = _list(res["entries"], "result.entries", limit=LIMITS["set_size"])
    vecs = []
    for k, e in enumerate(entries):
        w = f"result.entries[{k}]"
        _obj(e, w, ("nondominated", "vector"), ("convex_weights", "witness_reward"))
        vecs.append(_vector(e["vector"], d, f"{w}.vector"))
    if len(set(vecs)) != len(vecs):
        _fail("result.entries", "a vector is listed twice")
    missing = X - set(vecs)
    if missing:
        _fail("result.entries", f"{len(missing)} option vector(s) of the instance are not listed")
    extra = [k for k, v in enumerate(vecs) if v not in X]
    if extra:
        _fail(f"result.entries[{extra[0]}].vector", "is not an option of the instance")
    n_nd = 0
    for k, e in enumerate(entries):
        w = f"result.entries[{k}]"
        x = vecs[k]
        if _bool(e["nondominated"], f"{w}.nondominated"):
            _obj(e, w, ("nondominated", "vector", "witness_reward"))
            r = _vector(e["witness_reward"], d, f"{w}.witness_reward")
            vx = sum(a * b for a, b in zip(x, r))
            for j, y in enumerate(vecs):
                if j != k and not vx > sum(a * b for a, b in zip(y, r)):
                    _fail(f"{w}.witness_reward", f"does not make the vector strictly better than entry {j}")
            n_nd += 1
        else:
            _obj(e, w, ("convex_weights", "nondominated", "vector"))
            ws = _list(e["convex_weights"], f"{w}.convex_weights")
            total = Fraction(0)
            comb_ = [Fraction(0)] * d
            used = set()
            for t, pair in enumerate(ws):
                wt = f"{w}.convex_weights[{t}]"
                _list(pair, wt)
                if len(pair) != 2:
                    _fail(wt, "expected [index, weight]")
                j = _int(pair[0], f"{wt}[0]")
                lam = _rat(pair[1], f"{wt}[1]")
                if j >= len(vecs) or j == k or j in used:
                    _fail(f"{wt}[0]", "must index another entry, each at most once")
                if lam <= 0:
                    _fail(f"{wt}[1]", "weights must be positive")
                used.add(j)
                total += lam
                comb_ = [c + lam * v for c, v in zip(comb_, vecs[j])]
            if total != 1:
                _fail(f"{w}.convex_weights", f"weights sum to {_fmt(total)}, not 1")
            if tuple(comb_) != x:
                _fail(f"{w}.convex_weights", "the convex combination is not the vector")
    return f"nd: {n_nd} non-dominated of {len(vecs)}"


def _values(raw, where: str) -> list:
    vals = [_rat(v, f"{where}[{i}]") for i, v in enumerate(_list(raw, where, limit=LIMITS["mixture_vectors"]))]
    if any(vals[i] >= vals[i + 1] for i in range(len(vals) - 1)):
        _fail(where, "values must be distinct and ascending")
    return vals


def _family(raw, d: int, where: str):
    """Family "reward-multisets": every multiset of size d over ``values`` (one reward per orbit),
    as the ascending vector, in lexicographic order."""
    _obj(raw, where, ("kind", "values"))
    vals = _values(raw["values"], f"{where}.values")
    total = comb(len(vals) + d - 1, d)
    if total > LIMITS["instances"]:
        raise Invalid(f"{where}: {total} instances exceed the limit {LIMITS['instances']}")
    return total, combinations_with_replacement(vals, d)


def _weights(raw, where: str) -> list:
    """Weight vectors: each non-empty, positive, non-increasing, summing to 1; no repeats."""
    out = []
    for i, w in enumerate(_list(raw, where, limit=LIMITS["mixture_components"])):
        wi = f"{where}[{i}]"
        ws = [_rat(x, f"{wi}[{k}]") for k, x in enumerate(_list(w, wi, limit=LIMITS["mixture_components"]))]
        if any(x <= 0 for x in ws):
            _fail(wi, "weights must be positive")
        if sum(ws) != 1:
            _fail(wi, f"weights sum to {_fmt(sum(ws))}, not 1")
        if any(ws[k] < ws[k + 1] for k in range(len(ws) - 1)):
            _fail(wi, "weights must be non-increasing")
        if ws in out:
            _fail(wi, "repeats an earlier weight vector")
        out.append(ws)
    return out


def _mixture_family(raw, d: int, where: str):
    """Family "mixtures": for each weight vector (w_1 >= ... >= w_k), every mixture
    sum_j w_j delta_{r_j} of k pairwise different rewards r_j in values^d with r_1 ascending and,
    whenever w_j = w_{j-1}, r_j > r_{j-1} lexicographically; in order: weight vectors as listed,
    then r_1 (multisets, lexicographic), r_2, ... (lexicographic).  Every mixture of k different
    point masses with rewards in values^d and these weights has an element of its orbit in the
    family (permute so that, among the components of the largest weight, the one whose sorted
    vector is lexicographically least comes first and sorted).  Each group of equal weights is an
    increasing tuple (itertools.combinations, lexicographic); every candidate examined counts
    against LIMITS["mixture_work"], so no weight vector can make the enumeration run away."""
    _obj(raw, where, ("kind", "values", "weights"))
    vals = _values(raw["values"], f"{where}.values")
    if len(vals) ** d > LIMITS["mixture_vectors"]:
        raise Invalid(f"{where}: {len(vals)}^{d} reward vectors exceed the limit {LIMITS['mixture_vectors']}")
    wl = _weights(raw["weights"], f"{where}.weights")
    allv = list(product(vals, repeat=d))
    for i, ws in enumerate(wl):
        if len(ws) > len(allv):
            _fail(f"{where}.weights[{i}]", f"{len(ws)} components, but there are only {len(allv)} different rewards")
    asc = list(combinations_with_replacement(vals, d))
    steps = [0]

    def step():
        steps[0] += 1
        if steps[0] > LIMITS["mixture_work"]:
            raise Invalid(f"{where}: enumerating the family takes more than {LIMITS['mixture_work']} steps (limit)")

    def groups(ws):
        out, start = [], 0
        for j in range(1, len(ws) + 1):
            if j == len(ws) or ws[j] != ws[start]:
                out.append(j - start)
                start = j
        return out

    def rec(sizes, g, chosen):
        if g == len(sizes):
            yield tuple(chosen)
            return
        if g == 0:
            for r1 in asc:
                step()
                later = [v for v in allv if v > r1]
                for rest in combinations(later, sizes[0] - 1):
                    step()
                    yield from rec(sizes, 1, [r1, *rest])
            return
        for grp in combinations(allv, sizes[g]):
            step()
            if any(v in chosen for v in grp):
                continue
            yield from rec(sizes, g + 1, chosen + list(grp))

    for ws in wl:
        for rs in rec(groups(ws), 0, []):
            yield ws, rs


def _v_exhaustive(cert: dict) -> str:
    _obj(cert, "certificate", ("format", "instance", "instance_digest", "kind", "result"), ("note",))
    inst = _obj(cert["instance"], "instance", ("claim", "compare", "family", "input"), ("hypotheses",))
    _check_digest(cert)
    name, n = _claim(inst["claim"], "instance.claim")
    sets = _read_input(inst["input"], "instance.input")
    compare = _compare(inst["compare"], "instance.compare")
    if compare == "max" and "sets" in inst["input"] and sets.C is not None:
        _fail("instance.input.sets.C", "the comparison max does not use a choice set C")
    stated = (_statements(inst["hypotheses"], inst["input"], sets, n, compare, "instance.hypotheses")
              if "hypotheses" in inst else [])
    res = _obj(cert["result"], "result", ("instances", "results_digest"))
    claimed_n = _int(res["instances"], "result.instances", 1)
    fam = _obj(inst["family"], "instance.family", ("kind",), ("values", "weights"))
    rows = []
    work = 0
    if fam["kind"] == "mixtures":
        cmp, perms, cache = _mixture_setup(sets, compare, "instance.family")
        total = 0
        for ws, rs in _mixture_family(fam, sets.d, "instance.family"):  # first pass: size and work
            total += 1
            work += len(perms) * len(rs)
            if work > LIMITS["mixture_work"] or total > LIMITS["mixture_instances"]:
                raise Invalid(f"instance.family: more than {LIMITS['mixture_work']} permuted rewards or "
                              f"{LIMITS['mixture_instances']} mixtures in total (limit)")
        if claimed_n != total:
            _fail("result.instances", f"claimed {claimed_n}, the family has {total}")
        for ws, rs in _mixture_family(fam, sets.d, "instance.family"):
            got = _mixture_counts(cmp, list(zip(ws, rs)), perms, cache, "instance.family")
            if not claim_holds(name, n, got):
                _fail("result", f"the claim fails on the mixture with weights {[_fmt(w) for w in ws]} and rewards "
                                f"{[[_fmt(x) for x in r] for r in rs]}: counts {got}")
            rows.append([[_fmt(w) for w in ws], [[_fmt(x) for x in r] for r in rs], list(got)])
        what = "mixtures"
    elif fam["kind"] == "reward-multisets":
        total, family = _family(fam, sets.d, "instance.family")
        for r in family:
            work += _multinomial(r)
            if work > LIMITS["exhaustive_work"]:
                raise Invalid(f"instance.family: more than {LIMITS['exhaustive_work']} orbit elements in total (limit)")
            got = _count(sets, compare, r, None, "instance.family")
            if not claim_holds(name, n, got):
                _fail("result", f"the claim fails on reward {[_fmt(x) for x in r]}: counts {got}")
            rows.append([[_fmt(x) for x in r], list(got)])
        what = "instances"
    else:
        _fail("instance.family.kind", f"unknown family {fam['kind']!r} (known: reward-multisets, mixtures)")
    if claimed_n != len(rows):
        _fail("result.instances", f"claimed {claimed_n}, the family has {len(rows)}")
    dig = results_digest(rows)
    if res["results_digest"] != dig:
        _fail("result.results_digest", f"does not match the recomputed per-instance results ({dig})")
    hyp = f"; hypotheses re-checked: {'; '.join(stated)}" if stated else ""
    return f"exhaustive: {name} (n = {_fmt(n)}) holds on all {len(rows)} {what}{hyp}"


# ============================================================================ gamma-sweep
# The γ-sweep of an orbit count (docs/math.md §13.1; docs/sweep.md).  Re-derived here: every visit
# function of the fork as exact rational functions of γ (interpolating det(I − γP)·f at |R|+1
# points per policy), their common denominator, every distinct difference polynomial
# (N_f − N_f')·r' over the orbit (arrangements of the reward on each pair's support), and the
# counts on every piece (brute force at a rational point per interval, at rational breakpoints, and
# at irrational ones at a surrogate point within a root-separation bound).  Checked: each
# irrational breakpoint's polynomial has exactly one root in its interval (Sturm), the breakpoints
# are sorted and separated, and every root in (0, 1) of every difference polynomial is a listed
# breakpoint (Sturm count = number of breakpoints where it vanishes, zero decided by exact gcd).
# Irrational breakpoints of degree 2 or 3 (coefficients below 10^12) are checked irreducible by the
# rational-root test and counted at a surrogate point (which relies on it); every other degree is
# counted with exact signs at the root (_GsRoot: gcd with the polynomial + Sturm counts + bisection),
# which needs no irreducibility (its polynomial need not be minimal).  Not re-checked: that every breakpoint changes a count (a listed breakpoint with equal
# counts around it is harmless).
def _ptrim(p: list) -> list:
    p = list(p)
    while p and p[-1] == 0:
        p.pop()
    return p


def _pdivmod(a: list, b: list) -> tuple:
    a, b = _ptrim(a), _ptrim(b)
    q = [Fraction(0)] * max(1, len(a) - len(b) + 1)
    while len(a) >= len(b) and a:
        c = Fraction(a[-1]) / b[-1]
        k = len(a) - len(b)
        q[k] = c
        for i, x in enumerate(b):
            a[k + i] -= c * x
        a = _ptrim(a[:-1] if a[-1] == 0 else a)
    return _ptrim(q), a


def _pgcd(a: list, b: list) -> list:
    a, b = _ptrim(a), _ptrim(b)
    while b:
        a, b = b, _pdivmod(a, b)[1]
    return [Fraction(x) / a[-1] for x in a] if a else []


def _pmul(a: list, b: list) -> list:
    if not a or not b:
        return []
    out = [Fraction(0)] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                out[i + j] += x * y
    return _ptrim(out)


def _peval(p: list, x: Fraction) -> Fraction:
    acc = Fraction(0)
    for c in reversed(p):
        acc = acc * x + c
    return acc


def _sgn(x) -> int:
    return (x > 0) - (x < 0)


def _sturm_roots(p: list, a: Fraction, b: Fraction) -> int:
    """Distinct real roots of p in the open interval (a, b) (Sturm's theorem on the square-free part)."""
    p = _ptrim(p)
    if len(p) <= 1:
        return 0
    dp = _ptrim([i * c for i, c in enumerate(p)][1:])
    g = _pgcd(p, dp)
    if len(g) > 1:
        p = _pdivmod(p, g)[0]
    if len(p) <= 1:
        return 0
    seq = [p, _ptrim([i * c for i, c in enumerate(p)][1:])]
    while len(seq[-1]) > 1:
        r = _pdivmod(seq[-2], seq[-1])[1]
        if not r:
            break
        seq.append([-c for c in r])

    def var(x):
        signs = [s for s in (_sgn(_peval(q, x)) for q in seq) if s]
        return sum(1 for u, v in zip(signs, signs[1:]) if u != v)

    if _peval(p, a) == 0:
        raise Invalid("internal: a Sturm count needs p(a) != 0")
    return var(a) - var(b) - (1 if _peval(p, b) == 0 else 0)


def _descartes_unit(p: list) -> int:
    """Sign variations of (1+x)^n p(1/(1+x)): 0 proves no root in (0, 1)."""
    n = len(p) - 1
    t = [Fraction(0)] * (n + 1)
    for k, c in enumerate(p):
        if c:
            for j in range(n - k + 1):
                t[j] += c * comb(n - k, j)
    signs = [_sgn(c) for c in t if c]
    return sum(1 for u, v in zip(signs, signs[1:]) if u != v)


def _primitive(p: list) -> tuple:
    p = _ptrim(p)
    den = 1
    for c in p:
        den = den * c.denominator // gcd(den, c.denominator)
    ints = [int(c * den) for c in p]
    g = 0
    for c in ints:
        g = gcd(g, c)
    s = g if ints[0 if ints[0] else next(i for i, c in enumerate(ints) if c)] > 0 else -g
    return tuple(c // s for c in ints)


def _simplest(a: Fraction, b: Fraction) -> Fraction:
    fl = a.numerator // a.denominator
    if fl + 1 < b:
        return Fraction(fl + 1)
    fa, fb = a - fl, b - fl
    if fa == 0:
        return fl + Fraction(1, int(1 / fb) + 1)
    return fl + 1 / _simplest(1 / fb, 1 / fa)


def _sweep_functions(env: Env, s: int, actions: list, where: str) -> dict:
    """{key: (entries num/den per coordinate)} of the distinct visit functions F(s | actions)."""
    d = len(env.states)
    out = {}
    for a in actions:
        for R, pol in env.policies(s, a, where):
            m = len(R)
            xs = [Fraction(1, j + 2) for j in range(m + 1)]
            dets, vals = [], []
            for x in xs:
                f, det = _visit(R, pol, s, x)
                dets.append(det)
                vals.append(f)
            D = _ptrim(_interpolate(xs, dets))
            entries = []
            for u in range(d):
                if u not in R:
                    entries.append(((), (Fraction(1),)))
                    continue
                N = _ptrim(_interpolate(xs, [dt * f[u] for dt, f in zip(dets, vals)]))
                if not N:
                    entries.append(((), (Fraction(1),)))
                    continue
                g = _pgcd(N, D)
                num, den = (_pdivmod(N, g)[0], _pdivmod(D, g)[0]) if len(g) > 1 else (N, D)
                c = den[0]
                entries.append((tuple(x / c for x in num), tuple(x / c for x in den)))
            key = tuple(entries)
            out.setdefault(key, key)
    return out


class _GsRoot:
    """Exact signs of rational polynomials P at the real root β of m isolated in (lo, hi) (m changes
    sign there and has exactly one root in it, Sturm), for any degree and without assuming m
    irreducible: P(β) = 0 iff g = gcd(P, m) has a root in (lo, hi) (every root of g is a root of m,
    and β is the only one there); otherwise the interval is bisected (signs of m) until P has no root
    in it and P(lo') ≠ 0, and the sign of P(lo') is the sign of P(β).  Cached per primitive P."""

    def __init__(self, m: list, lo: Fraction, hi: Fraction, where: str):
        self.m, self.lo, self.hi, self.where = m, lo, hi, where
        self.cache: dict = {}

    def _bisect(self, lo: Fraction, hi: Fraction) -> tuple:
        mid = (lo + hi) / 2
        sm = _sgn(_peval(self.m, mid))
        if sm == 0:
            _fail(self.where, "the breakpoint is rational: give it as a value")
        return (lo, mid) if _sgn(_peval(self.m, lo)) * sm < 0 else (mid, hi)

    def sign(self, p: list) -> int:
        p = _ptrim(p)
        if not p:
            return 0
        first = next(c for c in p if c)
        key = _primitive(p)
        if key not in self.cache:
            q = [Fraction(c) for c in key]
            g = _pgcd(q, self.m)
            if len(g) > 1 and _sturm_roots(g, self.lo, self.hi) == 1:
                self.cache[key] = 0
            else:
                lo, hi = self.lo, self.hi
                while True:
                    if _peval(q, lo) != 0 and _sturm_roots(q, lo, hi) == 0:
                        break
                    if _peval(q, lo) == 0:  # move lo towards β (m keeps its sign) off the root of P
                        t, s_lo = (hi - lo) / 2, _sgn(_peval(self.m, lo))
                        while True:
                            c = lo + t
                            sc = _sgn(_peval(self.m, c))
                            if sc == 0:
                                _fail(self.where, "the breakpoint is rational: give it as a value")
                            if sc == s_lo and _peval(q, c) != 0:
                                lo = c
                                break
                            t /= 2
                        continue
                    lo, hi = self._bisect(lo, hi)
                self.cache[key] = _sgn(_peval(q, lo))
        return self.cache[key] * _sgn(first)


class _GsAlg:
    """An element of ℚ(β) as a rational polynomial in β (not canonical unless m is irreducible):
    addition, scaling and comparisons decided exactly by :class:`_GsRoot`.  Every element hashes
    alike, so sets of option vectors merge exactly the vectors equal at β."""

    __slots__ = ("p", "ctx")

    def __init__(self, p: list, ctx: _GsRoot):
        self.p, self.ctx = _ptrim(p), ctx

    def _poly(self, o) -> list:
        return o.p if isinstance(o, _GsAlg) else ([Fraction(o)] if o else [])

    def __add__(self, o):
        a, b = self.p, self._poly(o)
        n = max(len(a), len(b))
        return _GsAlg([(a[i] if i < len(a) else 0) + (b[i] if i < len(b) else 0) for i in range(n)], self.ctx)

    __radd__ = __add__

    def __mul__(self, c):
        if isinstance(c, _GsAlg):
            raise Invalid("internal: products of two algebraic values are not needed")
        return _GsAlg([x * c for x in self.p], self.ctx)

    __rmul__ = __mul__

    def _cmp(self, o) -> int:
        a, b = self.p, self._poly(o)
        n = max(len(a), len(b))
        return self.ctx.sign([(a[i] if i < len(a) else 0) - (b[i] if i < len(b) else 0) for i in range(n)])

    def __eq__(self, o):
        return self._cmp(o) == 0

    def __ne__(self, o):
        return self._cmp(o) != 0

    def __lt__(self, o):
        return self._cmp(o) < 0

    def __le__(self, o):
        return self._cmp(o) <= 0

    def __gt__(self, o):
        return self._cmp(o) > 0

    def __ge__(self, o):
        return self._cmp(o) >= 0

    def __bool__(self):
        return self._cmp(0) != 0

    def __hash__(self):
        return 0


def _gs_not_rational(m: list, lo: Fraction, hi: Fraction, where: str) -> None:
    """Reject an 'irrational' breakpoint that is rational: β is rational iff m has a rational root in
    (lo, hi), i.e. a linear factor; found exactly by bisecting down to a width below
    1/(2·lead(m)^2) -- a rational root p/q has q | lead(m) -- and testing the one candidate with
    denominator dividing lead(m) per lattice point near the interval."""
    lead = abs(int(m[-1]))
    ctx = _GsRoot(m, lo, hi, where)
    a, b = lo, hi
    while b - a > Fraction(1, 2 * lead * lead):
        a, b = ctx._bisect(a, b)
    c = Fraction(round((a + b) / 2 * lead), lead)  # the only candidate with denominator | lead within 1/(2·lead)
    if a < c < b and _peval(m, c) == 0:
        _fail(where, "the breakpoint is rational: give it as a value")


def _v_gamma_sweep(cert: dict) -> str:
    _obj(cert, "certificate", ("format", "instance", "instance_digest", "kind", "result"), ("note",))
    inst = _obj(cert["instance"], "instance", ("a", "b", "compare", "environment", "reward", "state"))
    _check_digest(cert)
    env = Env(inst["environment"], "instance.environment")
    state = _str(inst["state"], "instance.state")
    if state not in env.index:
        _fail("instance.state", f"unknown state {state!r}")
    s = env.index[state]
    a = _actions_list(inst["a"], env, s, "instance.a")
    b = _actions_list(inst["b"], env, s, "instance.b")
    if set(a) & set(b):
        _fail("instance.b", "the actions of a and b must be different")
    compare = _compare(inst["compare"], "instance.compare")
    d = len(env.states)
    r = _vector(inst["reward"], d, "instance.reward")
    res = _obj(cert["result"], "result", ("breakpoints", "counts"))
    # ---- functions over one common denominator (D(0) = 1, no root in [0, 1))
    FA = _sweep_functions(env, s, a, "instance.a")
    FB = _sweep_functions(env, s, b, "instance.b")
    FC = _sweep_functions(env, s, sorted(env.actions[s]), "instance") if compare != "max" else {}
    funcs = list(dict.fromkeys(list(FA) + list(FB) + list(FC)))
    pos = {f: k for k, f in enumerate(funcs)}
    ia, ib, ic = [pos[f] for f in FA], [pos[f] for f in FB], [pos[f] for f in FC]
    D = [Fraction(1)]
    for f in funcs:
        for _, den in f:
            D = _pmul(D, _pdivmod(list(den), _pgcd(D, list(den)))[0])
    c0 = D[0]
    D = [x / c0 for x in D]
    nums = [[_pmul(list(num), _pdivmod(D, list(den))[0]) if num else [] for num, den in f] for f in funcs]
    big = 1
    for f in nums:
        for p in f:
            for c in p:
                big = big * c.denominator // gcd(big, c.denominator)
    N = [[[int(c * big) for c in p] for p in f] for f in nums]
    scale = 1
    for x in r:
        scale = scale * x.denominator // gcd(scale, x.denominator)
    ri = [int(x * scale) for x in r]
    # ---- relevant pairs and distinct difference polynomials
    if compare == "max":
        raw = [(u, v) for u in ib for v in ia]
    elif compare == "is-optimal":
        raw = [(u, v) for u in sorted(set(ia) | set(ib)) for v in ic]
    else:
        every = sorted(set(ia) | set(ib) | set(ic))
        raw = [(u, v) for i, u in enumerate(every) for v in every[i + 1:]]
    pairs = sorted({(min(u, v), max(u, v)) for u, v in raw if u != v})

    def diff(u, v, i):
        x, y = N[u][i], N[v][i]
        L = max(len(x), len(y))
        return [(x[k] if k < len(x) else 0) - (y[k] if k < len(y) else 0) for k in range(L)]

    polys = set()
    work = 0
    for u, v in pairs:
        rows = [(i, diff(u, v, i)) for i in range(d)]
        rows = [(i, p) for i, p in rows if any(p)]
        if not rows:
            continue
        t = len(rows)
        seen_arr = set()
        for perm in _distinct_permutations(ri):
            arr = tuple(perm[:t])
            if arr in seen_arr:
                continue
            seen_arr.add(arr)
            work += 1
            if work > LIMITS["sweep_polynomials"]:
                raise Invalid(f"result: more than {LIMITS['sweep_polynomials']} difference polynomials (limit)")
            L = max(len(p) for _, p in rows)
            acc = [0] * L
            for val, (_, p) in zip(arr, rows):
                if val:
                    for k, c in enumerate(p):
                        acc[k] += val * c
            if any(acc):
                polys.add(_primitive([Fraction(c) for c in acc]))
    if compare == "frac-optimal":  # γ where two functions coincide as vectors: option sets merge them
        every = sorted(set(ia) | set(ib) | set(ic))
        for i, u in enumerate(every):
            for v in every[i + 1:]:
                g = []
                for k in range(d):
                    p = _ptrim([Fraction(c) for c in diff(u, v, k)])
                    if p:
                        g = p if not g else _pgcd(g, p)
                if len(g) > 1:
                    polys.add(_primitive(g))
    # ---- breakpoints: isolating intervals, sorted, separated
    bps = []
    for k, raw_bp in enumerate(_list(res["breakpoints"], "result.breakpoints", nonempty=False)):
        w = f"result.breakpoints[{k}]"
        if isinstance(raw_bp, dict) and "value" in raw_bp:
            _obj(raw_bp, w, ("value",))
            v = _rat(raw_bp["value"], f"{w}.value")
            if not 0 < v < 1:
                _fail(f"{w}.value", "a breakpoint lies in (0, 1)")
            bps.append((None, v, v))
            continue
        _obj(raw_bp, w, ("interval", "minimal_polynomial"))
        m = [_rat(c, f"{w}.minimal_polynomial") for c in _list(raw_bp["minimal_polynomial"], f"{w}.minimal_polynomial")]
        if any(c.denominator != 1 for c in m) or len(_ptrim(m)) < 3 or len(_ptrim(m)) != len(m):
            _fail(f"{w}.minimal_polynomial", "an integer polynomial of degree ≥ 2 (lowest degree first)")
        iv = _list(raw_bp["interval"], f"{w}.interval")
        if len(iv) != 2:
            _fail(f"{w}.interval", "two rational ends")
        lo, hi = _rat(iv[0], f"{w}.interval"), _rat(iv[1], f"{w}.interval")
        if not 0 < lo < hi < 1:
            _fail(f"{w}.interval", "needs 0 < lo < hi < 1")
        if _sgn(_peval(m, lo)) * _sgn(_peval(m, hi)) >= 0 or _sturm_roots(m, lo, hi) != 1:
            _fail(f"{w}", "the interval does not isolate exactly one root of the polynomial")
        if len(m) > 4 or abs(m[0]) >= 10**12 or abs(m[-1]) >= 10**12:
            # any degree: counted with exact signs at the root (_GsRoot), which never relies on
            # irreducibility; a listed root that is rational is rejected
            _gs_not_rational(m, lo, hi, w)
            bps.append((m, lo, hi))
            continue
        for num in _divisors(int(m[0])):  # degree 2 or 3: irreducible iff no rational root num/q
            for q in _divisors(int(m[-1])):
                for cand in (Fraction(num, q), Fraction(-num, q)):
                    if _peval(m, cand) == 0:
                        _fail(f"{w}.minimal_polynomial", f"is reducible (root {_fmt(cand)})")
        bps.append((m, lo, hi))
    for k in range(len(bps) - 1):
        if not bps[k][2] < bps[k + 1][1]:
            _fail(f"result.breakpoints[{k + 1}]", "breakpoints must be sorted with disjoint intervals")

    def vanishes(p: list, bp) -> bool:
        m, lo, hi = bp
        if m is None:
            return _peval(p, lo) == 0
        g = _pgcd(p, m)
        return len(g) > 1 and _sturm_roots(g, lo, hi) == 1

    for p in sorted(polys):
        pf = [Fraction(c) for c in p]
        if _descartes_unit(pf) == 0:
            continue
        while pf and pf[0] == 0:  # the root γ = 0 is not in (0, 1)
            pf = pf[1:]
        n = _sturm_roots(pf, Fraction(0), Fraction(1))
        z = 0
        for k, bp in enumerate(bps):
            if vanishes(pf, bp):
                z += 1
                m = bp[0]
                if m is not None and (len(m) > 4 or abs(m[0]) >= 10**12 or abs(m[-1]) >= 10**12) and _pdivmod(pf, m)[1]:
                    _fail(f"result.breakpoints[{k}].minimal_polynomial",
                          f"is not minimal: it does not divide the difference polynomial {list(p)}, which vanishes there")
        if z != n:
            _fail("result.breakpoints", f"the difference polynomial {list(p)} has {n} roots in (0, 1) but "
                                        f"vanishes at {z} listed breakpoints (a breakpoint is missing)")
    # ---- counts on every piece
    claimed = _list(res["counts"], "result.counts")
    if len(claimed) != 2 * len(bps) + 1:
        _fail("result.counts", f"expected {2 * len(bps) + 1} pieces (intervals and breakpoints)")
    rest = [x for x in sorted(env.actions[s]) if x not in a and x not in b]

    def sets_at(vectors: list) -> Sets:
        A = frozenset((vectors[u],) for u in ia)
        B = frozenset((vectors[u],) for u in ib)
        C = frozenset((vectors[u],) for u in ic) if compare != "max" else A | B
        return Sets(env.states, A, B, C)

    def at_rational(g: Fraction, where: str) -> tuple:
        sem = {"kind": "discounted", "gamma": g}
        A = _options(env, s, a, sem, where)
        B = _options(env, s, b, sem, where)
        C = A | B | _options(env, s, rest, sem, where) if rest else A | B
        return _count(Sets(env.states, A, B, C), compare, r, None, where)

    def at_root(m: list, lo: Fraction, hi: Fraction, where: str) -> tuple:
        k = len(m) - 1
        if k > 3 or abs(m[0]) >= 10**12 or abs(m[-1]) >= 10**12:  # exact signs at the root, any degree
            ctx = _GsRoot(m, lo, hi, where)
            vecs = [tuple(_GsAlg(_pdivmod([Fraction(c) for c in p], m)[1] if p else [], ctx) for p in f) for f in N]
            return _count(sets_at(vecs), compare, r, None, where)
        red = [[_pdivmod([Fraction(c) for c in p], m)[1] for p in f] for f in N]
        den = 1
        for f in red:
            for p in f:
                for c in p:
                    den = den * c.denominator // gcd(den, c.denominator)
        red = [[[int(c * den) for c in p] for p in f] for f in red]
        H = 1
        for i, f in enumerate(red):
            for g2 in red[i + 1:]:
                for x, y in zip(f, g2):
                    L = max(len(x), len(y))
                    for j in range(L):
                        H = max(H, abs((x[j] if j < len(x) else 0) - (y[j] if j < len(y) else 0)))
        L1 = k * max(1, sum(abs(x) for x in ri)) * H
        lead = abs(int(m[-1]))
        B = 1 + max(-(-abs(int(c)) // lead) for c in m[:-1])
        width = Fraction(1, 2 * k * L1 * lead ** (k - 1) * (L1 * B ** (k - 1)) ** (k - 1))
        while hi - lo > width:
            mid = (lo + hi) / 2
            if _sgn(_peval(m, lo)) * _sgn(_peval(m, mid)) < 0:
                hi = mid
            else:
                lo = mid
        g = (lo + hi) / 2
        vecs = [tuple(_peval([Fraction(c) for c in p], g) for p in f) for f in red]
        return _count(sets_at(vecs), compare, r, None, where)

    left = Fraction(0)
    for k in range(len(bps) + 1):
        right = bps[k][1] if k < len(bps) else Fraction(1)
        w = f"result.counts[{2 * k}]"
        _check_counts(_counts_obj(claimed[2 * k], w), at_rational(_simplest(left, right), w), w)
        if k < len(bps):
            m, lo, hi = bps[k]
            w = f"result.counts[{2 * k + 1}]"
            got = at_rational(lo, w) if m is None else at_root(m, lo, hi, w)
            _check_counts(_counts_obj(claimed[2 * k + 1], w), got, w)
            left = hi
    irr = sum(1 for m, _, _ in bps if m is not None)
    return (f"gamma-sweep: {len(bps)} breakpoints ({irr} irrational) cover the roots of {len(polys)} distinct "
            f"difference polynomials; counts re-derived on all {2 * len(bps) + 1} pieces")


def _divisors(n: int) -> list:
    n = abs(n)
    if not n:
        return [1]
    from math import isqrt

    small = [k for k in range(1, isqrt(n) + 1) if n % k == 0]
    return sorted(set(small) | {n // k for k in small})

# ============================================================================ power (iid D)
# POWER_D(s, γ) = ((1−γ)/γ)·E[max_{f∈F(s)} (f(γ) − e_s)·r] for iid r, and its gain limit
# E[max_{d∈RSD(s)} d·r] (docs/math.md §1.6, §13.2; docs/power.md).  Re-checked from the embedded
# environment: the options are re-derived (every policy from s); a coordinate where every option has
# the same entry c contributes c·E[X] and is dropped.  Finite-support D: the expectation is
# re-computed by enumerating every reward vector.  D = uniform on [0, 1] ({"kind": "uniform"}):
# options dominated componentwise are dropped (rewards are >= 0, so the max is unchanged) and
# E[max] = Σ_x ∫_{K_x} x·r over the cells K_x = {r ∈ [0,1]^k : x·r >= x'·r ∀x'} is re-computed by
# Lasserre's recursion in exact integers (the solver uses the same method in separate code, checked
# there against iterated integration).
#
# Witness form for uniform (result.evidence, docs/power.md): instead of re-computing, the verifier
# checks a triangulation of the lifted polytope P = {(r, t) : r ∈ [0,1]^k, x·r <= t <= T ∀x}
# (T = max_x Σ_j max(0, x_j) + 1), for which E[max_x x·r] = T − vol(P).  Checked: every vertex
# satisfies every constraint of P (built here from the re-derived options); every simplex has k+2
# distinct vertices and non-zero determinant; every facet of a simplex is either shared by exactly
# two simplices whose other vertices lie strictly on opposite sides, or lies in a bounding hyperplane
# of P (all its vertices tight on one constraint).  Then the number of simplices covering a point is
# the same constant c on the interior of P (it cannot change across a shared facet), so
# Σ vol(simplex) = c·vol(P).  The boundary facets on the graph constraint t = x·r project onto the
# cell K_x with multiplicity c, so Σ_x (projected volumes) = c; the verifier checks this sum is 1,
# which proves c = 1.  Cell volumes give the optimality probabilities, Σ|det|/(k+1)! gives vol(P).
POWER_LIMITS = {"power_work": 4_000_000, "power_values": 64, "power_cells": 20_000_000,
                "power_vertices": 200_000, "power_simplices": 400_000, "power_witness_work": 10**9}


def _lass_norm(cons):
    """Constraints a·x <= b as coprime integer tuples, trivial ones dropped; None if infeasible."""
    out = set()
    for a, b in cons:
        if not any(a):
            if b < 0:
                return None
            continue
        g = gcd(*a, b)
        out.add((tuple(x // g for x in a), b // g))
    return tuple(sorted(out))


def _lass(cons, k: int, memo: dict):
    """(volume, first moments) of the bounded polytope {x in R^k : a·x <= b} (Lasserre's recursion:
    ∫_P f = 1/(k+q) Σ_F (b_F/|a_Fj|) ∫_{π_j F} f for f homogeneous of degree q)."""
    if cons in memo:
        return memo[cons]
    zero = Fraction(0)
    if k == 1:
        lo = hi = None
        for (a0,), b in cons:
            v = Fraction(b, a0)
            if a0 > 0:
                hi = v if hi is None else min(hi, v)
            else:
                lo = v if lo is None else max(lo, v)
        if lo is None or hi is None:
            raise Invalid("power: unbounded cell")
        res = (hi - lo, ((hi * hi - lo * lo) / 2,)) if hi > lo else (zero, (zero,))
        memo[cons] = res
        return res
    vol, m1 = zero, [zero] * k
    for a, b in cons:
        if not b:
            continue
        j = next(i for i, x in enumerate(a) if x)
        m, sg = abs(a[j]), (1 if a[j] > 0 else -1)
        sub = []
        for c, d in cons:
            if (c, d) != (a, b):
                t = sg * c[j]
                sub.append((tuple(m * c[i] - t * a[i] for i in range(k) if i != j), m * d - t * b))
        sub = _lass_norm(sub)
        if sub is None:
            continue
        fv, fm = _lass(sub, k - 1, memo)
        if not fv:
            continue
        w = Fraction(b, m)
        vol += w * fv
        others = [i for i in range(k) if i != j]
        for pos, i in enumerate(others):
            m1[i] += w * fm[pos]
        m1[j] += w * (b * fv - sum(a[i] * fm[pos] for pos, i in enumerate(others))) / a[j]
    res = (vol / k, tuple(x / (k + 1) for x in m1))
    memo[cons] = res
    return res


def _pw_det(M: list) -> int:
    """Determinant of a square integer matrix (Bareiss, exact)."""
    M = [list(r) for r in M]
    n, sign, prev = len(M), 1, 1
    for i in range(n):
        if not M[i][i]:
            sw = next((j for j in range(i + 1, n) if M[j][i]), None)
            if sw is None:
                return 0
            M[i], M[sw] = M[sw], M[i]
            sign = -sign
        for j in range(i + 1, n):
            for c in range(i + 1, n):
                M[j][c] = (M[j][c] * M[i][i] - M[j][i] * M[i][c]) // prev
        prev = M[i][i]
    return sign * M[n - 1][n - 1]


def _pw_witness(X: list, ev, where: str) -> tuple:
    """(T − vol P, {x: vol K_x}) from a triangulation of the lifted polytope of the distinct reduced
    options X (section comment)."""
    _obj(ev, where, ("simplices", "vertices"))
    k = len(X[0])
    T = max(sum((max(Fraction(0), v) for v in x), Fraction(0)) for x in X) + 1
    cons = []  # (a, b, option or None): a·y <= b
    for j in range(k):
        e = [Fraction(0)] * (k + 1)
        e[j] = Fraction(-1)
        cons.append((tuple(e), Fraction(0), None))
        e = [Fraction(0)] * (k + 1)
        e[j] = Fraction(1)
        cons.append((tuple(e), Fraction(1), None))
    cons.append(((Fraction(0),) * k + (Fraction(1),), T, None))
    for x in X:
        cons.append((tuple(x) + (Fraction(-1),), Fraction(0), x))
    raw_v = _list(ev["vertices"], f"{where}.vertices", limit=POWER_LIMITS["power_vertices"])
    V, masks = [], []
    for i, rv in enumerate(raw_v):
        w = f"{where}.vertices[{i}]"
        v = _vector(rv, k + 1, w)
        m = 0
        for c, (a, b, _) in enumerate(cons):
            val = sum((p * q for p, q in zip(a, v)), Fraction(0))
            if val > b:
                _fail(w, f"violates constraint {c} of the lifted polytope")
            if val == b:
                m |= 1 << c
        V.append(v)
        masks.append(m)
    L = 1
    for v in V:
        for q in v:
            L = L * q.denominator // gcd(L, q.denominator)
    Vi = [tuple(int(q * L) for q in v) for v in V]
    raw_s = _list(ev["simplices"], f"{where}.simplices", limit=POWER_LIMITS["power_simplices"])
    if len(raw_s) * (k + 1) ** 3 > POWER_LIMITS["power_witness_work"]:
        _fail(f"{where}.simplices", f"{len(raw_s)} simplices in {k + 1} dimensions exceed the work limit "
              f"{POWER_LIMITS['power_witness_work']} (simplices × dimension³)")
    seen, facets, total = set(), {}, 0
    for i, rs in enumerate(raw_s):
        w = f"{where}.simplices[{i}]"
        idx = [_int(x, f"{w}[{j}]") for j, x in enumerate(_list(rs, w))]
        if len(idx) != k + 2 or len(set(idx)) != k + 2:
            _fail(w, f"expected {k + 2} distinct vertex indices")
        if max(idx) >= len(V):
            _fail(w, "vertex index out of range")
        key = tuple(sorted(idx))
        if key in seen:
            _fail(w, "duplicate simplex")
        seen.add(key)
        o = Vi[key[0]]
        det = _pw_det([[a - b for a, b in zip(Vi[u], o)] for u in key[1:]])
        if not det:
            _fail(w, "degenerate simplex (zero volume)")
        total += abs(det)
        sg = 1 if det > 0 else -1
        for pos in range(k + 2):
            side = sg if (k + 1 - pos) % 2 == 0 else -sg
            facets.setdefault(key[:pos] + key[pos + 1:], []).append((side, i))
    cells = {x: 0 for x in X}
    for f, users in facets.items():
        if len(users) == 2:
            if users[0][0] == users[1][0]:
                _fail(f"{where}.simplices[{users[1][1]}]", "shares a facet with a simplex on the same side")
            continue
        if len(users) > 2:
            _fail(f"{where}.simplices[{users[2][1]}]", "a facet shared by more than two simplices")
        tight = -1
        for u in f:
            tight &= masks[u]
        if not tight:
            _fail(f"{where}.simplices[{users[0][1]}]", "a facet neither shared nor on the boundary of the polytope")
        for c, (_, _, x) in enumerate(cons):
            if x is not None and tight >> c & 1:
                o = Vi[f[0]]
                cells[x] += abs(_pw_det([[a - b for a, b in zip(Vi[u][:k], o[:k])] for u in f[1:]]))
    scale = Fraction(1, L ** k * factorial(k))
    vols = {x: c * scale for x, c in cells.items()}
    if sum(vols.values()) != 1:
        _fail(where, f"the cells' volumes sum to {_fmt(sum(vols.values()))}, not 1 (not a triangulation)")
    vol = Fraction(total, L ** (k + 1) * factorial(k + 1))
    return T - vol, vols


def _pw_reduced(opts: list, keep: list) -> list:
    return sorted({tuple(x[j] for j in keep) for x in opts})


def _uniform_cells(opts: list, keep: list, where: str) -> dict:
    """{reduced option: (vol K_x, first moments)} for the options not dominated componentwise."""
    X = list({tuple(x[j] for j in keep) for x in opts})
    X = [x for x in X if not any(y != x and all(p <= q for p, q in zip(x, y)) for y in X)]
    k, n = len(keep), len(X)
    mm = 2 * k + n - 1
    work = n * sum(comb(mm, t) for t in range(k))
    if work > POWER_LIMITS["power_cells"]:
        raise Invalid(f"{where}: {n} cells in {k} dimensions exceed the limit {POWER_LIMITS['power_cells']} "
                      "(cells × faces)")
    den = 1
    for x in X:
        for v in x:
            den = den * v.denominator // gcd(den, v.denominator)
    Xi = [tuple(int(v * den) for v in x) for x in X]
    cube = []
    for i in range(k):
        cube.append((tuple(int(i == j) for j in range(k)), 1))
        cube.append((tuple(-int(i == j) for j in range(k)), 0))
    out = {}
    for i, xi in enumerate(Xi):
        cell = _lass_norm(cube + [(tuple(p - q for p, q in zip(xj, xi)), 0) for j, xj in enumerate(Xi) if j != i])
        out[X[i]] = (Fraction(0), (Fraction(0),) * k) if cell is None else _lass(cell, k, {})
    return out


def _power_uniform(opts: list, keep: list, where: str, ev=None) -> Fraction:
    if ev is not None:
        return _pw_witness(_pw_reduced(opts, keep), ev, f"{where} evidence")[0]
    cells = _uniform_cells(opts, keep, where)
    return sum((sum(v * mo for v, mo in zip(x, m1)) for x, (_, m1) in cells.items()), Fraction(0))


def _power_probabilities(C: list, subsets: list, vals, probs, where: str, ev=None) -> list:
    """P(max_A >= max_C) for each A (ties count): enumeration, or cell volumes for uniform."""
    d = len(C[0])
    keep = [j for j in range(d) if any(x[j] != C[0][j] for x in C)]
    if not keep:
        return [Fraction(1) if A else Fraction(0) for A in subsets]
    if vals is None:
        if ev is not None:
            vols = _pw_witness(_pw_reduced(C, keep), ev, f"{where} evidence")[1]
        else:
            vols = {x: v for x, (v, _) in _uniform_cells(C, keep, where).items()}
        out = []
        for A in subsets:
            red = {tuple(x[j] for j in keep) for x in A}
            out.append(sum((vols[x] for x in red if x in vols), Fraction(0)))
        return out
    work = len(vals) ** len(keep) * len(C)
    if work > POWER_LIMITS["power_work"]:
        raise Invalid(f"{where}: {work} reward vectors × options exceed the limit {POWER_LIMITS['power_work']}")
    out = [Fraction(0)] * len(subsets)
    for combo in product(range(len(vals)), repeat=len(keep)):
        p = Fraction(1)
        for c in combo:
            p *= probs[c]
        r = [vals[c] for c in combo]
        best = max(sum(x[j] * v for j, v in zip(keep, r)) for x in C)
        for i, A in enumerate(subsets):
            if any(sum(x[j] * v for j, v in zip(keep, r)) == best for x in A):
                out[i] += p
    return out


def _power_dist(raw, where: str) -> tuple:
    if isinstance(raw, dict) and "kind" in raw:
        _obj(raw, where, ("kind",))
        if raw["kind"] != "uniform":
            _fail(f"{where}.kind", f"unknown distribution {raw['kind']!r} (uniform, or values with probabilities)")
        return None, None
    _obj(raw, where, ("probabilities", "values"))
    vals = [_rat(v, f"{where}.values[{i}]") for i, v in enumerate(_list(raw["values"], f"{where}.values",
                                                                         limit=POWER_LIMITS["power_values"]))]
    probs = [_rat(p, f"{where}.probabilities[{i}]") for i, p in enumerate(_list(raw["probabilities"],
                                                                                 f"{where}.probabilities"))]
    if len(vals) != len(probs):
        _fail(where, "as many probabilities as values are needed")
    if len(set(vals)) != len(vals):
        _fail(f"{where}.values", "values must be distinct")
    for i, p in enumerate(probs):
        if not 0 < p <= 1:
            _fail(f"{where}.probabilities[{i}]", "a probability must lie in (0, 1]")
    if sum(probs) != 1:
        _fail(f"{where}.probabilities", f"probabilities sum to {_fmt(sum(probs))}, not 1")
    return vals, probs


def _power_expectation(opts: list, vals: list, probs: list, where: str, ev=None) -> Fraction:
    """E[max_{x∈opts} x·r] for r iid with the given finite distribution, by enumeration."""
    d = len(opts[0])
    keep = [j for j in range(d) if any(x[j] != opts[0][j] for x in opts)]
    mean = Fraction(1, 2) if vals is None else sum(v * p for v, p in zip(vals, probs))
    base = sum((opts[0][j] for j in range(d) if j not in keep), Fraction(0)) * mean
    if not keep:
        return base
    if vals is None:
        return base + _power_uniform(opts, keep, where, ev)
    work = len(vals) ** len(keep) * len(opts)
    if work > POWER_LIMITS["power_work"]:
        raise Invalid(f"{where}: {work} reward vectors × options exceed the limit {POWER_LIMITS['power_work']}")
    den = 1
    for x in opts:
        for j in keep:
            den = den * x[j].denominator // gcd(den, x[j].denominator)
    X = [[int(x[j] * den) for j in keep] for x in opts]
    total = Fraction(0)
    for combo in product(range(len(vals)), repeat=len(keep)):
        p = Fraction(1)
        for c in combo:
            p *= probs[c]
        r = [vals[c] for c in combo]
        best = max(sum(a * b for a, b in zip(row, r)) for row in X)
        total += p * best
    return base + total / den


def _power_at(env: Env, s: int, sem: dict, vals, probs, where: str, ev=None) -> Fraction:
    if sem["kind"] == "discounted" and sem["gamma"] == 0:  # the γ → 0 limit: E[max_a E_{T(s,a)} r]
        d = len(env.states)
        opts = set()
        for a in sorted(env.actions[s]):
            v = [Fraction(0)] * d
            for t, p in env.actions[s][a]:
                v[t] += p
            opts.add(tuple(v))
        return _power_expectation(sorted(opts), vals, probs, where, ev)
    opts = [o[0] for o in _options(env, s, sorted(env.actions[s]), sem, where)]
    if sem["kind"] == "discounted":
        g = sem["gamma"]
        opts = [tuple(x - (1 if j == s else 0) for j, x in enumerate(o)) for o in opts]
        return (1 - g) / g * _power_expectation(opts, vals, probs, where, ev)
    return _power_expectation(opts, vals, probs, where, ev)


def _v_power_sets(cert: dict) -> str:
    """p_D(A >= B) and p_D(B >= A) for two embedded vector sets (optprob --sets)."""
    inst = _obj(cert["instance"], "instance", ("distribution", "sets"))
    _check_digest(cert)
    vals, probs = _power_dist(inst["distribution"], "instance.distribution")
    sets = _obj(inst["sets"], "instance.sets", ("A", "B"))
    rows = _list(sets["A"], "instance.sets.A", limit=LIMITS["set_size"])
    d = len(_list(rows[0], "instance.sets.A[0]", limit=LIMITS["dimension"]))
    A = [_vector(v, d, f"instance.sets.A[{i}]") for i, v in enumerate(rows)]
    B = [_vector(v, d, f"instance.sets.B[{i}]")
         for i, v in enumerate(_list(sets["B"], "instance.sets.B", limit=LIMITS["set_size"]))]
    res = _obj(cert["result"], "result", ("p_A_ge_B", "p_B_ge_A"), ("evidence",))
    ev = None
    if "evidence" in res:
        if vals is not None:
            _fail("result.evidence", "evidence is for the uniform distribution only")
        ev = _obj(res["evidence"], "result.evidence", ("sets",))["sets"]
    C = sorted(set(A) | set(B))
    got = _power_probabilities(C, [A, B], vals, probs, "result", ev)
    for key, g in zip(("p_A_ge_B", "p_B_ge_A"), got):
        v = _rat(res[key], f"result.{key}")
        if v != g:
            _fail(f"result.{key}", f"claimed {res[key]}, recomputed {_fmt(g)}")
    dist = "iid uniform[0, 1]" if vals is None else f"a {len(vals)}-valued iid distribution"
    how = " (triangulation witness checked)" if ev is not None else ""
    return f"p(A >= B) and p(B >= A) for {len(A)} and {len(B)} vectors under {dist}{how}"


def _v_power(cert: dict) -> str:
    _obj(cert, "certificate", ("format", "instance", "instance_digest", "kind", "result"), ("note",))
    if isinstance(cert["instance"], dict) and "sets" in cert["instance"]:
        return _v_power_sets(cert)
    inst = _obj(cert["instance"], "instance", ("distribution", "environment", "semantics"))
    _check_digest(cert)
    env = Env(inst["environment"], "instance.environment")
    sem = _semantics(inst["semantics"], "instance.semantics")
    if sem["kind"] == "blackwell":
        _fail("instance.semantics", "power certificates cover 0 <= gamma < 1 and gain")
    vals, probs = _power_dist(inst["distribution"], "instance.distribution")
    res = _obj(cert["result"], "result", (), ("evidence", "optimality", "power", "seeking"))
    if not set(res) - {"evidence"}:
        _fail("result", "expected at least one of power, optimality, seeking")
    evidence = {}
    if "evidence" in res:
        if vals is None:
            evidence = _obj(res["evidence"], "result.evidence", (), ("optimality", "power"))
        else:
            _fail("result.evidence", "evidence is for the uniform distribution only")
    ev_power = _obj(evidence.get("power", {}), "result.evidence.power", (), env.states)
    done = []
    cache: dict = {}

    def power_of(s: int, where: str) -> Fraction:
        if s not in cache:
            cache[s] = _power_at(env, s, sem, vals, probs, where, ev_power.get(env.states[s]))
        return cache[s]

    if "power" in res:
        claimed = _obj(res["power"], "result.power", (), env.states)
        if not claimed:
            _fail("result.power", "no state")
        for name, value in sorted(claimed.items()):
            w = f"result.power.{name}"
            v = _rat(value, w)
            got = power_of(env.index[name], w)
            if got != v:
                _fail(w, f"claimed {value}, recomputed {_fmt(got)}")
        done.append(f"power at {len(claimed)} state(s)")
    for key in ("optimality", "seeking"):
        if key not in res:
            continue
        w = f"result.{key}"
        if key == "optimality" and sem["kind"] == "discounted" and sem["gamma"] == 0:
            _fail("instance.semantics", "optimality probabilities need 0 < gamma < 1 or gain")
        field = "probabilities" if key == "optimality" else "expected_power"
        obj = _obj(res[key], w, ("state", field))
        name = _str(obj["state"], f"{w}.state")
        if name not in env.index:
            _fail(f"{w}.state", f"unknown state {name!r}")
        s = env.index[name]
        acts = sorted(env.actions[s])
        claimed = _obj(obj[field], f"{w}.{field}", tuple(acts))
        if key == "optimality":
            C = [o[0] for o in _options(env, s, acts, sem, w)]
            subsets = [[o[0] for o in _options(env, s, [a], sem, w)] for a in acts]
            got = dict(zip(acts, _power_probabilities(C, subsets, vals, probs, w, evidence.get("optimality"))))
        else:
            got = {a: sum((p * power_of(t, w) for t, p in env.actions[s][a]), Fraction(0)) for a in acts}
        for a in acts:
            v = _rat(claimed[a], f"{w}.{field}.{a}")
            if got[a] != v:
                _fail(f"{w}.{field}.{a}", f"claimed {claimed[a]}, recomputed {_fmt(got[a])}")
        done.append(f"{key} at {name}")
    dist = "iid uniform[0, 1]" if vals is None else f"a {len(vals)}-valued iid distribution"
    n_ev = len(ev_power) + ("optimality" in evidence)
    how = f" ({n_ev} triangulation witness(es) checked)" if n_ev else ""
    return f"{', '.join(done)} under {dist}{how}"

# ============================================================================ unit-block evidence
# Structural evidence for orbit counts under the comparison max (docs/certificates.md, "Unit-block
# evidence"; docs/math.md §2.1).  Its size and checking time depend on the block structure, not on
# the number of classes.  The evidence names the blocks of interchangeable "needy" coordinates;
# the verifier
#
# * re-derives the option sets (deterministic environments: one option per lasso -- a simple path
#   from the state followed by a cycle -- which is exactly the set of trajectories of the
#   deterministic stationary policies; other environments: as everywhere else in this file);
# * checks that each consecutive transposition inside a block maps A and B onto themselves, so the
#   block's symmetric group fixes A and B; that every option meets each block in at most one
#   coordinate (unit-like); that the column of every coordinate outside the blocks is the same in
#   every option (it adds the same amount to every option's value, so it changes no comparison);
# * counts.  By the block symmetry the options meeting a block come in families w + c e_i (i in the
#   block), so max over A (resp. B) depends only on each block's maximum (c lexicographically
#   positive; singletons: the value itself): it is a maximum of linear forms in the block maxima.
#   Order statistics (_unit_order_statistics): at most one singleton used only by A and one used
#   only by B (positive columns) are summed in closed form, the other blocks' maxima enumerated.
#   With d distinct values, outer maxima at ranks x_q and the singletons at ranks i, j, the number of
#   arrangements is R! prod s_q! sum_eps (-1)^|eps| prod_q C(T_q - c_q - S_q, s_q): inclusion-
#   exclusion over "block q below rank T_q = x_q + 1 - eps_q", blocks in ascending order of T
#   (S_q = sizes before), c_q = #{i, j below T_q}, R = coordinates outside the blocks.  The weight is
#   constant on segments between thresholds; g_A rises with i and g_B with j, so pairs by sign come
#   from the ranks R_i = #{j : g_B(j) <= g_A(i)} (bisection) and prefix sums.  The older count
#   (_unit_enumerate: every tuple of the other blocks' maxima, one block L used by one side only
#   summed by the hockey stick sum_{a<=x<b} C(x - S, s - 1) = C(b - S, s) - C(a - S, s)) is kept as
#   the twin the tests compare against.  The total must be d!.  Options of deterministic
#   environments are re-derived sparsely (_lasso_sparse: path and cycle states only).
#
# NOT re-checked here: that the blocks are maximal (any partition into such blocks gives the same
# count).  Reward values must be distinct and the comparison must be max.

UNIT_LIMITS = {"lassos": 50_000, "tuples": 2_000_000, "blocks": 8, "option_entries": 20_000_000}


def _unit_evidence(cert) -> bool:
    """True iff the certificate carries unit-block evidence (dispatch from _v_orbit_count)."""
    res = cert.get("result") if isinstance(cert, dict) else None
    ev = res.get("evidence") if isinstance(res, dict) else None
    return isinstance(ev, dict) and "structure" in ev


def _lassos(env: Env, s: int, a: str, where: str) -> list:
    """Trajectories (path, cycle) from s with first action a in a deterministic environment."""
    out = []
    first = env.actions[s][a][0][0]
    stack = [([s], first)]
    while stack:
        path, nxt = stack.pop()
        if nxt in path:
            k = path.index(nxt)
            out.append((path[:k], path[k:]))
            if len(out) > UNIT_LIMITS["lassos"]:
                raise Invalid(f"{where}: more than {UNIT_LIMITS['lassos']} trajectories (limit)")
            continue
        for b in sorted(env.actions[nxt]):
            stack.append((path + [nxt], env.actions[nxt][b][0][0]))
    return out


def _lasso_series(k: int, t: int, L: int, K: int) -> list:
    """Coefficients of eps^0..eps^{K-1} of (1-gamma) * (visits of the state at time t), eps = 1 - gamma:
    eps (1-eps)^t on the path (t < k); (1-eps)^t eps / (1 - (1-eps)^L) on the cycle."""
    num = [Fraction(comb(t, i) * (-1) ** i) for i in range(min(t, K - 1) + 1)] + [Fraction(0)] * K
    if t < k:
        return ([Fraction(0)] + num)[:K]
    den = [Fraction(comb(L, i + 1) * (-1) ** i) for i in range(L)]
    return _series_div(num[:K], den, K)


def _lasso_options(env: Env, s: int, actions: list, sem: dict, where: str) -> frozenset:
    d = len(env.states)
    K = 2 * d + 2
    out = set()
    for a in actions:
        lassos = _lassos(env, s, a, where)
        work = len(lassos) * d * (K if sem["kind"] == "blackwell" else 1)
        if work > UNIT_LIMITS["option_entries"]:
            raise Invalid(f"{where}: {len(lassos)} trajectories x {d} states"
                          f"{f' x {K} layers' if sem['kind'] == 'blackwell' else ''} exceed the limit "
                          f"{UNIT_LIMITS['option_entries']} option entries")
        for path, cyc in lassos:
            k, L = len(path), len(cyc)
            f = {}
            if sem["kind"] == "gain":
                out.add((tuple(Fraction(1, L) if u in cyc else Fraction(0) for u in range(d)),))
                continue
            if sem["kind"] == "discounted":
                g = sem["gamma"]
                for t, u in enumerate(path):
                    f[u] = g ** t
                for j, u in enumerate(cyc):
                    f[u] = g ** (k + j) / (1 - g ** L)
                out.add((tuple(f.get(u, Fraction(0)) for u in range(d)),))
                continue
            for t, u in enumerate(path + cyc):
                f[u] = _lasso_series(k, t, L, K)
            out.add(tuple(tuple(f[u][j] if u in f else Fraction(0) for u in range(d)) for j in range(K)))
    return frozenset(out)


def _lasso_sparse(env: Env, s: int, actions: list, sem: dict, where: str) -> list:
    """The options of :func:`_lasso_options` as sparse dicts {state: column over the layers}
    (Blackwell columns without trailing zeros; each distinct series computed once)."""
    d = len(env.states)
    K = 2 * d + 2
    out, series = {}, {}
    for a in actions:
        lassos = _lassos(env, s, a, where)
        work = sum(len(p) + len(c) for p, c in lassos) * (K if sem["kind"] == "blackwell" else 1)
        if work > UNIT_LIMITS["option_entries"]:
            raise Invalid(f"{where}: {len(lassos)} trajectories need {work} option entries, above the limit "
                          f"{UNIT_LIMITS['option_entries']}")
        for path, cyc in lassos:
            k, L = len(path), len(cyc)
            if sem["kind"] == "gain":
                o = {u: (Fraction(1, L),) for u in cyc}
            elif sem["kind"] == "discounted":
                g = sem["gamma"]
                o = {u: (g ** t,) for t, u in enumerate(path)}
                o.update({u: (g ** (k + j) / (1 - g ** L),) for j, u in enumerate(cyc)})
                o = {u: c for u, c in o.items() if c[0]}
            else:
                o = {}
                for t, u in enumerate(path + cyc):
                    key = (t, None) if t < k else (t, L)
                    if key not in series:
                        c = _lasso_series(k if t < k else 0, t, L, K)
                        while c and not c[-1]:
                            c.pop()
                        series[key] = tuple(c)
                    o[u] = series[key]
            out.setdefault(tuple(sorted(o.items())), o)
    return list(out.values())


def _unit_sets(raw, where: str):
    """Sets A, B of an orbit-count input (lassos for deterministic environments; no C: max)."""
    if not isinstance(raw, dict) or "sets" in raw:
        return _read_input(raw, where)
    _obj(raw, where, ("a", "b", "environment", "semantics", "state"))
    env = Env(raw["environment"], f"{where}.environment")
    state = _str(raw["state"], f"{where}.state")
    if state not in env.index:
        _fail(f"{where}.state", f"unknown state {state!r}")
    s = env.index[state]
    sem = _semantics(raw["semantics"], f"{where}.semantics")
    a = _actions_list(raw["a"], env, s, f"{where}.a")
    b = _actions_list(raw["b"], env, s, f"{where}.b")
    if set(a) & set(b):
        _fail(f"{where}.b", "the actions of a and b must be different")
    det = all(len(tr) == 1 for row in env.actions for tr in row.values())
    if det:  # sparse options: (coordinates, A, B)
        return (tuple(env.states), _lasso_sparse(env, s, a, sem, f"{where}.a"),
                _lasso_sparse(env, s, b, sem, f"{where}.b"))
    return Sets(env.states, _options(env, s, a, sem, f"{where}.a"), _options(env, s, b, sem, f"{where}.b"), None)


def _lex_pos(col: tuple) -> bool:
    return next((x > 0 for x in col if x), False)


def _C(n: int, k: int) -> int:
    return comb(n, k) if 0 <= k <= n else 0


def _unit_count(sets: Sets, r: tuple, ev, w: str, enumerate_maxima: bool = False) -> tuple:
    """(b_gt_a, a_gt_b, tie, orbit_size) under max from unit-block evidence (see the section head).

    ``sets``: dense :class:`Sets` or ``(coordinates, A, B)`` with A, B lists of sparse options
    ``{coordinate index: column over the layers}`` (from :func:`_lasso_sparse`).
    ``enumerate_maxima``: count by the older enumeration of every tuple of the other blocks' maxima
    (a twin of the order-statistics sums, kept for tests)."""
    _obj(ev, w, ("blocks", "structure"))
    if ev["structure"] != "unit-blocks":
        _fail(f"{w}.structure", f"unknown structure {ev['structure']!r} (known: unit-blocks)")
    if isinstance(sets, Sets):
        coordinates = sets.coordinates
        raw_a = [{i: tuple(layer[i] for layer in o) for i in range(sets.d) if any(layer[i] for layer in o)}
                 for o in sorted(sets.A)]
        raw_b = [{i: tuple(layer[i] for layer in o) for i in range(sets.d) if any(layer[i] for layer in o)}
                 for o in sorted(sets.B)]
    else:
        coordinates, raw_a, raw_b = sets
    d = len(coordinates)
    if len(set(r)) != d:
        _fail(w, "unit-block evidence needs pairwise different reward values")
    # one list of distinct options (sparse columns), zero-padded to a common number of layers (a
    # trailing zero layer changes no lexicographic comparison); only layers used somewhere are kept
    K = max([1, *(len(c) for o in raw_a + raw_b for c in o.values())])
    index, cols, in_side = {}, [], [set(), set()]
    for side, raw in enumerate((raw_a, raw_b)):
        for o in raw:
            col = tuple(sorted((i, c + (Fraction(0),) * (K - len(c))) for i, c in o.items()))
            if col not in index:
                index[col] = len(cols)
                cols.append(dict(col))
            in_side[side].add(index[col])
    used = [j for j in range(K) if any(c[j] for o in cols for c in o.values())] or [0]
    cols = [{i: tuple(c[j] for j in used) for i, c in o.items() if any(c[j] for j in used)} for o in cols]
    keys = [tuple(sorted(c.items())) for c in cols]
    side_keys = [{keys[u] for u in side} for side in in_side]
    zero = tuple(Fraction(0) for _ in used)
    n_opts = len(cols)
    touching = {}
    for u in range(n_opts):
        for i in cols[u]:
            touching.setdefault(i, []).append(u)

    def column(u, i):
        return cols[u].get(i, zero)

    def constant(i):
        t = touching.get(i, ())
        if not t:
            return True
        if len(t) != n_opts:
            return False
        first = cols[t[0]][i]
        return all(cols[u][i] == first for u in t)

    coords = {c: k for k, c in enumerate(coordinates)}
    raw = _list(ev["blocks"], f"{w}.blocks", nonempty=False, limit=UNIT_LIMITS["blocks"])
    blocks, sizes, seen = [], [], set()
    for bi, blk in enumerate(raw):
        wb = f"{w}.blocks[{bi}]"
        _obj(blk, wb, ("coordinates", "extreme", "size"))
        members = []
        for c in _list(blk["coordinates"], f"{wb}.coordinates", limit=d):
            _str(c, f"{wb}.coordinates")
            if c not in coords:
                _fail(f"{wb}.coordinates", f"unknown coordinate {c!r}")
            if coords[c] in seen:
                _fail(f"{wb}.coordinates", f"coordinate {c!r} is in two blocks")
            seen.add(coords[c])
            members.append(coords[c])
        if members != sorted(members):
            _fail(f"{wb}.coordinates", "not in coordinate order")
        if _int(blk["size"], f"{wb}.size", 1) != len(members):
            _fail(f"{wb}.size", f"claimed {blk['size']}, the block has {len(members)} coordinates")
        for i, j in zip(members, members[1:]):  # consecutive transpositions generate the block's S_k
            swap = {i: j, j: i}
            for u in set(touching.get(i, ())) | set(touching.get(j, ())):
                if column(u, i) == column(u, j):
                    continue
                img = tuple(sorted((swap.get(t, t), c) for t, c in keys[u]))
                for name, side, K_S in (("A", in_side[0], side_keys[0]), ("B", in_side[1], side_keys[1])):
                    if u in side and img not in K_S:
                        _fail(wb, f"the transposition ({coordinates[i]} {coordinates[j]}) "
                                  f"does not map {name} onto itself")
        mset = set(members)
        for c in cols:
            if sum(1 for i in c if i in mset) > 1:
                _fail(wb, "not unit-like: an option has two non-zero coordinates in the block")
        nz = [c[i] for c in cols for i in c if i in mset]
        if all(constant(i) for i in members):
            _fail(wb, "every option has the same column here: leave these coordinates out of the blocks")
        extreme = "value" if len(members) == 1 else "max"
        if extreme == "max" and not all(_lex_pos(c) for c in nz):
            _fail(wb, "a coefficient is not positive: unit-block evidence covers maxima only")
        if blk["extreme"] != extreme:
            _fail(f"{wb}.extreme", f"claimed {blk['extreme']!r}, the block needs {extreme!r}")
        blocks.append(members)
        sizes.append(len(members))
    if [b[0] for b in blocks] != sorted(b[0] for b in blocks):
        _fail(f"{w}.blocks", "not in canonical order (by first coordinate)")
    for i in range(d):
        if i not in seen and not constant(i):
            _fail(f"{w}.blocks", f"coordinate {coordinates[i]!r} is in no block but its column differs "
                                 "between options")
    k = len(blocks)
    where_b = {i: j for j, b in enumerate(blocks) for i in b}

    def types(side):  # per option: ((block, column), ...) on the blocks it meets
        return sorted({tuple(sorted((where_b[i], c) for i, c in cols[u].items() if i in where_b)) for u in side})

    TA, TB = types(in_side[0]), types(in_side[1])
    uses = [{j for t in T for j, _ in t} for T in (TA, TB)]
    # exact integers: the reward scaled by its common denominator, each layer of the columns by its
    # own (positive factors per layer keep the lexicographic order of every comparison)
    den = 1
    for v in r:
        den = den * v.denominator // gcd(den, v.denominator)
    vals = [int(v * den) for v in sorted(r)]
    lden = [1] * len(used)
    for T in (TA, TB):
        for t in T:
            for _, c in t:
                for l, x in enumerate(c):
                    lden[l] = lden[l] * x.denominator // gcd(lden[l], x.denominator)
    TA, TB = ([tuple((j, tuple(int(x * m) for x, m in zip(c, lden))) for j, c in t) for t in T] for T in (TA, TB))
    free = d - sum(sizes)
    size = factorial(d)
    nl = len(used)

    def g(T, assign):  # max over the side's types; assign: block -> value
        return max(tuple(sum(c[l] * assign[j] for j, c in t) for l in range(nl)) for t in T)

    if k == 0:
        sg = (g(TB, {}) > g(TA, {})) - (g(TB, {}) < g(TA, {}))
        return (size, 0, 0, size) if sg > 0 else (0, size, 0, size) if sg < 0 else (0, 0, size, size)
    if enumerate_maxima:
        counts = _unit_enumerate(d, k, sizes, TA, TB, uses, vals, g, free, w)
    else:
        counts = _unit_order_statistics(d, sizes, TA, TB, uses, vals, nl, free, w)
    if sum(counts) != size:
        _fail(w, f"the arrangements sum to {sum(counts)}, not the orbit size {size}")
    return counts + (size,)


def _unit_order_statistics(d, sizes, TA, TB, uses, vals, nl, free, w) -> tuple:
    """(b_gt_a, a_gt_b, tie) by order statistics (section head): at most one singleton block per
    side -- used by that side only, with lexicographically positive columns -- is summed in closed
    form; the maxima of the other ("outer") blocks are enumerated.  For outer maxima at ranks x_q
    (distinct values v_0 < ... < v_{d-1}) and the singletons' values at ranks i (A) and j (B), the
    arrangements number free! prod_q s_q! * sum_eps (-1)^|eps| prod_q C(T_q - c_q - S_q, s_q), with
    T_q = x_q + 1 - eps_q (a block "below rank T"), blocks taken in ascending order of T (S_q = sizes
    of the blocks before), c_q = #{i, j below T_q}: constant on the segments between consecutive
    thresholds.  g_A rises with i and g_B with j, so on two segments the pairs with g_B(j) > g_A(i),
    < and = are counted from the ranks R_i = #{j : g_B(j) <= g_A(i)} (bisection) by prefix sums."""
    k = len(sizes)

    def positive_single(j, T):
        return sizes[j] == 1 and all(_lex_pos(c) for t in T for jj, c in t if jj == j)

    ia = next((j for j in range(k) if j in uses[0] and j not in uses[1] and positive_single(j, TA)), None)
    ib = next((j for j in range(k) if j in uses[1] and j not in uses[0] and positive_single(j, TB)), None)
    outer = [j for j in range(k) if j not in (ia, ib)]
    osz = [sizes[j] for j in outer]
    cands = [range(s - 1, d) for s in osz]
    work = 1
    for c in cands:
        work *= len(c)
    if work * (d if ia is not None or ib is not None else 1) > UNIT_LIMITS["tuples"] * 50:
        raise Invalid(f"{w}: {work} tuples of block maxima x {d} ranks exceed the limit "
                      f"{UNIT_LIMITS['tuples'] * 50}")
    opos = {j: q for q, j in enumerate(outer)}

    def split(T, inner):  # per type: ([(outer position, column)], column on the inner singleton)
        return [([(opos[j], c) for j, c in t if j != inner], next((c for j, c in t if j == inner), None))
                for t in T]

    fa, fb = split(TA, ia), split(TB, ib)
    zero = (0,) * nl
    fact = factorial(free)
    for s in osz:
        fact *= factorial(s)

    def g_side(fams, x, has_inner):
        consts = [tuple(sum(c[l] * vals[x[q]] for q, c in oc) for l in range(nl)) for oc, _ in fams]
        if not has_inner:
            return max(consts)
        out = []
        for v in vals:
            out.append(max(tuple(K[l] + (ci[l] * v if ci is not None else 0) for l in range(nl))
                           for K, (_, ci) in zip(consts, fams)))
        return out

    tot = [0, 0, 0]
    for x in product(*cands):
        if len(set(x)) < len(x):
            continue  # two blocks cannot share the maximum (distinct values)
        bps = sorted({0, d, *x, *(v + 1 for v in x)})
        segs = [(bps[p], bps[p + 1]) for p in range(len(bps) - 1)]
        terms = []
        for eps in product((0, 1), repeat=len(outer)):
            th = [x[q] + 1 - e for q, e in enumerate(eps)]
            S, facs = 0, []
            for q in sorted(range(len(outer)), key=lambda q: th[q]):
                facs.append((th[q], [_C(th[q] - c - S, osz[q]) for c in (0, 1, 2)]))
                S += osz[q]
            terms.append((-1 if sum(eps) % 2 else 1, facs))

        def weight(i0, j0):  # i0 / j0: start of the singleton's segment (None: no such singleton)
            total = 0
            for sg, facs in terms:
                h = sg
                for Tq, f in facs:
                    h *= f[(i0 is not None and i0 < Tq) + (j0 is not None and j0 < Tq)]
                    if not h:
                        break
                total += h
            return total

        GA = g_side(fa, x, ia is not None)
        GB = g_side(fb, x, ib is not None)
        if ia is None and ib is None:
            tot[0 if GB > GA else 1 if GB < GA else 2] += weight(None, None)
            continue
        if ib is None:
            lo, hi = bisect_left(GA, GB), bisect_right(GA, GB)  # GA_i < gB for i < lo; > for i >= hi
            for a0, a1 in segs:
                wt = weight(a0, None)
                gt, lt = max(0, min(a1, lo) - a0), max(0, a1 - max(a0, hi))
                tot[0] += wt * gt
                tot[1] += wt * lt
                tot[2] += wt * (a1 - a0 - gt - lt)
            continue
        if ia is None:
            lo, hi = bisect_left(GB, GA), bisect_right(GB, GA)
            for b0, b1 in segs:
                wt = weight(None, b0)
                lt, gt = max(0, min(b1, lo) - b0), max(0, b1 - max(b0, hi))
                tot[0] += wt * gt
                tot[1] += wt * lt
                tot[2] += wt * (b1 - b0 - gt - lt)
            continue
        R = [bisect_right(GB, a) for a in GA]  # non-decreasing in i
        L = [bisect_left(GB, a) for a in GA]
        preR, preL = [0], [0]
        for a, b in zip(R, L):
            preR.append(preR[-1] + a)
            preL.append(preL[-1] + b)

        def clip_sum(F, pre, a0, a1, lo, hi):  # sum_{a0 <= i < a1} min(max(F_i, lo), hi)
            u = min(max(bisect_left(F, lo), a0), a1)
            v = min(max(bisect_right(F, hi), u), a1)
            return lo * (u - a0) + (pre[v] - pre[u]) + hi * (a1 - v)

        for a0, a1 in segs:
            n = a1 - a0
            for b0, b1 in segs:
                wt = weight(a0, b0)
                if not wt:
                    continue
                gt = n * b1 - clip_sum(R, preR, a0, a1, b0, b1)
                lt = clip_sum(L, preL, a0, a1, b0, b1) - n * b0
                eq = n * (b1 - b0) - gt - lt
                if a0 == b0:  # the pairs i = j are not arrangements
                    for i in range(a0, a1):
                        gt -= GB[i] > GA[i]
                        lt -= GB[i] < GA[i]
                        eq -= GB[i] == GA[i]
                tot[0] += wt * gt
                tot[1] += wt * lt
                tot[2] += wt * eq
    return tuple(fact * t for t in tot)


def _unit_enumerate(d, k, sizes, TA, TB, uses, vals, g, free, w) -> tuple:
    """(b_gt_a, a_gt_b, tie) by enumerating the maxima of all blocks but one block L (summed in
    closed form by the hockey stick, see the section head)."""
    factor = factorial(free)
    for s in sizes:
        factor *= factorial(s)
    cands = [j for j in range(k) if (j in uses[0]) != (j in uses[1])
             and all(_lex_pos(c) for T in (TA, TB) for t in T for jj, c in t if jj == j)]
    if not cands:
        _fail(w, "unit-block evidence needs a block whose coefficients are positive and that only one side uses")
    L = max(cands, key=lambda j: (sizes[j], -j))
    sideL = 1 if L in uses[1] else 0
    others = [j for j in range(k) if j != L]
    work = 1
    for q in range(len(others)):
        work *= d - q
    if work > UNIT_LIMITS["tuples"]:
        raise Invalid(f"{w}: {work} assignments of block maxima exceed the limit {UNIT_LIMITS['tuples']}")
    posL = [q for q, j in enumerate(others) if j in uses[sideL]]
    posO = [q for q, j in enumerate(others) if j in uses[1 - sideL]]
    TL, TO = (TB, TA) if sideL else (TA, TB)
    memoL, memoO = {}, {}
    sL = sizes[L]
    osz = [sizes[j] for j in others]
    tot = [0, 0, 0]  # L-side below, above, tie
    for ranks in permutations(range(d), len(others)):
        kl = tuple(ranks[q] for q in posL)
        arr = memoL.get(kl)
        if arr is None:
            base = {others[q]: vals[ranks[q]] for q in posL}
            arr = memoL[kl] = [g(TL, {**base, L: v}) for v in vals]
        ko = tuple(ranks[q] for q in posO)
        go = memoO.get(ko)
        if go is None:
            go = memoO[ko] = g(TO, {others[q]: vals[ranks[q]] for q in posO})
        lo, hi = bisect_left(arr, go), bisect_right(arr, go)  # L-side below: x < lo; tie: lo <= x < hi
        # gaps between the other blocks' maxima: L's maximum x in gap p has weight
        # pre_p * suf_p * C(x - S_p, sL - 1); summed over x0 <= x < x1 by the hockey stick
        order = sorted(zip(ranks, osz))
        gaps, below, start = [], 0, 0
        for u, s in order:
            gaps.append((start, u, below))
            below += s
            start = u + 1
        gaps.append((start, d, below))
        coef, pre = [], 1
        for p, (x0, x1, Sp) in enumerate(gaps):
            suf, S2 = 1, Sp + sL
            for u, s in order[p:]:
                suf *= _C(u - S2, s - 1)
                S2 += s
            coef.append(pre * suf)
            if p < len(order):
                pre *= _C(order[p][0] - Sp, order[p][1] - 1)

        def F(x: int) -> int:  # total weight of L's maxima below x
            acc = 0
            for (x0, x1, Sp), c in zip(gaps, coef):
                if x0 >= x:
                    break
                if c:
                    acc += c * (_C(min(x, x1) - Sp, sL) - _C(x0 - Sp, sL))
            return acc

        fl, fh, fd = F(lo), F(hi), F(d)
        tot[0] += fl
        tot[1] += fd - fh
        tot[2] += fh - fl
    tot = [tot[1], tot[0], tot[2]] if sideL else tot  # -> b_gt_a, a_gt_b, tie
    return tuple(factor * x for x in tot)


def _v_orbit_count_units(cert: dict) -> str:
    """An orbit-count certificate with unit-block evidence (sets re-derived by :func:`_unit_sets`)."""
    _obj(cert, "certificate", ("format", "instance", "instance_digest", "kind", "result"), ("note",))
    inst = _obj(cert["instance"], "instance", ("compare", "input", "reward"))
    _check_digest(cert)
    if _compare(inst["compare"], "instance.compare") != "max":
        _fail("instance.compare", "unit-block evidence is for the comparison max")
    sets = _unit_sets(inst["input"], "instance.input")
    if isinstance(sets, Sets) and sets.C is not None:
        _fail("instance.input.sets.C", "the comparison max does not use a choice set C")
    r = _vector(inst["reward"], sets.d if isinstance(sets, Sets) else len(sets[0]), "instance.reward")
    res = _obj(cert["result"], "result", ("counts", "evidence"))
    claimed = _counts_obj(res["counts"], "result.counts")
    got = _unit_count(sets, r, res["evidence"], "result.evidence")
    _check_counts(claimed, got, "result.counts")
    return f"orbit-count {got} (unit-block evidence)"


_KINDS = {
    "orbit-count": _v_orbit_count,
    "copies": _v_copies,
    "nd": _v_nd,
    "counterexample": _v_counterexample,
    "exhaustive": _v_exhaustive,
    "retargeting": _v_retargeting,  # P22 decision rules section
    "gamma-sweep": _v_gamma_sweep,
    "power": _v_power,
}


# ============================================================================ d13-family (issue 17)
def _v_d13_family(cert: dict) -> str:
    """``d13-family``: one P22 Conjecture D.13 reading checked on a list of instances (docs/claims.md).

    ``instance`` = {"claim": {"name": "scaling"}, "compare", "coordinates", "members": [{"A", "B"[, "C"]
    [, "coordinates"], "hypotheses": [d13 statement], "rewards": [[int...]...]}...]} (a member's own
    coordinates override the common ones, so one certificate can hold several d); for every member the verifier
    re-checks the D.13 structure statement (n = copies per part / parts, :func:`_statements`) and
    #(B>A) >= n·#(A>B) on every listed reward (orbit counts recomputed by brute force).  It does NOT
    re-check that the members are all instances of the stated family, nor that the reward lists are
    complete (both are stated in the note and argued in docs/claims.md)."""
    _obj(cert, "certificate", ("format", "instance", "instance_digest", "kind", "result"), ("note",))
    inst = _obj(cert["instance"], "instance", ("claim", "compare", "coordinates", "members"))
    _check_digest(cert)
    if inst["claim"] != {"name": "scaling"}:
        _fail("instance.claim", 'expected {"name": "scaling"}: d13-family certifies the ratio form only')
    compare = _compare(inst["compare"], "instance.compare")
    members = _list(inst["members"], "instance.members", limit=LIMITS["set_size"] * 100)
    res = _obj(cert["result"], "result", ("members", "results_digest", "rewards"))
    rows, work = [], 0
    for k, mem in enumerate(members):
        w = f"instance.members[{k}]"
        _obj(mem, w, ("A", "B", "hypotheses", "rewards"), ("C", "coordinates"))
        if compare == "max" and "C" in mem:
            _fail(f"{w}.C", "the comparison max does not use a choice set C")
        raw = {"sets": {"coordinates": mem.get("coordinates", inst["coordinates"]),
                        **{x: mem[x] for x in ("A", "B", "C") if x in mem}}}
        sets = _read_input(raw, w)
        hyps = _list(mem["hypotheses"], f"{w}.hypotheses", limit=1)
        if not isinstance(hyps[0], dict) or hyps[0].get("kind") != "d13":
            _fail(f"{w}.hypotheses[0].kind", "expected a d13 statement")
        fams = _list(hyps[0].get("involutions"), f"{w}.hypotheses[0].involutions", limit=LIMITS["set_size"])
        parts = _list(hyps[0].get("parts"), f"{w}.hypotheses[0].parts", limit=LIMITS["set_size"])
        first = _list(fams[0], f"{w}.hypotheses[0].involutions[0]", limit=LIMITS["set_size"])
        n = Fraction(len(first), len(parts))
        _statements(hyps, raw, sets, n, compare, f"{w}.hypotheses")
        got_rows = []
        for i, r in enumerate(_list(mem["rewards"], f"{w}.rewards", limit=LIMITS["set_size"] * 100)):
            rv = tuple(Fraction(_int(x, f"{w}.rewards[{i}]", -(10 ** 9))) for x in
                       _list(r, f"{w}.rewards[{i}]", limit=sets.d))
            if len(rv) != sets.d:
                _fail(f"{w}.rewards[{i}]", f"expected {sets.d} entries")
            work += _multinomial(rv)
            if work > LIMITS["exhaustive_work"]:
                raise Invalid(f"{w}.rewards: more than {LIMITS['exhaustive_work']} orbit elements in total (limit)")
            got = _count(sets, compare, rv, None, f"{w}.rewards[{i}]")
            if not claim_holds("scaling", n, got):
                _fail(f"{w}.rewards[{i}]", f"the claim fails (n = {_fmt(n)}): counts {got}")
            got_rows.append(list(got))
        rows.append([_fmt(n), got_rows])
    if _int(res["members"], "result.members", 0) != len(rows):
        _fail("result.members", f"claimed {res['members']}, the certificate lists {len(rows)}")
    if _int(res["rewards"], "result.rewards", 0) != sum(len(x[1]) for x in rows):
        _fail("result.rewards", "does not match the number of listed rewards")
    dig = results_digest(rows)
    if res["results_digest"] != dig:
        _fail("result.results_digest", f"does not match the recomputed per-member results ({dig})")
    return (f"d13-family: scaling with n = copies/parts holds on all {len(rows)} members "
            f"({res['rewards']} rewards); D.13 structure re-checked for each")


_KINDS_D13 = {"d13-family": _v_d13_family}
# ============================================================================ end d13-family


# ============================================================================ gamma-sweep rules (issue 12)
#: The rules whose breakpoints :func:`_v_gamma_sweep` re-derives by itself.
SWEEP_REDERIVED_RULES = ("max", "is-optimal", "frac-optimal")
#: P22 rules that depend on the option values only through their order and on which options merge
#: (docs/sweep.md): :func:`_v_gamma_sweep` already takes every pair of options for them, and this
#: section adds the γ where two options coincide as vectors.  satisfice (thresholds) and boltzmann
#: (not algebraic) are rejected: a certificate under them could omit a breakpoint unnoticed.
SWEEP_ORDER_RULES = ("anti-optimal", "quantilise", "best-of")


def _sweep_listed_breakpoints(raw_list) -> list:
    out = []
    for bp in raw_list:  # already validated by _v_gamma_sweep
        if "value" in bp:
            v = _rat(bp["value"], "result.breakpoints")
            out.append((None, v, v))
        else:
            out.append(([_rat(c, "result.breakpoints") for c in bp["minimal_polynomial"]],
                        _rat(bp["interval"][0], "result.breakpoints"), _rat(bp["interval"][1], "result.breakpoints")))
    return out


def _v_gamma_sweep_rules(cert: dict) -> str:
    inst = cert.get("instance")
    compare = inst.get("compare") if isinstance(inst, dict) else None
    family = compare.partition(":")[0] if isinstance(compare, str) else None
    if compare in SWEEP_REDERIVED_RULES or not isinstance(inst, dict):
        return _v_gamma_sweep(cert)
    if family not in SWEEP_ORDER_RULES:
        _fail("instance.compare", f"this verifier re-derives gamma-sweep breakpoints for "
                                  f"{', '.join(SWEEP_REDERIVED_RULES + SWEEP_ORDER_RULES)} only, not {compare!r}")
    summary = _v_gamma_sweep(cert)  # every pair of options, the counts on every piece
    env = Env(inst["environment"], "instance.environment")
    s = env.index[inst["state"]]
    funcs = []
    for acts in (inst["a"], inst["b"], sorted(env.actions[s])):
        for f in _sweep_functions(env, s, _actions_list(list(acts), env, s, "instance"), "instance"):
            if f not in funcs:
                funcs.append(f)
    bps = _sweep_listed_breakpoints(cert["result"]["breakpoints"])

    def vanishes(p: list, bp) -> bool:
        m, lo, hi = bp
        if m is None:
            return _peval(p, lo) == 0
        g = _pgcd(p, m)
        return len(g) > 1 and _sturm_roots(g, lo, hi) == 1

    merges = 0
    for i, fu in enumerate(funcs):
        for fv in funcs[i + 1:]:
            g = []
            for (nu, du), (nv, dv) in zip(fu, fv):
                diff = _ptrim([x - y for x, y in zip(*(_pad(_pmul(list(nu), list(dv)), _pmul(list(nv), list(du)))))])
                if diff:
                    g = diff if not g else _pgcd(g, diff)
            g = _ptrim(g)
            while g and g[0] == 0:  # the root γ = 0 is not in (0, 1)
                g = g[1:]
            if len(g) < 2 or _descartes_unit(g) == 0:
                continue
            n = _sturm_roots(g, Fraction(0), Fraction(1))
            if n:
                merges += 1
            if sum(1 for bp in bps if vanishes(g, bp)) != n:
                _fail("result.breakpoints", f"two options coincide at {n} γ in (0, 1) that are not all listed "
                                            "breakpoints (a breakpoint is missing)")
    return summary + f"; {compare}: the γ where two of the {len(funcs)} options coincide ({merges} pair(s)) are listed"


def _pad(x: list, y: list) -> tuple:
    L = max(len(x), len(y))
    return (list(x) + [Fraction(0)] * (L - len(x)), list(y) + [Fraction(0)] * (L - len(y)))


_KINDS_SWEEP_RULES = {"gamma-sweep": _v_gamma_sweep_rules}
# ============================================================================ end gamma-sweep rules


def verify_certificate(cert) -> str:
    """Check a parsed certificate; returns a one-line summary or raises :class:`Invalid`."""
    if not isinstance(cert, dict):
        raise Invalid("certificate: expected a JSON object")
    fmt = cert.get("format")
    if fmt != FORMAT:
        raise Invalid(f"format: unsupported certificate format {fmt!r} (this verifier reads {FORMAT!r})")
    kind = cert.get("kind")
    _KINDS.update(_KINDS_D13)
    _KINDS.update(_KINDS_SWEEP_RULES)
    if not isinstance(kind, str) or kind not in _KINDS:
        raise Invalid(f"kind: unknown kind {kind!r} (known: {', '.join(KINDS)})")
    if "note" in cert and not isinstance(cert["note"], str):
        raise Invalid("note: expected a string")
    if not isinstance(cert.get("instance_digest"), str):
        raise Invalid("instance_digest: expected a string \"sha256:...\"")
    try:
        return _KINDS[kind](cert)
    except RecursionError:  # pragma: no cover
        raise Invalid("certificate nested too deeply") from None


def _no_float(text: str):
    raise ValueError(f"floating-point number {text} (rationals are written as strings \"p/q\")")


def _no_dup(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key {k!r}")
        out[k] = v
    return out


def load(path: str):
    """Read a certificate file: raises :class:`Unreadable` (I/O, not UTF-8, not JSON) or Invalid."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(LIMITS["file_bytes"] + 1)
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > LIMITS["file_bytes"]:
        raise Invalid(f"file larger than {LIMITS['file_bytes']} bytes (limit)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable("not UTF-8 text") from None
    try:
        return json.loads(text, parse_float=_no_float, parse_constant=_no_float, object_pairs_hook=_no_dup)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"not valid JSON: {exc}") from None
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    except RecursionError:
        raise Invalid("JSON nested too deeply") from None


def verify_file(path: str) -> tuple[int, str]:
    """``(exit code, message)`` for one file: 0 valid, 1 invalid, 2 unreadable."""
    try:
        cert = load(path)
        return 0, verify_certificate(cert)
    except Unreadable as exc:
        return 2, str(exc)
    except Invalid as exc:
        return 1, str(exc)


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print("usage: python -m orbitproof.verify FILE...\n"
              "Checks orbitproof certificates independently (standard library only).\n"
              "Exit status: 0 all valid, 1 some invalid, 2 some unreadable.",
              file=sys.stdout if args else sys.stderr)
        return 0 if args else 2
    worst = 0
    for path in args:
        code, msg = verify_file(path)
        if code == 0:
            print(f"{path}: valid: {msg}")
        else:
            print(f"{path}: {'invalid' if code == 1 else 'unreadable'}: {msg}", file=sys.stderr)
        worst = max(worst, code)
    return worst


if __name__ == "__main__":
    sys.exit(main())
