"""Reward families: which rewards a claim "for every r" is checked on (orbits make sorted vectors
enough: every orbit is visited through one representative).

* ``tie-patterns`` — every weak order of the d coordinates up to permutation, realised with values
  0, 1, …, j−1 (one representative per composition of d: 2^{d−1} orbits).  A *complete* proof for
  instances whose options are all c·e_i with one common c > 0 (then only the weak order of r on
  the options' coordinates matters for max / IsOptimal / FracOptimal);
* ``grid:K`` — every sorted vector with entries in {0..K} (the verifier's "reward-multisets"
  family); complete for the same instances when K ≥ d−1 (it contains every weak order);
* ``random:N[:SEED]`` — N seeded sorted integer vectors in [−9, 9]; never complete;
* ``adversarial[:R[:S[:SEED]]]`` — R restarts × S local moves on integer r minimising the claim's
  slack (see :func:`orbitproof.claims.verdict.check_family`); never complete;
* ``faces`` — one reward per face of the arrangement {z·r = 0 : z ∈ {−1,0,1}^d} in the sorted cone
  (:mod:`.faces`, d ≤ 4); complete for every instance whose options are 0/1 vectors (max,
  is-optimal, frac-optimal);
* ``list:1,0,0;0,1,2`` — user-given rewards; never complete;
* ``mixtures:K`` — for distribution claims (F2): every ½δ_{r1} + ½δ_{r2} with r1 sorted in
  {0..K}^d, r2 ∈ {0..K}^d, r1 ≠ r2; never complete;
* ``mixrandom:N[:SEED]`` — N seeded mixtures of 2–3 point masses with entries in {0..3} and
  random positive integer weights (normalised); never complete;
* ``mixfaces:K[:V]`` — for F2: every mixture of k ≤ K (K ≤ 3) different point masses with entries
  in {0..V} (default V = 1) and weights :func:`orbitproof.orbits.mixtures.face_weights` (k), in the
  order of the certificate family "mixtures" (so a search's result can be certified exhaustively).
  Complete for *every mixture of at most K point masses* (any real rewards and weights) when every
  option of A ∪ B ∪ C is c·e_i with one c > 0, A ∪ B ⊆ C, every coordinate carries an option of C
  and the comparison is ``is-optimal``: then g(B|r) − g(A|r) ∈ {−1, 0, 1} depends only on
  argmax r, which a 0/1 reward realises, and the weights cover every face of the arrangement
  {Σ ε_j w_j = 0}.  Never a proof for all of 𝔇_any (mixtures of more point masses).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction
from itertools import combinations_with_replacement, product
from typing import Any

from ..core.errors import FormatError, TooLargeError
from ..core.exact import parse_int, to_fractions
from ..core.limits import DEFAULT_MAX_REWARDS, format_estimate
from ..core.names import did_you_mean
from .instance import Instance

__all__ = ["RewardFamily", "parse_family", "unit_like", "compositions", "REWARD_FAMILY_NAMES"]

#: Reward family names and their forms (used in errors and "did you mean").
REWARD_FAMILY_NAMES = ("tie-patterns", "faces", "grid", "random", "adversarial", "list", "mixtures", "mixrandom", "mixfaces")
_FORMS = ("tie-patterns, faces, grid:K, random:N[:SEED], adversarial[:R[:S[:SEED]]], list:R1;R2, mixtures:K, "
          "mixrandom:N[:SEED], mixfaces:K[:V]")


def compositions(d: int) -> Iterator[tuple[int, ...]]:
    """Compositions of d (ordered block sizes), lexicographic."""
    if d == 0:
        yield ()
        return
    for first in range(1, d + 1):
        for rest in compositions(d - first):
            yield (first,) + rest


def unit_like(inst: Instance) -> tuple[bool, str]:
    """Every option of A ∪ B ∪ C is c·e_i with one common c > 0 (depth 1)."""
    if inst.layered:
        return False, "layered (Blackwell) options depend on more than the weak order of r"
    coefs = set()
    for v in inst.vectors("C") | inst.vectors("A") | inst.vectors("B"):
        nz = [x for x in v if x != 0]
        if len(nz) != 1 or nz[0] <= 0:
            return False, "some option is not a positive multiple of a unit vector"
        coefs.add(nz[0])
    if len(coefs) != 1:
        return False, "unit options with different coefficients"
    return True, ("every option is c·e_i with one c > 0: the comparison depends only on the weak order "
                  "of r, and the family contains every weak order")


@dataclass(frozen=True)
class RewardFamily:
    """A parsed reward family.  ``K``: largest value (grid, mixtures, mixfaces); ``N``: count (random,
    mixrandom) or, for mixfaces, the largest number of point masses."""

    kind: str
    K: int = 0
    N: int = 0
    seed: int = 0
    restarts: int = 0
    steps: int = 0
    rewards_given: tuple = ()
    #: refuse (:class:`TooLargeError`) when :meth:`size` exceeds this (CLI ``--max-rewards``).
    max_rewards: int | None = field(default=DEFAULT_MAX_REWARDS, compare=False)

    def with_limit(self, max_rewards: int | None) -> "RewardFamily":
        """The same family with another size limit (``None``: no limit)."""
        return replace(self, max_rewards=max_rewards)

    def check_size(self, d: int) -> int:
        """The number of rewards for dimension ``d``, estimated *before* any is built; raises
        :class:`TooLargeError` (with the estimate and the flag that raises the limit) past
        :attr:`max_rewards`."""
        n = self.size(d)
        if self.max_rewards is not None and n > self.max_rewards:
            raise TooLargeError(
                f"reward family {self.name} has {format_estimate(n)} rewards for d = {d}, above the limit "
                f"{self.max_rewards:,}; raise it with --max-rewards N (max_rewards= in Python) or use a "
                "smaller family")
        return n

    @property
    def name(self) -> str:
        if self.kind == "grid":
            return f"grid:{self.K}"
        if self.kind == "random":
            return f"random:{self.N}:{self.seed}"
        if self.kind == "adversarial":
            return f"adversarial:{self.restarts}:{self.steps}:{self.seed}"
        if self.kind == "mixtures":
            return f"mixtures:{self.K}"
        if self.kind == "mixrandom":
            return f"mixrandom:{self.N}:{self.seed}"
        if self.kind == "mixfaces":
            return f"mixfaces:{self.N}:{self.K}"
        if self.kind == "faces":
            return "faces"
        if self.kind == "list":
            return "list:" + ";".join(",".join(str(x) for x in r) for r in self.rewards_given)
        return self.kind

    @property
    def domain(self) -> str:
        return "mixture" if self.kind in ("mixtures", "mixrandom", "mixfaces") else "point"

    def mixture_weights(self) -> list[tuple[Fraction, ...]]:
        """``mixfaces``: the weight vectors, k = 1..K."""
        from ..orbits.mixtures import face_weights

        return [w for k in range(1, self.N + 1) for w in face_weights(k)]

    def complete_mixtures(self, inst: Instance, compare: str) -> tuple[bool, str]:
        """``mixfaces``: does the family stand for every mixture of at most K point masses?"""
        ok, why = unit_like(inst)
        if not ok:
            return False, why
        if compare != "is-optimal":
            return False, f"{compare}: per-reward gaps are not in {{-1, 0, 1}}, the weights are a sample"
        C = inst.vectors("C")
        if not (inst.vectors("A") | inst.vectors("B")) <= C:
            return False, "A ∪ B is not inside C"
        covered = {i for v in C for i, x in enumerate(v) if x}
        if len(covered) != inst.d:
            return False, "some coordinate carries no option of C (0/1 rewards do not realise every ranking)"
        if self.K < 1:
            return False, "values {0} only"
        return True, (f"complete for every mixture of at most {self.N} point masses (any real rewards and weights): "
                      "unit options and is-optimal make each gap depend only on argmax r (realised by a 0/1 "
                      "reward), and the weights meet every face of the arrangement {Σ ε_j w_j = 0}; mixtures of "
                      "more point masses are not covered")

    def complete(self, inst: Instance, domain: str, compare: str = "is-optimal") -> tuple[bool, str]:
        """Is checking this family a complete proof of "for every r" on ``inst``?"""
        if domain == "mixture":
            if self.kind == "mixfaces":
                ok, why = self.complete_mixtures(inst, compare)
                return False, ("not a proof for every distribution; " + why if ok else
                               f"not complete, not even for mixtures of at most {self.N} point masses: {why}")
            return False, "no finite family covers every distribution"
        if self.kind == "faces":
            from .faces import zero_one_complete

            return zero_one_complete(inst, compare)
        if self.kind not in ("tie-patterns", "grid"):
            return False, f"{self.kind} is a sample, not a proof"
        if self.kind == "grid" and self.K < inst.d - 1:
            return False, f"grid:{self.K} does not contain every weak order of {inst.d} values (needs K ≥ {inst.d - 1})"
        return unit_like(inst)

    def rewards(self, d: int) -> Iterator[tuple]:
        """The family's rewards in order (not for adversarial, which is adaptive); the size is
        checked first (:meth:`check_size`)."""
        self.check_size(d)
        if self.kind == "tie-patterns":
            for comp in compositions(d):
                r: list[int] = []
                for v, c in enumerate(comp):
                    r += [v] * c
                yield tuple(r)
        elif self.kind == "grid":
            yield from combinations_with_replacement(range(self.K + 1), d)
        elif self.kind == "faces":
            from .faces import face_rewards

            yield from face_rewards(d)
        elif self.kind == "random":
            rng = random.Random(self.seed)
            for _ in range(self.N):
                yield tuple(sorted(rng.randint(-9, 9) for _ in range(d)))
        elif self.kind == "list":
            for r in self.rewards_given:
                if len(r) != d:
                    raise FormatError(f"reward {list(map(str, r))} has {len(r)} entries, expected {d}")
                yield tuple(r)
        elif self.kind == "mixtures":
            half = Fraction(1, 2)
            for r1 in combinations_with_replacement(range(self.K + 1), d):
                for r2 in product(range(self.K + 1), repeat=d):
                    if r2 != r1:
                        yield ((half, tuple(map(Fraction, r1))), (half, tuple(map(Fraction, r2))))
        elif self.kind == "mixfaces":
            from ..orbits.mixtures import mixture_family

            yield from mixture_family(range(self.K + 1), self.mixture_weights(), d)
        elif self.kind == "mixrandom":
            rng = random.Random(self.seed)
            for _ in range(self.N):
                k = rng.randint(2, 3)
                ws = [rng.randint(1, 4) for _ in range(k)]
                tot = sum(ws)
                comps = []
                for w in ws:
                    comps.append((Fraction(w, tot), tuple(Fraction(rng.randint(0, 3)) for _ in range(d))))
                yield tuple(comps)
        else:
            raise FormatError(f"the family {self.kind} has no fixed list of rewards")

    def size(self, d: int) -> int | None:
        from math import comb

        if self.kind == "tie-patterns":
            return 2 ** max(d - 1, 0)
        if self.kind == "grid":
            return comb(self.K + d, d)
        if self.kind == "faces":
            from .faces import face_rewards

            return len(face_rewards(d))
        if self.kind in ("random", "mixrandom"):
            return self.N
        if self.kind == "list":
            return len(self.rewards_given)
        if self.kind == "mixtures":
            return comb(self.K + d, d) * ((self.K + 1) ** d - 1)
        if self.kind == "mixfaces":
            # exact for K = 1; an upper bound otherwise (r_1 ascending, the others anywhere)
            from ..orbits.mixtures import face_weights

            points = (self.K + 1) ** d
            asc = comb(self.K + d, d)
            return sum(len(face_weights(k)) * asc * points ** (k - 1) for k in range(1, self.N + 1))
        return self.restarts * (self.steps + 1)


def _int(text: str, what: str) -> int:
    return parse_int(text, what, minimum=0)


def parse_family(text: Any) -> RewardFamily:
    """Parse ``tie-patterns``, ``grid:K``, ``random:N[:SEED]``, ``adversarial[:R[:S[:SEED]]]``,
    ``list:R1;R2``, ``mixtures:K``, ``mixrandom:N[:SEED]`` or ``mixfaces:K[:V]``."""
    if isinstance(text, RewardFamily):
        return text
    s = str(text).strip()
    head, _, rest = s.partition(":")
    parts = rest.split(":") if rest else []
    if head == "tie-patterns" and not parts:
        return RewardFamily("tie-patterns")
    if head == "faces" and not parts:
        return RewardFamily("faces")
    if head == "grid" and len(parts) == 1:
        return RewardFamily("grid", K=_int(parts[0], "K"))
    if head == "random" and 1 <= len(parts) <= 2:
        return RewardFamily("random", N=_int(parts[0], "N"), seed=_int(parts[1], "seed") if len(parts) > 1 else 0)
    if head == "adversarial" and len(parts) <= 3:
        vals = [_int(p, "adversarial parameter") for p in parts] + [None] * (3 - len(parts))
        return RewardFamily("adversarial", restarts=vals[0] if vals[0] is not None else 8,
                            steps=vals[1] if vals[1] is not None else 40, seed=vals[2] or 0)
    if head == "mixrandom" and 1 <= len(parts) <= 2:
        return RewardFamily("mixrandom", N=_int(parts[0], "N"), seed=_int(parts[1], "seed") if len(parts) > 1 else 0)
    if head == "mixfaces" and 1 <= len(parts) <= 2:
        k = _int(parts[0], "K")
        if not 1 <= k <= 3:
            raise FormatError("mixfaces:K needs 1 ≤ K ≤ 3 (face weights are known for up to 3 point masses)")
        return RewardFamily("mixfaces", N=k, K=_int(parts[1], "V") if len(parts) > 1 else 1)
    if head == "mixtures" and len(parts) == 1:
        return RewardFamily("mixtures", K=_int(parts[0], "K"))
    if head == "list" and rest:
        rows = tuple(tuple(to_fractions([x for x in row.split(",") if x.strip()], "reward"))
                     for row in rest.split(";") if row.strip())
        if not rows:
            raise FormatError("list: needs at least one reward")
        return RewardFamily("list", rewards_given=rows)
    shown = s if len(s) <= 60 else s[:60] + "…"
    if head in REWARD_FAMILY_NAMES:
        raise FormatError(f"reward family {shown!r}: wrong number of ':' parameters (forms: {_FORMS})")
    raise FormatError(f"unknown reward family {shown!r}{did_you_mean(head, REWARD_FAMILY_NAMES)} (forms: {_FORMS})")
