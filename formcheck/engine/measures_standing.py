"""Measures of the standing leg exercises (squat, lunge, single-leg squat, standing hip abduction,
reverse lunge to knee drive), in the same shape as `measures.MEASURES`: (body, view, working).

Frontal-plane measures (abduction, sideways lean) use pixels in the views that see the frontal
plane square-on, like the pelvis tilt does; elsewhere the 3D world landmarks. The knee's inward
travel is taken in world metres (reported in cm), so its size does not depend on how far the
camera is; on the footage MediaPipe's 2D knee from the front was 15-30 cm off the hip-ankle line
on clean lunges (the body turned a little), its 3D knee within 6-8 cm (lunge_front_03).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from formcheck import geometry as g
from formcheck.engine.body import ANKLE, HEEL, HIP, KNEE, TOE, Body
from formcheck.engine.calibration import true_hip_flexion

# `measures.py` merges this table into MEASURES, so nothing here may import it: the helpers it
# shares are restated below in their short form (same formulas, same spaces).
FACING_VIEWS = ("front", "feet_end")  # as in measures.py: views that see the hips side by side
MIN_WEIGHT = 0.05  # as in measures.py: a hidden leg still counts a little
LABELS = ("LEFT", "RIGHT")
# A leg that stands: its knee straighter than this. MediaPipe reads straight standing knees up
# to 28° bent in 3D (high_knees_front_01, see knee_drive.py); a lunge bends both knees to ~90°:
# halfway between tells "on one straight leg" from "in a lunge".
STANDING_KNEE_MAX_DEG = 45.0


def other_leg(label: str) -> str:
    return "RIGHT" if label == "LEFT" else "LEFT"


def _sagittal_leg(body: Body, view: str, label: str) -> np.ndarray:
    """One leg in pixels in a side view (its plane is the image plane), world metres otherwise."""
    return body.leg_px(label) if view == "side" else body.leg_world(label)


def _knee_flexion(body: Body, view: str, label: str) -> float:
    points = _sagittal_leg(body, view, label)
    return 180.0 - float(g.angle_3pt(points[HIP], points[KNEE], points[ANKLE]))


def _hip_flexion_raw(body: Body, view: str, label: str) -> float:
    """Trunk-thigh angle as MediaPipe's landmarks give it (`measures.hip_flexion_raw`)."""
    frame = body.px if view == "side" else body.world
    points = _sagittal_leg(body, view, label)
    return float(g.angle_in_plane(points[KNEE] - points[HIP], frame.down, frame.anterior))


def _leg_weight(body: Body, label: str) -> float:
    vis = body.leg_visibility(label)
    return max(float(min(vis[HIP], vis[KNEE])), MIN_WEIGHT)


def _frontal_space(body: Body, view: str):
    """(leg points of a label, body frame, vertical) in the space that sees the frontal plane best."""
    if view in FACING_VIEWS:
        return body.leg_px, body.px, np.array([0.0, -1.0])
    return body.leg_world, body.world, np.array([0.0, -1.0, 0.0])


def knees_flexion_deg(body: Body, view: str, working: str | None) -> float | None:
    """Both knees' bend, visibility-weighted (a side view's near knee counts most): squat depth."""
    weights = np.array([_leg_weight(body, label) for label in LABELS])
    values = np.array([_knee_flexion(body, view, label) for label in LABELS])
    return float(np.sum(weights * values) / np.sum(weights))


def more_bent_knee_deg(body: Body, view: str, working: str | None) -> float | None:
    """The more bent of the two knees: stays up through a lunge, the swing and a knee drive."""
    return max(_knee_flexion(body, view, label) for label in LABELS)


def less_bent_knee_deg(body: Body, view: str, working: str | None) -> float | None:
    """The less bent of the two knees: high only when both bend at once, as in a lunge."""
    return min(_knee_flexion(body, view, label) for label in LABELS)


def one_leg_knee_drive_deg(body: Body, view: str, working: str | None) -> float | None:
    """Hip flexion (user's terms) of the more bent leg while the other stands straight; None
    while both knees bend (a lunge's front thigh is level too, and is no knee drive)."""
    bends = {label: _knee_flexion(body, view, label) for label in LABELS}
    standing = min(bends, key=bends.get)
    if bends[standing] > STANDING_KNEE_MAX_DEG:
        return None
    return true_hip_flexion(_hip_flexion_raw(body, view, other_leg(standing)))


