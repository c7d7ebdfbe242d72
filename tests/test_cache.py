from __future__ import annotations

import json

import numpy as np
import pytest

from formcheck.cache import load_track, save_track
from formcheck.data import Pose, PoseTrack, SourceInfo
from formcheck.errors import FormcheckError


def _track(n: int = 12) -> PoseTrack:
    rng = np.random.default_rng(3)
    poses = [
        None if i % 5 == 4 else Pose(
            i * 40.0, rng.random((33, 2), np.float32) * 600, rng.random((33, 3), np.float32),
            rng.random(33, np.float32), rng.random(33, np.float32))
        for i in range(n)
    ]
    source = SourceInfo("clip.mp4", 25.0, 640, 480, 90, n / 25, n)
    return PoseTrack.from_poses([i * 40.0 for i in range(n)], poses, source, "full")


def test_round_trip_keeps_everything(tmp_path):
    track = _track()
    save_track(track, tmp_path / "poses.npz")
    back = load_track(tmp_path / "poses.npz")
    assert back.source == track.source and back.model == "full"
    for name in ("t_ms", "xy", "world", "visibility", "presence", "people"):
        np.testing.assert_array_equal(getattr(back, name), getattr(track, name))
    assert [p is None for _, p in back.poses()] == [p is None for _, p in track.poses()]


@pytest.mark.parametrize("damage", ["truncate", "text", "missing_array", "bad_meta", "shape", "time"])
def test_damaged_caches_get_one_clear_error(tmp_path, damage):
    path = tmp_path / "poses.npz"
    track = _track()
    if damage == "truncate":
        save_track(track, path)
        path.write_bytes(path.read_bytes()[:300])
    elif damage == "text":
        path.write_text("hello")
    else:
        arrays = dict(t_ms=track.t_ms, xy=track.xy, world=track.world, visibility=track.visibility,
                      presence=track.presence, people=track.people,
                      meta=np.array(json.dumps({"format": "formcheck-poses/1", "source": {"path": "x", "fps": 1, "width": 1, "height": 1}, "model": "full"})))
        if damage == "missing_array":
            del arrays["world"]
        elif damage == "bad_meta":
            arrays["meta"] = np.array("{not json")
        elif damage == "shape":
            arrays["xy"] = arrays["xy"][:, :10]
        elif damage == "time":
            arrays["t_ms"] = arrays["t_ms"][::-1].copy()
        np.savez(path, **arrays)
    with pytest.raises(FormcheckError):
        load_track(path)
