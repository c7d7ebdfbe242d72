"""`analyze` with its files: annotated video, per-frame CSV, HTML report, JSON.

One pass over the video: the annotated video is drawn and written, and what the CSV and the
report need is gathered, frame by frame while the analysis runs; the tables and the report are
written when it is done (rep numbers and verdicts are only final then).
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, fields
from pathlib import Path

from formcheck.errors import FormcheckError, UsageError
from formcheck.html_report import write_html_report
from formcheck.models import DEFAULT_VIDEO_MODEL
from formcheck.overlay import Overlay
from formcheck.peaks import PeakFrames
from formcheck.pipeline import Step, analyze_video, new_analyser
from formcheck.report import ExerciseReport
from formcheck.sinks import AnnotatedVideoSink, CsvSink
from formcheck.sources import VideoFileSource
from formcheck.timeline import Timeline

NO_PIXELS = "a landmark cache (.npz) holds no pixels to draw on: annotate the video itself"


def is_cache(path: str | Path) -> bool:
    return Path(path).suffix.lower() == ".npz"


@dataclass(frozen=True)
class OutputPaths:
    annotate: Path | None = None
    csv: Path | None = None
    report: Path | None = None
    json: Path | None = None

    def __post_init__(self) -> None:
        for f in fields(self):  # str paths welcome from Python callers
            if getattr(self, f.name) is not None:
                object.__setattr__(self, f.name, Path(getattr(self, f.name)))

    @classmethod
    def for_input(cls, source: str | Path, out_dir: Path | None = None, **given: Path | None) -> "OutputPaths":
        """The paths given, and for the others, with `out_dir`, `<stem>.annotated.mp4`,
        `<stem>.csv`, `<stem>.html`, `<stem>.json` there (no video for a landmark cache)."""
        paths = {k: v for k, v in given.items() if v is not None}
        if out_dir is not None:
            stem = Path(source).stem
            defaults = {"annotate": f"{stem}.annotated.mp4", "csv": f"{stem}.csv", "report": f"{stem}.html",
                        "json": f"{stem}.json"}
            if is_cache(source):
                del defaults["annotate"]
            paths = {**{k: out_dir / name for k, name in defaults.items()}, **paths}
        return cls(**paths)

    def written(self) -> list[tuple[str, Path]]:
        labels = {"annotate": "Annotated video", "csv": "Frame table", "report": "HTML report", "json": "Report"}
        return [(labels[f.name], getattr(self, f.name)) for f in fields(self) if getattr(self, f.name) is not None]


def fan_out(consumers: list[Callable[[Step], None]]) -> Callable[[Step], None]:
    def on_step(step: Step) -> None:
        for consume in consumers:
            consume(step)
    return on_step


def _make_folders(paths: OutputPaths) -> None:
    """Before the analysis, so that a folder that cannot be made fails in a second, not after minutes."""
    for _, path in paths.written():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FormcheckError(f"cannot write {path}: {exc.strerror or exc}") from None


def analyze_with_outputs(path: str | Path, exercise: str, paths: OutputPaths, *, model: str = DEFAULT_VIDEO_MODEL,
                         quiet: bool = True, stride: int = 1, max_side: int | None = None,
                         **options) -> ExerciseReport:
    """`pipeline.analyze_video` (same arguments) writing the files named in `paths`."""
    analyser = new_analyser(exercise, **options)  # bad options fail before any file is opened
    if paths.annotate is not None and is_cache(path):
        raise UsageError(f"cannot annotate {Path(path).name}: {NO_PIXELS}")
    _make_folders(paths)
    timeline = Timeline() if paths.csv or paths.report else None
    peaks = PeakFrames(analyser.drive_measure) if paths.report and not is_cache(path) else None
    consumers: list[Callable[[Step], None]] = [c.add for c in (timeline, peaks) if c is not None]
    with ExitStack() as stack:
        if paths.annotate is not None:
            info = VideoFileSource(path, stride).info
            sink = stack.enter_context(AnnotatedVideoSink(paths.annotate, info.fps / stride, (info.width, info.height)))
            overlay = Overlay.for_drive(analyser.drive_measure)
            # On a copy: the other consumers (peak pictures) want the clean frame.
            consumers.append(lambda step: sink.write(overlay.annotate(step.frame.image.copy(), step)))
        report = analyze_video(path, exercise, model=model, quiet=quiet, stride=stride, max_side=max_side,
                               on_step=fan_out(consumers), **options)
    if paths.json:
        report.write_json(paths.json)
    if paths.csv:
        with CsvSink(paths.csv, timeline.columns()) as table:
            for row in timeline.rows(report.reps):
                table.write(row)
    if paths.report:
        write_html_report(paths.report, report, analyser.spec, timeline, peaks)
    return report
