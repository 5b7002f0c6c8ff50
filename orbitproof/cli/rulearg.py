"""``--compare RULE``: argparse type for decision-rule specs (docs/rules.md).

Returns the rule's canonical spec (``boltzmann:T=1/2`` for ``Boltzmann:T=2/4``), or exits with one
line ``orbitproof: error: argument --compare: ...`` (exit code 2) naming every valid choice.
"""

from __future__ import annotations

import argparse

__all__ = ["compare_spec"]


def compare_spec(text: str) -> str:
    from ..core.errors import OrbitproofError
    from ..orbits.rules import parse_rule

    try:
        return parse_rule(text).name
    except OrbitproofError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
