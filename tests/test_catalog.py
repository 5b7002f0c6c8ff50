"""Catalog entries (issue 2 item 4) and their documented shapes."""

from __future__ import annotations

import pytest

from orbitproof.mdp import catalog
from orbitproof.core.errors import FormatError, InvalidEnvironmentError
from orbitproof.mdp import resolve_environment


@pytest.mark.parametrize("spec", ["candy", "fig1", "ye-olde", "invariance", "invariance-cycle",
                                  "terminal:m=2,n=3", "gridworld:w=3,h=2"])
def test_every_catalog_entry_builds_and_has_a_documented_source(spec):
    env = resolve_environment(spec)
    assert env.states
    base = spec.split(":")[0].replace("-", "_")
    assert "docs/math.md" in getattr(catalog, base).__doc__ or base == "gridworld"


def test_terminal_state_order():
    env = resolve_environment("terminal:m=2,n=3")
    assert env.states == ("start", "die", "live", "d1", "d2", "l1", "l2", "l3")
    assert env.actions("start") == ("die", "live")


def test_gridworld_names_and_moves():
    env = resolve_environment("gridworld:w=3,h=2")
    assert env.states == ("c0_0", "c1_0", "c2_0", "c0_1", "c1_1", "c2_1")
    assert env.actions("c0_0") == ("up", "down", "left", "right", "stay")
    assert env.transition("c0_0", "left") == (("c0_0", 1),)
    assert env.transition("c0_0", "down") == (("c0_1", 1),)


def test_fig1_mapping():
    env = resolve_environment("fig1")
    assert env.states == ("star", "empty", "l", "l_up", "l_down", "r", "r_up", "r_down")
    assert env.actions("l_up") == ("down",)


@pytest.mark.parametrize("spec, fragment", [
    ("nosuch", "unknown environment"),
    ("terminal:m=2", "missing"),
    ("terminal:m=2,n=x", "integer"),
    ("terminal:m=2,n=3,k=1", "unknown parameter"),
    ("candy:x=1", "no parameters"),
])
def test_bad_specs(spec, fragment):
    with pytest.raises(FormatError, match=fragment):
        resolve_environment(spec)


def test_bad_parameters():
    with pytest.raises(InvalidEnvironmentError):
        resolve_environment("terminal:m=0,n=3")
    with pytest.raises(InvalidEnvironmentError):
        resolve_environment("gridworld:w=0,h=3")
