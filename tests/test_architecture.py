"""The package's layer order, read from the code's imports (docs/architecture.md).

core → mdp → symmetry / orbits → claims → certificates → search → report → cli; ``verify`` (and the
copies checker ``symmetry/check.py``) need only the standard library (the verifier imports nothing
from the package at all).  Every import counts,
including imports inside functions."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "orbitproof"

RANK = {"core": 0, "mdp": 1, "symmetry": 2, "orbits": 2, "claims": 3, "certificates": 4, "verify": 3.5,
        "search": 5, "report": 6, "cli": 7}
STDLIB_ONLY = ("orbitproof/verify.py", "orbitproof/symmetry/check.py")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import in ``path``, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if node.module is None or mod == "orbitproof":  # from . import x: x may be a module
                out += [(node.lineno, f"{mod}.{a.name}") for a in node.names]
            else:
                out.append((node.lineno, mod))
    return out


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "orbitproof" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in RANK else None


def _package_files() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if p.name not in ("__main__.py",) and p.parent != PKG
                  or p.name == "verify.py")


def test_layer_table_covers_every_subpackage():
    subpackages = {p.name for p in PKG.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert subpackages <= set(RANK), subpackages - set(RANK)


def test_every_import_points_down_the_layer_order():
    upward = []
    for path in _package_files():
        own = _layer(_module_name(path))
        assert own is not None, path
        for line, mod in _imports(path):
            target = _layer(mod)
            if target is None or target == own:
                continue
            if RANK[target] > RANK[own] or (RANK[target] == RANK[own] and target != own):
                upward.append(f"{path.relative_to(ROOT)}:{line} ({own}) imports {mod} ({target})")
    assert not upward, "imports against the layer order:\n" + "\n".join(upward)


def test_no_module_imports_a_private_name_of_another_module():
    offenders = []
    for path in _package_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("orbitproof")):
                for a in node.names:
                    if a.name.startswith("_") and not a.name.startswith("__"):
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {a.name}")
    assert not offenders, "\n".join(offenders)


def _module_file(module: str) -> Path:
    base = ROOT / Path(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def _third_party_imports(path: Path, seen: set[Path]) -> list[str]:
    """Imports outside the standard library, following the package's own modules transitively
    (with their packages' ``__init__``s)."""
    if path in seen:
        return []
    seen.add(path)
    bad = []
    for line, mod in _imports(path):
        top = mod.split(".")[0]
        if top == "orbitproof":
            parts = mod.split(".")
            for k in range(2, len(parts) + 1):
                target = _module_file(".".join(parts[:k]))
                if target.exists():
                    bad += _third_party_imports(target, seen)
        elif top not in sys.stdlib_module_names and top != "__future__":
            bad.append(f"{path.relative_to(ROOT)}:{line} imports {mod}")
    return bad


def test_verifier_imports_nothing_from_the_package():
    assert not [mod for _, mod in _imports(PKG / "verify.py") if mod.split(".")[0] == "orbitproof"]


@pytest.mark.parametrize("relpath", STDLIB_ONLY)
def test_referee_modules_need_only_the_standard_library(relpath):
    bad = _third_party_imports(ROOT / relpath, set())
    assert not bad, bad


_BLOCKER = """
import builtins, runpy, sys
_real = builtins.__import__
def _blocked(name, *a, **k):
    if name.split('.')[0] in ('networkx', 'flint', 'numpy', 'sympy', 'matplotlib', 'dask'):
        raise ImportError('blocked for this test: ' + name)
    return _real(name, *a, **k)
builtins.__import__ = _blocked
sys.argv = ['verify'] + sys.argv[1:]
runpy.run_module('orbitproof.verify', run_name='__main__')
"""


def test_verifier_runs_without_third_party_libraries():
    certs = sorted((ROOT / "certificates").glob("*.json"))
    certs = [c for c in certs if c.name != "certificate.schema.json"][:6]
    certs += sorted((ROOT / "certificates" / "claims" / "F9-units").glob("*.json"))
    proc = subprocess.run([sys.executable, "-c", _BLOCKER, *map(str, certs)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert proc.stdout.count("valid") >= len(certs), proc.stdout


def test_no_file_points_outside_the_repository():
    bad = []
    for folder in ("docs", "orbitproof", "certificates", "examples", "benchmarks", "tools", "tests", ".ci"):
        for path in (ROOT / folder).rglob("*"):
            if path.name == "test_architecture.py":  # this test names the needles
                continue
            if path.is_file() and path.suffix in (".py", ".md", ".json", ".jsonl", ".toml", ".txt", ".tex", ".csv",
                                                  ".sh", ""):
                text = path.read_text(encoding="utf-8", errors="replace")
                for needle in ("MATH.md", "DESIGN.md", "shared/"):
                    if needle in text:
                        bad.append(f"{path.relative_to(ROOT)}: {needle}")
    for path in (ROOT / "README.md",):
        text = path.read_text(encoding="utf-8")
        bad += [f"README.md: {n}" for n in ("MATH.md", "DESIGN.md", "shared/") if n in text]
    assert not bad, "\n".join(bad[:40]) + f"\n({len(bad)} in all)"


def test_every_module_has_its_line_in_the_architecture_doc():
    """docs/architecture.md names every module of every layer (a new module comes with its one line)."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "orbitproof").glob("*/*.py"))
               if p.name != "__init__.py" and f"`{p.name}`" not in text]
    assert not missing, missing
