"""Exhaustive enumeration of P22 Conjecture D.13 instances with 0/1 vectors, up to the action of S_d
(docs/claims.md, "Exhaustive D.13 enumeration"; instance family ``d13-all``).

The family ``d13-all:d=D[,m=M][,nmax=K][,closed=0|1]`` is every instance (A, B, C) with

* A = {a_1, …, a_m}: m distinct non-zero 0/1 vectors of length d (singleton parts A_j = {a_j});
* for some n ≥ 1 (n ≤ nmax when given) and every j a family of n involutions φ_j1, …, φ_jn of the
  coordinates with pairwise different images φ_ji·a_j ≠ a_j, each fixing every other a_j' and every
  other image φ_ji'·a_j of its part (P22 Def A.7 per part, the per-part reading of D.13);
* B = the union of all images (no further vectors);
* C = A ∪ B (``closed=0``) or the closure of A ∪ B under the φ_ji (``closed=1``: the smallest
  choice set containing A ∪ B that every φ_ji fixes, so the family is C-invariant by construction),

listed once per S_d-orbit of (A, B, C).  Canonical form: the lexicographically smallest
(sorted A, sorted B, sorted C) of bit masks under all d! relabellings; the generator runs over the
canonical A's only and minimises B, C over the stabiliser of A (:func:`canonical_key` is the
definition, :func:`enumerate_reference` the brute-force twin over every A and every family).
The instances come in a fixed order (by m, then canonical key) and are produced lazily per A.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import combinations, permutations

__all__ = ["d13_instances", "d13_specs", "enumerate_reference", "canonical_key", "d13_counts"]


def _apply_mask(p: tuple[int, ...], mask: int, d: int) -> int:
    """The mask of φ·x for x = mask (row convention: coordinate i moves to p[i])."""
    out = 0
    for i in range(d):
        if mask >> i & 1:
            out |= 1 << p[i]
    return out


@lru_cache(maxsize=8)
def _perm_tables(d: int) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    perms = tuple(permutations(range(d)))
    return perms, tuple(tuple(_apply_mask(p, x, d) for x in range(1 << d)) for p in perms)


@lru_cache(maxsize=8)
def _involutions(d: int) -> tuple[tuple[int, ...], ...]:
    from ..claims.instance import involutions

    return tuple(involutions(d))


def _key_under(table: tuple[int, ...], A, B, C) -> tuple:
    return (tuple(sorted(table[x] for x in A)), tuple(sorted(table[x] for x in B)),
            tuple(sorted(table[x] for x in C)))


def canonical_key(d: int, A, B, C) -> tuple:
    """The definition: min over all d! relabellings of (sorted A, sorted B, sorted C) (bit masks)."""
    _, tables = _perm_tables(d)
    return min(_key_under(t, A, B, C) for t in tables)


def _canonical_As(d: int, m: int) -> list[tuple[tuple[int, ...], list[tuple[int, ...]]]]:
    """Canonical A's (sorted masks, minimal under S_d) with the tables of their stabilisers."""
    _, tables = _perm_tables(d)
    out = []
    for A in combinations(range(1, 1 << d), m):
        if min(tuple(sorted(t[x] for x in A)) for t in tables) != A:
            continue
        out.append((A, [t for t in tables if tuple(sorted(t[x] for x in A)) == A]))
    return out


def _part_families(d: int, A: tuple[int, ...], j: int, nmax: int | None) -> dict[int, list[tuple]]:
    """Per-part copy families for a_j: n → list of (involutions, images) (cliques of the cross
    condition among candidates with different images)."""
    a = A[j]
    others = [x for k, x in enumerate(A) if k != j]
    cands = []
    for p in _involutions(d):
        im = _apply_mask(p, a, d)
        if im == a or any(_apply_mask(p, o, d) != o for o in others):
            continue
        cands.append((p, im))
    ok = [[x[1] != y[1] and _apply_mask(x[0], y[1], d) == y[1] and _apply_mask(y[0], x[1], d) == x[1]
           for y in cands] for x in cands]
    out: dict[int, list[tuple]] = {}

    def rec(start: int, chosen: list[int]) -> None:
        if chosen:
            out.setdefault(len(chosen), []).append(
                (tuple(cands[k][0] for k in chosen), tuple(cands[k][1] for k in chosen)))
        if nmax is not None and len(chosen) >= nmax:
            return
        for k in range(start, len(cands)):
            if all(ok[k][c] for c in chosen):
                rec(k + 1, chosen + [k])

    rec(0, [])
    return out


