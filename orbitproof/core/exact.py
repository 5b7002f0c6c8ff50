"""Exact numbers: the only place where user numbers are parsed and scaled.

Accepted inputs (docs/math.md conventions; docs/architecture.md "exact numbers in one place"):

* ``int`` (not ``bool``), :class:`fractions.Fraction`, python-flint ``fmpz`` / ``fmpq``;
* strings ``"3"``, ``"-2"``, ``"3/4"``, ``"-3/4"`` and exact decimals ``"0.15"``, ``"-1.5e-3"``
  (a decimal string denotes the exact rational it spells, e.g. ``"0.1" == 1/10``).

Refused with :class:`~orbitproof.core.errors.ExactNumberError` naming the field: ``float`` values
(even integral ones: a float in an input file means precision was already lost), NaN,
infinities, empty strings, ``"1/0"`` and anything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from fractions import Fraction
from math import gcd, lcm
from typing import Any

from .errors import ExactNumberError
from .limits import MAX_DIGITS

__all__ = [
    "to_fraction",
    "to_fractions",
    "format_fraction",
    "parse_vector",
    "common_denominator",
    "scale_to_integers",
    "int64_safe",
    "check_digits",
    "parse_int",
    "MAX_DIGITS",
]

# ASCII digits only: Python's int() also reads other scripts' digits ("١/٢" would be 1/2).
_INT_RE = re.compile(r"^[+-]?[0-9]+$")
_RATIO_RE = re.compile(r"^\s*([+-]?[0-9]+)\s*/\s*([+-]?[0-9]+)\s*$")
_DECIMAL_RE = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
_DIGIT_RUN_RE = re.compile(r"[0-9]+")

INT64_MAX = 2**63 - 1
# Decimal exponents beyond this are refused: "1e99999999" would build a 10^8-digit integer.
MAX_DECIMAL_EXPONENT = 1000


def _where(field: str | None) -> str:
    return f" in {field}" if field else ""


def to_fraction(value: Any, field: str | None = None) -> Fraction:
    """Return ``value`` as an exact :class:`Fraction` or raise :class:`ExactNumberError`.

    ``field`` names where the value came from (e.g. ``"reward[2]"``) and appears in the error.
    """
    if isinstance(value, bool):
        raise ExactNumberError(f"expected an exact number{_where(field)}, got a boolean {value!r}")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        raise ExactNumberError(
            f"refusing the float {value!r}{_where(field)}: write it as an exact string such as "
            f'"{_float_hint(value)}" so that no precision is lost'
        )
    typename = type(value).__name__
    if typename in ("fmpz", "fmpq"):
        return Fraction(int(value.p), int(value.q)) if typename == "fmpq" else Fraction(int(value))
    if isinstance(value, str):
        return _parse_string(value, field)
    # numpy integers are exact; numpy floats are not
    if hasattr(value, "dtype"):
        kind = getattr(value.dtype, "kind", "")
        if kind in "iu":
            return Fraction(int(value))
        raise ExactNumberError(f"refusing the non-integer numpy value {value!r}{_where(field)}")
    raise ExactNumberError(
        f"expected an exact number (int, Fraction or a string like \"3/4\"){_where(field)}, "
        f"got {typename} {value!r}"
    )


def _float_hint(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return "3/4"
    return repr(value)


def _shown(text: str, k: int = 40) -> str:
    return repr(text if len(text) <= k else text[:k] + "…")


def check_digits(text: str, field: str | None = None) -> None:
    """Refuse ``text`` if it holds a run of more than :data:`MAX_DIGITS` ASCII digits.

    Checked before any ``int()`` conversion: Python's own limit (4,300 digits) raises deep inside
    parsers with a message that names no field.
    """
    if len(text) <= MAX_DIGITS:
        return
    longest = max((len(m) for m in _DIGIT_RUN_RE.findall(text)), default=0)
    if longest > MAX_DIGITS:
        raise ExactNumberError(
            f"a number with {longest:,} digits{_where(field)} (starting {_shown(text, 20)}) exceeds the "
            f"limit of {MAX_DIGITS:,} digits"
        )


def parse_int(text: str, field: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """An integer parameter from text: ASCII digits, at most :data:`MAX_DIGITS` of them, optional
    ``_`` separators, within ``[minimum, maximum]``; errors name ``field``."""
    s = str(text).strip().replace("_", "")
    check_digits(s, field)
    if not _INT_RE.match(s):
        raise ExactNumberError(f"{field} must be an integer, got {_shown(str(text))}")
    value = int(s)
    if minimum is not None and value < minimum:
        raise ExactNumberError(f"{field} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ExactNumberError(f"{field} must be at most {maximum:,}, got {_shown(s, 20)}")
    return value


def _parse_string(text: str, field: str | None) -> Fraction:
    s = text.strip()
    if not s:
        raise ExactNumberError(f"empty number{_where(field)}")
    check_digits(s, field)
    low = s.lower().lstrip("+-")
    if low in ("nan", "inf", "infinity"):
        raise ExactNumberError(f"{text!r}{_where(field)} is not a finite exact number")
    if _INT_RE.match(s):
        return Fraction(int(s))
    m = _RATIO_RE.match(s)
    if m:
        num, den = int(m.group(1)), int(m.group(2))
        if den == 0:
            raise ExactNumberError(f"division by zero in {text!r}{_where(field)}")
        return Fraction(num, den)
    m = _DECIMAL_RE.match(s)
    if m:
        exponent = int(m.group(2)[1:]) if m.group(2) else 0
        if abs(exponent) > MAX_DECIMAL_EXPONENT:
            raise ExactNumberError(
                f"the exponent of {text[:40]!r}{_where(field)} is outside ±{MAX_DECIMAL_EXPONENT}"
            )
        return Fraction(s)  # Fraction parses decimal strings exactly
    if any(c.isdigit() and not c.isascii() for c in s):
        raise ExactNumberError(f"{_shown(text)}{_where(field)} uses non-ASCII digits; write numbers with 0-9")
    raise ExactNumberError(
        f"cannot read {_shown(text)}{_where(field)} as an exact number "
        '(use an integer, "p/q" or an exact decimal such as "0.15")'
    )


def to_fractions(values: Iterable[Any], field: str | None = None) -> tuple[Fraction, ...]:
    """Convert every entry; errors name ``field[i]``."""
    if isinstance(values, (str, bytes)):
        raise ExactNumberError(f"expected a list of numbers{_where(field)}, got a string")
    try:
        items = list(values)
    except TypeError:
        raise ExactNumberError(f"expected a list of numbers{_where(field)}, got {values!r}") from None
    name = field or "value"
    return tuple(to_fraction(v, f"{name}[{i}]") for i, v in enumerate(items))


def parse_vector(text: str, names: Sequence[str] | None = None, field: str = "vector") -> tuple[Fraction, ...]:
    """Parse ``"1,0,3/4"`` (coordinate order) or ``"a=1,c=3/4"`` (named; others 0).

    Named form needs ``names``; an unknown name or a repeated one is an error.
    """
    parts = [p.strip() for p in text.split(",")] if text.strip() else []
    if not parts:
        raise ExactNumberError(f"empty {field}")
    if any("=" in p for p in parts):
        if names is None:
            raise ExactNumberError(f"{field}: name=value pairs need named coordinates")
        if not all("=" in p for p in parts):
            raise ExactNumberError(f"{field}: mix of positional values and name=value pairs")
        index = {n: i for i, n in enumerate(names)}
        out = [Fraction(0)] * len(names)
        seen: set[str] = set()
        for p in parts:
            key, _, val = p.partition("=")
            key = key.strip()
            if key not in index:
                raise ExactNumberError(f"{field}: unknown coordinate {key!r} (known: {', '.join(names)})")
            if key in seen:
                raise ExactNumberError(f"{field}: coordinate {key!r} given twice")
            seen.add(key)
            out[index[key]] = to_fraction(val, f"{field}[{key}]")
        return tuple(out)
    vec = tuple(to_fraction(p, f"{field}[{i}]") for i, p in enumerate(parts))
    if names is not None and len(vec) != len(names):
        raise ExactNumberError(f"{field} has {len(vec)} entries but there are {len(names)} coordinates")
    return vec


def format_fraction(x: Fraction | int) -> str:
    """``3/4``, ``-2``, ``0`` -- the canonical text form used in output and certificates."""
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def common_denominator(values: Iterable[Fraction]) -> int:
    """Least common multiple of the denominators (1 for an empty input)."""
    den = 1
    for v in values:
        den = lcm(den, Fraction(v).denominator)
    return den


def scale_to_integers(values: Sequence[Fraction]) -> tuple[tuple[int, ...], int]:
    """Return ``(ints, D)`` with ``ints[i] == values[i] * D`` exactly and ``D`` minimal, positive.

    Scaling every vector of a comparison by the same positive ``D`` preserves every ``<``, ``=``,
    ``>`` between dot products, so integer arithmetic decides the same verdicts.
    """
    den = common_denominator(values)
    ints = tuple(int(Fraction(v) * den) for v in values)
    return ints, den


def int64_safe(bound: int) -> bool:
    """True iff every intermediate of absolute value at most ``bound`` fits in numpy int64."""
    return 0 <= bound <= INT64_MAX


def _gcd_all(values: Iterable[int]) -> int:
    g = 0
    for v in values:
        g = gcd(g, v)
    return g
