from __future__ import annotations

import numpy as np
import pytest

from formcheck.data import Pose
from formcheck.smoothing import MAX_BRIDGE_S, OneEuroFilter, PoseSmoother


def _pose(t_ms: float, xy: np.ndarray, visibility: float = 1.0) -> Pose:
    return Pose(t_ms, xy.astype(np.float32), np.zeros((33, 3), np.float32), np.full(33, visibility, np.float32), np.ones(33, np.float32))


def test_one_euro_steadies_jitter_at_rest():
    rng = np.random.default_rng(0)
    f = OneEuroFilter()
    raw = 0.5 + rng.normal(0, 0.003, size=300)
    out = np.array([f.update(i / 30, np.array([x]))[0] for i, x in enumerate(raw)])
    assert out[30:].std() < raw[30:].std() / 2


def test_one_euro_follows_fast_movement_with_little_lag():
    f = OneEuroFilter()
    t = np.arange(0, 2, 1 / 30)
    raw = 0.3 * np.sin(2 * np.pi * 1.0 * t)  # a 1 Hz swing of 0.3 diagonals: a brisk knee drive
    out = np.array([f.update(ti, np.array([x]))[0] for ti, x in zip(t, raw)])
    assert np.abs(out[15:] - raw[15:]).max() < 0.05


def test_one_euro_is_frame_rate_invariant():
    def smoothed_at_1s(fps):
        f = OneEuroFilter()
        value = None
        for i in range(int(fps) + 1):
            ti = i / fps
            value = f.update(ti, np.array([min(ti, 0.5)]))[0]  # ramp then hold
        return value

    assert smoothed_at_1s(15) == pytest.approx(smoothed_at_1s(60), abs=0.01)


def test_nan_does_not_poison_the_filter():
    f = OneEuroFilter()
    f.update(0.0, np.array([1.0]))
    f.update(0.1, np.array([np.nan]))
    assert np.isfinite(f.update(0.2, np.array([1.0]))[0])


def test_low_visibility_landmarks_pass_through_unfiltered():
    smoother = PoseSmoother(image_diagonal_px=1000)
    xy = np.full((33, 2), 100.0)
    smoother.update(0, _pose(0, xy))
    jumped = xy + 300.0
    out = smoother.update(33, _pose(33, jumped, visibility=0.1))
    assert np.allclose(out.xy, jumped)  # not dragged toward a guess, not smoothed into one


def test_short_gaps_are_bridged_and_long_gaps_are_not():
    smoother = PoseSmoother(image_diagonal_px=1000)
    xy = np.full((33, 2), 100.0)
    smoother.update(0, _pose(0, xy))
    bridged = smoother.update(100, None)
    assert bridged is not None and bridged.bridged
    assert smoother.update(MAX_BRIDGE_S * 1000 + 50, None) is None
    assert smoother.update(MAX_BRIDGE_S * 1000 + 100, None) is None
