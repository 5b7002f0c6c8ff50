"""Default work limits, in one place (docs/limits.md lists each one and the flag that raises it).

Every command estimates its work before starting and refuses past a limit with the estimate and
the flag that raises it; the defaults live here so that the CLI can show them in ``--help``
without importing the engines.  Each engine's default corresponds to minutes on a 2-core machine
at that engine's measured rate (docs/limits.md).
"""

from __future__ import annotations

import os

__all__ = [
    "DEFAULT_MAX_WORK",
    "DEFAULT_REFERENCE_MAX_WORK",
    "REFERENCE_RATE",
    "COMPARE_NAMES",
    "COMPARE_FAMILIES",
    "COMPARE_SYNTAX",
    "MAX_DIGITS",
    "MAX_NESTING",
    "MAX_INPUT_BYTES",
    "JOBS_PER_CPU",
    "max_jobs",
    "DEFAULT_MAX_FAMILY",
    "DEFAULT_MAX_REWARDS",
    "DEFAULT_MAX_OPTIONS",
    "DEFAULT_SWEEP_COUNT_WORK",
    "DEFAULT_MAX_CANDIDATES",
    "MAX_CANDIDATES_CAP",
    "PLOT_MAX_STATES",
    "DEFAULT_MAX_OUTPUT",
    "OUTPUT_MAX_DIGITS",
    "format_estimate",
]

#: Orbit counting: estimated classes × options the exact engine may enumerate (``--max-work``).
DEFAULT_MAX_WORK = 2 * 10**9

#: Measured rate of ``--engine reference`` (orbit elements per second, one core; docs/limits.md).
REFERENCE_RATE = 3_000

#: ``--engine reference``: its own default ``--max-work``, about five minutes at :data:`REFERENCE_RATE`.
DEFAULT_REFERENCE_MAX_WORK = REFERENCE_RATE * 300

#: The comparison rules every counting path accepts (``--compare``), in the order shown in help.
COMPARE_NAMES: tuple[str, ...] = ("max", "is-optimal", "frac-optimal", "anti-optimal")

#: P22's parametrised rules (docs/rules.md): family -> its one parameter; spec ``family:P=VALUE``.
COMPARE_FAMILIES: dict[str, str] = {"boltzmann": "T", "satisfice": "t", "quantilise": "q", "best-of": "k"}

#: The rule syntax shown in ``--help`` (the parser is orbitproof.orbits.rules.parse_rule).
COMPARE_SYNTAX = ("max | is-optimal | frac-optimal | anti-optimal | boltzmann:T=<rational > 0> | "
                  "satisfice:t=<rational> | quantilise:q=<rational in (0,1]> | best-of:k=<integer ≥ 1>")

#: Largest number of decimal digits in one integer (numerator, denominator, exponent or a
#: parameter) of any input.  Python refuses int/str conversions above 4,300 digits deep inside
#: its parsers; this limit is checked first, with a message naming the field.
MAX_DIGITS = 1_000

#: Largest integer the CLI prints (orbit sizes and counts can exceed Python's default 4,300-digit
#: int/str limit for d in the thousands); inputs keep :data:`MAX_DIGITS`.
OUTPUT_MAX_DIGITS = 100_000

#: Deepest nesting of lists/tables in a JSON or TOML input file (environments, vector sets).
MAX_NESTING = 64

#: Largest input file read (bytes).
MAX_INPUT_BYTES = 64 * 2**20

#: ``--jobs`` may be at most this multiple of ``os.cpu_count()`` (all workers are forked at once).
JOBS_PER_CPU = 4

#: ``search --family``: estimated candidates × symmetries a family generator may examine
#: (``--max-family``); about one to three minutes of generation at the measured 130,000–430,000/s.
DEFAULT_MAX_FAMILY = 2 * 10**7

#: ``check --family`` / ``search --rewards``: rewards a reward family may hold (``--max-rewards``);
#: about two minutes at the measured ≈ 1,500–1,700 rewards/s of a d = 5 check (docs/limits.md).
DEFAULT_MAX_REWARDS = 200_000

#: ``options``: visit distributions / policies / cycles enumerated (``--max-options``).
DEFAULT_MAX_OPTIONS = 100_000

#: ``sweep``: counting work (``--max-count-work``): pieces × one count_orbit's class evaluations
#: when every piece is counted on its own, orbit classes × (relevant option pairs + options) for the incremental stage
#: (orbitproof/orbits/sweep_count.py).
DEFAULT_SWEEP_COUNT_WORK = 2 * 10**9

#: ``options``: numbers a listing may print (``--max-output``); an n-state gridworld's RSD_nd lists
#: n unit vectors of n entries plus n witness rewards.
DEFAULT_MAX_OUTPUT = 1_000_000

#: ``copies``: coordinate maps searched exactly (``--max-candidates``) and its hard ceiling.
DEFAULT_MAX_CANDIDATES = 300
MAX_CANDIDATES_CAP = 10**7


#: ``plot env``: largest environment drawn (fixed: a larger drawing is unreadable).
PLOT_MAX_STATES = 400


def max_jobs() -> int:
    """The largest accepted ``--jobs``: :data:`JOBS_PER_CPU` × the CPU count."""
    return JOBS_PER_CPU * (os.cpu_count() or 1)


def format_estimate(n: int) -> str:
    """``12,345`` for readable sizes, ``about 10^617`` beyond 15 digits."""
    if n < 10**15:
        return f"{n:,}"
    return f"about 10^{len(str(n)) - 1}"
