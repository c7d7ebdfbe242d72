"""Frame sources: a video file or a camera, each yielding Frame(index, t_ms, RGB image).

Decoding and the BGR->RGB conversion cost about 10 ms a 720p frame here, two thirds of the full
model's inference time, so `prefetched()` runs a source in its own thread: the pose stage never
waits on the decoder (see benchmarks/bench_pipeline.py).
"""
from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import cv2

from formcheck.data import Frame, SourceInfo
from formcheck.errors import FormcheckError, UsageError


class CameraLost(FormcheckError):
    """The camera stopped delivering frames mid-session."""


class VideoFileSource:
    """Frames of a video file in media time; rotation metadata applied by the decoder."""

    def __init__(self, path: str | Path, stride: int = 1):
        if stride < 1:
            raise UsageError(f"stride must be 1 or more, got {stride}")
        self.path = Path(path)
        self.stride = stride
        if not self.path.exists():
            raise FormcheckError(f"no such file: {self.path}")
        if self.path.is_dir():
            raise FormcheckError(f"{self.path} is a folder, not a video file")
        if self.path.stat().st_size == 0:
            raise FormcheckError(f"{self.path} is empty (0 bytes)")
        capture = self._open()
        ok, first = capture.read()
        if not ok or first is None:
            capture.release()
            raise FormcheckError(f"{self.path} has no readable video frames (not a video, or truncated)")
        # A picture opens as a one-frame "video" (FFmpeg's image demuxer): nothing to analyse.
        has_second = capture.read()[0]
        fps = capture.get(cv2.CAP_PROP_FPS) or 0.0
        count = max(int(capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0), 0)
        rotation = int(capture.get(cv2.CAP_PROP_ORIENTATION_META) or 0) % 360
        capture.release()
        if not has_second:
            raise FormcheckError(f"{self.path} holds a single image, not a video")
        height, width = first.shape[:2]  # after auto-rotation, so what the user sees
        self.info = SourceInfo(
            path=str(self.path),
            fps=float(fps),
            width=int(width),
            height=int(height),
            rotation=rotation,
            duration_s=count / fps if fps > 0 else 0.0,
            frame_count=count,
        )

    def _open(self) -> cv2.VideoCapture:
        capture = cv2.VideoCapture(str(self.path), cv2.CAP_FFMPEG)
        if not capture.isOpened():
            raise FormcheckError(f"{self.path} is not a video that can be read")
        capture.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
        return capture

    def __iter__(self) -> Iterator[Frame]:
        capture = self._open()
        last_t = -1.0
        index = 0
        try:
            while True:
                # A speed mode: frames between strides are only grabbed (no colour conversion).
                for _ in range(self.stride - 1):
                    if not capture.grab():
                        return
                    index += 1
                ok, bgr = capture.read()
                if not ok or bgr is None:
                    return
                # The frame's own presentation time, so variable frame rate is timed right;
                # nudged forward where a container repeats a timestamp (MediaPipe needs them rising).
                t_ms = float(capture.get(cv2.CAP_PROP_POS_MSEC))
                if t_ms <= last_t:
                    t_ms = last_t + 1.0
                last_t = t_ms
                yield Frame(index, t_ms, cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
                index += 1
        finally:
            capture.release()


class CameraSource:
    """Frames from a local camera, stamped with the monotonic clock at capture."""

    def __init__(self, index: int = 0):
        self.index = index
        self.capture = cv2.VideoCapture(index)
        if not self.capture.isOpened():
            raise FormcheckError(
                f"no camera found at index {index}: choose another with --camera N, or play a video with --source FILE"
            )
        ok, first = self.capture.read()
        if not ok or first is None:
            self.capture.release()
            raise FormcheckError(f"camera {index} opened but gave no picture: is another program using it?")
        height, width = first.shape[:2]
        fps = float(self.capture.get(cv2.CAP_PROP_FPS) or 30.0)
        self.info = SourceInfo(path=f"camera:{index}", fps=fps, width=width, height=height)

    def __iter__(self) -> Iterator[Frame]:
        start = time.monotonic()
        index = 0
        try:
            while True:
                ok, bgr = self.capture.read()
                if not ok or bgr is None:
                    raise CameraLost(f"camera {self.index} stopped sending frames")
                t_ms = (time.monotonic() - start) * 1000.0
                yield Frame(index, t_ms, cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
                index += 1
        finally:
            self.capture.release()


_END = object()


def prefetched(frames: Iterator[Frame] | VideoFileSource, depth: int = 4) -> Iterator[Frame]:
    """Run a frame iterator in a background thread, `depth` frames ahead of the consumer.

    Errors raised while decoding are re-raised in the consumer; closing the consumer early
    stops the thread.
    """
    slots: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for frame in frames:
                while not stop.is_set():
                    try:
                        slots.put(frame, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            slots.put(_END)
        except BaseException as exc:  # handed to the consumer, which decides
            slots.put(exc)

    worker = threading.Thread(target=produce, name="formcheck-decode", daemon=True)
    worker.start()
    try:
        while True:
            item = slots.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while not slots.empty():  # unblock a producer waiting on a full queue
            slots.get_nowait()
        worker.join(timeout=1.0)
