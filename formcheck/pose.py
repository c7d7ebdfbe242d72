"""The pose stage: MediaPipe Pose Landmarker turning an RGB frame into a Pose, or None."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from formcheck.data import Frame, Pose
from formcheck.errors import FormcheckError
from formcheck.landmarks import Landmark, N_LANDMARKS
from formcheck.models import ModelBundle

# MediaPipe's C++ core logs to stderr unless told otherwise; a CLI user should not see it.
os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# One person by default: in VIDEO mode MediaPipe tracks the person it found first from frame to
# frame. Asking for two makes its detector run on every frame, +50% time measured here (11.4 ->
# 17.1 ms a 720p frame, full model); with two, the one followed is the one nearest the last seen.
MAX_PEOPLE = 1
# MediaPipe's defaults (0.5) drop lying bodies in dim footage; 0.5 for presence keeps ghost
# poses out of empty frames (checked on black and noise videos in the tests).
MIN_DETECTION_CONFIDENCE = 0.5
MIN_PRESENCE_CONFIDENCE = 0.5
MIN_TRACKING_CONFIDENCE = 0.5


# MediaPipe's C++ core writes one-time notices (XNNPACK delegate, feedback tensors) straight to
# file descriptor 2 while the graph is built and on its first frames; GLOG_minloglevel does not
# reach them. They say nothing a user can act on.
_NOISY_FIRST_FRAMES = 2


@contextmanager
def native_stderr_silenced() -> Iterator[None]:
    """Point fd 2 at /dev/null for the duration; Python's own errors still propagate as exceptions."""
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all
        yield
        return
    sys.stderr.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(devnull)
        os.close(saved)


class PoseEstimator:
    """Wraps a PoseLandmarker in VIDEO mode (files, and live frames stamped by the clock).

    Use as a context manager: MediaPipe's graph must be closed before the interpreter exits.
    """

    def __init__(self, model: ModelBundle, max_people: int = MAX_PEOPLE):
        import mediapipe  # heavy import (~1 s), paid only when a model is run
        from mediapipe.tasks.python import BaseOptions, vision

        self.model = model
        options = vision.PoseLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=str(model.path)),
            running_mode=vision.RunningMode.VIDEO,
            num_poses=max_people,
            min_pose_detection_confidence=MIN_DETECTION_CONFIDENCE,
            min_pose_presence_confidence=MIN_PRESENCE_CONFIDENCE,
            min_tracking_confidence=MIN_TRACKING_CONFIDENCE,
        )
        try:
            with native_stderr_silenced():
                self._landmarker = vision.PoseLandmarker.create_from_options(options)
        except (RuntimeError, ValueError) as exc:
            raise FormcheckError(f"model {model.path} could not be loaded: {str(exc).splitlines()[0]}") from exc
        self._mp_image = mediapipe.Image
        self._rgb = mediapipe.ImageFormat.SRGB
        self._followed: np.ndarray | None = None  # torso centre (px) of the person being followed
        self._last_ts = -1
        self._frames_seen = 0

    def __enter__(self) -> "PoseEstimator":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._landmarker is not None:
            self._landmarker.close()
            self._landmarker = None

    def detect(self, frame: Frame) -> Pose | None:
        height, width = frame.image.shape[:2]
        image = self._mp_image(image_format=self._rgb, data=np.ascontiguousarray(frame.image))
        timestamp = max(int(round(frame.t_ms)), self._last_ts + 1)  # MediaPipe wants strictly rising ms
        self._last_ts = timestamp
        if self._frames_seen < _NOISY_FIRST_FRAMES:
            with native_stderr_silenced():
                result = self._landmarker.detect_for_video(image, timestamp)
        else:
            result = self._landmarker.detect_for_video(image, timestamp)
        self._frames_seen += 1
        if not result.pose_landmarks:
            return None
        people = [_to_arrays(lms, wlms, width, height) for lms, wlms in zip(result.pose_landmarks, result.pose_world_landmarks)]
        xy, world, visibility, presence = people[self._pick(people)]
        self._followed = _torso_centre(xy)
        return Pose(frame.t_ms, xy, world, visibility, presence, people=len(people))

    def _pick(self, people: list[tuple[np.ndarray, ...]]) -> int:
        """Index of the person to follow: the one nearest the last followed, else the largest."""
        if len(people) == 1:
            return 0
        if self._followed is not None:
            distances = [np.linalg.norm(_torso_centre(p[0]) - self._followed) for p in people]
            return int(np.argmin(distances))
        sizes = [np.ptp(p[0][:, 1]) * np.ptp(p[0][:, 0]) for p in people]
        return int(np.argmax(sizes))


_TORSO = [Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER, Landmark.LEFT_HIP, Landmark.RIGHT_HIP]


def _torso_centre(xy: np.ndarray) -> np.ndarray:
    return xy[_TORSO].mean(axis=0)


def _to_arrays(landmarks, world_landmarks, width: int, height: int) -> tuple[np.ndarray, ...]:
    """MediaPipe landmark objects -> xy in pixels, world metres, visibility, presence."""
    raw = np.array([(lm.x, lm.y, lm.visibility or 0.0, lm.presence or 0.0) for lm in landmarks], np.float32)
    world = np.array([(lm.x, lm.y, lm.z) for lm in world_landmarks], np.float32)
    assert raw.shape[0] == N_LANDMARKS, "pose model returned an unexpected landmark count"
    xy = raw[:, :2] * np.array([width, height], np.float32)
    return xy, world, raw[:, 2], raw[:, 3]
