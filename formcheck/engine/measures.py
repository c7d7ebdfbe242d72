"""Named measures of a body, in degrees (or ratios), each a small function of one frame.

`MEASURES[name](body, view, working)` returns the value or None when it cannot be measured.
`working` is the label ("LEFT"/"RIGHT") of the working leg for one-leg exercises, None when
both legs work. Labels are only used to keep one leg's landmarks together inside a frame;
which physical side a leg is, is decided in `sides.py`.

In a side view the body's sagittal plane is the image plane, so sagittal angles use pixels
(MediaPipe's image landmarks are its most accurate output); in any other view they use the 3D
world landmarks, where the same formulas hold.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from formcheck import geometry as g
from formcheck.engine.body import ANKLE, HIP, KNEE, Body, Frame
from formcheck.engine.calibration import true_hip_flexion
from formcheck.engine.measures_floor import MEASURES_FLOOR
from formcheck.engine.measures_holds import MEASURES_HOLDS
from formcheck.engine.measures_standing import MEASURES_STANDING

Measure = Callable[[Body, str, "str | None"], "float | None"]
FACING_VIEWS = ("front", "feet_end")  # views that see the pelvis and knees side by side
MIN_WEIGHT = 0.05


def other_leg(label: str) -> str:
    return "RIGHT" if label == "LEFT" else "LEFT"


def _space(body: Body, view: str) -> tuple[Frame, Callable[[str], np.ndarray]]:
    if view == "side":
        return body.px, body.leg_px
    return body.world, body.leg_world


def _leg_weight(body: Body, label: str) -> float:
    vis = body.leg_visibility(label)
    return max(float(min(vis[HIP], vis[KNEE])), MIN_WEIGHT)


def hip_flexion_raw(body: Body, view: str, label: str) -> float:
    """Trunk-thigh angle of one leg as MediaPipe's landmarks give it: 0 in line, + forward."""
    frame, leg = _space(body, view)
    points = leg(label)
    return float(g.angle_in_plane(points[KNEE] - points[HIP], frame.down, frame.anterior))


def hip_flexion_deg(body: Body, view: str, working: str | None) -> float | None:
    """Working leg's hip flexion in the user's terms: MediaPipe's reading corrected for where
    its landmarks sit (it reads ~11° low at 90°: `calibration.true_hip_flexion`)."""
    if working is None:
        return None
    return true_hip_flexion(hip_flexion_raw(body, view, working))


def hip_flexion_raw_deg(body: Body, view: str, working: str | None) -> float | None:
    return None if working is None else hip_flexion_raw(body, view, working)


def hip_extension_deg(body: Body, view: str, working: str | None) -> float | None:
    """Signed deviation of angle(shoulder, hip, knee) from straight: 0 hips in line with the
    knees and shoulders, negative hips low, positive hips pushed past the line. Both legs: a
    visibility-weighted mean, so the nearer leg of a side view counts most."""
    labels = ("LEFT", "RIGHT") if working is None else (working,)
    weights = np.array([_leg_weight(body, label) for label in labels])
    values = np.array([-hip_flexion_raw(body, view, label) for label in labels])
    return float(np.sum(weights * values) / np.sum(weights))


def _knee_flexion(body: Body, view: str, label: str) -> float:
    _, leg = _space(body, view)
    points = leg(label)
    return 180.0 - float(g.angle_3pt(points[HIP], points[KNEE], points[ANKLE]))


def knee_flexion_deg(body: Body, view: str, working: str | None) -> float | None:
    """Working leg's knee bend: 0 straight, 90 a right angle."""
    return None if working is None else _knee_flexion(body, view, working)


def standing_knee_flexion_deg(body: Body, view: str, working: str | None) -> float | None:
    """Knee bend of the leg that is not working (the standing or supporting leg)."""
    return None if working is None else _knee_flexion(body, view, other_leg(working))


def trunk_lean_deg(body: Body, view: str, working: str | None) -> float | None:
    """Trunk angle from vertical, + leaning forward (towards the face), - leaning back.
    Assumes an upright camera: image (and MediaPipe world) y points down."""
    frame = body.px if view == "side" else body.world
    vertical = np.zeros_like(frame.up)
    vertical[1] = -1.0
    forward = frame.anterior.copy()
    forward[1] = 0.0  # level component of where the face points
    if g.norm(forward) < 1e-6:
        return None
    return float(g.angle_in_plane(frame.up, vertical, forward))


def _hip_tilt(body: Body, view: str, low_side: str) -> float:
    """How far `low_side`'s hip sits below the other, in degrees across the hip line."""
    high_side = other_leg(low_side)
    if view in FACING_VIEWS:
        return float(g.line_tilt(body.leg_px(high_side)[HIP], body.leg_px(low_side)[HIP]))
    hips = body.leg_world(low_side)[HIP] - body.leg_world(high_side)[HIP]
    return float(np.degrees(np.arctan2(hips[1], np.hypot(hips[0], hips[2]))))


def pelvis_tilt_deg(body: Body, view: str, working: str | None) -> float | None:
    """Pelvis levelness, + when the left-labelled hip is lower (labels are reliable in the
    front and feet-end views that judge it; rules use its size)."""
    return _hip_tilt(body, view, "LEFT")


