"""A video file played as if it were a camera: each frame released at its media time on the clock.

This is how the live coach is tested and demoed where no camera exists. A camera does not wait
for a slow reader, so neither does this: a frame whose moment has already passed by more than
MAX_LATE_S when it is decoded is skipped (counted), instead of the whole clip sliding late.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from formcheck.data import Frame
from formcheck.live.capture import Captured

# About two frames at 30 fps: decoding jitter is forgiven, a decoder that cannot keep up is not.
MAX_LATE_S = 0.07


class RealTimePacer:
    """Iterates Captured frames due at (start + media time); `skipped` counts frames it let go."""

    def __init__(self, frames: Iterable[Frame], clock=time.monotonic, sleep=time.sleep, max_late_s: float = MAX_LATE_S):
        self.frames, self.clock, self.sleep, self.max_late_s = frames, clock, sleep, max_late_s
        self.skipped = 0

    def __iter__(self) -> Iterator[Captured]:
        start: float | None = None
        for frame in self.frames:
            if start is None:
                start = self.clock() - frame.t_ms / 1000.0
            due = start + frame.t_ms / 1000.0
            wait = due - self.clock()
            if wait > 0:
                self.sleep(wait)
            elif -wait > self.max_late_s:
                self.skipped += 1
                continue
            # Stamped with its due time: the moment a camera would have captured it.
            yield Captured(frame, due)
