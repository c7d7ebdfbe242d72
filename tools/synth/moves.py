"""From a timeline frame to a body pose, one function per exercise.

Angles follow the rest frame of kinematics.py (X = the body's left, -Y = its front, Z = up):
flexing a hip forward is a rotation of -θ about X at `upperleg01`, bending a knee +θ about X at
`lowerleg01`, leaning the trunk back -θ about X at `spine05`. A turn of +θ about Z at the `root`
bone (the pelvis) carries the left hip backward. Lying positions come from the root transform.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from tools.synth import truth
from tools.synth.body import Body
from tools.synth.kinematics import PoseSpec, apply, bone_transforms, rotation
from tools.synth.timeline import Fidget, Frame

SUFFIX = {"left": "L", "right": "R"}
OTHER = {"left": "right", "right": "left"}
SIGN = {"left": 1.0, "right": -1.0}  # the side's direction along the body's X


ELBOW_BEND_DEG = 12.0  # a relaxed arm's elbow is a little bent


def relaxed(body: Body, arms_down_deg: float = 40.0, legs_in_deg: float = 4.0) -> PoseSpec:
    """Arms lowered from the rig's A-pose, elbows nearly straightened (the rest pose's are bent
    ~43°, about their own hinge), legs brought under the hips."""
    pose = PoseSpec()
    for side, s in SUFFIX.items():
        shoulder, elbow, wrist = (body.joint(f"{b}.{s}") for b in ("upperarm01", "lowerarm01", "wrist"))
        upper, fore = elbow - shoulder, wrist - elbow
        bend = np.degrees(np.arccos(np.dot(upper, fore) / np.linalg.norm(upper) / np.linalg.norm(fore)))
        pose.turn(f"lowerarm01.{s}", rotation(np.cross(fore, upper), bend - ELBOW_BEND_DEG))
        pose.turn(f"upperarm01.{s}", rotation("y", SIGN[side] * arms_down_deg))
        pose.turn(f"upperleg01.{s}", rotation("y", SIGN[side] * legs_in_deg))
    return pose


def flex_hip(pose: PoseSpec, side: str, deg: float) -> None:
    pose.turn(f"upperleg01.{SUFFIX[side]}", rotation("x", -deg))


def flex_knee(pose: PoseSpec, side: str, deg: float) -> None:
    pose.turn(f"lowerleg01.{SUFFIX[side]}", rotation("x", deg))


def swing_arm(pose: PoseSpec, side: str, deg: float) -> None:
    """Arm forward (+) or back (-) from hanging."""
    pose.turn(f"upperarm01.{SUFFIX[side]}", rotation("x", -deg))


# --- standing -------------------------------------------------------------------------------

def _sagittal_angle(v: np.ndarray) -> float:
    """Direction of a vector in the Y-Z plane, degrees, as turned by rotations about X."""
    return float(np.degrees(np.arctan2(v[2], v[1])))


def _wrap(deg: float) -> float:
    return (deg + 180.0) % 360.0 - 180.0


def _centres(body: Body, pose: PoseSpec, side: str) -> tuple[np.ndarray, ...]:
    """Shoulder, hip and knee joint centres of one side, projected on the body's sagittal plane
    (as truth.py measures hip angles), and the pelvis's front direction."""
    t = bone_transforms(body, pose)
    s = SUFFIX[side]
    pelvis = t[body.bone("root")][:3, :3]
    points = np.array([apply(t[body.bone(f"{b}.{s}")], body.joint(f"{b}.{s}")) for b in ("upperarm01", "upperleg01", "lowerleg01")])
    return (*truth.sagittal(points, pelvis @ np.array([1.0, 0, 0])), pelvis @ np.array([0.0, -1.0, 0]))


