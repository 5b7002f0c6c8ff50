"""Build certificates (``orbitproof-certificate/1``) from orbitproof's results.

A certificate is a JSON object ``{"format", "kind", "instance", "instance_digest", "result"[, "note"]}``:

* ``instance`` -- *what* is certified: the inputs as raw data (the environment itself, or the vector
  sets), the reward, the comparison, the claim, the family; ``instance_digest`` is the SHA-256 of its
  compact canonical JSON, so an instance can be cited and any change to it is detected;
* ``result`` -- *what holds* about it: counts with class evidence, involutions with hypotheses,
  non-domination witnesses, the per-instance digest of an exhaustive run.  The independent verifier
  (:mod:`orbitproof.verify`, standard library only) re-derives or checks every field of it;
* ``note`` -- free text for humans, the only field the verifier ignores (by design, documented).

Canonical serialisation (:func:`canonical_json`): sorted keys, two-space indent, ASCII, rationals as
``"p/q"`` strings, counts as JSON integers, so the same result always yields a byte-identical file.
See docs/certificates.md.

>>> from orbitproof.certificates.build import orbit_count_certificate
>>> cert = orbit_count_certificate((2, 1, 2, 5), environment="candy", state="start", a="candy",
...                                b="wait", reward=[1, 0, 0, 0, 0], semantics="gain")
>>> cert["result"]["counts"]
{'b_gt_a': 2, 'a_gt_b': 1, 'tie': 2, 'orbit_size': 5}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from .. import verify as _verify
from ..orbits.multiset import orbit_size
from ..core.errors import CertificateError, OrbitproofError
from ..core.exact import format_fraction, to_fraction, to_fractions

__all__ = [
    "FORMAT",
    "orbit_count_certificate",
    "copies_certificate",
    "nd_certificate",
    "counterexample_certificate",
    "exhaustive_certificate",
    "class_evidence",
    "unit_block_evidence",
    "canonical_json",
    "write_certificate",
    "check_certificate",
    "BRUTE_FORCE_LIMIT",
]

FORMAT = _verify.FORMAT
#: Orbits up to this size are certified without evidence (the verifier enumerates them); larger
#: ones must carry class evidence (canonical form: evidence present iff the orbit is larger).
BRUTE_FORCE_LIMIT = _verify.LIMITS["brute_force_orbit"]
DENSE_LIMIT = 2_000_000  # dense option entries above which "auto" tries unit-block evidence first
_SUPPORTED_HYPOTHESES = _verify.HYPOTHESES


# ============================================================================ helpers
def _fr(x: Any, field: str = "value") -> str:
    return format_fraction(to_fraction(x, field))


def environment_json(environment: Any) -> dict[str, Any]:
    """The environment as certificate data: only ``states`` and ``actions`` (names are notes)."""
    if isinstance(environment, str):
        from ..mdp import resolve_environment

        environment = resolve_environment(environment)
    if hasattr(environment, "to_dict"):
        data = environment.to_dict()
    elif isinstance(environment, Mapping):
        from ..mdp import Environment

        data = Environment.from_dict(environment).to_dict()
    else:
        raise CertificateError(f"cannot embed {type(environment).__name__} as an environment")
    return {"states": list(data["states"]), "actions": data["actions"]}


def _env_obj(environment: Any):
    from ..mdp import Environment, resolve_environment

    if isinstance(environment, str):
        return resolve_environment(environment)
    if isinstance(environment, Mapping):
        return Environment.from_dict(environment)
    return environment


def _action_list(x: Any, name: str) -> list[str]:
    if x is None:
        raise CertificateError(f"an environment input needs the action(s) {name}")
    if isinstance(x, str):
        items = [p.strip() for p in x.split(",") if p.strip()]
    else:
        items = [str(p) for p in x]
    if not items:
        raise CertificateError(f"no action given for {name}")
    return items


def _sem_dict(semantics: Any) -> dict[str, str]:
    from ..core.semantics import parse_semantics

    if semantics is None:
        raise CertificateError("an environment input needs its semantics (gain, blackwell or a gamma)")
    return parse_semantics(semantics).to_dict()


def _vectors(obj: Any, name: str) -> list[list[str]]:
    """A depth-1 set as sorted, distinct rational-string vectors."""
    from ..core.optionset import OptionSet

    if isinstance(obj, OptionSet):
        if obj.depth != 1:
            raise CertificateError(f"set {name} is layered (Blackwell): give the environment instead")
        vecs = [tuple(v) for v in obj.vectors]
    else:
        vecs = [to_fractions(v, f"{name}[{i}]") for i, v in enumerate(obj)]
    distinct = sorted(set(vecs))
    return [[format_fraction(x) for x in v] for v in distinct]


def _sets_input(sets: Any, keys: tuple[str, ...] = ("A", "B", "C"), coordinates: Sequence[str] | None = None) -> dict:
    from ..core.optionset import OptionSet, VectorSets

    if isinstance(sets, VectorSets):
        parts = {"A": sets.A, "B": sets.B, "C": sets.C}
        coords = list(sets.coordinates)
    elif isinstance(sets, Mapping):
        parts = {k: sets.get(k) for k in keys}
        coords = sets.get("coordinates")
    elif isinstance(sets, (tuple, list)):
        parts = dict(zip(keys, sets))
        coords = None
    else:
        raise CertificateError(f"cannot read option sets from {type(sets).__name__}")
    coords = coordinates or coords
    if coords is None:
        for v in parts.values():
            if isinstance(v, OptionSet):
                coords = list(v.coordinates)
                break
    out: dict[str, Any] = {}
    for k in keys:
        if parts.get(k) is not None:
            out[k] = _vectors(parts[k], k)
    if not out:
        raise CertificateError("no option sets given")
    d = len(next(iter(out.values()))[0])
    if coords is None:
        coords = [f"x{i + 1}" for i in range(d)]
    out["coordinates"] = [str(c) for c in coords]
    for k, vs in out.items():
        if k != "coordinates" and any(len(v) != d for v in vs):
            raise CertificateError(f"set {k} has vectors of the wrong length (expected {d})")
    if len(out["coordinates"]) != d:
        raise CertificateError(f"{len(out['coordinates'])} coordinate names for vectors of length {d}")
    return {"sets": out}


def _input(environment, state, a, b, sets, semantics, compare: str = "max") -> dict:
    if (environment is None) == (sets is None):
        raise CertificateError("give either an environment (with state, a, b, semantics) or sets")
    if environment is not None:
        if state is None:
            raise CertificateError("an environment input needs the state")
        return {
            "environment": environment_json(environment),
            "state": str(state),
            "a": _action_list(a, "a"),
            "b": _action_list(b, "b"),
            "semantics": _sem_dict(semantics),
        }
    inp = _sets_input(sets)
    if compare == "max":
        inp["sets"].pop("C", None)  # max never uses C; the verifier rejects unused fields
    return inp


def _option_sets(inp: dict):
    """(A, B, C) OptionSets for an input object (the fork it describes, :func:`fork_from_source`)."""
    from ..mdp.fork import fork_from_source

    fork = fork_from_source(inp)
    return fork.A, fork.B, fork.C


def _counts(result: Any) -> tuple[int, int, int, int]:
    if hasattr(result, "counts"):
        c = tuple(result.counts)
    elif isinstance(result, Mapping):
        c = tuple(result[k] for k in ("b_gt_a", "a_gt_b", "tie", "orbit_size"))
    else:
        c = tuple(result)
    if len(c) != 4 or not all(isinstance(x, int) and not isinstance(x, bool) for x in c):
        raise CertificateError(f"counts must be four integers (b_gt_a, a_gt_b, tie, orbit_size), got {c!r}")
    return c  # type: ignore[return-value]


def _counts_dict(c: Sequence[int]) -> dict[str, int]:
    return {"b_gt_a": int(c[0]), "a_gt_b": int(c[1]), "tie": int(c[2]), "orbit_size": int(c[3])}


def _wrap(kind: str, instance: dict, result: dict, note: str | None) -> dict:
    cert = {
        "format": FORMAT,
        "kind": kind,
        "instance": instance,
        "instance_digest": _verify.instance_digest(instance),
        "result": result,
    }
    if note:
        cert["note"] = str(note)
    return cert


def class_evidence(instance_input: dict, reward: Sequence[Any], compare: str = "max",
                   limit: int = 200_000) -> dict:
    """Block evidence for a count: canonical generators and class representatives with weights.

    Coordinates i, j are interchangeable when the transposition (i j) maps A, B and (when the rule
    uses it) C onto themselves; this is an equivalence whose classes (blocks) generate the product
    of their symmetric groups.  Generators: consecutive members of each block.  One class per way
    of distributing the reward's values over the blocks; representative = ascending values inside
    each block; weight = product of the blocks' multinomials (docs/math.md §2.1; docs/certificates.md).
    Computed here at definition level, independently of the counting engines.
    """
    from math import factorial

    A, B, C = _option_sets(instance_input)
    sets = [frozenset(A.options), frozenset(B.options)]
    if compare != "max":
        sets.append(frozenset(C.options) if C is not None else sets[0] | sets[1])
    r = list(to_fractions(reward, "reward"))
    d = len(r)
    coords = list(A.coordinates)
    if len(coords) != d:
        raise CertificateError(f"the reward has {d} entries for {len(coords)} coordinates")

    _refuse_many_classes(A, B, C, r, compare, limit)

    def swap(o, i, j):
        out = []
        for layer in o:
            lst = list(layer)
            lst[i], lst[j] = lst[j], lst[i]
            out.append(tuple(lst))
        return tuple(out)

    def column(S, i):
        return sorted(tuple(layer[i] for layer in o) for o in S)

    signature = [tuple(tuple(column(S, i)) for S in sets) for i in range(d)]
    blocks: list[list[int]] = []
    for i in range(d):
        for blk in blocks:
            j = blk[0]
            if signature[i] == signature[j] and all(frozenset(swap(o, i, j) for o in S) == S for S in sets):
                blk.append(i)
                break
        else:
            blocks.append([i])
    blocks.sort()
    gens = [[coords[b[t]], coords[b[t + 1]]] for b in blocks for t in range(len(b) - 1)]

    values = sorted(set(r))
    total = [r.count(v) for v in values]

    def multinomial(counts):
        out = factorial(sum(counts))
        for c in counts:
            out //= factorial(c)
        return out

    def splits(left, size, k=0):
        """Sub-multisets (count vectors) of ``left`` with ``size`` elements."""
        if k == len(left):
            if size == 0:
                yield ()
            return
        rest = sum(left[k + 1:])
        for q in range(max(0, size - rest), min(left[k], size) + 1):
            for tail in splits(left, size - q, k + 1):
                yield (q,) + tail

    classes = []

    def rec(b, left, rep, weight):
        if len(classes) > limit:
            raise CertificateError(f"more than {limit:,} classes: the evidence would be too large")
        if b == len(blocks):
            classes.append((tuple(rep), weight))
            return
        blk = blocks[b]
        for q in splits(left, len(blk)):
            vals = [v for v, c in zip(values, q) for _ in range(c)]
            new = list(rep)
            for k, v in zip(blk, vals):
                new[k] = v
            rec(b + 1, [x - y for x, y in zip(left, q)], new, weight * multinomial(q))

    rec(0, total, [Fraction(0)] * d, 1)
    classes.sort()
    return {
        "generators": gens,
        "classes": [{"representative": [format_fraction(x) for x in rep], "weight": w} for rep, w in classes],
    }


def _refuse_many_classes(A, B, C, r, compare: str, limit: int) -> None:
    """Raise before enumerating when the class count (exact, or the multinomial bound) exceeds
    ``limit``; the blocks come from the counting layer's fast interchangeability test."""
    from dataclasses import replace

    from ..orbits.blocks import count_classes, interchangeable_blocks
    from ..orbits.problem import build_problem
    from ..orbits.rules import parse_rule

    rule = replace(parse_rule(compare), shift_invariant=False)
    blocks = interchangeable_blocks(build_problem(A, B, r, rule, C if compare != "max" else None))
    values = sorted(set(r))
    if count_classes([len(b) for b in blocks], [r.count(v) for v in values], limit=limit) > limit:
        raise CertificateError(f"more than {limit:,} classes: the evidence would be too large")