def _closure(d: int, S: set[int], perms) -> frozenset[int]:
    C = set(S)
    grow = True
    while grow:
        grow = False
        for p in perms:
            img = {_apply_mask(p, x, d) for x in C}
            if not img <= C:
                C |= img
                grow = True
    return frozenset(C)


def _instances_for_A(d: int, A: tuple[int, ...], nmax: int | None, closed: bool) -> set[tuple]:
    """Every (B, C) for this A (as sets of masks), before canonicalisation."""
    fams = [_part_families(d, A, j, nmax) for j in range(len(A))]
    ns = set(fams[0])
    for f in fams[1:]:
        ns &= set(f)
    out = set()
    for n in sorted(ns):
        def rec(j: int, perms: tuple, images: frozenset) -> None:
            if j == len(A):
                B = images
                C = _closure(d, set(A) | B, perms) if closed else frozenset(A) | B
                out.add((B, C))
                return
            for ps, ims in fams[j][n]:
                rec(j + 1, perms + ps, images | frozenset(ims))

        rec(0, (), frozenset())
    return out


def d13_instances(d: int, m: int, nmax: int | None = None, closed: bool = False) -> Iterator[tuple]:
    """Canonical keys (A, B, C) of every instance of the family (see the module docstring), sorted
    within each canonical A; lazily, one A at a time."""
    for A, stab in _canonical_As(d, m):
        keys = set()
        for B, C in _instances_for_A(d, A, nmax, closed):
            keys.add(min(_key_under(t, A, B, C) for t in stab))
        yield from sorted(keys)


def enumerate_reference(d: int, m: int, nmax: int | None = None, closed: bool = False) -> set[tuple]:
    """The slow twin: every A (not only canonical ones), every family by brute force over subsets of
    involutions checked against the definition, canonical form over all of S_d."""
    invs = _involutions(d)
    out = set()
    for A in combinations(range(1, 1 << d), m):
        per_part: list[dict[int, list[tuple]]] = []
        for j, a in enumerate(A):
            fam: dict[int, list[tuple]] = {}
            good = [p for p in invs if _apply_mask(p, a, d) != a
                    and all(_apply_mask(p, o, d) == o for k, o in enumerate(A) if k != j)]
            for n in range(1, len(good) + 1):
                if nmax is not None and n > nmax:
                    break
                for sub in combinations(good, n):
                    ims = [_apply_mask(p, a, d) for p in sub]
                    if len(set(ims)) != n:
                        continue
                    if all(_apply_mask(p, ims[i2], d) == ims[i2] for i, p in enumerate(sub)
                           for i2 in range(n) if i2 != i):
                        fam.setdefault(n, []).append((sub, tuple(ims)))
            per_part.append(fam)
        ns = set(per_part[0])
        for f in per_part[1:]:
            ns &= set(f)
        for n in ns:
            def rec(j: int, perms: tuple, images: frozenset) -> None:
                if j == len(A):
                    C = _closure(d, set(A) | images, perms) if closed else frozenset(A) | images
                    out.add(canonical_key(d, A, images, C))
                    return
                for ps, ims in per_part[j][n]:
                    rec(j + 1, perms + ps, images | frozenset(ims))

            rec(0, (), frozenset())
    return out


def _vec(mask: int, d: int) -> list[str]:
    return ["1" if mask >> i & 1 else "0" for i in range(d)]


