"""Where the 33 MediaPipe Pose landmarks sit on the posed body: at joint centres, and where
MediaPipe puts them ("MediaPipe-style markers").

From ../shared/SYNTH_NOTES.md (a trial against this rig): MediaPipe's hip landmark sits about
2.9 cm in front of and 3.5 cm above the hip-joint centre, carried by the pelvis, and its shoulder
about 3.7 cm above the shoulder joint, carried by the shoulder; with those offsets the angle
error against MediaPipe fell to 2-4°. Knees and ankles are at the joint centres, heel and foot
index on the foot's surface, the nose on the face. Eyes, ears, mouth and fingers, which no
measure uses, are placed from the head and hand bones.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tools.synth.body import Body
from tools.synth.kinematics import apply

HIP_MARKER_OFFSET = np.array([0.0, -0.029, 0.035])  # forward (-Y) and up, metres at scale 1
SHOULDER_MARKER_OFFSET = np.array([0.0, 0.0, 0.037])
DEFAULT_HEIGHT_M = 1.66  # the default body's height, on which the offsets were measured
# MediaPipe's order, left side first: (shoulder, elbow, wrist, pinky, index, thumb, hip, knee,
# ankle, heel, foot index); eyes (inner, centre, outer), ear, mouth corner.
LIMBS = {"L": (11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31), "R": (12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32)}
FACE = {"L": ((1, 2, 3), 7, 9), "R": ((4, 5, 6), 8, 10)}


@dataclass(frozen=True)
class Point:
    bone: str  # the bone that carries it
    joint: np.ndarray  # rest position at the anatomical point
    marker: np.ndarray  # rest position where MediaPipe would put it


def _head_point(body: Body, bone: str) -> Point:
    p = body.joint(bone)
    return Point(bone, p, p)


def rest_points(body: Body) -> dict[int, Point]:
    v = body.vertices
    scale = (v[:, 2].max() - v[:, 2].min()) / DEFAULT_HEIGHT_M  # the offsets were measured at 1
    dominant = np.array(body.bones)[body.weights.argmax(axis=1)]
    eye_z = body.joint("eye.L")[2]
    head = v[(dominant == "head") & (v[:, 2] > eye_z - 0.08 * scale)]
    midline = head[np.abs(head[:, 0]) < 0.01 * scale]
    nose = midline[np.argmin(midline[:, 1])]  # the most forward point of the face
    points = {0: Point("head", nose, nose)}
    for s, sign in (("L", 1.0), ("R", -1.0)):
        eyes, ear, mouth = FACE[s]
        eye = body.joint(f"eye.{s}") + np.array([0, -0.012, 0]) * scale
        for landmark, dx in zip(eyes, (-0.014, 0.0, 0.014)):
            p = eye + np.array([sign * dx * scale, 0, 0])
            points[landmark] = Point("head", p, p)
        band = head[np.abs(head[:, 2] - (eye_z - 0.02 * scale)) < 0.015 * scale]
        ear_p = band[np.argmax(sign * band[:, 0])]
        points[ear] = Point("head", ear_p, ear_p)
        mouth_p = nose + np.array([sign * 0.022, 0.012, -0.045]) * scale
        points[mouth] = Point("head", mouth_p, mouth_p)
        shoulder, elbow, wrist, pinky, index, thumb, hip, knee, ankle, heel, toe = LIMBS[s]
        shoulder_joint = body.joint(f"upperarm01.{s}")
        points[shoulder] = Point(f"shoulder01.{s}", shoulder_joint, shoulder_joint + SHOULDER_MARKER_OFFSET * scale)
        points[elbow] = _head_point(body, f"lowerarm01.{s}")
        points[wrist] = _head_point(body, f"wrist.{s}")
        points[pinky] = _head_point(body, f"finger5-1.{s}")
        points[index] = _head_point(body, f"finger2-1.{s}")
        points[thumb] = _head_point(body, f"finger1-2.{s}")
        hip_joint = body.joint(f"upperleg01.{s}")
        points[hip] = Point(f"pelvis.{s}", hip_joint, hip_joint + HIP_MARKER_OFFSET * scale)
        points[knee] = _head_point(body, f"lowerleg01.{s}")
        points[ankle] = _head_point(body, f"foot.{s}")
        ankle_z = body.joint(f"foot.{s}")[2]
        foot = v[(np.char.startswith(dominant, "foot") | np.char.startswith(dominant, "toe")) & (sign * v[:, 0] > 0) & (v[:, 2] < ankle_z - 0.02 * scale)]
        # the heel landmark sits at the back of the heel a little above the sole; the foot
        # index at the tip of the toes
        low = foot[foot[:, 2] < foot[:, 2].min() + 0.03 * scale]
        heel_p = low[np.argmax(low[:, 1])]
        toe_p = foot[np.argmin(foot[:, 1])]
        points[heel] = Point(f"foot.{s}", heel_p, heel_p)
        points[toe] = Point(f"foot.{s}", toe_p, toe_p)
    return points


class LandmarkModel:
    def __init__(self, body: Body):
        points = rest_points(body)
        self.bone_index = np.array([body.bone(points[i].bone) for i in range(33)])
        self.joints = np.array([points[i].joint for i in range(33)])
        self.markers = np.array([points[i].marker for i in range(33)])

    def world(self, transforms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """([33, 3] joint centres, [33, 3] MediaPipe-style markers) in world metres."""
        joints = np.array([apply(transforms[b], p) for b, p in zip(self.bone_index, self.joints)])
        markers = np.array([apply(transforms[b], p) for b, p in zip(self.bone_index, self.markers)])
        return joints, markers
