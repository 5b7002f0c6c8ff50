"""A dependency-free progress bar on stderr (shown only on a TTY and when not ``quiet``).

Usage::

    with Progress(total=n, label="counting", quiet=args.quiet) as bar:
        for chunk in work:
            ...
            bar.advance(len(chunk))

Shows done/total, rate and ETA; redraws at most ~10 times a second.  Nothing here affects a
result: progress is purely cosmetic.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


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
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
            self.enabled = False


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
