"""End-to-end video analysis against the model's own inference time, measured in one run.

    python benchmarks/bench_pipeline.py [CLIP] [--model full] [--exercise glute_bridge]

1. model alone: every frame decoded and converted to RGB beforehand (untimed), then only
   PoseLandmarker.detect_for_video timed over them;
2. end to end: `formcheck.analyze_video` on the file (decoding, conversion, inference,
   smoothing, analysis).
Prints both and their ratio; the target is <= 1.10 (decoding hidden behind inference).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from formcheck.models import resolve_model  # noqa: E402
from formcheck.pipeline import analyze_video  # noqa: E402
from formcheck.pose import PoseEstimator  # noqa: E402
from formcheck.sources import VideoFileSource  # noqa: E402


def default_clip() -> Path:
    for candidate in sorted((REPO / "samples").glob("glute_bridge*.mp4")) + [REPO.parent / "shared/footage/bridge_side_02.mp4"]:
        if candidate.exists():
            return candidate
    raise SystemExit("no clip: pass one as the first argument")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clip", nargs="?", type=Path)
    parser.add_argument("--model", default="full")
    parser.add_argument("--exercise", default="glute_bridge")
    parser.add_argument("--repeats", type=int, default=2, help="best of N for each measurement")
    args = parser.parse_args()
    clip = args.clip or default_clip()

    frames = list(VideoFileSource(clip))
    bundle = resolve_model(args.model)
    model_only = []
    for _ in range(args.repeats):
        with PoseEstimator(bundle) as estimator:
            estimator.detect(frames[0])  # graph warm-up, paid by both measurements alike
            start = time.perf_counter()
            for frame in frames[1:]:
                estimator.detect(frame)
            model_only.append((time.perf_counter() - start) * len(frames) / (len(frames) - 1))
    end_to_end = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        analyze_video(clip, args.exercise, model=args.model)
        end_to_end.append(time.perf_counter() - start)

    model_s, e2e_s = min(model_only), min(end_to_end)
    duration_s = frames[-1].t_ms / 1000 + 1 / max(VideoFileSource(clip).info.fps, 1)
    print(f"clip: {clip.name}, {len(frames)} frames {frames[0].image.shape[1]}x{frames[0].image.shape[0]}, model {args.model}")
    print(f"model alone:  {model_s:6.2f} s  {1000 * model_s / len(frames):5.1f} ms/frame")
    print(f"end to end:   {e2e_s:6.2f} s  {1000 * e2e_s / len(frames):5.1f} ms/frame  {len(frames) / e2e_s:5.1f} fps  "
          f"real-time factor {duration_s / e2e_s:4.2f}x")
    print(f"ratio end-to-end / model alone: {e2e_s / model_s:.3f} (target <= 1.10)")


if __name__ == "__main__":
    main()
