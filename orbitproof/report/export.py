"""Tables of certificates (``orbitproof export``): CSV, LaTeX booktabs or JSON, one row per file.

Every number is read exactly from the certificate (counts are JSON integers, rewards ``"p/q"``
strings); the weak fraction ``#(B ≥ A)/|orbit| = (b_gt_a + tie)/orbit_size`` is a
:class:`~fractions.Fraction` written as ``p/q``.  Nothing here converts to float.

>>> rows = export_rows(["certificates/candy-gain-r01234.json"])      # doctest: +SKIP
>>> rows[0]["b_gt_a"], rows[0]["a_gt_b"], rows[0]["tie"], rows[0]["orbit_size"]   # doctest: +SKIP
(80, 40, 0, 120)
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from .tables import tex, tex_frac
from ..core.errors import CertificateError, FormatError, OrbitproofError
from ..core.exact import format_fraction

__all__ = ["COLUMNS", "load_certificate", "certificate_row", "export_rows", "to_csv", "to_latex",
           "to_json", "render"]

KINDS = ("orbit-count", "copies", "nd", "counterexample", "exhaustive")

#: Column order of the CSV / JSON rows.
COLUMNS = ["file", "kind", "environment", "state", "b", "a", "semantics", "compare", "reward",
           "b_gt_a", "a_gt_b", "tie", "orbit_size", "weak_fraction", "claim", "claim_n", "copies_n",
           "instances", "note"]


def load_certificate(path: str | Path) -> dict:
    """Read one certificate; :class:`FormatError` if unreadable / not JSON, :class:`CertificateError`
    if it is JSON but not an ``orbitproof-certificate/1`` object of a known kind."""
    from .. import verify

    try:
        cert = verify.load(str(path))
    except verify.Unreadable as exc:
        raise FormatError(f"{path}: {exc}") from None
    except verify.Invalid as exc:
        raise CertificateError(f"{path}: {exc}") from None
    if not isinstance(cert, dict) or cert.get("format") != verify.FORMAT:
        raise CertificateError(f"{path}: not an orbitproof certificate (no \"format\": \"{verify.FORMAT}\")")
    kind = cert.get("kind")
    if kind not in KINDS:
        raise CertificateError(f"{path}: unknown certificate kind {kind!r} (expected one of {', '.join(KINDS)})")
    if not isinstance(cert.get("instance"), dict) or not isinstance(cert.get("result"), dict):
        raise CertificateError(f"{path}: certificate without an \"instance\" and \"result\" object")
    return cert


def _environment_name(env: Any, note: str | None) -> str:
    """A catalog name when the embedded environment equals a catalog one (the note's first word or a
    simple catalog name), else ``"<k>-state environment"``."""
    from ..mdp import catalog
    from ..certificates.build import environment_json

    if not isinstance(env, Mapping):
        return ""
    candidates: list[str] = []
    if note and note.split():
        candidates.append(note.split()[0].rstrip(":,;"))  # "candy:", "terminal:m=2,n=51," ...
    candidates += [n for n in catalog.names() if ":" not in n]
    want = {"states": list(env.get("states", [])), "actions": env.get("actions")}
    for name in dict.fromkeys(candidates):
        try:
            got = environment_json(catalog.get(name))
        except (OrbitproofError, IndexError):
            continue
        if got == want:
            return catalog.get(name).name
    return f"{len(want['states'])}-state environment"


def _actions(x: Any) -> str:
    if isinstance(x, list):
        return ",".join(str(v) for v in x)
    return "" if x is None else str(x)


def _semantics_name(raw: Any) -> str:
    if raw is None:
        return ""
    from ..core.semantics import parse_semantics

    try:
        return parse_semantics(raw).name
    except OrbitproofError:
        return json.dumps(raw, sort_keys=True)


def _int(x: Any, path: str, field: str) -> int:
    if isinstance(x, bool) or not isinstance(x, int) or x < 0:
        raise CertificateError(f"{path}: result.counts.{field} must be a non-negative integer")
    return x


def certificate_row(cert: Mapping[str, Any], file: str = "") -> dict[str, Any]:
    """One export row (a dict keyed by :data:`COLUMNS`; absent fields are ``None``)."""
    inst, res = cert["instance"], cert["result"]
    inp = inst.get("input") or {}
    note = cert.get("note")
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update(file=file, kind=cert["kind"], note=note)
    if "sets" in inp:
        row["environment"] = "vector sets"
    elif "environment" in inp:
        row["environment"] = _environment_name(inp["environment"], note)
        row["state"] = inp.get("state")
    if cert["kind"] == "nd":
        row["a"] = _actions(inp.get("actions"))  # the actions whose options ND was taken over
    else:
        row["b"] = _actions(inp.get("b")) or None
        row["a"] = _actions(inp.get("a")) or None
    row["semantics"] = _semantics_name(inp.get("semantics")) or None
    row["compare"] = inst.get("compare")
    if isinstance(inst.get("reward"), list):
        row["reward"] = ",".join(str(v) for v in inst["reward"])
    counts = res.get("counts")
    if isinstance(counts, Mapping):
        vals = {k: _int(counts.get(k), file, k) for k in ("b_gt_a", "a_gt_b", "tie", "orbit_size")}
        if vals["orbit_size"] == 0 or vals["b_gt_a"] + vals["a_gt_b"] + vals["tie"] != vals["orbit_size"]:
            raise CertificateError(f"{file}: counts do not add up to orbit_size")
        row.update(vals)
        row["weak_fraction"] = Fraction(vals["b_gt_a"] + vals["tie"], vals["orbit_size"])
    claim = inst.get("claim")
    if isinstance(claim, Mapping):
        row["claim"] = claim.get("name")
        row["claim_n"] = claim.get("n")
    if cert["kind"] == "copies":
        row["copies_n"] = res.get("n")
    if cert["kind"] == "exhaustive":
        row["instances"] = res.get("instances")
    return row


def export_rows(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """Load every file and turn it into a row (the first bad file raises)."""
    rows = []
    for p in paths:
        rows.append(certificate_row(load_certificate(p), str(p)))
    if not rows:
        raise FormatError("no certificate file given")
    return rows


def _plain(v: Any) -> Any:
    if isinstance(v, Fraction):
        return format_fraction(v)
    return v


def to_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow(["" if r.get(c) is None else _plain(r.get(c)) for c in COLUMNS])
    return buf.getvalue()


def to_json(rows: Sequence[Mapping[str, Any]]) -> str:
    """A JSON list of objects (weak fraction as the string ``"p/q"``; counts as integers)."""
    return json.dumps([{c: _plain(r.get(c)) for c in COLUMNS} for r in rows], indent=2, ensure_ascii=False) + "\n"


_LATEX_HEAD = ["file", "kind", "environment", "state", "B vs A", "semantics", "reward", "$B>A$", "$A>B$",
               "tie", r"$|\mathrm{orbit}|$", "weak frac.", "claim", "copies $n$"]


def _short_reward(text: str | None, limit: int = 40) -> str:
    if not text:
        return ""
    return text if len(text) <= limit else text[:limit] + "…"


def to_latex(rows: Sequence[Mapping[str, Any]]) -> str:
    """One booktabs tabular (needs ``\\usepackage{booktabs}``); LaTeX specials escaped."""
    cols = "l" * 7 + "r" * 7
    lines = [r"\begin{tabular}{" + cols + "}", r"\toprule", " & ".join(_LATEX_HEAD) + r" \\", r"\midrule"]

    def num(v: Any) -> str:
        return "--" if v is None else str(v)

    for r in rows:
        bva = f"{r['b']} vs {r['a']}" if r.get("b") and r.get("a") else (r.get("a") or "")
        claim = ""
        if r.get("claim"):
            claim = f"{r['claim']}" + (f" (n = {r['claim_n']})" if r.get("claim_n") is not None else "")
        cells = [tex(Path(str(r["file"])).name), tex(r["kind"]), tex(r.get("environment") or "--"),
                 tex(r.get("state") or "--"), tex(bva or "--"), tex(r.get("semantics") or "--"),
                 tex(_short_reward(r.get("reward")) or "--"),
                 num(r.get("b_gt_a")), num(r.get("a_gt_b")), num(r.get("tie")), num(r.get("orbit_size")),
                 tex_frac(r.get("weak_fraction")), tex(claim or "--"), num(r.get("copies_n"))]
        lines.append(" & ".join(cells) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}", ""]
    return "\n".join(lines)


def render(rows: Sequence[Mapping[str, Any]], fmt: str) -> str:
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "latex":
        return to_latex(rows)
    if fmt == "json":
        return to_json(rows)
    raise FormatError(f"unknown export format {fmt!r} (csv, latex or json)")
