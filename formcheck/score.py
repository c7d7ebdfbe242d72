"""Batch scoring: every clip of a manifest through the full pipeline, compared with its labels.

A folder is scorable when it holds a `manifest.json` (format in samples/README.md) and, beside it,
`thresholds.json`: the minimum scores below which `formcheck score` fails, a regression gate.
"""
from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from formcheck.data import PoseTrack, SourceInfo
from formcheck.errors import FormcheckError
from formcheck.analysis import FrameAnalysis
from formcheck.pipeline import analyze_video, image_diagonal, new_analyser, run_track
from formcheck.report import SIDES, ExerciseReport
from formcheck.smoothing import PoseSmoother

# A reported fault matches a labelled one when its rep spans the labelled time, give or take this.
FAULT_TIME_SLACK_S = 0.5
DEFAULT_THRESHOLDS = {
    "counts_exact": 1.0,  # share of clips whose reps and valid reps per side are exact
    "holds_within_tolerance": 1.0,  # share of labelled holds measured within the clip's tolerance
    "fault_precision": 0.9,
    "fault_recall": 0.9,
    "angle_mae_deg": 5.0,  # the largest clip-level mean angle error allowed
}


@dataclass(slots=True)
class ClipScore:
    file: str
    exercise: str
    expected_reps: dict[str, int]
    reps: dict[str, int]
    expected_valid: dict[str, int]
    valid: dict[str, int]
    counts_exact: bool
    holds_ok: int
    holds_total: int
    hold_errors_s: list[float]
    faults_expected: int
    faults_found: int  # labelled faults the analysis reported
    faults_reported: int
    faults_correct: int  # reported faults that match a label
    angle_mae_deg: float | None
    coverage: float
    error: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ScoreResult:
    clips: list[ClipScore]
    totals: dict[str, float]
    thresholds: dict[str, float]
    failures: list[str]

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict:
        return {"passed": self.passed, "totals": self.totals, "thresholds": self.thresholds,
                "failures": self.failures, "clips": [asdict(c) for c in self.clips]}


def _check_clip_entry(i: int, clip: object) -> None:
    """Field types of one manifest entry, checked up front so scoring never trips on them."""
    if not isinstance(clip, dict) or not isinstance(clip.get("file"), str) or not isinstance(clip.get("exercise"), str):
        raise ValueError(f"clip {i} needs 'file' and 'exercise' strings")
    for key in ("options", "expected", "tolerances"):
        if not isinstance(clip.get(key, {}), dict):
            raise ValueError(f"clip {i} ({clip['file']}): '{key}' must be an object")


def load_manifest(folder: Path) -> tuple[list[dict], dict[str, float]]:
    manifest_path = folder / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text())
        clips = manifest["clips"]
        if not isinstance(clips, list):
            raise ValueError("'clips' must be a list")
        for i, clip in enumerate(clips, 1):
            _check_clip_entry(i, clip)
    except FileNotFoundError:
        raise FormcheckError(f"{folder} has no manifest.json (see samples/README.md for its format)") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise FormcheckError(f"{manifest_path} is not a valid manifest: {exc}") from None
    thresholds = dict(DEFAULT_THRESHOLDS)
    thresholds_path = folder / "thresholds.json"
    if thresholds_path.exists():
        try:
            thresholds.update({k: float(v) for k, v in json.loads(thresholds_path.read_text()).items()})
        except (ValueError, TypeError, AttributeError) as exc:
            raise FormcheckError(f"{thresholds_path} is not valid: {exc}") from None
    return clips, thresholds


