"""Instance search: families of instances (:mod:`.families`) and the checkpointed runner
(:mod:`.runner`) behind ``orbitproof search``."""

from .families import FAMILY_NAMES, InstanceFamily, parse_instance_family
from .runner import SearchResult, evaluate_spec, load_checkpoint, run_search

__all__ = ["FAMILY_NAMES", "InstanceFamily", "parse_instance_family", "SearchResult", "evaluate_spec",
           "load_checkpoint", "run_search"]