def d13_specs(d: int, ms: tuple[int, ...] = (1, 2, 3), nmax: int | None = None, closed: bool = False
              ) -> Iterator[dict]:
    """Instance specs (:func:`orbitproof.claims.instance_from_spec`) of the family, m in ``ms``."""
    k = 0
    for m in ms:
        for A, B, C in d13_instances(d, m, nmax, closed):
            sets = {"coordinates": [f"x{i + 1}" for i in range(d)], "A": [_vec(x, d) for x in A],
                    "B": [_vec(x, d) for x in B], "C": [_vec(x, d) for x in C]}
            yield {"label": f"d13-all d={d} m={m} #{k}", "source": {"sets": sets}, "params": {}}
            k += 1


def d13_counts(d: int, ms: tuple[int, ...] = (1, 2, 3), nmax: int | None = None, closed: bool = False
               ) -> dict[int, int]:
    """Number of instances per m."""
    return {m: sum(1 for _ in d13_instances(d, m, nmax, closed)) for m in ms}


# ----------------------------------------------------------------------------- checking readings
def restricted_faces(d: int, C: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """One reward per face of the sub-arrangement {z·r = 0} with z ranging over the S_d-orbits of
    the differences x − y (x, y ∈ C, 0/1 vectors), in the sorted cone: the rewards of
    :func:`orbitproof.claims.faces.face_rewards` with one (the first) per restricted face.  Complete
    for ratio claims on the instance: the outcome at σ·r depends only on the signs of
    (σ⁻¹x − σ⁻¹y)·r, so two rewards in one restricted face have the same counts over all of S_d, and
    the counts over distinct orbit elements differ only by the factor |Stab(r)| (docs/math.md §2.1),
    which leaves #(B>A) ≥ x·#(A>B) unchanged."""
    from ..claims.faces import arrangement_normals, face_rewards, face_signature

    types = set()
    for x in C:
        for y in C:
            if x != y:
                types.add((sum(1 for a, b in zip(x, y) if a > b), sum(1 for a, b in zip(x, y) if a < b)))
    normals = [z for z in arrangement_normals(d)
               if (sum(1 for v in z if v > 0), sum(1 for v in z if v < 0)) in types
               or (sum(1 for v in z if v < 0), sum(1 for v in z if v > 0)) in types]
    seen, out = set(), []
    for r in face_rewards(d):
        key = face_signature(r, normals)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def fast_counts01(A, B, C, r, compare: str) -> tuple[int, int, int, int]:
    """(B>A, A>B, tie, |orbit|) over the distinct permutations of r for 0/1 vectors (ints only);
    twin: :func:`orbitproof.claims.counting.reference_counts`."""
    from ..orbits.multiset import distinct_permutations

    idx = {v: [i for i, x in enumerate(v) if x] for v in set(A) | set(B) | set(C)}
    b = a = t = 0
    for p in distinct_permutations(tuple(r)):
        val = {v: sum(p[i] for i in ii) for v, ii in idx.items()}
        ma, mb = max(val[v] for v in A), max(val[v] for v in B)
        if compare == "max":
            s = (mb > ma) - (mb < ma)
        else:
            top = max(val[v] for v in C)
            if compare == "is-optimal":
                s = int(mb == top) - int(ma == top)
            else:
                nb, na = sum(1 for v in B if val[v] == top), sum(1 for v in A if val[v] == top)
                s = (nb > na) - (nb < na)
        if s > 0:
            b += 1
        elif s < 0:
            a += 1
        else:
            t += 1
    return (b, a, t, b + a + t)


def sampled_rewards(d: int, low: int = -3, high: int = 3) -> list[tuple[int, ...]]:
    """Every sorted reward with entries in {low..high} (a sample, not complete for d ≥ 4: see
    docs/claims.md)."""
    from itertools import combinations_with_replacement

    return list(combinations_with_replacement(range(low, high + 1), d))


def check_reading(claim: str, spec: dict, compare: str, rewards: list | None = None) -> dict:
    """Check the D.13 reading ``claim`` (F5 / F6 with a reading suffix) on one 0/1 instance over its
    complete reward family (:func:`restricted_faces`).  Under ``max`` the choice set is A ∪ B.
    With ``rewards`` (a sample, e.g. :func:`sampled_rewards`) those rewards are used instead and a
    run without failure has status ``holds`` (not ``proved``).
    Returns a JSON record: status (proved / holds / fails / hypotheses-not-met / hypotheses-undecided), x,
    the structure statement (verifier form) and, on failure, the first failing reward and counts."""
    from fractions import Fraction

    from ..certificates import hypothesis_statements
    from ..claims import get_claim, instance_from_spec

    sp = dict(spec)
    if compare == "max":
        sets = dict(sp["source"]["sets"])
        sets.pop("C", None)
        sp = dict(sp, source={"sets": sets})
    inst = instance_from_spec(sp)
    c = get_claim(claim)
    an = c.analyse(inst, {"compare": compare})
    rec: dict = {"claim": c.name, "compare": compare, "label": inst.label,
                 "x": None if an.x is None else str(an.x), "m": an.hypotheses.get("m"),
                 "n": an.hypotheses.get("n"), "maximal": an.hypotheses.get("copies_maximal", True)}
    if an.x is None or an.met is False:
        rec["status"] = "hypotheses-not-met"
        return rec
    if an.met is None:
        rec["status"] = "hypotheses-undecided"
        return rec
    A = [tuple(int(x) for x in v) for v in inst.vectors("A")]
    B = [tuple(int(x) for x in v) for v in inst.vectors("B")]
    C = [tuple(int(x) for x in v) for v in inst.vectors("C")] if compare != "max" else sorted(set(A) | set(B))
    rec["complete"] = rewards is None
    rewards = restricted_faces(inst.d, C) if rewards is None else rewards
    rec["rewards"] = len(rewards)
    rec["statement"] = hypothesis_statements(c.name, an)
    for r in rewards:
        cnt = fast_counts01(A, B, C, r, compare)
        if cnt[0] < an.x * cnt[1]:
            rec.update(status="fails", reward=list(r), counts=list(cnt))
            return rec
    rec["status"] = "proved" if rec["complete"] else "holds"
    rec["x"] = str(Fraction(an.x))
    return rec


def d13_family_certificate(claim: str, compare: str, members: list[tuple[dict, dict]], note: str) -> dict:
    """A ``d13-family`` certificate (orbitproof/verify.py): for each (spec, record) with status
    ``proved`` the instance, its D.13 structure statement and its complete reward list."""
    from ..verify import instance_digest, results_digest

    out, rows, total = [], [], 0
    for spec, rec in members:
        sets = spec["source"]["sets"]
        C = [tuple(int(x) for x in v) for v in sets["C"]] if compare != "max" else sorted(
            {tuple(int(x) for x in v) for v in sets["A"] + sets["B"]})
        A = [tuple(int(x) for x in v) for v in sets["A"]]
        B = [tuple(int(x) for x in v) for v in sets["B"]]
        d = len(sets["coordinates"])
        rewards = restricted_faces(d, C)
        mem = {"A": sets["A"], "B": sets["B"], "coordinates": sets["coordinates"], "hypotheses": rec["statement"],
               "rewards": [list(r) for r in rewards]}
        if compare != "max":
            mem["C"] = sets["C"]
        out.append(mem)
        st = rec["statement"][0]
        from fractions import Fraction

        n = Fraction(len(st["involutions"][0]), len(st["parts"]))
        counts = [list(fast_counts01(A, B, C, r, compare)) for r in rewards]
        total += len(rewards)
        rows.append([n, counts])
    inst = {"claim": {"name": "scaling"}, "compare": compare, "coordinates": ["x1"], "members": out}
    cert = {"format": "orbitproof-certificate/1", "kind": "d13-family", "instance": inst,
            "instance_digest": instance_digest(inst), "note": note,
            "result": {"members": len(out), "rewards": total, "results_digest": ""}}
    from ..core.exact import format_fraction

    cert["result"]["results_digest"] = results_digest([[format_fraction(n), counts] for n, counts in rows])
    return cert
