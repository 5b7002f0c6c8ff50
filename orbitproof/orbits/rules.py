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
* :class:`FracOptimal` (``"frac-optimal"``): |argmax_C ∩ X| / |argmax_C| (item 2).

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
from ..core.optionset import Option, option_value

__all__ = [
    "Layout",
    "ComparisonRule",
    "MaxValue",
    "IsOptimal",
    "FracOptimal",
    "RULES",
    "parse_rule",
]


@dataclass(frozen=True)
class Layout:
    """Where A, B and C sit among the distinct options U (indices into U's rows)."""

    ia: tuple[int, ...]
    ib: tuple[int, ...]
    ic: tuple[int, ...]

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


def parse_rule(rule: str | ComparisonRule) -> ComparisonRule:
    """A rule value from its name (``max``, ``is-optimal``, ``frac-optimal``) or the value itself."""
    if isinstance(rule, str):
        key = rule.strip().lower().replace("_", "-")
        if key not in RULES:
            raise OptionSetError(f"unknown comparison {rule!r} (choose from {', '.join(RULES)})")
        return RULES[key]
    if isinstance(rule, ComparisonRule):
        return rule
    raise OptionSetError(f"compare must be a rule name or a ComparisonRule value, got {rule!r}")
