"""Find and certify "B contains n copies of A" (docs/math.md §3, §5 Lemma E.28 / Thm 6.13, §6, §8.2).

:func:`find_copies` searches involutions φ_1..φ_n with ``B_i := φ_i·A ⊆ B`` and
``φ_i·B_j = B_j`` (i ≠ j) (P22 Def A.7), optionally of ND(A), as superset copies (P22 Def B.8),
with pairwise disjoint images, or restricted to C-invariant φ_i; it reports which extra hypotheses
of the theorems hold for the family found (C-invariance, the Z-condition of Lemma E.28 / D.5,
orthogonality of Thm 6.13 / D.11).  Every family returned has been re-checked by the
standard-library checker :mod:`orbitproof.symmetry.check` (on large instances, n·|C|·d above
:data:`RECHECK_C_WORK`, the copy conditions only: the claims about C are then decided once, by that
checker's ``orthogonal_holds`` and by :mod:`.fasthyp` / :mod:`.setaction`, fast forms of its
functions with the checker as their twin in tests/test_symmetry_fastpaths.py).

Search (see docs/symmetries.md):

1. candidates: every least-moving involution φ with φ·A ⊆ B (involution-aware backtracking,
   :mod:`.invsearch`; equal to the VF2 route of :mod:`.candidates`, which is kept as its twin),
   each verified exactly; with an environment also the state maps of the sub-MDP after ``a`` into
   the one after ``b`` (:mod:`.envmatch`); with C, C-invariant ones from VF2 automorphisms of C.
2. if at most ``max_candidates`` candidates exist: exact maximum clique of the compatibility
   graph; otherwise a greedy family (preferring images disjoint from those already used).
3. upper bounds valid for **all** involutions: the number of distinct images ψ·A (when every ψ was
   enumerated), ∏ C(#B, #A) over option colours, and, when supp(A) ∩ supp(B) = ∅, ⌊|supp B| / |supp A|⌋ (compatible copies then have
   pairwise disjoint supports: if k ∈ supp B_i ∩ supp B_j then φ_i(k) ∈ supp A ∩ supp B_j = ∅).

``maximal`` is True when n meets such a bound (scope ``"all involutions"``) or when the exact clique
ran over the complete candidate set (scope ``"candidates"``: all least-moving involutions plus
environment-graph and C-automorphism ones).

Degenerate case (P22 footnote 8): if the copied set is contained in B, the identity gives n copies
for every n; ``n`` is then ``None`` (unbounded) and every conclusion is trivially true.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from itertools import islice
from math import comb, lcm, prod
from operator import attrgetter
from typing import Any

from . import check as copycheck
from . import fasthyp
from ..core.errors import OptionSetError
from ..core.exact import format_fraction
from ..core.optionset import OptionSet
from .candidates import iter_c_invariant_candidates, support
from .family import (
    Candidate,
    compatible,
    greedy_family,
    max_family_budgeted,
    superset_closures,
    superset_compatible,
)
from .involution import Involution
from .invsearch import (
    SetWithout,
    coordinate_domains,
    iter_involution_copies,
    option_signatures,
    shrink_domains,
    without_options,
)
from .setaction import SupportIndex, option_support

__all__ = ["CopiesResult", "CopiesOptions", "find_copies", "check_copies", "HYPOTHESIS_NAMES"]

#: above n·|C|·d, the final stdlib re-check skips the claims about C (see the end of find_copies)
RECHECK_C_WORK = 20_000_000
_C_CLAIMS = ("c_invariant", "z_condition", "orthogonal")

HYPOTHESIS_NAMES = ("nd_copies", "copies_of_A", "disjoint_images", "superset", "c_invariant",
                    "z_condition", "orthogonal")


@dataclass(frozen=True)
class CopiesResult:
    """Outcome of :func:`find_copies`.

    ``n`` is the number of copies found (``None`` = unbounded, the degenerate case A ⊆ B);
    ``involutions`` the witnesses (as index pairs; :meth:`involution_names` gives coordinate names);
    ``images`` the copies B_i (or the superset copies B_i*); ``hypotheses`` maps each name of
    :data:`HYPOTHESIS_NAMES` to True / False / None (not applicable); ``upper_bound`` the best bound
    valid for all involutions (None if unknown); ``reason`` explains n = 0 or the degenerate case.
    """

    n: int | None
    maximal: bool
    maximal_scope: str
    involutions: tuple[Involution, ...]
    coordinates: tuple[str, ...]
    images: tuple[frozenset, ...]
    hypotheses: dict[str, bool | None] = field(hash=False)
    reason: str
    method: str
    upper_bound: int | None
    candidates: int
    complete: bool
    nd: bool = False
    superset: bool = False
    provenance: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def degenerate(self) -> bool:
        return self.n is None

    def involution_names(self) -> list[list[list[str]]]:
        return [phi.names(self.coordinates) for phi in self.involutions]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "n": self.n,
            "unbounded": self.n is None,
            "maximal": self.maximal,
            "maximal_scope": self.maximal_scope,
            "upper_bound": self.upper_bound,
            "involutions": self.involution_names(),
            "involution_indices": [[list(p) for p in phi.pairs] for phi in self.involutions],
            "hypotheses": dict(self.hypotheses),
            "reason": self.reason,
            "method": self.method,
            "candidates": self.candidates,
            "complete_enumeration": self.complete,
            "nd": self.nd,
            "superset": self.superset,
            "coordinates": list(self.coordinates),
            "images": [[_opt_text(o) for o in sorted(img)] for img in self.images],
        }
        out["provenance"] = dict(self.provenance)
        return out

    def to_json(self) -> str:
        """Canonical JSON of :meth:`to_dict` (sorted keys)."""
        import json

        return json.dumps(self.to_dict(), sort_keys=True, default=str)

    def _cycles(self) -> list[str]:
        return ["".join(f"({x} {y})" for x, y in pairs) or "id" for pairs in self.involution_names()]

    def _repr_html_(self) -> str:
        """Notebook display: n, maximality and the involutions."""
        from html import escape

        items = "".join(f"<li>φ<sub>{i}</sub> = {escape(c)}</li>" for i, c in enumerate(self._cycles(), 1))
        return f"<p>{escape(str(self))}</p><ul>{items}</ul>"

    def _repr_latex_(self) -> str:
        """Notebook display as LaTeX: n and the involutions as products of transpositions."""
        def tex(name: str) -> str:
            return r"\mathrm{" + name.replace("_", r"\_") + "}"

        phis = [r"\varphi_{%d} = %s" % (i, "".join(f"({tex(x)}\\ {tex(y)})" for x, y in pairs) or r"\mathrm{id}")
                for i, pairs in enumerate(self.involution_names(), 1)]
        head = r"n = \infty\ (A \subseteq B)" if self.n is None else f"n = {self.n}"
        return "$" + r",\quad ".join([head] + phis) + "$"

    def __str__(self) -> str:
        if self.n is None:
            return f"n = unbounded (degenerate): {self.reason}"
        if self.n == 0:
            return f"n = 0: {self.reason}"
        flag = f"maximal ({self.maximal_scope})" if self.maximal else "not proven maximal"
        return f"n = {self.n}, {flag}"


def _opt_text(o: tuple) -> Any:
    if len(o) == 1:
        return [format_fraction(x) for x in o[0]]
    return [[format_fraction(x) for x in layer] for layer in o]


def _plain(options: Iterable[tuple]) -> list:
    return [[list(layer) for layer in o] for o in options]


# --------------------------------------------------------------------------- inputs
def _actions(x: Any) -> list[str]:
    if isinstance(x, str):
        return [p.strip() for p in x.split(",") if p.strip()]
    return list(x)


def _option_set(env: Any, state: str, action: str | None, semantics: Any, nd: bool,
                max_size: int = 100_000) -> OptionSet:
    from ..mdp import option_set  # imported lazily: vector-set use does not need the mdp package

    return option_set(env, state, action, semantics, nd=nd, max_size=max_size)


def _from_env(env: Any, state: str, a: Any, b: Any, semantics: Any, nd: bool, max_size: int = 100_000):
    def option_set(env: Any, state: str, action: str | None, semantics: Any, nd: bool) -> OptionSet:
        return _option_set(env, state, action, semantics, nd, max_size)

    acts_a, acts_b = _actions(a), _actions(b)
    if not acts_a or not acts_b:
        raise OptionSetError("name at least one action for --a and for --b")
    overlap = set(acts_a) & set(acts_b)
    if overlap:
        raise OptionSetError(f"action(s) {', '.join(sorted(overlap))} given for both A and B")
    A = _union([option_set(env, state, x, semantics, nd) for x in acts_a], f"options({state} | {','.join(acts_a)})")
    B = _union([option_set(env, state, x, semantics, nd) for x in acts_b], f"options({state} | {','.join(acts_b)})")
    C = option_set(env, state, None, semantics, nd)  # every option at the state
    return A, B, C, acts_a, acts_b


def _union(sets: list[OptionSet], label: str) -> OptionSet:
    """``OptionSet.union(sets, label)``; one set is only relabelled (a shallow copy), not re-sorted:
    sorting long option tuples of Fractions again costs seconds at d = 1000."""
    if len(sets) == 1:
        out = copy.copy(sets[0])
        object.__setattr__(out, "provenance", label)
        return out
    return OptionSet.union(sets, label)


def _as_option_set(X: Any, name: str) -> Any:
    """Plain lists of exact vectors are accepted like everywhere else (floats are refused)."""
    if X is None or isinstance(X, OptionSet):
        return X
    if isinstance(X, (list, tuple)):
        return OptionSet.from_vectors(X, provenance=name, name=name)
    return X  # _check_inputs names the wrong type


def _check_inputs(A: OptionSet, B: OptionSet, C: OptionSet | None) -> None:
    for name, s in (("A", A), ("B", B)) + ((("C", C),) if C is not None else ()):
        if not isinstance(s, OptionSet):
            raise OptionSetError(f"{name} must be an OptionSet (got {type(s).__name__})")
    if not len(A):
        raise OptionSetError("A is empty: there is nothing to copy")
    for name, s in (("B", B),) + ((("C", C),) if C is not None else ()):
        if tuple(s.coordinates) != tuple(A.coordinates):
            raise OptionSetError(f"{name} has different coordinates from A")
        if len(s) and s.depth != A.depth:
            raise OptionSetError(f"{name} has {s.depth} layers per option but A has {A.depth}")


# --------------------------------------------------------------------------- the search
def _scale(options: Iterable[tuple], den: int) -> frozenset:
    if den == 1:  # every entry is an integer: its numerator (map with a C-level getter)
        num = attrgetter("numerator")
        return frozenset(tuple(tuple(map(num, layer)) for layer in o) for o in options)
    return frozenset(tuple(tuple(x.numerator * (den // x.denominator) for x in layer) for layer in o)
                     for o in options)


def _unscale(options: Iterable[tuple], den: int, cache: dict | None = None) -> frozenset:
    """Divide every entry by ``den`` again; ``cache`` (int → Fraction) shares the few distinct
    values of long sparse options instead of building one Fraction per entry."""
    memo: dict = {} if cache is None else cache
    options = list(options)
    for o in options:
        for layer in o:
            for x in set(layer).difference(memo):
                memo[x] = Fraction(x, den)
    get = memo.__getitem__
    return frozenset(tuple(tuple(map(get, layer)) for layer in o) for o in options)


def _common_denominator(sets: Iterable[OptionSet]) -> int:
    """lcm of the denominators of every entry (the distinct denominators are collected first)."""
    dens: set[int] = set()
    get = attrgetter("denominator")
    for s in sets:
        for o in s.options:
            for layer in o:
                dens.update(map(get, layer))
    return lcm(*dens) if dens else 1


def _colour(option: tuple, supp: frozenset) -> tuple:
    """:func:`.candidates.colour` (the multiset of the non-zero (layered) entries) from the option's
    known support: only the support is read, not all d entries."""
    vals = Counter(tuple(layer[k] for layer in option) for k in supp)
    return tuple(sorted(vals.items()))


def _no_copy_reason(A: frozenset, B: frozenset, what: str, den: int = 1) -> str:
    """Why no copy exists, in the *original* scale: ``A``/``B`` hold integer options scaled by
    ``den`` (:func:`_scale`), so every value shown is divided by ``den`` again."""

    def shown(xs: Iterable) -> str:
        return ", ".join(format_fraction(v) for v in sorted({Fraction(x, den) for x in xs if x != 0}))

    if len(B) < len(A):
        return f"B has {len(B)} option(s), fewer than the {len(A)} of {what}: no copy can fit"
    sa, sb = support(A), support(B)
    if len(sb) < len(sa):
        return f"B's options use {len(sb)} coordinate(s), fewer than the {len(sa)} used by {what}"
    from .candidates import colour

    colours_b = {colour(o) for o in B}
    for o in sorted(A):
        if colour(o) not in colours_b:
            return (f"no option of B has the same non-zero entries as the option of {what} with values "
                    f"{{{shown(x for layer in o for x in layer)}}} (supports or values differ)")
    need, have = Counter(map(colour, A)), Counter(map(colour, B))
    for c, k in sorted(need.items()):
        if have[c] < k:
            return (f"{what} has {k} options with non-zero entries {{{shown(x for v, _ in c for x in v)}}} "
                    f"(same pattern) but B has only {have[c]}")
    return f"no involution of the coordinates maps {what} into B"


@dataclass(frozen=True)
class CopiesOptions:
    """The search settings of :func:`find_copies` (all keyword arguments besides the inputs).

    ``nd`` copies ND(A); ``superset`` allows superset copies (P22 Def B.8); ``disjoint`` demands
    pairwise disjoint images; ``require`` may name ``"c_invariant"`` / ``"disjoint_images"``;
    ``max_candidates`` bounds the exact (clique) search, ``clique_budget`` its branch-and-bound
    nodes, ``scan_limit`` the candidates looked at per greedy round, ``env_candidates`` /
    ``c_candidates`` the environment-graph and C-automorphism candidates; ``max_options`` bounds the
    options enumerated per action when the input is an environment."""

    nd: bool = False
    superset: bool = False
    disjoint: bool = False
    require: tuple[str, ...] = ()
    max_candidates: int = 300
    scan_limit: int = 2000
    env_candidates: int = 200
    clique_budget: int = 200_000
    c_candidates: int = 100
    max_options: int = 100_000

    def validated(self) -> "CopiesOptions":
        """Checked settings (``require=["disjoint_images"]`` implies ``disjoint``)."""
        require = tuple(self.require)
        bad = [r for r in require if r not in ("c_invariant", "disjoint_images")]
        if bad:
            raise OptionSetError(f"cannot require {', '.join(bad)} (requirable: c_invariant, disjoint_images)")
        if self.max_candidates < 0 or self.scan_limit < 1:
            raise OptionSetError("max_candidates must be ≥ 0 and scan_limit ≥ 1")
        return replace(self, require=require, disjoint=self.disjoint or "disjoint_images" in require)


@dataclass(frozen=True)
class _Inputs:
    """A, B, C as option sets, the environment's action lists (or None) and the provenance."""

    A: OptionSet
    B: OptionSet
    C: OptionSet | None
    env_a: list[str] | None
    env_b: list[str] | None
    provenance: dict[str, str] = field(hash=False)


