"""One live session from start to report: the source, model, log and outputs opened, the loop
run, and whatever happened (end of video, q, a lost camera, Ctrl-C) closed into a report."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from formcheck import __version__
from formcheck.analysis import Event
from formcheck.data import Frame, SourceInfo
from formcheck.live.capture import Captured, NewestFrame, stamped
from formcheck.live.console import EventPrinter
from formcheck.live.cues import CuePlayer
from formcheck.live.loop import END_OF_VIDEO, LiveLoop, Outputs
from formcheck.live.pacing import RealTimePacer
from formcheck.live.record import TimedRecorder
from formcheck.live.session import SetPlan, Session
from formcheck.live.session_log import SessionLog, default_log_path
from formcheck.live.stats import LiveStats
from formcheck.live.window import Window, display_available
from formcheck.models import DEFAULT_LIVE_MODEL, resolve_model
from formcheck.pipeline import image_diagonal
from formcheck.pose import PoseEstimator, native_stderr_silenced
from formcheck.report import ExerciseReport
from formcheck.sinks import AnnotatedVideoSink
from formcheck.smoothing import PoseSmoother
from formcheck.sources import CameraSource, VideoFileSource, prefetched


@dataclass(frozen=True)
class LiveRequest:
    exercise: str
    options: dict  # for the exercise analyser: hold_s, side, thresholds, mirrored
    camera: int = 0
    source: Path | None = None  # a video played as the camera
    model: str = DEFAULT_LIVE_MODEL
    sets: int = 1
    reps: int | None = None
    rest_s: float = 60.0
    record: Path | None = None
    mute: bool = False
    headless: bool = False
    jsonl: bool = False
    fast: bool = False  # a file's every frame, unpaced and silent
    mirror: bool = False
    session_log: Path | None = None
    screenshot: tuple[float, Path] | None = None
    started: datetime = field(default_factory=datetime.now)
    on_event: Callable[[Event], None] | None = None  # sees every event as it happens


@dataclass(frozen=True)
class LiveSource:
    info: SourceInfo
    frames: Iterable[Frame]
    camera: bool  # frames arrive at the device's pace; else a file, paced here unless fast


class Feed:
    """The loop's frames: newest-only from a camera or a paced file, every one when fast."""

    def __init__(self, source: LiveSource, fast: bool):
        self._pacer = None if source.camera or fast else RealTimePacer(source.frames)
        self._newest = None if fast else NewestFrame(stamped(source.frames) if source.camera else self._pacer)
        self._taken = 0
        self.frames: Iterable[Captured] = self._counted(stamped(prefetched(iter(source.frames))) if fast else self._newest)

    def _counted(self, frames: Iterable[Captured]) -> Iterable[Captured]:
        for captured in frames:
            self._taken += 1
            yield captured

    def counts(self) -> tuple[int, int]:
        """(frames captured, frames dropped) so far."""
        if self._newest is None:
            return self._taken, 0
        skipped = self._pacer.skipped if self._pacer else 0
        return self._newest.captured + skipped, self._newest.dropped + skipped


@dataclass
class LiveResult:
    report: ExerciseReport
    stop: str  # why the session ended
    stats: LiveStats
    captured: int
    dropped: int
    log_path: Path
    camera_lost: bool

    def summary(self) -> dict:
        return self.stats.summary(self.captured, self.dropped)

    def stats_line(self) -> str:
        s = self.summary()
        if s["latency_ms_p50"] is None:
            return "Live: no frame was analysed."
        return (f"Live: {s['fps']:.1f} frames/s analysed, latency {s['latency_ms_p50']:.0f} ms median, "
                f"{s['latency_ms_p95']:.0f} ms p95 (model {s['inference_ms_p50']:.0f} / {s['inference_ms_p95']:.0f} ms), "
                f"{s['dropped']} of {s['frames_captured']} frames dropped; ended: {self.stop}.")


def open_source(request: LiveRequest) -> LiveSource:
    if request.source is not None:
        video = VideoFileSource(request.source)
        return LiveSource(video.info, video, camera=False)
    with native_stderr_silenced():  # OpenCV's own complaint about a missing camera; ours is one line
        camera = CameraSource(request.camera)
    return LiveSource(camera.info, camera, camera=True)


def run_live(request: LiveRequest, source: LiveSource | None = None, note: Callable[[str], None] | None = None) -> LiveResult:
    """Run a session to its end. `source` overrides the request's camera or file (benchmarks)."""
    note = note or (lambda text: print(f"formcheck: {text}", file=sys.stderr))
    session = Session(request.exercise, request.options, SetPlan(request.sets, request.reps, request.rest_s))
    bundle = resolve_model(request.model)  # bad options and a bad model fail before the camera opens
    source = source or open_source(request)
    log_path = request.session_log or default_log_path(request.exercise, request.started)
    headless = request.headless or not display_available()
    if headless and not request.headless:
        note("no display to open a window on: running headless")
    with ExitStack() as stack:
        log = stack.enter_context(SessionLog(log_path))
        log.write({"type": "session", "started": request.started.isoformat(timespec="seconds"),
                   "exercise": request.exercise, "model": bundle.name, "source": source.info.path,
                   "options": session.options})
        estimator = stack.enter_context(PoseEstimator(bundle))
        outputs = Outputs(
            window=None if headless else stack.enter_context(Window()),
            printer=EventPrinter(request.jsonl) if headless or request.jsonl else None,
            cues=stack.enter_context(CuePlayer(muted=request.mute)) if not request.fast else None,
            screenshot=request.screenshot, on_event=request.on_event,
        )
        if request.record is not None:
            info = source.info
            sink = stack.enter_context(AnnotatedVideoSink(request.record, info.fps or 30.0, (info.width, info.height)))
            outputs.recorder = TimedRecorder(sink)
        loop = LiveLoop(session, estimator, PoseSmoother(image_diagonal(source.info)), log, outputs, request.mirror)
        feed = Feed(source, request.fast)
        stop = loop.run(feed.frames)
        result = session.finish(cut_short=stop != END_OF_VIDEO)
        info = source.info
        if source.camera:
            info = replace(info, duration_s=round(loop.state.last_t_ms / 1000.0, 3))
        plan = {"sets": request.sets, "reps": request.reps, "rest_s": request.rest_s} if request.reps else {}
        report = ExerciseReport(
            formcheck_version=__version__, exercise=request.exercise, model=bundle.name, source=info,
            coverage=loop.state.coverage.finish(), reps=result.reps, holds=result.holds,
            options={**session.options, **plan},
        )
        log.write(report.to_dict())
    captured, dropped = feed.counts()
    return LiveResult(report, stop, loop.stats, captured, dropped, log_path, loop.state.camera_lost)
