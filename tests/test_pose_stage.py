"""The pose stage through the real MediaPipe model, on a short real clip."""
from __future__ import annotations

import itertools

import numpy as np

from formcheck.data import Frame
from formcheck.landmarks import Landmark
from formcheck.models import resolve_model
from formcheck.pose import PoseEstimator
from formcheck.sources import VideoFileSource


def test_finds_the_person_with_pixel_and_world_landmarks(person_clip):
    source = VideoFileSource(person_clip)
    with PoseEstimator(resolve_model("lite")) as estimator:
        poses = [estimator.detect(f) for f in itertools.islice(source, 30)]
    found = [p for p in poses if p is not None]
    assert len(found) >= 27
    pose = found[-1]
    assert pose.xy.shape == (33, 2) and pose.world.shape == (33, 3)
    assert pose.visibility.shape == (33,) and pose.presence.shape == (33,)
    # pixels, not normalised: the body spans a good part of the frame
    assert np.ptp(pose.xy[:, 0]) > 0.1 * source.info.width
    # world landmarks in metres around the hips: a shoulder-to-hip distance of a real adult
    torso = np.linalg.norm(pose.world[Landmark.LEFT_SHOULDER] - pose.world[Landmark.LEFT_HIP])
    assert 0.3 < torso < 0.8


def test_empty_scene_gives_no_pose():
    rng = np.random.default_rng(1)
    with PoseEstimator(resolve_model("lite")) as estimator:
        results = [estimator.detect(Frame(i, i * 40.0, np.zeros((240, 320, 3), np.uint8))) for i in range(5)]
        results += [estimator.detect(Frame(5 + i, 200 + i * 40.0, rng.integers(0, 255, (240, 320, 3), np.uint8))) for i in range(5)]
    assert all(r is None for r in results)
