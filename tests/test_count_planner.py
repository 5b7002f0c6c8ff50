"""The count planner's visible choices: which exact plan it takes, the work it estimates (the figure
a ``max_work`` refusal is decided on), when it proves int64 safe, and what the progress bar sees.

Every plan is exact, so the counts never depend on these choices (checked here as well); the
choices themselves are part of the output (``OrbitCount.reductions``, ``work``, the refusal
message) and follow the rules stated in ``orbits/count.py`` (``_choose_mode``): auto takes the
extremes DP only for a rule that depends on maximisers alone, with a unit-like block of ≥ 3
coordinates and more than 200 orbit elements, and only when its work estimate is below the explicit
one; the DP summarises every unit-like block when at most four need extremes, else only the blocks
of ≥ 2 coordinates; its work is core classes × t^(blocks of ≤ 2 coordinates that need extremes).
"""
from __future__ import annotations

import pytest

from orbitproof.core.errors import TooLargeError
from orbitproof.core.progress import Progress
from orbitproof.orbits import count as count_module
from orbitproof.orbits.count import count_orbit, plan_count
from orbitproof.orbits.problem import INT64_SAFE


def _e(i: int, d: int, c: int = 1) -> list[int]:
    v = [0] * d
    v[i] = c
    return v


def _counts(res) -> tuple[int, int, int, int]:
    return res.b_gt_a, res.a_gt_b, res.tie, res.orbit_size


# two unit blocks of 2 coordinates: no block of ≥ 3, so auto stays explicit
PAIRS = ([_e(0, 4), _e(1, 4)], [_e(2, 4), _e(3, 4)], [3, 2, 1, 0])
# two unit blocks of 3 coordinates and five single coordinates, all needing their maximum
_D = 11
BIGS = ([_e(0, _D), _e(1, _D), _e(2, _D), _e(8, _D, 2)],
        [_e(3, _D), _e(4, _D), _e(5, _D), _e(9, _D, 3), _e(10, _D, 4), _e(6, _D, 5), _e(7, _D, 6)])


def test_dp_mode_is_taken_when_asked_even_without_a_large_block_and_costs_t_to_the_small_blocks():
    A, B, r = PAIRS
    p = plan_count(A, B, r, compare="is-optimal", mode="dp")
    assert p.plan.mode == "dp"
    # core: one class (all four coordinates in the DP); t = 4 values; 2 small needy blocks
    assert p.work == 4**2
    assert plan_count(A, B, r, compare="is-optimal", mode="auto").plan.mode == "explicit"
    assert plan_count(A, B, r, compare="is-optimal", mode="auto").work == 6  # 4!/(2!·2!)
    ref = _counts(count_orbit(A, B, r, compare="is-optimal", engine="reference"))
    for mode in ("auto", "dp", "explicit"):
        assert _counts(count_orbit(A, B, r, compare="is-optimal", mode=mode)) == ref


def test_dp_mode_with_more_than_four_needy_blocks_still_summarises_every_unit_block():
    A, B = BIGS
    r = [0] * 8 + [1, 2, 3]
    p = plan_count(A, B, r, compare="is-optimal", mode="dp")
    assert p.plan.mode == "dp"
    assert len(p.plan.suffix_blocks) == 7 and len(p.plan.prefix_blocks) == 0
    # one core class; t = 4 values; five needy single coordinates
    assert p.work == 4**5
    ref = _counts(count_orbit(A, B, r, compare="is-optimal", engine="reference"))
    assert _counts(count_orbit(A, B, r, compare="is-optimal", mode="dp")) == ref


def test_auto_with_more_than_four_needy_blocks_puts_only_the_larger_blocks_in_the_dp():
    A, B = BIGS
    r = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3]
    p = plan_count(A, B, r, compare="is-optimal", mode="auto")
    assert p.plan.mode == "dp"
    assert len(p.plan.suffix_blocks) == 2  # the two blocks of 3; the singles are core blocks
    assert len(p.plan.prefix_blocks) == 5
    assert p.work == 2144 < plan_count(A, B, r, compare="is-optimal", mode="explicit").work == 2686
    # (the reference engine takes about a minute here; the explicit plan is the other exact route)
    ref = _counts(count_orbit(A, B, r, compare="is-optimal", mode="explicit"))
    assert _counts(count_orbit(A, B, r, compare="is-optimal")) == ref


