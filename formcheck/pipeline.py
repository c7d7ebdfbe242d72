"""Wiring the stages: source -> pose -> smoothing -> analyser, streamed frame by frame."""
from __future__ import annotations

import math
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from formcheck import __version__
from formcheck.analysis import Analyser, FrameAnalysis
from formcheck.cache import load_track
from formcheck.data import Frame, Pose, PoseTrack, SourceInfo
from formcheck.errors import UsageError
from formcheck.exercises import UnknownExercise, make_analyser
from formcheck.models import DEFAULT_VIDEO_MODEL, resolve_model
from formcheck.pose import PoseEstimator
from formcheck.progress import Progress
from formcheck.report import Coverage, ExerciseReport, Span
from formcheck.smoothing import PoseSmoother
from formcheck.sources import VideoFileSource, prefetched

# An unusable stretch shorter than this is a flicker, not something to tell the user about.
MIN_REPORTED_SPAN_S = 0.3
# A span where the analysis went on but a second person was in view: the pose stage followed the
# person it found first, and the user should know the span may mix them up.
TWO_PEOPLE = "two people in view (followed the first)"


@dataclass(slots=True)
class Step:
    """Everything known about one frame after analysis; what overlays and sinks consume."""

    frame: Frame | None  # None when replaying a landmark cache
    raw: Pose | None
    pose: Pose | None  # smoothed
    analysis: FrameAnalysis


class CoverageCounter:
    """Counts frames with a pose and gathers the unusable spans from the analyser's verdicts."""

    def __init__(self) -> None:
        self.coverage = Coverage()
        self._open: tuple[float, float, str] | None = None  # start_s, last_s, reason

    def add(self, t_ms: float, raw: Pose | None, analysis: FrameAnalysis) -> None:
        self.coverage.frames += 1
        self.coverage.frames_with_pose += int(raw is not None)
        t_s = t_ms / 1000.0
        if not analysis.usable:
            reason = analysis.reason or "unusable"
        else:
            reason = TWO_PEOPLE if raw is not None and raw.people > 1 else None
        if self._open and (reason != self._open[2]):
            self._close()
        if reason is not None:
            start = self._open[0] if self._open else t_s
            self._open = (start, t_s, reason)

    def _close(self) -> None:
        if self._open is None:
            return
        start, end, reason = self._open
        if end - start >= MIN_REPORTED_SPAN_S:
            self.coverage.unusable.append(Span(round(start, 3), round(end, 3), reason))
        self._open = None

    def finish(self) -> Coverage:
        self._close()
        return self.coverage


def new_analyser(exercise: str, **options) -> Analyser:
    try:
        return make_analyser(exercise, **options)
    except UnknownExercise as exc:
        raise UsageError(str(exc)) from None
    except ValueError as exc:  # an option the exercise refuses: unknown threshold, bad hold
        raise UsageError(str(exc)) from None


def run_frames(
    frames: Iterable[Frame], estimator: PoseEstimator, smoother: PoseSmoother, analyser: Analyser
) -> Iterator[Step]:
    """The per-frame loop shared by file analysis, the live coach and the annotated video."""
    for frame in frames:
        raw = estimator.detect(frame)
        pose = smoother.update(frame.t_ms, raw)
        yield Step(frame, raw, pose, analyser.update(frame.t_ms, pose))


def run_track(track: PoseTrack, smoother: PoseSmoother, analyser: Analyser) -> Iterator[Step]:
    """The same loop over cached landmarks: no model, no pixels."""
    for t_ms, raw in track.poses():
        pose = smoother.update(t_ms, raw)
        yield Step(None, raw, pose, analyser.update(t_ms, pose))


def image_diagonal(source: SourceInfo) -> float:
    return math.hypot(source.width, source.height) or 1.0


@contextmanager
def analysis_steps(
    path: str | Path, analyser: Analyser, model: str, stride: int = 1, max_side: int | None = None
) -> Iterator[tuple[SourceInfo, str, int, Iterator[Step]]]:
    """(source, model name, expected frame count, steps) for a video file or a landmark cache."""
    if Path(path).suffix.lower() == ".npz":
        track = load_track(path)
        yield track.source, track.model, len(track), run_track(track, PoseSmoother(image_diagonal(track.source)), analyser)
        return
    video = VideoFileSource(path, stride)
    bundle = resolve_model(model)
    with PoseEstimator(bundle, max_side=max_side) as estimator:
        smoother = PoseSmoother(image_diagonal(video.info))
        total = video.info.frame_count // stride
        yield video.info, bundle.name, total, run_frames(prefetched(video), estimator, smoother, analyser)


def analyze_video(
    path: str | Path,
    exercise: str,
    *,
    model: str = DEFAULT_VIDEO_MODEL,
    quiet: bool = True,
    on_step: Callable[[Step], None] | None = None,
    stride: int = 1,
    max_side: int | None = None,
    **options,
) -> ExerciseReport:
    """Analyse a video file (or a landmark cache `.npz`) for one exercise; the one-call API.

    `options` go to the exercise analyser: `hold_s`, `side`, `thresholds`. `on_step` sees every
    analysed frame (annotated video, CSV). Speed modes: `stride` analyses every Nth frame,
    `max_side` shrinks larger frames before the model (their cost on accuracy:
    benchmarks/bench_speed_modes.py). Raises FormcheckError for bad input.
    """
    analyser = new_analyser(exercise, **options)  # an unknown exercise fails before any decoding
    counter = CoverageCounter()
    with analysis_steps(path, analyser, model, stride, max_side) as (source, model_name, total, steps):
        progress = Progress(total, f"analysing {Path(path).name}", enabled=not quiet)
        try:
            for done, step in enumerate(steps, 1):
                counter.add(step.analysis.t_ms, step.raw, step.analysis)
                if on_step is not None:
                    on_step(step)
                progress.update(done)
        finally:
            progress.close()
    result = analyser.finish()
    return ExerciseReport(
        formcheck_version=__version__,
        exercise=exercise,
        model=model_name,
        source=source,
        coverage=counter.finish(),
        reps=result.reps,
        holds=result.holds,
        options={k: v for k, v in {**options, "stride": stride if stride > 1 else None, "max_side": max_side}.items()
                 if v is not None},
    )


def extract_track(path: str | Path, *, model: str = DEFAULT_VIDEO_MODEL, quiet: bool = True) -> PoseTrack:
    """Run only the pose stage over a video: the raw landmarks for `formcheck extract`."""
    video = VideoFileSource(path)
    bundle = resolve_model(model)
    times: list[float] = []
    poses: list[Pose | None] = []
    progress = Progress(video.info.frame_count, f"extracting {Path(path).name}", enabled=not quiet)
    try:
        with PoseEstimator(bundle) as estimator:
            for frame in prefetched(video):
                times.append(frame.t_ms)
                poses.append(estimator.detect(frame))
                progress.update(len(times))
    finally:
        progress.close()
    return PoseTrack.from_poses(times, poses, video.info, bundle.name)
