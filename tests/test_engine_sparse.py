"""The exact engine's sparse option evaluator (option matrices above 4,096 entries with at most a
quarter non-zero) gives the counts of the definition, and is taken exactly in that case.

The dense and the sparse evaluator compute the same option values x·r'; a fast test reaches the
sparse one with a few hundred sparse options over 10 coordinates and a reward with a small orbit,
so the reference engine (a definition-level evaluation of every orbit element, itself checked
against tests/twins.py elsewhere) can judge it in a few seconds.
"""
from __future__ import annotations

import random

import pytest

from orbitproof.orbits import engine as engine_module
from orbitproof.orbits.count import count_orbit



def _sparse_options(rng: random.Random, d: int, n: int, nonzeros: int) -> list[list[int]]:
    out = []
    for _ in range(n):
        v = [0] * d
        for i in rng.sample(range(d), nonzeros):
            v[i] = rng.choice([-3, -1, 1, 2, 5, 9])
        out.append(v)
    return out


@pytest.fixture
def evaluators(monkeypatch):
    seen: list[tuple[bool, int, int]] = []
    real = engine_module._Evaluator.__init__

    def spy(self, matrix, cols):
        real(self, matrix, cols)
        seen.append((self.sparse, matrix.shape[0] * len(cols), int((matrix[:, list(cols)] != 0).sum())))

    monkeypatch.setattr(engine_module._Evaluator, "__init__", spy)
    return seen


def _reference(A, B, r, compare="max"):
    got = count_orbit(A, B, r, compare=compare, engine="reference")
    return got.b_gt_a, got.a_gt_b, got.tie, got.orbit_size


@pytest.mark.parametrize("seed", [1, 2])
def test_sparse_evaluator_counts_equal_the_reference_engine(evaluators, seed):
    compare = "max"
    rng = random.Random(seed)
    d = 10
    A = _sparse_options(rng, d, 240, 2)
    B = _sparse_options(rng, d, 240, 2)
    r = [2, 1, 0, 0, 0, 0, 0, 0, 0, 0] if seed == 1 else [0, 0, 0, 0, 0, 0, 0, 0, -1, 3]
    got = count_orbit(A, B, r, compare=compare, mode="explicit")
    assert any(sparse for sparse, _, _ in evaluators), evaluators  # the sparse path ran
    assert (got.b_gt_a, got.a_gt_b, got.tie, got.orbit_size) == _reference(A, B, r, compare)


def test_the_sparse_evaluator_is_chosen_exactly_above_4096_entries_at_most_a_quarter_non_zero(evaluators):
    rng = random.Random(3)
    d = 10
    sparse_a, sparse_b = (_sparse_options(rng, d, 240, 2) for _ in "AB")  # 20 % non-zero
    dense_a, dense_b = (_sparse_options(rng, d, 240, 6) for _ in "AB")    # 60 % non-zero
    r = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    for A, B in ((sparse_a, sparse_b), (dense_a, dense_b), (sparse_a[:30], sparse_b[:30])):
        evaluators.clear()
        got = count_orbit(A, B, r, mode="explicit")
        assert (got.b_gt_a, got.a_gt_b, got.tie, got.orbit_size) == _reference(A, B, r)
        assert evaluators
        for sparse, size, nnz in evaluators:
            assert sparse == (size > 4096 and 4 * nnz < size), (size, nnz)
        assert any(size > 4096 for _, size, _ in evaluators) == (len(A) > 100)
