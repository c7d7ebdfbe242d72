"""A progress bar on stderr, only for a person watching a terminal."""
from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """`update(done)` redraws at most 10 times a second; silent unless enabled and on a terminal."""

    def __init__(self, total: int, label: str, enabled: bool = True, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.total = max(total, 0)
        self.label = label
        self.enabled = enabled and self.stream.isatty()
        self._last_draw = 0.0
        self._start = time.monotonic()

    def update(self, done: int) -> None:
        now = time.monotonic()
        if not self.enabled or now - self._last_draw < 0.1:
            return
        self._last_draw = now
        rate = done / max(now - self._start, 1e-6)
        if self.total:
            fraction = min(done / self.total, 1.0)
            bar = "#" * int(fraction * 30)
            eta = (self.total - done) / rate if rate > 0 else 0.0
            text = f"\r{self.label} [{bar:<30}] {fraction:4.0%} {done}/{self.total} frames, {rate:4.0f} fps, {eta:3.0f} s left"
        else:
            text = f"\r{self.label} {done} frames, {rate:4.0f} fps"
        self.stream.write(text)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()
