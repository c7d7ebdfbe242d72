"""Measures of the floor exercises (all fours, face down, side-lying, seated, bridge march).

Same contract as `measures.py` (`(body, view, working) -> degrees | None`); merged into its
MEASURES table. Angles against the floor use gravity, not the face: on all fours and face down
MediaPipe often cannot tell where the face points (a lifted or tucked head), while an upright
camera always knows which way is down (image y, and MediaPipe's world y). Limb directions use
the thigh, hip to knee: the footage showed the ankle and knee being guessed when a foot leaves
the frame (../shared/footage/README.md), and the thigh is what the hip moves.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from formcheck import geometry as g
from formcheck.engine.body import HIP, KNEE, Body, Frame
from formcheck.landmarks import Landmark as Lm

# `measures.py` merges this table into MEASURES, so nothing here may import it: the few helpers
# it shares are restated below in their two-line form.
FACING_VIEWS = ("front", "feet_end")  # as in measures.py: views that see the hips side by side
FRONTAL_MIN_SHARE = 0.5  # cos 60°: a thigh further than this out of the frontal plane has no abduction


def other_leg(label: str) -> str:
    return "RIGHT" if label == "LEFT" else "LEFT"


def _space(body: Body, view: str) -> tuple[Frame, Callable[[str], np.ndarray]]:
    """Pixels in a side view (the sagittal plane is the image plane), world metres otherwise."""
    return (body.px, body.leg_px) if view == "side" else (body.world, body.leg_world)


def _trunk_thigh(body: Body, view: str, label: str) -> float:
    """Hip flexion as the landmarks give it (measures.hip_flexion_raw): 0 in line, + forward."""
    frame, leg = _space(body, view)
    points = leg(label)
    return float(g.angle_in_plane(points[KNEE] - points[HIP], frame.down, frame.anterior))


def _down(view: str) -> np.ndarray:
    """Gravity in the space a view measures in: image y (pixels) or world y (metres)."""
    return np.array([0.0, 1.0]) if view == "side" else np.array([0.0, 1.0, 0.0])


def _elevation(v: np.ndarray, down: np.ndarray) -> float:
    """Degrees above the horizontal, -90 (straight down) .. +90 (straight up); never folds."""
    rise = -float(g.dot(v, down))
    level = float(g.norm(g.perpendicular_part(v, down)))
    return float(np.degrees(np.arctan2(rise, level)))


def _thigh(body: Body, view: str, label: str) -> np.ndarray:
    _, leg = _space(body, view)
    points = leg(label)
    return points[KNEE] - points[HIP]


def thigh_elevation_deg(body: Body, view: str, working: str | None) -> float | None:
    """Working thigh's angle above the floor, behind the hips (all fours, face down): -90
    hanging straight down, 0 level, + above level. Signed in the plane of gravity and the
    body's long axis, so a knee pulled forward under the chest reads below -90, never as a
    lift."""
    if working is None:
        return None
    frame, _ = _space(body, view)
    down = _down(view)
    backward = g.perpendicular_part(frame.hip_mid - frame.shoulder_mid, down)
    if g.norm(backward) < 1e-6:
        return None
    return float(g.angle_in_plane(_thigh(body, view, working), backward, -down))


def hip_past_back_line_deg(body: Body, view: str, working: str | None) -> float | None:
    """How far the working thigh rises past the line of the back (shoulders through hips,
    carried on behind them): + above it. Landmarks cannot see the lower back; a thigh lifted
    past that line is where it has to arch (hip extension runs out ~10-20° past neutral)."""
    if working is None:
        return None
    frame, _ = _space(body, view)
    back_line = frame.hip_mid - frame.shoulder_mid
    up = -_down(view)
    return float(g.angle_in_plane(_thigh(body, view, working), back_line, up))


def thigh_lift_deg(body: Body, view: str, working: str | None) -> float | None:
    """Working thigh's 3D angle from hanging straight down (all fours): 0 hanging, 90 level,
    whichever way it goes. World metres in every view: a sideways lift runs towards the camera
    in most views. Which way is not judged: from the side MediaPipe's depth makes a donkey kick
    on donkey_kick_02 read 40-47° out to the side, as much as the lifts on fire_hydrant_01."""
    if working is None:
        return None
    leg = body.leg_world(working)
    return float(g.angle_between(leg[KNEE] - leg[HIP], np.array([0.0, 1.0, 0.0])))


def thigh_raise_over_other_deg(body: Body, view: str, working: str | None) -> float | None:
    """Working thigh's elevation above the floor minus the other thigh's (face down, seated):
    the other leg rests on the floor, so this cancels where MediaPipe puts the hip landmark
    (a few degrees, SYNTH_NOTES) and any slope of floor or camera."""
    if working is None:
        return None
    down = _down(view)
    return _elevation(_thigh(body, view, working), down) - _elevation(_thigh(body, view, other_leg(working)), down)


def march_lift_deg(body: Body, view: str, working: str | None) -> float | None:
    """Bridge march: working hip's flexion (trunk-thigh) minus the other's. Both legs bend the
    same when the hips go up or down, so only one knee driving up moves it."""
    if working is None:
        return None
    return _trunk_thigh(body, view, working) - _trunk_thigh(body, view, other_leg(working))


def support_hip_extension_deg(body: Body, view: str, working: str | None) -> float | None:
    """Hip extension of the leg holding the bridge (not the working one): 0 hips in line with
    shoulders and knee, negative hips low."""
    return None if working is None else -_trunk_thigh(body, view, other_leg(working))


def arm_elevation_deg(body: Body, view: str, working: str | None) -> float | None:
    """The higher arm's angle above the floor, shoulder to wrist (bird dog: the reaching arm).
    The higher of the two rather than a labelled one: MediaPipe swaps left and right between
    reps in side views (footage README), and the arm left on the floor points straight down."""
    points = body.pose.xy if view == "side" else body.pose.world
    down = _down(view)
    return max(
        _elevation(points[Lm[f"{side}_WRIST"]].astype(float) - points[Lm[f"{side}_SHOULDER"]].astype(float), down)
        for side in ("LEFT", "RIGHT")
    )


def working_hip_rise_deg(body: Body, view: str, working: str | None) -> float | None:
    """How far the working hip sits above the other, in degrees across the hip line (3D): the
    pelvis turning open towards the lifted leg. Rules judge it in views that see the hip line."""
    if working is None:
        return None
    hips = body.leg_world(other_leg(working))[HIP] - body.leg_world(working)[HIP]
    return float(np.degrees(np.arctan2(hips[1], np.hypot(hips[0], hips[2]))))


def hip_shift_ratio(body: Body, view: str, working: str | None) -> float | None:
    """How far the hip midpoint sits towards the supporting leg, past that leg's knee, along
    the hip line, in hip widths (image pixels). The knee stays planted, so a trunk shifting
    onto it shows, and the camera may be anywhere. Only its change from rest means anything:
    rules use it with `from_rest`."""
    if working is None or view not in (*FACING_VIEWS, "oblique"):
        return None  # from the side the hips move along the camera's depth, which pixels miss
    support = body.leg_px(other_leg(working))
    working_hip = body.leg_px(working)[HIP]
    width = float(g.distance(working_hip, support[HIP]))
    if width < 1e-6:
        return None
    return float(g.dot(body.px.hip_mid - support[KNEE], (support[HIP] - working_hip) / width)) / width


def _frontal_parts(body: Body, working: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(thigh, long axis towards the feet, outward towards the working hip's side), world."""
    leg = body.leg_world(working)
    down = body.world.down
    outward = g.perpendicular_part(leg[HIP] - body.leg_world(other_leg(working))[HIP], down)
    return leg[KNEE] - leg[HIP], down, outward


