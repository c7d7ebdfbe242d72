"""Smoothing landmark jitter without lagging real movement, and bridging short detection gaps.

The One Euro filter (Casiez et al., CHI 2012) is a low-pass filter whose cutoff rises with speed:
a held pose is steadied (MediaPipe jitters a few pixels at rest, which would shake hold timers)
while a fast knee drive is followed with little lag. It runs in media time, so the same clip at
15 or 60 fps is smoothed alike.
"""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from formcheck.data import Pose

# At rest, a 1 Hz cutoff (time constant 0.16 s) removes MediaPipe's frame-to-frame jitter.
MIN_CUTOFF_HZ = 1.0
# Cutoff gained per unit of speed (image diagonals or metres per second): a limb moving at half a
# body height per second is filtered at about 6 Hz, i.e. followed within ~30 ms.
BETA = 10.0
DERIVATIVE_CUTOFF_HZ = 1.0
# A landmark seen with less visibility than this is not fed to the filter: MediaPipe guesses
# hidden joints, and a guess must not drag the smoothed track (footage README: guessed knees
# wobble 30-50°). Its raw value passes through with its low visibility, for analysers to reject.
MIN_VISIBILITY = 0.3
# Gaps up to this long are bridged with the last pose (a blink of the detector, a hand passing);
# longer ones are left as gaps, which the analysers report as unusable spans.
MAX_BRIDGE_S = 0.3


def _alpha(cutoff_hz: np.ndarray | float, dt_s: float) -> np.ndarray | float:
    tau = 1.0 / (2.0 * math.pi * cutoff_hz)
    return 1.0 / (1.0 + tau / dt_s)


class OneEuroFilter:
    """One Euro filter over an array of any shape; `update` with a mask of the entries to feed."""

    def __init__(self, min_cutoff: float = MIN_CUTOFF_HZ, beta: float = BETA, d_cutoff: float = DERIVATIVE_CUTOFF_HZ):
        self.min_cutoff, self.beta, self.d_cutoff = min_cutoff, beta, d_cutoff
        self._x: np.ndarray | None = None
        self._dx: np.ndarray | None = None
        self._t: float | None = None

    def reset(self) -> None:
        self._x = self._dx = self._t = None

    def update(self, t_s: float, x: np.ndarray, feed: np.ndarray | None = None) -> np.ndarray:
        """Filtered value of `x` at time `t_s`. Entries where `feed` is False restart from raw."""
        x = np.asarray(x, np.float64)
        if self._x is None or self._t is None or t_s <= self._t:
            self._x, self._dx, self._t = x.copy(), np.zeros_like(x), t_s
            return x.copy()
        dt = t_s - self._t
        dx = (x - self._x) / dt
        dx_hat = self._dx + _alpha(self.d_cutoff, dt) * (dx - self._dx)
        cutoff = self.min_cutoff + self.beta * np.abs(dx_hat)
        x_hat = self._x + _alpha(cutoff, dt) * (x - self._x)
        if feed is not None:
            x_hat = np.where(feed, x_hat, x)
            dx_hat = np.where(feed, dx_hat, 0.0)
        bad = ~np.isfinite(x_hat)  # a NaN landmark must not poison the state for later frames
        x_hat[bad], dx_hat[bad] = x[bad], 0.0
        self._x, self._dx, self._t = x_hat, dx_hat, t_s
        return x_hat


class PoseSmoother:
    """Filters each landmark of a stream of poses, gated by visibility, bridging short gaps."""

    def __init__(self, image_diagonal_px: float, max_bridge_s: float = MAX_BRIDGE_S):
        self._scale = float(image_diagonal_px)  # px -> image diagonals, so BETA means the same at any size
        self._xy = OneEuroFilter()
        self._world = OneEuroFilter()
        self._max_bridge_s = max_bridge_s
        self._last: Pose | None = None

    def update(self, t_ms: float, pose: Pose | None) -> Pose | None:
        t_s = t_ms / 1000.0
        if pose is None:
            if self._last is not None and t_s - self._last.t_ms / 1000.0 <= self._max_bridge_s:
                return replace(self._last, bridged=True)
            self._last = None
            self._xy.reset()
            self._world.reset()
            return None
        feed = (pose.visibility >= MIN_VISIBILITY)[:, None]
        xy = self._xy.update(t_s, pose.xy / self._scale, feed) * self._scale
        world = self._world.update(t_s, pose.world, feed)
        smoothed = replace(pose, xy=xy.astype(np.float32), world=world.astype(np.float32))
        self._last = smoothed
        return smoothed
