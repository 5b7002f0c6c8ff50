"""Argument helpers shared by the sub-commands (semantics flags, environments, rewards, output)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..core.errors import FormatError, OrbitproofError, SemanticsError
from ..core.semantics import Blackwell, Discounted, Gain, Semantics

__all__ = [
    "SEMANTICS_MISSING",
    "int_arg",
    "jobs_arg",
    "add_executor_arguments",
    "open_executor",
    "add_semantics_arguments",
    "semantics_from_args",
    "add_output_arguments",
    "add_fork_arguments",
    "print_json",
]


#: The one wording of a missing semantics flag, in every command.
SEMANTICS_MISSING = "no optimality semantics given: add one of --gamma G, --gain or --blackwell"


def int_arg(minimum: int = 0, maximum: int | None = None):
    """An argparse ``type`` for integers in ``[minimum, maximum]`` (ASCII digits, digit limit)."""

    def parse(text: str) -> int:
        from ..core.exact import parse_int

        try:
            return parse_int(text, "value", minimum=minimum, maximum=maximum)
        except OrbitproofError as exc:
            raise argparse.ArgumentTypeError(str(exc).replace("value ", "", 1)) from None

    parse.__name__ = "integer"
    return parse


def jobs_arg(text: str) -> int:
    """``--jobs N``: 1 ≤ N ≤ JOBS_PER_CPU × CPU count (every worker is forked at once)."""
    from ..core.limits import JOBS_PER_CPU, max_jobs

    value = int_arg(1)(text)
    cap = max_jobs()
    if value > cap:
        raise argparse.ArgumentTypeError(
            f"{value:,} worker processes is more than {JOBS_PER_CPU} per CPU ({cap} on this machine); "
            f"use at most {cap}, or --dask ADDRESS for a cluster")
    return value


jobs_arg.__name__ = "jobs"


def add_executor_arguments(parser: argparse.ArgumentParser) -> None:
    """``--jobs N | --dask ADDRESS`` (mutually exclusive)."""
    ex = parser.add_mutually_exclusive_group()
    ex.add_argument("--jobs", "-j", type=jobs_arg, default=1, metavar="N",
                    help="local worker processes (at most 4 per CPU)")
    ex.add_argument("--dask", metavar="ADDRESS", help="an existing Dask scheduler, e.g. tcp://host:8786")


class open_executor:
    """Context manager: ``(executor, workers)`` from ``--jobs`` / ``--dask`` (``None`` for one job)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.jobs = getattr(args, "jobs", 1) or 1
        self.dask = getattr(args, "dask", None)
        self.executor: Any = None
        self.client: Any = None

    def __enter__(self) -> tuple[Any, int]:
        if self.dask:
            try:
                from distributed import Client
            except ImportError:
                raise FormatError("--dask needs the 'distributed' package") from None
            try:
                self.client = Client(self.dask, timeout=10)
            except (OSError, ValueError, TypeError) as exc:
                raise FormatError(f"cannot reach the Dask scheduler {self.dask}: {exc}") from None
            self.executor = self.client.get_executor()
            return self.executor, max(1, len(self.client.scheduler_info().get("workers", {})))
        if self.jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            self.executor = ProcessPoolExecutor(max_workers=self.jobs)
            return self.executor, self.jobs
        return None, 1

    def __exit__(self, *exc: Any) -> None:
        if self.client is not None:
            self.client.close()
        elif self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)


def add_semantics_arguments(parser: argparse.ArgumentParser, required: bool = True) -> None:
    """Adds the mutually exclusive ``--gamma G | --gain | --blackwell`` flags."""
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--gamma", metavar="G", help='discounted optimality at exact G in [0,1), e.g. "9/10"')
    group.add_argument("--gain", action="store_true", help="gain (average-reward) optimality: RSDs")
    group.add_argument("--blackwell", action="store_true", help="Blackwell optimality (γ → 1)")


def semantics_from_args(args: argparse.Namespace) -> Semantics:
    if getattr(args, "gain", False):
        return Gain()
    if getattr(args, "blackwell", False):
        return Blackwell()
    if getattr(args, "gamma", None) is not None:
        return Discounted(args.gamma)
    raise SemanticsError(SEMANTICS_MISSING)


def add_fork_arguments(parser: argparse.ArgumentParser) -> None:
    """The instance arguments shared by count, copies and check: ``ENV --state S --a A --b B`` (a fork
    in an environment) or ``--sets FILE`` (vector sets A, B, optional C)."""
    parser.add_argument("env", nargs="?", metavar="ENV", help='environment: catalog name (e.g. candy, '
                        '"terminal:m=2,n=51") or file')
    parser.add_argument("--sets", metavar="FILE", help="vector-set file (TOML/JSON with A, B and optional C)")
    parser.add_argument("--state", metavar="S", help="the state where the two sides fork")
    parser.add_argument("--a", metavar="ACTION", help="side A (smaller): action(s) at S, comma-separated")
    parser.add_argument("--b", metavar="ACTION", help="side B (larger, power-seeking): action(s) at S, "
                        "comma-separated")


def add_max_options_argument(parser: argparse.ArgumentParser) -> None:
    """``--max-options N``: the bound every environment option enumeration takes (docs/limits.md)."""
    from ..core.limits import DEFAULT_MAX_OPTIONS

    parser.add_argument("--max-options", type=int_arg(1), default=DEFAULT_MAX_OPTIONS, metavar="N",
                        help="environment: refuse to enumerate more than N visit distributions / policies / "
                             f"cycles per action (default {DEFAULT_MAX_OPTIONS:,})")


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
