"""The pose stage: MediaPipe Pose Landmarker turning an RGB frame into a Pose, or None."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import cv2
import numpy as np

from formcheck.data import Frame, Pose
from formcheck.errors import FormcheckError
from formcheck.landmarks import N_LANDMARKS
from formcheck.models import ModelBundle, resolve_model

# MediaPipe's C++ core logs to stderr unless told otherwise; a CLI user should not see it.
os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# MediaPipe's defaults; 0.5 for presence keeps ghost poses out of empty frames (checked on black
# and noise videos in the tests).
MIN_DETECTION_CONFIDENCE = 0.5
MIN_PRESENCE_CONFIDENCE = 0.5
MIN_TRACKING_CONFIDENCE = 0.5
# The tracked landmarker looks for one person: in VIDEO mode it follows the person it found first
# from frame to frame. Asking it for two would run its detector on every frame (+50% time measured
# here, 11.4 -> 17.1 ms a 720p frame, full model), so a second person is looked for separately,
# with the lite model, every PEOPLE_CHECK_S of media time (about 2% more time at 30 fps).
PEOPLE_CHECK_S = 2.0


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

    def __init__(self, model: ModelBundle, max_side: int | None = None, count_people: bool = True):
        import mediapipe  # heavy import (~1 s), paid only when a model is run
        from mediapipe.tasks.python import BaseOptions, vision

        self.model = model
        self.max_side = max_side  # a speed mode: frames larger than this are shrunk for the model

        def landmarker(bundle: ModelBundle, mode, people: int):
            options = vision.PoseLandmarkerOptions(
                base_options=BaseOptions(model_asset_path=str(bundle.path)),
                running_mode=mode,
                num_poses=people,
                min_pose_detection_confidence=MIN_DETECTION_CONFIDENCE,
                min_pose_presence_confidence=MIN_PRESENCE_CONFIDENCE,
                min_tracking_confidence=MIN_TRACKING_CONFIDENCE,
            )
            try:
                with native_stderr_silenced():
                    return vision.PoseLandmarker.create_from_options(options)
            except (RuntimeError, ValueError) as exc:
                raise FormcheckError(f"model {bundle.path} could not be loaded: {str(exc).splitlines()[0]}") from exc

        self._landmarker = landmarker(model, vision.RunningMode.VIDEO, 1)
        self._counter = landmarker(resolve_model("lite"), vision.RunningMode.IMAGE, 2) if count_people else None
        self._mp_image = mediapipe.Image
        self._rgb = mediapipe.ImageFormat.SRGB
        self._last_ts = -1
        self._frames_seen = 0
        self._people = 1
        self._next_count_ms = 0.0

    def __enter__(self) -> "PoseEstimator":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for landmarker in (self._landmarker, self._counter):
            if landmarker is not None:
                with native_stderr_silenced():  # MediaPipe logs its teardown ("DestroyAccelerator") on fd 2
                    landmarker.close()
        self._landmarker = self._counter = None

    def detect(self, frame: Frame) -> Pose | None:
        height, width = frame.image.shape[:2]
        pixels = frame.image
        if self.max_side and max(height, width) > self.max_side:
            scale = self.max_side / max(height, width)
            pixels = cv2.resize(pixels, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)
        image = self._mp_image(image_format=self._rgb, data=np.ascontiguousarray(pixels))
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
        xy, world, visibility, presence = _to_arrays(result.pose_landmarks[0], result.pose_world_landmarks[0], width, height)
        return Pose(frame.t_ms, xy, world, visibility, presence, people=self._count_people(image, frame.t_ms))

    def _count_people(self, image, t_ms: float) -> int:
        """People in view, looked at every PEOPLE_CHECK_S; at least the one being tracked."""
        if self._counter is not None and t_ms >= self._next_count_ms:
            self._next_count_ms = t_ms + PEOPLE_CHECK_S * 1000.0
            self._people = max(1, len(self._counter.detect(image).pose_landmarks))
        return self._people


def _to_arrays(landmarks, world_landmarks, width: int, height: int) -> tuple[np.ndarray, ...]:
    """MediaPipe landmark objects -> xy in pixels of the frame given, world metres, visibility, presence.

    MediaPipe's image landmarks are normalised to the image it saw, so a shrunk copy still maps
    back onto the original frame's pixels.
    """
    raw = np.array([(lm.x, lm.y, lm.visibility or 0.0, lm.presence or 0.0) for lm in landmarks], np.float32)
    world = np.array([(lm.x, lm.y, lm.z) for lm in world_landmarks], np.float32)
    assert raw.shape[0] == N_LANDMARKS, "pose model returned an unexpected landmark count"
    xy = raw[:, :2] * np.array([width, height], np.float32)
    return xy, world, raw[:, 2], raw[:, 3]
