"""Kinematic landmark generator: Pose sequences for each exercise from a timeline, with exact truth.

A stick body (joint centres, segment lengths of an average adult) is posed in a room frame
(metres; X, Y level, Z up) by a few angles per exercise, turned into the 33 MediaPipe landmarks
(optionally shifted the way MediaPipe places its hip and shoulder landmarks: SYNTH_NOTES), seen
by a pinhole camera (image pixels) and expressed as MediaPipe world landmarks (camera axes, x
right, y down, z away, origin at the hip midpoint). Options add pixel jitter, dropped frames,
low-visibility spans, mirrored video, L/R label swaps between reps and any frame rate.

A timeline is a list of `Rep`, `Still` and `Alternating` segments; each Rep carries its true peak angle, hold
and injected faults, and `Clip.truth` lists them with their times, so tests can assert exact
counts, sides, holds and faults.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from formcheck.data import Pose
from formcheck.landmarks import MIRROR_ORDER, N_LANDMARKS, Landmark as Lm

IMAGE_W, IMAGE_H, FOCAL_PX = 1280, 720, 1000.0
TORSO, HIP_HALF, SHOULDER_HALF = 0.50, 0.09, 0.18
THIGH, SHIN, UPPER_ARM, FOREARM, HEAD = 0.43, 0.42, 0.29, 0.26, 0.24
# MediaPipe-style landmark placement (SYNTH_NOTES): hip 2.9 cm forward and 3.5 cm up, shoulder
# 3.7 cm up, carried by the pelvis and the trunk.
MP_HIP_FORWARD, MP_HIP_UP, MP_SHOULDER_UP = 0.029, 0.035, 0.037
X, Y, Z = np.eye(3)
SIDES = ("left", "right")


def unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def rotate(v: np.ndarray, axis: np.ndarray, deg: float) -> np.ndarray:
    """Rodrigues rotation of v about a unit axis (right-hand rule)."""
    a, th = unit(axis), np.radians(deg)
    return v * np.cos(th) + np.cross(a, v) * np.sin(th) + a * np.dot(a, v) * (1 - np.cos(th))


def towards(base: np.ndarray, to: np.ndarray, deg: float) -> np.ndarray:
    """Direction `deg` degrees from `base` towards (perpendicular) `to`."""
    return base * np.cos(np.radians(deg)) + to * np.sin(np.radians(deg))


# -- the body ---------------------------------------------------------------------------------

@dataclass
class Leg:
    thigh: np.ndarray  # unit directions
    shin: np.ndarray
    foot: np.ndarray


@dataclass
class BodyPose:
    """A posed body: pelvis centre and axes (forward, left, up), trunk direction, face and limbs."""

    pelvis: np.ndarray
    forward: np.ndarray
    left: np.ndarray
    trunk: np.ndarray  # hips -> shoulders
    face: np.ndarray  # where the nose points
    legs: dict[str, Leg]
    arm: np.ndarray  # both arms hang this way from the shoulders
    knees_in: float = 0.0  # metres each knee is pulled towards the midline (knees caving)

    def joints(self, mediapipe_offsets: bool) -> np.ndarray:
        """The 33 landmarks in room metres."""
        p = np.zeros((N_LANDMARKS, 3))
        up = unit(np.cross(self.forward, self.left))
        trunk_left = unit(self.left - np.dot(self.left, self.trunk) * self.trunk)
        shoulder_mid = self.pelvis + TORSO * self.trunk
        for side, sign in (("LEFT", 1.0), ("RIGHT", -1.0)):
            leg = self.legs[side.lower()]
            hip = self.pelvis + sign * HIP_HALF * self.left
            ankle_dir = leg.shin
            ankle = hip + THIGH * leg.thigh + SHIN * ankle_dir
            knee = hip + THIGH * leg.thigh - sign * self.knees_in * self.left
            shoulder = shoulder_mid + sign * SHOULDER_HALF * trunk_left
            elbow = shoulder + UPPER_ARM * self.arm
            wrist = elbow + FOREARM * self.arm
            if mediapipe_offsets:
                hip = hip + MP_HIP_FORWARD * self.forward + MP_HIP_UP * up
                shoulder = shoulder + MP_SHOULDER_UP * self.trunk
            p[Lm[f"{side}_HIP"]], p[Lm[f"{side}_KNEE"]], p[Lm[f"{side}_ANKLE"]] = hip, knee, ankle
            p[Lm[f"{side}_HEEL"]] = ankle + 0.05 * ankle_dir - 0.05 * leg.foot
            p[Lm[f"{side}_FOOT_INDEX"]] = ankle + 0.05 * ankle_dir + 0.17 * leg.foot
            p[Lm[f"{side}_SHOULDER"]], p[Lm[f"{side}_ELBOW"]], p[Lm[f"{side}_WRIST"]] = shoulder, elbow, wrist
            for part, offset in (("PINKY", -0.02), ("INDEX", 0.02), ("THUMB", 0.03)):
                p[Lm[f"{side}_{part}"]] = wrist + 0.07 * self.arm + offset * sign * trunk_left
        self._head(p, shoulder_mid, trunk_left)
        return p

    def _head(self, p: np.ndarray, shoulder_mid: np.ndarray, left: np.ndarray) -> None:
        face = unit(self.face - np.dot(self.face, left) * left)
        top = unit(np.cross(face, left)) * -1.0  # towards the crown, perpendicular to the face
        centre = shoulder_mid + HEAD * self.trunk
        top = top if np.dot(top, self.trunk) > 0 else -top
        p[Lm.NOSE] = centre + 0.10 * face
        for side, sign in (("LEFT", 1.0), ("RIGHT", -1.0)):
            eye = centre + 0.08 * face + 0.03 * top
            p[Lm[f"{side}_EYE"]] = eye + sign * 0.032 * left
            p[Lm[f"{side}_EYE_INNER"]] = eye + sign * 0.018 * left
            p[Lm[f"{side}_EYE_OUTER"]] = eye + sign * 0.045 * left
            p[Lm[f"{side}_EAR"]] = centre - 0.01 * face + 0.02 * top + sign * 0.075 * left
        p[Lm.MOUTH_LEFT] = centre + 0.085 * face - 0.04 * top + 0.025 * left
        p[Lm.MOUTH_RIGHT] = centre + 0.085 * face - 0.04 * top - 0.025 * left


def standing_leg(forward: np.ndarray, up: np.ndarray, hip_flex: float, knee_flex: float) -> Leg:
    thigh = towards(-up, forward, hip_flex)
    shin = towards(-up, forward, hip_flex - knee_flex)
    return Leg(thigh, shin, towards(forward, up, hip_flex - knee_flex))


# -- exercises: angles -> body ------------------------------------------------------------------
# Each pose function takes the parameter dict of one instant. "drive" is the driving angle in
# joint-centre degrees; other keys are injected faults (0 when absent).

def knee_drive_pose(q: dict[str, float]) -> BodyPose:
    """Standing at the origin facing +X; q: flex_left/right, knee_left/right (bend), lean
    (+forward), drop (free-side hip drop, deg), stand_bend (standing knee), x (walk offset)."""
    lean = q.get("lean", 0.0)
    left = rotate(Y, X, -q.get("drop_signed", 0.0))
    up = unit(np.cross(X, left))
    legs = {}
    for side in SIDES:
        flex = q.get(f"flex_{side}", 0.0)
        bend = q.get(f"knee_{side}", flex)
        legs[side] = standing_leg(X, up, flex, bend)
    pelvis = np.array([q.get("x", 0.0), q.get("y", 0.0), 0.95])
    trunk = towards(up, X, lean)
    return BodyPose(pelvis, X, left, trunk, towards(X, -Z, 10), legs, towards(-Z, X, 5))


def bridge_pose(q: dict[str, float]) -> BodyPose:
    """Lying on the back, head towards -X, shoulders on the floor; drive = hip extension (0 in
    line, negative hips low). Keys: tilt (pelvis roll, + left hip low), knees_in (m), free_leg
    ("left"/"right" extended straight: single-leg bridge, the other foot planted)."""
    h = q["drive"]
    elevation = max(0.0, BRIDGE_TOP_ELEVATION * (h - BRIDGE_REST) / -BRIDGE_REST)
    to_hips = towards(X, Z, elevation)
    shoulder_mid = np.array([0.0, 0.0, 0.10])
    pelvis = shoulder_mid + TORSO * to_hips
    anterior = towards(Z, -X, elevation)
    left = rotate(Y, -to_hips, q.get("tilt", 0.0))
    thigh = towards(X, Z, elevation - h)
    shin = unit(np.array([-0.25, 0.0, -1.0]))
    legs = {side: Leg(thigh, shin, X) for side in SIDES}
    free = q.get("free_leg")
    if free:
        legs[free] = Leg(thigh, thigh, towards(thigh, Z, 80))
    face = unit(Z + 0.4 * X)
    return BodyPose(pelvis, anterior, left, -to_hips, face, legs, unit(X - 0.1 * Z), q.get("knees_in", 0.0))


BRIDGE_REST, BRIDGE_TOP_ELEVATION = -55.0, 25.0


def clamshell_pose(q: dict[str, float]) -> BodyPose:
    """Lying on one side, head towards -X, hips flexed 45°, knees 90°, the `top_side` leg up
    (+Z); drive = true opening between the thighs (deg): the top leg turns about the line from
    its hip to its ankle, feet together. Keys: roll (pelvis and top leg rolling back, deg),
    feet_apart (the top leg opens about the hip alone, so the feet part)."""
    top = q.get("top_side", "left")
    up = -X
    left = Z if top == "left" else -Z
    forward = unit(np.cross(left, up))  # left = up x forward
    thigh, shin = towards(X, forward, 45), towards(X, forward, -45)
    foot = unit(np.cross(shin, left))
    legs = {side: Leg(thigh, shin, foot) for side in SIDES}
    if q["drive"] > 0:
        axis = unit(np.cross(thigh, Z)) if q.get("feet_apart") else unit(THIGH * thigh + SHIN * shin)
        angle = _turn_for_opening(thigh, axis, q["drive"])
        legs[top] = Leg(rotate(thigh, axis, angle), rotate(shin, axis, angle), foot)
    roll = q.get("roll", 0.0) * (1.0 if top == "left" else -1.0)  # + turns the top side backwards
    if roll:
        turn = lambda v: rotate(v, up, roll)  # noqa: E731
        forward, left = turn(forward), turn(left)
        legs[top] = Leg(turn(legs[top].thigh), turn(legs[top].shin), foot)
    return BodyPose(np.array([0.0, 0.0, 0.2]), forward, left, up, forward, legs, towards(X, forward, 60))


def _turn_for_opening(thigh: np.ndarray, axis: np.ndarray, opening: float) -> float:
    """Signed turn about `axis` that opens the thigh `opening` degrees, knee going up (+Z).
    Turning t by phi about a: cos(opening) = cos(phi) + (a.t)^2 (1 - cos(phi))."""
    c2 = float(np.dot(axis, thigh)) ** 2
    phi = np.degrees(np.arccos(np.clip((np.cos(np.radians(opening)) - c2) / (1.0 - c2), -1.0, 1.0)))
    return phi if rotate(thigh, axis, 10.0)[2] > thigh[2] else -phi


# -- exercises: what a rep moves -----------------------------------------------------------------

def other(side: str) -> str:
    return "right" if side == "left" else "left"


def knee_drive_params(side: str, drive: float, f: dict[str, float]) -> dict:
    stand = f.get("stand_bend", 0.0)
    return {
        f"flex_{side}": drive, f"knee_{side}": min(drive, 95.0),
        f"flex_{other(side)}": stand / 2, f"knee_{other(side)}": stand,
        "lean": f.get("lean", 0.0), "drop_signed": f.get("drop", 0.0) * (1 if side == "left" else -1),
    }


def bridge_params(side: str, drive: float, f: dict[str, float]) -> dict:
    return {"drive": drive, "tilt": f.get("tilt", 0.0), "knees_in": f.get("knees_in", 0.0)}


def single_leg_bridge_params(side: str, drive: float, f: dict[str, float]) -> dict:
    """`side` is the supporting leg; the other is held straight, and `drop` lowers its hip."""
    free = other(side)
    return {"drive": drive, "free_leg": free, "tilt": f.get("drop", 0.0) * (1 if free == "left" else -1)}


def clamshell_params(side: str, drive: float, f: dict[str, float]) -> dict:
    """`side` is the top (working) leg."""
    return {"drive": drive, "top_side": side, "roll": f.get("roll", 0.0), "feet_apart": f.get("feet_apart", 0.0)}


def walking_params(t: float) -> dict:
    """Walking back and forth along X at ~1 m/s, 1 stride/s; hip flexion peaks ~30° (gait)."""
    phase = 2 * np.pi * t
    x = 1.0 - abs((t % 4.0) - 2.0)  # -1..1 m and back
    flex = 12.0 + 18.0 * np.sin(phase)
    other_flex = 12.0 - 18.0 * np.sin(phase)
    return {"x": x, "flex_left": flex, "flex_right": other_flex, "lean": 3.0,
            "knee_left": max(0.0, 50 * np.sin(phase + 1.2)), "knee_right": max(0.0, -50 * np.sin(phase + 1.2))}


def shifting_params(t: float) -> dict:
    """Standing still, shifting weight from foot to foot: flexion stays under ~10°."""
    sway = np.sin(2 * np.pi * 0.5 * t)
    return {"y": 0.05 * sway, "flex_left": 5 + 4 * sway, "flex_right": 5 - 4 * sway,
            "knee_left": 8 + 6 * sway, "knee_right": 8 - 6 * sway, "drop_signed": 3 * sway}


@dataclass(frozen=True)
class Exercise:
    pose: Callable[[dict], BodyPose]
    params: Callable[[str, float, dict], dict]
    rest: float  # true drive at rest
    default_side: str
    cameras: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]]  # view -> (eye, target)


BRIDGE_CAMERAS = {
    "side": ((0.45, -2.6, 0.45), (0.45, 0.0, 0.25)),
    "feet_end": ((2.6, 0.0, 1.4), (0.5, 0.0, 0.2)),
    "above": ((0.6, -0.4, 2.8), (0.45, 0.0, 0.2)),  # over the body, looking down
}
EXERCISES = {
    "knee_drive": Exercise(knee_drive_pose, knee_drive_params, 0.0, "left", {
        "side": ((0.0, -3.2, 1.0), (0.0, 0.0, 0.95)),
        "front": ((3.2, 0.0, 1.1), (0.0, 0.0, 0.95)),
        "oblique": ((2.3, -2.3, 1.1), (0.0, 0.0, 0.95)),
    }),
    "glute_bridge": Exercise(bridge_pose, bridge_params, BRIDGE_REST, "both", BRIDGE_CAMERAS),
    "single_leg_bridge": Exercise(bridge_pose, single_leg_bridge_params, BRIDGE_REST, "left", {
        **BRIDGE_CAMERAS, "feet_end": ((2.4, 0.0, 1.9), (0.5, 0.0, 0.25)),  # high, 45° down over the heels
    }),
    "clamshell": Exercise(clamshell_pose, clamshell_params, 0.0, "left", {
        "front": ((0.3, -1.8, 1.6), (0.3, 0.0, 0.2)),  # above and in front of the hips
    }),
}


# -- timelines -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rep:
    """One rep: true peak of the driving angle (joint-centre degrees), tempo, injected faults
    (values at the top, e.g. {"lean": 20}), side (the working leg for one-leg exercises)."""

    peak: float
    side: str | None = None
    rise_s: float = 1.0
    hold_s: float = 1.0
    lower_s: float = 1.0
    faults: dict[str, float] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        return self.rise_s + self.hold_s + self.lower_s

    def progress(self, t: float) -> float:
        """0 at rest .. 1 at the top, eased (no jerk at either end)."""
        if t < self.rise_s:
            return smoothstep(t / self.rise_s)
        if t < self.rise_s + self.hold_s:
            return 1.0
        return smoothstep(1.0 - (t - self.rise_s - self.hold_s) / self.lower_s)


@dataclass(frozen=True)
class Still:
    """Time between reps: "rest" (still), "shift" (weight shifts), "walk" (walking about)."""

    seconds: float
    motion: str = "rest"


@dataclass(frozen=True)
class Alternating:
    """Fast alternating knee lifts (high knees): one lift every `period_s`, legs overlapping
    (one rises while the other comes down), starting with `first` side; no hold."""

    reps: int
    peak: float = 95.0
    period_s: float = 0.33
    first: str = "left"
    overlap: float = 0.45  # how far each leg's lift reaches into the other's (0 = none)

    @property
    def seconds(self) -> float:
        return self.reps * self.period_s

    def flexion(self, local_t: float) -> dict[str, float]:
        wave = np.sin(np.pi * local_t / self.period_s)
        lift = lambda w: float(np.clip((w + self.overlap) / (1 + self.overlap), 0.0, 1.0))  # noqa: E731
        return {self.first: self.peak * lift(wave), other(self.first): self.peak * lift(-wave)}


def smoothstep(x: float) -> float:
    x = min(max(x, 0.0), 1.0)
    return x * x * (3 - 2 * x)


def inverse_smoothstep(y: float) -> float:
    grid = np.linspace(0.0, 1.0, 10001)
    return float(np.interp(y, grid * grid * (3 - 2 * grid), grid))


@dataclass(frozen=True)
class TrueRep:
    n: int
    side: str
    start_s: float
    peak_s: float
    end_s: float
    peak: float
    rest: float
    rep: Rep

    @property
    def faults(self) -> dict[str, float]:
        return self.rep.faults

    def time_above(self, level: float) -> float:
        """Seconds the true drive spends at or above `level` (the hold a perfect counter sees)."""
        if self.peak < level:
            return 0.0
        x = inverse_smoothstep((level - self.rest) / (self.peak - self.rest))
        return self.rep.hold_s + (self.rep.rise_s + self.rep.lower_s) * (1.0 - x)


@dataclass
class Clip:
    exercise: str
    view: str
    times_ms: np.ndarray
    poses: list[Pose | None]
    truth: list[TrueRep]

    def frames(self):
        return zip(self.times_ms.tolist(), self.poses)

    def reps_per_side(self) -> dict[str, int]:
        return {side: sum(r.side == side for r in self.truth) for side in {r.side for r in self.truth}}


# -- camera ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Camera:
    eye: np.ndarray
    axes: np.ndarray  # rows: image x (right), image y (down), depth (away from the camera)

    @classmethod
    def looking(cls, eye, target) -> "Camera":
        eye, target = np.asarray(eye, float), np.asarray(target, float)
        depth = unit(target - eye)
        right = unit(np.cross(depth, Z))
        return cls(eye, np.stack([right, np.cross(depth, right), depth]))

    def see(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(pixels [n, 2], MediaPipe world [n, 3], camera depth [n]) of room points."""
        cam = (points - self.eye) @ self.axes.T
        xy = FOCAL_PX * cam[:, :2] / cam[:, 2:3] + np.array([IMAGE_W / 2, IMAGE_H / 2])
        hip_mid = (points[Lm.LEFT_HIP] + points[Lm.RIGHT_HIP]) / 2
        world = (points - hip_mid) @ self.axes.T
        return xy, world, cam[:, 2]


