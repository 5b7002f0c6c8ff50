"""Reward distributions D that are iid over states (docs/math.md §1.5, §13.2).

Syntax accepted by :func:`parse_distribution` (and the CLI's ``--dist``):

* ``uniform`` -- each state's reward is uniform on [0, 1] (continuous; the papers' running example).
* ``bernoulli:P`` -- reward 1 with probability ``P`` and 0 otherwise (``P`` exact, in [0, 1]).
* ``uniform-int:K`` -- uniform on the integers ``0, 1, …, K−1`` (``K`` ≥ 1).
* ``values:V1,V2,…`` -- uniform on the listed distinct exact values.
* ``values:V1,V2,…@P1,P2,…`` -- value ``Vi`` with probability ``Pi``; each ``Pi`` in [0, 1], the
  ``Pi`` sum to exactly 1.  Values with probability 0 are dropped.

Numbers are exact (integers, ``a/b``, or decimal strings such as ``0.25``, read exactly); floats
are refused.  Every malformed string raises :class:`DistributionError` with one clear line.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Union

from .errors import ExactNumberError, OrbitproofError
from .exact import format_fraction, to_fraction

__all__ = [
    "DistributionError",
    "Uniform01",
    "FiniteSupport",
    "Distribution",
    "parse_distribution",
    "DISTRIBUTION_SYNTAX",
]

DISTRIBUTION_SYNTAX = ("uniform | bernoulli:P | uniform-int:K | values:V1,V2,... | "
                       "values:V1,V2,...@P1,P2,...")


class DistributionError(OrbitproofError, ValueError):
    """A reward-distribution string or object is malformed."""


@dataclass(frozen=True)
class Uniform01:
    """iid uniform on [0, 1] per state (continuous)."""

    @property
    def spec(self) -> str:
        return "uniform"

    @property
    def finite(self) -> bool:
        return False

    @property
    def mean(self) -> Fraction:
        return Fraction(1, 2)

    @property
    def bounds(self) -> tuple[Fraction, Fraction]:
        return Fraction(0), Fraction(1)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "uniform", "spec": "uniform"}

    def __str__(self) -> str:
        return "iid uniform[0, 1]"


@dataclass(frozen=True)
class FiniteSupport:
    """iid with finitely many values: ``values[i]`` has probability ``probabilities[i]`` (> 0)."""

    values: tuple[Fraction, ...]
    probabilities: tuple[Fraction, ...]
    spec: str = ""

    def __post_init__(self) -> None:
        if len(self.values) != len(self.probabilities):
            raise DistributionError("a distribution needs as many probabilities as values")
        if not self.values:
            raise DistributionError("a distribution needs at least one value")
        if len(set(self.values)) != len(self.values):
            raise DistributionError("the values of a distribution must be distinct")
        for p in self.probabilities:
            if not (0 < p <= 1):
                raise DistributionError(f"probability {format_fraction(p)} is outside (0, 1]")
        if sum(self.probabilities, Fraction(0)) != 1:
            raise DistributionError(
                f"probabilities sum to {format_fraction(sum(self.probabilities, Fraction(0)))}, not 1")
        order = sorted(range(len(self.values)), key=lambda i: self.values[i])
        object.__setattr__(self, "values", tuple(self.values[i] for i in order))
        object.__setattr__(self, "probabilities", tuple(self.probabilities[i] for i in order))
        if not self.spec:
            object.__setattr__(self, "spec", _values_spec(self.values, self.probabilities))

    @property
    def finite(self) -> bool:
        return True

    @property
    def mean(self) -> Fraction:
        return sum((v * p for v, p in zip(self.values, self.probabilities)), Fraction(0))

    @property
    def bounds(self) -> tuple[Fraction, Fraction]:
        return self.values[0], self.values[-1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "finite",
            "spec": self.spec,
            "values": [format_fraction(v) for v in self.values],
            "probabilities": [format_fraction(p) for p in self.probabilities],
        }

    def __str__(self) -> str:
        return f"iid {self.spec}"


Distribution = Union[Uniform01, FiniteSupport]


def _values_spec(values: tuple[Fraction, ...], probs: tuple[Fraction, ...]) -> str:
    return ("values:" + ",".join(format_fraction(v) for v in values) + "@"
            + ",".join(format_fraction(p) for p in probs))


def _number(text: str, what: str, spec: str) -> Fraction:
    try:
        return to_fraction(text.strip(), what)
    except ExactNumberError as exc:
        raise DistributionError(f"distribution {spec!r}: {exc}") from None


def _probability(text: str, spec: str) -> Fraction:
    p = _number(text, "probability", spec)
    if not (0 <= p <= 1):
        raise DistributionError(f"distribution {spec!r}: probability {format_fraction(p)} is outside [0, 1]")
    return p


def parse_distribution(obj: Any) -> Distribution:
    """Read a distribution from its string (module doc), its ``to_dict()`` form, or pass it through."""
    if isinstance(obj, (Uniform01, FiniteSupport)):
        return obj
    if isinstance(obj, dict):
        kind = obj.get("kind")
        if kind == "uniform":
            return Uniform01()
        if kind == "finite":
            vals = obj.get("values")
            probs = obj.get("probabilities")
            if not isinstance(vals, list) or not isinstance(probs, list):
                raise DistributionError("a finite distribution needs lists 'values' and 'probabilities'")
            spec = str(obj.get("spec", ""))
            return FiniteSupport(tuple(_number(str(v), "value", spec) for v in vals),
                                 tuple(_probability(str(p), spec) for p in probs), spec)
        raise DistributionError(f"unknown distribution kind {kind!r}")
    if not isinstance(obj, str):
        raise DistributionError(f"expected a distribution string ({DISTRIBUTION_SYNTAX}), got {type(obj).__name__}")
    spec = obj.strip()
    head, sep, arg = spec.partition(":")
    head = head.strip().lower()
    if head == "uniform" and not sep:
        return Uniform01()
    if head == "bernoulli":
        if not arg.strip():
            raise DistributionError(f"distribution {spec!r}: bernoulli needs a probability, e.g. bernoulli:1/2")
        p = _probability(arg, spec)
        vals = [(Fraction(0), 1 - p), (Fraction(1), p)]
        kept = [(v, q) for v, q in vals if q]
        return FiniteSupport(tuple(v for v, _ in kept), tuple(q for _, q in kept), f"bernoulli:{format_fraction(p)}")
    if head == "uniform-int":
        text = arg.strip()
        if not text.isdigit() or int(text) < 1:
            raise DistributionError(f"distribution {spec!r}: uniform-int needs an integer K >= 1, e.g. uniform-int:3")
        k = int(text)
        return FiniteSupport(tuple(Fraction(i) for i in range(k)), (Fraction(1, k),) * k, f"uniform-int:{k}")
    if head == "values":
        vals_text, at, probs_text = arg.partition("@")
        if not vals_text.strip():
            raise DistributionError(f"distribution {spec!r}: values needs a list, e.g. values:0,1,2@1/2,1/4,1/4")
        values = tuple(_number(v, "value", spec) for v in vals_text.split(","))
        if len(set(values)) != len(values):
            raise DistributionError(f"distribution {spec!r}: values must be distinct")
        if at:
            probs = tuple(_probability(p, spec) for p in probs_text.split(","))
            if len(probs) != len(values):
                raise DistributionError(
                    f"distribution {spec!r}: {len(values)} values but {len(probs)} probabilities")
        else:
            probs = (Fraction(1, len(values)),) * len(values)
        total = sum(probs, Fraction(0))
        if total != 1:
            raise DistributionError(f"distribution {spec!r}: probabilities sum to {format_fraction(total)}, not 1")
        kept = [(v, p) for v, p in zip(values, probs) if p]
        return FiniteSupport(tuple(v for v, _ in kept), tuple(p for _, p in kept))
    raise DistributionError(f"unknown distribution {spec!r}; expected {DISTRIBUTION_SYNTAX}")
