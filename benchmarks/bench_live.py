"""The live loop on a 30 fps source: latency (capture -> shown) against the model's own time.

    python benchmarks/bench_live.py [CLIP] [--minutes 1] [--models lite full] [--headless]

The clip is decoded once into memory and looped with running timestamps, then played to the
live loop in real time, newest-frame-only, like a camera: decoding is not what is measured.
The window is drawn and shown (on $DISPLAY, or on an Xvfb this script starts when there is
none; --headless skips drawing). Per model, in one run: frames processed per second, the share
of frames dropped, latency median/p95, the model's inference median/p95 (timed inside the same
loop), latency p95 over inference p95 (target: at most 15 ms more), and drift: latency over the
last DRIFT_WINDOW_S against the first (target: no growth; 10 minutes for the claim). Prints
numbers and ratios; asserts nothing.
"""
from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from formcheck.data import Frame  # noqa: E402
from formcheck.live.run import LiveRequest, LiveSource, run_live  # noqa: E402
from formcheck.live.stats import percentile  # noqa: E402
from formcheck.sources import VideoFileSource  # noqa: E402

DRIFT_WINDOW_S = 60.0  # first and last minute (a quarter of the run each, when shorter than 4 min)
TARGET_OVER_INFERENCE_MS = 15.0
TARGET_FPS_LITE = 25.0


def default_clip() -> tuple[Path, str]:
    samples = REPO / "samples"
    for pattern, exercise in (("knee_drive*.mp4", "knee_drive"), ("glute_bridge*.mp4", "glute_bridge")):
        for path in sorted(samples.glob(pattern)):
            if VideoFileSource(path).info.fps >= 29:
                return path, exercise
    footage = REPO.parent / "shared/footage/bridge_side_02.mp4"  # 30 fps, read in place
    if footage.exists():
        return footage, "glute_bridge"
    raise SystemExit("no 30 fps clip: pass one as the first argument (and --exercise)")


def looped(frames: list[Frame], fps: float, seconds: float) -> Iterator[Frame]:
    """The clip over and over, timestamps running on, for `seconds` of media time."""
    period_ms = frames[-1].t_ms - frames[0].t_ms + 1000.0 / fps
    for index, (lap, frame) in enumerate((lap, f) for lap in itertools.count() for f in frames):
        t_ms = lap * period_ms + frame.t_ms - frames[0].t_ms
        if t_ms >= seconds * 1000.0:
            return
        yield Frame(index, t_ms, frame.image)


def start_screen() -> subprocess.Popen | None:
    """An Xvfb on a free display number when there is no display and Xvfb is installed."""
    if os.environ.get("DISPLAY") or not shutil.which("Xvfb"):
        return None
    display = f":{90 + os.getpid() % 9}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    os.environ["DISPLAY"] = display
    return server


def window_stats(latency: list[float], t_s: list[float], lo: float, hi: float) -> tuple[float | None, float | None]:
    chosen = [v for v, t in zip(latency, t_s) if lo <= t < hi]
    return percentile(chosen, 50), percentile(chosen, 95)


def fmt(value: float | None, unit: str = " ms") -> str:
    return "-" if value is None else f"{value:.1f}{unit}"


def run_model(model: str, clip: Path, exercise: str, frames: list[Frame], fps: float, seconds: float,
              headless: bool) -> dict:
    info = VideoFileSource(clip).info
    with tempfile.TemporaryDirectory() as folder, open(os.devnull, "w") as quiet, redirect_stdout(quiet):
        request = LiveRequest(exercise=exercise, options={}, model=model, mute=True, headless=headless,
                              session_log=Path(folder) / "session.jsonl")  # headless events go to devnull
        result = run_live(request, LiveSource(info, looped(frames, fps, seconds), camera=False))
    s = result.summary()
    stats = result.stats
    window = min(DRIFT_WINDOW_S, seconds / 4)
    first = window_stats(stats.latency_ms, stats.latency_t_s, 0.0, window)
    last = window_stats(stats.latency_ms, stats.latency_t_s, seconds - window, seconds)
    return {**s, "model": model, "window_s": window, "first": first, "last": last,
            "processed_fps": len(stats.latency_ms) / seconds}


def report(r: dict) -> None:
    over = r["latency_ms_p95"] - r["inference_ms_p95"]
    print(f"model {r['model']}: {r['processed_fps']:.1f} frames/s processed of 30, "
          f"{r['dropped']} of {r['frames_captured']} dropped ({r['dropped_rate']:.1%})")
    print(f"  latency capture->shown  p50 {fmt(r['latency_ms_p50'])}  p95 {fmt(r['latency_ms_p95'])}")
    print(f"  model inference         p50 {fmt(r['inference_ms_p50'])}  p95 {fmt(r['inference_ms_p95'])}")
    print(f"  latency p95 - inference p95 = {over:.1f} ms (target <= {TARGET_OVER_INFERENCE_MS:g}): "
          f"{'met' if over <= TARGET_OVER_INFERENCE_MS else 'MISSED'}; ratio {r['latency_ms_p95'] / r['inference_ms_p95']:.2f}")
    (f50, f95), (l50, l95) = r["first"], r["last"]
    w = r["window_s"]
    print(f"  drift: first {w:.0f} s p50 {fmt(f50)} p95 {fmt(f95)}; last {w:.0f} s p50 {fmt(l50)} p95 {fmt(l95)}; "
          f"last/first p50 {l50 / f50:.2f}, p95 {l95 / f95:.2f}")
    if r["model"] == "lite":
        verdict = "met" if r["processed_fps"] >= TARGET_FPS_LITE else "MISSED"
        print(f"  lite processed {r['processed_fps']:.1f} frames/s (target >= {TARGET_FPS_LITE:g} on {os.cpu_count()} cores): {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clip", nargs="?", type=Path)
    parser.add_argument("--exercise", help="the clip's exercise (default: from the default clip)")
    parser.add_argument("--minutes", type=float, default=1.0, help="per model (the drift claim wants 10)")
    parser.add_argument("--models", nargs="+", default=["lite", "full"])
    parser.add_argument("--headless", action="store_true", help="no window: nothing drawn or shown")
    args = parser.parse_args()
    clip, exercise = (args.clip, args.exercise or "glute_bridge") if args.clip else default_clip()
    frames = list(VideoFileSource(clip))
    fps = VideoFileSource(clip).info.fps
    screen = None if args.headless else start_screen()
    headless = args.headless or not os.environ.get("DISPLAY")
    print(f"{clip.name}: {len(frames)} frames at {fps:.0f} fps looped for {args.minutes:g} min per model; "
          f"{'headless' if headless else 'window on ' + os.environ['DISPLAY']}; {os.cpu_count()} cores")
    try:
        for model in args.models:
            report(run_model(model, clip, exercise, frames, fps, args.minutes * 60.0, headless))
    finally:
        if screen is not None:
            screen.terminate()


if __name__ == "__main__":
    main()