def _sparse_sides(inp: dict):
    """(A, B) as sparse option sets: deterministic environments without dense rows
    (:func:`orbitproof.mdp.sparse.sparse_option_set`), anything else through the dense fork."""
    from ..core.sparse import SparseOptionSet

    if "environment" in inp:
        from ..core.semantics import parse_semantics
        from ..mdp.environment import Environment
        from ..mdp.sparse import sparse_option_set

        env = Environment.from_dict(inp["environment"])
        if env.is_deterministic:
            sem = parse_semantics(inp["semantics"])
            sides = []
            for key in ("a", "b"):
                parts = [sparse_option_set(env, inp["state"], act, sem) for act in inp[key]]
                sides.append(parts[0] if len(parts) == 1 else SparseOptionSet.union(parts))
            return sides[0], sides[1]
    A, B, _ = _option_sets(inp)
    return SparseOptionSet.from_option_set(A), SparseOptionSet.from_option_set(B)


def dense_size(inp: dict) -> int:
    """Entries the dense option rows of an input would have (options × layers × coordinates)."""
    sa, sb = _sparse_sides(inp)
    return (len(sa) + len(sb)) * sa.depth * sa.dimension


def _dense_unit_blocks(instance_input: dict, r: list, why: str) -> list[dict]:
    """The blocks of interchangeable non-constant coordinates from the dense option rows (the
    verifier checks them and enforces its own work limit)."""
    from dataclasses import replace

    from ..orbits.blocks import interchangeable_blocks
    from ..orbits.problem import build_problem
    from ..orbits.rules import MaxValue

    A, B, _ = _option_sets(instance_input)
    coords = list(A.coordinates)
    opts = sorted(set(A.options) | set(B.options))
    depth = max(len(o) for o in opts)

    def col(o, i):
        return tuple(o[j][i] if j < len(o) else 0 for j in range(depth))

    d = len(r)
    const = [all(col(o, i) == col(opts[0], i) for o in opts) for i in range(d)]
    problem = build_problem(A, B, r, replace(MaxValue(), shift_invariant=False))
    blocks = [b for b in interchangeable_blocks(problem) if not const[b[0]]]
    zero = (0,) * depth
    out = []
    for b in blocks:
        for o in opts:
            if sum(1 for i in b if any(col(o, i))) > 1:
                raise CertificateError("a block of interchangeable coordinates is not unit-like")
        if len(b) > 1 and not all(next(x > 0 for x in col(o, i) if x) for o in opts for i in b if col(o, i) != zero):
            raise CertificateError(f"a unit-like block has a negative coefficient ({why})")
        out.append({"coordinates": [coords[i] for i in b], "extreme": "value" if len(b) == 1 else "max",
                    "size": len(b)})
    if len(out) > _verify.UNIT_LIMITS["blocks"]:
        raise CertificateError(f"{len(out)} blocks, above the verifier's limit {_verify.UNIT_LIMITS['blocks']}")
    return out


