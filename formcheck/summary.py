"""The short human summary `formcheck analyze` prints."""
from __future__ import annotations

from pathlib import Path

from formcheck.report import ExerciseReport, Rep


def _rep_line(rep: Rep) -> str:
    verdict = "valid" if rep.valid else "not counted"
    hold = f", held {rep.hold_s:.1f} s" if rep.hold_s > 0 else ""
    span = f"{rep.start_s:.1f}-{rep.end_s:.1f} s"
    line = f"  {rep.n:>3}  {rep.side:<5}  {span:>13}{hold}: {verdict}"
    if rep.faults:
        line += " - " + "; ".join(f.message for f in rep.faults)
    return line


def format_summary(report: ExerciseReport) -> str:
    src, cov, summary = report.source, report.coverage, report.summary()
    lines = [
        f"{report.exercise}: {Path(src.path).name} ({src.duration_s:.1f} s, {src.width}x{src.height}, "
        f"{src.fps:.0f} fps), model {report.model}",
        f"Pose found in {cov.frames_with_pose} of {cov.frames} frames ({cov.usable_fraction:.0%}).",
    ]
    reps, valid = summary["reps"], summary["valid_reps"]
    per_side = ", ".join(f"{side} {valid[side]}/{reps[side]}" for side in ("left", "right", "both") if reps[side])
    lines.append(f"Reps: {valid['total']} valid of {reps['total']}" + (f" ({per_side} valid/attempted)" if per_side else "") + ".")
    lines.extend(_rep_line(rep) for rep in report.reps)
    if report.holds:
        lines.append(f"Holds: {len(report.holds)}, {summary['hold_s_total']:.1f} s in all.")
    if summary["faults"]:
        lines.append("Faults: " + ", ".join(f"{code} x{n}" for code, n in summary["faults"].items()) + ".")
    for span in cov.unusable:
        lines.append(f"Not analysed {span.start_s:.1f}-{span.end_s:.1f} s: {span.reason}.")
    if cov.frames and not cov.frames_with_pose:
        lines.append("No person was found in this video.")
    return "\n".join(lines)
