"""Remake the README's pictures from a clip: docs/live.png, docs/report.png, docs/annotated_frame.png.

    python tools/docs_images.py samples/glute_bridge_side_clean.mp4 -e glute_bridge [--out docs]

Everything goes through the `formcheck` command as a user runs it:
- live.png: `formcheck live --source CLIP` in a real window on a virtual screen (Xvfb, started
  here when there is no $DISPLAY), its picture saved by the hidden --screenshot-at option just
  after the first rep that does not count (its fault in the banner, the counters, the angle arc),
  or at the second rep's peak when every rep counts;
- report.png: `formcheck analyze --report`, the page shot by headless Chromium;
- annotated_frame.png: `formcheck analyze --annotate`, the frame at the peak of the last valid
  rep that was held (the counters, its hold ring and angle showing).
Use only clips that may be published (samples/ is CC0; ../shared/footage is not).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2

REPO = Path(__file__).resolve().parent.parent
AFTER_REP_S = 0.3  # a rep's verdict is in the banner this long after it ends
REPORT_SIZE = (1200, 2120)  # width, height of the report shot: the summary, plots and rep table
CHROMIUM = "/usr/bin/chromium"


def formcheck(*args: str, env: dict | None = None) -> str:
    result = subprocess.run([sys.executable, "-m", "formcheck", *args], capture_output=True, text=True,
                            env={**os.environ, **(env or {})}, check=False)
    if result.returncode != 0:
        raise SystemExit(f"formcheck {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def virtual_screen() -> tuple[str, subprocess.Popen | None]:
    if os.environ.get("DISPLAY"):
        return os.environ["DISPLAY"], None
    if not shutil.which("Xvfb"):
        raise SystemExit("no $DISPLAY and no Xvfb (Debian: apt-get install xvfb)")
    display = f":{70 + os.getpid() % 20}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    return display, server


def live_shot(clip: Path, exercise: str, at_s: float, png: Path, work: Path, extra: list[str]) -> None:
    display, server = virtual_screen()
    try:
        formcheck("live", "-e", exercise, "--source", str(clip), "--mute", "--no-save", *extra,
                  "--session-log", str(work / "session.jsonl"), "--screenshot-at", f"{at_s:.2f}:{png}",
                  env={"DISPLAY": display})
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    if not png.exists():
        raise SystemExit(f"the live session ended before {at_s:.1f} s: no screenshot")


def report_shot(html: Path, png: Path, work: Path) -> None:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={work / 'chromium'}", f"--window-size={REPORT_SIZE[0]},{REPORT_SIZE[1]}"]
    subprocess.run([CHROMIUM, *flags, f"--screenshot={png}", html.resolve().as_uri()],
                   capture_output=True, timeout=120, check=True)


def frame_at(video: Path, t_s: float, png: Path) -> None:
    capture = cv2.VideoCapture(str(video))
    capture.set(cv2.CAP_PROP_POS_MSEC, t_s * 1000.0)
    ok, frame = capture.read()
    capture.release()
    if not ok:
        raise SystemExit(f"no frame at {t_s:.2f} s in {video}")
    cv2.imwrite(str(png), frame)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clip", type=Path)
    parser.add_argument("--exercise", "-e", required=True)
    parser.add_argument("--side", choices=["left", "right", "alternate"], help="passed to analyze and live")
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    args = parser.parse_args()
    extra = ["--side", args.side] if args.side else []
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        formcheck("analyze", str(args.clip), "-e", args.exercise, *extra, "-q", "--json", str(work / "r.json"),
                  "--report", str(work / "report.html"), "--annotate", str(work / "annotated.mp4"))
        reps = json.loads((work / "r.json").read_text())["reps"]
        if not reps:
            raise SystemExit(f"no rep found in {args.clip}")
        failed = [r for r in reps if not r["valid"]]
        if failed or len(reps) < 2:
            at_s = (failed or reps)[0]["end_s"] + AFTER_REP_S
        else:
            at_s = reps[1]["peak_s"]
        live_shot(args.clip, args.exercise, at_s, args.out / "live.png", work, extra)
        report_shot(work / "report.html", args.out / "report.png", work)
        held = [r for r in reps if r["valid"] and r["hold_s"] > 0] or reps
        frame_at(work / "annotated.mp4", held[-1]["peak_s"], args.out / "annotated_frame.png")
    print(f"live.png, report.png and annotated_frame.png written to {args.out}")


if __name__ == "__main__":
    main()
