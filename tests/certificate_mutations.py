"""Single-field mutations of certificates (used by tests/test_verify_mutations.py).

Every leaf of a certificate is mutated once per applicable rule:

* integers: +1 and -1 (counts, weights, n, indices), and a type change (the string form);
* rationals ("p/q" strings): +1, and a type change (a JSON integer where a string is required);
* names (state, action, coordinate strings): replaced by another name of the certificate
  (so permutation pairs are *altered*, not just broken) and by an unknown name;
* booleans: flipped;
* objects: each key removed; lists: the first and the last element removed.

Long lists are sampled (indices 0, 1, middle, last) so that big class evidence stays affordable.
The ``note`` field is excluded by design: it is the one documented free-text field.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

RAT = re.compile(r"^-?(0|[1-9][0-9]*)(/[1-9][0-9]*)?$")
EXCLUDED = {("note",)}


def _fmt(v: Fraction) -> str:
    return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def _indices(n: int, sample: int) -> list[int]:
    if n <= sample:
        return list(range(n))
    return sorted({0, 1, n // 2, n - 1})


def _names(cert: Any) -> list[str]:
    out: set[str] = set()

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "states" and isinstance(v, list):
                    out.update(s for s in v if isinstance(s, str))
                if k == "coordinates" and isinstance(v, list):
                    out.update(s for s in v if isinstance(s, str))
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(cert)
    return sorted(out)


def _set(root: Any, path: tuple, value: Any) -> Any:
    new = copy.deepcopy(root)
    node = new
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    return new


def _delete(root: Any, path: tuple) -> Any:
    new = copy.deepcopy(root)
    node = new
    for p in path[:-1]:
        node = node[p]
    del node[path[-1]]
    return new


def mutations(cert: dict, sample: int = 12) -> Iterator[tuple[str, dict]]:
    """Yield ``(description, mutated certificate)`` for every single-field mutation."""
    names = _names(cert)

    def other_name(s: str) -> str:
        if s in names and len(names) > 1:
            return names[(names.index(s) + 1) % len(names)]
        return s + "_x"

    def walk(x: Any, path: tuple) -> Iterator[tuple[str, dict]]:
        if path in EXCLUDED:
            return
        where = "/".join(map(str, path))
        if isinstance(x, bool):
            yield f"{where}: flip", _set(cert, path, not x)
            yield f"{where}: type", _set(cert, path, str(x).lower())
        elif isinstance(x, int):
            yield f"{where}: +1", _set(cert, path, x + 1)
            yield f"{where}: -1", _set(cert, path, x - 1)
            yield f"{where}: type", _set(cert, path, str(x))
        elif isinstance(x, str):
            if RAT.match(x):
                yield f"{where}: +1", _set(cert, path, _fmt(Fraction(x) + 1))
                v = Fraction(x)
                yield f"{where}: type", _set(cert, path, int(v) if v.denominator == 1 else [x])
            else:
                if x in names:
                    yield f"{where}: other name", _set(cert, path, other_name(x))
                yield f"{where}: unknown", _set(cert, path, x + "_x")
                yield f"{where}: type", _set(cert, path, 0)
        elif isinstance(x, dict):
            for k in sorted(x):
                if path + (k,) in EXCLUDED:
                    continue
                yield f"{where}/{k}: removed", _delete(cert, path + (k,))
                yield from walk(x[k], path + (k,))
            # renaming a key (environment states/actions) = an altered name
            for k in sorted(x)[:2]:
                if k in names and path + (k,) not in EXCLUDED:
                    renamed = {(other_name(kk) if kk == k else kk): v for kk, v in x.items()}
                    if len(renamed) == len(x):
                        yield f"{where}: key {k} renamed", _set(cert, path, renamed) if path else renamed
        elif isinstance(x, list):
            if x:
                yield f"{where}[0]: removed", _delete(cert, path + (0,))
                if len(x) > 1:
                    yield f"{where}[-1]: removed", _delete(cert, path + (len(x) - 1,))
            for i in _indices(len(x), sample):
                yield from walk(x[i], path + (i,))

    yield from walk(cert, ())
