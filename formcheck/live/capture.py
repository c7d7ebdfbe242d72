"""Getting frames to the loop without lag piling up: a capture thread that keeps only the newest.

A camera delivers frames at its own pace whether or not we keep up. If the loop waited for each
one, a slow frame (a people check, a busy core) would push every later frame further behind and
the coach would talk about a knee drive finished seconds ago. So capture runs in its own thread
and overwrites a one-frame slot; the loop always takes the newest frame, and what it never took
is counted as dropped.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from formcheck.data import Frame

_END = object()


@dataclass(frozen=True, slots=True)
class Captured:
    """A frame and the moment it was captured (time.monotonic, seconds): latency starts here."""

    frame: Frame
    at: float


def stamped(frames: Iterable[Frame], clock=time.monotonic) -> Iterator[Captured]:
    """Frames stamped as they arrive: a camera's, or a file read as fast as it goes."""
    for frame in frames:
        yield Captured(frame, clock())


class NewestFrame:
    """Runs `source` in a thread into a one-frame slot; iterating takes the newest frame each time.

    An error raised by the source (CameraLost) is re-raised in the consumer after the last frame
    it delivered; closing the iterator stops the thread.
    """

    def __init__(self, source: Iterable[Captured]):
        self._source = source
        self._ready = threading.Condition()
        self._frame: Captured | None = None
        self._end: object | None = None  # _END, or the exception that ended the source
        self._stop = threading.Event()
        self.captured = 0
        self.dropped = 0  # captured, then overwritten before the loop took it

    def _run(self) -> None:
        end: object = _END
        try:
            for item in self._source:
                if self._stop.is_set():
                    return
                with self._ready:
                    self.dropped += self._frame is not None
                    self.captured += 1
                    self._frame = item
                    self._ready.notify()
        except BaseException as exc:  # handed to the consumer, which decides
            end = exc
        with self._ready:
            self._end = end
            self._ready.notify()

    def __iter__(self) -> Iterator[Captured]:
        worker = threading.Thread(target=self._run, name="formcheck-capture", daemon=True)
        worker.start()
        try:
            while True:
                with self._ready:
                    self._ready.wait_for(lambda: self._frame is not None or self._end is not None)
                    item, self._frame = self._frame, None
                    end = self._end
                if item is not None:
                    yield item
                elif end is _END:
                    return
                else:
                    raise end
        finally:
            self._stop.set()
            worker.join(timeout=1.0)
