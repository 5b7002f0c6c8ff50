"""Progress on a terminal: demo, count and copies print status lines on stderr when it is a TTY (run
here in a pseudo-terminal), and stay silent with ``--quiet`` or when stderr is not a TTY."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import time

import pytest

from orbitproof.core.progress import Stages

COUNT = ["count", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--gain", "--reward", "0,1,2,3,4"]
COPIES = ["copies", "candy", "--state", "start", "--a", "candy", "--b", "wait", "--gain"]


def run_in_pty(args: list[str], cwd: str, timeout: float = 600) -> tuple[int, str]:
    """``python -m orbitproof ARGS`` with stdin/stdout/stderr on a pseudo-terminal; (exit code, output)."""
    env = dict(os.environ, ORBITPROOF_PROGRESS_DELAY="0", COLUMNS="120")
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.chdir(cwd)
        os.execve(sys.executable, [sys.executable, "-m", "orbitproof", *args], env)
    chunks = []
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 1.0)
            if ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("args, lines", [
    (COUNT, ["count [1/2] computing the option sets of A and B", "count [2/2] counting the orbit"]),
    (COPIES, ["copies [1/1] option sets and involutions"])])
def test_count_and_copies_show_a_status_line_on_a_terminal(tmp_path, args, lines):
    code, out = run_in_pty(args, str(tmp_path))
    assert code == 0, out
    for line in lines:
        assert f"\r\x1b[K{line}  " in out, out
    label = args[0]
    assert "elapsed" in out and f"{label}: done in " in out
    assert out.index(f"{label}: done in ") < out.index("orbit of r" if label == "count" else "B contains")


@pytest.mark.parametrize("args", [COUNT, COPIES])
def test_quiet_and_pipes_stay_silent(tmp_path, args):
    code, out = run_in_pty([*args, "--quiet"], str(tmp_path))
    assert code == 0 and "\x1b[K" not in out and "elapsed" not in out
    proc = subprocess.run([sys.executable, "-m", "orbitproof", *args], capture_output=True, text=True,
                          env=dict(os.environ, ORBITPROOF_PROGRESS_DELAY="0"), cwd=tmp_path, timeout=300)
    assert proc.returncode == 0 and proc.stderr == ""


@pytest.mark.slow
def test_demo_shows_one_stage_per_row_and_figure_with_an_eta(tmp_path):
    code, out = run_in_pty(["demo", "--out", "report"], str(tmp_path))
    assert code == 0, out[-2000:]
    assert "demo [1/19] candy: wait vs candy, gain" in out
    assert "demo [19/19] figure gamma" in out
    assert "ETA " in out and "demo: done in " in out


def test_stages_eta_comes_from_the_finished_stages():

    st = Stages(["a", "b", "c", "d"], label="x", stream=io.StringIO(), force=True, weights=[1, 1, 2, 4])
    st.start = st._stage_start = 100.0
    st.done = 2
    st._stage_start = 110.0          # two stages of weight 1 took 10 s: 5 s per unit of weight
    assert st.eta(110.0) == 30.0     # weights 2 + 4 left
    assert st.eta(115.0) == 25.0
    assert Stages(3, stream=io.StringIO(), force=True).eta(0.0) is None
    st.close()


def test_stages_are_silent_off_a_terminal():
    buf = io.StringIO()
    with Stages(2, label="x", stream=buf) as st:
        with st.stage("one"):
            pass
    assert buf.getvalue() == ""


def test_plot_scaling_shows_one_line_per_n(tmp_path):
    code, out = run_in_pty(["plot", "scaling", "--env-template", "terminal:m=1,n={n}", "--state", "start", "--a", "die",
                            "--b", "live", "--gain", "--n", "1..3", "--out", "s.png"], str(tmp_path))
    assert code == 0, out
    assert "plot scaling [1/3] n = 1" in out and "plot scaling [3/3] n = 3" in out and "ETA " in out


def test_stage_lines_wait_while_a_bar_draws_and_stop_between_stages():
    from orbitproof.core.progress import Progress

    buf = io.StringIO()
    with Stages(2, label="x", stream=buf, force=True, tick=60) as st:
        with st.stage("one"):
            bar = Progress(total=10, label="bar", stream=buf, force=True, min_interval=0)
            bar.advance(5)               # the bar owns the line for a second
            before = buf.getvalue()
            st._draw()
            assert buf.getvalue() == before
            bar.close()                  # released: the stage line may draw again
            st._draw()
            assert buf.getvalue().endswith("x [1/2] one  00:00 elapsed")
        before = buf.getvalue()
        st._draw()                       # between stages (e.g. after an error): nothing
        assert buf.getvalue() == before