def test_auto_keeps_the_explicit_plan_when_its_estimate_is_smaller_than_the_dps():
    A, B = BIGS
    r = [0] * 8 + [1, 2, 3]
    auto = plan_count(A, B, r, compare="is-optimal", mode="auto")
    explicit = plan_count(A, B, r, compare="is-optimal", mode="explicit")
    assert auto.plan.mode == "explicit" and auto.work == explicit.work == 248
    assert auto.reductions()["mode"] == "explicit"


def test_the_work_estimate_decides_the_refusal_exactly_at_max_work():
    A, B, r = PAIRS
    work = plan_count(A, B, r, compare="is-optimal", mode="dp").work
    count_orbit(A, B, r, compare="is-optimal", mode="dp", max_work=work)
    with pytest.raises(TooLargeError, match=f"about {work:,} class evaluations"):
        count_orbit(A, B, r, compare="is-optimal", mode="dp", max_work=work - 1)


@pytest.mark.parametrize("compare", ["max", "is-optimal"])
def test_explicit_plan_is_int64_exactly_when_every_value_plus_one_is_below_2_to_the_62(compare):
    A, B = [[1, 0]], [[0, 1]]
    below = plan_count(A, B, [INT64_SAFE - 2, 0], compare=compare, mode="explicit")
    at = plan_count(A, B, [INT64_SAFE - 1, 0], compare=compare, mode="explicit")
    assert below.plan.int64 is True and below.problem.bound == INT64_SAFE - 2
    # the bound is below 2^62 here too: the value margin |v|·scale + 1 is what refuses int64
    assert at.plan.int64 is False and at.problem.bound == INT64_SAFE - 1
    for v in (INT64_SAFE - 2, INT64_SAFE - 1):
        fast = count_orbit(A, B, [v, 0], compare=compare, mode="explicit")
        assert _counts(fast) == _counts(count_orbit(A, B, [v, 0], compare=compare, engine="reference")) == (1, 1, 0, 2)


def test_dp_plan_is_int64_only_when_row_sum_times_doubled_value_plus_one_is_below_2_to_the_62():
    # the DP doubles values (half-integer representatives): |row · r'| ≤ Σ|x| · (2·max|v| + 1)
    A, B = [[2, 0, 0]], [[0, 1, 0]]
    q = INT64_SAFE // 4
    at = plan_count(A, B, [q, 0, 1], compare="is-optimal", mode="dp")
    below = plan_count(A, B, [q - 1, 0, 1], compare="is-optimal", mode="dp")
    assert at.plan.mode == below.plan.mode == "dp"
    assert at.plan.int64 is False  # 2·(2q + 1) = 2^62 + 2
    assert below.plan.int64 is True  # 2·(2q − 1) = 2^62 − 2
    for v in (q - 1, q):
        assert _counts(count_orbit(A, B, [v, 0, 1], compare="is-optimal", mode="dp")) == _counts(
            count_orbit(A, B, [v, 0, 1], compare="is-optimal", engine="reference"))


class _Recorder(Progress):
    made: list["_Recorder"] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.quiet = kwargs.get("quiet", False)
        _Recorder.made.append(self)


@pytest.mark.parametrize("engine", ["exact", "reference"])
def test_the_progress_bar_is_shown_from_its_threshold_on_and_only_when_asked(monkeypatch, engine):
    A, B, r = PAIRS
    work = plan_count(A, B, r, compare="is-optimal", engine=engine).work
    monkeypatch.setattr(count_module, "Progress", _Recorder)
    for threshold, asked, quiet in ((work, True, False), (work + 1, True, True), (work, False, True),
                                    (work + 1, False, True)):
        monkeypatch.setattr(count_module, "_PROGRESS_WORK", {"exact": threshold, "reference": threshold})
        _Recorder.made.clear()
        count_orbit(A, B, r, compare="is-optimal", engine=engine, progress=asked)
        assert [bar.quiet for bar in _Recorder.made] == [quiet], (threshold, asked)
        assert _Recorder.made[0].total == work


@pytest.mark.parametrize("engine", ["exact", "reference"])
def test_the_progress_bar_advances_by_exactly_the_planned_work(engine):
    if engine == "exact":
        A, B = BIGS
        r = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3]
    else:
        A, B, r = PAIRS
    planned = plan_count(A, B, r, compare="is-optimal", engine=engine)
    n_items = planned.orbit_size if engine == "reference" else len(planned.groups())
    assert n_items > 1
    for shards in (1, 3, n_items):
        bar = Progress(total=planned.work, quiet=True)
        count_orbit(A, B, r, compare="is-optimal", engine=engine, progress=bar, shards=shards)
        if shards == 1 or engine == "reference":
            assert bar.done == planned.work
        else:  # each shard's share is rounded down
            assert planned.work - shards < bar.done <= planned.work
