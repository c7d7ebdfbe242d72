"""Generated poses for the floor exercises (all fours, face down, side-lying, seated, bridge
march), added to `kinematics.EXERCISES` so `kinematics.generate` makes their clips.

Same conventions as kinematics.py: room metres, Z up; each pose function takes one instant's
parameters, each params function turns (side, true drive, injected faults scaled by the rep's
progress) into them. Import this module (tests do) before generating these exercises.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from formcheck.landmarks import Landmark as Lm
from kinematics import (
    BRIDGE_CAMERAS, BRIDGE_REST, BRIDGE_TOP_ELEVATION, EXERCISES, FOREARM, HIP_HALF, SHIN, THIGH, UPPER_ARM, X, Y, Z,
    BodyPose, Exercise, Leg, Rep, Still, bridge_pose, other, rotate, towards, unit,
)

KNEE_ON_FLOOR = 0.05  # knee centre above the floor (its radius)
QUADRUPED_TRUNK_UP_DEG = 10.0  # shoulders a little above the hips (donkey_kick_02: trunk 77-81° from vertical)
LYING_HIP_Z = 0.1


@dataclass
class ArmsPose(BodyPose):
    """A BodyPose whose arms may point different ways: `arms[side]` overrides `arm`."""

    arms: dict[str, np.ndarray] = field(default_factory=dict)

    def joints(self, mediapipe_offsets: bool) -> np.ndarray:
        p = super().joints(mediapipe_offsets)
        for side, direction in self.arms.items():
            turn = unit(direction) - self.arm  # each arm point moves by its distance times this
            name = side.upper()
            p[Lm[f"{name}_ELBOW"]] += UPPER_ARM * turn
            for part in ("WRIST", "PINKY", "INDEX", "THUMB"):
                reach = UPPER_ARM + FOREARM + (0.07 if part != "WRIST" else 0.0)
                p[Lm[f"{name}_{part}"]] += reach * turn
        return p


def _lateral(side: str) -> np.ndarray:
    """Room direction of the person's `side` when the left is +Y."""
    return Y if side == "left" else -Y


# -- all fours ----------------------------------------------------------------------------------

def quadruped_pose(q: dict) -> ArmsPose:
    """On hands and knees, head towards +X, left +Y, knees under the hips, hands under the
    shoulders. Per side: elev_<side> (thigh above level behind the hips, -90 hanging), abd_<side>
    (thigh out to the side from hanging, instead of elev), knee_<side> (knee bend, 90 unless
    given), arm_<side> (arm above level, reaching forward; -90 hanging). roll: the pelvis turns
    about the long axis, + left hip up. shift: the hips move that far (m) towards +Y while the
    knees stay planted."""
    roll = q.get("roll", 0.0)
    left, forward = rotate(Y, X, roll), rotate(-Z, X, roll)
    pelvis = np.array([0.0, q.get("shift", 0.0), THIGH + KNEE_ON_FLOOR])
    legs = {}
    for side in ("left", "right"):
        bend = q.get(f"knee_{side}", 90.0)
        if f"abd_{side}" in q:
            thigh = towards(-Z, _lateral(side), q[f"abd_{side}"])
            shin = towards(thigh, -X, bend)
        else:
            thigh = towards(-Z, -X, 90.0 + q.get(f"elev_{side}", -90.0))
            shin = rotate(thigh, Y, bend)
        if q.get("shift") and f"abd_{side}" not in q and q.get(f"elev_{side}", -90.0) == -90.0:
            hip = pelvis + (1 if side == "left" else -1) * HIP_HALF * left
            planted = np.array([0.0, (1 if side == "left" else -1) * HIP_HALF, KNEE_ON_FLOOR])
            thigh = unit(planted - hip)  # the supporting knee stays where it was
        legs[side] = Leg(thigh, shin, -X)
    trunk = towards(X, Z, QUADRUPED_TRUNK_UP_DEG)
    arms = {side: towards(-Z, X, 90.0 + q[f"arm_{side}"]) for side in ("left", "right") if f"arm_{side}" in q}
    return ArmsPose(pelvis, forward, left, trunk, towards(-Z, X, 20), legs, -Z, arms=arms)