PAIRS = [(lm, Lm[lm.name.replace("LEFT", "RIGHT")]) for lm in Lm if "LEFT" in lm.name]
NEAR_VISIBILITY, FAR_VISIBILITY, OFF_IMAGE_VISIBILITY = 0.95, 0.4, 0.05
FAR_BEHIND_M = 0.06  # a limb this much deeper than its twin is taken as hidden behind the body


def visibility(xy: np.ndarray, depth: np.ndarray) -> np.ndarray:
    vis = np.full(N_LANDMARKS, NEAR_VISIBILITY)
    for a, b in PAIRS:
        if depth[a] > depth[b] + FAR_BEHIND_M:
            vis[a] = FAR_VISIBILITY
        elif depth[b] > depth[a] + FAR_BEHIND_M:
            vis[b] = FAR_VISIBILITY
    outside = (xy[:, 0] < 0) | (xy[:, 0] > IMAGE_W) | (xy[:, 1] < 0) | (xy[:, 1] > IMAGE_H)
    vis[outside] = OFF_IMAGE_VISIBILITY
    return vis


PART_LANDMARKS = {
    "knees": (Lm.LEFT_KNEE, Lm.RIGHT_KNEE),
    "ankles": (Lm.LEFT_ANKLE, Lm.RIGHT_ANKLE, Lm.LEFT_HEEL, Lm.RIGHT_HEEL, Lm.LEFT_FOOT_INDEX, Lm.RIGHT_FOOT_INDEX),
    "hips": (Lm.LEFT_HIP, Lm.RIGHT_HIP),
    "shoulders": (Lm.LEFT_SHOULDER, Lm.RIGHT_SHOULDER),
}


