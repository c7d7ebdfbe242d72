"""Which view the camera has of the body, and whether a frame can be used at all.

The view is read in the body's own frame from MediaPipe's 3D world landmarks (camera axes, z
away from the camera): whichever body axis points at the camera names it. The lateral axis
(hip and shoulder lines, taken without their sign so label swaps do not matter) gives "side",
the front-back axis "front" (for a lying body: a camera over it), the long axis "feet_end".
When no axis is within ~40° of the camera axis the view is "oblique". The axis weights are
smoothed over ~0.5 s of media time so that one odd frame does not flip the view.
"""
from __future__ import annotations

import numpy as np

from formcheck import geometry as g
from formcheck.data import Pose
from formcheck.engine.body import HIP, KNEE, Body
from formcheck.engine.spec import Needs, Posture
from formcheck.landmarks import Landmark as Lm

VIEW_AXIS_MIN_COS = 0.77  # cos 40°: an axis within 40° of the camera axis names the view
SMOOTHING_S = 0.5
VISIBLE = 0.5  # MediaPipe visibility above which a landmark is taken as seen
# Posture from the trunk's angle to vertical (world y: an upright camera). Standing work leans
# little (high knees on the footage: 7-8° median); lying is near 90° (bridge footage: 100°).
STANDING_TRUNK_MAX_DEG = 40.0
LYING_TRUNK_MIN_DEG = 50.0
SUPINE_FACE_UP_MIN = 0.3  # the face's share pointing up (against world y) when lying on the back
SIDE_LYING_LATERAL_MIN = 0.6  # the hip line's share along vertical when lying on one side
# All fours: a knee hangs well below its hip (donkey_kick_02: 0.33-0.46 m, fire_hydrant_01:
# 0.30-0.40 m under a 0.47 m torso); a plank or lying flat keeps them within ~0.1 m
# (plank_hold_side_01: 0.05-0.10 m). Measured in torso lengths, so any body size reads alike.
QUADRUPED_KNEE_DROP_MIN = 0.4
PRONE_FACE_DOWN_MIN = 0.3  # the face's share pointing down when lying face down (as SUPINE_FACE_UP_MIN)
# Seated: the trunk short of lying (leaning back on the hands included) and both thighs near
# level; standing has a thigh near vertical even at the top of a knee drive.
SEATED_TRUNK_MAX_DEG = LYING_TRUNK_MIN_DEG
SEATED_THIGH_MAX_DEG = 60.0

PART_LANDMARKS = {
    "shoulders": (Lm.LEFT_SHOULDER, Lm.RIGHT_SHOULDER),
    "hips": (Lm.LEFT_HIP, Lm.RIGHT_HIP),
    "knees": (Lm.LEFT_KNEE, Lm.RIGHT_KNEE),
    "ankles": (Lm.LEFT_ANKLE, Lm.RIGHT_ANKLE),
    "feet": (Lm.LEFT_FOOT_INDEX, Lm.RIGHT_FOOT_INDEX),
    "elbows": (Lm.LEFT_ELBOW, Lm.RIGHT_ELBOW),
    "face": (Lm.NOSE, Lm.LEFT_EAR, Lm.RIGHT_EAR),
}

POSTURE_ADVICE = {
    "standing": "stand up to start",
    "lying": "lie down to start",
    "supine": "lie on your back to start",
    "side_lying": "lie on your side to start",
    "quadruped": "get on your hands and knees to start",
    "prone": "lie face down to start",
    "seated": "sit on the floor, legs out in front, to start",
}


