"""Comparison rules g(X | C, r) as pluggable values (docs/math.md §4.1, §7.5).

An orbit count compares g(B|r') with g(A|r') for every distinct r' in the orbit.  A rule provides

* ``reference_value(X, C, r)`` -- the definition, on exact :class:`~fractions.Fraction` values
  (lexicographic tuples for layered/Blackwell options); used by the ``reference`` engine;
* ``batch_sign(vals, layout)`` -- sign(g(B) − g(A)) for a batch of N orbit elements, given the
  exact integer option values ``vals`` (option-major, shape ``(|U|, N)``, int64 or object) of the
  distinct options U of A ∪ B (∪ C), after the order-preserving integer reduction of
  :mod:`.problem`;
* ``uses_choice_set`` -- whether C matters (C defaults to A ∪ B when it does and is not given);
* ``extremes_only`` -- True iff the outcome depends on the option values only through each
  option's value *when it is a maximiser*: concretely, through max over C, max over A, max over B
  and which options attain those maxima.  Then interchangeable "unit-like" coordinate blocks can
  be summarised by their extreme values (:mod:`.unitdp`).  Rules that look at all values
  (satisficing, quantilisers, Boltzmann) must set it to False;
* ``needs_argmax_counts`` -- whether the *number* of maximisers matters (FracOptimal) or only the
  maximal values (max, IsOptimal);
* ``shift_invariant`` -- adding one constant to every option's value changes nothing (true for
  rules that only compare option values with each other; false e.g. for satisficing thresholds).

Rules implemented (docs/math.md §7.5):

* :class:`MaxValue` (``"max"``): g(X|r) = max_{x∈X} x·r (the default; Lemma D.3 with g = id);
* :class:`IsOptimal` (``"is-optimal"``): 1 if max_X x·r ≥ max_C c·r else 0 (Def A.2);
* :class:`FracOptimal` (``"frac-optimal"``): |argmax_C ∩ X| / |argmax_C| (item 2);
* :class:`AntiOptimal` (``"anti-optimal"``, Def A.3), :class:`Boltzmann` (``"boltzmann:T=1"``, Def A.4),
  :class:`Satisfice` (``"satisfice:t=3/2"``, Def A.5), :class:`Quantilise` (``"quantilise:q=1/2"``,
  Def B.12, uniform base distribution), :class:`BestOf` (``"best-of:k=3"``, item 5) -- see docs/rules.md.

Rules with ``absolute_values`` (Boltzmann, satisficing) depend on the values themselves, not only on
their order: they read ``layout.value_scale`` and need options without Blackwell layers.

Every rule used for counting must be EU-determined (P22 Def A.12) -- a function of the multisets
of option values -- hence invariant under joint permutation (Lemma B.11); the symmetry reductions
rely on that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Protocol, runtime_checkable

import numpy as np

from ..core.errors import OptionSetError
from ..core.limits import COMPARE_FAMILIES, COMPARE_NAMES
from ..core.optionset import Option, option_value

__all__ = [
    "Layout",
    "ComparisonRule",
    "MaxValue",
    "IsOptimal",
    "FracOptimal",
    "AntiOptimal",
    "Satisfice",
    "Quantilise",
    "BestOf",
    "Boltzmann",
    "BoltzmannValue",
    "rule_value",
    "RULES",
    "RULE_SYNTAX",
    "parse_rule",
]


@dataclass(frozen=True)
class Layout:
    """Where A, B and C sit among the distinct options U (indices into U's rows)."""

    ia: tuple[int, ...]
    ib: tuple[int, ...]
    ic: tuple[int, ...]
    #: engine value = exact option value × value_scale (> 0); rules with ``absolute_values`` use it
    value_scale: Fraction = Fraction(1)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (np.array(self.ia, dtype=np.intp), np.array(self.ib, dtype=np.intp),
                np.array(self.ic, dtype=np.intp))


@runtime_checkable
class ComparisonRule(Protocol):
    name: str
    uses_choice_set: bool
    extremes_only: bool
    needs_argmax_counts: bool

    def reference_value(self, X: Sequence[Option], C: Sequence[Option], r: Sequence[Fraction]) -> Any: ...

    def batch_sign(self, vals: np.ndarray, layout: Layout) -> np.ndarray: ...


def _sign(b: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Exact sign(b − a) without forming the difference (no overflow)."""
    return np.greater(b, a).astype(np.int8) - np.less(b, a).astype(np.int8)


def _max(vals: np.ndarray, idx: tuple[int, ...]) -> np.ndarray:
    """Row-wise maximum over the options ``idx`` (rows of the option-major array)."""
    out = vals[idx[0]].copy()
    for j in idx[1:]:
        np.maximum(out, vals[j], out=out)
    return out


def _vmax(options: Sequence[Option], r: Sequence[Fraction]) -> tuple[Fraction, ...]:
    return max(option_value(x, r) for x in options)


@dataclass(frozen=True)
class MaxValue:
    """g(X|r) = max_{x∈X} x·r (lexicographic on layered options)."""

    name: str = "max"
    uses_choice_set: bool = False
    extremes_only: bool = True
    needs_argmax_counts: bool = False
    shift_invariant: bool = True

    def reference_value(self, X, C, r):
        return _vmax(X, r)

    def batch_sign(self, vals, layout):
        return _sign(_max(vals, layout.ib), _max(vals, layout.ia))


@dataclass(frozen=True)
class IsOptimal:
    """IsOptimal(X|C,r) = 1 if max_{x∈X} x·r ≥ max_{c∈C} c·r else 0 (P22 Def A.2)."""

    name: str = "is-optimal"
    uses_choice_set: bool = True
    extremes_only: bool = True
    needs_argmax_counts: bool = False
    shift_invariant: bool = True

    def reference_value(self, X, C, r):
        return 1 if _vmax(X, r) >= _vmax(C, r) else 0

    def batch_sign(self, vals, layout):
        mc = _max(vals, layout.ic)
        gb = np.greater_equal(_max(vals, layout.ib), mc).astype(np.int8)
        ga = np.greater_equal(_max(vals, layout.ia), mc).astype(np.int8)
        return gb - ga


@dataclass(frozen=True)
class FracOptimal:
    """FracOptimal(X|C,r) = |argmax_C ∩ X| / |argmax_C| (uniform tie-breaking, P22 Prop A.11.2).

    Both sides share the denominator |argmax_C| > 0, so the batch sign compares the numerators.
    """

    name: str = "frac-optimal"
    uses_choice_set: bool = True
    extremes_only: bool = True
    needs_argmax_counts: bool = True
    shift_invariant: bool = True

    def reference_value(self, X, C, r):
        values = [option_value(c, r) for c in C]
        best = max(values)
        argmax = [c for c, v in zip(C, values) if v == best]
        xs = set(X)
        return Fraction(sum(1 for c in argmax if c in xs), len(argmax))

    def batch_sign(self, vals, layout):
        mc = _max(vals, layout.ic)
        n = vals.shape[1]
        nb = np.zeros(n, dtype=np.int64)
        na = np.zeros(n, dtype=np.int64)
        in_b, in_a = set(layout.ib), set(layout.ia)
        for u in layout.ic:
            if u in in_b or u in in_a:
                hit = np.equal(vals[u], mc).astype(np.int64)
                if u in in_b:
                    nb += hit
                if u in in_a:
                    na += hit
        return _sign(nb, na)


RULES: dict[str, ComparisonRule] = {
    "max": MaxValue(),
    "is-optimal": IsOptimal(),
    "frac-optimal": FracOptimal(),
}


# ============================================================================ P22's other rules
# docs/math.md §7.5 items 3–7; docs/rules.md.  Each rule below has a definition-level
# ``reference_value`` (separate code from ``batch_sign``) and an exact ``batch_sign``.


def _fmt(x: Fraction) -> str:
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def _single(options: Sequence[Option], rule: str) -> None:
    if any(len(o) != 1 for o in options):
        raise OptionSetError(f"the rule {rule} needs options without Blackwell layers (gain or discounted semantics)")


def _val1(o: Option, r: Sequence[Fraction]) -> Fraction:
    return option_value(o, r)[0]


def _min(vals: np.ndarray, idx: tuple[int, ...]) -> np.ndarray:
    out = vals[idx[0]].copy()
    for j in idx[1:]:
        np.minimum(out, vals[j], out=out)
    return out


def _hits(vals: np.ndarray, idx: Sequence[int], cond) -> np.ndarray:
    """Σ_{u ∈ idx} cond(vals[u]) as int64, per column."""
    out = np.zeros(vals.shape[1], dtype=np.int64)
    for u in idx:
        out += cond(vals[u]).astype(np.int64)
    return out


@dataclass(frozen=True)
class AntiOptimal:
    """AntiOpt(X|C,u) = 1 if min_{x∈X} x·u ≤ min_{c∈C} c·u else 0 (P22 Def A.3, Prop A.11.3)."""

    name: str = "anti-optimal"
    uses_choice_set: bool = True
    extremes_only: bool = False
    needs_argmax_counts: bool = False
    shift_invariant: bool = True
    absolute_values: bool = False

    def reference_value(self, X, C, r):
        return 1 if min(option_value(x, r) for x in X) <= min(option_value(c, r) for c in C) else 0

    def batch_sign(self, vals, layout):
        mc = _min(vals, layout.ic)
        gb = np.less_equal(_min(vals, layout.ib), mc).astype(np.int8)
        ga = np.less_equal(_min(vals, layout.ia), mc).astype(np.int8)
        return gb - ga


@dataclass(frozen=True)
class Satisfice:
    """Satisfice_t(X|C,u) = |X ∩ {c∈C : c·u ≥ t}| / |{c∈C : c·u ≥ t}|, 0 if no c reaches t (P22 Def A.5).

    Both sides share the denominator, so the sign compares |X ∩ C_{≥t}| for X = B, A.  The engine
    sees integer values v' = v·s (``layout.value_scale`` = s > 0), and v ≥ t ⇔ v' ≥ ⌈t·s⌉.
    """

    t: Fraction = Fraction(0)
    uses_choice_set: bool = True
    extremes_only: bool = False
    needs_argmax_counts: bool = False
    shift_invariant: bool = False
    absolute_values: bool = True

    @property
    def name(self) -> str:
        return f"satisfice:t={_fmt(self.t)}"

    def reference_value(self, X, C, r):
        _single(C, self.name)
        good = [c for c in C if _val1(c, r) >= self.t]
        if not good:
            return Fraction(0)
        xs = set(X)
        return Fraction(sum(1 for c in good if c in xs), len(good))

    def batch_sign(self, vals, layout):
        ts = self.t * layout.value_scale
        tau = -((-ts.numerator) // ts.denominator)  # ⌈t·s⌉
        inc = set(layout.ic)

        def ok(row):
            return np.greater_equal(row, tau)

        nb = _hits(vals, [u for u in layout.ib if u in inc], ok)
        na = _hits(vals, [u for u in layout.ia if u in inc], ok)
        return _sign(nb, na)


@dataclass(frozen=True)
class Quantilise:
    """Q_q(X|C,u) with the uniform base distribution P on C (P22 Def B.12, Prop A.11.7).

    M = inf{M : P(c·u > M) ≤ q}; Q(X) = Σ_{x∈X} (P(x)/q)(1[x·u > M] + 1[x·u = M]·(q − P(C_{>M}))/P(C_{=M})).
    For q = 1 the infimum is −∞ and Q(X) = |X ∩ C|/|C|.  Multiplying by q·|C|·|C_{=M}|·den(q) > 0 the
    sign of Q(B) − Q(A) is that of den(q)·n_=·Δ_> + Δ_=·(num(q)·m − den(q)·n_>), all integers
    (m = |C|, n_> = |C_{>M}|, n_= = |C_{=M}|, Δ = B-count − A-count inside C).  For q < 1, M is the
    (⌊q·m⌋+1)-th largest value of C (docs/rules.md).
    """

    q: Fraction = Fraction(1)
    uses_choice_set: bool = True
    extremes_only: bool = False
    needs_argmax_counts: bool = False
    shift_invariant: bool = True
    absolute_values: bool = False

    @property
    def name(self) -> str:
        return f"quantilise:q={_fmt(self.q)}"

    def reference_value(self, X, C, r):
        m = len(C)
        P = Fraction(1, m)
        values = [option_value(c, r) for c in C]
        q = self.q
        # M = inf{M : P(c·u > M) ≤ q}: the infimum is attained at a value of C, or is −∞ (q = 1)
        candidates = [v for v in values if P * sum(1 for w in values if w > v) <= q]
        if q == 1:
            M = None
        else:
            M = min(candidates)
        xs = set(X)
        total = Fraction(0)
        for c, v in zip(C, values):
            if c not in xs:
                continue
            if M is None or v > M:
                total += P / q
            elif v == M:
                p_gt = P * sum(1 for w in values if w > M)
                p_eq = P * sum(1 for w in values if w == M)
                total += (P / q) * (q - p_gt) / p_eq
        return total

    def batch_sign(self, vals, layout):
        ic = layout.ic
        m = len(ic)
        inc = set(ic)
        ib = [u for u in layout.ib if u in inc]
        ia = [u for u in layout.ia if u in inc]
        n = vals.shape[1]
        if self.q == 1:
            return np.full(n, (len(ib) > len(ia)) - (len(ib) < len(ia)), dtype=np.int8)
        K = (self.q.numerator * m) // self.q.denominator  # ⌊q·m⌋ ≤ m − 1
        cv = vals[list(ic)]
        M = np.sort(cv, axis=0)[m - 1 - K]
        n_gt = _hits(vals, ic, lambda row: np.greater(row, M))
        n_eq = _hits(vals, ic, lambda row: np.equal(row, M))
        d_gt = _hits(vals, ib, lambda row: np.greater(row, M)) - _hits(vals, ia, lambda row: np.greater(row, M))
        d_eq = _hits(vals, ib, lambda row: np.equal(row, M)) - _hits(vals, ia, lambda row: np.equal(row, M))
        qn, qd = self.q.numerator, self.q.denominator
        score = qd * n_eq * d_gt + d_eq * (qn * m - qd * n_gt)
        return _sign(score, np.zeros_like(score))


@dataclass(frozen=True)
class BestOf:
    """best-of-k(X|C,u) = E[FracOptimal(X ∩ {a_1..a_k} | {a_1..a_k}, u)], a_i iid uniform on C
    (with replacement; P22 Prop A.11.5), computed exactly.

    Reference: every multiset of k draws with its multinomial weight.  Batch: given that the best
    drawn value is the level L, the drawn maximisers are a uniformly random non-empty subset of
    C_{=L}, so E[|S∩X|/|S|] = |X ∩ C_{=L}|/|C_{=L}|; P(best level = L) = (a^k − b^k)/m^k with
    a = |C_{≤L}|, b = |C_{<L}|.  Hence m^k·best-of-k(X) = Σ_{x∈X∩C} (a_x^k − b_x^k)/(a_x − b_x),
    an integer sum (docs/rules.md).
    """

    k: int = 1
    uses_choice_set: bool = True
    extremes_only: bool = False
    needs_argmax_counts: bool = False
    shift_invariant: bool = True
    absolute_values: bool = False

    @property
    def name(self) -> str:
        return f"best-of:k={self.k}"

    def reference_value(self, X, C, r):
        from itertools import combinations_with_replacement
        from math import factorial

        m, k = len(C), self.k
        values = [option_value(c, r) for c in C]
        xs = set(X)
        total = Fraction(0)
        for draw in combinations_with_replacement(range(m), k):
            weight = factorial(k)
            for i in set(draw):
                weight //= factorial(draw.count(i))
            drawn = set(draw)
            best = max(values[i] for i in drawn)
            top = [i for i in drawn if values[i] == best]
            total += weight * Fraction(sum(1 for i in top if C[i] in xs), len(top))
        return total / m**k

    def batch_sign(self, vals, layout):
        ic = layout.ic
        m, k = len(ic), self.k
        inc = set(ic)
        big = k * m**k >= 2**62 or vals.dtype == object
        cols = vals.shape[1]

        def omega(u):
            a = _hits(vals, ic, lambda row: np.less_equal(row, vals[u]))
            b = _hits(vals, ic, lambda row: np.less(row, vals[u]))
            if big:
                a, b = a.astype(object), b.astype(object)
            return (a**k - b**k) // (a - b)

        score = np.zeros(cols, dtype=object if big else np.int64)
        for u in layout.ib:
            if u in inc:
                score = score + omega(u)
        for u in layout.ia:
            if u in inc:
                score = score - omega(u)
        zero = np.zeros(cols, dtype=score.dtype)
        return _sign(score, zero)


class BoltzmannValue:
    """Boltzmann_T(X|C,u) as the exact pair (exponents of X, exponents of C); compared by
    cross-multiplication N_1·D_2 − N_2·D_1 = Σ ± e^{p+q}, whose sign :func:`.expsum.expsum_sign`
    decides exactly (Lindemann–Weierstrass for ties, arb otherwise)."""

    __slots__ = ("num", "den")

    def __init__(self, num: tuple[Fraction, ...], den: tuple[Fraction, ...]) -> None:
        self.num, self.den = num, den

    def _cmp(self, other: "BoltzmannValue") -> int:
        from .expsum import expsum_sign

        terms = [(1, p + q) for p in self.num for q in other.den]
        terms += [(-1, p + q) for p in other.num for q in self.den]
        return expsum_sign(terms)

    def __eq__(self, other):  # type: ignore[override]
        return self._cmp(other) == 0

    def __lt__(self, other):
        return self._cmp(other) < 0

    def __gt__(self, other):
        return self._cmp(other) > 0

    __hash__ = None  # type: ignore[assignment]

    def enclosure(self, digits: int = 3) -> tuple[Fraction, Fraction]:
        """Rigorous bounds lo ≤ Boltzmann_T(X|C,u) ≤ hi (arb) fixing ``digits`` decimals when possible."""
        from .expsum import exp_enclosure

        return exp_enclosure(self.num, self.den, digits)

    def __repr__(self) -> str:
        lo, hi = self.enclosure(6)
        return f"BoltzmannValue(≈{float(lo):.6g}; exponents {[str(q) for q in self.num]} over {[str(q) for q in self.den]})"


#: the float fast path accepts a sign only when |S̃_B − S̃_A| exceeds this multiple of S̃_B + S̃_A
#: (a relative error budget of 2^-30 per side, far above the proven bound, docs/rules.md)
_BOLTZMANN_SLACK = 4.0 * 2.0**-30


@dataclass(frozen=True)
class Boltzmann:
    """Boltzmann_T(X|C,u) = Σ_{x∈X} e^{x·u/T} / Σ_{c∈C} e^{c·u/T} (P22 Def A.4, Prop A.11.4), T > 0 rational.

    Both sides share the denominator, so sign(f(B) − f(A)) = sign(Σ_{B∖A} e^{v/T} − Σ_{A∖B} e^{v/T}).
    batch_sign decides it per orbit element:

    1. exact cancellation: equal values of B∖A and A∖B are paired off (integer comparisons); the
       sum is 0 iff nothing survives (Lindemann–Weierstrass, docs/math.md §13.3), and has the
       sign of the surviving side if only one side survives;
    2. float fast path: exponents shifted by their maximum (exact integers), each term e^z with
       z ≥ −700 has relative error ≤ 2^-32 (argument rounding ≤ 3·2^-53·|z| < 2^-42, libm exp
       assumed within 2^20 ulp), smaller terms are < e^-699 each, summation adds ≤ n·2^-53; the
       sign is accepted only when the difference exceeds 4·2^-30 times the total plus n·1e-300
       (docs/rules.md gives the bound);
    3. every element the float path does not decide: :func:`.expsum.expsum_sign` (arb).
    """

    T: Fraction = Fraction(1)
    uses_choice_set: bool = True
    extremes_only: bool = False
    needs_argmax_counts: bool = False
    shift_invariant: bool = True
    absolute_values: bool = True

    @property
    def name(self) -> str:
        return f"boltzmann:T={_fmt(self.T)}"

    def reference_value(self, X, C, r):
        _single(C, self.name)
        _single(X, self.name)
        return BoltzmannValue(tuple(_val1(x, r) / self.T for x in X), tuple(_val1(c, r) / self.T for c in C))

    def batch_sign(self, vals, layout):
        from .expsum import expsum_sign

        sa, sb = set(layout.ia), set(layout.ib)
        D = [u for u in layout.ib if u not in sa]
        E = [u for u in layout.ia if u not in sb]
        n = vals.shape[1]
        if not D and not E:
            return np.zeros(n, dtype=np.int8)
        if not E:
            return np.ones(n, dtype=np.int8)
        if not D:
            return -np.ones(n, dtype=np.int8)
        out = np.zeros(n, dtype=np.int8)
        undecided = np.ones(n, dtype=bool)
        allv = vals[D + E]
        nd = len(D)
        # exact cancellation: pair equal values of B∖A and A∖B (integers), per orbit element
        alive = np.ones(allv.shape, dtype=bool)
        for i in range(nd):
            for j in range(nd, len(D) + len(E)):
                hit = alive[i] & alive[j] & (allv[i] == allv[j])
                alive[i] &= ~hit
                alive[j] &= ~hit
        left_b = alive[:nd].any(axis=0)
        left_a = alive[nd:].any(axis=0)
        undecided &= left_b & left_a  # nothing left: tie (Lindemann–Weierstrass); one side left: its sign
        out[left_b & ~left_a] = 1
        out[left_a & ~left_b] = -1
        st = self.T * layout.value_scale  # exponent of option u = vals[u] / st
        if Fraction(1, 10**300) < st < 10**300 and len(D) + len(E) <= 2**20 and undecided.any():
            top = np.where(alive, allv, allv.min(axis=0)).max(axis=0)  # largest surviving value
            diff = allv - top
            if diff.dtype == object:
                floor = -(int(800 * st) + 1)
                diff = np.minimum(np.maximum(diff, floor), 0)
            z = np.minimum(diff.astype(np.float64) / float(st), 0.0)
            small = z < -700.0
            terms = np.where(small | ~alive, 0.0, np.exp(np.maximum(z, -700.0)))
            sp = terms[:nd].sum(axis=0)
            sn = terms[nd:].sum(axis=0)
            margin = _BOLTZMANN_SLACK * (sp + sn) + len(D + E) * 1e-300
            pos = undecided & (sp - sn > margin)
            neg = undecided & (sn - sp > margin)
            out[pos] = 1
            out[neg] = -1
            undecided &= ~(pos | neg)
        for j in np.flatnonzero(undecided):
            terms_ = [(1, Fraction(int(vals[u, j])) / st) for u in D] + [(-1, Fraction(int(vals[u, j])) / st) for u in E]
            out[j] = expsum_sign(terms_)
        return out


_CLASSES = {"boltzmann": Boltzmann, "satisfice": Satisfice, "quantilise": Quantilise, "best-of": BestOf}
# parameter names from the one home of rule names (core/limits.py)
_FAMILIES = {name: (key, _CLASSES[name]) for name, key in COMPARE_FAMILIES.items()}
RULES["anti-optimal"] = AntiOptimal()
assert tuple(RULES) == COMPARE_NAMES, "core/limits.py COMPARE_NAMES and RULES disagree"

#: one line per rule spec, for --help and errors
RULE_SYNTAX = ("max", "is-optimal", "frac-optimal", "anti-optimal", "boltzmann:T=<rational > 0>",
               "satisfice:t=<rational>", "quantilise:q=<rational in (0,1]>", "best-of:k=<integer ≥ 1>")


def _choices() -> str:
    return ", ".join(RULE_SYNTAX)


def parse_rule(rule: str | ComparisonRule) -> ComparisonRule:
    """A rule value from its spec or the value itself.

    Specs: ``max``, ``is-optimal``, ``frac-optimal``, ``anti-optimal``, ``boltzmann:T=1``,
    ``satisfice:t=3/2``, ``quantilise:q=1/2``, ``best-of:k=3`` (parameters are exact numbers;
    floats, T ≤ 0, q outside (0, 1], non-integer or k < 1 and unknown keys are refused).
    """
    if isinstance(rule, ComparisonRule):
        return rule
    if not isinstance(rule, str):
        raise OptionSetError(f"compare must be a rule spec or a ComparisonRule value, got {rule!r}")
    text = rule.strip()
    head, sep, tail = text.partition(":")
    key = head.strip().lower().replace("_", "-")
    if key in ("anti-opt", "antiopt", "anti-rational"):
        key = "anti-optimal"
    if key in ("quantilize",):
        key = "quantilise"
    if key in ("bestof", "best-of-k"):
        key = "best-of"
    if key in RULES and not sep:
        return RULES[key]
    if key in RULES:
        raise OptionSetError(f"the comparison {key} takes no parameters, got {rule!r} (choose from {_choices()})")
    if key not in _FAMILIES:
        from ..core.names import did_you_mean

        hint = did_you_mean(key, list(RULES) + list(_FAMILIES))
        raise OptionSetError(f"unknown comparison {rule!r}{hint} (choose from {_choices()})")
    pname, cls = _FAMILIES[key]
    pk, eq, pv = tail.partition("=")
    if not sep or not eq or pk.strip() != pname:
        raise OptionSetError(f"the comparison {key} needs its parameter as {key}:{pname}=VALUE, got {rule!r} "
                             f"(choose from {_choices()})")
    from ..core.errors import ExactNumberError
    from ..core.exact import to_fraction

    try:
        value = to_fraction(pv.strip(), f"{key}:{pname}")
    except ExactNumberError as exc:
        raise OptionSetError(f"bad parameter in {rule!r}: {exc} (choose from {_choices()})") from None
    if key == "boltzmann" and value <= 0:
        raise OptionSetError(f"boltzmann needs a temperature T > 0, got T={_fmt(value)} (choose from {_choices()})")
    if key == "quantilise" and not 0 < value <= 1:
        raise OptionSetError(f"quantilise needs q in (0, 1], got q={_fmt(value)} (choose from {_choices()})")
    if key == "best-of":
        if value.denominator != 1 or value < 1:
            raise OptionSetError(f"best-of needs an integer k ≥ 1, got k={_fmt(value)} (choose from {_choices()})")
        return BestOf(int(value))
    return cls(value)


def rule_value(compare: str | ComparisonRule, X: Sequence[Sequence[Any]], C: Sequence[Sequence[Any]],
               r: Sequence[Any]) -> Any:
    """The exact value f(X|C,u) of a rule for plain vectors (docs/math.md §7.5): a Fraction (or int)
    for every rule but Boltzmann, whose value is a :class:`BoltzmannValue` (exact comparisons,
    ``.enclosure(digits)`` for decimal bounds).  Vectors and reward are exact numbers."""
    from ..core.exact import to_fractions

    rule = parse_rule(compare)
    opts = lambda S, name: tuple(dict.fromkeys((to_fractions(v, name),) for v in S))  # noqa: E731
    return rule.reference_value(opts(X, "X"), opts(C, "C"), to_fractions(r, "reward"))
