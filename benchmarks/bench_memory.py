"""Streaming analysis of a long video: resident memory from start to end, measured in one run.

    python benchmarks/bench_memory.py [--minutes 60] [--clip CLIP] [--model lite]

Makes a long video by looping a clip (ffmpeg stream copy, no re-encoding; imageio-ffmpeg's
binary from the `test` extra), analyses it with `formcheck.analyze_video`, and samples the
process's resident set size as it goes. Target: growth from the first minute to the end < 50 MB.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from formcheck.pipeline import analyze_video  # noqa: E402
from formcheck.sources import VideoFileSource  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def looped(clip: Path, minutes: float, folder: Path) -> Path:
    import imageio_ffmpeg

    duration_s = VideoFileSource(clip).info.duration_s
    loops = max(int(minutes * 60 / duration_s), 1)
    out = folder / f"long_{minutes:g}min.mp4"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-y", "-stream_loop", str(loops - 1),
                    "-i", str(clip), "-c", "copy", str(out)], check=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--clip", type=Path, default=None)
    parser.add_argument("--exercise", default="glute_bridge")
    parser.add_argument("--model", default="lite")
    args = parser.parse_args()
    clip = args.clip or next(iter(sorted((REPO / "samples").glob("glute_bridge*.mp4"))), REPO.parent / "shared/footage/bridge_side_02.mp4")

    with tempfile.TemporaryDirectory() as tmp:
        video = looped(clip, args.minutes, Path(tmp))
        info = VideoFileSource(video).info
        samples: list[tuple[float, float]] = []  # (media minute, RSS MB)

        def sample(step) -> None:
            if step.frame.index % 300 == 0:
                samples.append((step.analysis.t_ms / 60000, rss_mb()))

        start = time.perf_counter()
        report = analyze_video(video, args.exercise, model=args.model, on_step=sample)
        elapsed = time.perf_counter() - start

    after_first_minute = next(mb for minute, mb in samples if minute >= 1.0) if info.duration_s > 60 else samples[0][1]
    peak = max(mb for _, mb in samples)
    print(f"video: {clip.name} looped to {info.duration_s / 60:.1f} min, {info.frame_count} frames, model {args.model}")
    print(f"analysed in {elapsed / 60:.1f} min ({info.frame_count / elapsed:.0f} fps); {len(report.reps)} reps")
    print(f"RSS after the first minute {after_first_minute:.1f} MB, at the end {samples[-1][1]:.1f} MB, peak {peak:.1f} MB")
    print(f"growth first minute -> end: {samples[-1][1] - after_first_minute:+.1f} MB (target < 50 MB)")


if __name__ == "__main__":
    main()
