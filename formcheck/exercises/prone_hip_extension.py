"""Prone hip extension: lying face down, one knee bent at 90°, lift that thigh off the floor
without the pelvis leaving it, lower. The side is the lifting leg. Camera side-on at floor
level (or at the feet to check the pelvis)."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, Needs, RepRule, rep_thresholds
from formcheck.exercises import bird_dog

# The drive is the lifting thigh's angle above the floor minus the resting thigh's: that
# cancels where MediaPipe puts the hip landmark (a few degrees) and any floor or camera slope.
# Routine: lift the thigh a hand's width (~10-12 cm at the knee of a ~43 cm thigh, ~15°); with
# the knee bent, hip extension stops near 15-20° anyway.
TARGET_DEG = 15.0
TOP_DEG = 10.0  # 5° under: about MediaPipe's error on floor poses (4.5-5.6°, SYNTH_NOTES)
TOP_EXIT_DEG = 3.0
REST_DEG = 4.0  # both thighs on the floor read alike; a few degrees of landmark jitter
RISE_DEG = 6.0
ATTEMPT_DEG = 8.0
# The pelvis leaving the floor: the working hip turning up, from rest, as bird_dog's hip
# opening (same threshold and source); judged only from views that see the hip line.
PELVIS_LIFT_DEG = bird_dog.HIP_OPEN_DEG
HOLD_S = 1.0  # routines: pause 1-2 s at the top

SPEC = ExerciseSpec(
    name="prone_hip_extension",
    title="Prone hip extension",
    summary="Face down, one knee bent at 90°: lift that thigh off the floor, pelvis down, pause, lower.",
    camera_tip="Side-on at floor level, 2-3 m away, whole body in frame; or at your feet to check the pelvis.",
    views=("side", "oblique", "feet_end"),
    posture="prone",
    needs=Needs(("shoulders", "hips", "knees")),
    rep=RepRule("thigh_raise_over_other_deg", short_code="partial_range",
                short_message="thigh lifted {peak:.0f}°, target {target:.0f}°"),
    thresholds=rep_thresholds(
        target=TARGET_DEG, top=TOP_DEG, top_exit=TOP_EXIT_DEG, rest=REST_DEG, rise=RISE_DEG, attempt=ATTEMPT_DEG,
        pelvis_lift_deg=PELVIS_LIFT_DEG,
    ),
    hold_s=HOLD_S,
    side_mode="per_leg",
    faults=(
        FaultRule("pelvis_off_floor", "working_hip_rise_deg", "pelvis_lift_deg",
                  "{side} hip lifted {value:.0f}° off the floor: keep the pelvis down",
                  from_rest=True, views=bird_dog.HIP_LINE_VIEWS),
    ),
)
