"""The truth written beside each clip: per-frame landmarks and labels (<clip>.truth.npz), and
the clip's manifest entry. Angles are measured on the posed skeleton's joint centres, so they
are what the body did, not what the timeline asked for."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from tools.synth.timeline import Frame, Segment, rep_times

L_SHOULDER, R_SHOULDER, L_HIP, R_HIP, L_KNEE, R_KNEE = 11, 12, 23, 24, 25, 26
SIDE_POINTS = {"left": (L_SHOULDER, L_HIP, L_KNEE), "right": (R_SHOULDER, R_HIP, R_KNEE)}
# Fault codes that are a cue only in formcheck's exercise specs: they leave a rep valid.
CUE_ONLY = {"knee_not_bent"}
# Faults built into the video that formcheck does not judge from video, by exercise, with the
# reason in formcheck/engine/calibration.py. They are listed apart in the manifest
# (`not_judged`) and leave the rep valid, so the score neither expects nor rewards them.
NOT_JUDGED = {"clamshell": {"pelvis_roll"}}


def angle(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> float:
    """Angle at b in degrees, 2D or 3D."""
    u, v = a - b, c - b
    cos = np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))
    return float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))))


def hip_flexion(points: np.ndarray, side: str) -> float:
    """180° - angle(shoulder, hip, knee): 0 standing straight, 90 with the thigh at right angles."""
    s, h, k = SIDE_POINTS[side]
    return 180.0 - angle(points[s], points[h], points[k])


def line_deviation(shoulder: np.ndarray, hip: np.ndarray, knee: np.ndarray, front: np.ndarray) -> float:
    """Signed deviation of angle(shoulder, hip, knee) from 180°: 0 in line, negative with the
    hip behind the shoulder-knee line (hips low), positive in front of it (`front` is the body's
    front direction, or the image's up for 2D points)."""
    deviation = 180.0 - angle(shoulder, hip, knee)
    line = knee - shoulder
    offset = hip - shoulder - line * np.dot(hip - shoulder, line) / np.dot(line, line)
    return deviation if np.dot(offset, front) > 0 else -deviation


def hip_extension(points: np.ndarray, side: str, front: np.ndarray) -> float:
    """A bridge's driving angle: `line_deviation` of the side's shoulder, hip and knee."""
    s, h, k = SIDE_POINTS[side]
    return line_deviation(points[s], points[h], points[k], front)


def thigh_angle(points: np.ndarray) -> float:
    """Angle between the two thighs (hip -> knee), 2D or 3D."""
    u, v = points[L_KNEE] - points[L_HIP], points[R_KNEE] - points[R_HIP]
    cos = np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))
    return float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))))


def sagittal(points: np.ndarray, lateral: np.ndarray) -> np.ndarray:
    """Points projected on the body's sagittal plane (`lateral` is the pelvis's left-right axis).
    Hip flexion and extension are measured there: in 3D the shoulder and knee sit a few cm
    lateral to the hip joint, which alone would keep angle(shoulder, hip, knee) ~13° off 180°."""
    return points - np.multiply.outer(points @ lateral, lateral)


def driving_angle(exercise: str, points: np.ndarray, side: str, front: np.ndarray,
                  lateral: np.ndarray | None = None) -> float:
    """The exercise's driving angle on `side` (left | right | both: the mean of the two legs);
    with `lateral` (3D points), hip angles are taken in the body's sagittal plane."""
    if lateral is not None and exercise != "clamshell":
        points = sagittal(points, lateral)
    sides = ("left", "right") if side == "both" else (side,)
    if exercise == "knee_drive":
        return float(np.mean([hip_flexion(points, s) for s in sides]))
    if exercise in ("glute_bridge", "single_leg_bridge"):
        return float(np.mean([hip_extension(points, s, front) for s in sides]))
    return thigh_angle(points)


def drive_sides(exercise: str, rep_sides: list[str | None], clip_side: str) -> list[str]:
    """Which leg's angle drives each frame, from each frame's rep side (None outside reps): the
    rep's working leg, between reps the leg of the last rep (the next one before the first), the
    clip's own side where it has no reps; both legs for the two-legged bridge and the clamshell."""
    if exercise in ("glute_bridge", "clamshell"):
        return ["both"] * len(rep_sides)
    upcoming = [s for s in rep_sides if s]
    sides, current = [], upcoming[0] if upcoming else clip_side
    for s in rep_sides:
        current = s or current
        sides.append(current)
    return sides


def tilt(lower: np.ndarray, higher: np.ndarray) -> float:
    """Degrees by which the line from `higher` to `lower` falls below the horizontal (world Z up)."""
    d = lower - higher
    return float(np.degrees(np.arcsin(np.clip(-d[2] / np.linalg.norm(d), -1, 1))))


def pelvis_drop(exercise: str, joints: np.ndarray, drop_side: str) -> float:
    """The hip line's fall toward `drop_side` (the unsupported side), degrees; 0 for the
    side-lying clamshell, whose hips are stacked."""
    if exercise == "clamshell":
        return 0.0
    hips = {"left": joints[L_HIP], "right": joints[R_HIP]}
    other = "right" if drop_side == "left" else "left"
    return tilt(hips[drop_side], hips[other])


