"""Structure tests behind the claims' hypotheses (docs/math.md §3, §9.3): unit structure, disjoint
blocks, the copy families of P22 Conjecture D.13 and "images without the cross condition".

Brute force over involutions is used where the dimension is small (d ≤ 8); every function returns
plain data (ints, bools, lists) so that results are JSON-describable.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import permutations

from .instance import Instance, apply_involution, involutions

__all__ = ["unit_structure", "unit_coordinates", "block_structure", "d13_structure", "image_count", "nd_count",
           "check_d13_family", "INVOLUTION_LIMIT_D", "D13_BUDGET",
           "max_cross_family"]

INVOLUTION_LIMIT_D = 8


def _unit_index(v) -> tuple[int, Fraction] | None:
    nz = [(i, x) for i, x in enumerate(v) if x != 0]
    if len(nz) == 1 and nz[0][1] > 0:
        return nz[0]
    return None


def unit_structure(inst: Instance) -> dict:
    """The "unit case" of §9.3: A = {c·e_i : i ∈ S_A}, B ⊇ {c·e_j : j ∈ S_B}, S_A ∩ S_B = ∅, every
    vector of E = C ∖ (A ∪ B) invariant under permutations of S_A ∪ S_B (constant there).

    Returns ``{"ok": bool, "m", "n", "extras", "reason"}`` (n = number of unit vectors of B with the
    same coefficient c; extras = other vectors of B)."""
    if inst.layered:
        return {"ok": False, "reason": "layered (Blackwell) options are not unit vectors"}
    A, B, C = inst.vectors("A"), inst.vectors("B"), inst.vectors("C")
    ua = [_unit_index(v) for v in A]
    if any(u is None for u in ua):
        return {"ok": False, "reason": "some option of A is not a positive multiple of a unit vector"}
    coefs = {c for _, c in ua}
    if len(coefs) != 1:
        return {"ok": False, "reason": "A's unit vectors have different coefficients"}
    c = coefs.pop()
    sa = {i for i, _ in ua}
    units_b = [v for v in B if (u := _unit_index(v)) is not None and u[1] == c]
    sb = {_unit_index(v)[0] for v in units_b}
    extras = len(B) - len(units_b)
    if sa & sb:
        return {"ok": False, "reason": "A and B share unit vectors (S_A ∩ S_B ≠ ∅)"}
    S = sorted(sa | sb)
    E = C - A - B
    for v in E:
        if len({v[i] for i in S}) > 1:
            return {"ok": False, "reason": "a vector of E = C ∖ (A ∪ B) is not invariant under permutations of S_A ∪ S_B"}
    return {"ok": True, "m": len(sa), "n": len(sb), "extras": extras, "reason": "unit case"}


def unit_coordinates(inst: Instance) -> tuple[list[int], list[int]]:
    """(S_A, S_B) of the unit case (sorted coordinate indices); call only when
    :func:`unit_structure` is ok."""
    A, B = inst.vectors("A"), inst.vectors("B")
    ua = [_unit_index(v) for v in A]
    c = ua[0][1]
    sb = sorted(u[0] for v in B if (u := _unit_index(v)) is not None and u[1] == c)
    return sorted(i for i, _ in ua), sb


def _components(vectors) -> list[frozenset]:
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for v in vectors:
        s = [i for i, x in enumerate(v) if x != 0]
        for i in s:
            find(i)
        for i in s[1:]:
            parent[find(i)] = find(s[0])
    groups: dict[int, set] = {}
    for i in list(parent):
        groups.setdefault(find(i), set()).add(i)
    return [frozenset(g) for g in groups.values()]


def _restrict(vectors, block) -> frozenset:
    return frozenset(v for v in vectors if any(v[i] != 0 for i in block))


def _similar(X: frozenset, bx: list[int], Y: frozenset, by: list[int]) -> list[int] | None:
    """A bijection bx → by carrying X onto Y (vectors supported in the blocks), or None."""
    if len(bx) != len(by) or len(X) != len(Y):
        return None
    for img in permutations(by):
        m = dict(zip(bx, img))
        mapped = set()
        for v in X:
            w = [Fraction(0)] * len(v)
            for i in bx:
                w[m[i]] = v[i]
            mapped.add(tuple(w))
        if mapped == Y:
            return list(img)
    return None


def block_structure(inst: Instance) -> dict:
    """§9.3 F4: A = m disjoint-support copies of one set U, B ⊇ n disjoint-support copies of U
    (blocks = connected components of the supports), E = C ∖ (A ∪ B) invariant under exchanging
    blocks (checked on the block bijections found)."""
    if inst.layered:
        return {"ok": False, "reason": "layered options"}
    A, B, C = inst.vectors("A"), inst.vectors("B"), inst.vectors("C")
    if any(all(x == 0 for x in v) for v in A | B):
        return {"ok": False, "reason": "a zero vector in A or B"}
    comps = _components(A | B)
    a_blocks = [k for k in comps if _restrict(A, k)]
    b_blocks = [k for k in comps if _restrict(B, k)]
    if set(a_blocks) & set(b_blocks):
        return {"ok": False, "reason": "A and B share a block"}
    if not a_blocks:
        return {"ok": False, "reason": "A is empty"}
    u_block = sorted(a_blocks[0])
    U = _restrict(A, a_blocks[0])
    maps = []
    for k in a_blocks:
        m = _similar(U, u_block, _restrict(A, k), sorted(k))
        if m is None:
            return {"ok": False, "reason": "the blocks of A are not all copies of one set U"}
        maps.append((sorted(k), m))
    n = 0
    for k in b_blocks:
        m = _similar(U, u_block, _restrict(B, k), sorted(k))
        if m is not None:
            n += 1
            maps.append((sorted(k), m))
    E = C - A - B
    for v in E:
        vals = {tuple(v[i] for i in m) for _, m in maps}
        if len(vals) > 1:
            return {"ok": False, "reason": "E is not invariant under exchanging the blocks"}
    return {"ok": n >= 1, "m": len(a_blocks), "n": n, "block_size": len(u_block),
            "a_blocks": [list(m) for _, m in maps[:len(a_blocks)]],
            "b_blocks": [list(m) for _, m in maps[len(a_blocks):]],
            "reason": "disjoint-support blocks" if n else "B contains no copy of U"}


def nd_count(vectors) -> int:
    from ..mdp import nondominated

    return len(nondominated(list(vectors)).nd_vectors)


def image_count(inst: Instance) -> dict:
    """§9.3 F8: the number of distinct images φ·A ⊆ B over all involutions φ (no cross condition),
    and whether a family of that many images also satisfies φ_i·B_j = B_j (the theorem's condition)."""
    if inst.layered or inst.d > INVOLUTION_LIMIT_D:
        return {"ok": False, "reason": f"needs depth-1 vectors and d ≤ {INVOLUTION_LIMIT_D}"}
    A, B = inst.vectors("A"), inst.vectors("B")
    imgs: dict[frozenset, list] = {}
    for p in involutions(inst.d):
        im = apply_involution(p, A)
        if im <= B:
            imgs.setdefault(im, []).append(p)
    n = len(imgs)
    cross = _cross_family_exists(imgs, n) if n else False
    return {"ok": n >= 1, "n": n, "cross_condition": cross, "images": len(imgs),
            "involutions": [[[i, j] for i, j in enumerate(ps[0]) if i < j] for ps in imgs.values()],
            "reason": f"{n} distinct image(s) of A inside B"}


def _cross_family_exists(imgs: dict, n: int) -> bool:
    """Is there a choice φ_i for each of the n images with φ_i·B_j = B_j for j ≠ i?"""
    keys = list(imgs)
    if n > 8:
        return False

    def rec(i: int, chosen: list) -> bool:
        if i == len(keys):
            return True
        for p in imgs[keys[i]][:20]:
            if all(apply_involution(p, keys[j]) == keys[j] for j in range(i)) and \
                    all(apply_involution(q, keys[i]) == keys[i] for q in chosen):
                if rec(i + 1, chosen + [p]):
                    return True
        return False

    return rec(0, [])


def check_d13_family(inst: Instance, parts: list[frozenset], fams: list[list[tuple[int, ...]]],
                     require_c: bool) -> tuple[bool, str]:
    """Verify a D.13 structure literally: A = ∪ parts; for each j the involutions fams[j] give copies
    B_{ji} = φ_{ji}·A_j ⊆ B with φ_{ji}·B_{ji'} = B_{ji'} (i' ≠ i) and φ_{ji}·A_{j'} = A_{j'} (j' ≠ j);
    if ``require_c`` also φ_{ji}·C = C."""
    A, B, C = inst.vectors("A"), inst.vectors("B"), inst.vectors("C")
    if frozenset().union(*parts) != A:
        return False, "the parts do not cover A"
    ns = {len(f) for f in fams}
    if len(ns) != 1 or 0 in ns:
        return False, "every part needs the same number n ≥ 1 of copies"
    for j, (Aj, fam) in enumerate(zip(parts, fams)):
        images = [apply_involution(p, Aj) for p in fam]
        for i, (p, im) in enumerate(zip(fam, images)):
            if any(p[p[k]] != k for k in range(len(p))):
                return False, f"φ_{j + 1},{i + 1} is not an involution"
            if not im <= B:
                return False, f"φ_{j + 1},{i + 1}·A_{j + 1} ⊄ B"
            for i2, im2 in enumerate(images):
                if i2 != i and apply_involution(p, im2) != im2:
                    return False, f"φ_{j + 1},{i + 1} moves the copy B_{i2 + 1}"
            for j2, Aj2 in enumerate(parts):
                if j2 != j and apply_involution(p, Aj2) != Aj2:
                    return False, f"φ_{j + 1},{i + 1} moves A_{j2 + 1}"
            if require_c and apply_involution(p, C) != C:
                return False, f"φ_{j + 1},{i + 1} does not fix C"
    return True, "D.13 structure verified"


D13_BUDGET = 200_000
"""Search nodes per copy-family search in :func:`d13_structure` (beyond it the result is a lower
bound and says ``maximal: False``)."""


def _set_partitions(items: list) -> list[list[list]]:
    """Every set partition of ``items`` (Bell(k) of them), in a fixed order (singletons first)."""
    if not items:
        return [[]]
    first, rest = items[0], items[1:]
    out = []
    for p in _set_partitions(rest):
        out.append([[first]] + p)
        for k in range(len(p)):
            out.append(p[:k] + [[first] + p[k]] + p[k + 1:])
    return out


def _part_candidates(p_list, Aj, parts, j, B, C, require_c) -> list:
    cands = []
    for p in p_list:
        im = apply_involution(p, Aj)
        if not im <= B or im == Aj:
            continue
        if any(apply_involution(p, parts[j2]) != parts[j2] for j2 in range(len(parts)) if j2 != j):
            continue
        if require_c and apply_involution(p, C) != C:
            continue
        cands.append((p, im))
    return cands


def _per_part(parts, invs, B, C, require_c, budget) -> tuple[list, bool]:
    fams, exact = [], True
    for j, Aj in enumerate(parts):
        fam, ex = max_cross_family(_part_candidates(invs, Aj, parts, j, B, C, require_c), budget)
        fams.append(fam)
        exact = exact and ex
    return fams, exact


def _shared(parts, invs, B, C, require_c, budget) -> tuple[list, bool]:
    """The shared reading: copies B_1, …, B_n ⊆ B serving *every* part, B_i = φ_ji·A_j for all j,
    with φ_ji fixing every B_i' (i' ≠ i) and every A_j' (j' ≠ j) (and C when required)."""
    per = [_part_candidates(invs, Aj, parts, j, B, C, require_c) for j, Aj in enumerate(parts)]
    images = sorted({im for _, im in per[0]} if per else set(), key=lambda s: sorted(s))
    images = [im for im in images if all(any(x == im for _, x in pj) for pj in per)]
    best: list = []
    nodes = [0]
    exact = [True]

    def choose(chosen: list) -> list | None:
        """For every part j and copy i an involution mapping A_j onto chosen[i] fixing the others."""
        out = []
        for pj in per:
            row = []
            for i, im in enumerate(chosen):
                others = [chosen[k] for k in range(len(chosen)) if k != i]
                ph = next((p for p, x in pj if x == im and all(apply_involution(p, o) == o for o in others)), None)
                if ph is None:
                    return None
                row.append(ph)
            out.append(row)
        return out

    def rec(start: int, chosen: list) -> None:
        nonlocal best
        nodes[0] += 1
        if nodes[0] > budget:
            exact[0] = False
            return
        if len(chosen) > len(best[0]) if best else bool(chosen):
            fam = choose(chosen)
            if fam is not None:
                best = [list(chosen), fam]
        for k in range(start, len(images)):
            if len(chosen) + len(images) - k <= (len(best[0]) if best else 0):
                break
            if choose(chosen + [images[k]]) is not None:
                rec(k + 1, chosen + [images[k]])

    rec(0, [])
    if not best:
        return [[] for _ in parts], exact[0]
    return best[1], exact[0]


def d13_structure(inst: Instance, require_c: bool, *, shared: bool = False, any_parts: bool = False,
                  budget: int = D13_BUDGET) -> dict:
    """The D.13 structure of docs/math.md §9.2 on ``inst``.

    Readings: ``shared`` — the same copies B_1, …, B_n serve every part (the sources' literal wording)
    instead of per-part copies B_j1, …, B_jn; ``any_parts`` — A may be split into parts of any size
    (every set partition of A is tried; the result is the partition with the largest n/m, the most
    demanding threshold) instead of singleton parts A_j = {a_j}; ``require_c`` — every φ_ji fixes C.
    Copies are found by an exact search with a node budget per family (``budget``); when a budget
    stops it the result says ``maximal: False`` (n is then a lower bound: the structure found is
    still a valid one, with a smaller threshold).  With ``params["d13"]`` the given structure is
    verified instead.  n = the smallest per-part number of copies."""
    if inst.layered or inst.d > INVOLUTION_LIMIT_D:
        return {"ok": False, "reason": f"needs depth-1 vectors and d ≤ {INVOLUTION_LIMIT_D}"}
    A, B, C = inst.vectors("A"), inst.vectors("B"), inst.vectors("C")
    given = inst.params.get("d13")
    if given:
        parts = [frozenset(tuple(Fraction(x) for x in v) for v in part) for part in given["parts"]]
        fams = []
        for fam in given["involutions"]:
            fl = []
            for pairs in fam:
                p = list(range(inst.d))
                for i, j in pairs:
                    p[i], p[j] = j, i
                fl.append(tuple(p))
            fams.append(fl)
        ok, why = check_d13_family(inst, parts, fams, require_c)
        if ok and shared and len({frozenset(apply_involution(p, Aj) for p in f)
                                  for Aj, f in zip(parts, fams)}) != 1:
            ok, why = False, "the parts do not share their copies (shared reading)"
        n = len(fams[0]) if fams else 0
        return {"ok": ok, "m": len(parts), "n": n, "reason": why, "given": True, "maximal": True,
                "parts": [sorted(part) for part in parts],
                "families": [[[[i, j] for i, j in enumerate(p) if i < j] for p in f] for f in fams]}
    invs = involutions(inst.d)
    partitions = _set_partitions(sorted(A)) if any_parts else [[[a] for a in sorted(A)]]
    best = None
    maximal = True
    for partition in partitions:
        parts = [frozenset(p) for p in partition]
        if shared:
            fams, exact = _shared(parts, invs, B, C, require_c, budget)
        else:
            fams, exact = _per_part(parts, invs, B, C, require_c, budget)
        maximal = maximal and exact
        ns = [len(f) for f in fams]
        n = min(ns) if ns else 0
        key = Fraction(n, len(parts)) if parts else Fraction(0)
        if best is None or key > best[0]:
            best = (key, parts, fams, ns, n)
    _, parts, fams, ns, n = best
    how = ("shared copies" if shared else "per-part copies") + " of " + (
        "the parts of the best set partition" if any_parts else "singleton parts")
    return {"ok": n >= 1, "m": len(parts), "n": n, "per_part": ns, "maximal": maximal,
            "parts": [sorted(part) for part in parts],
            "families": [[[[i, j] for i, j in enumerate(p) if i < j] for p in f[:n]] for f in fams],
            "reason": f"{how} (brute force over involutions"
                      + ("" if maximal else f"; node budget {budget} reached: n is a lower bound") + ")",
            "given": False}


def max_cross_family(cands: list, budget: int = D13_BUDGET) -> tuple[list, bool]:
    """``(family, exact)``: a largest family of candidates (involution, image) with distinct images
    and the cross condition φ_x·B_y = B_y, by depth-first search in candidate order (the first
    largest family found is returned; any subfamily is again such a family).  The search visits at
    most ``budget`` nodes; ``exact`` is False when it stopped early (the family is then only the
    largest found).  Replaces an earlier version that silently kept only the first 40 candidates;
    on ≤ 40 candidates within the budget it returns the same family."""
    best: list = []
    nodes = 0
    exact = True

    def ok(x, y) -> bool:
        return x[1] != y[1] and apply_involution(x[0], y[1]) == y[1] and apply_involution(y[0], x[1]) == x[1]

    def rec(start: int, chosen: list) -> None:
        nonlocal best, nodes, exact
        nodes += 1
        if nodes > budget:
            exact = False
            return
        if len(chosen) > len(best):
            best = list(chosen)
        for k in range(start, len(cands)):
            if len(chosen) + len(cands) - k <= len(best):
                return  # cannot beat the best family: pruning keeps the first largest family found
            if not exact:
                return
            if all(ok(cands[k], c) for c in chosen):
                rec(k + 1, chosen + [cands[k]])

    rec(0, [])
    return [p for p, _ in best], exact