def unit_block_evidence(instance_input: dict, reward: Sequence[Any], compare: str = "max") -> dict:
    """Unit-block evidence for a count under max (docs/certificates.md "Unit-block evidence").

    Its size and checking time depend on the block structure only: the blocks of interchangeable
    coordinates whose columns differ between options (each unit-like: every option meets it in at
    most one coordinate, with positive coefficients), each with its size and the statistic the
    verifier uses ("max", or "value" for a singleton).  The verifier re-derives the sets, checks the
    blocks and counts by order statistics (docs/math.md §2.1; docs/orbit-counting.md).  The blocks
    come from :func:`orbitproof.orbits.extremes.unit_families` on sparse options.  Raises
    :class:`CertificateError` when the structure does not apply (ties in the reward, another
    comparison, non-unit blocks, negative coefficients, or more work than the verifier allows).
    """
    from ..orbits.extremes import extremes_work, inner_singletons, unit_families

    if compare != "max":
        raise CertificateError("unit-block evidence is for the comparison max")
    r = list(to_fractions(reward, "reward"))
    d = len(r)
    if len(set(r)) != d:
        raise CertificateError("unit-block evidence needs pairwise different reward values")
    sa, sb = _sparse_sides(instance_input)
    fam, why = unit_families(sa, sb, r)
    limits = _verify.UNIT_LIMITS
    if fam is None:  # e.g. a singleton with a negative coefficient: blocks from the dense route
        return {"structure": "unit-blocks", "blocks": _dense_unit_blocks(instance_input, r, why)}
    coords = sa.coordinates
    out = [{"coordinates": [coords[i] for i in b], "extreme": "value" if len(b) == 1 else "max", "size": len(b)}
           for b in fam.blocks]
    if len(out) > limits["blocks"]:
        raise CertificateError(f"{len(out)} blocks, above the verifier's limit {limits['blocks']}")
    ia, ib = inner_singletons(fam)
    work = extremes_work(fam) * (d if ia is not None or ib is not None else 1)
    if work > limits["tuples"] * 50:
        raise CertificateError(f"{work:,} (tuples of block maxima × ranks), above the verifier's limit "
                               f"{limits['tuples'] * 50:,}")
    return {"structure": "unit-blocks", "blocks": out}


