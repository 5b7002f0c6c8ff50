"""The one module of hypothesis strategies shared by the tests: exact domain values that reach the
hard cases (fractional, negative, tied and huge rewards; shared, duplicate and zero vectors;
stochastic transitions).  ``tests/vector_strategies.py`` re-exports the vector part for old imports.

Stable API (other test modules import these):

* ``rewards(d, max_distinct=4)`` — a length-d reward vector drawn from a small random *palette* of
  distinct values, so ties are common, with fractional, negative and huge (> 2^63) values all
  reachable (docs/math.md §2.1: counts depend on r only through its orbit);
* ``vectors(d)``, ``vector_sets``, ``block_sets``, ``layered_sets`` — option sets for orbit counting
  (see the vector section below);

* ``environments(min_states=1, max_states=5, max_actions=3, stochastic=None, with_rewards=False)``
  — a valid :class:`orbitproof.mdp.Environment`; ``stochastic=None`` mixes both kinds,
  ``False`` gives deterministic MDPs, ``True`` MDPs with at least one stochastic action.
* ``env_state_action(**kw)`` — ``(env, state, action_or_None)``.
* ``gammas()`` — exact Fractions in [0, 1) with small denominators.
* ``reward_vectors(n)`` — the same as ``rewards(n)`` (kept for older imports).
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from orbitproof.mdp import Environment

__all__ = ["environments", "env_state_action", "gammas", "reward_vectors", "probability_vectors",
           "reward_values", "rewards", "exact_numbers", "vectors", "vector_sets", "block_sets", "layered_sets"]


@st.composite
def probability_vectors(draw, n: int, max_support: int = 3):
    """A transition: sorted ((next_index, p), ...) with p > 0 summing to exactly 1."""
    k = draw(st.integers(1, min(max_support, n)))
    support = sorted(draw(st.lists(st.integers(0, n - 1), min_size=k, max_size=k, unique=True)))
    weights = draw(st.lists(st.integers(1, 4), min_size=k, max_size=k))
    total = sum(weights)
    return tuple((j, Fraction(w, total)) for j, w in zip(support, weights))


@st.composite
def environments(draw, min_states: int = 1, max_states: int = 5, max_actions: int = 3,
                 stochastic: bool | None = None, with_rewards: bool = False):
    n = draw(st.integers(min_states, max_states))
    states = tuple(f"s{i}" for i in range(n))
    table = []
    for u in range(n):
        m = draw(st.integers(1, max_actions))
        acts = []
        for k in range(m):
            if stochastic is False:
                tr = ((draw(st.integers(0, n - 1)), Fraction(1)),)
            elif stochastic is None and draw(st.booleans()):
                tr = ((draw(st.integers(0, n - 1)), Fraction(1)),)
            else:
                tr = draw(probability_vectors(n))
            acts.append((f"a{k}", tr))
        table.append(tuple(acts))
    if stochastic is True and all(len(tr) == 1 for acts in table for _, tr in acts) and n > 1:
        # force one genuinely stochastic action
        table[0] = ((table[0][0][0], ((0, Fraction(1, 2)), (n - 1, Fraction(1, 2)))),) + table[0][1:]
    rewards = None
    if with_rewards:
        rewards = tuple(draw(reward_vectors(n)))
    return Environment("random", states, tuple(table), rewards)


@st.composite
def env_state_action(draw, **kw):
    env = draw(environments(**kw))
    state = draw(st.sampled_from(env.states))
    action = draw(st.one_of(st.none(), st.sampled_from(env.actions(state))))
    return env, state, action


def gammas():
    return st.builds(lambda q, p: Fraction(p % q, q), st.integers(1, 12), st.integers(0, 100))


def reward_vectors(n: int, lo: int = -3, hi: int = 3):
    """Kept for older imports: :func:`rewards` (``lo``/``hi`` are ignored; the palette covers them)."""
    return rewards(n)


# --------------------------------------------------------------------------- vectors and rewards
_ENTRIES = [0, 0, 0, 1, 1, 2, -1, 3, Fraction(1, 2), Fraction(-3, 2), Fraction(2, 3)]
_SMALL_REWARDS = [0, 1, 2, 3, -1, -2, 5]
_FRACTIONAL_REWARDS = [Fraction(1, 2), Fraction(1, 3), Fraction(7, 3), Fraction(-3, 2), Fraction(-2, 3),
                       Fraction(5, 6)]
_HUGE_REWARDS = [10**20, -(3**40), 2**63, 2**63 - 1, Fraction(10**19 + 1, 3)]


def exact_numbers(pool=_ENTRIES) -> st.SearchStrategy:
    return st.sampled_from(pool)


def reward_values() -> st.SearchStrategy:
    """One exact reward value: small ints, fractions (also negative) and, less often, huge numbers
    (beyond int64, also as a fraction; one draw in eight), so that the integer reduction of the engines is exercised."""
    kinds = {0: st.sampled_from(_HUGE_REWARDS), 1: st.sampled_from(_FRACTIONAL_REWARDS),
             2: st.builds(Fraction, st.integers(-7, 7), st.integers(1, 6))}
    return st.integers(0, 7).flatmap(lambda k: kinds.get(k, st.sampled_from(_SMALL_REWARDS)))


@st.composite
def rewards(draw, d: int, max_distinct: int = 4):
    """A length-d reward vector over a palette of at most ``max_distinct`` distinct values (ties are
    common; the palette is drawn from :func:`reward_values`, so fractional, negative and huge
    entries all occur).  The result is a tuple of ints and Fractions."""
    palette = draw(st.lists(reward_values(), min_size=1, max_size=max(1, max_distinct),
                            unique_by=lambda x: Fraction(x)))
    return tuple(draw(st.lists(st.sampled_from(palette), min_size=d, max_size=d)))


def vectors(d: int) -> st.SearchStrategy:
    return st.lists(exact_numbers(), min_size=d, max_size=d).map(tuple)


@st.composite
def vector_sets(draw, min_d: int = 1, max_d: int = 6, with_c: bool | None = None):
    """Generic option sets; B may share vectors with A; C (if any) contains A ∪ B or not."""
    d = draw(st.integers(min_d, max_d))
    A = draw(st.lists(vectors(d), min_size=1, max_size=3))
    B = draw(st.lists(vectors(d), min_size=1, max_size=3))
    if draw(st.booleans()):
        B = B + [draw(st.sampled_from(A))]  # a vector shared by A and B
    if draw(st.integers(0, 3)) == 0:
        A = A + [draw(st.sampled_from(A))]  # a duplicate vector inside A
    if draw(st.integers(0, 3)) == 0:
        target = draw(st.sampled_from(["A", "B"]))
        zero = tuple(0 for _ in range(d))
        A, B = (A + [zero], B) if target == "A" else (A, B + [zero])  # a zero vector
    use_c = draw(st.booleans()) if with_c is None else with_c
    C = None
    if use_c:
        extra = draw(st.lists(vectors(d), min_size=0, max_size=2))
        C = (A + B + extra) if draw(st.booleans()) else (extra + [A[0]] if extra else [A[0]])
    r = draw(rewards(d))
    return A, B, C, r


@st.composite
def block_sets(draw, max_d: int = 7, with_c: bool | None = None):
    """Families {w + c·e_i : i ∈ block} over disjoint blocks, plus untouched coordinates."""
    n_blocks = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 3)) for _ in range(n_blocks)]
    free = draw(st.integers(0, 2))
    d = sum(sizes) + free + 1  # coordinate 0 is a shared "w" coordinate
    if d > max_d:
        sizes = sizes[:1]
        n_blocks = 1
        d = sum(sizes) + free + 1
    starts = []
    pos = 1
    for s in sizes:
        starts.append(pos)
        pos += s

    def family(b: int, c=None) -> list[tuple]:
        if c is None:
            c = draw(st.sampled_from([1, 2, -1, Fraction(1, 2)]))
        w0 = draw(st.sampled_from([0, 0, 1, Fraction(1, 2)]))
        out = []
        for i in range(starts[b], starts[b] + sizes[b]):
            v = [0] * d
            v[0] = w0
            v[i] = c
            out.append(tuple(v))
        return out

    fams = [family(b) for b in range(n_blocks)]
    A = list(fams[0])
    B = [v for f in fams[1:] for v in f] or [tuple([1] + [0] * (d - 1))]
    if draw(st.booleans()):
        B.append(tuple([draw(st.sampled_from([0, 1, 2]))] + [0] * (d - 1)))
    if draw(st.booleans()):
        # a second family on one block with a negative coefficient: the block needs max and min
        b = draw(st.integers(0, n_blocks - 1))
        fam = family(b, c=draw(st.sampled_from([-1, -2, 3])))
        if draw(st.booleans()):
            B.extend(fam)
        else:
            A.extend(fam)
    use_c = draw(st.booleans()) if with_c is None else with_c
    C = (A + B) if use_c else None
    r = draw(rewards(d))
    return A, B, C, r


@st.composite
def layered_sets(draw, max_d: int = 5):
    """Depth-2 options as lists of (layer0, layer1); values compare lexicographically."""
    d = draw(st.integers(1, max_d))
    small = st.sampled_from([0, 0, 1, 2, -1, Fraction(1, 2)])

    def option():
        return tuple(tuple(draw(small) for _ in range(d)) for _ in range(2))

    A = [option() for _ in range(draw(st.integers(1, 2)))]
    B = [option() for _ in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        # same first layer, different second: ties broken by the second layer
        B.append((A[0][0], tuple(draw(small) for _ in range(d))))
    r = draw(rewards(d))
    return A, B, r
