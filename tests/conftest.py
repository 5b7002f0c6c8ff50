"""Shared fixtures.  The Dask cluster is session-scoped and lazy: only tests that request
``dask_client`` pay for starting it (~1 s), and it is skipped cleanly without dask installed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import Phase, settings

if os.environ.get("ORBITPROOF_MUTATION_RUN"):
    # benchmarks/mutation/run.py: a failing example is all a mutant needs, so skip shrinking
    settings.register_profile("mutation", phases=[Phase.explicit, Phase.reuse, Phase.generate], database=None)
    settings.load_profile("mutation")

sys.path.insert(0, str(Path(__file__).parent))  # tests/strategies.py


@pytest.fixture(scope="session")
def dask_client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


@pytest.fixture(scope="session")
def process_pool():
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=2) as pool:
        yield pool
