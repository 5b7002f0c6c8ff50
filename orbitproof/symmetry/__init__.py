"""Environmental symmetries: find and certify "B contains n copies of A" (MATH.md §2.2, §3).

Public API::

    find_copies(A, B, *, C=None, env=None, state=None, a=None, b=None, semantics=None,
                nd=False, superset=False, disjoint=False, require=(), max_candidates=300)
        -> CopiesResult
    check_copies(A, B, involutions, *, C=None, nd=False, claims=(), supersets=None)
        -> (ok, reason)        # delegates to the stdlib-only orbitproof.copycheck

See docs/symmetries.md.
"""

from .finder import HYPOTHESIS_NAMES, CopiesResult, check_copies, find_copies
from .involution import Involution
from .reference import is_copies_family_reference, max_copies_reference

__all__ = ["find_copies", "check_copies", "CopiesResult", "Involution", "HYPOTHESIS_NAMES",
           "is_copies_family_reference", "max_copies_reference"]
