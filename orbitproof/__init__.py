"""orbitproof: exact checks of power-seeking theorems and conjectures in finite MDPs.

See ``docs/`` for the tutorial and ``shared/MATH.md`` conventions: option sets, orbits of reward
vectors under coordinate permutations, and the n-fold scaling law.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import *  # noqa: F401,F403
from .errors import __all__ as _errors_all
from .exact import format_fraction, parse_vector, to_fraction, to_fractions
from .optionset import Option, OptionSet, VectorSets, load_vector_sets, option_value, parse_vector_sets
from .semantics import Blackwell, Discounted, Gain, Semantics, parse_semantics

__all__ = [
    "__version__",
    *_errors_all,
    "to_fraction",
    "to_fractions",
    "format_fraction",
    "parse_vector",
    "Option",
    "OptionSet",
    "VectorSets",
    "load_vector_sets",
    "parse_vector_sets",
    "option_value",
    "Discounted",
    "Gain",
    "Blackwell",
    "Semantics",
    "parse_semantics",
]

# Sub-packages re-export their public API here as they land (see the _optional list below).
import importlib as _importlib

for _mod in ("orbitproof.mdp", "orbitproof.orbits", "orbitproof.symmetry"):
    try:
        _m = _importlib.import_module(_mod)
    except ModuleNotFoundError as _exc:  # pragma: no cover - during development only
        if _exc.name != _mod:
            raise
        continue
    for _name in getattr(_m, "__all__", ()):
        globals()[_name] = getattr(_m, _name)
        __all__.append(_name)
del _importlib, _mod
