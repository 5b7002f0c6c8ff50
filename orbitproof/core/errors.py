"""The one error hierarchy of orbitproof.

Every error the library raises on bad input derives from :class:`OrbitproofError`; the CLI turns
any of them into one line on stderr and exit code 2.  Subclasses also derive from the natural
built-in (``ValueError``, ``TypeError``, ``KeyError``-like lookups are ``ValueError``s here) so that
callers can catch them generically.
"""

from __future__ import annotations

__all__ = [
    "OrbitproofError",
    "ExactNumberError",
    "EnvironmentError_",
    "InvalidEnvironmentError",
    "UnknownStateError",
    "UnknownActionError",
    "FormatError",
    "SemanticsError",
    "TooLargeError",
    "OptionSetError",
    "CertificateError",
]


class OrbitproofError(Exception):
    """Base class of every error orbitproof raises deliberately."""


class ExactNumberError(OrbitproofError, ValueError):
    """A number could not be read exactly (a float, NaN, infinity or garbage)."""


class FormatError(OrbitproofError, ValueError):
    """A file or string does not follow the documented format."""


class InvalidEnvironmentError(OrbitproofError, ValueError):
    """An environment violates a structural rule (probabilities, duplicates, missing actions...)."""


# Backwards-friendly alias: "environment error" reads naturally in user code.
EnvironmentError_ = InvalidEnvironmentError


class UnknownStateError(InvalidEnvironmentError, KeyError):
    """A state name that the environment does not have."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "unknown state"


class UnknownActionError(InvalidEnvironmentError, KeyError):
    """An action name that is not available in the given state."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown action"


class SemanticsError(OrbitproofError, ValueError):
    """An optimality semantics was malformed (e.g. gamma outside [0, 1))."""


class OptionSetError(OrbitproofError, ValueError):
    """Option sets that do not fit together (dimension mismatch, empty set...)."""


class TooLargeError(OrbitproofError, ValueError):
    """The estimated work exceeds a limit; the message says how to raise the limit."""


class CertificateError(OrbitproofError, ValueError):
    """A certificate could not be produced or read."""
