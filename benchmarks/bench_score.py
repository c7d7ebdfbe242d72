"""Batch scoring on one core against all cores, and what the speed modes cost, measured in one run.

    python benchmarks/bench_score.py [FOLDER] [--model full] [--modes]

Scores every clip of FOLDER's manifest (default samples/) with one worker, then with one worker
per core, and prints the speed-up (target >= 1.8x on 2 cores). With --modes it also scores with
each speed mode (--stride 2, --max-side 640) and prints its time and accuracy next to the default.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from formcheck.score import ScoreResult, score_folder  # noqa: E402


def timed(folder: Path, model: str, workers: int, speed: dict | None = None) -> tuple[float, ScoreResult]:
    start = time.perf_counter()
    result = score_folder(folder, model=model, workers=workers, speed=speed)
    return time.perf_counter() - start, result


def accuracy(result: ScoreResult) -> str:
    t = result.totals
    return (f"counts exact {t['counts_exact']:.0%}, holds {t['holds_within_tolerance']:.0%}, "
            f"faults P {t['fault_precision']:.2f} R {t['fault_recall']:.2f}, angle MAE {t['angle_mae_mean_deg']:.1f}°")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=REPO / "samples")
    parser.add_argument("--model", default="full")
    parser.add_argument("--modes", action="store_true", help="also measure the speed modes")
    args = parser.parse_args()
    cores = os.cpu_count() or 1

    serial_s, serial = timed(args.folder, args.model, 1)
    parallel_s, parallel = timed(args.folder, args.model, cores)
    print(f"{serial.totals['clips']:.0f} clips, model {args.model}")
    print(f"1 worker:  {serial_s:6.1f} s   {accuracy(serial)}")
    print(f"{cores} workers: {parallel_s:6.1f} s   {accuracy(parallel)}")
    print(f"speed-up on {cores} cores: {serial_s / parallel_s:.2f}x (target >= 1.8x)")
    if args.modes:
        for label, speed in (("--stride 2", {"stride": 2}), ("--max-side 640", {"max_side": 640})):
            mode_s, result = timed(args.folder, args.model, cores, speed)
            print(f"{label:<15} {mode_s:6.1f} s ({parallel_s / mode_s:.2f}x faster)   {accuracy(result)}")


if __name__ == "__main__":
    main()
