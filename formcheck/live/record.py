"""`--record`: the coached picture written as a video that keeps real time.

Frames the loop dropped still took time, so the last picture is repeated over them: a minute of
session is a minute of video, at the source's frame rate.
"""
from __future__ import annotations

import numpy as np

from formcheck.sinks import AnnotatedVideoSink


class TimedRecorder:
    def __init__(self, sink: AnnotatedVideoSink):
        self.sink = sink
        self._start_ms: float | None = None

    def write(self, image: np.ndarray, t_ms: float) -> None:
        """`image` stands from media time `t_ms` on; written as often as its slot needs."""
        if self._start_ms is None:
            self._start_ms = t_ms
        due = int((t_ms - self._start_ms) * self.sink.fps / 1000.0 + 0.5) + 1  # frames up to this one
        for _ in range(max(due - self.sink.frames, 0)):
            self.sink.write(image)
