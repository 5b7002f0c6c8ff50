"""POWER, optimality probability, average optimal value and POWER-seeking, exactly (docs/math.md §1.6, §13.2).

For a state s, an iid reward distribution D (:mod:`orbitproof.core.distributions`) and a semantics:

* POWER_D(s, γ) = ((1−γ)/γ) · E_{r∼D}[max_{f∈F(s)} (f(γ) − e_s)·r] for rational γ ∈ (0, 1) (P21 Def 4.4);
  ``Gain()`` gives the γ → 1 limit E[max_{d∈RSD(s)} d·r] (P21 Lemma E.49); γ = 0 gives the γ → 0
  limit E[max_a E_{s'∼T(s,a)} r(s')].
* P_D(s, a, γ) = P(max_{F(s | a)} ≥ max_{F(s)}) (P21 Def 4.3, Lemma E.35/E.48; ties count as optimal
  for every maximiser); under ``Gain()`` the RSD sets are used (average optimality, Def 6.11).
* V*_D(s, γ) = E[max_{f∈F(s)} f(γ)·r] (average optimal value); under ``Gain()`` E[max_{RSD(s)} d·r].
* POWER-seeking (P21 Def 5.6): action a seeks more POWER than a' at s iff
  E_{s_a∼T(s,a)} POWER(s_a, γ) ≥ E_{s_a'∼T(s,a')} POWER(s_a', γ); reported with exact differences.

All values are exact Fractions computed by :func:`orbitproof.mdp.expectation.option_statistics`.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.distributions import Distribution, parse_distribution
from ..core.errors import SemanticsError
from ..core.exact import format_fraction
from ..core.semantics import Blackwell, Discounted, Gain, Semantics, parse_semantics
from .environment import Environment
from .expectation import DEFAULT_MAX_POWER_WORK, option_statistics, option_statistics_monte_carlo, Estimate
from .io import resolve_environment
from .options import option_set

__all__ = [
    "PowerResult",
    "OptimalityResult",
    "PowerSeekingResult",
    "power",
    "power_options",
    "power_all_states",
    "power_estimate",
    "optimality_probabilities",
    "average_optimal_value",
    "power_seeking",
    "power_upper_bound",
]

Vec = tuple[Fraction, ...]


def _sem(semantics: Any) -> Semantics:
    sem = parse_semantics(semantics)
    if isinstance(sem, Blackwell):
        raise SemanticsError("POWER and optimality probability support a rational gamma or gain, "
                             "not Blackwell (use --gain for the γ → 1 limit)")
    return sem


def _sem_label(sem: Semantics) -> str:
    return sem.name


def _tex(x: Fraction) -> str:
    if x.denominator == 1:
        return str(x.numerator)
    sign = "-" if x < 0 else ""
    return rf"{sign}\tfrac{{{abs(x.numerator)}}}{{{x.denominator}}}"


def _html_table(caption: str, header: tuple[str, str], rows: list[tuple[str, Fraction]]) -> str:
    body = "".join(f"<tr><td>{html.escape(a)}</td><td>{format_fraction(v)}</td></tr>" for a, v in rows)
    return (f"<table><caption>{html.escape(caption)}</caption><tr><th>{html.escape(header[0])}</th>"
            f"<th>{html.escape(header[1])}</th></tr>{body}</table>")


class _Display:
    """to_json / _repr_html_ / _repr_latex_ from ``to_dict`` and ``_rows`` (notebook display)."""

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)  # type: ignore[attr-defined]

    def _repr_html_(self) -> str:
        caption, header, rows = self._rows()  # type: ignore[attr-defined]
        return _html_table(caption, header, rows)

    def _repr_latex_(self) -> str:
        caption, header, rows = self._rows()  # type: ignore[attr-defined]
        return "$" + r",\ ".join(rf"\text{{{a}}}: {_tex(v)}" for a, v in rows) + "$"


@dataclass(frozen=True)
class PowerResult(_Display):
    """POWER_D(state, γ) = ``factor · expected_max`` over ``options`` (exact)."""

    environment: str
    state: str
    semantics: Semantics
    distribution: Distribution
    value: Fraction
    expected_max: Fraction
    factor: Fraction
    options: tuple[Vec, ...] = field(repr=False)
    method: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "environment": self.environment,
            "state": self.state,
            "semantics": self.semantics.to_dict(),
            "distribution": self.distribution.to_dict(),
            "power": format_fraction(self.value),
            "expected_max": format_fraction(self.expected_max),
            "factor": format_fraction(self.factor),
            "options": len(self.options),
            "method": self.method,
        }

    def __str__(self) -> str:
        return (f"POWER({self.state}, {_sem_label(self.semantics)}) = {format_fraction(self.value)} "
                f"under {self.distribution}")

    def _rows(self):
        return (f"POWER, {self.semantics}, {self.distribution} (exact)", ("state", "POWER"),
                [(self.state, self.value)])


def power_options(env: Environment | str, state: str, semantics: Any) -> tuple[tuple[Vec, ...], Fraction]:
    """The options whose expected maximum, times the returned factor, is POWER (module doc)."""
    env = resolve_environment(env)
    sem = parse_semantics(semantics)
    s = env.index(state)
    d = len(env.states)
    if isinstance(sem, Gain):
        return option_set(env, state, None, sem, nd=True).vectors, Fraction(1)
    if isinstance(sem, Blackwell):
        raise SemanticsError("POWER supports a rational gamma or gain, not Blackwell")
    g = sem.gamma
    if g == 0:  # γ → 0: E[max_a E_{s'∼T(s,a)} r(s')]
        opts = []
        for act in env.actions(state):
            v = [Fraction(0)] * d
            for nxt, p in env.transition(state, act):
                v[env.index(nxt)] += p
            opts.append(tuple(v))
        return tuple(dict.fromkeys(opts)), Fraction(1)
    vals = option_set(env, state, None, sem).vectors  # all of F(s)(γ): the engines filter cheaply
    shifted = tuple(tuple(x - (1 if i == s else 0) for i, x in enumerate(v)) for v in vals)
    return shifted, (1 - g) / g


def power(env: Environment | str, state: str, semantics: Any, dist: Any = "uniform", *,
          max_work: int = DEFAULT_MAX_POWER_WORK) -> PowerResult:
    """POWER_D(state, γ) exactly (P21 Def 4.4; module doc for γ = 0 and gain)."""
    env = resolve_environment(env)
    sem = _sem(semantics)
    D = parse_distribution(dist)
    opts, factor = power_options(env, state, sem)
    st = option_statistics(opts, (), D, max_work=max_work)
    return PowerResult(env.name, state, sem, D, factor * st.expected_max, st.expected_max, factor, opts, st.method)


def power_all_states(env: Environment | str, semantics: Any, dist: Any = "uniform", *,
                     max_work: int = DEFAULT_MAX_POWER_WORK) -> tuple[PowerResult, ...]:
    """POWER at every state, in state order."""
    env = resolve_environment(env)
    return tuple(power(env, s, semantics, dist, max_work=max_work) for s in env.states)


def power_estimate(env: Environment | str, state: str, semantics: Any, dist: Any = "uniform", *,
                   samples: int = 100_000, seed: int = 0) -> Estimate:
    """Monte Carlo **estimate** of POWER (float, with standard error); never a verdict."""
    env = resolve_environment(env)
    sem = _sem(semantics)
    opts, factor = power_options(env, state, sem)
    mc = option_statistics_monte_carlo(opts, (), dist, samples=samples, seed=seed)
    f = float(factor)
    return Estimate(mc.expected_max.mean * f, mc.expected_max.stderr * f, samples)


@dataclass(frozen=True)
class OptimalityResult(_Display):
    """P_D(state, a, γ) for each action a (exact); ties count for every maximiser."""

    environment: str
    state: str
    semantics: Semantics
    distribution: Distribution
    probabilities: dict[str, Fraction]
    method: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "environment": self.environment,
            "state": self.state,
            "semantics": self.semantics.to_dict(),
            "distribution": self.distribution.to_dict(),
            "probabilities": {a: format_fraction(p) for a, p in self.probabilities.items()},
            "method": self.method,
        }

    def __str__(self) -> str:
        return "\n".join(f"P({self.state}, {a}, {_sem_label(self.semantics)}) = {format_fraction(p)}"
                         for a, p in self.probabilities.items())

    def _rows(self):
        return (f"P(action optimal at {self.state}), {self.semantics}, {self.distribution} (exact)",
                ("action", "probability"), list(self.probabilities.items()))


def optimality_probabilities(env: Environment | str, state: str, semantics: Any, dist: Any = "uniform",
                             actions: Any = None, *, max_work: int = DEFAULT_MAX_POWER_WORK) -> OptimalityResult:
    """P_D(state, a, γ) = P(max_{F(s|a)} ≥ max_{F(s)}) for each action a (all if ``actions`` is None)."""
    env = resolve_environment(env)
    sem = _sem(semantics)
    if isinstance(sem, Discounted) and sem.gamma == 0:
        raise SemanticsError("optimality probability needs gamma in (0, 1) or --gain")
    D = parse_distribution(dist)
    acts = list(env.actions(state)) if actions is None else ([actions] if isinstance(actions, str) else list(actions))
    for a in acts:
        env.action_index(state, a)
    C = option_set(env, state, None, sem).vectors
    subsets = [option_set(env, state, a, sem).vectors for a in acts]
    st = option_statistics(C, subsets, D, max_work=max_work)
    return OptimalityResult(env.name, state, sem, D, dict(zip(acts, st.probabilities)), st.method)


def average_optimal_value(env: Environment | str, state: str, semantics: Any, dist: Any = "uniform", *,
                          max_work: int = DEFAULT_MAX_POWER_WORK) -> Fraction:
    """V*_D(state, γ) = E[max_{f∈F(s)} f(γ)·r] (gain: E[max_{d∈RSD(s)} d·r])."""
    env = resolve_environment(env)
    sem = _sem(semantics)
    C = option_set(env, state, None, sem).vectors
    return option_statistics(C, (), dist, max_work=max_work).expected_max


@dataclass(frozen=True)
class PowerSeekingResult(_Display):
    """E_{s'∼T(s,a)} POWER(s', γ) per action, and the pairwise differences (P21 Def 5.6)."""

    environment: str
    state: str
    semantics: Semantics
    distribution: Distribution
    expected_power: dict[str, Fraction]

    def seeks_more(self, a: str, b: str) -> bool:
        """True iff action ``a`` seeks at least as much POWER as ``b`` (weak ≥, Def 5.6)."""
        return self.expected_power[a] >= self.expected_power[b]

    def difference(self, a: str, b: str) -> Fraction:
        return self.expected_power[a] - self.expected_power[b]

    def to_dict(self) -> dict[str, Any]:
        acts = list(self.expected_power)
        return {
            "environment": self.environment,
            "state": self.state,
            "semantics": self.semantics.to_dict(),
            "distribution": self.distribution.to_dict(),
            "expected_power": {a: format_fraction(v) for a, v in self.expected_power.items()},
            "differences": {f"{a} - {b}": format_fraction(self.difference(a, b))
                            for a in acts for b in acts if a != b},
        }

    def __str__(self) -> str:
        return "\n".join(f"E POWER after {a}: {format_fraction(v)}" for a, v in self.expected_power.items())

    def _rows(self):
        return (f"E[POWER(s')] after each action at {self.state}, {self.semantics}, {self.distribution} (exact)",
                ("action", "E POWER"), list(self.expected_power.items()))


def power_seeking(env: Environment | str, state: str, semantics: Any, dist: Any = "uniform", *,
                  max_work: int = DEFAULT_MAX_POWER_WORK) -> PowerSeekingResult:
    """E_{s'∼T(s,a)} POWER_D(s', γ) for every action a at ``state`` (P21 Def 5.6)."""
    env = resolve_environment(env)
    sem = _sem(semantics)
    D = parse_distribution(dist)
    cache: dict[str, Fraction] = {}
    out: dict[str, Fraction] = {}
    for a in env.actions(state):
        total = Fraction(0)
        for nxt, p in env.transition(state, a):
            if nxt not in cache:
                cache[nxt] = power(env, nxt, sem, D, max_work=max_work).value
            total += p * cache[nxt]
        out[a] = total
    return PowerSeekingResult(env.name, state, sem, D, out)


def power_upper_bound(env: Environment | str, dist: Any = "uniform", *,
                      max_work: int = DEFAULT_MAX_POWER_WORK) -> Fraction:
    """E[max_{s''} R(s'')] over all states: P21 Prop 5.4's upper bound on POWER_D(s, γ)."""
    env = resolve_environment(env)
    d = len(env.states)
    units = [tuple(Fraction(int(i == j)) for j in range(d)) for i in range(d)]
    return option_statistics(units, (), dist, max_work=max_work).expected_max
