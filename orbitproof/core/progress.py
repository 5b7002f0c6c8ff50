"""A dependency-free progress bar on stderr (shown only on a TTY and when not ``quiet``).

Usage::

    with Progress(total=n, label="counting", quiet=args.quiet) as bar:
        for chunk in work:
            ...
            bar.advance(len(chunk))

Shows done/total, rate and ETA; redraws at most ~10 times a second.  For work made of a few
stages of unknown length, :class:`Stages` prints one status line per stage and keeps it ticking
(elapsed time, and an ETA from the stages done so far)::

    with Stages(["options of A", "options of B", "counting"], label="count", quiet=args.quiet) as st:
        with st.stage("options of A"):
            ...

Both stay silent when the stream is not a TTY or with ``quiet``.  Nothing here affects a result:
progress is purely cosmetic.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

__all__ = ["Progress", "Stages", "stage", "progress_delay"]

#: Until this time (monotonic clock) a :class:`Progress` bar owns the terminal line, and
#: :class:`Stages` does not redraw over it.
_bar_active_until = 0.0


class Progress:
    """Progress reporter; silent unless ``stream`` is a TTY and ``quiet`` is false."""

    def __init__(
        self,
        total: int | None,
        label: str = "",
        quiet: bool = False,
        stream: TextIO | None = None,
        min_interval: float = 0.1,
        force: bool = False,
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)()
        self.enabled = (force or isatty) and not quiet
        self.done = 0
        self.start = time.monotonic()
        self._last = 0.0
        self.min_interval = min_interval

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self, k: int = 1) -> None:
        self.done += k
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= self.min_interval:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        global _bar_active_until
        _bar_active_until = now + 1.0
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        if self.total:
            frac = min(self.done / self.total, 1.0)
            width = 28
            filled = int(frac * width)
            bar = "#" * filled + "-" * (width - filled)
            eta = (self.total - self.done) / rate if rate > 0 else 0.0
            text = (
                f"\r{self.label} [{bar}] {self.done:,}/{self.total:,} "
                f"{_fmt_rate(rate)} ETA {_fmt_time(eta)}"
            )
        else:
            text = f"\r{self.label} {self.done:,} {_fmt_rate(rate)} {_fmt_time(elapsed)}"
        self.stream.write(text)
        self.stream.flush()

    def close(self) -> None:
        global _bar_active_until
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
            self.enabled = False
            _bar_active_until = 0.0


def _fmt_rate(rate: float) -> str:
    for unit, scale in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if rate >= scale:
            return f"{rate / scale:.1f}{unit}/s"
    return f"{rate:.0f}/s"


def _fmt_time(seconds: float) -> str:
    seconds = int(seconds)
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class Stages:
    """Stage messages on stderr: ``label [k/N] message  0:12 elapsed, ETA 0:40``, redrawn every
    ``tick`` seconds by a daemon thread while a stage runs.  The ETA is the mean time of the finished
    stages (weighted by ``weights`` when given) times the remaining stages; before the first stage
    finishes (or with ``eta=False``) only the elapsed time is shown.  While a :class:`Progress` bar
    inside a stage is drawing, the stage line waits.  Silent unless ``stream`` is a TTY and not
    ``quiet``; nothing at all before ``delay`` seconds."""

    def __init__(self, stages: Sequence[str] | int, label: str = "", quiet: bool = False,
                 stream: TextIO | None = None, force: bool = False, tick: float = 0.5,
                 weights: Sequence[float] | None = None, delay: float = 0.0, eta: bool = True) -> None:
        self.total = stages if isinstance(stages, int) else len(stages)
        self.weights = list(weights) if weights is not None else [1.0] * self.total
        if len(self.weights) != self.total:
            raise ValueError("one weight per stage")
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)()
        self.enabled = (force or isatty) and not quiet
        self.tick = tick
        self.delay = delay  # nothing is drawn before this many seconds (quick runs stay silent)
        self.show_eta = eta  # False when the stages differ too much in cost for an estimate
        self._drawn = False
        self.done = 0
        self.start = time.monotonic()
        self._message = ""
        self._active = False  # lines are drawn only while a stage runs (an error between stages stops them)
        self._stage_start = self.start
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def __enter__(self) -> "Stages":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def eta(self, now: float) -> float | None:
        """Seconds left, from the finished stages (None before the first one finishes)."""
        if self.done == 0:
            return None
        spent = self._stage_start - self.start
        per_weight = spent / max(sum(self.weights[:self.done]), 1e-9)
        left = sum(self.weights[self.done:]) * per_weight - (now - self._stage_start)
        return max(left, 0.0)

    def _line(self, now: float) -> str:
        eta = self.eta(now) if self.show_eta else None
        tail = f"{_fmt_time(now - self.start)} elapsed" + ("" if eta is None else f", ETA {_fmt_time(eta)}")
        return f"\r\x1b[K{self.label} [{min(self.done + 1, self.total)}/{self.total}] {self._message}  {tail}"

    def _draw(self) -> None:
        with self._lock:
            now = time.monotonic()
            if self.enabled and self._active and now - self.start >= self.delay and now >= _bar_active_until:
                self.stream.write(self._line(now))
                self.stream.flush()
                self._drawn = True

    def _run(self) -> None:
        while not self._stop.wait(self.tick):
            self._draw()

    @contextmanager
    def stage(self, message: str) -> Iterator[None]:
        """Run one stage; the status line shows ``message`` until the block ends."""
        self._message = message
        self._stage_start = time.monotonic()
        self._active = True
        if self.enabled and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="orbitproof-progress", daemon=True)
            self._thread.start()
        self._draw()
        try:
            yield
        finally:
            self._active = False
            self.done += 1
            self._stage_start = time.monotonic()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self.enabled and self._drawn:
            with self._lock:
                self.stream.write(f"\r\x1b[K{self.label}: done in {_fmt_time(time.monotonic() - self.start)}\n")
                self.stream.flush()
        self.enabled = False


def progress_delay() -> float:
    """Seconds before a status line appears: ``ORBITPROOF_PROGRESS_DELAY`` (default 1)."""
    try:
        return float(os.environ.get("ORBITPROOF_PROGRESS_DELAY", "1"))
    except ValueError:
        return 1.0


@contextmanager
def stage(message: str, label: str = "orbitproof", quiet: bool = False, stream: TextIO | None = None,
          delay: float | None = None) -> Iterator[None]:
    """One long step with a ticking status line (elapsed time) on a TTY, shown once the step has
    run ``delay`` seconds (default: the environment variable ``ORBITPROOF_PROGRESS_DELAY``, else 1):
    ``with stage("searching for copies", label="copies"):``."""
    if delay is None:
        delay = progress_delay()
    with Stages(1, label=label, quiet=quiet, stream=stream, delay=delay, eta=False) as st, st.stage(message):
        yield
