"""Generator poses for the standing leg exercises: squat, lunge, single-leg squat, standing hip
abduction (through `kinematics.generate`), and reverse lunge to knee drive (its own keyframed
timeline: a rep has two phases, which one `Rep` of one driving angle cannot say).

Importing this module registers the first four with `kinematics.EXERCISES`. All stand at the
origin facing +X (left = +Y, up = +Z), as the knee drive does, and use its cameras. The driving
angles are exact at the joint centres: knee flexion for squats and lunges, abduction of the
thigh from the trunk's line for the side leg raise.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from kinematics import (
    EXERCISES, SHIN, THIGH, BodyPose, Camera, Clip, Exercise, Leg, TrueRep, Rep, X, Y, Z, other, rotate,
    observe, smoothstep, standing_leg, towards, unit,
)

STANDING_CAMERAS = EXERCISES["knee_drive"].cameras
FACE = towards(X, -Z, 10)  # looking slightly down, as in the knee drive
ARMS = towards(-Z, X, 5)
ANKLE_HEIGHT = 0.08
SQUAT_SHIN_SHARE = 0.4  # squat: the shins lean forward this share of the knee bend, the trunk with them
LUNGE_SHIN_SHARE = 0.2  # lunge: the front shin stays nearly upright
LUNGE_BACK_THIGH_SHARE = 0.15  # the back thigh swings this share of the knee bend behind
LUNGE_LEAN_DEG = 10.0  # a clean lunge's forward trunk lean at the bottom
SLS_SHIN_SHARE = 0.3
SLS_FREE_HIP, SLS_FREE_KNEE = 10.0, 90.0  # single-leg squat: the free foot held up behind


def valgus(leg: Leg, medial: np.ndarray, deg: float) -> Leg:
    """The leg turned `deg` about its hip-ankle line so the knee goes towards `medial` (the
    foot stays put): a knee caving in."""
    if not deg:
        return leg
    axis = unit(THIGH * leg.thigh + SHIN * leg.shin)
    sign = 1.0 if np.dot(rotate(leg.thigh, axis, 1.0) - leg.thigh, medial) > 0 else -1.0
    return Leg(rotate(leg.thigh, axis, sign * deg), rotate(leg.shin, axis, sign * deg), leg.foot)


def side_sign(side: str) -> float:
    return 1.0 if side == "left" else -1.0


def _pelvis_height(legs: dict[str, Leg]) -> float:
    """Pelvis high enough for the lowest foot to stand on the floor."""
    return ANKLE_HEIGHT + max(-(THIGH * leg.thigh + SHIN * leg.shin)[2] for leg in legs.values())


def standing_body(legs: dict[str, Leg], lean: float = 0.0, side_lean: float = 0.0, tilt: float = 0.0) -> BodyPose:
    """Facing +X. lean: trunk forward (deg); side_lean: trunk towards the person's right (deg);
    tilt: pelvis, + left hip low (deg)."""
    left = rotate(Y, X, -tilt)
    trunk = rotate(towards(Z, X, lean), X, side_lean)
    return BodyPose(np.array([0.0, 0.0, _pelvis_height(legs)]), X, left, trunk, FACE, legs, ARMS)


# -- squat, lunge, single-leg squat, standing hip abduction: angles -> body ---------------------

def squat_pose(q: dict) -> BodyPose:
    """drive = knee bend of both legs; lean = trunk ahead of the shins (deg); valgus (deg)."""
    d = q["drive"]
    shin = SQUAT_SHIN_SHARE * d
    legs = {s: valgus(standing_leg(X, Z, d - shin, d), -side_sign(s) * Y, q.get("valgus", 0.0)) for s in ("left", "right")}
    return standing_body(legs, lean=shin + q.get("lean", 0.0))


def lunge_pose(q: dict) -> BodyPose:
    """drive = front knee bend; `front` names the front leg; lean adds to the trunk's forward
    lean (deg); valgus turns the front knee in (deg); back_straight takes that much (deg) off
    the back knee's bend."""
    d, front = q["drive"], q.get("front", "left")
    legs = {
        front: valgus(standing_leg(X, Z, d * (1 - LUNGE_SHIN_SHARE), d), -side_sign(front) * Y, q.get("valgus", 0.0)),
        other(front): standing_leg(X, Z, -LUNGE_BACK_THIGH_SHARE * d, max(d - q.get("back_straight", 0.0), 0.0)),
    }
    return standing_body(legs, lean=LUNGE_LEAN_DEG * d / 90.0 + q.get("lean", 0.0))


