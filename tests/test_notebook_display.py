"""Results display in notebooks (``_repr_html_`` / ``_repr_latex_``) and serialise to JSON."""

from __future__ import annotations

import json

from orbitproof import count_orbit, find_copies


def test_orbit_count_displays_its_exact_counts():
    c = count_orbit([[0, 1, 0, 0, 0]], [[0, 0, 0, 1, 0], [0, 0, 0, 0, 1]], [1, 0, 0, 0, 0])
    assert c.counts == (2, 1, 2, 5)
    html, tex = c._repr_html_(), c._repr_latex_()
    assert "<table>" in html and "2/5" in html and "1/5" in html
    assert tex.startswith("$") and tex.endswith("$") and r"\tfrac{2}{5}" in tex and "= 5" in tex
    assert json.loads(c.to_json())["b_gt_a"] == 2
    assert "B>A=2" in repr(c)


def test_copies_result_displays_n_and_involutions():
    r = find_copies([[1, 0, 0]], [[0, 1, 0], [0, 0, 1]])  # plain lists, like count_orbit
    assert r.n == 2
    assert "(x1 x2)" in r._repr_html_() and "(x1 x3)" in r._repr_html_()
    assert r._repr_latex_().startswith("$n = 2")
    assert json.loads(r.to_json())["n"] == 2


def test_claim_verdicts_display_status_and_counts():
    from orbitproof.claims import check, check_family, instance_from_sets

    inst = instance_from_sets([[1, 0, 0, 0], [0, 0, 0, 1]], [[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])
    v = check("S2", inst, [0, 1, 2, 3])
    assert "status=fails" in repr(v) and "fails" in v._repr_html_() and v._repr_latex_().startswith("$")
    assert json.loads(v.to_json())["counts"]["b_gt_a"] == 12
    fv = check_family("S1", instance_from_sets([[1, 0, 0]], [[0, 1, 0], [0, 0, 1]]), "tie-patterns")
    assert "complete=True" in repr(fv) and json.loads(fv.to_json())["complete"] is True