def hip_abduction_deg(body: Body, view: str, working: str | None) -> float | None:
    """Working leg's thigh angle out to the side from vertical, in the frontal plane: 0 hanging
    straight down, + out to its own side. Not from the trunk's line: on a rendered body leaning
    15° away from a 35° raise, MediaPipe read the raised thigh 23° and the standing one 16° from
    the trunk, which hides which leg is up. Assumes an upright camera."""
    if working is None:
        return None
    leg, _, vertical = _frontal_space(body, view)
    hip, knee = leg(working)[HIP], leg(working)[KNEE]
    outward = hip - leg(other_leg(working))[HIP]
    return float(g.angle_in_plane(knee - hip, -vertical, outward))


def trunk_side_lean_deg(body: Body, view: str, working: str | None) -> float | None:
    """Trunk angle from vertical in the frontal plane, + leaning towards the standing leg (away
    from the working one). Assumes an upright camera."""
    if working is None:
        return None
    leg, frame, vertical = _frontal_space(body, view)
    towards_standing = leg(other_leg(working))[HIP] - leg(working)[HIP]
    return float(g.angle_in_plane(frame.up, vertical, towards_standing))


def _forward_lean(vector: np.ndarray, body: Body, view: str) -> float | None:
    """Angle of `vector` from vertical towards where the face points (sagittal plane), as
    `measures.trunk_lean_deg` takes it for the trunk. Assumes an upright camera."""
    frame = body.px if view == "side" else body.world
    vertical = np.zeros_like(frame.up)
    vertical[1] = -1.0  # image and MediaPipe world y point down
    forward = frame.anterior.copy()
    forward[1] = 0.0
    if g.norm(forward) < 1e-6:
        return None
    return float(g.angle_in_plane(vector, vertical, forward))


def trunk_past_shins_deg(body: Body, view: str, working: str | None) -> float | None:
    """How much further forward the trunk leans than the shins (both from vertical): 0 with the
    trunk parallel to the shins, the squat's coaching line; + the chest dropping ahead of it.
    Shins: visibility-weighted over both legs, or the working leg's."""
    trunk = _forward_lean(body.px.up if view == "side" else body.world.up, body, view)
    labels = LABELS if working is None else (working,)
    shins = [_forward_lean(_sagittal_leg(body, view, label)[KNEE] - _sagittal_leg(body, view, label)[ANKLE],
                           body, view) for label in labels]
    if trunk is None or None in shins:
        return None
    weights = np.array([_leg_weight(body, label) for label in labels])
    return trunk - float(np.sum(weights * np.array(shins)) / np.sum(weights))


def _knee_inward_m(body: Body, label: str) -> float:
    """How far the knee sits inside the hip-ankle line, towards the other leg (world metres)."""
    leg = body.leg_world(label)
    hip, knee, ankle = leg[HIP], leg[KNEE], leg[ANKLE]
    line = ankle - hip
    medial = g.unit(g.perpendicular_part(body.leg_world(other_leg(label))[HIP] - hip, line))
    return float(g.dot(g.perpendicular_part(knee - hip, line), medial))


def knee_inward_cm(body: Body, view: str, working: str | None) -> float | None:
    """Working knee's travel inside its hip-ankle line, cm; both legs working: the worse knee."""
    labels = LABELS if working is None else (working,)
    return 100.0 * max(_knee_inward_m(body, label) for label in labels)


def ankle_below_hips_ratio(body: Body, view: str, working: str | None) -> float | None:
    """How far the working leg's ankle hangs below the hip midpoint along vertical, in torso
    lengths (world): the planted foot is the lowest."""
    if working is None:
        return None
    below = body.leg_world(working)[ANKLE] - body.world.hip_mid
    return float(below[1]) / max(body.world.torso, 1e-6)  # world y points down


def free_foot_clearance_ratio(body: Body, view: str, working: str | None) -> float | None:
    """How far the free foot's lowest point (heel or toe) sits above the working foot's, in torso
    lengths (world): about 0 with both feet on the floor, a lunge's back toes included."""
    if working is None:
        return None
    lowest = {label: float(np.max(body.leg_world(label)[[HEEL, TOE], 1])) for label in LABELS}  # y points down
    return (lowest[working] - lowest[other_leg(working)]) / max(body.world.torso, 1e-6)


MEASURES_STANDING: dict[str, Callable[[Body, str, "str | None"], "float | None"]] = {
    "knees_flexion_deg": knees_flexion_deg,
    "more_bent_knee_deg": more_bent_knee_deg,
    "less_bent_knee_deg": less_bent_knee_deg,
    "one_leg_knee_drive_deg": one_leg_knee_drive_deg,
    "hip_abduction_deg": hip_abduction_deg,
    "trunk_side_lean_deg": trunk_side_lean_deg,
    "knee_inward_cm": knee_inward_cm,
    "trunk_past_shins_deg": trunk_past_shins_deg,
    "ankle_below_hips_ratio": ankle_below_hips_ratio,
    "free_foot_clearance_ratio": free_foot_clearance_ratio,
}