# ============================================================================ builders
def orbit_count_certificate(
    result: Any = None,
    *,
    environment: Any = None,
    state: str | None = None,
    a: Any = None,
    b: Any = None,
    sets: Any = None,
    reward: Any = None,
    semantics: Any = None,
    compare: str | None = None,
    evidence: Any = "auto",
    note: str | None = None,
    mixture: Any = None,
) -> dict:
    """Certificate of an orbit count ``(b_gt_a, a_gt_b, tie, orbit_size)``.

    ``result``: an :class:`~orbitproof.orbits.OrbitCount` (reward, compare and semantics default to
    its own) or the four counts.  Inputs: ``environment`` (Environment, its dict, or a catalog spec)
    with ``state``, ``a``, ``b`` (action names, lists or comma-separated) and ``semantics``; or
    ``sets`` (VectorSets, ``{"coordinates", "A", "B", "C"}`` or a tuple ``(A, B[, C])``).
    ``evidence``: ``"auto"`` (class evidence when the orbit exceeds :data:`BRUTE_FORCE_LIMIT`;
    unit-block evidence, :func:`unit_block_evidence`, when there are too many classes),
    ``"classes"``, ``"units"``, ``None`` (brute force by the verifier) or a ready evidence dict.
    ``mixture``: instead of ``reward``, a finite mixture of point masses ``[(w, r), ...]`` (or
    ``"1/2:1,0;1/2:0,1"``); its counts are over the distinct distributions of its orbit
    (:func:`orbitproof.orbits.mixtures.count_mixture`) and carry no evidence (the verifier
    enumerates S_d, d ≤ 8).
    """
    counts = _counts(result)
    if mixture is not None:
        if reward is not None:
            raise CertificateError("give either a reward or a mixture, not both")
        if compare is None:
            compare = "max"
        inp = _input(environment, state, a, b, sets, semantics, compare)
        instance = {"input": inp, "mixture": _mixture_json(mixture), "compare": str(compare)}
        return _wrap("orbit-count", instance, {"counts": _counts_dict(counts)}, note)
    if reward is None:
        reward = getattr(result, "reward", None)
        if not reward:
            raise CertificateError("the reward vector is needed")
    if compare is None:
        compare = getattr(result, "compare", None) or "max"
    if semantics is None and environment is not None:
        semantics = getattr(result, "semantics", None)
    inp = _input(environment, state, a, b, sets, semantics, compare)
    r = [_fr(x, f"reward[{i}]") for i, x in enumerate(reward)]
    instance = {"input": inp, "reward": r, "compare": str(compare)}
    res: dict[str, Any] = {"counts": _counts_dict(counts)}
    ev = _evidence(evidence, inp, r, compare)
    if ev is not None:
        res["evidence"] = ev
    return _wrap("orbit-count", instance, res, note)


