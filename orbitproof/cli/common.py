"""Argument helpers shared by the sub-commands (semantics flags, environments, rewards, output)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..core.errors import SemanticsError
from ..core.semantics import Blackwell, Discounted, Gain, Semantics

__all__ = [
    "add_semantics_arguments",
    "semantics_from_args",
    "add_output_arguments",
    "add_fork_arguments",
    "print_json",
]


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
    raise SemanticsError("choose one of --gamma G, --gain or --blackwell")


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


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
