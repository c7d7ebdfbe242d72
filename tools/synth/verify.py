"""Check the rendered clips against MediaPipe: `python -m tools.synth.verify samples`.

For every clip of the manifest, MediaPipe Pose Landmarker (full model, VIDEO mode, one person)
runs over the video. Printed per clip, as a Markdown table: the share of frames with a pose, and
the mean absolute error of the driving angle measured on MediaPipe's 2D landmarks against the
truth at joint centres (`driving_true_deg`) and against the same formula on the truth's
MediaPipe-style markers (`xy`). For the clamshell, whose formcheck measure is 3D, the angle on
MediaPipe's world landmarks against the truth is given too. Exits 1 when a clip's detection
falls under 95 %.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import cv2
import numpy as np

from tools.synth import truth

MODEL = Path(__file__).resolve().parents[2] / "models" / "pose_landmarker_full.task"  # the one formcheck ships
MIN_DETECTED = 0.95
SWAP = np.array([0, 4, 5, 6, 1, 2, 3, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15, 18, 17, 20, 19, 22, 21, 24, 23, 26, 25,
                 28, 27, 30, 29, 32, 31])  # left <-> right in MediaPipe's order


def detect(video: Path, t_ms: np.ndarray, model: Path) -> tuple[np.ndarray, np.ndarray]:
    """MediaPipe's ([N, 33, 2] pixels, [N, 33, 3] world metres), NaN where it found nobody."""
    import mediapipe
    from mediapipe.tasks.python import BaseOptions, vision

    options = vision.PoseLandmarkerOptions(base_options=BaseOptions(model_asset_path=str(model)),
                                           running_mode=vision.RunningMode.VIDEO, num_poses=1)
    xy = np.full((len(t_ms), 33, 2), np.nan)
    world = np.full((len(t_ms), 33, 3), np.nan)
    capture = cv2.VideoCapture(str(video))
    with vision.PoseLandmarker.create_from_options(options) as landmarker:
        for i, t in enumerate(t_ms):
            ok, bgr = capture.read()
            if not ok:
                break
            height, width = bgr.shape[:2]
            image = mediapipe.Image(image_format=mediapipe.ImageFormat.SRGB, data=cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
            result = landmarker.detect_for_video(image, int(round(t)))
            if result.pose_landmarks:
                xy[i] = [(p.x * width, p.y * height) for p in result.pose_landmarks[0]]
                world[i] = [(p.x, p.y, p.z) for p in result.pose_world_landmarks[0]]
    capture.release()
    return xy, world


def angles_2d(exercise: str, xy: np.ndarray, sides: list[str]) -> np.ndarray:
    up = np.array([0.0, -1.0])  # a bridge's hips rise toward the top of the image
    out = np.full(len(xy), np.nan)
    for i, (points, side) in enumerate(zip(xy, sides)):
        if np.isfinite(points).all():
            out[i] = truth.driving_angle(exercise, points, side, up)
    return out


def check_clip(folder: Path, entry: dict, model: Path) -> dict:
    with np.load(folder / entry["truth"], allow_pickle=False) as data:
        labels = {k: data[k] for k in data.files}
    meta = json.loads(str(labels["meta"]))
    exercise = entry["exercise"]
    rep_sides = [None if s == "none" else str(s) for s in labels["side"]]
    sides = truth.drive_sides(exercise, rep_sides, entry["options"].get("side") or "left")
    xy, world = detect(folder / entry["file"], labels["t_ms"], model)
    if meta["mirrored"]:  # MediaPipe names the sides it sees: in a mirror image the body's left looks right
        xy, world = xy[:, SWAP], world[:, SWAP]
    found = np.isfinite(xy).all(axis=(1, 2))
    measured = angles_2d(exercise, xy, sides)
    on_markers = angles_2d(exercise, labels["xy"].astype(float), sides)
    true = labels["driving_true_deg"].astype(float)
    row = {"clip": entry["file"].removesuffix(".mp4"), "frames": len(true), "detected": float(found.mean()),
           "mae_truth": float(np.nanmean(np.abs(measured - true))) if found.any() else float("nan"),
           "bias_truth": float(np.nanmean(measured - true)) if found.any() else float("nan"),
           "mae_markers": float(np.nanmean(np.abs(measured - on_markers))) if found.any() else float("nan"),
           "mae_3d": None}
    if exercise == "clamshell" and found.any():
        row["mae_3d"] = float(np.nanmean(np.abs(np.array([truth.thigh_angle(w) if np.isfinite(w).all() else np.nan
                                                         for w in world]) - true)))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path("samples"))
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--only", nargs="*", help="clip names (default: all)")
    args = parser.parse_args()
    clips = json.loads((args.folder / "manifest.json").read_text())["clips"]
    print("| clip | frames | detected | MAE vs truth (bias) | MAE vs markers | 3D MAE vs truth |")
    print("|---|---:|---:|---:|---:|---:|")
    failed = False
    for entry in clips:
        if args.only and entry["file"].removesuffix(".mp4") not in args.only:
            continue
        r = check_clip(args.folder, entry, args.model)
        failed |= r["detected"] < MIN_DETECTED
        three_d = "" if r["mae_3d"] is None else f"{r['mae_3d']:.1f}°"
        print(f"| {r['clip']} | {r['frames']} | {100 * r['detected']:.0f} % | {r['mae_truth']:.1f}° ({r['bias_truth']:+.1f}°) "
              f"| {r['mae_markers']:.1f}° | {three_d} |", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
