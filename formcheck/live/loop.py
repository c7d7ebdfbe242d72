"""The live frame loop: newest frame -> pose -> Session -> events out, picture drawn and shown,
keys handled. It stops at the end of the video, on q/Esc or a closed window, when every set is
done, or when the camera is lost; the caller then finishes the session.

Frames come from `capture.NewestFrame` (camera, or a file paced in real time), so when a frame
is slow the loop catches up by skipping to the newest one rather than falling behind; `--fast`
gives it every frame of a file instead, as fast as it goes.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from formcheck.analysis import Event
from formcheck.data import Frame
from formcheck.live.capture import Captured
from formcheck.live.console import EventPrinter
from formcheck.live.cues import CuePlayer
from formcheck.live.hud import LiveView, live_overlay, paused_screen
from formcheck.live.record import TimedRecorder
from formcheck.live.session import Session
from formcheck.live.session_log import SessionLog, event_record
from formcheck.live.stats import LiveStats, TimedEstimator
from formcheck.live.window import Window
from formcheck.pipeline import CoverageCounter, Step, run_frames
from formcheck.smoothing import PoseSmoother
from formcheck.sources import CameraLost

# Once every set is done, the window stays this long so the last rep and "all sets done" are seen.
END_AFTER_COMPLETE_S = 3.0
END_OF_VIDEO = "end of video"  # the one ending that is not a stop: the source ran out


@dataclass
class Outputs:
    """Where a session goes besides the log: each one optional."""

    window: Window | None = None
    recorder: TimedRecorder | None = None
    printer: EventPrinter | None = None
    cues: CuePlayer | None = None
    on_event: Callable[[Event], None] | None = None  # a caller's own listener (the routine runner)
    screenshot: tuple[float, Path] | None = None  # (session seconds, PNG path): a debug aid, docs


@dataclass
class LoopState:
    paused: bool = False
    show_stats: bool = False
    stop: str | None = None  # why the loop ended
    camera_lost: bool = False
    last_t_ms: float = 0.0
    last_image: np.ndarray | None = None
    coverage: CoverageCounter = field(default_factory=CoverageCounter)


class LiveLoop:
    def __init__(self, session: Session, estimator, smoother: PoseSmoother, log: SessionLog, outputs: Outputs,
                 mirror: bool = False):
        self.session, self.smoother, self.log, self.out = session, smoother, log, outputs
        self.stats = LiveStats()
        self.estimator = TimedEstimator(estimator, self.stats)
        self.mirror = mirror
        self.state = LoopState()
        self.overlay = live_overlay(session.drive_measure)
        self._captured: Captured | None = None
        self._first_t_ms: float | None = None

    def run(self, frames: Iterable[Captured]) -> str:
        """Until the stream ends or the user stops; returns why it stopped."""
        steps = run_frames(self._frames(frames), self.estimator, self.smoother, self.session)
        try:
            for step in steps:
                self._step(step)
                if self.state.stop:
                    break
        except CameraLost as exc:
            self.state.stop, self.state.camera_lost = str(exc), True
        except KeyboardInterrupt:
            self.state.stop = "interrupted"
        finally:
            steps.close()
        return self.state.stop or END_OF_VIDEO

    # -- frames in ----------------------------------------------------------------------------

    def _frames(self, frames: Iterable[Captured]) -> Iterator[Frame]:
        for captured in frames:
            frame = captured.frame
            if self.mirror:  # a selfie view: the analyser is told (options), so sides stay right
                frame = Frame(frame.index, frame.t_ms, cv2.flip(frame.image, 1))
            self._captured = Captured(frame, captured.at)
            self.state.last_t_ms = frame.t_ms
            if self._first_t_ms is None:
                self._first_t_ms = frame.t_ms
            if self.state.paused:
                self._present_paused()
            else:
                yield frame
            if self.state.stop:
                return

    # -- one analysed frame -------------------------------------------------------------------

    def _step(self, step: Step) -> None:
        a = step.analysis
        self.state.coverage.add(a.t_ms, step.raw, a)
        set_no = self.session.progress.number
        for event in a.events:
            self._event(event, set_no)
        view = LiveView(step.pose, a, self.session.progress, self.session.positioning,
                        self.stats.hud_text() if self.state.show_stats else None)
        image = self._draw(step.frame.image, view)
        self._present(image, a.t_ms)
        self.stats.shown(self._captured.at, a.t_ms / 1000.0)
        done = self.session.completed_at
        if done is not None and a.t_ms / 1000.0 - done >= END_AFTER_COMPLETE_S:
            self.state.stop = "all sets done"

    def _event(self, event: Event, set_no: int) -> None:
        record = event_record(event)
        if event.kind == "rep":
            record["set"] = set_no
        self.log.write(record)
        if self.out.on_event is not None:  # the history: stored before the user is told, like the log
            self.out.on_event(event)
        for out in (self.out.printer, self.out.cues):
            if out is not None:
                out.event(event)

    def _draw(self, image: np.ndarray, view: LiveView) -> np.ndarray | None:
        if not (self.out.window or self.out.recorder or self.out.screenshot):
            return None  # headless with nothing to record: no pixels to paint
        return self.overlay.annotate(image.copy(), view)

    def _present(self, image: np.ndarray | None, t_ms: float) -> None:
        if image is None:
            return
        self.state.last_image = image
        if self.out.recorder is not None:
            self.out.recorder.write(image, t_ms)
        if self.out.screenshot is not None and (t_ms - self._first_t_ms) / 1000.0 >= self.out.screenshot[0]:
            cv2.imwrite(str(self.out.screenshot[1]), cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
            self.out.screenshot = None
        if self.out.window is not None:
            self._key(self.out.window.show(image))

    def _present_paused(self) -> None:
        if self.state.last_image is not None and self.out.recorder is not None:
            self.out.recorder.write(self.state.last_image, self.state.last_t_ms)
        if self.out.window is not None:
            self._key(self.out.window.poll())

    # -- keys ---------------------------------------------------------------------------------

    def _key(self, action: str | None) -> None:
        if action is None:
            return
        t_s = round(self.state.last_t_ms / 1000.0, 3)
        if action in ("quit", "closed"):
            self.state.stop = "window closed" if action == "closed" else "quit"
        elif action == "pause":
            self.state.paused = not self.state.paused
            self.log.write({"type": "paused" if self.state.paused else "resumed", "t_s": t_s})
            if self.state.paused and self.state.last_image is not None:
                self.state.last_image = paused_screen(self.state.last_image.copy())
                self._key(self.out.window.show(self.state.last_image))  # a key already waiting is not lost
        elif action == "reset":
            self.session.reset()
            self.state.coverage = CoverageCounter()
            self.overlay = live_overlay(self.session.drive_measure)  # the banner's queue goes too
            self.log.write({"type": "reset", "t_s": t_s})
        elif action == "side":
            side = self.session.switch_side()
            if side is not None:
                self.log.write({"type": "side", "t_s": t_s, "side": side})
        elif action == "mute" and self.out.cues is not None:
            self.out.cues.muted = not self.out.cues.muted
            self.log.write({"type": "mute", "t_s": t_s, "muted": self.out.cues.muted})
        elif action == "stats":
            self.state.show_stats = not self.state.show_stats
