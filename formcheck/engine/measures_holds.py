"""Measures of the hold exercises (plank, stretches, balance test).

Same contract as `measures.py` (`(body, view, working) -> value | None`), merged into its
MEASURES table, so nothing here imports it: the two-line helpers it shares are restated. Angles
against gravity assume an upright camera (image y and MediaPipe's world y point down), as the
posture checks do. Lengths are MediaPipe world metres, given in cm.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from formcheck import geometry as g
from formcheck.engine.body import ANKLE, HEEL, HIP, KNEE, TOE, Body
from formcheck.engine.calibration import true_hip_flexion
from formcheck.landmarks import Landmark as Lm

ARMS = ("LEFT", "RIGHT")


def other_leg(label: str) -> str:
    return "RIGHT" if label == "LEFT" else "LEFT"


def _down(view: str) -> np.ndarray:
    """Gravity in the space a view measures in: image y (pixels) or world y (metres)."""
    return np.array([0.0, 1.0]) if view == "side" else np.array([0.0, 1.0, 0.0])


def _hip_flexion_raw(body: Body, view: str, label: str) -> float:
    """Trunk-thigh angle as the landmarks give it (measures.hip_flexion_raw): 0 in line, + forward."""
    frame, points = (body.px, body.leg_px(label)) if view == "side" else (body.world, body.leg_world(label))
    return float(g.angle_in_plane(points[KNEE] - points[HIP], frame.down, frame.anterior))


def _knee_flexion(body: Body, view: str, label: str) -> float:
    points = body.leg_px(label) if view == "side" else body.leg_world(label)
    return 180.0 - float(g.angle_3pt(points[HIP], points[KNEE], points[ANKLE]))


def upper_arm_vertical_deg(body: Body, view: str, working: str | None) -> float | None:
    """The better-seen upper arm's angle from straight down (shoulder to elbow): about 0 with
    the body held up on the hands or forearms (plank_hold_side_01: 10-14°), near 90 with the
    arms lying on the floor beside or above the head."""
    points = body.pose.xy if view == "side" else body.pose.world
    arm = max(ARMS, key=lambda side: float(body.pose.visibility[Lm[f"{side}_ELBOW"]]))
    upper = points[Lm[f"{arm}_ELBOW"]].astype(float) - points[Lm[f"{arm}_SHOULDER"]].astype(float)
    if float(g.norm(upper)) < 1e-6:
        return None
    return float(g.angle_between(upper, _down(view)))


def trunk_from_vertical_deg(body: Body, view: str, working: str | None) -> float | None:
    """The trunk's angle from upright, whichever way it leans (0 sitting or kneeling tall)."""
    frame = body.px if view == "side" else body.world
    return float(g.angle_between(frame.up, -_down(view)))


def other_hip_flexion_deg(body: Body, view: str, working: str | None) -> float | None:
    """The other leg's hip flexion in the user's terms (as `hip_flexion_deg`): the front leg of
    a hip flexor stretch, the leg left on the floor in a knee-to-chest stretch."""
    return None if working is None else true_hip_flexion(_hip_flexion_raw(body, view, other_leg(working)))


def other_knee_flexion_deg(body: Body, view: str, working: str | None) -> float | None:
    """The other leg's knee bend: 0 straight, 90 a right angle."""
    return None if working is None else _knee_flexion(body, view, other_leg(working))


def _thigh_ahead(body: Body, label: str) -> float:
    leg = body.leg_world(label)
    return 90.0 - float(g.angle_between(leg[KNEE] - leg[HIP], body.world.anterior))


def thigh_ahead_deg(body: Body, view: str, working: str | None) -> float | None:
    """How far the working thigh points ahead of the body's side-to-side plane, in 3D: 90
    straight ahead, 0 out to the side, negative behind (the front leg of a 90/90 sit)."""
    return None if working is None else _thigh_ahead(body, working)


def other_thigh_ahead_deg(body: Body, view: str, working: str | None) -> float | None:
    """The same for the other thigh (the back leg of a 90/90 sit: out to the side, about 0)."""
    return None if working is None else _thigh_ahead(body, other_leg(working))


def _lowest(body: Body, label: str) -> float:
    """World y (down) of a foot's lowest point: ankle, heel or toes."""
    return float(np.max(body.leg_world(label)[[ANKLE, HEEL, TOE], 1]))


def free_foot_lift_cm(body: Body, view: str, working: str | None) -> float | None:
    """How far the other (free) foot's lowest point sits above the working (standing) foot's,
    in cm. The lowest point, not the ankle: the back foot of a lunge stands on its toes with
    the ankle raised (lunge_front_03), and is still on the floor."""
    if working is None:
        return None
    return (_lowest(body, working) - _lowest(body, other_leg(working))) * 100.0


def _hip_over_ankle(body: Body, working: str) -> np.ndarray:
    """The hip midpoint relative to the working ankle, world cm (x right, y down, z away)."""
    return (body.world.hip_mid - body.leg_world(working)[ANKLE]) * 100.0


def hip_over_ankle_x_cm(body: Body, view: str, working: str | None) -> float | None:
    """Where the hips sit over the standing foot across the image, cm (level: world x)."""
    return None if working is None else float(_hip_over_ankle(body, working)[0])


def hip_over_ankle_z_cm(body: Body, view: str, working: str | None) -> float | None:
    """Where the hips sit over the standing foot in depth, cm (level: world z)."""
    return None if working is None else float(_hip_over_ankle(body, working)[2])


MEASURES_HOLDS: dict[str, Callable[[Body, str, "str | None"], "float | None"]] = {
    "upper_arm_vertical_deg": upper_arm_vertical_deg,
    "trunk_from_vertical_deg": trunk_from_vertical_deg,
    "other_hip_flexion_deg": other_hip_flexion_deg,
    "other_knee_flexion_deg": other_knee_flexion_deg,
    "thigh_ahead_deg": thigh_ahead_deg,
    "other_thigh_ahead_deg": other_thigh_ahead_deg,
    "free_foot_lift_cm": free_foot_lift_cm,
    "hip_over_ankle_x_cm": hip_over_ankle_x_cm,
    "hip_over_ankle_z_cm": hip_over_ankle_z_cm,
}
