"""Default work limits, in one place (docs/limits.md lists each one and the flag that raises it).

Every command estimates its work before starting and refuses past a limit with the estimate and
the flag that raises it; the defaults live here so that the CLI can show them in ``--help``
without importing the engines.
"""

from __future__ import annotations

__all__ = ["DEFAULT_MAX_WORK", "COMPARE_NAMES", "COMPARE_FAMILIES", "COMPARE_SYNTAX"]

#: Orbit counting: estimated classes × options the exact engine may enumerate (``--max-work``).
DEFAULT_MAX_WORK = 2 * 10**9

#: The comparison rules every counting path accepts (``--compare``), in the order shown in help.
COMPARE_NAMES: tuple[str, ...] = ("max", "is-optimal", "frac-optimal", "anti-optimal")

#: P22's parametrised rules (docs/rules.md): family -> its one parameter; spec ``family:P=VALUE``.
COMPARE_FAMILIES: dict[str, str] = {"boltzmann": "T", "satisfice": "t", "quantilise": "q", "best-of": "k"}

#: The rule syntax shown in ``--help`` (the parser is orbitproof.orbits.rules.parse_rule).
COMPARE_SYNTAX = ("max | is-optimal | frac-optimal | anti-optimal | boltzmann:T=<rational > 0> | "
                  "satisfice:t=<rational> | quantilise:q=<rational in (0,1]> | best-of:k=<integer ≥ 1>")
