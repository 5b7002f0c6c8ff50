"""The front door and the estimates behind every refusal (docs/limits.md).

Estimates must be upper bounds of the real work (so a refusal is never wrong about "too large"
by underestimating), parsing must refuse what Python would silently accept (non-ASCII digits) or
crash on (over 4,300 digits, deep nesting), and output paths must be checked before work.
"""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbitproof.claims import parse_family
from orbitproof.cli.main import _join_negative_values, _value_options, build_parser
from orbitproof.core.errors import ExactNumberError, FormatError, TooLargeError
from orbitproof.core.exact import MAX_DIGITS, check_digits, parse_int, to_fraction
from orbitproof.core.files import check_output_path, nesting_depth, parse_structured
from orbitproof.core.limits import JOBS_PER_CPU, max_jobs
from orbitproof.core.names import check_name, did_you_mean, name_problem
from orbitproof.search.families import FAMILY_OPTIONS, parse_instance_family


# ------------------------------------------------------------------ numbers
@pytest.mark.parametrize("text", ["١", "١/٢", "٣", "1/٢", "۱", "१", "１"])
def test_non_ascii_digits_are_refused(text):
    with pytest.raises(ExactNumberError, match="ASCII|cannot read"):
        to_fraction(text, "gamma")


def test_numbers_over_the_digit_limit_are_refused_before_int_conversion():
    ok = "9" * MAX_DIGITS
    assert to_fraction(ok) == int(ok)
    for text in ("9" * (MAX_DIGITS + 1), "1/" + "7" * 5000, "-" + "3" * 4301, "0." + "1" * 5000):
        with pytest.raises(ExactNumberError, match="digits"):
            to_fraction(text, "r")
    with pytest.raises(ExactNumberError, match="digits"):
        check_digits("x" + "1" * (MAX_DIGITS + 1))


@given(st.integers(min_value=-10**50, max_value=10**50))
def test_parse_int_reads_every_ascii_integer_back(n):
    assert parse_int(str(n), "n") == n
    assert parse_int(f"{n:_}", "n") == n


def test_parse_int_bounds_name_the_field():
    with pytest.raises(ExactNumberError, match="--limit must be at least 1"):
        parse_int("-1", "--limit", minimum=1)
    with pytest.raises(ExactNumberError, match="at most"):
        parse_int("99999999999999999999", "N", maximum=10**7)


# ------------------------------------------------------------------ files
_NESTED = st.recursive(st.integers(0, 9), lambda kids: st.lists(kids, max_size=3), max_leaves=30)


def _depth(x) -> int:
    return 1 + max(map(_depth, x), default=0) if isinstance(x, list) else 0


@given(_NESTED)
def test_nesting_depth_of_json_text_is_the_structure_depth(value):
    assert nesting_depth(json.dumps(value)) == _depth(value)
    assert nesting_depth(json.dumps({"k": value, "s": "[[[[ not counted ]"})) == 1 + _depth(value)


@pytest.mark.parametrize("kind", ["json", "toml"])
def test_deep_nesting_and_long_numbers_are_one_format_error(kind):
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(FormatError, match="nested"):
        parse_structured(deep if kind == "json" else f"a = {deep}", kind, "f")
    big = "1" * 5000
    with pytest.raises(FormatError, match="digits"):
        parse_structured(f'{{"a": {big}}}' if kind == "json" else f"a = {big}", kind, "f")


def test_toml_comments_and_strings_do_not_count_as_nesting():
    text = 'a = "[[[[[[[["\n# [[[[[[[[[[[[[[\nb = [[1], [2]]\nc = \'\'\'[[[[\'\'\'\n'
    assert nesting_depth(text, toml=True) == 2
    assert parse_structured(text, "toml", "f")["b"] == [[1], [2]]