def pelvis_roll(joints: np.ndarray, top: str, long_axis: np.ndarray) -> float:
    """Clamshell: how far the hip line (bottom -> top hip) leans back from straight up, about the
    body's long axis, degrees (the front faces -Y)."""
    top_hip, bottom_hip = (joints[L_HIP], joints[R_HIP]) if top == "left" else (joints[R_HIP], joints[L_HIP])
    v = top_hip - bottom_hip
    v = v - long_axis * np.dot(v, long_axis)
    return float(np.degrees(np.arctan2(v[1], v[2])))


def write_truth(path: Path, frames: list[Frame], arrays: dict[str, np.ndarray], labels: dict[str, np.ndarray],
                meta: dict) -> None:
    n = len(frames)
    np.savez_compressed(
        path,
        t_ms=np.array([f.t_s * 1000.0 for f in frames], np.float64),
        xy=arrays["xy"].astype(np.float32), world=arrays["world"].astype(np.float32),
        joint_xy=arrays["joint_xy"].astype(np.float32), joint_world=arrays["joint_world"].astype(np.float32),
        visibility=arrays["visibility"].astype(np.float32), presence=np.ones((n, 33), np.float32),
        rep=np.array([f.rep_index for f in frames], np.int16),
        phase=np.array([f.phase for f in frames], dtype="<U8"),
        side=np.array([f.rep.side if f.rep else "none" for f in frames], dtype="<U5"),
        hold=np.array([f.hold for f in frames], bool),
        pelvis_drop_deg=labels["pelvis_drop_deg"].astype(np.float32),
        pelvis_roll_deg=labels["pelvis_roll_deg"].astype(np.float32),
        driving_true_deg=labels["driving_true_deg"].astype(np.float32),
        meta=np.array(json.dumps(meta)),
    )


def time_at_top(t_s: np.ndarray, drive: np.ndarray, top: float, start_s: float, end_s: float) -> tuple[float, float]:
    """(first time, total seconds) the driving measure spends at or above `top` between start_s
    and end_s, crossings interpolated between frames: the hold as formcheck defines it (time at
    the exercise's top level, `top_deg`). The timeline's plateau alone would leave out the last
    and first degrees of the ramps, where a person is at the top too."""
    inside = (t_s >= start_s - 1e-9) & (t_s <= end_s + 1e-9) & np.isfinite(drive)
    t, d = t_s[inside], drive[inside] - top
    first, total = None, 0.0
    for (t0, d0), (t1, d1) in zip(zip(t[:-1], d[:-1]), zip(t[1:], d[1:])):
        if d0 < 0 and d1 < 0:
            continue
        if d0 >= 0 and d1 >= 0:
            a, b = t0, t1
        elif d0 < 0:  # crossing up
            a, b = t0 + (t1 - t0) * (-d0) / (d1 - d0), t1
        else:  # crossing down
            a, b = t0, t0 + (t1 - t0) * d0 / (d0 - d1)
        first = a if first is None else first
        total += b - a
    return (start_s if first is None else float(first)), float(total)


def manifest_entry(name: str, exercise: str, view: str, timeline: list[Segment], options: dict,
                   description: str, fps: float, t_s: np.ndarray, drive: np.ndarray, top: float) -> dict:
    """Expected counts, holds and faults from the timeline and the driving measure `drive` (per
    frame at `t_s`): a rep is valid when it carries no fault (other than a cue) and its hold, the
    time the measure stays at or above the exercise's `top` level, meets the target."""
    reps = {s: 0 for s in ("left", "right", "both")}
    valid = dict(reps)
    holds, faults, not_judged = [], [], []
    target = options.get("hold_s", 0.0)
    for n, (rep, start, hold_start, hold_end) in enumerate(rep_times(timeline), 1):
        reps[rep.side] += 1
        unseen = NOT_JUDGED.get(exercise, set())
        codes = [c for c in rep.faults if c not in unseen]
        not_judged += [{"code": c, "rep": n, "side": rep.side, "t_s": round((hold_start + hold_end) / 2, 3)}
                       for c in rep.faults if c in unseen]
        at_top_s, held_s = time_at_top(t_s, drive, top, start, start + rep.seconds)
        reaches_top = held_s > 0
        posture_or_range = [c for c in codes if c not in CUE_ONLY and c != "hold_too_short"]
        if reaches_top and held_s < target and not posture_or_range and "hold_too_short" not in codes:
            codes.append("hold_too_short")  # formcheck names a posture or range fault first
        if not [c for c in codes if c not in CUE_ONLY]:
            valid[rep.side] += 1
        # formcheck times a hold only while the posture is right, so a rep built with a posture
        # fault has no hold to compare
        if reaches_top and not posture_or_range:
            holds.append({"rep": n, "side": rep.side, "start_s": round(at_top_s, 3), "duration_s": round(held_s, 3)})
        faults += [{"code": c, "rep": n, "side": rep.side, "t_s": round((hold_start + hold_end) / 2, 3)}
                   for c in codes]
    return {
        "file": f"{name}.mp4", "truth": f"{name}.truth.npz", "exercise": exercise, "view": view,
        "options": options, "description": description,
        "expected": {"reps": {**reps, "total": sum(reps.values())},
                     "valid_reps": {**valid, "total": sum(valid.values())},
                     "holds": holds, "faults": faults, "not_judged": not_judged},
        "tolerances": {"hold_s": max(0.3, round(2.0 / fps, 3)), "angle_mae_deg": 5.0},
    }
