"""Checkpointed, resumable, executor-agnostic search over an instance family.

Layout of the output directory::

    meta.json          the search's arguments (a resume must match them exactly)
    done.jsonl         append-only checkpoint: one line {"i": index, "r": record} per finished
                       instance, flushed and fsync'ed; a torn last line (kill -9) is ignored
    results.jsonl      final records in instance order (written atomically at the end)
    summary.json       counts per status, counterexample indices, family completeness
    certificates/      one certificate per counterexample (cex-<index>.json)

Every record is a deterministic function of (claim, params, reward family, instance index), and
the final files are built from the checkpoint in index order, truncated after the
``stop_after``-th counterexample (in index order), so the output does not depend on the executor,
on the chunking or on interruptions.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import FormatError, OrbitproofError
from ..core.limits import DEFAULT_MAX_FAMILY, DEFAULT_MAX_REWARDS
from ..core.progress import Progress
from .families import parse_instance_family

__all__ = ["SearchResult", "SearchPlan", "plan_search", "run_search", "evaluate_spec", "load_checkpoint"]


@dataclass(frozen=True)
class SearchPlan:
    """A search's instance family, checked before any work: the family's generator estimate is
    within ``max_family`` and the reward family's size within ``max_rewards`` (docs/limits.md)."""

    family: Any
    limit: int | None
    max_rewards: int | None
    estimate: int


def plan_search(claim: str, family: str, *, rewards: str = "tie-patterns", params: Mapping | None = None,
                limit: int | None = None, max_family: int = DEFAULT_MAX_FAMILY,
                max_rewards: int | None = DEFAULT_MAX_REWARDS) -> SearchPlan:
    """Parse and estimate everything a search needs before it starts; one clear error otherwise."""
    from ..claims import get_claim, parse_family

    get_claim(claim)
    parse_family(rewards)
    if limit is not None and limit < 1:
        raise FormatError(f"--limit must be at least 1, got {limit}")
    fam = parse_instance_family(family)
    est = fam.check_size(limit, max_family)
    return SearchPlan(fam, limit, max_rewards, est)


def evaluate_spec(claim: str, params: Mapping, rewards: str, spec: Mapping,
                  max_rewards: int | None = DEFAULT_MAX_REWARDS) -> dict:
    """The record of one instance: the family verdict (or an error message), plus its spec.  A
    reward family larger than ``max_rewards`` for this instance is an error record (nothing run)."""
    from ..claims import check_family, instance_from_spec, parse_family

    try:
        inst = instance_from_spec(spec)
        fam = parse_family(rewards).with_limit(max_rewards)
        fam.check_size(inst.d)
        fv = check_family(claim, inst, fam, params)
        rec = fv.to_dict()
    except OrbitproofError as exc:
        rec = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
    rec["spec"] = dict(spec)
    return rec


def _spec_dimension(spec: Mapping) -> int | None:
    """The number of coordinates of a spec's instance, read from the spec (nothing built)."""
    src = spec.get("source") if isinstance(spec, Mapping) else None
    if not isinstance(src, Mapping):
        return None
    if isinstance(src.get("sets"), Mapping):
        sets = src["sets"]
        if isinstance(sets.get("coordinates"), list):
            return len(sets["coordinates"])
        A = sets.get("A")
        return len(A[0]) if isinstance(A, list) and A and isinstance(A[0], list) else None
    env = src.get("environment")
    if isinstance(env, Mapping) and isinstance(env.get("states"), list):
        return len(env["states"])
    return None


def _run_chunk(claim: str, params: dict, rewards: str, items: list,
               max_rewards: int | None = DEFAULT_MAX_REWARDS) -> list:
    return [(i, evaluate_spec(claim, params, rewards, spec, max_rewards)) for i, spec in items]