def _mixture_json(mixture: Any) -> list[dict[str, Any]]:
    from ..orbits.mixtures import mixture_to_json, normalize_mixture, parse_mixture

    mix = parse_mixture(mixture) if isinstance(mixture, str) else normalize_mixture(mixture)
    return mixture_to_json(mix)


def _evidence(evidence: Any, inp: dict, r: list[str], compare: str):
    """``auto``: none up to BRUTE_FORCE_LIMIT orbit elements, else class evidence, else (too many
    classes) unit-block evidence when it applies; ``auto-classes``: the same without unit blocks
    (kinds whose verifier reads classes, e.g. robust counterexamples)."""
    if evidence in ("auto", "auto-classes"):
        size = orbit_size([Fraction(x) for x in r])
        if size <= BRUTE_FORCE_LIMIT:
            return None
        if evidence == "auto" and compare == "max" and dense_size(inp) > DENSE_LIMIT:
            try:  # class evidence would first build the dense rows: try the structural evidence first
                return unit_block_evidence(inp, r, compare)
            except CertificateError:
                pass
        try:
            return class_evidence(inp, r, compare)
        except CertificateError as too_many:
            if evidence == "auto-classes":
                raise
            try:
                return unit_block_evidence(inp, r, compare)
            except CertificateError as exc:
                raise CertificateError(f"{too_many}; no unit-block evidence either: {exc}") from None
    if evidence == "classes":
        return class_evidence(inp, r, compare)
    if evidence == "units":
        return unit_block_evidence(inp, r, compare)
    if evidence is None or isinstance(evidence, Mapping):
        return dict(evidence) if evidence is not None else None
    raise CertificateError(f"evidence must be 'auto', 'classes', 'units', None or a dict, got {evidence!r}")