def single_leg_squat_pose(q: dict) -> BodyPose:
    """drive = standing knee bend; `stand` names the standing leg, the other foot held up
    behind; drop lowers the free side's hip (deg); valgus turns the standing knee in (deg)."""
    d, stand = q["drive"], q.get("stand", "left")
    shin = SLS_SHIN_SHARE * d
    legs = {
        stand: valgus(standing_leg(X, Z, d - shin, d), -side_sign(stand) * Y, q.get("valgus", 0.0)),
        other(stand): standing_leg(X, Z, SLS_FREE_HIP, SLS_FREE_KNEE),
    }
    return standing_body(legs, lean=shin, tilt=q.get("drop", 0.0) * side_sign(other(stand)))


def abduction_pose(q: dict) -> BodyPose:
    """drive = the raised leg's angle out from the pelvis's vertical (deg); `raised` names it;
    side_lean tilts the trunk alone towards the standing leg; hike tilts the pelvis, the raised
    side up, carrying the raised leg with it (deg). The standing leg stays vertical."""
    raised = q.get("raised", "left")
    out = side_sign(raised)
    side_lean = out * q.get("side_lean", 0.0)  # + is towards the person's right
    tilt = -out * q.get("hike", 0.0)  # + left hip low: the raised side's hip up
    pelvis_down = -rotate(Z, X, -tilt)  # the pelvis's own vertical, tilted with it
    outward = unit(out * Y - np.dot(out * Y, pelvis_down) * pelvis_down)
    leg = towards(pelvis_down, outward, q["drive"])
    legs = {raised: Leg(leg, leg, X), other(raised): standing_leg(X, Z, 0.0, 0.0)}
    return standing_body(legs, side_lean=side_lean, tilt=tilt)


def squat_params(side: str, drive: float, f: dict) -> dict:
    return {"drive": drive, "lean": f.get("lean", 0.0), "valgus": f.get("valgus", 0.0)}


def lunge_params(side: str, drive: float, f: dict) -> dict:
    """`side` is the front leg."""
    return {"drive": drive, "front": side, "lean": f.get("lean", 0.0), "valgus": f.get("valgus", 0.0),
            "back_straight": f.get("back_straight", 0.0)}


def single_leg_squat_params(side: str, drive: float, f: dict) -> dict:
    """`side` is the standing (working) leg."""
    return {"drive": drive, "stand": side, "drop": f.get("drop", 0.0), "valgus": f.get("valgus", 0.0)}


def abduction_params(side: str, drive: float, f: dict) -> dict:
    """`side` is the raised leg."""
    return {"drive": drive, "raised": side, "side_lean": f.get("side_lean", 0.0), "hike": f.get("hike", 0.0)}


EXERCISES.update({
    "squat": Exercise(squat_pose, squat_params, 0.0, "both", STANDING_CAMERAS),
    "lunge": Exercise(lunge_pose, lunge_params, 0.0, "left", STANDING_CAMERAS),
    "single_leg_squat": Exercise(single_leg_squat_pose, single_leg_squat_params, 0.0, "left", STANDING_CAMERAS),
    "standing_hip_abduction": Exercise(abduction_pose, abduction_params, 0.0, "left", STANDING_CAMERAS),
})


# -- reverse lunge to knee drive: keyframes --------------------------------------------------------

