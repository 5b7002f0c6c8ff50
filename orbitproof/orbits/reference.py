"""The ``reference`` engine: the definition, element by element (the slow twin).

For every distinct r' in the orbit S_d·r (docs/math.md §2.1), in lexicographic order, compute
g(B|r') and g(A|r') with exact Fractions from :func:`~orbitproof.core.optionset.option_value`
(lexicographic tuples for layered options) and tally >, <, =.  Shards are rank ranges of the
lexicographic order (:func:`~.multiset.unrank_permutation`).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ..core.optionset import Option
from .multiset import next_permutation, unrank_permutation
from .rules import ComparisonRule

__all__ = ["reference_counts"]


def reference_counts(
    A: Sequence[Option],
    B: Sequence[Option],
    C: Sequence[Option],
    reward: Sequence[Fraction],
    rule: ComparisonRule,
    start: int = 0,
    stop: int | None = None,
) -> tuple[int, int, int]:
    """(#g(B)>g(A), #g(B)<g(A), #ties) over orbit elements of lexicographic rank in [start, stop)."""
    seq = list(unrank_permutation(reward, start)) if start else sorted(reward)
    b_gt = a_gt = tie = 0
    k = start
    while stop is None or k < stop:
        gb = rule.reference_value(B, C, seq)
        ga = rule.reference_value(A, C, seq)
        if gb > ga:
            b_gt += 1
        elif gb < ga:
            a_gt += 1
        else:
            tie += 1
        k += 1
        if not next_permutation(seq):
            break
    return b_gt, a_gt, tie