def leg_abduction_deg(body: Body, view: str, working: str | None) -> float | None:
    """Side-lying: working thigh's angle away from the body's long axis, in the frontal plane
    (3D): 0 in line with the trunk, + lifted away from the other leg. A leg drifting forward
    does not add to it."""
    if working is None:
        return None
    thigh, down, outward = _frontal_parts(body, working)
    if g.norm(outward) < 1e-6:
        return None
    in_plane = g.perpendicular_part(thigh, g.cross(down, g.unit(outward)))
    if g.norm(in_plane) < FRONTAL_MIN_SHARE * g.norm(thigh):
        return None  # a thigh pointing mostly forward (a bent bottom leg) has no frontal angle
    return float(g.angle_in_plane(thigh, down, outward))


def leg_forward_deg(body: Body, view: str, working: str | None) -> float | None:
    """Side-lying: how far the working thigh points in front of the body's frontal plane
    (3D, + towards the face): the leg drifting forward, the hip flexing."""
    if working is None or not body.world.facing_known:
        return None
    leg = body.leg_world(working)
    thigh = leg[KNEE] - leg[HIP]
    return float(np.degrees(np.arcsin(np.clip(g.dot(g.unit(thigh), body.world.anterior), -1.0, 1.0))))


MEASURES_FLOOR = {
    "thigh_elevation_deg": thigh_elevation_deg,
    "hip_past_back_line_deg": hip_past_back_line_deg,
    "thigh_lift_deg": thigh_lift_deg,
    "thigh_raise_over_other_deg": thigh_raise_over_other_deg,
    "march_lift_deg": march_lift_deg,
    "support_hip_extension_deg": support_hip_extension_deg,
    "arm_elevation_deg": arm_elevation_deg,
    "working_hip_rise_deg": working_hip_rise_deg,
    "hip_shift_ratio": hip_shift_ratio,
    "leg_abduction_deg": leg_abduction_deg,
    "leg_forward_deg": leg_forward_deg,
}