def donkey_kick_params(side: str, drive: float, f: dict[str, float]) -> dict:
    """`side` kicks: its thigh rises to `drive`; knee_open straightens its knee by that much."""
    return {f"elev_{side}": drive, f"knee_{side}": 90.0 - f.get("knee_open", 0.0)}


def bird_dog_params(side: str, drive: float, f: dict[str, float]) -> dict:
    """`side`'s leg reaches back straightening (drive: its elevation) and the other arm
    forward at the same elevation, less arm_low; hip_open turns the working hip up."""
    return {
        f"elev_{side}": drive, f"knee_{side}": float(np.clip(-drive, 0.0, 90.0)),
        f"arm_{other(side)}": drive - f.get("arm_low", 0.0),
        "roll": f.get("hip_open", 0.0) * (1 if side == "left" else -1),
    }


def fire_hydrant_params(side: str, drive: float, f: dict[str, float]) -> dict:
    """`side`'s bent knee lifts out to the side (drive: degrees from hanging); shift moves the
    hips that far (m) onto the other knee."""
    return {f"abd_{side}": drive, "shift": -f.get("shift", 0.0) * (1 if side == "left" else -1)}


# -- face down ----------------------------------------------------------------------------------

def prone_pose(q: dict) -> ArmsPose:
    """Lying face down, head towards +X, forehead on the hands, knees bent 90° (shins up).
    lift_<side>: that thigh's elevation off the floor (deg); roll: + left hip up."""
    roll = q.get("roll", 0.0)
    left, forward = rotate(Y, X, roll), rotate(-Z, X, roll)
    legs = {}
    for side in ("left", "right"):
        thigh = towards(-X, Z, q.get(f"lift_{side}", 0.0))
        legs[side] = Leg(thigh, rotate(thigh, Y, 90.0), -X)
    return ArmsPose(np.array([0.0, 0.0, LYING_HIP_Z]), forward, left, X, towards(-Z, X, 20), legs,
                    towards(X, -Z, 20))


def prone_params(side: str, drive: float, f: dict[str, float]) -> dict:
    return {f"lift_{side}": drive, "roll": f.get("pelvis_lift", 0.0) * (1 if side == "left" else -1)}


# -- side-lying ---------------------------------------------------------------------------------

SIDE_RAISE_REST = -float(np.degrees(np.arctan2(2 * HIP_HALF, THIGH + SHIN)))  # top foot on the bottom one


def side_lying_pose(q: dict) -> ArmsPose:
    """Lying on one side, head towards -X, legs straight, the `top_side` leg on top (+Z);
    drive: the top leg's angle away from the body's line (deg). forward: it drifts that far in
    front of the body; knee: its knee bends; roll: the pelvis and top leg roll back (deg)."""
    top = q.get("top_side", "left")
    up = -X
    left = Z if top == "left" else -Z
    forward = unit(np.cross(left, up))
    legs = {side: Leg(X, X, forward) for side in ("left", "right")}
    thigh = towards(towards(X, Z, q["drive"]), forward, q.get("forward", 0.0))
    legs[top] = Leg(thigh, towards(thigh, -forward, q.get("knee", 0.0)), forward)
    roll = q.get("roll", 0.0) * (1.0 if top == "left" else -1.0)
    if roll:
        turn = lambda v: rotate(v, up, roll)  # noqa: E731
        forward, left = turn(forward), turn(left)
        legs[top] = Leg(turn(legs[top].thigh), turn(legs[top].shin), forward)
    return ArmsPose(np.array([0.0, 0.0, 0.2]), forward, left, up, forward, legs, towards(X, forward, 30))


def side_leg_raise_params(side: str, drive: float, f: dict[str, float]) -> dict:
    """`side` is the top (working) leg."""
    return {"drive": drive, "top_side": side, **{k: f.get(k, 0.0) for k in ("forward", "knee", "roll")}}


# -- bridge march -------------------------------------------------------------------------------