def counterexample_certificate(
    claim: Any,
    result: Any = None,
    *,
    environment: Any = None,
    state: str | None = None,
    a: Any = None,
    b: Any = None,
    sets: Any = None,
    reward: Any = None,
    semantics: Any = None,
    compare: str | None = None,
    evidence: Any = "auto",
    note: str | None = None,
    mixture: Any = None,
    hypotheses: Sequence[Mapping[str, Any]] | None = None,
    robust: bool = False,
) -> dict:
    """Certificate that ``claim`` fails on one instance and reward (or ``mixture``, see
    :func:`orbit_count_certificate`).  ``hypotheses``: statements the verifier re-checks
    (docs/certificates.md), e.g. from :func:`orbitproof.claims.hypothesis_statements`.
    ``robust``: also certify that the outcome is locally constant at every orbit element, so the
    failure holds on an open set of rewards (the strict readings' "almost all r").

    ``claim``: ``("scaling", n)`` (b_gt_a ≥ n·a_gt_b, docs/math.md §8.2) or ``("weak-fraction", n)``
    ((b_gt_a + tie)(n+1) ≥ n·|orbit|), or ``{"name": ..., "n": ...}``; n an integer or fraction.
    Raises :class:`CertificateError` if the counts do not violate the claim.
    """
    name, n = _claim(claim)
    base = orbit_count_certificate(result, environment=environment, state=state, a=a, b=b, sets=sets,
                                   reward=reward, semantics=semantics, compare=compare,
                                   evidence="auto-classes" if evidence == "auto" else evidence,
                                   mixture=mixture)
    counts = _counts(result)
    if _verify.claim_holds(name, Fraction(n), counts):
        raise CertificateError(f"the counts {counts} satisfy the claim {name} (n = {n}): no counterexample")
    instance = dict(base["instance"])
    instance["claim"] = {"name": name, "n": n}
    if robust:
        instance["claim"]["robust"] = True
    if hypotheses:
        instance["hypotheses"] = _statements_json(hypotheses)
    return _wrap("counterexample", instance, base["result"], note)