def body_axes(world: np.ndarray) -> np.ndarray:
    """Unit lateral, front-back and long axes [3, 3] from world landmarks (signs arbitrary)."""
    hip_line = world[Lm.RIGHT_HIP] - world[Lm.LEFT_HIP]
    shoulder_line = world[Lm.RIGHT_SHOULDER] - world[Lm.LEFT_SHOULDER]
    if g.dot(hip_line, shoulder_line) < 0:  # one pair's labels swapped: align before averaging
        shoulder_line = -shoulder_line
    long_axis = g.unit(
        g.midpoint(world[Lm.LEFT_SHOULDER], world[Lm.RIGHT_SHOULDER])
        - g.midpoint(world[Lm.LEFT_HIP], world[Lm.RIGHT_HIP])
    )
    lateral = g.unit(g.perpendicular_part(g.unit(hip_line) + g.unit(shoulder_line), long_axis))
    front_back = g.cross(long_axis, lateral)
    return np.stack([lateral, front_back, long_axis])


VIEW_NAMES = ("side", "front", "feet_end")


class ViewTracker:
    """Smoothed view of the body from the world landmarks."""

    def __init__(self, smoothing_s: float = SMOOTHING_S):
        self.smoothing_s = smoothing_s
        self._weights: np.ndarray | None = None
        self._last_t: float | None = None

    def update(self, t_s: float, pose: Pose) -> str:
        facing_camera = np.abs(body_axes(pose.world.astype(float))[:, 2])  # |cos| to camera axis
        if self._weights is None or self._last_t is None:
            self._weights = facing_camera
        else:
            alpha = 1.0 - np.exp(-max(t_s - self._last_t, 0.0) / self.smoothing_s)
            self._weights = self._weights + alpha * (facing_camera - self._weights)
        self._last_t = t_s
        best = int(np.argmax(self._weights))
        return VIEW_NAMES[best] if self._weights[best] >= VIEW_AXIS_MIN_COS else "oblique"


def missing_parts(pose: Pose, needs: Needs) -> list[str]:
    """Needed parts not seen: a pair counts as seen when either side is (a side view hides the
    far limb), or both sides for parts listed in `needs.both`."""
    missing = []
    for part in needs.parts:
        vis = pose.visibility[list(PART_LANDMARKS[part])]
        seen = vis.min() if part in needs.both else vis.max()
        if seen < VISIBLE:
            missing.append(part)
    return missing


def posture_ok(body: Body, posture: Posture) -> bool:
    """Is the body in the exercise's starting posture? (world y is down for an upright camera)"""
    if posture == "any":
        return True
    trunk_from_vertical = float(g.angle_between(body.world.up, np.array([0.0, -1.0, 0.0])))
    if posture == "standing":
        return trunk_from_vertical <= STANDING_TRUNK_MAX_DEG
    if posture == "seated":
        return trunk_from_vertical <= SEATED_TRUNK_MAX_DEG and _steepest_thigh_deg(body) <= SEATED_THIGH_MAX_DEG
    if trunk_from_vertical < LYING_TRUNK_MIN_DEG:
        return False
    if posture == "lying":
        return True
    if posture == "supine":
        return float(-body.world.anterior[1]) >= SUPINE_FACE_UP_MIN
    if posture == "quadruped":
        return _knee_drop(body) >= QUADRUPED_KNEE_DROP_MIN
    if posture == "prone":
        return float(body.world.anterior[1]) >= PRONE_FACE_DOWN_MIN and _knee_drop(body) < QUADRUPED_KNEE_DROP_MIN
    return abs(float(body.left_axis[1])) >= SIDE_LYING_LATERAL_MIN  # side_lying


def _knee_drop(body: Body) -> float:
    """How far the lower knee hangs below its hip, in torso lengths (world y is down)."""
    drops = [body.leg_world(label)[KNEE][1] - body.leg_world(label)[HIP][1] for label in ("LEFT", "RIGHT")]
    return float(max(drops)) / max(body.world.torso, 1e-6)


def _steepest_thigh_deg(body: Body) -> float:
    """The steeper thigh's angle from level, degrees (world y is down)."""
    angles = []
    for label in ("LEFT", "RIGHT"):
        leg = body.leg_world(label)
        thigh = leg[KNEE] - leg[HIP]
        angles.append(float(np.degrees(np.arctan2(abs(thigh[1]), np.hypot(thigh[0], thigh[2])))))
    return max(angles)
