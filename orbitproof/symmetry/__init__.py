"""Environmental symmetries: find and certify "B contains n copies of A" (docs/math.md §2.2, §3).

Public API::

    find_copies(A, B, *, C=None, env=None, state=None, a=None, b=None, semantics=None,
                nd=False, superset=False, disjoint=False, require=(), max_candidates=300,
                options=None)   # or all settings at once as a CopiesOptions
        -> CopiesResult
    check_copies(A, B, involutions, *, C=None, nd=False, claims=(), supersets=None)
        -> (ok, reason)        # delegates to the stdlib-only orbitproof.symmetry.check

See docs/symmetries.md.
"""

from __future__ import annotations

from ..core.lazy import lazy_exports

_EXPORTS = {
    "find_copies": ".finder",
    "check_copies": ".finder",
    "CopiesResult": ".finder",
    "CopiesOptions": ".finder",
    "Involution": ".involution",
    "HYPOTHESIS_NAMES": ".finder",
    "is_copies_family_reference": ".reference",
    "max_copies_reference": ".reference",
}

__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
