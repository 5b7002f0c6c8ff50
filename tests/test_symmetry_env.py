"""Environment-graph matching (VF2 DiGraphMatcher, never VF2++) and find_copies on environments."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.mdp import resolve_environment
from orbitproof.symmetry.envmatch import (
    env_candidate_involutions,
    env_embeddings_reference,
    iter_env_embeddings,
)


@dataclass(frozen=True)
class FakeEnv:
    """Just the part of orbitproof.mdp.Environment that envmatch uses."""

    table: tuple  # ((state, ((action, ((next, p), ...)), ...)), ...)

    @property
    def states(self):
        return tuple(s for s, _ in self.table)

    def index(self, s):
        return self.states.index(s)

    def actions(self, s):
        return tuple(a for a, _ in dict(self.table)[s])

    def transition(self, s, a):
        return dict(dict(self.table)[s])[a]


def det_env(edges: dict[str, list[str]]) -> FakeEnv:
    """Deterministic env: action 'to_y' from x goes to y (self-loops allowed)."""
    return FakeEnv(tuple((x, tuple((f"to_{y}", ((y, Fraction(1)),)) for y in ys)) for x, ys in edges.items()))


def binary_tree(depth: int) -> FakeEnv:
    """s → left/right subtrees, each a full binary tree of the given depth; leaves are terminal."""
    edges: dict[str, list[str]] = {"s": ["L", "R"]}

    def grow(name: str, k: int) -> None:
        if k == 0:
            edges[name] = [name]  # terminal: self-loop
            return
        edges[name] = [name + "0", name + "1"]
        grow(name + "0", k - 1)
        grow(name + "1", k - 1)

    grow("L", depth)
    grow("R", depth)
    return det_env(edges)


@pytest.mark.parametrize("depth,count", [(1, 2), (2, 8), (3, 128)])
def test_tree_with_self_loop_leaves_has_all_embeddings(depth, count):
    # VF2++ loses half of these automorphisms (docs/architecture.md, library pitfalls); VF2 must find all of them.
    env = binary_tree(depth)
    fast = {tuple(sorted(p.items())) for p in iter_env_embeddings(env, "s", ["to_L"], ["to_R"])}
    assert len(fast) == count
    if depth <= 2:
        assert fast == env_embeddings_reference(env, "s", ["to_L"], ["to_R"])


def test_fig1_right_vs_left_swaps_the_branches():
    env = det_env({
        "star": ["empty", "l", "r"], "empty": ["empty"],
        "l": ["l_up", "l_down"], "l_up": ["l_down"], "l_down": ["l_down", "l_up"],
        "r": ["r_up", "r_down"], "r_up": ["r_up", "r_down"], "r_down": ["r_down", "r_up"],
    })
    phis = list(env_candidate_involutions(env, "star", ["to_l"], ["to_r"]))
    names = [sorted(tuple(sorted((env.states[i], env.states[j]))) for i, j in p.pairs) for p in phis]
    assert sorted([("l", "r"), ("l_down", "r_down"), ("l_up", "r_up")]) in names
    # no embedding the other way: l_up has no self-loop, but r_up and r_down both need one
    assert not list(iter_env_embeddings(env, "star", ["to_r"], ["to_l"]))


def test_stochastic_probabilities_must_match():
    h, t = Fraction(1, 2), Fraction(1, 3)
    env = FakeEnv((
        ("s", (("a", (("x", Fraction(1)),)), ("b", (("y", Fraction(1)),)))),
        ("x", (("go", (("x1", h), ("x2", h))),)),
        ("y", (("go", (("y1", t), ("y2", 1 - t))),)),
        ("x1", (("stay", (("x1", Fraction(1)),)),)), ("x2", (("stay", (("x2", Fraction(1)),)),)),
        ("y1", (("stay", (("y1", Fraction(1)),)),)), ("y2", (("stay", (("y2", Fraction(1)),)),)),
    ))
    assert not list(iter_env_embeddings(env, "s", ["a"], ["b"]))
    assert env_embeddings_reference(env, "s", ["a"], ["b"]) == set()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(0, 4), min_size=1, max_size=2, unique=True), min_size=5, max_size=5),
       st.integers(0, 4), st.integers(0, 3))
def test_vf2_embeddings_equal_brute_force_on_random_deterministic_envs(succ, a_to, b_to):
    names = [f"q{k}" for k in range(5)]
    b_to += b_to >= a_to  # two different successors of s, so s has two actions
    edges = {"s": [names[a_to], names[b_to]]}
    for k, ys in enumerate(succ):
        edges[names[k]] = [names[y] for y in ys]
    env = det_env(edges)
    acts = env.actions("s")
    assert len(acts) == 2
    fast = {tuple(sorted(p.items())) for p in iter_env_embeddings(env, "s", [acts[0]], [acts[1]])}
    assert fast == env_embeddings_reference(env, "s", [acts[0]], [acts[1]])


# --------------------------------------------------------------------------- real environments
def test_candy_gain_wait_vs_candy_is_two():
    from orbitproof.core.semantics import Gain
    from orbitproof.symmetry import find_copies

    env = resolve_environment("candy")
    acts = env.actions(env.states[0])
    wait = next(a for a in acts if "wait" in a.lower())
    candy = next(a for a in acts if "candy" in a.lower())
    r = find_copies(env=env, state=env.states[0], a=candy, b=wait, semantics=Gain())
    assert r.n == 2 and r.maximal


@pytest.mark.parametrize("k", [1, 3, 7])
def test_terminal_one_vs_k(k):
    from orbitproof.core.semantics import Gain
    from orbitproof.symmetry import find_copies

    env = resolve_environment(f"terminal:m=1,n={k}")
    r = find_copies(env=env, state="start", a="die", b="live", semantics=Gain())
    assert r.n == k and r.maximal


def test_terminal_two_vs_51():
    from orbitproof.core.semantics import Gain
    from orbitproof.symmetry import find_copies

    env = resolve_environment("terminal:m=2,n=51")
    r = find_copies(env=env, state="start", a="die", b="live", semantics=Gain())
    assert r.n == 25 and r.maximal


def test_fig1_gain_right_vs_left():
    from orbitproof.core.semantics import Gain
    from orbitproof.symmetry import find_copies

    env = resolve_environment("fig1")
    r = find_copies(env=env, state="star", a="left", b="right", semantics=Gain())
    assert r.n == 1 and r.hypotheses["orthogonal"] is True
    assert find_copies(env=env, state="star", a="up", b="right", semantics=Gain()).n == 2
    assert find_copies(env=env, state="star", a="up", b="left,right", semantics=Gain()).n == 3


# --------------------------------------------------------------------------- env path with a fake option_set
def _fake_rsd(env: FakeEnv, state: str, action: str, semantics, nd: bool, max_size: int = 100_000):
    """RSD(state | action) of a deterministic FakeEnv by enumerating policies (tiny envs only):
    the uniform distribution on the eventual cycle (docs/math.md §1.3)."""
    from itertools import product

    from orbitproof.core.optionset import OptionSet

    states = env.states
    out = set()
    for choice in product(*[env.actions(s) for s in states]):
        pol = dict(zip(states, choice))
        if action is not None:
            pol[state] = action
        path, x = [], state
        while x not in path:
            path.append(x)
            x = env.transition(x, pol[x])[0][0]
        cycle = path[path.index(x):]
        out.add(tuple(Fraction(1, len(cycle)) if s in cycle else Fraction(0) for s in states))
    return OptionSet(tuple((v,) for v in out), states, f"RSD({state} | {action})")


FIG1 = {
    "star": ["empty", "l", "r"], "empty": ["empty"],
    "l": ["l_up", "l_down"], "l_up": ["l_down"], "l_down": ["l_down", "l_up"],
    "r": ["r_up", "r_down"], "r_up": ["r_up", "r_down"], "r_down": ["r_down", "r_up"],
}


def test_env_path_fig1_with_fake_option_sets(monkeypatch):
    from orbitproof.core.semantics import Gain
    from orbitproof.symmetry import finder

    monkeypatch.setattr(finder, "_option_set", _fake_rsd)
    env = det_env(FIG1)
    r = finder.find_copies(env=env, state="star", a="to_l", b="to_r", semantics=Gain())
    assert r.n == 1 and r.maximal
    assert r.hypotheses["orthogonal"] is True and r.hypotheses["z_condition"] is True
    assert finder.find_copies(env=env, state="star", a="to_empty", b="to_r", semantics=Gain()).n == 2
    assert finder.find_copies(env=env, state="star", a="to_empty", b="to_l,to_r", semantics=Gain()).n == 3
    assert finder.find_copies(env=env, state="star", a="to_r", b="to_l", semantics=Gain()).n == 0


def test_env_path_candy_with_fake_option_sets(monkeypatch):
    from orbitproof.core.semantics import Gain
    from orbitproof.symmetry import finder

    monkeypatch.setattr(finder, "_option_set", _fake_rsd)
    env = det_env({"start": ["candy", "wait"], "candy": ["candy"], "wait": ["choc", "hug"],
                   "choc": ["choc"], "hug": ["hug"]})
    r = finder.find_copies(env=env, state="start", a="to_candy", b="to_wait", semantics=Gain())
    assert r.n == 2 and r.maximal and r.hypotheses["c_invariant"] is True
    with pytest.raises(Exception, match="both"):
        finder.find_copies(env=env, state="start", a="to_candy", b="to_candy,to_wait", semantics=Gain())


def test_gridworld_first_actions_differ_by_one_two_cycle():
    # RSD_nd(s | up) has no e_s (the first action is forced at s) but the 2-cycle s ↔ up-neighbour:
    # A ≠ B, exactly one copy, swapping the two neighbours (maximal: |A| = |B|).
    from orbitproof.core.semantics import Gain
    from orbitproof.symmetry import find_copies

    env = resolve_environment("gridworld:w=4,h=4")
    r = find_copies(env=env, state="c2_2", a="up", b="left", semantics=Gain(), nd=True)
    assert r.n == 1 and r.maximal and r.maximal_scope == "all involutions"
    assert [sorted(p) for p in r.involution_names()[0]] == [["c1_2", "c2_1"]]


def test_fig1_discounted_right_vs_left_uses_the_branch_swap():
    from orbitproof.core.semantics import Discounted
    from orbitproof.symmetry import find_copies

    env = resolve_environment("fig1")
    r = find_copies(env=env, state="star", a="left", b="right", semantics=Discounted("1/2"))
    assert r.n == 1
    pairs = {tuple(sorted(p)) for p in r.involution_names()[0]}
    assert ("l", "r") in pairs