# -- the generator ---------------------------------------------------------------------------------

def generate(
    exercise: str,
    timeline: list[Rep | Still | Alternating],
    *,
    view: str | None = None,
    fps: float = 30.0,
    mediapipe_offsets: bool = True,
    jitter_px: float = 0.0,
    drop_fraction: float = 0.0,
    dropped_spans: tuple[tuple[float, float], ...] = (),
    low_visibility: tuple[tuple[float, float, str], ...] = (),
    mirrored: bool = False,
    swap_labels_on_reps: tuple[int, ...] = (),
    offsets: dict[str, float] | None = None,
    seed: int = 0,
) -> Clip:
    """Landmarks for `timeline` as MediaPipe would give them, plus the truth.

    low_visibility: (start_s, end_s, part) spans where a part ("knees", "ankles", ...) is not
    seen. mirrored: the image is flipped left-right, and the labels follow what MediaPipe sees
    (it labels the mirrored person's legs by their appearance). swap_labels_on_reps: rep
    numbers (1-based) from whose start on, until the next rep, MediaPipe's L/R labels are
    swapped, as it does between reps in side views. offsets: pose parameters added on every
    frame (a person's own asymmetry, e.g. {"tilt": 4.0}: a pelvis that reads 4° off level).
    """
    ex = EXERCISES[exercise]
    view = view or next(iter(ex.cameras))
    camera = Camera.looking(*ex.cameras[view])
    rng = np.random.default_rng(seed)
    layout, truth = _layout(ex, timeline)
    duration = sum(seg.seconds for seg in timeline)
    times = np.arange(0.0, duration, 1.0 / fps)
    poses: list[Pose | None] = []
    for t in times:
        if rng.random() < drop_fraction or any(a <= t < b for a, b in dropped_spans):
            poses.append(None)
            continue
        start, seg, side, n = _segment_at(layout, t)
        pose_of, params = _params(ex, seg, side, t - start, t)
        for key, value in (offsets or {}).items():
            params[key] = params.get(key, 0.0) + value
        points = pose_of(params).joints(mediapipe_offsets)
        hidden = [part for a, b, part in low_visibility if a <= t < b]
        poses.append(observe(camera, points, float(t), rng, jitter_px, mirrored, n in swap_labels_on_reps, hidden))
    return Clip(exercise, view, times * 1000.0, poses, truth)