def working_hip_drop_deg(body: Body, view: str, working: str | None) -> float | None:
    """How far the working leg's hip sits below the other hip (a lifted leg's side sagging)."""
    return None if working is None else _hip_tilt(body, view, working)


def other_hip_drop_deg(body: Body, view: str, working: str | None) -> float | None:
    """How far the other (free) leg's hip sits below the working leg's hip."""
    return None if working is None else _hip_tilt(body, view, other_leg(working))


def knee_gap_ratio(body: Body, view: str, working: str | None) -> float | None:
    """Distance between the knees over distance between the ankles: under 1 knees caving in."""
    knees, ankles = body.pair("KNEE"), body.pair("ANKLE")
    ankle_gap = float(g.distance(*ankles))
    if ankle_gap < 1e-6:
        return None
    return float(g.distance(*knees)) / ankle_gap


def knee_opening_deg(body: Body, view: str, working: str | None) -> float | None:
    """Angle between the two thighs in 3D (world metres: 2D from above-front reads ~15° more)."""
    left, right = body.leg_world("LEFT"), body.leg_world("RIGHT")
    return float(g.angle_between(left[KNEE] - left[HIP], right[KNEE] - right[HIP]))


def _image_with_depth(body: Body) -> dict[str, np.ndarray]:
    """Each leg's hip, knee and ankle as image x, y (scaled to metres) with MediaPipe's world depth:
    a weak-perspective body that keeps the image's accurate directions across the picture and
    takes from 3D only the depth the image lacks. The scale is the least-squares fit of the image
    offsets to the world x, y offsets of the same six points."""
    px = {label: body.leg_px(label)[[HIP, KNEE, ANKLE]].astype(float) for label in ("LEFT", "RIGHT")}
    world = {label: body.leg_world(label)[[HIP, KNEE, ANKLE]].astype(float) for label in ("LEFT", "RIGHT")}
    image = np.concatenate(list(px.values()))
    metres = np.concatenate(list(world.values()))[:, :2]
    image, metres = image - image.mean(axis=0), metres - metres.mean(axis=0)
    px_per_m = float(np.sum(image * metres) / max(float(np.sum(metres * metres)), 1e-9))
    if px_per_m <= 0:
        return world
    return {label: np.column_stack([px[label] / px_per_m, world[label][:, 2]]) for label in px}


def thigh_opening_deg(body: Body, view: str, working: str | None) -> float | None:
    """Angle between the thighs as the camera best sees it: with the camera facing the body's
    front (or back), image directions with world depth (`_image_with_depth`); from elsewhere, 3D.
    On the rendered clamshell samples (calibration.py) the first reads within ~2° from above and
    in front, where MediaPipe's 3D alone reads ~18° short; from further round toward the feet the
    image reads ~15° over and 3D ~9° under."""
    if view != "front":
        return knee_opening_deg(body, view, working)
    legs = _image_with_depth(body)
    left, right = legs["LEFT"], legs["RIGHT"]
    return float(g.angle_between(left[1] - left[0], right[1] - right[0]))


def feet_gap_ratio(body: Body, view: str, working: str | None) -> float | None:
    """Distance between the ankles as a share of torso length (3D)."""
    return float(g.distance(*body.pair("ANKLE", "world"))) / max(body.world.torso, 1e-6)


def pelvis_roll_deg(body: Body, view: str, working: str | None) -> float | None:
    """Rotation of the hip line about the body's long axis, against the camera's depth axis
    (3D). Only its change from rest means anything: rules use it with `from_rest`."""
    left, right = body.pair("HIP", "world")
    up = body.world.up
    zero = g.perpendicular_part(np.array([0.0, 0.0, 1.0]), up)
    return float(g.angle_in_plane(right - left, zero, g.cross(up, zero)))


MEASURES: dict[str, Measure] = {
    "hip_extension_deg": hip_extension_deg,
    "hip_flexion_deg": hip_flexion_deg,
    "hip_flexion_raw_deg": hip_flexion_raw_deg,
    "knee_flexion_deg": knee_flexion_deg,
    "standing_knee_flexion_deg": standing_knee_flexion_deg,
    "trunk_lean_deg": trunk_lean_deg,
    "pelvis_tilt_deg": pelvis_tilt_deg,
    "working_hip_drop_deg": working_hip_drop_deg,
    "other_hip_drop_deg": other_hip_drop_deg,
    "knee_gap_ratio": knee_gap_ratio,
    "knee_opening_deg": knee_opening_deg,
    "thigh_opening_deg": thigh_opening_deg,
    "feet_gap_ratio": feet_gap_ratio,
    "pelvis_roll_deg": pelvis_roll_deg,
    **MEASURES_FLOOR,  # all fours, face down, side-lying, seated, bridge march
    **MEASURES_STANDING,  # squats, lunges, standing abduction, lunge to knee drive
    **MEASURES_HOLDS,  # plank, stretches, balance test
}


def measure_all(body: Body, view: str, working: str | None, names: tuple[str, ...]) -> dict[str, float]:
    """The named measures that can be taken on this frame (those returning None are left out)."""
    values = {}
    for name in names:
        value = MEASURES[name](body, view, working)
        if value is not None and np.isfinite(value):
            values[name] = value
    return values
