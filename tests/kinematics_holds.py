"""Landmark sequences for the hold exercises (plank, stretches, balance test), with exact truth.

A timeline is a list of `Seg`: one posture kept for `seconds`, given by its parameters (`off`
for the set-up or resting posture, faults such as {"sag": 25}, sway for the balance test).
Postures change at segment boundaries, so every hold's true span is the sum of its segments.
Built on the stick body, camera and landmark model of kinematics.py (MediaPipe-style hip and
shoulder placement included); the clip is a kinematics.Clip, so `kinematics.analyse` runs it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from formcheck.data import Pose
from kinematics import (FOREARM, HIP_HALF, SHIN, THIGH, TORSO, UPPER_ARM, X, Y, Z, BodyPose, Camera, Clip,
                        Leg, observe, other, rotate, towards, unit)

LEG = THIGH + SHIN
ANKLE_ON_FLOOR = 0.08  # ankle height when the toes or heel rest on the floor (m)


@dataclass(frozen=True)
class Seg:
    """One posture for `seconds`. side: the working leg (back leg of a hip flexor stretch, pulled
    leg, front leg of a 90/90, standing leg). q: the pose's parameters. swap: MediaPipe's L/R
    labels swapped during this segment."""

    seconds: float
    side: str = "left"
    q: dict[str, float] = field(default_factory=dict)
    swap: bool = False


OFF = {"off": 1.0}


def sign(side: str) -> float:
    return 1.0 if side == "left" else -1.0


# -- poses: (side, q, t) -> BodyPose --------------------------------------------------------------

def plank_pose(side: str, q: dict, t: float) -> BodyPose:
    """Face down, head towards +X, on straight arms (hands under the shoulders) and toes. q: sag
    (deg, + hips below the shoulder-ankle line, - piked), off (lying flat, arms along the floor
    overhead), kneel (on all fours)."""
    if q.get("off"):
        legs = {s: Leg(-X, -X, -Z) for s in ("left", "right")}
        return BodyPose(np.array([0.0, 0.0, 0.12]), -Z, Y, X, unit(-Z + 0.3 * X), legs, X)
    if q.get("kneel"):
        legs = {s: Leg(-Z, -X, -Z) for s in ("left", "right")}
        return BodyPose(np.array([0.0, 0.0, THIGH + 0.05]), -Z, Y, X, -Z, legs, -Z)
    shoulder_height = UPPER_ARM + FOREARM + 0.07
    slope = np.degrees(np.arcsin((shoulder_height - ANKLE_ON_FLOOR) / (LEG + TORSO)))
    sag = q.get("sag", 0.0)
    trunk = towards(X, Z, slope + sag / 2)
    thigh = towards(-X, -Z, slope - sag / 2)
    pelvis = np.array([0.0, 0.0, ANKLE_ON_FLOOR + LEG * np.sin(np.radians(slope - sag / 2))])
    belly = unit(-Z - np.dot(-Z, trunk) * trunk)
    legs = {s: Leg(thigh, thigh, -Z) for s in ("left", "right")}
    return BodyPose(pelvis, belly, Y, trunk, belly, legs, -Z)


def hip_flexor_pose(side: str, q: dict, t: float) -> BodyPose:
    """Kneeling lunge facing +X, `side` the back leg (knee on the floor). q: ext (back hip
    extension, deg), front (front hip flexion), lean (trunk forward), off (standing)."""
    if q.get("off"):
        legs = {s: Leg(-Z, -Z, X) for s in ("left", "right")}
        return BodyPose(np.array([0.0, 0.0, 0.05 + LEG]), X, Y, Z, towards(X, -Z, 10), legs, towards(-Z, X, 5))
    ext, front = q.get("ext", 20.0), q.get("front", 90.0)
    back_thigh = towards(-Z, -X, ext)
    legs = {side: Leg(back_thigh, -X, -Z), other(side): Leg(towards(-Z, X, front), -Z, X)}
    pelvis = np.array([0.0, 0.0, 0.05 + THIGH * np.cos(np.radians(ext))])
    return BodyPose(pelvis, X, Y, towards(Z, X, q.get("lean", 0.0)), towards(X, -Z, 10), legs, towards(-Z, X, 5))


def knee_to_chest_pose(side: str, q: dict, t: float) -> BodyPose:
    """On the back, head towards -X, `side` the pulled leg. q: pull (its hip flexion, deg),
    other (the other leg's hip flexion, knee straight), off (lying with both legs long), hook
    (both knees bent, feet flat)."""
    legs = {s: Leg(X, X, Z) for s in ("left", "right")}
    if q.get("hook"):
        legs = {s: Leg(towards(X, Z, 45), towards(X, -Z, 45), X) for s in ("left", "right")}
    elif not q.get("off"):
        pull = q.get("pull", 120.0)
        legs[side] = Leg(towards(X, Z, pull), towards(X, Z, pull - 130.0), Z)
        legs[other(side)] = Leg(towards(X, Z, q.get("other", 0.0)), towards(X, Z, q.get("other", 0.0)), Z)
    pelvis = np.array([TORSO, 0.0, 0.10])
    return BodyPose(pelvis, Z, Y, -X, unit(Z + 0.4 * X), legs, towards(X, Z, 60))


def stretch_90_90_pose(side: str, q: dict, t: float) -> BodyPose:
    """Seated facing +X, `side` the front leg: its thigh 20° out from straight ahead, the back
    thigh at a right angle to it (out to its own side), both knees at 90°. q: lift (the back
    hip lifting, deg), off (sitting with the legs long in front), cross (cross-legged)."""
    s = sign(side)
    if q.get("off") or q.get("cross"):
        legs = {}
        for leg_side in ("left", "right"):
            out = sign(leg_side) * (45.0 if q.get("cross") else 5.0)
            thigh = rotate(X, Z, out)
            shin = rotate(thigh, Z, -sign(leg_side) * 120.0) if q.get("cross") else thigh
            legs[leg_side] = Leg(thigh, shin, Z)
    else:
        front = rotate(X, Z, s * 20.0)
        back = rotate(front, Z, -s * 90.0)
        legs = {side: Leg(front, rotate(front, Z, -s * 90.0), Z),
                other(side): Leg(back, rotate(back, Z, -s * 90.0), Z)}
    left = rotate(Y, X, -s * q.get("lift", 0.0))  # the back hip up, the front one down
    return BodyPose(np.array([0.0, 0.0, 0.12]), X, left, towards(Z, X, 10), towards(X, -Z, 10), legs,
                    towards(-Z, X, 20))


def balance_pose(side: str, q: dict, t: float) -> BodyPose:
    """Standing facing +X on leg `side`, the other foot lifted (hip 30°, knee 90°); the hips
    sway over the planted foot by sway_x / sway_y cm (amplitudes, X at 0.5 Hz, Y at 0.7 Hz).
    q: off (both feet down), bend (standing knee bent, deg)."""
    if q.get("off"):
        legs = {s: Leg(-Z, -Z, X) for s in ("left", "right")}
        return BodyPose(np.array([0.0, 0.0, 0.1 + LEG]), X, Y, Z, towards(X, -Z, 10), legs, towards(-Z, X, 5))
    dx = q.get("sway_x", 0.0) / 100 * np.sin(2 * np.pi * 0.5 * t)
    dy = q.get("sway_y", 0.0) / 100 * np.sin(2 * np.pi * 0.7 * t)
    ankle = np.array([0.0, sign(side) * HIP_HALF, 0.1])
    bend = q.get("bend", 0.0)
    reach = LEG * np.cos(np.radians(bend / 2))  # hip to ankle with the knee bent
    hip = np.array([dx, sign(side) * HIP_HALF + dy, 0.1 + np.sqrt(reach ** 2 - dx ** 2 - dy ** 2)])
    down = unit(ankle - hip)
    legs = {side: Leg(towards(down, X, bend / 2), towards(down, X, -bend / 2), X),
            other(side): Leg(towards(-Z, X, 30), towards(-Z, X, -60), towards(X, -Z, 30))}
    pelvis = hip - sign(side) * HIP_HALF * Y
    return BodyPose(pelvis, X, Y, Z, towards(X, -Z, 10), legs, towards(-Z, X, 5))


@dataclass(frozen=True)
class HoldExercise:
    pose: Callable[[str, dict, float], BodyPose]
    cameras: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]]  # view -> (eye, target)


SIDE_LOW = ((0.0, -3.0, 0.45), (0.0, 0.0, 0.35))  # side-on at floor level
EXERCISES = {
    "plank": HoldExercise(plank_pose, {"side": SIDE_LOW}),
    "hip_flexor_stretch": HoldExercise(hip_flexor_pose, {"side": ((0.0, -3.2, 0.6), (0.0, 0.0, 0.5))}),
    "knee_to_chest_stretch": HoldExercise(knee_to_chest_pose, {"side": ((0.45, -2.6, 0.45), (0.45, 0.0, 0.25))}),
    "stretch_90_90": HoldExercise(stretch_90_90_pose, {"front": ((2.6, 0.0, 0.9), (0.0, 0.0, 0.3))}),
    "balance_test": HoldExercise(balance_pose, {"front": ((3.2, 0.0, 1.0), (0.0, 0.0, 0.9)),
                                                "side": ((0.0, -3.2, 1.0), (0.0, 0.0, 0.9))}),
}


def starts(timeline: list[Seg]) -> list[float]:
    """Start time of each segment, and the end of the last."""
    return [0.0, *np.cumsum([seg.seconds for seg in timeline]).tolist()]


def generate(exercise: str, timeline: list[Seg], *, view: str | None = None, fps: float = 30.0,
             jitter_px: float = 0.0, mirrored: bool = False, seed: int = 0) -> Clip:
    """Landmarks for `timeline` as MediaPipe would give them (see kinematics.generate for what
    mirrored means); the truth is in the timeline itself (`starts`)."""
    ex = EXERCISES[exercise]
    view = view or next(iter(ex.cameras))
    camera = Camera.looking(*ex.cameras[view])
    rng = np.random.default_rng(seed)
    edges = starts(timeline)
    times = np.arange(0.0, edges[-1], 1.0 / fps)
    poses: list[Pose | None] = []
    for t in times:
        seg = timeline[min(int(np.searchsorted(edges, t, side="right")) - 1, len(timeline) - 1)]
        points = ex.pose(seg.side, seg.q, float(t)).joints(True)
        poses.append(observe(camera, points, float(t), rng, jitter_px, mirrored, seg.swap))
    return Clip(exercise, view, times * 1000.0, poses, [])
