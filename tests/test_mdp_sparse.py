"""Sparse option sets of deterministic environments (mdp/sparse.py) equal the dense ones exactly."""

from __future__ import annotations

import pytest

from orbitproof.core.semantics import Blackwell, Discounted, Gain
from orbitproof.core.sparse import SparseOptionSet
from orbitproof.mdp import catalog
from orbitproof.mdp.options import option_set
from orbitproof.mdp.sparse import sparse_option_set

ENVS = ["candy", "fig1", "ye-olde", "invariance", "invariance-cycle", "terminal:m=2,n=3", "gridworld:w=3,h=2"]
SEMANTICS = [Gain(), Discounted("1/2"), Discounted("9/10"), Discounted("0"), Blackwell()]


@pytest.mark.parametrize("name", ENVS)
@pytest.mark.parametrize("sem", SEMANTICS, ids=str)
def test_sparse_option_sets_equal_the_dense_ones(name, sem):
    env = catalog.get(name)
    for state in env.states:
        for action in (None, *env.actions(state)):
            dense = SparseOptionSet.from_option_set(option_set(env, state, action, sem))
            sparse = sparse_option_set(env, state, action, sem)
            assert sparse.options == dense.options
            assert (sparse.depth, sparse.provenance, sparse.semantics) == (dense.depth, dense.provenance,
                                                                           dense.semantics)
            assert sparse.to_option_set() == option_set(env, state, action, sem)


def test_sparse_round_trip_keeps_every_option():
    env = catalog.get("fig1")
    dense = option_set(env, env.states[0], None, Blackwell())
    assert SparseOptionSet.from_option_set(dense).to_option_set() == dense


def test_sparse_option_set_refuses_too_many_lassos():
    env = catalog.get("gridworld:w=3,h=3")
    with pytest.raises(Exception, match="more than 5 visit distributions"):
        sparse_option_set(env, env.states[0], None, Gain(), max_size=5)