def observe(camera: "Camera", points: np.ndarray, t_s: float, rng: np.random.Generator, jitter_px: float = 0.0,
            mirrored: bool = False, swapped: bool = False, hidden: list[str] | tuple[str, ...] = ()) -> Pose:
    """The pose MediaPipe would report for the 33 points: seen by `camera` (pixels, world
    landmarks, visibility from depth order), `hidden` parts given off-image visibility, pixel
    jitter, a mirrored image, and the left/right labels swapped when `swapped` differs from
    `mirrored` (a mirrored image swaps them by itself)."""
    xy, world, depth = camera.see(points)
    vis = visibility(xy, depth)
    for part in hidden:
        vis[list(PART_LANDMARKS[part])] = OFF_IMAGE_VISIBILITY
    xy = xy + rng.normal(0.0, jitter_px, xy.shape) if jitter_px else xy
    if mirrored:
        xy[:, 0] = IMAGE_W - xy[:, 0]
        world[:, 0] = -world[:, 0]
    if mirrored != swapped:
        xy, world, vis = xy[MIRROR_ORDER], world[MIRROR_ORDER], vis[MIRROR_ORDER]
    return Pose(t_s * 1000, xy.astype(np.float32), world.astype(np.float32), vis.astype(np.float32),
                vis.astype(np.float32))


