"""``count_orbit``: exact orbit counts with a work estimate, engines and executors.

count_orbit(A, B, r) = (#{r' ∈ S_d·r : g(B|r') > g(A|r')}, #{… < …}, #{… = …}, |S_d·r|) over the
**distinct** orbit elements (docs/math.md §2.1, §4.1), for a comparison rule g (:mod:`.rules`).

Engines: ``"reference"`` (definition-level enumeration, :mod:`.reference`) and ``"exact"``
(block reduction + vectorised exact integers, :mod:`.engine`, with the extreme-statistics DP of
:mod:`.unitdp` for huge unit-like blocks).  Both split their work into deterministic contiguous
shards (rank ranges, resp. ranges of prefix sub-multisets) that any
:class:`concurrent.futures.Executor` can run; results are merged in shard order, so the answer
never depends on the executor.

The work (orbit elements for ``reference``; classes evaluated for ``exact``) is estimated before
anything is enumerated; above ``max_work`` a :class:`~orbitproof.core.errors.TooLargeError` names the
estimate and how to raise the limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from ..core.limits import DEFAULT_MAX_WORK
from ..core.errors import OptionSetError, OrbitproofError, TooLargeError
from ..core.exact import to_fractions
from ..core.optionset import OptionSet
from ..core.progress import Progress
from ..core.sparse import SparseOptionSet
from .blocks import BlockStructure, block_structure, count_classes
from .engine import SUFFIX_LIMIT, Plan, run_groups
from .extremes import EXTREMES_MAX_TUPLES, UnitFamilies, extremes_counts, extremes_int64, extremes_work, unit_families
from .multiset import counts_of, multinomial, sub_multisets
from .problem import INT64_SAFE, Problem, as_option_set, build_problem
from .reference import reference_counts
from .result import OrbitCount
from .rules import ComparisonRule, parse_rule

__all__ = ["count_orbit", "estimate_work", "plan_count", "DEFAULT_MAX_WORK", "ENGINES", "PlannedCount"]

ENGINES = ("exact", "reference")
_DP_MIN_WORK = 200
_PROGRESS_WORK = {"exact": 20_000_000, "reference": 100_000}


@dataclass(frozen=True)
class PlannedCount:
    """A fully prepared count: the problem, the engine's plan and its shards' inputs."""

    problem: Problem
    rule: ComparisonRule
    engine: str
    orbit_size: int
    work: int
    plan: Plan | None
    structure: BlockStructure | None
    extremes: UnitFamilies | None = None  # the extremes-by-order-statistics route (mode "extremes")
    coordinates: tuple[str, ...] = ()
    reward: tuple = ()

    def groups(self) -> tuple[tuple[int, ...], ...]:
        """The exact engine's shard units: sub-multisets given to the prefix blocks (enumerated
        on demand, after the work check)."""
        if self.plan is None:
            return ()
        return tuple(sub_multisets(self.plan.counts, self.plan.prefix_size))

    def reductions(self) -> dict[str, Any]:
        if self.extremes is not None:
            coords = self.coordinates
            return {"mode": "extremes", "int64": extremes_int64(self.extremes),
                    "blocks": [[coords[i] for i in b] for b in self.extremes.blocks],
                    "tuples": self.work, "classes_estimate": self.work}
        if self.plan is None:
            return {"mode": "reference"}
        coords = self.problem.coordinates
        return {
            "mode": self.plan.mode,
            "int64": self.plan.int64,
            "blocks": [[coords[i] for i in b] for b in self.structure.blocks] if self.structure else [],
            "prefix_blocks": len(self.plan.prefix_blocks),
            "suffix_blocks": len(self.plan.suffix_blocks),
            "classes_estimate": self.work,
        }


def _choose_mode(structure: BlockStructure, counts, rule: ComparisonRule, mode: str):
    """Return (mode, core block indices, dp block indices, work).

    auto: the extremes DP when the rule allows it and some unit-like block has ≥ 3 coordinates
    (unless the explicit class count is tiny), else explicit block classes.
    """
    blocks = structure.blocks
    everything = list(range(len(blocks)))

    def explicit():
        return "explicit", everything, [], count_classes([len(b) for b in blocks], counts, limit=20_000)

    if mode == "explicit" or not rule.extremes_only:
        if mode == "dp":
            raise OptionSetError(f"the dp mode needs a rule that depends only on maximisers, not {rule.name}")
        return explicit()
    unit = [i for i in everything if structure.unit_like[i]]
    big = [i for i in unit if len(blocks[i]) > 2]
    needy = [i for i in unit if structure.needs[i] != "none"]
    if mode == "auto" and (not big or multinomial(counts) <= _DP_MIN_WORK):
        return explicit()
    dp = unit if (mode == "dp" or len(needy) <= 4) else [i for i in unit if len(blocks[i]) > 1]
    if not dp:
        return explicit()
    core = [i for i in everything if i not in dp]
    dp_size = sum(len(blocks[i]) for i in dp)
    core_classes = count_classes([len(blocks[i]) for i in core] + [dp_size], counts)
    t = sum(1 for c in counts if c)
    # blocks of size ≤ 2 can receive their extremes at any value: each multiplies the DP's states
    small = sum(1 for i in dp if structure.needs[i] != "none" and len(blocks[i]) <= 2)
    dp_work = core_classes * max(1, t) ** max(1, small)
    if mode == "auto":
        alt = explicit()
        if alt[3] < dp_work:
            return alt
    return "dp", core, dp, dp_work


def _spread(counts: Sequence[int], k: int) -> list[int]:
    """The size-k sub-multiset with the most arrangements: take values round-robin."""
    take = [0] * len(counts)
    left = k
    while left:
        for i, c in enumerate(counts):
            if left and take[i] < c:
                take[i] += 1
                left -= 1
    return take


def plan_count(
    A: Any,
    B: Any,
    r: Any,
    *,
    C: Any = None,
    compare: str | ComparisonRule = "max",
    engine: str = "exact",
    mode: str = "auto",
) -> PlannedCount:
    """Validate, reduce and plan a count without running it (``work`` is the estimate).

    ``mode`` (exact engine): ``"auto"``, ``"explicit"`` (block classes only), ``"dp"`` (also
    summarise every unit-like block by its extremes, the older DP) or ``"extremes"`` (order
    statistics, :mod:`.extremes`; refused when it does not apply) -- ``auto`` takes ``extremes``
    whenever it applies; the other three exist for testing.  A and B may be
    :class:`~orbitproof.core.sparse.SparseOptionSet` values (read without dense rows by the
    extremes route, converted to dense option sets otherwise).
    """
    rule = parse_rule(compare)
    if engine not in ENGINES:
        raise OptionSetError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if mode not in ("auto", "explicit", "dp", "extremes"):
        raise OptionSetError(f"unknown mode {mode!r}")
    if engine == "exact" and mode in ("auto", "extremes"):
        planned, why = _extremes_plan(A, B, r, rule)
        if planned is not None:
            return planned
        if mode == "extremes":
            raise OptionSetError(f"the extremes mode does not apply here: {why}")
    A, B, C = (x.to_option_set() if isinstance(x, SparseOptionSet) else x for x in (A, B, C))
    problem = build_problem(A, B, r, rule, C)
    values, counts = counts_of(problem.reward_int)
    size = multinomial(counts)
    if engine == "reference":
        return PlannedCount(problem, rule, engine, size, size, None, None)

    structure = block_structure(problem)
    blocks = structure.blocks
    kind, core, dp, work = _choose_mode(structure, counts, rule, mode)
    layout, matrix = problem.layout, problem.matrix
    if kind == "dp":
        with_counts = bool(getattr(rule, "needs_argmax_counts", True))
        qcap = max(counts) if with_counts else 1
        core_blocks = [blocks[i] for i in sorted(core, key=lambda i: (len(blocks[i]), blocks[i]))]
        dp_blocks = [blocks[i] for i in dp]
        needs = tuple(structure.needs[i] for i in dp)
        cap = {"none": 0, "max": qcap + 1, "min": qcap + 1, "both": 2 * qcap + 1}
        kept_blocks = [b[: min(len(b), cap[n])] for b, n in zip(dp_blocks, needs)]
        new_cols = [i for b in core_blocks for i in b] + [i for b in kept_blocks for i in b]
        where = {c: k for k, c in enumerate(new_cols)}
        dropped = sorted(set(range(problem.dimension)) - set(new_cols))
        keep_rows = [u for u, row in enumerate(matrix) if not any(row[i] for i in dropped)]
        renum = {u: k for k, u in enumerate(keep_rows)}
        matrix = tuple(tuple(matrix[u][c] for c in new_cols) for u in keep_rows)
        layout = type(layout)(*(tuple(renum[u] for u in idx if u in renum) for idx in (layout.ia, layout.ib, layout.ic)),
                              layout.value_scale * 2)  # dp representatives are doubled (scale = 2)
        prefix = [tuple(where[i] for i in b) for b in core_blocks]
        suffix = [tuple(where[i] for i in b) for b in kept_blocks]
        sizes = tuple(len(b) for b in dp_blocks)
        scale = 2
        absmax = max(abs(v) for v in values)
        bound = max([0, *(sum(abs(x) for x in row) for row in matrix)]) * (2 * absmax + 1)
    else:
        with_counts = True
        ordered = sorted(range(len(blocks)), key=lambda i: (len(blocks[i]), blocks[i]))
        split = len(ordered) - 1
        while split > 0:
            sizes_ = [len(blocks[i]) for i in ordered[split - 1 :]]
            if count_classes(sizes_, _spread(counts, sum(sizes_))) > SUFFIX_LIMIT:
                break
            split -= 1
        prefix = [blocks[i] for i in ordered[:split]]
        suffix = [blocks[i] for i in ordered[split:]]
        needs = ()
        sizes = ()
        scale = 1
        bound = problem.bound
    big = max([0, *(abs(x) for row in matrix for x in row), *(abs(v) * scale + 1 for v in values)])
    int64 = bound < INT64_SAFE and big < INT64_SAFE
    plan = Plan(kind, values, counts, tuple(prefix), tuple(suffix), needs, sizes, with_counts, matrix,
                layout, rule, int64, scale)
    return PlannedCount(problem, rule, engine, size, work, plan, structure)


def _extremes_plan(A: Any, B: Any, r: Any, rule: ComparisonRule) -> tuple[PlannedCount | None, str]:
    """The extremes-by-order-statistics route (:mod:`.extremes`) when it applies: rule ``max``, unit
    families with positive coefficients, and few enough tuples of outer maxima.  Inputs it cannot
    take as they are go back to the general path, which validates them and names any error."""
    if rule.name != "max" or isinstance(r, (str, bytes)):
        return None, f"the rule is {rule.name}, not max"
    try:
        sides = []
        for x, name in ((A, "A"), (B, "B")):
            if isinstance(x, SparseOptionSet):
                sides.append(x)
            else:
                sides.append(SparseOptionSet.from_option_set(as_option_set(x, name)))
        sa, sb = sides
        reward = tuple(to_fractions(r, "reward"))
    except OrbitproofError:
        return None, "the input needs the general path's checks"
    if sa.coordinates != sb.coordinates or sa.depth != sb.depth or len(reward) != sa.dimension:
        return None, "the inputs do not match (the general path names the problem)"
    if not sa.options or not sb.options:
        return None, "an option set is empty"
    fam, why = unit_families(sa, sb, reward)
    if fam is None:
        return None, why
    work = extremes_work(fam)
    if work > EXTREMES_MAX_TUPLES:
        return None, f"{work:,} tuples of block maxima"
    _, counts = counts_of(fam.reward_int)
    return PlannedCount(None, rule, "exact", multinomial(counts), work, None, None, fam, sa.coordinates,
                        reward), ""


def estimate_work(A: Any, B: Any, r: Any, *, C: Any = None, compare: str | ComparisonRule = "max",
                  engine: str = "exact") -> int:
    """The number of orbit elements (reference) or classes (exact) a count would evaluate."""
    return plan_count(A, B, r, C=C, compare=compare, engine=engine).work


def _shards(n: int, k: int) -> list[tuple[int, int]]:
    k = max(1, min(k, n))
    step, extra = divmod(n, k)
    out, lo = [], 0
    for i in range(k):
        hi = lo + step + (1 if i < extra else 0)
        out.append((lo, hi))
        lo = hi
    return [s for s in out if s[1] > s[0]]


def _reference_shard(planned_args, lo: int, hi: int) -> tuple[int, int, int]:
    A, B, C, reward, rule = planned_args
    return reference_counts(A, B, C, reward, rule, lo, hi)


def _exact_shard(plan: Plan, groups) -> tuple[int, int, int]:
    return run_groups(plan, groups)


def count_orbit(
    A: Any,
    B: Any,
    r: Any,
    *,
    C: Any = None,
    compare: str | ComparisonRule = "max",
    engine: str = "exact",
    executor: Executor | None = None,
    max_work: int | None = DEFAULT_MAX_WORK,
    progress: bool | Progress = False,
    shards: int | None = None,
    mode: str = "auto",
) -> OrbitCount:
    """Count the distinct orbit elements r' of S_d·r by the sign of g(B|r') − g(A|r').

    Args:
        A, B: option sets (:class:`OptionSet` or lists of exact vectors); C: optional choice set
            (rules that use one default to A ∪ B).
        r: the reward vector (exact numbers; floats are refused).
        compare: ``"max"`` (default), ``"is-optimal"``, ``"frac-optimal"`` or a rule value.
        engine: ``"exact"`` (default) or ``"reference"``.
        executor: any :class:`concurrent.futures.Executor` (process pool, Dask's
            ``client.get_executor()``); ``None`` runs in this process.
        max_work: refuse (:class:`TooLargeError`) when the estimated work is larger; ``None`` = no limit.
        progress: show a progress bar on stderr (TTY only) when the work is large.
        shards: number of contiguous shards (default: 1 in-process, 4 per worker-ish otherwise).
    """
    sem = _semantics_of(A, B, C)
    planned = plan_count(A, B, r, C=C, compare=compare, engine=engine, mode=mode)
    if max_work is not None and planned.work > max_work:
        raise TooLargeError(
            f"this count needs about {planned.work:,} {'orbit elements' if engine == 'reference' else 'class evaluations'}"
            f" with the {engine} engine, above the limit {max_work:,}; raise it with --max-work "
            f"(max_work= in Python)" + (" or use --engine exact" if engine == "reference" else "")
        )
    if planned.extremes is not None:
        bar = progress if isinstance(progress, Progress) else Progress(
            total=planned.work, label="counting (extremes)", quiet=not progress or planned.work < 20_000)
        with bar:
            b_gt, a_gt, tie = extremes_counts(planned.extremes)
            bar.advance(planned.work)
        return OrbitCount(
            b_gt_a=b_gt, a_gt_b=a_gt, tie=tie, orbit_size=planned.orbit_size, compare=planned.rule.name,
            engine=engine, semantics=sem, reward=planned.reward, coordinates=planned.coordinates,
            provenance=_provenance(A, B, C), work=planned.work, reductions=planned.reductions(),
        )
    problem = planned.problem
    if engine == "reference":
        n_items = planned.orbit_size
        default_shards = 1 if executor is None else 32
    else:
        groups = planned.groups()
        n_items = len(groups)
        default_shards = (16 if planned.work > 10**6 else 1) if executor is None else 64
    ranges = _shards(n_items, shards or default_shards)
    bar = progress if isinstance(progress, Progress) else Progress(
        total=planned.work, label=f"counting ({engine})",
        quiet=not progress or planned.work < _PROGRESS_WORK[engine])

    def work_of(lo: int, hi: int) -> int:
        return (hi - lo) if engine == "reference" else (planned.work * (hi - lo)) // max(1, n_items)

    if engine == "reference":
        lay = problem.layout
        opts = problem.options
        args = (tuple(opts[u] for u in lay.ia), tuple(opts[u] for u in lay.ib),
                tuple(opts[u] for u in lay.ic), problem.reward, planned.rule)
        calls = [(_reference_shard, (args, lo, hi)) for lo, hi in ranges]
    else:
        calls = [(_exact_shard, (planned.plan, groups[lo:hi])) for lo, hi in ranges]

    totals = [0, 0, 0]
    with bar:
        if executor is None:
            results = (fn(*a) for fn, a in calls)
            for (lo, hi), res in zip(ranges, results):
                _add(totals, res)
                bar.advance(work_of(lo, hi))
        else:
            futures = [executor.submit(fn, *a) for fn, a in calls]
            for (lo, hi), fut in zip(ranges, futures):
                _add(totals, fut.result())
                bar.advance(work_of(lo, hi))
    return OrbitCount(
        b_gt_a=totals[0], a_gt_b=totals[1], tie=totals[2], orbit_size=planned.orbit_size,
        compare=planned.rule.name, engine=engine, semantics=sem, reward=problem.reward,
        coordinates=problem.coordinates, provenance=_provenance(A, B, C), work=planned.work,
        reductions=planned.reductions(),
    )


def _add(totals: list[int], res: Sequence[int]) -> None:
    for i in range(3):
        totals[i] += int(res[i])


def _semantics_of(*sets: Any) -> Any:
    """The common optimality semantics of the OptionSets (None for plain vectors); never mixed."""
    found = {s.semantics for s in sets if isinstance(s, (OptionSet, SparseOptionSet)) and s.semantics is not None}
    if len(found) > 1:
        names = ", ".join(sorted(getattr(x, "name", str(x)) for x in found))
        raise OptionSetError(f"A, B (and C) were computed under different semantics ({names})")
    return found.pop() if found else None


def _provenance(A: Any, B: Any, C: Any) -> tuple[str, str, str]:
    def name(s: Any, default: str) -> str:
        if s is None:
            return ""
        return (s.provenance or default) if isinstance(s, (OptionSet, SparseOptionSet)) else default

    return (name(A, "A"), name(B, "B"), name(C, "C"))