@dataclass(frozen=True)
class LungeDrive:
    """One rep: the `side` leg steps back into a lunge (front knee bent `depth`), then swings
    through into a knee drive (hip flexion `drive`), then stands. lean: extra forward trunk lean
    at the lunge's bottom (deg)."""

    side: str
    depth: float = 90.0
    drive: float = 95.0
    lean: float = 0.0
    down_s: float = 1.0
    bottom_s: float = 0.3
    through_s: float = 1.0
    top_s: float = 0.3
    up_s: float = 0.8

    @property
    def seconds(self) -> float:
        return self.down_s + self.bottom_s + self.through_s + self.top_s + self.up_s

    def keyframes(self) -> list[tuple[float, dict]]:
        """(time in the rep, joint angles): standing, lunge bottom, knee-drive top, standing.
        Angles: per leg (hip flexion from vertical, knee bend), trunk lean."""
        stand = {"front": (0.0, 0.0), "moving": (0.0, 0.0), "lean": 0.0}
        bottom = {"front": (self.depth * (1 - LUNGE_SHIN_SHARE), self.depth),
                  "moving": (-LUNGE_BACK_THIGH_SHARE * self.depth, self.depth),
                  "lean": LUNGE_LEAN_DEG * self.depth / 90.0 + self.lean}
        top = {"front": (0.0, 0.0), "moving": (self.drive, min(self.drive, 95.0)), "lean": 0.0}
        t1 = self.down_s
        t2 = t1 + self.bottom_s
        t3 = t2 + self.through_s
        t4 = t3 + self.top_s
        return [(0.0, stand), (t1, bottom), (t2, bottom), (t3, top), (t4, top), (self.seconds, stand)]

    def angles(self, t: float) -> dict:
        """The keyframes' angles at time t in the rep, eased between keyframes."""
        frames = self.keyframes()
        for (ta, a), (tb, b) in pairwise(frames):
            if t <= tb:
                w = smoothstep((t - ta) / (tb - ta)) if tb > ta else 1.0
                return {
                    "front": tuple(u + w * (v - u) for u, v in zip(a["front"], b["front"])),
                    "moving": tuple(u + w * (v - u) for u, v in zip(a["moving"], b["moving"])),
                    "lean": a["lean"] + w * (b["lean"] - a["lean"]),
                }
        return frames[-1][1]


def lunge_drive_pose(side: str, angles: dict) -> BodyPose:
    legs = {side: standing_leg(X, Z, *angles["moving"]), other(side): standing_leg(X, Z, *angles["front"])}
    return standing_body(legs, lean=angles["lean"])


def generate_lunge_drives(reps: list[LungeDrive], *, rest_s: float = 1.0, view: str = "side", fps: float = 30.0,
                          mirrored: bool = False, jitter_px: float = 0.0, seed: int = 0) -> Clip:
    """Landmarks (MediaPipe-style offsets) for a set of reverse lunges to knee drives with
    `rest_s` of standing before, between and after; truth per rep (peak = the knee drive's)."""
    camera = Camera.looking(*STANDING_CAMERAS[view])
    rng = np.random.default_rng(seed)
    spans, t = [], rest_s
    for rep in reps:
        spans.append((t, rep))
        t += rep.seconds + rest_s
    times = np.arange(0.0, t, 1.0 / fps)
    poses = []
    for now in times:
        active = next(((start, rep) for start, rep in spans if start <= now < start + rep.seconds), None)
        if active is None:
            body = lunge_drive_pose("left", {"front": (0.0, 0.0), "moving": (0.0, 0.0), "lean": 0.0})
        else:
            body = lunge_drive_pose(active[1].side, active[1].angles(now - active[0]))
        poses.append(observe(camera, body.joints(mediapipe_offsets=True), float(now), rng, jitter_px, mirrored))
    truth = [TrueRep(n, rep.side, start, start + rep.down_s + rep.bottom_s + rep.through_s + rep.top_s / 2,
                     start + rep.seconds, rep.drive, 0.0, Rep(rep.drive, rep.side))
             for n, (start, rep) in enumerate(spans, start=1)]
    return Clip("reverse_lunge_knee_drive", view, times * 1000.0, poses, truth)