def _layout(ex: Exercise, timeline: list[Rep | Still | Alternating]):
    """(start_s, segment, side, rep number in force) per segment, and the true reps. A rest
    takes the side of the rep after it: the person sets up for it (changes legs) while resting."""
    layout, truth, t, side, n = [], [], 0.0, ex.default_side, 0
    for i, seg in enumerate(timeline):
        if isinstance(seg, Still):
            side = next((s.side for s in timeline[i:] if isinstance(s, Rep) and s.side), side)
        if isinstance(seg, Alternating):
            for i in range(seg.reps):
                n += 1
                lift = Rep(seg.peak, seg.first if i % 2 == 0 else other(seg.first), seg.period_s / 2, 0.0, seg.period_s / 2)
                peak_s = t + (i + 0.5) * seg.period_s
                truth.append(TrueRep(n, lift.side, peak_s - seg.period_s / 2, peak_s, peak_s + seg.period_s / 2,
                                     seg.peak, ex.rest, lift))
        elif isinstance(seg, Rep):
            n += 1
            side = seg.side or ex.default_side
            truth.append(TrueRep(n, side, t, t + seg.rise_s + seg.hold_s / 2, t + seg.seconds, seg.peak, ex.rest, seg))
        layout.append((t, seg, side, n))
        t += seg.seconds
    return layout, truth


