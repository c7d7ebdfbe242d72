"""How the live loop keeps up: latency from capture to frame shown, model time, frame rate, drops."""
from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

import numpy as np

from formcheck.data import Frame, Pose

FPS_WINDOW_S = 2.0  # the frame rate shown is over the last two seconds: steady, yet current


def percentile(values: list[float], q: float) -> float | None:
    return float(np.percentile(values, q)) if values else None


@dataclass
class LiveStats:
    """Per shown frame: latency (ms) and its media time (s); per analysed frame: inference (ms)."""

    latency_ms: list[float] = field(default_factory=list)
    latency_t_s: list[float] = field(default_factory=list)
    inference_ms: list[float] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    _recent: deque = field(default_factory=deque)  # monotonic times of recent shown frames

    def shown(self, captured_at: float, t_s: float, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        self.latency_ms.append((now - captured_at) * 1000.0)
        self.latency_t_s.append(t_s)
        self._recent.append(now)
        while self._recent and self._recent[0] < now - FPS_WINDOW_S:
            self._recent.popleft()

    @property
    def fps(self) -> float:
        if len(self._recent) < 2:
            return 0.0
        return (len(self._recent) - 1) / max(self._recent[-1] - self._recent[0], 1e-6)

    def hud_text(self) -> str:
        latency = f"{self.latency_ms[-1]:.0f} ms" if self.latency_ms else "-"
        return f"{self.fps:.0f} fps  latency {latency}"

    def summary(self, captured: int, dropped: int) -> dict:
        """Medians and 95th percentiles over the session, and the share of captured frames dropped."""
        shown = len(self.latency_ms)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        return {
            "frames_shown": shown,
            "frames_captured": captured,
            "dropped": dropped,
            "dropped_rate": round(dropped / captured, 4) if captured else 0.0,
            "fps": round(shown / elapsed, 2),
            "latency_ms_p50": _rounded(percentile(self.latency_ms, 50)),
            "latency_ms_p95": _rounded(percentile(self.latency_ms, 95)),
            "inference_ms_p50": _rounded(percentile(self.inference_ms, 50)),
            "inference_ms_p95": _rounded(percentile(self.inference_ms, 95)),
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


class TimedEstimator:
    """The pose stage with its own time recorded: what the loop's latency is compared against."""

    def __init__(self, estimator, stats: LiveStats):
        self.estimator, self.stats = estimator, stats

    def detect(self, frame: Frame) -> Pose | None:
        start = time.perf_counter()
        pose = self.estimator.detect(frame)
        self.stats.inference_ms.append((time.perf_counter() - start) * 1000.0)
        return pose