@dataclass(frozen=True)
class Standing:
    """Standing poses, and the thigh turn that gives a wanted hip flexion at the joint centres
    (the rig stands with its trunk and thighs a few degrees off straight, so the two differ)."""

    body: Body

    @cached_property
    def _tables(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        turns = np.arange(-20.0, 151.0, 2.0)
        out = {}
        for side in SUFFIX:
            measured = []
            for turn in turns:
                pose = relaxed(self.body)
                flex_hip(pose, side, turn)
                shoulder, hip, knee, _ = _centres(self.body, pose, side)
                measured.append(180.0 - truth.angle(shoulder, hip, knee))
            out[side] = np.array(measured), turns
        return out

    def turn_for(self, side: str, flexion_deg: float) -> float:
        measured, turns = self._tables[side]
        start = int(np.argmin(measured))  # flexion is unsigned: use the branch that rises
        return float(np.interp(flexion_deg, measured[start:], turns[start:]))


def knee_drive(standing: Standing, frame: Frame, resting_side: str) -> PoseSpec:
    """Standing; the working hip flexes to the rep's peak (hip flexion at the joint centres)
    with the knee bent ~90°, the other arm swinging forward a little as in marching."""
    pose = relaxed(standing.body)
    rep = frame.rep
    if isinstance(frame.segment, Fidget):
        return _weight_shift(pose, frame.amount, frame.segment.peak)
    working = rep.side if rep else resting_side
    a = frame.amount
    lean = rep.amounts.get("trunk_lean", 0.0) if rep else 0.0
    if rep:
        # leaning back opens the trunk-thigh angle: the thigh rises by as much to keep the peak
        turn = standing.turn_for(working, rep.peak + lean)
        flex_hip(pose, working, a * turn)
        flex_knee(pose, working, a * min(95.0, rep.peak + 5.0))
        swing_arm(pose, OTHER[working], a * 20.0)
        swing_arm(pose, working, -a * 10.0)
    if lean:
        pose.turn("spine05", rotation("x", -a * lean))
    if rep and "standing_knee_bent" in rep.faults:
        # a one-leg mini squat: shin and thigh share the bend, the foot stays flat
        bend = a * rep.amounts["standing_knee_bent"]
        stance = OTHER[working]
        flex_hip(pose, stance, bend / 2)
        flex_knee(pose, stance, bend)
        pose.turn(f"foot.{SUFFIX[stance]}", rotation("x", -bend / 2))
    return pose


def _weight_shift(pose: PoseSpec, a: float, peak: float) -> PoseSpec:
    """Standing still: weight onto the right leg, the left heel lifting (hip flexing `peak`°),
    the arms lifting a little and the trunk swaying: no rep."""
    flex_hip(pose, "left", a * peak)
    flex_knee(pose, "left", a * peak * 1.8)
    pose.turn("foot.L", rotation("x", a * peak * 0.8))
    for side in SUFFIX:
        pose.turn(f"upperarm01.{SUFFIX[side]}", rotation("y", -SIGN[side] * a * 25.0))
    pose.turn("spine05", rotation("y", -a * 4.0))
    return pose


# --- lying on the back ----------------------------------------------------------------------

@dataclass(frozen=True)
class BridgeGeometry:
    """Supine poses that keep the shoulders and the feet planted as the hips rise. The trunk
    turns about the shoulders by an elevation; the hips and knees follow by two-link inverse
    kinematics in the body's sagittal plane (all these turns are about X, so angles add), with
    the rig's own rest directions of trunk, thigh and shin; the feet stay flat where, with the
    hips in line, the knee is bent ~90° (the routine's top position)."""

    body: Body

    @cached_property
    def _rest(self) -> dict[str, np.ndarray]:
        b = self.body
        return {"shoulders": (b.joint("upperarm01.L") + b.joint("upperarm01.R")) / 2,
                "hip": b.joint("upperleg01.L"), "knee": b.joint("lowerleg01.L"), "ankle": b.joint("foot.L")}

    def _supine(self, elevation_deg: float) -> np.ndarray:
        """The root rotation: on the back, head toward +Y, the trunk raised about the shoulders."""
        return rotation("x", -90.0 - elevation_deg)

    @cached_property
    def ankle_target(self) -> np.ndarray:
        """Where the ankle stays, world Y-Z with the shoulders' centre as origin."""
        r = self._rest
        thigh = np.linalg.norm((r["knee"] - r["hip"])[1:])
        shin = np.linalg.norm((r["ankle"] - r["knee"])[1:])
        trunk = np.linalg.norm((r["hip"] - r["shoulders"])[1:])
        e = np.arctan2(shin, trunk + thigh)  # trunk and thigh in line, the shin at 90° to them
        along = (trunk + thigh) * np.cos(e) + shin * np.sin(e)
        # height: the back on the floor at rest, the sole flat on it
        v = self.body.vertices
        dominant = np.array(self.body.bones)[self.body.weights.argmax(axis=1)]
        trunk_ids = np.char.startswith(dominant, "spine") | np.char.startswith(dominant, "pelvis")
        back = (self._supine(0.0) @ (v[trunk_ids] - r["shoulders"]).T)[2].min()
        feet = np.char.startswith(dominant, "foot") & (v[:, 0] > 0)
        ankle_height = r["ankle"][2] - v[feet, 2].min()
        return np.array([-along, back + ankle_height])

    def legs(self, elevation_deg: float) -> tuple[float, float, float]:
        """(hip flexion, knee flexion, foot turn) in degrees for this trunk elevation."""
        r, rot = self._rest, self._supine(elevation_deg)
        hip = (rot @ (r["hip"] - r["shoulders"]))[1:]
        thigh0, shin0 = (rot @ (r["knee"] - r["hip"]))[1:], (rot @ (r["ankle"] - r["knee"]))[1:]
        l1, l2 = np.linalg.norm(thigh0), np.linalg.norm(shin0)
        to_ankle = self.ankle_target - hip
        d = min(float(np.linalg.norm(to_ankle)), l1 + l2 - 1e-6)
        inner = np.degrees(np.arccos(np.clip((l1**2 + d**2 - l2**2) / (2 * l1 * d), -1, 1)))
        # the knee goes up, away from the floor: with the feet toward -Y that is the side
        # reached by turning the hip-ankle direction clockwise in (y, z)
        thigh_dir = np.degrees(np.arctan2(to_ankle[1], to_ankle[0])) - inner
        knee = hip + l1 * np.array([np.cos(np.radians(thigh_dir)), np.sin(np.radians(thigh_dir))])
        shin_dir = np.degrees(np.arctan2(*(self.ankle_target - knee)[::-1]))
        hip_flex = _wrap(np.degrees(np.arctan2(thigh0[1], thigh0[0])) - thigh_dir)
        knee_flex = _wrap(shin_dir - np.degrees(np.arctan2(shin0[1], shin0[0])) + hip_flex)
        return hip_flex, knee_flex, 90.0 + elevation_deg + hip_flex - knee_flex

    def pose(self, elevation_deg: float, free: str | None = None, straighten: float = 0.0) -> PoseSpec:
        """Both feet planted; or `free` leg straightening by `straighten` (0..1) in line with its thigh."""
        pose = relaxed(self.body, arms_down_deg=45.0, legs_in_deg=2.0)
        hip_flex, knee_flex, foot = self.legs(elevation_deg)
        for side, s in SUFFIX.items():
            flex_hip(pose, side, hip_flex)
            bend = knee_flex * (1.0 - straighten) if side == free else knee_flex
            flex_knee(pose, side, bend)
            pose.turn(f"foot.{s}", rotation("x", foot - knee_flex + bend))  # flat on the floor while planted
        return pose

    def place(self, pose: PoseSpec, elevation_deg: float) -> PoseSpec:
        return pose.move_root(self._rest["shoulders"], self._supine(elevation_deg))

    @cached_property
    def _table(self) -> tuple[np.ndarray, np.ndarray]:
        """Hip extension measured at the joint centres against the trunk's elevation."""
        elevations = np.arange(-10.0, 60.1, 0.5)
        extension = []
        for e in elevations:
            shoulder, hip, knee, front = _centres(self.body, self.place(self.pose(e), e), "left")
            extension.append(truth.line_deviation(shoulder, hip, knee, front))
        return np.array(extension), elevations

    @cached_property
    def drop_per_deg(self) -> float:
        """Tilt of the hip line per degree the pelvis turns about its long axis, at the top (the
        axis rises with the trunk, so the hips tilt a little less than the pelvis turns)."""
        e = self.elevation(0.0)
        t = bone_transforms(self.body, self.place(self.pose(e).turn("root", rotation("z", 10.0)), e))
        left, right = (apply(t[self.body.bone(f"upperleg01.{s}")], self.body.joint(f"upperleg01.{s}")) for s in "LR")
        return truth.tilt(left, right) / 10.0

    @property
    def rest_deg(self) -> float:
        """Hip extension lying flat, hips on the floor (negative)."""
        return float(np.interp(0.0, self._table[1], self._table[0]))

    def elevation(self, hip_extension_deg: float) -> float:
        """Trunk elevation whose pose has this hip extension (0 = shoulders, hips, knees in line)."""
        extension, elevations = self._table
        return float(np.interp(hip_extension_deg, extension, elevations))


def bridge(frame: Frame, geometry: BridgeGeometry, supporting: str | None = None) -> PoseSpec:
    """Supine bridge from hips on the floor to the rep's peak hip extension. With `supporting`,
    that leg bridges and the other straightens in line with its thigh as the hips rise, its foot
    back down between reps. A fidget lifts the hips its `peak` degrees from rest: settling, not
    bridging."""
    rest = geometry.rest_deg
    rep = frame.rep
    peak = rep.peak if rep else rest + frame.segment.peak if isinstance(frame.segment, Fidget) else rest
    elevation = geometry.elevation(rest + frame.amount * (peak - rest))
    free = OTHER[supporting] if supporting and rep else None
    pose = geometry.pose(elevation, free, frame.amount)
    if supporting and rep and "pelvis_drop" in rep.faults:
        # the pelvis turns about the body's long axis, the free side going down; the trunk and
        # the supporting thigh keep their place
        drop = SIGN[OTHER[supporting]] * frame.amount * rep.amounts["pelvis_drop"] / geometry.drop_per_deg
        pose.turn("root", rotation("z", drop))
        pose.turn("spine05", rotation("z", -drop))
        pose.turn(f"upperleg01.{SUFFIX[supporting]}", rotation("z", -drop))
    return geometry.place(pose, elevation)


# --- lying on the side ----------------------------------------------------------------------

CLAM_HIP_DEG = 45.0
CLAM_KNEE_DEG = 90.0
# Side-lying, the top knee rests on the bottom one and the feet touch: the top thigh adducts and
# turns about its own axis until the knees' and the ankles' centres are about this far apart (a
# grid search on each body). The thighs then meet at ~7°, as on a person whose hips are wider
# than their knees; formcheck's clamshell takes under 10° as knees together.
CLAM_KNEE_GAP_M = 0.15
CLAM_ANKLE_GAP_M = 0.08


@dataclass(frozen=True)
class ClamGeometry:
    """The top leg opens by turning about its hip-ankle line, so the feet stay together; the
    turn needed for a given angle between the thighs comes from a table made on this body."""

    body: Body
    top: str

    def _folded(self, adduct_deg: float = 0.0, turn_deg: float = 0.0) -> PoseSpec:
        pose = relaxed(self.body, arms_down_deg=30.0, legs_in_deg=0.0)
        for side in SUFFIX:
            flex_hip(pose, side, CLAM_HIP_DEG)
            flex_knee(pose, side, CLAM_KNEE_DEG)
        s = SUFFIX[self.top]
        pose.turn(f"upperleg01.{s}", rotation("y", SIGN[self.top] * adduct_deg))
        if turn_deg:
            hip, knee, _ = self._legs(pose)[self.top]
            pose.turn(f"upperleg01.{s}", rotation(knee - hip, turn_deg))
        # the bottom arm reaches overhead under the head, the top hand rests in front of the chest
        bottom = OTHER[self.top]
        pose.turn(f"upperarm01.{SUFFIX[bottom]}", rotation("y", -SIGN[bottom] * 160.0))
        swing_arm(pose, self.top, 35.0)
        return pose

    def _legs(self, pose: PoseSpec) -> dict[str, np.ndarray]:
        """side -> [hip, knee, ankle] centres of a pose, rest frame."""
        t = bone_transforms(self.body, pose)
        return {side: np.array([apply(t[self.body.bone(f"{b}.{s}")], self.body.joint(f"{b}.{s}"))
                                for b in ("upperleg01", "lowerleg01", "foot")]) for side, s in SUFFIX.items()}

    @cached_property
    def stack(self) -> tuple[float, float]:
        """(adduction, turn about the thigh) in degrees that put the top knee and ankle straight
        above the bottom ones (along the body's X), as close as a grid search gets."""
        want = SIGN[self.top] * np.array([[CLAM_KNEE_GAP_M, 0, 0], [CLAM_ANKLE_GAP_M, 0, 0]])
        bottom = self._legs(self._folded())[OTHER[self.top]][1:]
        best, error = (0.0, 0.0), np.inf
        for adduct in np.arange(0.0, 46.0, 1.5):
            for turn in np.arange(-60.0, 61.0, 3.0):
                top = self._legs(self._folded(adduct, turn))[self.top][1:]
                e = float(np.sum((top - bottom - want) ** 2))
                if e < error:
                    best, error = (float(adduct), float(turn)), e
        return best

    def base(self) -> PoseSpec:
        return self._folded(*self.stack)

    @cached_property
    def axis(self) -> np.ndarray:
        hip, _, ankle = self._legs(self.base())[self.top]
        return ankle - hip

    def opened(self, turn_deg: float) -> PoseSpec:
        return self.base().turn(f"upperleg01.{SUFFIX[self.top]}", rotation(self.axis, -SIGN[self.top] * turn_deg))

    def thigh_angle(self, pose: PoseSpec) -> float:
        (left_hip, left_knee, _), (right_hip, right_knee, _) = self._legs(pose).values()
        u, v = left_knee - left_hip, right_knee - right_hip
        return float(np.degrees(np.arccos(np.clip(np.dot(u, v) / np.linalg.norm(u) / np.linalg.norm(v), -1, 1))))

    @cached_property
    def _table(self) -> tuple[np.ndarray, np.ndarray]:
        turns = np.linspace(0.0, 90.0, 91)
        return np.array([self.thigh_angle(self.opened(t)) for t in turns]), turns

    def turn_for(self, opening_deg: float) -> float:
        """The turn whose angle between the thighs is `opening_deg`, past the point where they
        are parallel."""
        angles, turns = self._table
        closest = int(np.argmin(angles))  # the converging thighs pass parallel first
        return float(np.interp(opening_deg, angles[closest:], turns[closest:]))


def clamshell(frame: Frame, geometry: ClamGeometry) -> PoseSpec:
    """Side-lying, hips 45° and knees 90° flexed, feet together; the top knee opens to the rep's
    peak angle between the thighs."""
    top = geometry.top
    rep = frame.rep
    a = frame.amount
    turn = geometry.turn_for(rep.peak) * a if rep else 0.0
    pose = geometry.opened(turn)
    if rep and "feet_apart" in rep.faults:
        # the top leg lifts as a whole (abduction), the foot leaving the bottom one
        pose.turn(f"upperleg01.{SUFFIX[top]}", rotation("y", -SIGN[top] * a * rep.amounts["feet_apart"]))
    if rep and "pelvis_roll" in rep.faults:
        # the pelvis rolls back about the body's long axis carrying the top leg; the trunk follows
        # half way and the bottom leg stays on the floor
        roll = SIGN[top] * a * rep.amounts["pelvis_roll"]
        pose.turn("root", rotation("z", roll))
        pose.turn("spine05", rotation("z", -roll / 2))
        pose.turn(f"upperleg01.{SUFFIX[OTHER[top]]}", rotation("z", -roll))
    hip = geometry.body.joint(f"upperleg01.{SUFFIX[top]}")
    # about Y by +90° the body's left side faces the floor
    pose.move_root(hip, rotation("y", 90.0 if top == "right" else -90.0))
    return pose