def bridge_march_pose(q: dict) -> BodyPose:
    """A bridge (kinematics.bridge_pose, hips `drive` from the line: 0 up, negative dropped)
    with `march_<side>`: that knee driven up, its thigh turned that far from the bridge line
    towards the chest, knee at 90°."""
    body = bridge_pose({"drive": q.get("drive", 0.0)})
    h = q.get("drive", 0.0)
    elevation = max(0.0, BRIDGE_TOP_ELEVATION * (h - BRIDGE_REST) / -BRIDGE_REST)
    for side in ("left", "right"):
        flex = q.get(f"march_{side}", 0.0)
        if flex:
            thigh_up = elevation - h + flex
            body.legs[side] = Leg(towards(X, Z, thigh_up), towards(X, Z, thigh_up - 90.0), X)
    return body


def bridge_march_params(side: str, drive: float, f: dict[str, float]) -> dict:
    """`side` marches; drop lowers the hips under the bridge line (deg)."""
    return {f"march_{side}": drive, "drive": -f.get("drop", 0.0)}


# -- seated -------------------------------------------------------------------------------------

def seated_pose(q: dict) -> BodyPose:
    """Sitting on the floor facing +X, legs straight out, hands on the floor behind. lift_<side>:
    that straight leg's elevation (deg); lean: the trunk falls back (deg)."""
    legs = {}
    for side in ("left", "right"):
        leg = towards(X, Z, q.get(f"lift_{side}", 0.0))
        legs[side] = Leg(leg, leg, towards(Z, X, 20))
    trunk = towards(Z, -X, q.get("lean", 0.0))
    return BodyPose(np.array([0.0, 0.0, LYING_HIP_Z]), X, Y, trunk, towards(X, -Z, 10), legs, towards(-Z, -X, 30))


def seated_leg_lift_params(side: str, drive: float, f: dict[str, float]) -> dict:
    return {f"lift_{side}": drive, "lean": f.get("lean", 0.0)}


# Cameras at about the height they look at: floor measures take gravity from an upright camera.
QUADRUPED_CAMERAS = {
    "side": ((0.2, -2.6, 0.45), (0.2, 0.0, 0.45)),  # level: the body's plane is the image plane
    "feet_end": ((-2.4, 0.0, 0.6), (0.2, 0.0, 0.4)),  # behind the feet, looking along the body
}
PRONE_CAMERAS = {
    "side": ((0.0, -2.6, 0.5), (0.0, 0.0, 0.1)),
    "feet_end": ((-2.4, 0.0, 1.4), (0.2, 0.0, 0.1)),
}
FLOOR_EXERCISES = {
    "donkey_kick": Exercise(quadruped_pose, donkey_kick_params, -90.0, "left", QUADRUPED_CAMERAS),
    "bird_dog": Exercise(quadruped_pose, bird_dog_params, -90.0, "left", QUADRUPED_CAMERAS),
    "fire_hydrant": Exercise(quadruped_pose, fire_hydrant_params, 0.0, "left",
                             {"feet_end": QUADRUPED_CAMERAS["feet_end"], "side": QUADRUPED_CAMERAS["side"]}),
    "prone_hip_extension": Exercise(prone_pose, prone_params, 0.0, "left", PRONE_CAMERAS),
    "side_leg_raise": Exercise(side_lying_pose, side_leg_raise_params, SIDE_RAISE_REST, "left", {
        "front": ((0.4, -2.2, 1.0), (0.4, 0.0, 0.2)),  # in front of the body, a little above
        "feet_end": ((2.8, 0.0, 0.9), (0.4, 0.0, 0.2)),
    }),
    "elevated_bridge_march": Exercise(bridge_march_pose, bridge_march_params, 0.0, "left", BRIDGE_CAMERAS),
    "seated_leg_lift": Exercise(seated_pose, seated_leg_lift_params, 0.0, "left", {
        "side": ((0.4, -2.6, 0.6), (0.4, 0.0, 0.3)),
        "front": ((2.8, 0.0, 0.9), (0.4, 0.0, 0.3)),
    }),
}
EXERCISES.update(FLOOR_EXERCISES)


def sets(*groups: tuple[str, list[Rep]], first_rest_s: float = 1.5, between_s: float = 1.0) -> list:
    """A timeline: a rest, then each (side, reps) group's reps with rests between them."""
    timeline: list = [Still(first_rest_s)]
    for side, reps in groups:
        for rep in reps:
            timeline += [replace(rep, side=side), Still(between_s)]
    return timeline
