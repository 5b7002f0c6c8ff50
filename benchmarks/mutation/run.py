"""Mutation testing of orbitproof's core modules (a benchmark-like job, not part of CI).

Each mutant changes ONE operator or constant on ONE line (AST based: comparison operators, arithmetic
and bitwise operators, ``and``/``or``, a dropped ``not``, small integer constants, ``True``/``False``)
in a throwaway copy of the repository in a temporary directory; a targeted test subset for the
mutated module is run there (``pytest -x``, slow tests excluded, a fixed hypothesis seed).  A mutant
is *killed* when the subset fails (or times out), *survives* otherwise.

Usage::

    python benchmarks/mutation/run.py --list                    # count the mutants per module
    python benchmarks/mutation/run.py --sample 40 --seed 1 --out results.jsonl
    python benchmarks/mutation/run.py --only orbitproof/symmetry/check.py:201   # one line

Results are appended as JSON lines (module, line, column, operator change, the mutated source line,
status, seconds), so an interrupted run can be resumed with ``--resume``.  docs/mutation.md records
the figures and explains every survivor.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: module -> the test files that should kill its mutants (fast tests only)
_ENGINE = ["tests/test_twins.py::test_exact_engine_equals_the_independent_twin_on_generic_sets",
           "tests/test_twins.py::test_exact_engine_equals_the_independent_twin_on_blocks",
           "tests/test_twins.py::test_exact_engine_equals_the_independent_twin_on_layered_options",
           "tests/test_twins.py::test_reward_scaling_matters_to_the_twin_and_the_engine",
           "tests/test_orbits_engines.py::test_big_integer_fallback_equals_reference",
           "tests/test_orbits_engines.py::test_prefix_suffix_split_agrees_with_reference"]
TARGETS: dict[str, list[str]] = {
    "orbitproof/orbits/rules.py": _ENGINE,
    "orbitproof/orbits/engine.py": _ENGINE,
    "orbitproof/orbits/count.py": _ENGINE,
    "orbitproof/orbits/problem.py": _ENGINE,
    "orbitproof/orbits/multiset.py": ["tests/test_orbits_multiset.py",
                                      "tests/test_twins.py::test_the_twin_orbit_primitive_has_the_multinomial_size_and_no_repeats",
                                      *_ENGINE[:2]],
    "orbitproof/symmetry/check.py": ["tests/test_copycheck.py"],
    "orbitproof/verify.py": ["tests/test_verify_twins.py", "tests/test_verify.py"],
    "orbitproof/claims/structure.py": ["tests/test_hypothesis_statements.py"],
}

_ENGINE_FULL = ["tests/test_twins.py", "tests/test_orbits_engines.py", "tests/test_orbits_blocks.py",
                "tests/test_orbits_unitdp.py", "tests/test_orbits_multiset.py", "tests/test_orbits_worked_examples.py",
                "tests/test_orbits_mdp.py", "tests/test_orbits_errors.py", "tests/test_rules_twins.py",
                "tests/test_rules_p22.py"]
_CERT_FULL = ["tests/test_hypothesis_statements.py", "tests/test_verify_twins.py", "tests/test_verify.py",
              "tests/test_verify_mutations.py", "tests/test_d13_readings.py", "tests/test_limits.py",
              "tests/test_verify_rules.py", "tests/test_unit_block_evidence.py"]
#: second stage: a survivor of the fast subset is re-run on every test file close to its module;
#: with --covering, the coverage map is built over these files
FULL_TARGETS: dict[str, list[str]] = {
    **{m: _ENGINE_FULL for m in ("orbitproof/orbits/rules.py", "orbitproof/orbits/engine.py",
                                 "orbitproof/orbits/count.py", "orbitproof/orbits/problem.py",
                                 "orbitproof/orbits/multiset.py")},
    "orbitproof/symmetry/check.py": ["tests/test_copycheck.py", "tests/test_symmetry_find.py",
                                     "tests/test_symmetry_candidates.py", "tests/test_cli_copies.py"],
    **{m: _CERT_FULL for m in ("orbitproof/verify.py", "orbitproof/claims/structure.py")},
}

#: the named mutants of issue 19 (M3, M4 and the five that were already caught): exact text edits
NAMED: dict[str, tuple[str, str, str]] = {
    "M3 copies condition (ii) skipped": (
        "orbitproof/symmetry/check.py", "i != j and moved & supports[j] and", "i != j and moved <= supports[j] and"),
    "M4 reward numerators only": (
        "orbitproof/orbits/problem.py", "reward_int = tuple(x.numerator * (rden // x.denominator) for x in reward)",
        "reward_int = tuple(x.numerator for x in reward)"),
    "IsOptimal >= -> >": (
        "orbitproof/orbits/rules.py", "gb = np.greater_equal(_max(vals, layout.ib), mc)",
        "gb = np.greater(_max(vals, layout.ib), mc)"),
    "FracOptimal counts A's maximisers for B": (
        "orbitproof/orbits/rules.py", "                if u in in_b:\n                    nb += hit",
        "                if u in in_a:\n                    nb += hit"),
    "engine multinomial off by one": (
        "orbitproof/orbits/multiset.py", "        out *= comb(n, k)", "        out *= comb(n, k) + (k > 1)"),
    "verifier multinomial off by one": (
        "orbitproof/verify.py", "        out //= factorial(c)", "        out //= factorial(c) + (c > 1)"),
    "ND quick test with >=": (
        "orbitproof/symmetry/check.py", "if any(all(x[k] > y[k] for y in others) or",
        "if any(all(x[k] >= y[k] for y in others) or"),
}

_CMP_SWAPS = {
    ast.Lt: [ast.LtE, ast.Gt], ast.LtE: [ast.Lt, ast.GtE], ast.Gt: [ast.GtE, ast.Lt],
    ast.GtE: [ast.Gt, ast.LtE], ast.Eq: [ast.NotEq], ast.NotEq: [ast.Eq], ast.In: [ast.NotIn],
    ast.NotIn: [ast.In], ast.Is: [ast.IsNot], ast.IsNot: [ast.Is],
}
_BIN_SWAPS = {
    ast.Add: [ast.Sub], ast.Sub: [ast.Add], ast.Mult: [ast.FloorDiv], ast.FloorDiv: [ast.Mult],
    ast.Div: [ast.Mult], ast.Mod: [ast.FloorDiv], ast.BitAnd: [ast.BitOr], ast.BitOr: [ast.BitAnd],
    ast.Pow: [ast.Mult], ast.LShift: [ast.RShift], ast.RShift: [ast.LShift],
}


@dataclass(frozen=True)
class Mutant:
    module: str
    line: int
    col: int
    kind: str
    index: int  # which replacement (several per node)
    lines: tuple[int, ...] = field(default=(), compare=False)  # source lines whose tests may kill it
    scope: tuple[int, int] = field(default=(0, 0), compare=False)  # the top-level definition holding it

    @property
    def key(self) -> str:
        return f"{self.module}:{self.line}:{self.col}:{self.kind}:{self.index}"


def _docstring_nodes(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _skippable(node: ast.AST, parents: dict) -> bool:
    """Skip code that is not logic: __all__ / type annotations / error-message f-strings."""
    p = parents.get(id(node))
    while p is not None:
        if isinstance(p, (ast.JoinedStr, ast.arg)):
            return True
        if isinstance(p, ast.AnnAssign) and node is not p.value:
            return True
        if isinstance(p, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in p.targets):
            return True
        if isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef)) and node in ast.walk(p.returns or ast.Pass()):
            return True
        p = parents.get(id(p))
    return False


def _sites(tree: ast.AST):
    """Yield (node, kind, n_replacements) for every mutable site."""
    docs = _docstring_nodes(tree)
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    for node in ast.walk(tree):
        if not hasattr(node, "lineno") or _skippable(node, parents):
            continue
        if isinstance(node, ast.Compare):
            for k, op in enumerate(node.ops):
                swaps = _CMP_SWAPS.get(type(op), [])
                for s in range(len(swaps)):
                    yield node, f"cmp{k}", s
        elif isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _BIN_SWAPS:
            for s in range(len(_BIN_SWAPS[type(node.op)])):
                yield node, "binop", s
        elif isinstance(node, ast.BoolOp):
            yield node, "boolop", 0
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, "not", 0
        elif isinstance(node, ast.Constant) and id(node) not in docs:
            if node.value is True or node.value is False:
                yield node, "bool", 0
            elif type(node.value) is int and abs(node.value) < 10**6:
                yield node, "int", 0


def _statement_starts(tree: ast.AST) -> dict[int, int]:
    """id(node) -> first line of the innermost simple statement holding it."""
    out: dict[int, int] = {}

    def visit(node, start):
        if isinstance(node, ast.stmt) and not hasattr(node, "body"):
            start = node.lineno
        out[id(node)] = start
        for child in ast.iter_child_nodes(node):
            visit(child, start)

    visit(tree, 0)
    return out


#: verify.py sections left out of the sample: the certificate kinds of other work streams (the
#: gamma sweep, POWER under iid D and the polynomial helpers only they use), tested by
#: tests/test_sweep_certificates.py and tests/test_power_certificates.py, not by this harness's files
EXCLUDE_SECTIONS: dict[str, tuple[str, ...]] = {"orbitproof/verify.py": ("polynomials", "gamma-sweep", "power (iid D)")}


def _excluded_lines(module: str) -> set[int]:
    lines = (ROOT / module).read_text().splitlines()
    marks = [(k + 1, x.lstrip("# =").strip()) for k, x in enumerate(lines) if x.startswith("# =====")]
    out: set[int] = set()
    for (start, name), (end, _) in zip(marks, marks[1:] + [(len(lines) + 1, "")]):
        if name in EXCLUDE_SECTIONS.get(module, ()):
            out |= set(range(start, end))
    return out


def mutants_of(module: str) -> list[Mutant]:
    tree = ast.parse((ROOT / module).read_text())
    skip = _excluded_lines(module)
    starts = _statement_starts(tree)
    tops = [(min([t.lineno] + [d.lineno for d in getattr(t, 'decorator_list', [])]), t.end_lineno or t.lineno)
            for t in tree.body]
    return [Mutant(module, n.lineno, n.col_offset, kind, s,
                   tuple(sorted({starts.get(id(n), n.lineno), *range(n.lineno, (n.end_lineno or n.lineno) + 1)})),
                   next((t for t in tops if t[0] <= n.lineno <= t[1]), (0, 0)))
            for n, kind, s in _sites(tree) if n.lineno not in skip]


def _mutate_node(node: ast.AST, kind: str, s: int) -> str:
    if kind.startswith("cmp"):
        k = int(kind[3:])
        old = node.ops[k]
        new = _CMP_SWAPS[type(old)][s]()
        node.ops[k] = new
        return f"{type(old).__name__} -> {type(new).__name__}"
    if kind == "binop":
        old = node.op
        node.op = _BIN_SWAPS[type(old)][s]()
        return f"{type(old).__name__} -> {type(node.op).__name__}"
    if kind == "boolop":
        old = node.op
        node.op = ast.Or() if isinstance(old, ast.And) else ast.And()
        return f"{type(old).__name__} -> {type(node.op).__name__}"
    if kind == "not":
        node.op = ast.UAdd()  # +bool(x) is x's truth as an int: "not" dropped
        return "not x -> +x"
    if kind == "bool":
        node.value = not node.value
        return f"{not node.value} -> {node.value}"
    if kind == "int":
        old = node.value
        node.value = old + 1 if old in (0, -1) or s else old - 1 if old == 1 else old + 1
        return f"{old} -> {node.value}"
    raise ValueError(kind)


def apply(m: Mutant) -> tuple[str, str]:
    """(mutated module source, description)."""
    src = (ROOT / m.module).read_text()
    tree = ast.parse(src)
    for node, kind, s in _sites(tree):
        if node.lineno == m.line and node.col_offset == m.col and kind == m.kind and s == m.index:
            desc = _mutate_node(node, kind, s)
            break
    else:
        raise LookupError(m.key)
    return ast.unparse(tree), desc


def run_named(name: str, work: Path, timeout: float, python: str) -> dict:
    module, old, new = NAMED[name]
    src = (ROOT / module).read_text()
    assert src.count(old) == 1, f"named mutant {name!r} no longer applies"
    m = Mutant(module, src[:src.index(old)].count("\n") + 1, 0, "named", 0)
    return _run(m, work, timeout, python, src.replace(old, new), name, old.strip().splitlines()[0])


def _copy_repo(dst: Path) -> None:
    for name in ("orbitproof", "tests", "certificates", "docs", "examples", "pyproject.toml", "README.md"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dst / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, dst / name)


COVERAGE = ROOT / "benchmarks" / "mutation" / "coverage.json"  # not committed (benchmarks/mutation/.gitignore)


def build_coverage(modules: list[str], python: str, path: Path = COVERAGE) -> None:
    """Run FULL_TARGETS of ``modules`` once under linecov.py and merge the per-test line coverage
    of those modules (and every test's duration) into ``path``."""
    files = sorted({f for m in modules for f in FULL_TARGETS[m]})
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        out = Path(tmp.name)
    env = dict(os.environ, PYTHONPATH=f"{ROOT / 'benchmarks' / 'mutation'}{os.pathsep}{ROOT}",
               MUTCOV_FILES=os.pathsep.join(str(ROOT / m) for m in modules), MUTCOV_OUT=str(out),
               ORBITPROOF_MUTATION_RUN="1")
    t0 = time.time()
    proc = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "linecov", "-m", "not slow",
                           "--hypothesis-seed=0", *files], cwd=ROOT, env=env, capture_output=True, text=True)
    print(f"coverage of {', '.join(modules)}: {(proc.stdout.strip().splitlines() or ['?'])[-1]} "
          f"({time.time() - t0:.0f} s)", flush=True)
    new = json.loads(out.read_text())
    out.unlink()
    data = json.loads(path.read_text()) if path.exists() else {"lines": {}, "seconds": {}}
    for f, lines in new["lines"].items():
        data["lines"][str(Path(f).relative_to(ROOT))] = lines
    data["seconds"].update(new["seconds"])
    path.write_text(json.dumps(data))


