"""The body's own frame, built from one pose without trusting MediaPipe's left/right labels.

Everything here uses label-free landmark sets (midpoints of a left/right pair, the nose against
the ears) so that a label swap changes nothing: `up` runs from the hip midpoint to the shoulder
midpoint, `anterior` is where the face points (made perpendicular to `up`), and in 3D the person's
left is `up x anterior` (true in any right-handed frame; MediaPipe's world frame, x right, y
down, z away from the camera, is one). Frames exist twice: in image pixels and in world metres.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck import geometry as g
from formcheck.data import Pose
from formcheck.landmarks import Landmark as Lm

LEG_PARTS = ("HIP", "KNEE", "ANKLE", "HEEL", "FOOT_INDEX")
LABELS = ("LEFT", "RIGHT")
MIN_FACE_RATIO = 0.05  # face vector shorter than this share of the torso: facing not readable


def leg_indices(label: str) -> np.ndarray:
    """Landmark indices of one labelled leg, in LEG_PARTS order."""
    return np.array([Lm[f"{label}_{part}"] for part in LEG_PARTS])


LEG_INDEX = {label: leg_indices(label) for label in LABELS}
HIP, KNEE, ANKLE, HEEL, TOE = range(len(LEG_PARTS))


@dataclass(frozen=True, slots=True)
class Frame:
    """Body axes in one coordinate system (2D pixels or 3D metres)."""

    hip_mid: np.ndarray
    shoulder_mid: np.ndarray
    up: np.ndarray  # unit, hips -> shoulders
    anterior: np.ndarray  # unit, perpendicular to up, where the face points
    facing_known: bool  # False when the face gave no usable direction (anterior carried over)

    @property
    def down(self) -> np.ndarray:
        return -self.up

    @property
    def torso(self) -> float:
        return float(g.torso_length(self.shoulder_mid, self.hip_mid))


@dataclass(frozen=True, slots=True)
class Body:
    """One pose seen as a body: its frames and its two legs (by label, as MediaPipe gave them)."""

    pose: Pose
    px: Frame
    world: Frame

    @property
    def left_axis(self) -> np.ndarray:
        """The person's left in world metres, from up and the face: free of the L/R labels."""
        return g.unit(g.cross(self.world.up, self.world.anterior))

    def leg_px(self, label: str) -> np.ndarray:
        return self.pose.xy[LEG_INDEX[label]].astype(float)

    def leg_world(self, label: str) -> np.ndarray:
        return self.pose.world[LEG_INDEX[label]].astype(float)

    def leg_visibility(self, label: str) -> np.ndarray:
        return self.pose.visibility[LEG_INDEX[label]]

    def pair(self, part: str, space: str = "px") -> tuple[np.ndarray, np.ndarray]:
        """(left-labelled, right-labelled) points of a landmark pair, e.g. pair("KNEE")."""
        points = self.pose.xy if space == "px" else self.pose.world
        return points[Lm[f"LEFT_{part}"]].astype(float), points[Lm[f"RIGHT_{part}"]].astype(float)


def _frame(points: np.ndarray, previous: Frame | None) -> Frame:
    shoulder_mid = g.midpoint(points[Lm.LEFT_SHOULDER], points[Lm.RIGHT_SHOULDER])
    hip_mid = g.midpoint(points[Lm.LEFT_HIP], points[Lm.RIGHT_HIP])
    up = g.unit(shoulder_mid - hip_mid)
    ear_mid = g.midpoint(points[Lm.LEFT_EAR], points[Lm.RIGHT_EAR])
    face = g.perpendicular_part(points[Lm.NOSE] - ear_mid, up)
    torso = float(g.torso_length(shoulder_mid, hip_mid))
    known = float(g.norm(face)) > MIN_FACE_RATIO * torso
    if known:
        anterior = g.unit(face)
    elif previous is not None:  # keep the last reading rather than guess from noise
        anterior = g.unit(g.perpendicular_part(previous.anterior, up))
    else:
        anterior = g.unit(g.perpendicular_part(_any_perpendicular(up), up))
    return Frame(hip_mid, shoulder_mid, up, anterior, known)


def _any_perpendicular(v: np.ndarray) -> np.ndarray:
    helper = np.zeros_like(v)
    helper[int(np.argmin(np.abs(v)))] = 1.0
    return helper


def body_from_pose(pose: Pose, previous: Body | None = None) -> Body:
    return Body(
        pose,
        _frame(pose.xy.astype(float), previous.px if previous else None),
        _frame(pose.world.astype(float), previous.world if previous else None),
    )