def _resolve_inputs(A: Any, B: Any, C: Any, env: Any, state: str | None, a: Any, b: Any, semantics: Any,
                    opts: CopiesOptions) -> _Inputs:
    """Option sets from vector sets or from an environment, checked (one clear error each)."""
    provenance: dict[str, str] = {}
    env_a = env_b = None
    if env is not None:
        if A is not None or B is not None:
            raise OptionSetError("give either option sets A, B or an environment, not both")
        if state is None or a is None or b is None or semantics is None:
            raise OptionSetError("an environment needs state, a, b and semantics")
        A, B, C_env, env_a, env_b = _from_env(env, state, a, b, semantics, opts.nd, opts.max_options)
        C = C if C is not None else C_env
        provenance["semantics"] = getattr(semantics, "name", str(semantics))
        provenance["state"] = state
    if A is None or B is None:
        raise OptionSetError("find_copies needs A and B (or an environment)")
    A, B, C = (_as_option_set(X, name) for X, name in ((A, "A"), (B, "B"), (C, "C")))
    _check_inputs(A, B, C)
    if "c_invariant" in opts.require and C is None:
        raise OptionSetError("requiring c_invariant needs a choice set C")
    provenance.update({"A": A.provenance, "B": B.provenance})
    if C is not None:
        provenance["C"] = C.provenance
    return _Inputs(A, B, C, env_a, env_b, provenance)