def tests_for(m: Mutant, cov: dict) -> tuple[list[str], bool]:
    """(the test ids that execute a line of ``m``, fastest first; whether module-level code
    executed at import time is among the lines)."""
    lines = cov["lines"].get(m.module, {})
    ids: set[str] = set()
    for ln in m.lines or (m.line,):
        ids |= set(lines.get(str(ln), ()))
    at_import = "<collection>" in ids
    ids.discard("<collection>")
    if not ids and at_import:  # a class attribute or a default: the tests of its whole definition
        for ln in range(m.scope[0], m.scope[1] + 1):
            ids |= set(lines.get(str(ln), ()))
        ids.discard("<collection>")
    return sorted(ids, key=lambda t: (cov["seconds"].get(t, 0.0), t)), at_import


def run_one(m: Mutant, work: Path, timeout: float, python: str, full: bool = False,
            cov: dict | None = None, extra: dict | None = None) -> dict:
    mutated, desc = apply(m)
    line = (ROOT / m.module).read_text().splitlines()[m.line - 1].strip()
    if cov is None:
        return _run(m, work, timeout, python, mutated, desc, line, full)
    tests, at_import = tests_for(m, cov)
    # tests written after the coverage map (--extra MODULE=TESTS): run first, whole
    first = [t for t in (extra or {}).get(m.module, []) if t not in tests]
    if first:
        res = _run(m, work, timeout, python, mutated, desc, line, tests=first)
        if res["status"] != "survived":
            res["stage"] = "new tests"
            return res
    if tests:
        # the fastest covering tests whose recorded time (under tracing) fits in a third of the
        # timeout; a timeout then means the mutant made them at least ~3x slower (e.g. a loop)
        chosen, spent = [], 0.0
        for t in tests:
            if chosen and spent + cov["seconds"].get(t, 1.0) > (timeout - 20) / 3:
                break
            chosen.append(t)
            spent += cov["seconds"].get(t, 1.0)
        res = _run(m, work, timeout, python, mutated, desc, line, tests=chosen)
        res["stage"] = "covering" if len(chosen) == len(tests) else f"covering {len(chosen)}/{len(tests)}"
        return res
    if at_import:  # module-level code (constants): the fast subset of the module
        res = _run(m, work, timeout, python, mutated, desc, line)
        res["stage"] = "fast subset (module-level line)"
        return res
    return {"key": m.key, "module": m.module, "line": m.line, "change": desc, "source": line,
            "status": "survived", "stage": "uncovered", "seconds": 0.0, "pytest": ["no test executes this line"]}


