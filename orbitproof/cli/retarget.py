"""``orbitproof retarget``: retargetability of A → B on one orbit (P22 Def 3.5; docs/rules.md).

    orbitproof retarget --sets FILE --reward R [--compare RULE] [--certificate PATH] [--json]
"""

from __future__ import annotations

import argparse

from .common import add_output_arguments, print_json
from .rulearg import compare_spec
from ..core.errors import FormatError
from ..core.exact import format_fraction, parse_vector

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    from ..core.limits import COMPARE_SYNTAX

    p = subparsers.add_parser(
        "retarget",
        help="largest n with A →^n B retargetable on one orbit (P22 Def 3.5)",
        description=("Search S_d (d ≤ 7) for permutations φ_1..φ_n that map every orbit element where A beats B "
                     "to one where B beats A, with pairwise disjoint images (P22 Def 3.5, Θ = R^d). Reports "
                     "the largest n found and whether it is proven maximal (counting bound or exhaustive "
                     "search)."),
    )
    p.add_argument("--sets", metavar="FILE", required=True, help="vector-set file (TOML/JSON with A, B and optional C)")
    p.add_argument("--reward", "-r", metavar="R", required=True, help='reward: "0,1,2" in coordinate order')
    p.add_argument("--compare", type=compare_spec, default="max", metavar="RULE",
                   help=f"decision rule: {COMPARE_SYNTAX} (default max)")
    p.add_argument("--certificate", metavar="FILE", help="also write a retargeting certificate (orbitproof verify)")
    add_output_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.optionset import load_vector_sets
    from ..orbits.retarget import retargetability

    vs = load_vector_sets(args.sets)
    reward = parse_vector(args.reward, vs.A.coordinates, field="--reward")
    if len(reward) != vs.A.dimension:
        raise FormatError(f"--reward has {len(reward)} entries but there are {vs.A.dimension} coordinates")
    C = vs.C if args.compare != "max" else None
    res = retargetability(vs.A, vs.B, reward, C=C, compare=args.compare)
    coords = vs.A.coordinates
    perms = [[coords[p[i]] for i in range(len(coords))] for p in res.permutations]
    if args.certificate:
        from ..certificates.build import write_certificate
        from ..certificates.retarget import retargeting_certificate

        write_certificate(retargeting_certificate(res, sets=vs, reward=reward), args.certificate)
    if args.json:
        print_json({"n": res.n, "maximal": res.maximal, "bound": res.bound, "permutations": perms,
                    "b_gt_a": res.b_gt_a, "a_gt_b": res.a_gt_b, "orbit_size": res.orbit_size,
                    "compare": res.compare, "reward": [format_fraction(x) for x in reward]})
        return 0
    print(f"orbit of r = ({', '.join(format_fraction(x) for x in reward)}): {res.orbit_size} elements; "
          f"B > A {res.b_gt_a}, A > B {res.a_gt_b}; compare {res.compare}")
    if res.n is None:
        print("no orbit element has A > B: A →^n B is retargetable for every n")
        return 0
    print(f"A →^{res.n} B retargetable on this orbit; counting bound ⌊#(B>A)/#(A>B)⌋ = {res.bound}; "
          f"{'proven maximal' if res.maximal else 'not proven maximal (search budget)'}")
    for k, p in enumerate(perms, 1):
        moved = ", ".join(f"{a}→{b}" for a, b in zip(coords, p) if a != b)
        print(f"  φ_{k}: {moved or 'identity'}")
    return 0