def truth_track(path: Path) -> PoseTrack:
    """The truth file's MediaPipe-style markers as a PoseTrack, to run the analyser on."""
    with np.load(path, allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
        n = len(data["t_ms"])
        return PoseTrack(
            t_ms=data["t_ms"].astype(np.float64), xy=data["xy"].astype(np.float32),
            world=data["world"].astype(np.float32), visibility=data["visibility"].astype(np.float32),
            presence=data["presence"].astype(np.float32), people=np.ones(n, np.int8),
            source=SourceInfo(str(path), float(meta["fps"]), int(meta["width"]), int(meta["height"])),
        )


def drive_on_truth(truth: PoseTrack, exercise: str, options: dict) -> tuple[np.ndarray, np.ndarray]:
    """Per-frame (t_ms, driving measure) of the analyser run on the truth markers."""
    analyser = new_analyser(exercise, **options)
    steps = run_track(truth, PoseSmoother(image_diagonal(truth.source)), analyser)
    return _drive_series([step.analysis for step in steps])


def _drive_series(analyses: list[FrameAnalysis]) -> tuple[np.ndarray, np.ndarray]:
    t = np.array([a.t_ms for a in analyses], np.float64)
    drive = np.array([np.nan if a.drive is None else a.drive for a in analyses], np.float64)
    return t, drive


def angle_mae(measured: tuple[np.ndarray, np.ndarray], truth: tuple[np.ndarray, np.ndarray]) -> float | None:
    (t_m, d_m), (t_t, d_t) = measured, truth
    if len(t_m) == 0 or len(t_t) == 0:
        return None
    nearest = np.clip(np.searchsorted(t_t, t_m), 0, len(t_t) - 1)
    close = np.abs(t_t[nearest] - t_m) < 1.0  # same frame, within a millisecond
    diff = np.abs(d_m - d_t[nearest])[close]
    diff = diff[np.isfinite(diff)]
    return float(diff.mean()) if len(diff) else None


def _side_counts(expected: dict) -> dict[str, int]:
    counts = {s: int(expected.get(s, 0)) for s in SIDES}
    counts["total"] = int(expected.get("total", sum(counts.values())))
    return counts


def _match_faults(report: ExerciseReport, labelled: list[dict]) -> tuple[int, int, int]:
    """(labelled faults found, faults reported, reported faults that match a label)."""
    reported = [(rep, f.code) for rep in report.reps for f in dict((f.code, f) for f in rep.faults).values()]

    def matches(rep, code: str, label: dict) -> bool:
        t = float(label.get("t_s", -1e9))
        return code == label["code"] and rep.start_s - FAULT_TIME_SLACK_S <= t <= rep.end_s + FAULT_TIME_SLACK_S

    found = sum(any(matches(rep, code, label) for rep, code in reported) for label in labelled)
    correct = sum(any(matches(rep, code, label) for label in labelled) for rep, code in reported)
    return found, len(reported), correct


def _match_holds(report: ExerciseReport, labelled: list[dict], tolerance_s: float) -> list[float]:
    """Hold error per labelled hold (NaN where no rep matches it), matched by time and side."""
    errors = []
    for label in labelled:
        centre = float(label["start_s"]) + float(label["duration_s"]) / 2
        reps = [r for r in report.reps if r.start_s - tolerance_s <= centre <= r.end_s + tolerance_s]
        errors.append(abs(reps[0].hold_s - float(label["duration_s"])) if reps else float("nan"))
    return errors


def score_clip(folder: Path, clip: dict, model: str, speed: dict | None = None) -> ClipScore:
    """Score one manifest entry; `speed` holds the speed-mode options (stride, max_side), if any."""
    options = dict(clip.get("options", {}))
    expected = clip.get("expected", {})
    tolerances = {"hold_s": 0.3, **clip.get("tolerances", {})}
    analyses: list[FrameAnalysis] = []
    try:
        report = analyze_video(folder / clip["file"], clip["exercise"], model=model,
                               on_step=lambda step: analyses.append(step.analysis), **(speed or {}), **options)
    except FormcheckError as exc:
        empty = {s: 0 for s in (*SIDES, "total")}
        return ClipScore(clip["file"], clip["exercise"], empty, empty, empty, empty, False, 0, 0, [], 0, 0, 0, 0,
                         None, 0.0, error=str(exc))
    summary = report.summary()
    exp_reps, exp_valid = _side_counts(expected.get("reps", {})), _side_counts(expected.get("valid_reps", {}))
    hold_errors = _match_holds(report, expected.get("holds", []), float(tolerances["hold_s"]))
    found, reported, correct = _match_faults(report, expected.get("faults", []))
    mae = None
    if clip.get("truth") and (folder / clip["truth"]).exists():
        mae = angle_mae(_drive_series(analyses), drive_on_truth(truth_track(folder / clip["truth"]), clip["exercise"], options))
    return ClipScore(
        file=clip["file"], exercise=clip["exercise"],
        expected_reps=exp_reps, reps=summary["reps"], expected_valid=exp_valid, valid=summary["valid_reps"],
        counts_exact=summary["reps"] == exp_reps and summary["valid_reps"] == exp_valid,
        holds_ok=sum(e <= float(tolerances["hold_s"]) for e in hold_errors), holds_total=len(hold_errors),
        hold_errors_s=[round(e, 3) for e in hold_errors],
        faults_expected=len(expected.get("faults", [])), faults_found=found,
        faults_reported=reported, faults_correct=correct,
        angle_mae_deg=None if mae is None else round(mae, 2),
        coverage=round(report.coverage.usable_fraction, 3),
    )


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def score_folder(
    folder: str | Path, *, model: str = "full", workers: int | None = None, speed: dict | None = None
) -> ScoreResult:
    folder = Path(folder)
    clips, thresholds = load_manifest(folder)
    workers = workers or os.cpu_count() or 1
    n = len(clips)
    if workers > 1 and n > 1:
        # Longest clips first so that no worker is left with a long one at the end.
        order = sorted(range(n), key=lambda i: -(folder / clips[i]["file"]).stat().st_size
                       if (folder / clips[i]["file"]).exists() else 0)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = dict(zip(order, pool.map(score_clip, [folder] * n, [clips[i] for i in order], [model] * n, [speed] * n)))
        scores = [done[i] for i in range(n)]
    else:
        scores = [score_clip(folder, clip, model, speed) for clip in clips]
    maes = [s.angle_mae_deg for s in scores if s.angle_mae_deg is not None]
    totals = {
        "clips": len(scores),
        "counts_exact": _ratio(sum(s.counts_exact for s in scores), len(scores)),
        "holds_within_tolerance": _ratio(sum(s.holds_ok for s in scores), sum(s.holds_total for s in scores)),
        "fault_precision": _ratio(sum(s.faults_correct for s in scores), sum(s.faults_reported for s in scores)),
        "fault_recall": _ratio(sum(s.faults_found for s in scores), sum(s.faults_expected for s in scores)),
        "angle_mae_deg": max(maes) if maes else 0.0,
        "angle_mae_mean_deg": float(np.mean(maes)) if maes else 0.0,
    }
    failures = [f"{s.file}: {s.error}" for s in scores if s.error]
    for name, minimum in thresholds.items():
        value = totals.get(name)
        if value is None:
            continue
        below = value > minimum if name.endswith("_deg") else value < minimum
        if below:
            failures.append(f"{name} {value:.3f} {'above' if name.endswith('_deg') else 'below'} threshold {minimum}")
    return ScoreResult(scores, {k: round(v, 4) for k, v in totals.items()}, thresholds, failures)


def format_table(result: ScoreResult) -> str:
    header = f"{'clip':<44} {'exercise':<18} {'reps L/R/B exp→got':<22} {'valid exp→got':<16} {'holds':>6} {'faults':>9} {'angle':>6}"
    lines = [header, "-" * len(header)]
    for s in result.clips:
        if s.error:
            lines.append(f"{s.file:<44} {s.exercise:<18} ERROR: {s.error}")
            continue
        reps = f"{_lrb(s.expected_reps)}→{_lrb(s.reps)}"
        valid = f"{s.expected_valid['total']}→{s.valid['total']}"
        mark = " " if s.counts_exact else "✗"
        angle = "-" if s.angle_mae_deg is None else f"{s.angle_mae_deg:.1f}°"
        lines.append(f"{s.file:<44} {s.exercise:<18} {reps:<21}{mark} {valid:<16} {s.holds_ok:>2}/{s.holds_total:<3} "
                     f"{s.faults_found:>2}/{s.faults_expected:<2}+{s.faults_reported - s.faults_correct:<2} {angle:>6}")
    t = result.totals
    lines.append("-" * len(header))
    lines.append(
        f"TOTAL {int(t['clips'])} clips: counts exact {t['counts_exact']:.0%}, holds within tolerance "
        f"{t['holds_within_tolerance']:.0%}, fault precision {t['fault_precision']:.2f} recall {t['fault_recall']:.2f}, "
        f"angle MAE worst {t['angle_mae_deg']:.1f}° mean {t['angle_mae_mean_deg']:.1f}°: "
        + ("PASS" if result.passed else "FAIL (" + "; ".join(result.failures) + ")")
    )
    return "\n".join(lines)


def _lrb(counts: dict[str, int]) -> str:
    return f"{counts['left']}/{counts['right']}/{counts['both']}"
