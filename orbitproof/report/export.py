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

from .tables import latex_table, parse_columns, tex, tex_frac, tex_number, tex_semantics
from ..core.errors import CertificateError, FormatError, OrbitproofError
from ..core.exact import format_fraction

__all__ = ["COLUMNS", "LATEX_COLUMNS", "LATEX_DEFAULT", "load_certificate", "certificate_row", "export_rows", "to_csv", "to_latex",
           "to_json", "render"]


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
    if kind not in verify.KINDS:
        raise CertificateError(f"{path}: unknown certificate kind {kind!r} (expected one of {', '.join(verify.KINDS)})")
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
    for word in (note or "").split():
        # "candy:", "terminal:m=2,n=51,", "terminal:m=2,n=5:start:die<live@1/2" -> each ":"-prefix
        parts = word.strip("()[]{}.,;'\"").split(":")
        for k in range(len(parts), 0, -1):
            cand = ":".join(parts[:k]).rstrip(":,;")
            if cand and (k > 1 or cand in catalog.names()):
                candidates.append(cand)
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
    elif row["claim_n"] is not None:
        # a claim "with n copies" (scaling, weak-fraction, ...): its n is the copies column
        n = row["claim_n"]
        row["copies_n"] = int(n) if isinstance(n, str) and n.isdigit() else n
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


def to_csv(rows: Sequence[Mapping[str, Any]], columns: str | Sequence[str] | None = None) -> str:
    """CSV with every digit of every count (``columns`` selects and orders, default :data:`COLUMNS`)."""
    cols = parse_columns(columns, COLUMNS, COLUMNS)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow(["" if r.get(c) is None else _plain(r.get(c)) for c in cols])
    return buf.getvalue()


def to_json(rows: Sequence[Mapping[str, Any]], columns: str | Sequence[str] | None = None) -> str:
    """A JSON list of objects (weak fraction as the string ``"p/q"``; counts as exact integers)."""
    cols = parse_columns(columns, COLUMNS, COLUMNS)
    return json.dumps([{c: _plain(r.get(c)) for c in cols} for r in rows], indent=2, ensure_ascii=False) + "\n"


def _b_vs_a(r: Mapping[str, Any]) -> str:
    return f"{r['b']} vs {r['a']}" if r.get("b") and r.get("a") else (r.get("a") or "")


def _claim(r: Mapping[str, Any]) -> str:
    return str(r["claim"]) if r.get("claim") else ""


#: LaTeX columns: key -> (head, alignment, cell).  Keys are :data:`COLUMNS` plus ``b_vs_a``.
LATEX_COLUMNS: dict[str, tuple[str, str, Any]] = {
    "file": ("file", "l", lambda r: tex(Path(str(r["file"])).name)),
    "kind": ("kind", "l", lambda r: tex(r["kind"])),
    "environment": ("env.", "l", lambda r: tex(r.get("environment") or "--")),
    "state": ("state", "l", lambda r: tex(r.get("state") or "--")),
    "b_vs_a": ("$B$ vs $A$", "l", lambda r: tex(_b_vs_a(r) or "--")),
    "b": ("$B$", "l", lambda r: tex(r.get("b") or "--")),
    "a": ("$A$", "l", lambda r: tex(r.get("a") or "--")),
    "semantics": ("sem.", "l", lambda r: tex_semantics(r.get("semantics"))),
    "compare": ("rule", "l", lambda r: tex(r.get("compare") or "--")),
    "reward": ("reward $r$", "l", lambda r: tex(_short_reward(r.get("reward")) or "--")),
    "b_gt_a": ("$B{>}A$", "r", lambda r: tex_number(r.get("b_gt_a"))),
    "a_gt_b": ("$A{>}B$", "r", lambda r: tex_number(r.get("a_gt_b"))),
    "tie": ("tie", "r", lambda r: tex_number(r.get("tie"))),
    "orbit_size": (r"$|\mathrm{orbit}|$", "r", lambda r: tex_number(r.get("orbit_size"))),
    "weak_fraction": (r"$\frac{\#(B\geq A)}{|\mathrm{orbit}|}$", "r", lambda r: tex_frac(r.get("weak_fraction"))),
    "claim": ("claim", "l", lambda r: tex(_claim(r) or "--")),
    "claim_n": ("claim $n$", "r", lambda r: tex_number(r.get("claim_n"))),
    "copies_n": ("$n$", "r", lambda r: tex_number(r.get("copies_n"))),
    "instances": ("inst.", "r", lambda r: tex_number(r.get("instances"))),
    "note": ("note", "l", lambda r: tex(r.get("note") or "")),
}
#: Default LaTeX columns: they fit \columnwidth of a two-column paper.
#: Without an ``environment`` column, the environment heads each group of rows.
LATEX_DEFAULT = ["b_vs_a", "semantics", "b_gt_a", "a_gt_b", "weak_fraction", "copies_n"]


def _short_reward(text: str | None, limit: int = 16) -> str:
    if not text:
        return ""
    return text if len(text) <= limit else text[:limit] + "…"


def to_latex(rows: Sequence[Mapping[str, Any]], columns: str | Sequence[str] | None = None, *,
             caption: str | None = None, label: str = "tab:orbitproof-certificates") -> str:
    """A ``table`` float with caption and label (needs ``\\usepackage{booktabs}``); LaTeX specials
    escaped, semantics typeset, long counts in scientific form (the CSV and JSON keep exact values)."""
    cols = parse_columns(columns, list(LATEX_COLUMNS), LATEX_DEFAULT)
    head = [LATEX_COLUMNS[c][0] for c in cols]
    align = "".join(LATEX_COLUMNS[c][1] for c in cols)
    grouped: dict[str | None, list[list[str]]] = {}
    for r in rows:
        title = None if "environment" in cols else f"\\emph{{{tex(r.get('environment') or r['kind'])}}}"
        grouped.setdefault(title, []).append([LATEX_COLUMNS[c][2](r) for c in cols])
    if caption is None:
        caption = ("Exact orbit counts, re-checked by the verifier of orbitproof. $n$: copies of $A$ in $B$ "
                   "(or the $n$ of the claim). Counts with more than six digits are rounded; the CSV and JSON "
                   "exports keep exact values.")
    return latex_table(head, align, list(grouped.items()), caption=caption, label=label)


def render(rows: Sequence[Mapping[str, Any]], fmt: str, columns: str | Sequence[str] | None = None) -> str:
    """``fmt`` is csv, latex or json; ``columns`` (``"a,b,c"`` or a list) selects and orders columns."""
    if fmt == "csv":
        return to_csv(rows, columns)
    if fmt == "latex":
        return to_latex(rows, columns)
    if fmt == "json":
        return to_json(rows, columns)
    raise FormatError(f"unknown export format {fmt!r} (csv, latex or json)")
