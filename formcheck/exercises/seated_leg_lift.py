"""Seated leg lift: sitting tall on the floor, legs straight, lift one straight leg up and over
an object beside it and back, without rounding the back. The side is the lifting leg. Camera
side-on at hip height."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, Needs, RepRule, rep_thresholds

# The drive is the lifting thigh's angle above the floor minus the resting thigh's (cancels
# where MediaPipe puts the hip landmark and any floor or camera slope).
# Routine: lift the heel clear over an object (a shoe or a block, 15-25 cm at the heel of an
# ~85 cm leg: ~10-17°), so about 20° with the clearance.
TARGET_DEG = 20.0
TOP_DEG = 15.0  # 5° under: about MediaPipe's error on floor poses (4.5-5.6°, SYNTH_NOTES)
TOP_EXIT_DEG = 3.0
REST_DEG = 5.0  # both legs on the floor read alike; a few degrees of landmark jitter
RISE_DEG = 8.0
ATTEMPT_DEG = 10.0  # half the target
# Back rounding: the trunk falling back behind the hips as the pelvis tucks under. Sitting tall
# keeps it within ~10° of vertical (MediaPipe's hip and shoulder landmarks tilt it a few
# degrees, SYNTH_NOTES); 20° back is a slump a coach calls (chosen, not measured).
BACK_ROUNDED_DEG = -20.0
HOLD_S = 0.0  # routines: up, over and back with no hold

SPEC = ExerciseSpec(
    name="seated_leg_lift",
    title="Seated leg lift",
    summary="Sit tall, legs straight: lift one straight leg up and over an object and back, back upright.",
    camera_tip="Side-on at hip height, 2-3 m away, whole body in frame.",
    views=("side", "oblique", "front"),
    posture="seated",
    needs=Needs(("shoulders", "hips", "knees")),
    rep=RepRule("thigh_raise_over_other_deg", short_code="partial_range",
                short_message="leg lifted {peak:.0f}°, target {target:.0f}°"),
    thresholds=rep_thresholds(
        target=TARGET_DEG, top=TOP_DEG, top_exit=TOP_EXIT_DEG, rest=REST_DEG, rise=RISE_DEG, attempt=ATTEMPT_DEG,
        back_rounded_deg=BACK_ROUNDED_DEG,
    ),
    hold_s=HOLD_S,
    side_mode="per_leg",
    faults=(
        FaultRule("back_rounding", "trunk_lean_deg", "back_rounded_deg",
                  "leaned back {abs_value:.0f}°: sit tall, don't round your back", above=False, during="rep"),
    ),
)
