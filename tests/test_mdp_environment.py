"""Environment validation, file formats and conversions (issue 2 item 3)."""

from __future__ import annotations

import json
from fractions import Fraction

import networkx as nx
import pytest
from hypothesis import given, settings

from orbitproof.core.errors import (
    ExactNumberError,
    FormatError,
    InvalidEnvironmentError,
    OrbitproofError,
    UnknownActionError,
    UnknownStateError,
)
from orbitproof.mdp import Environment, load_environment, resolve_environment
from tests.strategies import environments

CANDY = {
    "name": "candy",
    "states": ["start", "candy", "wait", "chocolate", "hug"],
    "actions": {
        "start": {"candy": "candy", "wait": "wait"},
        "wait": {"chocolate": "chocolate", "hug": "hug"},
        "candy": {"stay": "candy"},
        "chocolate": {"stay": "chocolate"},
        "hug": {"stay": "hug"},
    },
}


def _with(**changes):
    d = json.loads(json.dumps(CANDY))
    for k, v in changes.items():
        d[k] = v
    return d


def test_candy_file_equals_catalog_entry():
    assert load_environment("examples/candy.toml") == resolve_environment("candy")
    assert Environment.from_dict(CANDY) == resolve_environment("candy")


def test_accessors():
    env = resolve_environment("candy")
    assert env.index("wait") == 2
    assert env.actions("start") == ("candy", "wait")
    assert env.transition("start", "wait") == (("wait", Fraction(1)),)
    assert env.is_deterministic and env.rewards is None
    assert hash(env) == hash(resolve_environment("candy"))


def test_stochastic_file_reads_exact_probabilities():
    env = load_environment("examples/gamble.toml")
    assert not env.is_deterministic
    assert env.transition("start", "gamble") == (("win", Fraction(1, 3)), ("lose", Fraction(2, 3)))
    assert env.rewards == (0, 1, 3, Fraction(-1, 2))


def test_json_file_with_rewards():
    env = load_environment("examples/candy.json")
    assert env.rewards == (0, 1, 0, 0, Fraction(3, 2))


@pytest.mark.parametrize(
    "data, error, fragment",
    [
        (_with(states=[]), InvalidEnvironmentError, "empty"),
        (_with(states=["start", "start", "candy", "wait", "chocolate", "hug"]), InvalidEnvironmentError, "duplicate"),
        (_with(actions={**CANDY["actions"], "start": {"candy": "nowhere"}}), UnknownStateError, "nowhere"),
        (_with(actions={**CANDY["actions"], "ghost": {"stay": "candy"}}), UnknownStateError, "ghost"),
        (_with(actions={k: v for k, v in CANDY["actions"].items() if k != "hug"}), InvalidEnvironmentError, "'hug' has no actions"),
        (_with(actions={**CANDY["actions"], "hug": {}}), InvalidEnvironmentError, "no actions"),
        (_with(actions={**CANDY["actions"], "start": {"g": {"candy": "1/3", "wait": "1/3"}}}), InvalidEnvironmentError, "sum to 2/3"),
        (_with(actions={**CANDY["actions"], "start": {"g": {"candy": "4/3", "wait": "-1/3"}}}), InvalidEnvironmentError, "positive"),
        (_with(actions={**CANDY["actions"], "start": {"g": {"candy": "1", "wait": "0"}}}), InvalidEnvironmentError, "positive"),
        (_with(actions={**CANDY["actions"], "start": {"g": {"candy": 0.5, "wait": "1/2"}}}), ExactNumberError, "actions.start.g.candy"),
        (_with(rewards={"candy": 1.5}), ExactNumberError, "rewards.candy"),
        (_with(rewards={"nope": 1}), UnknownStateError, "nope"),
        (_with(extra=1), FormatError, "extra"),
        ({"name": "x"}, FormatError, "states"),
    ],
)
def test_every_validation_error_is_clear(data, error, fragment):
    with pytest.raises(error) as info:
        Environment.from_dict(data)
    assert fragment in str(info.value)
    assert isinstance(info.value, OrbitproofError)


def test_unknown_state_and_action_lookups():
    env = resolve_environment("candy")
    with pytest.raises(UnknownStateError, match="unknown state 'x'"):
        env.index("x")
    with pytest.raises(UnknownActionError, match="unknown action 'fly'"):
        env.transition("start", "fly")


def test_json_duplicate_keys_and_floats_refused(tmp_path):
    p = tmp_path / "dup.json"
    p.write_text('{"states": ["a"], "actions": {"a": {"s": "a", "s": "a"}}}')
    with pytest.raises(FormatError, match="duplicate key"):
        load_environment(p)
    p.write_text('{"states": ["a", "b"], "actions": {"a": {"g": {"a": 0.5, "b": "1/2"}}, "b": {"s": "b"}}}')
    with pytest.raises(ExactNumberError, match=r"actions\.a\.g\.a"):
        load_environment(p)
    bad = tmp_path / "bad.toml"
    bad.write_text("states = [")
    with pytest.raises(FormatError, match="not valid TOML"):
        load_environment(bad)


def test_grid_file_with_walls_moves_into_walls_stay():
    env = load_environment("examples/walls.toml")
    assert "c3_0" not in env.states and "c1_1" not in env.states
    assert env.transition("c0_0", "right") == (("c1_0", 1),)
    assert env.transition("c1_0", "down") == (("c1_0", 1),)  # wall below
    assert env.transition("c0_0", "up") == (("c0_0", 1),)  # edge
    assert env.rewards[env.index("c3_2")] == 1


@settings(max_examples=60, deadline=None)
@given(environments(with_rewards=True))
def test_dict_and_networkx_round_trips_preserve_the_environment(env):
    assert Environment.from_dict(env.to_dict()) == env
    assert Environment.from_networkx(env.to_networkx(), name=env.name) == env
    G = env.to_networkx()
    assert list(G.nodes) == list(env.states)
    assert isinstance(G, nx.MultiDiGraph)


@pytest.mark.parametrize("states, actions, fragment", [
    (["a,b", "c"], {"a,b": {"go": "c"}, "c": {"stay": "c"}}, "','"),
    (["a=1", "c"], {"a=1": {"go": "c"}, "c": {"stay": "c"}}, "'='"),
    (["a ", "c"], {"a ": {"go": "c"}, "c": {"stay": "c"}}, "whitespace"),
    (["a", "c"], {"a": {"x,y": "c"}, "c": {"stay": "c"}}, "','"),
    (["a\n", "c"], {"a\n": {"go": "c"}, "c": {"stay": "c"}}, "\\n"),
    (["a\x01", "c"], {"a\x01": {"go": "c"}, "c": {"stay": "c"}}, "\\x01"),
])
def test_names_that_cli_lists_cannot_refer_to_are_refused(states, actions, fragment):
    # state "a,b" could not be named in "--reward a,b=1" nor an action "x,y" in "--actions x,y"
    with pytest.raises(InvalidEnvironmentError, match="name") as info:
        Environment.from_dict({"states": states, "actions": actions})
    assert fragment in str(info.value)


def test_grid_rows_keep_their_columns():
    from orbitproof.mdp import gridworld_from_map

    # common indentation is removed, but a row is never shifted on its own
    assert gridworld_from_map("\n    ..#\n    ...\n").states == gridworld_from_map("..#\n...").states
    with pytest.raises(FormatError, match="row 1 column 0"):
        gridworld_from_map("..\n .\n")  # was read as '.#' (cell c0_1), silently moving the cell
