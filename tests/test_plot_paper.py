"""Figures at paper size: 8 pt text at 3.5 in, axes labelled, nothing clipped, gridworlds drawn as
grids with walls, and byte-reproducible PNG / PDF / SVG files."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from orbitproof.cli import main
from orbitproof.core.errors import FormatError
from orbitproof.core.semantics import Gain
from orbitproof.mdp import resolve_environment
from orbitproof.report import plot

ROOT = Path(__file__).resolve().parent.parent


def _paper_sized(rep: plot.TextReport, style_name: str = "paper") -> None:
    st = plot.style(style_name)
    assert rep.width_in <= st["width"] + 1e-9, rep
    assert rep.min_font_pt >= st["font"], rep
    assert rep.clipped == () and rep.axes_unlabelled == 0, rep


def test_gridworld_with_walls_is_drawn_as_a_grid():
    from matplotlib.patches import Rectangle

    env = resolve_environment(str(ROOT / "examples" / "walls.toml"))
    pos = plot.grid_positions(env)
    assert pos is not None and pos["c3_2"] == (3, 2) and len(pos) == 10
    fig, rows = plot.environment_figure(env)
    cells = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    walls = [p for p in cells if p.get_facecolor()[:3] == pytest.approx((0x40 / 255,) * 3)]
    assert len(cells) == 12 and len(walls) == 2  # 4 x 3 map, walls at (3, 0) and (1, 1)
    assert {tuple(round(v) for v in w.get_xy()) for w in walls} == {(3, -1), (1, -2)}
    _paper_sized(plot.text_report(fig))
    plot.pyplot().close(fig)


def test_non_grid_environments_are_not_taken_for_grids():
    assert plot.grid_positions(resolve_environment("candy")) is None
    assert plot.grid_positions(resolve_environment("gridworld:w=3,h=2")) is not None


@pytest.mark.parametrize("spec, state, a, b", [("fig1", "star", "left", "right"), ("candy", "start", "candy", "wait"),
                                               ("gridworld:w=2,h=2", "c0_0", "right", "down")])
def test_environment_drawings_are_paper_sized_and_unclipped(spec, state, a, b):
    fig, rows = plot.environment_figure(resolve_environment(spec), state=state, a=a, b=b, semantics=Gain())
    _paper_sized(plot.text_report(fig))
    plot.pyplot().close(fig)


def test_gamma_and_scaling_figures_have_labelled_axes_at_8pt():
    env = resolve_environment("candy")
    rows = plot.gamma_data(env, state="start", a="candy", b="wait", reward=(0, 1, 2, 3, 4),
                           gammas=[Fraction(1, 10), Fraction(1, 2), Fraction(9, 10)])
    fig = plot.gamma_figure(rows, env_name="candy", state="start", a="candy", b="wait")
    _paper_sized(plot.text_report(fig))
    plot.pyplot().close(fig)
    data = plot.scaling_data("terminal:m=1,n={n}", state="start", a="die", b="live", semantics=Gain(), ns=[1, 2, 3])
    fig = plot.scaling_figure(data, template="terminal:m=1,n={n}", state="start", a="die", b="live",
                              semantics=Gain())
    _paper_sized(plot.text_report(fig))
    plot.pyplot().close(fig)


def test_slides_style_is_larger():
    env = resolve_environment("candy")
    rows = plot.gamma_data(env, state="start", a="candy", b="wait", reward=(0, 1, 2, 3, 4), gammas=[Fraction(1, 2)])
    fig = plot.gamma_figure(rows, env_name="candy", state="start", a="candy", b="wait", style_name="slides")
    rep = plot.text_report(fig, target_width_in=8.0)
    _paper_sized(rep, "slides")
    assert rep.width_in > 6
    plot.pyplot().close(fig)
    with pytest.raises(FormatError, match="unknown style"):
        plot.style("poster")


@pytest.mark.parametrize("suffix", [".pdf", ".png", ".svg"])
def test_plot_files_are_byte_reproducible(tmp_path, capsys, suffix):
    args = ["plot", "gamma", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--reward", "0,1,2,3,4",
            "--gammas", "1/4,1/2"]
    outs = []
    for k in (1, 2):
        out = tmp_path / f"run{k}" / f"gamma{suffix}"
        assert main([*args, "--out", str(out)]) == 0
        outs.append(out.read_bytes())
    capsys.readouterr()
    assert outs[0] == outs[1]
    assert b"CreationDate" not in outs[0] and b"ModDate" not in outs[0]


def test_plot_env_style_option(tmp_path, capsys):
    out = tmp_path / "walls.png"
    assert main(["plot", "env", str(ROOT / "examples" / "walls.toml"), "--style", "slides", "--out", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "wrote" in capsys.readouterr().out