def _run(m: Mutant, work: Path, timeout: float, python: str, mutated: str, desc: str, line: str,
         full: bool = False, tests: list[str] | None = None) -> dict:
    original = (work / m.module).read_text()
    (work / m.module).write_text(mutated)
    for pyc in (work / m.module).parent.glob("__pycache__/*"):
        pyc.unlink()
    env = dict(os.environ, PYTHONPATH=str(work), PYTHONDONTWRITEBYTECODE="1", ORBITPROOF_MUTATION_RUN="1")
    cmd = [python, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", "not slow",
           "--hypothesis-seed=0", *(tests or (FULL_TARGETS if full else TARGETS)[m.module])]
    t0 = time.time()
    try:
        proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=timeout)
        # 1: a test failed; 2: collection error or crash (e.g. the mutant breaks an import): killed.
        # 4 / 5 (bad test id, nothing collected) are harness errors, never counted as kills.
        status = {0: "survived", 1: "killed", 2: "killed", 3: "killed"}.get(proc.returncode, "error")
        tail = proc.stdout.strip().splitlines()[-1:] if proc.stdout else []
    except subprocess.TimeoutExpired:
        status, tail = "timeout", []
    finally:
        (work / m.module).write_text(original)
    return {"key": m.key, "module": m.module, "line": m.line, "change": desc, "source": line,
            "status": status, "stage": "full" if full else "fast", "tests": len(tests or []), "seconds": round(time.time() - t0, 1), "pytest": tail}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modules", nargs="*", default=list(TARGETS))
    ap.add_argument("--sample", type=int, default=0, help="mutants per module (0 = all)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=240.0)
    ap.add_argument("--out", default="benchmarks/mutation/results.jsonl")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--named", action="store_true", help="run the named mutants of issue 19 only")
    ap.add_argument("--rerun-survivors", metavar="RESULTS",
                    help="re-run the survivors/timeouts listed in RESULTS on the full test files (FULL_TARGETS)")
    ap.add_argument("--only", nargs="*", default=[], help="module:line[:col] restrictions")
    ap.add_argument("--build-coverage", action="store_true",
                    help="record which tests execute which lines of --modules (benchmarks/mutation/coverage.json)")
    ap.add_argument("--covering", action="store_true",
                    help="run each mutant on the tests that execute its line (needs --build-coverage first)")
    ap.add_argument("--keys", nargs="*", default=[], help="run exactly these mutant keys (module:line:col:kind:index)")
    ap.add_argument("--extra", nargs="*", default=[], metavar="MODULE=TEST",
                    help="with --covering: tests newer than the coverage map, run first for MODULE's mutants")
    args = ap.parse_args(argv)
    extra: dict[str, list[str]] = {}
    for spec in args.extra:
        mod, _, test = spec.partition("=")
        extra.setdefault(mod, []).append(test)
    if args.build_coverage:
        groups: dict[tuple, list[str]] = {}
        for mod in args.modules:  # modules tested by the same files share one run
            groups.setdefault(tuple(FULL_TARGETS[mod]), []).append(mod)
        for mods in groups.values():
            build_coverage(mods, sys.executable)
        return 0
    cov = json.loads(COVERAGE.read_text()) if args.covering else None

    plan: list[Mutant] = []
    rng = random.Random(args.seed)
    for mod in args.modules:
        ms = mutants_of(mod)
        if args.only:
            keep = []
            for spec in args.only:
                parts = spec.split(":")
                if parts[0] == mod:
                    keep += [m for m in ms if m.line == int(parts[1]) and (len(parts) < 3 or m.col == int(parts[2]))]
            ms = keep
        if args.list:
            print(f"{mod}: {len(ms)} mutants")
            continue
        if args.keys:
            ms = [m for m in ms if m.key in set(args.keys)]
        if args.sample and len(ms) > args.sample:
            ms = rng.sample(ms, args.sample)
        plan += ms
    rng.shuffle(plan)  # modules interleaved, so a run cut short still covers every module
    if args.list:
        return 0
    if args.named:
        with tempfile.TemporaryDirectory(prefix="orbitproof-mutation-") as tmp:
            _copy_repo(Path(tmp))
            with (ROOT / args.out).open("a") as fh:
                for name in NAMED:
                    res = run_named(name, Path(tmp), args.timeout, sys.executable)
                    fh.write(json.dumps(res, ensure_ascii=False) + "\n")
                    fh.flush()
                    print(f"{res['status']:8} {res['seconds']:6}s {name}", flush=True)
        return 0
    if args.rerun_survivors:
        rows = [json.loads(x) for x in (ROOT / args.rerun_survivors).read_text().splitlines() if x.strip()]
        keys = [r["key"] for r in rows if r["status"] in ("survived", "error")]
        with tempfile.TemporaryDirectory(prefix="orbitproof-mutation-") as tmp:
            _copy_repo(Path(tmp))
            with (ROOT / args.out).open("a") as fh:
                for key in keys:
                    mod, line, col, kind, idx = key.rsplit(":", 4)
                    m = next((x for x in mutants_of(mod) if x.key == key), None)
                    if m is None:
                        print(f"gone     {key} (the module changed)", flush=True)
                        continue
                    res = run_one(m, Path(tmp), args.timeout, sys.executable, full=cov is None, cov=cov, extra=extra)
                    fh.write(json.dumps(res, ensure_ascii=False) + "\n")
                    fh.flush()
                    print(f"{res['status']:8} {res['seconds']:6}s {key} {res['change']} | {res['source'][:70]}",
                          flush=True)
        return 0
    out = ROOT / args.out
    done = set()
    if args.resume and out.exists():
        done = {json.loads(x)["key"] for x in out.read_text().splitlines() if x.strip()}
    with tempfile.TemporaryDirectory(prefix="orbitproof-mutation-") as tmp:
        work = Path(tmp)
        _copy_repo(work)
        with out.open("a") as fh:
            for k, m in enumerate(plan):
                if m.key in done:
                    continue
                res = run_one(m, work, args.timeout, sys.executable, cov=cov, extra=extra)
                fh.write(json.dumps(res, ensure_ascii=False) + "\n")
                fh.flush()
                print(f"[{k + 1}/{len(plan)}] {res['status']:8} {res['seconds']:6}s {m.module}:{m.line} "
                      f"{res['change']}  | {res['source'][:80]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
