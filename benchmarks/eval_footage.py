"""Count reps on the real clips in ../shared/footage/ (relative to the repo root) and compare
with their hand-made labels.

    python benchmarks/eval_footage.py [--model full|lite] [--no-cache]

Clips whose exercise formcheck knows are run through `formcheck.pipeline` (pose stage, smoothing,
analyser), with no hold target where the label has none (high knees). Clips of other
moves (plank, push-up, superman) are run through the knee-drive and glute-bridge analysers, which
must count nothing in them. Landmarks are cached in the temp dir so a rerun takes seconds.
The footage is used in place and never copied into the repo (its licence does not allow it).
"""
from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # runs from a checkout without installing

from formcheck.cache import save_track  # noqa: E402
from formcheck.engine.spec import HoldRule  # noqa: E402
from formcheck.exercises import EXERCISES  # noqa: E402
from formcheck.pipeline import analyze_video, extract_track  # noqa: E402

FOOTAGE = REPO.parent / "shared" / "footage"
LABELS = FOOTAGE / "LABELS.tsv"
CACHE = Path(tempfile.gettempdir()) / "formcheck_eval_footage"
# Moves that are not a hip exercise: an analyser for a hip exercise must count 0 reps in them.
NOT_HIP_EXERCISES = ("plank", "push_up", "superman")
CHECKED_ON_OTHER_MOVES = ("knee_drive", "glute_bridge",
                          # floor exercises these moves look most like: a superman lifts the legs
                          # face down; a plank and a push-up are face down on the hands
                          "prone_hip_extension", "bird_dog", "donkey_kick")
HOLD_TOLERANCE_S = 0.6  # a labelled hold's two ends are each eyeballed to ±0.3 s (footage README)


@dataclass(frozen=True)
class Label:
    clip: str
    exercise: str
    view: str
    reps_min: int
    reps_max: int
    hold_s: float  # the lower end of the labelled hold; 0 for moves done without one


def read_labels(path: Path) -> list[Label]:
    with path.open(newline="") as f:
        rows = csv.DictReader(f, delimiter="\t")
        return [
            Label(r["clip"], r["exercise"], r["view"], int(r["reps_min"]), int(r["reps_max"]),
                  float((r["hold_s"] or "0").split("-")[0]))
            for r in rows
        ]


def landmarks(video: Path, model: str, use_cache: bool) -> Path:
    """The clip's landmarks (MediaPipe, VIDEO mode, through formcheck's own pose stage), cached."""
    cached = CACHE / f"{video.stem}.{model}.npz"
    if not (use_cache and cached.exists()):
        CACHE.mkdir(exist_ok=True)
        save_track(extract_track(video, model=model), cached)
    return cached


def runs_for(label: Label) -> list[tuple[str, int, int]]:
    """(exercise to run, expected min, expected max) for one labelled clip."""
    runs = [(label.exercise, label.reps_min, label.reps_max)] if label.exercise in EXERCISES else []
    if label.exercise in NOT_HIP_EXERCISES:  # a plank is an exercise now, and still no hip rep
        runs += [(name, 0, 0) for name in CHECKED_ON_OTHER_MOVES]
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="full", choices=("full", "lite"))
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()
    if not LABELS.exists():
        print(f"No footage labels at {LABELS} (expected ../shared/footage/ beside the repo): nothing to evaluate.")
        return 0
    print(f"{'clip':28} {'exercise':24} {'hold':>4} {'expected':>8} {'counted':>7} {'attempts':>8}  in range?")
    misses = 0
    for label in read_labels(LABELS):
        runs = runs_for(label)
        if not runs:
            continue
        cached = landmarks(FOOTAGE / label.clip, args.model, not args.no_cache)
        for exercise, low, high in runs:
            # Moves done without a hold (high knees) are judged without one; the others keep the
            # exercise's default target (the labels' hold times are eyeballed to ±0.3 s).
            hold_s = 0.0 if exercise == label.exercise and label.hold_s == 0 else None
            report = analyze_video(cached, exercise, hold_s=hold_s)
            counted = sum(rep.valid for rep in report.reps)
            inside = low <= counted <= high
            misses += not inside
            hold = f"{EXERCISES[exercise].hold_s if hold_s is None else hold_s:g}"
            print(f"{label.clip:28} {exercise:24} {hold:>4} {f'{low}..{high}':>8} {counted:>7} {len(report.reps):>8}  "
                  f"{'yes' if inside else 'NO'}")
            if isinstance(EXERCISES[exercise].rep, HoldRule) and exercise == label.exercise:
                # A hold exercise: the longest hold found against the labelled one.
                longest = max((hold.duration_s for hold in report.holds), default=0.0)
                close = abs(longest - label.hold_s) <= HOLD_TOLERANCE_S
                misses += not close
                print(f"{'':28} {'':24} held {longest:.1f} s, labelled {label.hold_s:g} s (±{HOLD_TOLERANCE_S:g})  "
                      f"{'yes' if close else 'NO'}")
    print(f"{misses} outside their range")
    return 0


if __name__ == "__main__":
    sys.exit(main())
