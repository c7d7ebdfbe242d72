"""The clips of samples/: what each one shows, seen from where, on which body and in which room.

Faults are put in on purpose by changing a rep of the timeline. Amounts sit clearly past
formcheck's thresholds (formcheck/exercises/*.py) so that a label means a fault a coach would
call: e.g. a standing knee bent 40° (the spec flags 35°), a bridge pushed 20° past the line (15°).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tools.synth.body import Shape
from tools.synth.render import Look
from tools.synth.timeline import Fidget, Rep, Rest, Segment


@dataclass(frozen=True)
class View:
    name: str  # side | front | oblique | feet_end, as the manifest says it
    offset: tuple[float, float, float]  # camera from the body's centre at rest, world metres (Z up)
    aim: tuple[float, float, float] = (0.0, 0.0, 0.0)  # what it looks at, from the same centre
    fov_deg: float = 50.0
    size: tuple[int, int] = (640, 480)


@dataclass(frozen=True)
class Clip:
    name: str
    exercise: str
    view: View
    timeline: list[Segment]
    shape: Shape
    look: Look
    side: str  # working / supporting / top leg where the exercise has one, else "both"
    options: dict = field(default_factory=dict)  # analysis options (hold_s, side, mirrored)
    description: str = ""
    fps: float = 15.0
    mirrored: bool = False


SHAPES = [
    Shape(),
    Shape(gender=0.1, weight=0.4, scale=0.97),
    Shape(gender=0.9, muscle=0.4, height=0.1, scale=1.02),
    Shape(gender=0.75, weight=0.7),
    Shape(gender=0.2, weight=-0.5, height=-0.1),
]
LOOKS = [
    Look(shirt=(40, 90, 170), legs=(30, 30, 35)),
    Look(shirt=(180, 60, 50), legs=(50, 60, 80), wall=(225, 220, 200), floor=(120, 100, 80), wall_pattern="noise",
         light_yaw_deg=30.0),
    Look(shirt=(60, 140, 80), legs=(35, 35, 40), skin=(180, 130, 100), wall=(190, 200, 215), light=2.5,
         wall_pattern="gradient"),
    Look(shirt=(230, 230, 225), legs=(40, 40, 70), skin=(120, 85, 60), hair=(20, 20, 20), wall=(170, 180, 170),
         floor=(160, 150, 120), wall_pattern="stripes", light=3.5, light_yaw_deg=-40.0),
    Look(shirt=(230, 150, 40), legs=(90, 40, 90), skin=(200, 150, 115), hair=(110, 70, 40), wall=(215, 215, 220),
         floor=(100, 110, 120), wall_pattern="noise", light=2.8, light_yaw_deg=70.0),
]

# Standing bodies face -Y with their left on +X; lying on the back the head is toward +Y and
# the left still on +X; lying on the side the body runs along X, its front toward -Y.
SIDE_LEFT = View("side", (3.2, 0.0, 0.05), fov_deg=42.0)
SIDE_RIGHT = View("side", (-3.0, 0.2, 0.15), fov_deg=44.0)
SIDE_LEFT_FAR = View("side", (3.6, -0.2, 0.0), fov_deg=45.0)
OBLIQUE_RIGHT = View("oblique", tuple(3.2 * np.array([-np.cos(np.radians(35)), -np.sin(np.radians(35)), 0.0]) + [0, 0, 0.1]))
FRONT_PORTRAIT = View("front", (0.15, -3.4, 0.1), fov_deg=48.0, size=(480, 640))
BRIDGE_LEFT = View("side", (2.8, 0.0, 0.45), fov_deg=42.0)
BRIDGE_RIGHT = View("side", (-3.0, 0.1, 0.7), fov_deg=40.0)
BRIDGE_LEFT_HIGH = View("side", (3.3, -0.2, 0.85), fov_deg=40.0)
BRIDGE_RIGHT_LOW = View("side", (-2.6, 0.0, 0.3), fov_deg=44.0)
# No feet-end view: rendered from ~1.9 m up at the heels (SYNTH_NOTES' set-up), MediaPipe read a
# single-leg bridge's hip line 35-40° off level at the top and its 3D hip extension 60° short,
# on the exact frames where the truth markers were level and in line, so formcheck reports those
# spans unusable; a pelvis drop cannot be labelled on such clips.
CLAM_FRONT = View("front", (0.2, -1.9, 1.45), fov_deg=45.0)  # above and in front of a side-lying body
CLAM_FRONT_LEFT = View("front", (-0.3, -1.8, 1.5), fov_deg=45.0)
# Lower and further than CLAM_FRONT, still square to the hips: from round toward the feet
# ((0.9, -1.8, 1.4)) formcheck over-reads the opening by ~15° (engine/calibration.py).
CLAM_FRONT_LOW = View("front", (0.1, -2.4, 1.0), fov_deg=42.0)


def kd(peak: float = 95.0, hold: float = 1.5, side: str = "left", faults: tuple[str, ...] = (), move_s: float = 0.9,
       **amounts: float) -> Rep:
    return Rep(move_s, hold, move_s, peak, side, faults, amounts)


def br(peak: float = 0.0, hold: float = 2.0, side: str = "both", faults: tuple[str, ...] = (), move_s: float = 1.2,
       **amounts: float) -> Rep:
    return Rep(move_s, hold, move_s, peak, side, faults, amounts)


def cs(peak: float = 45.0, hold: float = 1.0, side: str = "right", faults: tuple[str, ...] = (),
       **amounts: float) -> Rep:
    return Rep(0.8, hold, 0.8, peak, side, faults, amounts)


def between(first: float, reps: list[Rep], gap: float, last: float) -> list[Segment]:
    """Rest, then the reps with `gap` seconds of rest between them, then rest."""
    out: list[Segment] = [Rest(first)]
    for i, rep in enumerate(reps):
        out += [rep] if i == 0 else [Rest(gap), rep]
    return out + [Rest(last)]


def clips() -> list[Clip]:
    return [
        Clip("knee_drive_side_clean_left", "knee_drive", SIDE_LEFT, between(1.5, [kd() for _ in range(4)], 1.0, 1.0),
             SHAPES[0], LOOKS[0], "left", {"hold_s": 1.0, "side": "left"},
             "4 clean left knee drives to 95°, 1.5 s holds; camera on the left at hip height"),
        Clip("knee_drive_side_clean_right", "knee_drive", SIDE_RIGHT,
             between(1.2, [kd(side="right", hold=2.0, peak=100.0) for _ in range(3)], 1.0, 1.2),
             SHAPES[1], LOOKS[1], "right", {"hold_s": 1.0, "side": "right"},
             "3 clean right knee drives to 100°, 2 s holds, 24 fps; camera on the right", fps=24.0),
        Clip("knee_drive_side_alternating", "knee_drive", SIDE_LEFT_FAR,
             between(1.5, [kd(side=s, hold=1.2) for s in ("left", "right", "left", "right")], 0.6, 1.0),
             SHAPES[2], LOOKS[2], "left", {"hold_s": 1.0, "side": "alternate"},
             "4 alternating knee drives (left first), 1.2 s holds; camera on the left, 3.6 m away"),
        Clip("knee_drive_side_faults_left", "knee_drive", SIDE_LEFT,
             between(1.2, [kd(hold=1.2, move_s=0.8),
                           kd(peak=70.0, hold=1.2, move_s=0.8, faults=("knee_below_target",)),
                           kd(hold=0.3, move_s=0.8, faults=("hold_too_short",)),
                           kd(hold=1.2, move_s=0.8, faults=("trunk_lean",), trunk_lean=20.0),
                           kd(hold=1.2, move_s=0.8, faults=("standing_knee_bent",), standing_knee_bent=40.0)], 0.8, 0.8),
             SHAPES[3], LOOKS[3], "left", {"hold_s": 1.0, "side": "left"},
             "left knee drives: clean; knee only to 70°; held 0.3 s; trunk leaning back 20°; standing knee bent 40°"),
        Clip("knee_drive_oblique_mirrored_right", "knee_drive", OBLIQUE_RIGHT,
             between(1.5, [kd(side="right") for _ in range(3)], 1.0, 1.0),
             SHAPES[4], LOOKS[4], "right", {"hold_s": 1.0, "side": "right", "mirrored": True},
             "3 clean right knee drives seen 35° off the right side; the video is mirrored like a selfie preview",
             mirrored=True),
        Clip("knee_drive_front_alternating", "knee_drive", FRONT_PORTRAIT,
             between(1.5, [kd(side=s, hold=1.3) for s in ("left", "right", "left", "right")], 0.8, 1.0),
             SHAPES[1], LOOKS[0], "left", {"hold_s": 1.0, "side": "alternate"},
             "4 alternating knee drives seen from the front, portrait 480x640"),
        Clip("knee_drive_standing_no_reps", "knee_drive", SIDE_LEFT,
             [Rest(1.0), Fidget(1.5, 1.0, 1.5, 14.0), Rest(1.0), Fidget(1.2, 0.8, 1.2, 10.0), Rest(1.0),
              Fidget(1.5, 1.5, 1.5, 12.0), Rest(1.0)],
             SHAPES[2], LOOKS[3], "left", {"hold_s": 1.0},
             "standing: weight shifts, a heel lifting (hip flexion under 15°), arms moving; no reps"),
        Clip("glute_bridge_side_clean", "glute_bridge", BRIDGE_LEFT, between(1.5, [br() for _ in range(3)], 1.2, 1.2),
             SHAPES[0], LOOKS[2], "both", {"hold_s": 1.0},
             "3 clean bridges to the line, 2 s holds; camera low on the left"),
        Clip("glute_bridge_side_faults", "glute_bridge", BRIDGE_RIGHT,
             between(1.2, [br(hold=1.5, move_s=1.1),
                           br(peak=-20.0, hold=1.5, move_s=1.1, faults=("hips_low",)),
                           br(hold=0.3, move_s=1.1, faults=("hold_too_short",)),
                           br(peak=20.0, hold=1.5, move_s=1.1, faults=("overextension",))], 1.0, 1.0),
             # a 1.5 s target: at the top level the clean reps spend ~2.1 s (ramps included), the
             # 0.3 s one ~0.9 s, clearly either side of it
             SHAPES[1], LOOKS[3], "both", {"hold_s": 1.5},
             "bridges: clean; hips stopping 20° short of the line; held 0.3 s; pushed 20° past the line"),
        Clip("glute_bridge_side_long_holds", "glute_bridge", BRIDGE_LEFT_HIGH,
             between(1.5, [br(hold=4.0), br(hold=4.0)], 1.5, 1.5),
             SHAPES[3], LOOKS[4], "both", {"hold_s": 3.0},
             "2 bridges held 4 s against a 3 s target, 24 fps; camera on the left, 0.85 m up", fps=24.0),
        Clip("glute_bridge_resting_no_reps", "glute_bridge", BRIDGE_RIGHT_LOW,
             [Rest(1.5), Fidget(1.5, 1.0, 1.5, 6.0), Rest(2.0), Fidget(1.0, 0.5, 1.0, 4.0), Rest(2.0),
              Fidget(1.2, 0.0, 1.2, 7.0), Rest(1.5)],
             SHAPES[4], LOOKS[0], "both", {"hold_s": 1.0},
             "lying in the set-up position, the hips shifting a few degrees; no bridge, no reps"),
        Clip("single_leg_bridge_side_left", "single_leg_bridge", BRIDGE_LEFT,
             between(1.5, [br(hold=3.5, side="left"), br(peak=-20.0, hold=3.5, side="left", faults=("hips_low",))],
                     1.2, 1.0),
             SHAPES[1], LOOKS[0], "left", {"hold_s": 3.0, "side": "left"},
             "2 single-leg bridges on the left leg from the side: clean, then 20° short of the line"),
        Clip("single_leg_bridge_side_right", "single_leg_bridge", BRIDGE_RIGHT,
             between(1.5, [br(hold=4.0, side="right"), br(hold=4.0, side="right")], 1.2, 1.0),
             SHAPES[3], LOOKS[2], "right", {"hold_s": 3.0, "side": "right"},
             "2 clean single-leg bridges on the right leg, 4 s holds; camera on the right"),
        Clip("clamshell_front_clean_right", "clamshell", CLAM_FRONT, between(1.5, [cs() for _ in range(5)], 0.8, 1.0),
             SHAPES[0], LOOKS[0], "right", {"hold_s": 1.0, "side": "right"},
             "5 clean clamshells, right side up, knees opening 45°, 1 s holds; camera above-front"),
        Clip("clamshell_front_clean_left", "clamshell", CLAM_FRONT_LEFT,
             between(1.5, [cs(peak=50.0, hold=1.5, side="left") for _ in range(3)], 0.8, 1.0),
             SHAPES[4], LOOKS[2], "left", {"hold_s": 1.0, "side": "left"},
             "3 clean clamshells, left side up, opening 50°, 1.5 s holds, 20 fps", fps=20.0),
        Clip("clamshell_front_faults_right", "clamshell", CLAM_FRONT,
             between(1.2, [cs(), cs(peak=24.0, faults=("partial_range",)),
                           cs(faults=("pelvis_roll",), pelvis_roll=20.0),
                           cs(faults=("feet_apart",), feet_apart=16.0),
                           cs(hold=0.0, faults=("hold_too_short",))], 0.7, 0.8),
             SHAPES[1], LOOKS[1], "right", {"hold_s": 1.0, "side": "right"},
             "clamshells, right side up: clean; opening only 24°; pelvis rolling back 20° (not judged); top foot "
             "lifting ~16 cm; no pause at the top (~0.6 s at the top level, 1 s asked)"),
        Clip("clamshell_front_low_faults_left", "clamshell", CLAM_FRONT_LOW,
             between(1.2, [cs(side="left"), cs(side="left", faults=("pelvis_roll",), pelvis_roll=20.0),
                           cs(side="left", faults=("feet_apart",), feet_apart=16.0),
                           cs(side="left", hold=0.0, faults=("hold_too_short",))], 0.8, 1.0),
             SHAPES[2], LOOKS[3], "left", {"hold_s": 1.0, "side": "left"},
             "clamshells, left side up, camera 1 m up and 2.4 m out in front: clean; pelvis rolling back 20° "
             "(not judged); top foot lifting ~16 cm; no pause at the top (~0.6 s at the top level, 1 s asked)"),
    ]