def _upper_bound(a_eff: frozenset, b_set: frozenset, supp_a: dict, supp_b: dict, need: Counter,
                 have: Counter, n_images: int | None, disjoint: bool) -> int | None:
    """The least of the upper bounds valid for all involutions (module docstring, step 3);
    ``n_images``: the number of distinct images ψ·A when every candidate was enumerated."""
    bounds = []
    if n_images is not None:
        bounds.append(n_images)
    sa = frozenset().union(*supp_a.values())
    sb = frozenset().union(*supp_b.values())
    if sa and not (sa & sb):
        nonzero_a = [o for o in a_eff if supp_a[o]]
        nonzero_b = [o for o in b_set if supp_b[o]]
        bounds.append(min(len(sb) // len(sa), len(nonzero_b) // len(nonzero_a)))
    if disjoint:
        bounds.append(len(b_set) // len(a_eff))
    # compatible copies have distinct images, each a subset of B with A's colour counts
    bounds.append(prod(comb(have[c], k) for c, k in need.items()))
    return min(bounds) if bounds else None


def _recheck(A: OptionSet, B: OptionSet, C: OptionSet | None, result: "CopiesResult", nd: bool,
             layered: bool, superset: bool) -> None:
    """Re-check a found family with the standard-library checker (raises on a finder bug).

    The checker re-runs the claims about C on every option of C for every φ_i (its φ·C = C test
    re-hashes all of C); past :data:`RECHECK_C_WORK` (n·|C|·d) it re-checks the copies themselves
    (and nd_copies, disjoint_images) only -- orthogonal was decided by that checker's own function,
    z_condition by :mod:`.fasthyp` and c_invariant by :mod:`.setaction` (both twin-tested against
    the checker)."""
    n = len(result.involutions)
    claims = [k for k, v in result.hypotheses.items()
              if v and k in copycheck.HYPOTHESES and not (layered and k == "nd_copies")]
    recheck_c = C is None or n * len(C) * len(A.coordinates) <= RECHECK_C_WORK
    ok, why = check_copies(A, B, result.involutions, C=C if recheck_c else None, nd=nd and not layered,
                           claims=[k for k in claims if recheck_c or k not in _C_CLAIMS],
                           supersets=result.images if superset else None)
    if not ok:  # pragma: no cover - would be a bug in the finder
        raise AssertionError(f"internal error: the copies checker rejected the family: {why}")


def find_copies(
    A: OptionSet | None = None,
    B: OptionSet | None = None,
    *,
    C: OptionSet | None = None,
    env: Any = None,
    state: str | None = None,
    a: Any = None,
    b: Any = None,
    semantics: Any = None,
    nd: bool = False,
    superset: bool = False,
    disjoint: bool = False,
    require: Iterable[str] = (),
    max_candidates: int = 300,
    scan_limit: int = 2000,
    env_candidates: int = 200,
    clique_budget: int = 200_000,
    c_candidates: int = 100,
    max_options: int = 100_000,
    options: CopiesOptions | None = None,
) -> CopiesResult:
    """Largest family of involutions showing "B contains n copies of A" (P22 Def A.7).

    Either give option sets ``A``, ``B`` (and optionally the choice set ``C``), or an environment
    ``env`` with ``state``, actions ``a`` (smaller side) and ``b`` (larger side; each may be a
    comma-separated list whose option sets are united) and ``semantics``; then C is the set of all
    options at ``state``.  ``nd`` copies ND(A) instead of A; ``superset`` allows superset copies;
    ``disjoint`` demands pairwise disjoint images; ``require`` may contain ``"c_invariant"`` to keep
    only involutions with φ·C = C.  ``max_candidates`` bounds the exact (clique) search, whose
    branch and bound visits at most ``clique_budget`` nodes (else the result is a lower bound).
    ``max_options`` bounds the options enumerated per action of an environment (refused past it).
    ``options`` (a :class:`CopiesOptions`) replaces all of these settings at once.
    """
    if options is None:
        options = CopiesOptions(nd, superset, disjoint, tuple(require), max_candidates, scan_limit,
                                env_candidates, clique_budget, c_candidates, max_options)
    opts = options.validated()
    nd, superset, disjoint, require = opts.nd, opts.superset, opts.disjoint, opts.require
    max_candidates, scan_limit, clique_budget = opts.max_candidates, opts.scan_limit, opts.clique_budget
    env_candidates, c_candidates = opts.env_candidates, opts.c_candidates
    inputs = _resolve_inputs(A, B, C, env, state, a, b, semantics, opts)
    A, B, C, env_a, env_b, provenance = (inputs.A, inputs.B, inputs.C, inputs.env_a, inputs.env_b,
                                         inputs.provenance)
    coords = tuple(A.coordinates)
    # exact integer scaling by one common denominator: φ-action, equality, supports and ND are
    # unchanged, and hashing ints is much faster than hashing Fractions
    den = _common_denominator(s for s in (A, B, C) if s is not None)
    a_all, b_set = _scale(A.options, den), _scale(B.options, den)
    c_set = _scale(C.options, den) if C is not None else None
    layered = A.depth > 1
    if nd and layered:
        if env is None:
            raise OptionSetError("nd=True is not supported for layered (Blackwell) vector sets")
        a_eff = a_all  # option_set(..., nd=True) already returned ND(A)
    elif nd:
        a_eff = fasthyp.nondominated(a_all)
    else:
        a_eff = a_all
    what = "ND(A)" if nd else "A"
    common = dict(coordinates=coords, nd=nd, superset=superset, provenance=provenance)
    c_index = SupportIndex(c_set) if c_set is not None else None

    def c_fixed(phi: Involution) -> bool:
        """φ·C = C (fast form; twin: ``phi.apply_set(c_set) == c_set``, see :mod:`.setaction`)."""
        return c_index is not None and c_index.fixes(phi)

    def finish(fam: list[Candidate], images: list[frozenset], **kw: Any) -> CopiesResult:
        hyps = _hypotheses(fam, images, a_all, a_eff, b_set, c_set, nd, superset, layered, c_fixed)
        cache: dict = {}
        return CopiesResult(involutions=tuple(f.phi for f in fam),
                            images=tuple(_unscale(i, den, cache) for i in images),
                            hypotheses=hyps, **kw, **common)

    # degenerate: the copied set already lies in B (P22 footnote 8)
    if a_eff <= b_set and not disjoint:
        ident = Candidate(Involution(()), a_eff)
        return finish([ident], [a_eff], n=None, maximal=True, maximal_scope="all involutions",
                      reason=(f"{what} ⊆ B: the identity gives n copies for every n (P22 footnote 8); "
                              "every conclusion is trivially true (max over B ≥ max over A)"),
                      method="subset test", upper_bound=None, candidates=1, complete=True)

    # quick necessary conditions: enough options of each colour and enough coordinates
    supp_a = {o: option_support(o) for o in a_eff}  # one pass over each option
    supp_b = {o: option_support(o) for o in b_set}
    sa = frozenset().union(*supp_a.values())
    sb = frozenset().union(*supp_b.values())
    need = Counter(_colour(o, supp_a[o]) for o in a_eff)
    have = Counter(_colour(o, supp_b[o]) for o in b_set)
    if any(have[c] < k for c, k in need.items()) or len(sb) < len(sa):
        return finish([], [], n=0, maximal=True, maximal_scope="all involutions",
                      reason=_no_copy_reason(a_eff, b_set, what, den), method="counting test",
                      upper_bound=0, candidates=0, complete=True)

    # 1. enumerate candidate involutions (up to the cap): involution-aware search (.invsearch)
    found = list(islice(iter_involution_copies(sorted(a_eff), b_set), max_candidates + 1))
    complete = len(found) <= max_candidates
    found = found[:max_candidates]
    images_all = {phi.apply_set(a_eff) for phi in found}
    pool: dict[Involution, Candidate] = {phi: Candidate(phi, phi.apply_set(a_eff)) for phi in found}
    env_done = [env is None]

    def add_env_candidates() -> None:
        """The environment-graph (VF2) candidates, computed once and only when needed: the exact
        clique needs them; the greedy search only once its vector pools stop short of the bound."""
        if env_done[0]:
            return
        env_done[0] = True
        from .envmatch import env_candidate_involutions

        for phi in env_candidate_involutions(env, state, env_a, env_b, limit=env_candidates):
            if phi not in pool and phi.apply_set(a_eff) <= b_set:
                pool[phi] = Candidate(phi, phi.apply_set(a_eff))

    if complete:
        add_env_candidates()

    def add_c_invariant_candidates() -> None:
        for phi in islice(iter_c_invariant_candidates(a_eff, b_set, c_set), c_candidates):
            if phi not in pool:
                pool[phi] = Candidate(phi, phi.apply_set(a_eff))

    if "c_invariant" in require:
        add_c_invariant_candidates()

    def allowed(c: Candidate) -> bool:
        return "c_invariant" not in require or c_fixed(c.phi)

    # canonical order (by swapped pairs) so that the result never depends on hash order
    cands = sorted((c for c in pool.values() if allowed(c)), key=lambda c: c.phi.pairs)
    if superset:
        def compat(x: Candidate, y: Candidate) -> bool:
            return superset_compatible(x, y, b_set, disjoint=disjoint)
    else:
        def compat(x: Candidate, y: Candidate) -> bool:
            return compatible(x, y, disjoint=disjoint)

    # 3. upper bounds valid for all involutions
    ub = _upper_bound(a_eff, b_set, supp_a, supp_b, need, have, len(images_all) if complete else None, disjoint)

    # 2. exact clique or greedy
    exact = False
    if complete:
        fam, exact = max_family_budgeted(cands, compat, target=ub, budget=clique_budget)
        method = (f"exact maximum clique over {len(cands)} candidate involution(s)" if exact else
                  f"clique search over {len(cands)} candidate involution(s) stopped after {clique_budget} "
                  "nodes (lower bound)")
    else:
        def extra():
            add_env_candidates()
            yield from sorted((c for c in pool.values() if allowed(c)), key=lambda c: c.phi.pairs)

        sig_b = option_signatures(b_set)  # once: the greedy search re-enumerates over B − used
        # B − used, kept incrementally: the family only grows between calls of pools (greedy_family),
        # so the images used so far and the signatures of B − used are updated by the new members only
        a_sorted = sorted(a_eff)
        dom_b = coordinate_domains(a_sorted, sig_b, len(coords))
        # [members seen, used, signatures of B − used, coordinate domains for them]
        last: list = [0, frozenset(), sig_b, dom_b]

        def pools(family: list[Candidate]):
            if last[0] > len(family):
                last[:] = [0, frozenset(), sig_b, dom_b]
            new = (frozenset().union(*(f.image for f in family[last[0]:])) & b_set) - last[1]
            used = last[1] | new if new else last[1]
            sig_left = without_options(last[2], new)
            dom_left = shrink_domains(last[3], a_sorted, sig_left, (k for o in new for k in option_support(o)))
            last[:] = [len(family), used, sig_left, dom_left]
            yield (c for c in (Candidate(p, p.apply_set(a_eff))
                               for p in iter_involution_copies(a_sorted, SetWithout(b_set, used),
                                                               b_signatures=sig_left, domains=dom_left))
                   if allowed(c))
            yield (c for c in (Candidate(p, p.apply_set(a_eff))
                               for p in iter_involution_copies(a_sorted, b_set, b_signatures=sig_b, domains=dom_b))
                   if allowed(c))
            yield extra()

        fam = greedy_family(pools, compat, scan_limit, stop_at=ub)
        cands = sorted((c for c in pool.values() if allowed(c)), key=lambda c: c.phi.pairs)
        method = (f"greedy (more than {max_candidates} candidate involutions; lower bound, "
                  "heuristic unless it meets the upper bound)")
    if c_set is not None and exact and "c_invariant" not in require and fam and not all(
            c_fixed(f.phi) for f in fam):
        # prefer an equally large C-invariant family, so that the reported hypotheses are strongest
        add_c_invariant_candidates()
        inv = sorted((c for c in pool.values() if c_fixed(c.phi)), key=lambda c: c.phi.pairs)
        fam2, exact2 = max_family_budgeted(inv, compat, target=len(fam), budget=clique_budget)
        if len(fam2) == len(fam):
            fam = fam2
    images = [f.image for f in fam]
    if superset and fam:
        closures = superset_closures(fam, b_set)
        dropped = False
        while fam and closures is None:
            fam = fam[:-1]
            exact, dropped = False, True
            closures = superset_closures(fam, b_set)
        if dropped:  # plain copies are superset copies too (B_i* = B_i): never report fewer
            plain, _ = max_family_budgeted(cands, lambda x, y: compatible(x, y, disjoint=disjoint),
                                           target=ub, budget=clique_budget)
            if len(plain) > len(fam):
                fam, closures = plain, superset_closures(plain, b_set)
        images = closures or []
    n = len(fam)
    if ub is not None and n >= ub:
        maximal, scope = True, "all involutions"
    elif exact:
        maximal, scope = True, "candidates"
    else:
        maximal, scope = False, "none"
    if n == 0:
        if not pool:
            reason = _no_copy_reason(a_eff, b_set, what, den)
        elif not cands:
            reason = "no candidate involution fixes C setwise (required c_invariant)"
        else:
            reason = "no candidate satisfies the pairwise conditions"
    else:
        reason = f"B contains {n} cop{'y' if n == 1 else 'ies'} of {what}"
    result = finish(fam, images, n=n, maximal=maximal, maximal_scope=scope, reason=reason,
                    method=method, upper_bound=ub, candidates=len(cands), complete=complete)
    if n:
        _recheck(A, B, C, result, nd, layered, superset)
    return result


def _hypotheses(fam, images, a_all, a_eff, b_set, c_set, nd, superset, layered,
                c_fixed=None) -> dict[str, bool | None]:
    hyps: dict[str, bool | None] = {k: None for k in HYPOTHESIS_NAMES}
    if not fam:
        return hyps
    phis = [f.phi for f in fam]
    perms = [p.permutation(len(next(iter(a_all))[0])) for p in phis]
    plain_images = [f.image for f in fam]
    hyps["nd_copies"] = True  # copies of A are copies of ND(A): ND(φX) = φND(X)
    if nd:
        hyps["copies_of_A"] = copycheck._copies_reason(a_all, b_set, perms, "A") is None
    else:
        hyps["copies_of_A"] = not superset or all(
            f.phi.apply_set(img) == img for i, f in enumerate(fam) for j, img in enumerate(plain_images) if i != j)
    hyps["disjoint_images"] = all(not (x & y) for i, x in enumerate(images) for y in images[i + 1:])
    hyps["superset"] = True if superset else None
    if c_set is not None:
        fixed = c_fixed if c_fixed is not None else (lambda p: p.apply_set(c_set) == c_set)
        hyps["c_invariant"] = all(fixed(p) for p in phis)
        if not layered:
            nd_a = a_eff if nd else fasthyp.nondominated(a_all)
            nd_c = fasthyp.nondominated(c_set)
            hyps["z_condition"] = fasthyp.z_condition_holds(b_set, c_set, nd_a, nd_c, phis)
            hyps["orthogonal"] = copycheck.orthogonal_holds(a_all, b_set, nd_c)
    return hyps


def check_copies(
    A: OptionSet,
    B: OptionSet,
    involutions: Sequence[Involution | Sequence[Sequence[int]]],
    *,
    C: OptionSet | None = None,
    nd: bool = False,
    claims: Iterable[str] = (),
    supersets: Sequence[Iterable[tuple]] | None = None,
) -> tuple[bool, str]:
    """Check a copies claim with the standard-library checker :func:`orbitproof.symmetry.check.check_copies`."""
    invs = [[list(p) for p in (inv.pairs if isinstance(inv, Involution) else inv)] for inv in involutions]
    return copycheck.check_copies(
        _plain(A.options), _plain(B.options), invs,
        C=_plain(C.options) if C is not None else None,
        coordinates=A.coordinates, claims=claims, nd=nd,
        supersets=[_plain(s) for s in supersets] if supersets is not None else None,
    )