def _statements_json(hypotheses: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    import json

    return json.loads(json.dumps(list(hypotheses)))  # plain JSON data (lists, not tuples)


def _claim(claim: Any) -> tuple[str, str]:
    if isinstance(claim, Mapping):
        name, n = claim.get("name"), claim.get("n")
    else:
        try:
            name, n = claim
        except (TypeError, ValueError):
            raise CertificateError(f"a claim is (name, n), got {claim!r}") from None
    if name not in _verify.CLAIMS:
        raise CertificateError(f"unknown claim {name!r} (known: {', '.join(_verify.CLAIMS)})")
    nf = to_fraction(n, "claim n")
    if nf <= 0:
        raise CertificateError("the claim's n must be positive")
    return str(name), format_fraction(nf)


def exhaustive_certificate(
    claim: Any,
    values: Sequence[Any],
    *,
    environment: Any = None,
    state: str | None = None,
    a: Any = None,
    b: Any = None,
    sets: Any = None,
    semantics: Any = None,
    compare: str = "max",
    rows: Sequence[tuple[Sequence[Any], Sequence[int]]] | None = None,
    note: str | None = None,
    weights: Sequence[Sequence[Any]] | None = None,
    hypotheses: Sequence[Mapping[str, Any]] | None = None,
) -> dict:
    """Certificate that ``claim`` holds for every reward of the family "reward-multisets":
    every multiset of size d over ``values`` (one reward per orbit, ascending, lexicographic order).

    With ``weights`` (weight vectors w_1 ≥ … ≥ w_k, each summing to 1) the family is "mixtures"
    instead: every mixture of :func:`orbitproof.orbits.mixtures.mixture_family` (values, weights),
    counted over the distinct distributions of its orbit; ``rows`` is then not accepted.
    ``hypotheses``: statements the verifier re-checks, as for :func:`counterexample_certificate`.

    ``rows``: precomputed ``(reward, counts)`` in that order; by default computed here with
    :func:`orbitproof.orbits.count_orbit`.  Raises :class:`CertificateError` if the claim fails on
    some instance (make a counterexample certificate instead).
    """
    from itertools import combinations_with_replacement

    name, n = _claim(claim)
    inp = _input(environment, state, a, b, sets, semantics, compare)
    vals = sorted(set(to_fractions(values, "values")))
    d = len(inp["environment"]["states"]) if "environment" in inp else len(inp["sets"]["coordinates"])
    if weights is not None:
        cert = _exhaustive_mixtures(name, n, inp, compare, vals, weights, d, rows, note, hypotheses)
        return cert
    fam = {"kind": "reward-multisets", "values": [format_fraction(v) for v in vals]}
    if rows is None:
        from ..orbits import count_orbit

        A, B, C = _option_sets(inp)
        rows = []
        for r in combinations_with_replacement(vals, d):
            res = count_orbit(A, B, list(r), C=C if compare != "max" else None, compare=compare)
            rows.append((r, res.counts))
    out_rows = []
    for r, c in rows:
        c = _counts((c))
        if not _verify.claim_holds(name, Fraction(n), c):
            raise CertificateError(f"the claim {name} (n = {n}) fails on reward {list(map(str, r))}: {c}")
        out_rows.append([[_fr(x) for x in r], list(c)])
    instance = {"input": inp, "compare": compare, "claim": {"name": name, "n": n}, "family": fam}
    if hypotheses:
        instance["hypotheses"] = _statements_json(hypotheses)
    result = {"instances": len(out_rows), "results_digest": _verify.results_digest(out_rows)}
    return _wrap("exhaustive", instance, result, note)


def _exhaustive_mixtures(name: str, n: str, inp: dict, compare: str, vals: list, weights: Any, d: int,
                         rows: Any, note: str | None, hypotheses: Any = None) -> dict:
    from ..orbits.mixtures import count_mixture, mixture_family

    if rows is not None:
        raise CertificateError("precomputed rows are not accepted for the mixtures family")
    wl = [tuple(to_fractions(list(w), "weights")) for w in weights]
    if len(set(wl)) != len(wl) or not wl:
        raise CertificateError("weights: a non-empty list of different weight vectors")
    A, B, C = _option_sets(inp)
    out_rows = []
    for mix in mixture_family(vals, wl, d):
        c = count_mixture(A, B, mix, C=C if compare != "max" else None, compare=compare)
        if not _verify.claim_holds(name, Fraction(n), c):
            raise CertificateError(f"the claim {name} (n = {n}) fails on the mixture "
                                   f"{[(format_fraction(w), list(map(format_fraction, r))) for w, r in mix]}: {c}")
        out_rows.append([[format_fraction(w) for w, _ in mix], [[format_fraction(x) for x in r] for _, r in mix],
                         list(c)])
    fam = {"kind": "mixtures", "values": [format_fraction(v) for v in vals],
           "weights": [[format_fraction(x) for x in w] for w in wl]}
    instance = {"input": inp, "compare": compare, "claim": {"name": name, "n": n}, "family": fam}
    if hypotheses:
        instance["hypotheses"] = _statements_json(hypotheses)
    result = {"instances": len(out_rows), "results_digest": _verify.results_digest(out_rows)}
    return _wrap("exhaustive", instance, result, note)


def copies_certificate(
    result: Any,
    *,
    environment: Any = None,
    state: str | None = None,
    a: Any = None,
    b: Any = None,
    sets: Any = None,
    semantics: Any = None,
    copy_of: str | None = None,
    hypotheses: Mapping[str, bool] | None = None,
    note: str | None = None,
) -> dict:
    """Certificate of "B contains n copies of A" (or of ND(A)) from a :class:`CopiesResult`
    (or a list of involutions, each a list of ``[name, name]`` pairs).

    ``hypotheses`` defaults to the result's decided hypotheses among those the verifier checks
    (c_invariant, disjoint_images, nd_copies, orthogonal, z_condition); false ones are certified too.
    """
    if hasattr(result, "involution_names"):
        if result.n is None:
            raise CertificateError("the degenerate case (A ⊆ B, unbounded n) has no involution certificate")
        involutions = result.involution_names()
        if copy_of is None:
            copy_of = "ND(A)" if getattr(result, "nd", False) else "A"
        if getattr(result, "superset", False):
            raise CertificateError("superset copies are not supported by certificate format 1")
        if hypotheses is None:
            hypotheses = {k: v for k, v in result.hypotheses.items()
                          if k in _SUPPORTED_HYPOTHESES and isinstance(v, bool)}
    else:
        involutions = [[list(map(str, p)) for p in inv] for inv in result]
    if not involutions:
        raise CertificateError("no involutions (n = 0): nothing to certify")
    inp = _input(environment, state, a, b, sets, semantics, compare="copies")
    involutions = _strip_idle_pairs(inp, involutions)
    hypotheses = dict(hypotheses or {})
    has_c = "environment" in inp or "C" in inp["sets"]
    for h in _SUPPORTED_HYPOTHESES:
        if h not in hypotheses or hypotheses[h] is None:
            hypotheses[h] = None if (not has_c and h in ("c_invariant", "orthogonal", "z_condition")) else "?"
    if any(v == "?" for v in hypotheses.values()):
        missing = sorted(h for h, v in hypotheses.items() if v == "?")
        raise CertificateError(f"the hypotheses {', '.join(missing)} are undecided; pass hypotheses= explicitly")
    if "sets" in inp and any(hypotheses.get(h) is not None for h in ("c_invariant", "orthogonal", "z_condition")) \
            and "C" not in inp["sets"]:
        raise CertificateError("the hypotheses c_invariant / orthogonal / z_condition need a choice set C")
    hyps = {str(k): (None if v is None else bool(v)) for k, v in hypotheses.items()}
    unknown = set(hyps) - set(_SUPPORTED_HYPOTHESES)
    if unknown:
        raise CertificateError(f"unsupported hypotheses {sorted(unknown)} (supported: {', '.join(_SUPPORTED_HYPOTHESES)})")
    instance = {"input": inp, "copy_of": copy_of or "A"}
    res = {"n": len(involutions), "involutions": [[list(p) for p in inv] for inv in involutions],
           "hypotheses": hyps}
    return _wrap("copies", instance, res, note)


def _strip_idle_pairs(inp: dict, involutions: list) -> list:
    """Drop swapped pairs of coordinates on which every option of A, B, C is 0 (they act trivially)."""
    A, B, C = _option_sets(inp)
    support = set()
    for S in (A, B, C):
        if S is not None:
            support |= set(S.support())
    coords = list(A.coordinates)
    out = []
    for inv in involutions:
        out.append([list(p) for p in inv if coords.index(p[0]) in support or coords.index(p[1]) in support])
    return out


def nd_certificate(
    result: Any,
    *,
    environment: Any = None,
    state: str | None = None,
    actions: Any = None,
    semantics: Any = None,
    vectors: Sequence[Any] | None = None,
    coordinates: Sequence[str] | None = None,
    note: str | None = None,
) -> dict:
    """Certificate of ND(X) with witnesses from an :class:`~orbitproof.mdp.NDResult`.

    X is either ``vectors`` (with optional ``coordinates``) or the options at ``state`` over the
    first ``actions`` (all actions if None) of ``environment`` under ``semantics`` (discounted or
    gain).  Duplicate vectors are merged; convex weights are re-indexed to the distinct entries.
    """
    entries = list(result.entries)
    order: dict[tuple, int] = {}
    for e in entries:
        order.setdefault(tuple(e.vector), len(order))
    first: dict[tuple, Any] = {}
    for e in entries:
        first.setdefault(tuple(e.vector), e)
    keys = sorted(order)
    pos = {k: i for i, k in enumerate(keys)}
    input_vecs = [tuple(e.vector) for e in entries]
    out = []
    for k in keys:
        e = first[k]
        item: dict[str, Any] = {"vector": [format_fraction(x) for x in k], "nondominated": bool(e.nondominated)}
        if e.nondominated:
            item["witness_reward"] = [format_fraction(x) for x in e.witness]
        else:
            acc: dict[int, Fraction] = {}
            for j, w in e.weights:
                t = pos[input_vecs[j]]
                acc[t] = acc.get(t, Fraction(0)) + Fraction(w)
            item["convex_weights"] = [[t, format_fraction(w)] for t, w in sorted(acc.items()) if w]
        out.append(item)
    if environment is not None:
        env = _env_obj(environment)
        if state is None:
            raise CertificateError("an environment input needs the state")
        acts = _action_list(actions, "actions") if actions is not None else list(env.actions(state))
        inp = {"environment": environment_json(env), "state": str(state), "actions": acts,
               "semantics": _sem_dict(semantics)}
    else:
        vs = vectors if vectors is not None else [e.vector for e in entries]
        X = _vectors(vs, "X")
        coords = list(coordinates) if coordinates is not None else [f"x{i + 1}" for i in range(len(X[0]))]
        inp = {"sets": {"coordinates": [str(c) for c in coords], "X": X}}
    return _wrap("nd", {"input": inp}, {"entries": out}, note)


# ============================================================================ output
def canonical_json(cert: Mapping[str, Any]) -> str:
    """The canonical text of a certificate (sorted keys, 2-space indent, ASCII, final newline)."""
    return _verify.canonical_dumps(cert)


def check_certificate(cert: Mapping[str, Any]) -> str:
    """Run the independent verifier on ``cert``; raise :class:`CertificateError` if it is invalid."""
    try:
        return _verify.verify_certificate(dict(cert))
    except _verify.Invalid as exc:
        raise CertificateError(f"the certificate does not verify: {exc}") from None


def write_certificate(cert: Mapping[str, Any], path: str | Path, *, check: bool = True) -> Path:
    """Write ``cert`` canonically to ``path`` (after verifying it when ``check``)."""
    if check:
        check_certificate(cert)
    p = Path(path)
    try:
        p.write_text(canonical_json(cert), encoding="ascii")
    except OSError as exc:
        raise CertificateError(f"cannot write {p}: {exc.strerror or exc}") from None
    return p


_ = OrbitproofError  # re-exported error base for callers catching certificate problems
