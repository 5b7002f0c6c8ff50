"""Sharding over executors gives bit-identical results (process pool, Dask)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import vector_sets

from orbitproof.orbits import count_orbit

CASE = ([[1, 2, 0, 0, -1, 0, 3], [0, 0, 1, 1, 1, 0, 0]], [[2, 0, 0, 1, 0, 1, 1], [0, 1, 1, 0, 0, 2, 0]],
        [0, 1, 1, 2, 3, 5, 5])


@settings(max_examples=60, deadline=None)
@given(vector_sets(min_d=3, max_d=6), st.sampled_from(["max", "frac-optimal"]), st.integers(1, 7))
def test_threaded_shards_equal_serial_for_both_engines(case, compare, shards):
    A, B, C, r = case
    serial = count_orbit(A, B, r, C=C, compare=compare).counts
    with ThreadPoolExecutor(2) as ex:
        for engine in ("exact", "reference"):
            got = count_orbit(A, B, r, C=C, compare=compare, engine=engine, executor=ex, shards=shards)
            assert got.counts == serial


def test_process_pool_equals_serial(process_pool):
    A, B, r = CASE
    serial = count_orbit(A, B, r, engine="reference").counts
    for engine in ("exact", "reference"):
        for shards in (1, 3, 16):
            assert count_orbit(A, B, r, engine=engine, executor=process_pool, shards=shards).counts == serial


def test_dask_executor_equals_serial(dask_client):
    A, B, r = CASE
    serial = count_orbit(A, B, r, engine="reference").counts
    ex = dask_client.get_executor()
    for engine in ("exact", "reference"):
        assert count_orbit(A, B, r, engine=engine, executor=ex, shards=4).counts == serial
    assert count_orbit(A, B, r, compare="frac-optimal", executor=ex).counts == count_orbit(
        A, B, r, compare="frac-optimal", engine="reference").counts


@settings(max_examples=25, deadline=None)
@given(vector_sets(min_d=3, max_d=6), st.sampled_from(["max", "is-optimal", "frac-optimal"]))
def test_process_pool_equals_reference_on_generated_cases(process_pool, case, compare):
    A, B, C, r = case
    ref = count_orbit(A, B, r, C=C, compare=compare, engine="reference").counts
    assert count_orbit(A, B, r, C=C, compare=compare, executor=process_pool, shards=3).counts == ref
