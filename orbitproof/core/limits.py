"""Default work limits, in one place (docs/limits.md lists each one and the flag that raises it).

Every command estimates its work before starting and refuses past a limit with the estimate and
the flag that raises it; the defaults live here so that the CLI can show them in ``--help``
without importing the engines.
"""

from __future__ import annotations

__all__ = ["DEFAULT_MAX_WORK", "COMPARE_NAMES"]

#: Orbit counting: estimated classes × options the exact engine may enumerate (``--max-work``).
DEFAULT_MAX_WORK = 2 * 10**9

#: The comparison rules every counting path accepts (``--compare``), in the order shown in help.
COMPARE_NAMES: tuple[str, ...] = ("max", "is-optimal", "frac-optimal")