def _dumps(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def load_checkpoint(path: Path) -> dict[int, dict]:
    """Finished records by index (first occurrence wins; a torn trailing line is skipped)."""
    done: dict[int, dict] = {}
    if not path.exists():
        return done
    with open(path, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break  # torn write at the end (killed mid-line)
            try:
                obj = json.loads(raw)
            except ValueError:
                continue
            done.setdefault(int(obj["i"]), obj["r"])
    return done


def _truncate_torn_tail(path: Path) -> None:
    if not path.exists():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        keep = data.rfind(b"\n") + 1
        with open(path, "r+b") as fh:
            fh.truncate(keep)
            fh.flush()
            os.fsync(fh.fileno())


@dataclass
class SearchResult:
    out: Path
    total: int
    records: list[dict]
    summary: dict


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="ascii") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def run_search(claim: str, family: "str | SearchPlan", *, rewards: str = "tie-patterns", params: Mapping | None = None,
               out: str | Path, resume: bool = False, executor: Executor | None = None, chunk: int = 8,
               stop_after: int = 1, certificates: bool = True, progress: bool = False,
               workers_hint: int = 1, limit: int | None = None) -> SearchResult:
    """Check ``claim`` on every instance of ``family`` (see :mod:`.families`) over the reward family
    ``rewards``; ``stop_after`` = 0 collects every counterexample, k > 0 stops after the k-th
    (instance order).  ``limit`` keeps only the first instances of the family, which is generated
    lazily (the rest is never built).  ``family`` may be a :class:`SearchPlan` from
    :func:`plan_search`; a family string is planned here with the default limits."""
    from itertools import islice

    plan = family if isinstance(family, SearchPlan) else plan_search(
        claim, family, rewards=rewards, params=params, limit=limit)
    if limit is None:
        limit = plan.limit
    fam = plan.family
    max_rewards = plan.max_rewards
    params = {k: v for k, v in dict(params or {}).items() if v is not None}
    if chunk < 1:
        raise FormatError("chunk must be ≥ 1")
    if stop_after < 0:
        raise FormatError("stop_after must be ≥ 0")
    specs = (list(islice(fam.iter_specs(), min(limit, sys.maxsize))) if limit is not None  # islice takes ≤ maxsize
             else fam.specs())
    total = len(specs)
    dims = [d for d in map(_spec_dimension, specs) if d is not None]
    if dims:  # the reward family's size at the largest instance, before any instance runs
        from ..claims import parse_family

        parse_family(rewards).with_limit(max_rewards).check_size(max(dims))
    out = Path(out)
    meta = {"claim": claim, "family": fam.name, "rewards": str(rewards), "params": params,
            "stop_after": stop_after, "instances": total, "format": "orbitproof-search/1"}
    ck = out / "done.jsonl"
    if out.exists() and (out / "meta.json").exists():
        old = json.loads((out / "meta.json").read_text())
        if not resume:
            raise FormatError(f"{out} already holds a search; pass --resume to continue it or use a new directory")
        if old != meta:
            raise FormatError(f"{out} holds a different search ({old.get('claim')} on {old.get('family')}); "
                              "resume needs the same arguments")
    else:
        out.mkdir(parents=True, exist_ok=True)
        _atomic_write(out / "meta.json", json.dumps(meta, indent=2, sort_keys=True) + "\n")
    _truncate_torn_tail(ck)
    done = load_checkpoint(ck)

    def stop_index() -> int | None:
        """Index of the stop_after-th counterexample if the prefix up to it is complete."""
        if stop_after <= 0:
            return None
        k = 0
        for i in range(total):
            if i not in done:
                return None
            if done[i].get("status") == "fails":
                k += 1
                if k >= stop_after:
                    return i
        return None

    todo = [i for i in range(total) if i not in done]
    chunks = [todo[k:k + chunk] for k in range(0, len(todo), chunk)]
    bar = Progress(total=total, label=f"search {claim} on {fam.name}", quiet=not progress)
    bar.advance(len(done))
    with open(ck, "a", encoding="ascii") as fh, bar:
        def commit(results: list) -> None:
            for i, rec in results:
                if i in done:
                    continue
                done[i] = rec
                fh.write(_dumps({"i": i, "r": rec}) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
            bar.advance(len(results))

        if stop_index() is None:
            if executor is None:
                for c in chunks:
                    commit(_run_chunk(claim, params, str(rewards), [(i, specs[i]) for i in c], max_rewards))
                    if stop_index() is not None:
                        break
            else:
                window = max(2, 2 * workers_hint)
                pending: list = []
                it = iter(chunks)
                while True:
                    while len(pending) < window:
                        c = next(it, None)
                        if c is None:
                            break
                        pending.append(executor.submit(_run_chunk, claim, params, str(rewards),
                                                       [(i, specs[i]) for i in c], max_rewards))
                    if not pending:
                        break
                    fut = pending.pop(0)
                    commit(fut.result())
                    if stop_index() is not None:
                        for f in pending:
                            f.cancel()
                        break
    return _finish(out, claim, fam.name, str(rewards), params, total, done, stop_index(), certificates, specs)


def _finish(out: Path, claim: str, family: str, rewards: str, params: dict, total: int, done: dict,
            stop_at: int | None, certificates: bool, specs: list) -> SearchResult:
    last = stop_at if stop_at is not None else total - 1
    records = [dict(done[i], index=i) for i in range(last + 1) if i in done]
    _atomic_write(out / "results.jsonl", "".join(_dumps(r) + "\n" for r in records))
    statuses: dict[str, int] = {}
    for r in records:
        statuses[r.get("status", "?")] = statuses.get(r.get("status", "?"), 0) + 1
    cex = [r["index"] for r in records if r.get("status") == "fails"]
    complete_all = all(r.get("complete") for r in records if r.get("status") in ("proved", "holds"))
    cert_files = []
    if certificates and cex:
        cdir = out / "certificates"
        cdir.mkdir(exist_ok=True)
        by_index = {r["index"]: r for r in records}
        for i in cex:
            path = write_counterexample_certificate(by_index[i], cdir / f"cex-{i:06d}.json")
            cert_files.append(str(path.relative_to(out)) if path else None)
    summary = {
        "claim": claim, "family": family, "rewards": rewards, "params": params,
        "instances": total, "finished": len(records), "stopped_at": stop_at,
        "complete": len(records) == total, "statuses": dict(sorted(statuses.items())),
        "counterexamples": cex, "certificates": cert_files,
        "all_holding_instances_proved_by_complete_family": complete_all,
    }
    _atomic_write(out / "summary.json", json.dumps(summary, indent=2, sort_keys=True) + "\n")
    return SearchResult(out, total, records, summary)


def write_counterexample_certificate(record: Mapping, path: Path) -> Path | None:
    """Certificate (or, when the verifier has no matching kind, a plain JSON record) for a failing
    record.  Returns the path written."""
    from fractions import Fraction

    from ..certificates.build import write_certificate
    from ..claims import check, get_claim, instance_from_spec
    from ..certificates import certificate_for

    inst = instance_from_spec(record["spec"])
    cx = record["counterexample"]
    reward = cx["reward"]
    if reward and isinstance(reward[0], dict):
        reward = tuple((Fraction(x["weight"]), tuple(Fraction(y) for y in x["reward"])) for x in reward)
    else:
        reward = [Fraction(x) for x in reward]
    params = dict(json.loads(path.parent.parent.joinpath("meta.json").read_text())["params"]) \
        if path.parent.parent.joinpath("meta.json").exists() else {}
    claim = get_claim(record["claim"])
    an = claim.analyse(inst, params)
    v = check(claim, inst, reward, params, analysis=an)
    cert, how = certificate_for(v, inst, an)
    if cert is None:  # no certificate kind (mixtures): a plain record, not named *.json
        rec = {"format": "orbitproof-claim-record/1", "verifier": how, "verdict": v.to_dict(),
               "instance": record["spec"]}
        path = path.with_suffix(".record")
        _atomic_write(path, json.dumps(rec, indent=2, sort_keys=True, ensure_ascii=True) + "\n")
        return path
    write_certificate(cert, path)
    return path