def _segment_at(layout, t: float):
    for start, seg, side, n in reversed(layout):
        if t >= start:
            return start, seg, side, n
    return layout[0]


def _params(ex: Exercise, seg: Rep | Still | Alternating, side: str, local_t: float, t: float):
    """(pose function, its parameters) at time t: walking and shifting are done standing."""
    if isinstance(seg, Rep):
        p = seg.progress(local_t)
        faults = {k: v * p for k, v in seg.faults.items()}
        return ex.pose, ex.params(side, ex.rest + p * (seg.peak - ex.rest), faults)
    if isinstance(seg, Alternating):
        flexion = seg.flexion(local_t)
        return ex.pose, {**{f"flex_{k}": v for k, v in flexion.items()}, **{f"knee_{k}": v for k, v in flexion.items()}}
    if seg.motion == "walk":
        return knee_drive_pose, walking_params(t)
    if seg.motion == "shift":
        return knee_drive_pose, shifting_params(t)
    return ex.pose, ex.params(side, ex.rest, {})


def analyse(clip: Clip, exercise: str | None = None, **options):
    """Run a fresh analyser over the clip: (AnalysisResult, every FrameAnalysis)."""
    from formcheck.exercises import make_analyser

    analyser = make_analyser(exercise or clip.exercise, **options)
    frames = [analyser.update(t, pose) for t, pose in clip.frames()]
    return analyser.finish(), frames


def fault_codes(rep) -> set[str]:
    return {fault.code for fault in rep.faults}
