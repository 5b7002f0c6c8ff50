"""Names: one rule for state, action and coordinate names, and "did you mean" suggestions.

Names are written in comma-separated CLI lists (``--a a,b``, ``--reward s=1,t=2``) and in labels
such as ``F(s | a)``, so a few characters would make a name impossible to refer to; control and
other non-printable characters are refused everywhere (they hide in terminals and logs).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .errors import FormatError

__all__ = ["STATE_FORBIDDEN", "ACTION_FORBIDDEN", "name_problem", "check_name", "did_you_mean"]

#: Characters a state or coordinate name may not contain (besides control characters).
STATE_FORBIDDEN = ",="
#: Characters an action name may not contain (besides control characters).
ACTION_FORBIDDEN = ","


def name_problem(name: str, forbidden: str = STATE_FORBIDDEN) -> str | None:
    """Why ``name`` is not a usable name (``None`` if it is)."""
    if not isinstance(name, str) or not name:
        return "is not a non-empty string"
    bad = sorted({c for c in name if c in forbidden or not c.isprintable()})
    if bad:
        return (f"contains character(s) {' '.join(map(repr, bad))} (forbidden: "
                f"{' '.join(map(repr, forbidden))}, control characters)")
    if name != name.strip():
        return "has leading or trailing whitespace"
    return None


def check_name(name: str, kind: str, forbidden: str = STATE_FORBIDDEN, where: str = "",
               error: type[Exception] = FormatError) -> None:
    """Raise ``error`` naming ``kind`` when :func:`name_problem` finds a problem."""
    problem = name_problem(name, forbidden)
    if problem:
        shown = name if not isinstance(name, str) or len(name) <= 40 else name[:40] + "…"
        raise error(f"{kind} name {shown!r}{where} {problem}; names are used in comma-separated lists "
                    "and name=value pairs")


def did_you_mean(word: str, choices: Iterable[str], n: int = 1) -> str:
    """``" (did you mean 'rewards'?)"`` for the closest of ``choices``, or ``""``."""
    options = [c for c in choices if isinstance(c, str)]
    close = difflib.get_close_matches(str(word), options, n=n, cutoff=0.6)
    if not close:
        low = {c.lower(): c for c in options}
        close = [low[w] for w in difflib.get_close_matches(str(word).lower(), list(low), n=n, cutoff=0.6)]
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
