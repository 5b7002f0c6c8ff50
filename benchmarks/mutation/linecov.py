"""A tiny per-test line-coverage plugin for pytest (standard library only: ``sys.settrace``).

benchmarks/mutation/run.py loads it once (``pytest -p linecov``) over the test files of a module to
learn which tests execute which lines of the mutated modules; afterwards each mutant runs only the
tests that execute its line, fastest first (the approach of mutmut's ``--use-coverage``).  A mutant
on a line that no test executes survives without a run.

Environment: ``MUTCOV_FILES`` (absolute module paths, ``os.pathsep``-separated) and ``MUTCOV_OUT``
(the JSON file written at the end: ``{"lines": {file: {line: [test ids]}}, "seconds": {test id: s}}``).
"""

from __future__ import annotations

import json
import os
import sys
import threading

_FILES = frozenset(os.path.realpath(p) for p in os.environ.get("MUTCOV_FILES", "").split(os.pathsep) if p)
_OUT = os.environ.get("MUTCOV_OUT", "")
_lines: dict[str, dict[int, set[str]]] = {}
_seconds: dict[str, float] = {}
_current = ["<collection>"]
_real: dict[str, str | None] = {}


def _is_target(filename: str) -> bool:
    hit = _real.get(filename, 0)
    if hit == 0:
        real = os.path.realpath(filename)
        hit = real if real in _FILES else None
        _real[filename] = hit
    return hit is not None


def _local(frame, event, arg):
    if event == "line":
        _lines.setdefault(_real[frame.f_code.co_filename], {}).setdefault(frame.f_lineno, set()).add(_current[0])
    return _local


def _global(frame, event, arg):
    if event == "call" and _is_target(frame.f_code.co_filename):
        _lines.setdefault(_real[frame.f_code.co_filename], {}).setdefault(frame.f_lineno, set()).add(_current[0])
        return _local
    return None


def pytest_configure(config):
    sys.settrace(_global)
    threading.settrace(_global)


def pytest_runtest_setup(item):
    _current[0] = item.nodeid
    if sys.gettrace() is not _global:  # a test (or hypothesis) replaced the tracer: put ours back
        sys.settrace(_global)


def pytest_runtest_logreport(report):
    _seconds[report.nodeid] = _seconds.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session, exitstatus):
    sys.settrace(None)
    if _OUT:
        data = {"lines": {f: {str(k): sorted(v) for k, v in lines.items()} for f, lines in _lines.items()},
                "seconds": _seconds}
        with open(_OUT, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
