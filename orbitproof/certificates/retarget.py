"""Certificates of retargetability on one orbit (P22 Def 3.5; docs/rules.md): the verifier's kind
``retargeting`` re-checks the permutations against the definition by enumerating the orbit."""

from __future__ import annotations

from typing import Any

from .. import verify as _verify
from ..core.errors import CertificateError
from .build import orbit_count_certificate

__all__ = ["retargeting_certificate"]


def retargeting_certificate(result: Any, *, sets: Any, reward: Any, note: str | None = None) -> dict:
    """Certificate for a :class:`~orbitproof.orbits.retarget.Retargeting` on vector sets.

    ``maximal`` is stated only when n equals the counting bound ⌊#(B>A)/#(A>B)⌋ (the verifier
    re-checks that); maximality found by exhaustive search is reported by the tool, not certified."""
    if result.n is None or not result.permutations:
        raise CertificateError("nothing to certify: no A > B element (every n works) or no permutation found")
    base = orbit_count_certificate((result.b_gt_a, result.a_gt_b, result.orbit_size - result.b_gt_a - result.a_gt_b,
                                    result.orbit_size), sets=sets, reward=reward, compare=result.compare,
                                   evidence=None)
    coords = base["instance"]["input"]["sets"]["coordinates"]
    out = {
        "counts": base["result"]["counts"],
        "n": result.n,
        "permutations": [[coords[p[i]] for i in range(len(coords))] for p in result.permutations],
    }
    if result.bound is not None and result.n == result.bound:
        out["maximal"] = "counting-bound"
    cert = {"format": _verify.FORMAT, "kind": "retargeting", "instance": base["instance"],
            "instance_digest": base["instance_digest"], "result": out}
    if note:
        cert["note"] = str(note)
    return cert
