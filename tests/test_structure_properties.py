"""Properties of claims/structure.py that the mutation run (docs/mutation.md) found unpinned: the
involutions it reports are real swap lists that copy A into B, and exactness flags are honest."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import twins
from orbitproof.claims import instance_from_sets
from orbitproof.claims.structure import image_count

E4 = ("a", "b", "c", "d")


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_image_count_reports_involutions_as_disjoint_pairs_that_copy_a_into_b(data):
    d = 4
    vec = st.tuples(*[st.sampled_from([0, 0, 1, 2]) for _ in range(d)])
    A = data.draw(st.lists(vec, min_size=1, max_size=2, unique=True))
    B = data.draw(st.lists(vec, min_size=1, max_size=4, unique=True))
    res = image_count(instance_from_sets(A, B, coordinates=E4))
    if res["ok"]:
        assert len(res["involutions"]) == res["n"] == res["images"]
        images = set()
        for inv in res["involutions"]:
            assert all(i != j for i, j in inv)  # a pair never swaps a coordinate with itself
            p = twins.perm_of_pairs(inv, d)
            assert p is not None
            img = twins.act_set(p, A)
            assert img <= {tuple(map(twins.Fraction, b)) for b in B}
            images.add(img)
        assert len(images) == res["n"]  # one involution per distinct image
    else:
        assert res.get("n", 0) == 0


def test_image_count_lists_the_swap_of_the_candy_example():
    res = image_count(instance_from_sets([[1, 0, 0]], [[0, 1, 0], [0, 0, 1]], coordinates=E4[:3]))
    assert res["n"] == 2 and sorted(res["involutions"]) == [[[0, 1]], [[0, 2]]]
