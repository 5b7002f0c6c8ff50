"""`orbitproof count` in deterministic environments under max reads sparse option sets and counts
by order statistics; the counts equal the old extremes DP on dense option sets."""

from __future__ import annotations

import json

import pytest

from orbitproof.cli import main
from orbitproof.core.semantics import Blackwell, Discounted, Gain
from orbitproof.mdp import resolve_environment
from orbitproof.mdp.options import option_set_union
from orbitproof.orbits import count_orbit


@pytest.mark.parametrize("flag,sem", [(["--gain"], Gain()), (["--gamma", "1/2"], Discounted("1/2")),
                                      (["--gamma", "3/4"], Discounted("3/4")), (["--blackwell"], Blackwell())])
def test_cli_count_on_terminal_equals_the_old_dp(capsys, flag, sem):
    env = resolve_environment("terminal:m=3,n=20")
    r = [(7 * k) % 26 for k in range(26)]
    code = main(["count", "terminal:m=3,n=20", "--state", "start", "--a", "die", "--b", "live",
                 f"--reward={','.join(map(str, r))}", *flag, "--json", "--quiet"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["reductions"]["mode"] == "extremes"
    A = option_set_union(env, "start", "die", sem)
    B = option_set_union(env, "start", "live", sem)
    old = count_orbit(A, B, r, mode="dp")
    assert (data["b_gt_a"], data["a_gt_b"], data["tie"], data["orbit_size"]) == old.counts


def test_cli_count_with_two_actions_per_side_unites_sparse_sets(capsys):
    code = main(["count", "fig1", "--state", "star", "--a", "up", "--b", "left,right",
                 "--reward=0,1,2,3,4,5,6,7", "--gain", "--json", "--quiet"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    env = resolve_environment("fig1")
    A = option_set_union(env, "star", "up", Gain())
    B = option_set_union(env, "star", "left,right", Gain())
    ref = count_orbit(A, B, list(range(8)), mode="explicit")
    assert (data["b_gt_a"], data["a_gt_b"], data["tie"], data["orbit_size"]) == ref.counts
