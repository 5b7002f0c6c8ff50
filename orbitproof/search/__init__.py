"""Instance search: families of instances (:mod:`.families`) and the checkpointed runner
(:mod:`.runner`) behind ``orbitproof search``."""

from __future__ import annotations

from ..core.lazy import lazy_exports

_EXPORTS = {
    "FAMILY_NAMES": ".families",
    "InstanceFamily": ".families",
    "parse_instance_family": ".families",
    "SearchResult": ".runner",
    "d13_specs": ".d13",
    "check_reading": ".d13",
    "evaluate_spec": ".runner",
    "load_checkpoint": ".runner",
    "run_search": ".runner",
    "plan_search": ".runner",
    "SearchPlan": ".runner",
}

__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
