"""Clamshell: lying on one side, hips and knees bent, feet together; open the top knee like a
clamshell without the pelvis rolling back, pause, close. The side is the top (working) leg.
Camera above and in front of the hips, looking down at the knees."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, Needs, RepRule, rep_thresholds

# The drive is the angle between the thighs, in the image when the camera faces the front of the
# body and in 3D otherwise (`thigh_opening_deg`: which reads better from where, calibration.py).
TARGET_DEG = 40.0  # routines: open as far as the pelvis stays still, typically 40-45°
# 8° under target counts: MediaPipe's error on side-lying clamshell poses was ~8° (SYNTH_NOTES,
# against MediaPipe-style markers), 9° under from the oblique camera of the rendered samples
# (calibration.py).
TOP_DEG = 32.0
TOP_EXIT_DEG = 4.0
REST_DEG = 10.0  # knees together read a few degrees apart in 3D
RISE_DEG = 14.0
ATTEMPT_DEG = 20.0  # half the target: a real opening, not the knees settling
# Not judged: the pelvis rolling back. Routines warn of it, but MediaPipe's trunk turns 20-35°
# with every clean opening and a true 20° roll adds nothing measurable (calibration.py): a rule
# would fail good reps. The summary still tells the user to keep the pelvis still.
# Feet together: the top ankle leaving the bottom one by more than a quarter of the torso
# (~12 cm) from rest turns the clamshell into a leg raise (routine cue "keep the feet touching").
FEET_APART_RATIO = 0.25
HOLD_S = 1.0  # routines: pause 1-2 s with the knee open

SPEC = ExerciseSpec(
    name="clamshell",
    title="Clamshell",
    summary="On your side, knees bent, feet together: open the top knee without rolling the pelvis back.",
    camera_tip="Above and in front of your hips (about 1.5 m up, 2 m out), looking down at your knees.",
    views=("front", "oblique", "side"),
    posture="lying",
    needs=Needs(("hips", "knees", "ankles")),
    rep=RepRule("thigh_opening_deg", short_code="partial_range",
                short_message="knees opened {peak:.0f}°, target {target:.0f}°"),
    thresholds=rep_thresholds(
        target=TARGET_DEG, top=TOP_DEG, top_exit=TOP_EXIT_DEG, rest=REST_DEG, rise=RISE_DEG, attempt=ATTEMPT_DEG,
        feet_apart_ratio=FEET_APART_RATIO,
    ),
    hold_s=HOLD_S,
    side_mode="one_leg",
    working_leg="moving",
    faults=(
        FaultRule("feet_apart", "feet_gap_ratio", "feet_apart_ratio",
                  "feet came apart: keep them together", from_rest=True, during="rep"),
    ),
)