def test_output_paths_are_checked_before_work(tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("x")
    with pytest.raises(FormatError, match="not a folder"):
        check_output_path(f, "--out", folder=True)
    with pytest.raises(FormatError, match="is a folder"):
        check_output_path(tmp_path, "--certificate")
    with pytest.raises(FormatError, match="--out"):
        check_output_path("/proc/orbitproof-no/x.pdf", "--out")
    with pytest.raises(FormatError, match="empty"):
        check_output_path("", "--out")
    made = check_output_path(tmp_path / "new" / "deeper", "--out", folder=True)
    assert made.is_dir() and list(made.iterdir()) == []  # the probe file is removed
    assert check_output_path(tmp_path / "sub" / "c.json", "--certificate").parent.is_dir()


# ------------------------------------------------------------------ names
@pytest.mark.parametrize("name", ["a\x07", "a,b", "x=1", " a", "a\n", "\u202e", ""])
def test_one_name_rule_for_states_and_coordinates(name):
    assert name_problem(name) is not None
    with pytest.raises(FormatError):
        check_name(name, "coordinate")


def test_did_you_mean_suggests_the_closest_name():
    assert did_you_mean("reward", ["rewards", "states"]) == " (did you mean 'rewards'?)"
    assert did_you_mean("CANDY", ["candy", "fig1"]) == " (did you mean 'candy'?)"
    assert did_you_mean("zzzz", ["candy", "fig1"]) == ""


# ------------------------------------------------------------------ arguments
def test_values_starting_with_a_minus_sign_are_joined_to_their_option():
    opts = _value_options(build_parser())
    assert {"--reward", "-r", "--gamma", "--mixture"} <= opts
    assert _join_negative_values(["count", "--reward", "-1,0,2", "--gain"], opts) == [
        "count", "--reward=-1,0,2", "--gain"]
    assert _join_negative_values(["--reward", "-x"], opts) == ["--reward", "-x"]  # not a number: unchanged
    assert _join_negative_values(["--", "--reward", "-1"], opts) == ["--", "--reward", "-1"]


def test_jobs_cap_is_a_multiple_of_the_cpu_count():
    import os

    assert max_jobs() == JOBS_PER_CPU * (os.cpu_count() or 1)


# ------------------------------------------------------------------ family estimates
_SMALL_FAMILIES = st.one_of(
    st.builds(lambda k, D: f"{k}:max_d={D}", st.sampled_from(["units", "units-shared", "units-extra", "blocks"]),
              st.integers(2, 6)),
    st.builds(lambda d, v, a, b, c: f"vectors:d={d},values={v},max_a={a},max_b={b},c={c}",
              st.integers(1, 3), st.integers(1, 2), st.integers(1, 2), st.integers(1, 2), st.integers(0, 1)),
    st.builds(lambda n: f"mdp:states={n}", st.integers(2, 4)),
    st.builds(lambda n, c: f"vectors-random:d={n},count={c}", st.integers(1, 4), st.integers(0, 5)),
    st.builds(lambda n, v, c: f"d13:d={n},values={v},count={c}", st.integers(1, 4), st.integers(1, 2),
              st.integers(0, 3)),
    st.builds(lambda n, c: f"mdp-random:states={n},count={c}", st.integers(2, 4), st.integers(0, 3)),
    st.just("catalog:semantics=gain;1/2,name=candy;fig1"),
)


@settings(max_examples=40, deadline=None)
@given(_SMALL_FAMILIES, st.integers(1, 5))
def test_family_estimates_bound_the_instances_generated(text, limit):
    try:
        fam = parse_instance_family(text)
    except FormatError as exc:  # d13 with a pool of one vector
        assert "d13" in str(exc)
        return
    specs = fam.specs()
    assert len(specs) <= fam.estimate()
    assert list(islice(fam.iter_specs(), limit)) == specs[:limit]
    assert fam.estimate(limit) <= fam.estimate() or fam.kind in ("vectors", "mdp")


def test_unknown_family_options_name_the_valid_ones():
    for kind, opts in FAMILY_OPTIONS.items():
        with pytest.raises(FormatError, match="valid: " + ", ".join(opts)):
            parse_instance_family(f"{kind}:zz=1")
    with pytest.raises(FormatError, match="unknown name 'nosuch'"):
        parse_instance_family("catalog:name=nosuch")
    fam = parse_instance_family("catalog:name=terminal")
    assert {s["label"].split(":")[0] for s in fam.specs()} == {"terminal"}


def test_huge_families_are_refused_with_the_estimate_and_the_flag():
    for text in ("units:max_d=1000", "vectors:d=99", "mdp:states=100000", "d13:d=60"):
        with pytest.raises(TooLargeError, match="--max-family"):
            parse_instance_family(text).check_size()
    with pytest.raises(TooLargeError, match="--max-family"):
        parse_instance_family("vectors:d=99").check_size(limit=1)
    assert parse_instance_family("units:max_d=1000").check_size(limit=3) > 0


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["tie-patterns", "grid:0", "grid:2", "random:7", "mixtures:1", "mixrandom:4",
                        "mixfaces:1", "mixfaces:2", "mixfaces:1:2", "list:1,2;3,4"]), st.integers(1, 3))
def test_reward_family_sizes_bound_the_rewards(text, d):
    fam = parse_family(text)
    if fam.kind == "list":
        d = 2
    n = sum(1 for _ in fam.rewards(d))
    assert n <= fam.size(d)
    if fam.kind != "mixfaces":
        assert n == fam.size(d)


def test_reward_families_are_sized_before_any_reward_is_built():
    with pytest.raises(TooLargeError, match="--max-rewards"):
        next(parse_family("grid:100").rewards(5))
    with pytest.raises(TooLargeError, match="--max-rewards"):
        parse_family("mixfaces:2:99999999999999999999").check_size(5)
    assert parse_family("grid:100").with_limit(None).check_size(5) > 10**6
    with pytest.raises(FormatError, match="did you mean 'grid'"):
        parse_family("gird:3")
