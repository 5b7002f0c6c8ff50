"""Class representatives with weights: the evidence behind a block-reduced count.

For the interchangeable blocks of :mod:`.blocks`, every orbit element r' belongs to exactly one
class (the sub-multiset each block receives); the class's representative puts each block's values
in ascending order onto its coordinates, and its weight ∏_b multinomial(Q_b) is the number of
orbit elements in it.  Σ weights = |S_d·r|, and summing weight × sign(g(B|rep) − g(A|rep)) over
the classes gives the orbit count -- a certificate a small independent checker can re-verify.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.errors import TooLargeError
from .blocks import block_structure, count_classes
from .engine import class_table
from .multiset import counts_of
from .problem import build_problem
from .rules import ComparisonRule, parse_rule

__all__ = ["OrbitClass", "orbit_classes"]


@dataclass(frozen=True)
class OrbitClass:
    """One class: a representative orbit element and the number of orbit elements it stands for."""

    representative: tuple[Fraction, ...]
    weight: int


def orbit_classes(
    A: Any, B: Any, r: Any, *, C: Any = None, compare: str | ComparisonRule = "max", limit: int = 100_000
) -> tuple[tuple[tuple[int, ...], ...], tuple[OrbitClass, ...]]:
    """``(blocks, classes)`` for the block reduction of the orbit of ``r``.

    Raises :class:`TooLargeError` when there are more than ``limit`` classes.
    """
    rule = parse_rule(compare)
    problem = build_problem(A, B, r, rule, C)
    blocks = block_structure(problem).blocks
    values, counts = counts_of(problem.reward)
    n = count_classes([len(b) for b in blocks], counts)
    if n > limit:
        raise TooLargeError(f"{n:,} classes exceed the limit {limit:,} (raise limit=)")
    idx, weights, _ = class_table(tuple(len(b) for b in blocks), counts)
    coords = [i for b in blocks for i in b]
    out = []
    for row, w in zip(idx, weights):
        rep = [Fraction(0)] * problem.dimension
        for c, k in zip(coords, row):
            rep[c] = values[int(k)]
        out.append(OrbitClass(tuple(rep), w))
    return blocks, tuple(out)
