"""Standing hip abduction (standing side leg raise): standing tall, lift one straight leg out to
the side without leaning the trunk or hiking the hip, lower; alternating or one leg. The side is
the raised leg. Camera in front at hip height."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, LegPick, Needs, RepRule, rep_thresholds

# The drive is the raised thigh's angle out from the trunk's line in the frontal plane (a trunk
# leaning away does not add to it). The raised leg is the one further out: 10° clear of the
# other, more than the two hanging legs differ (a few degrees) and less than any raise.
RAISED_LEG = LegPick("hip_abduction_deg", margin=10.0)
# Routine: lift to about 30° (hip abduction's range is ~45°; standing tall without leaning,
# most reach 30°).
TARGET_DEG = 30.0
# 5° under counts: MediaPipe's hip landmark sits ~3.5 cm above the joint (SYNTH_NOTES), which
# reads a 30° raise ~2-3° low, plus frame noise.
TOP_DEG = 25.0
TOP_EXIT_DEG = 4.0
REST_DEG = 10.0  # legs hanging read within a few degrees of the trunk's line
RISE_DEG = 14.0
ATTEMPT_DEG = 18.0  # over half the target: a raise, not a weight shift
# Trunk leaning sideways from vertical: the classic cheat (leaning away lifts the leg without
# the hip). 10° is plainly visible and about twice MediaPipe's tilt error on a level body (~5°,
# SYNTH_NOTES). Absolute, not from rest: the sign follows the raised leg, which alternates, so
# a rest baseline taken while the other leg was last up has the wrong sign.
SIDE_LEAN_DEG = 10.0
# The raised leg's hip riding up (hip hiking: the trunk's side muscles lift the leg); absolute,
# as the lean. 10° is twice MediaPipe's ~5° on a level pelvis (SYNTH_NOTES). Untested on real
# footage: MediaPipe's hip landmark rides up with a lifted thigh (high_knees_front_01), which
# may read as a hike on big raises.
HIP_HIKE_DEG = 10.0
HOLD_S = 0.0  # the routines give it no hold

SPEC = ExerciseSpec(
    name="standing_hip_abduction",
    title="Standing hip abduction",
    summary="Standing tall, lift one straight leg out to the side to about 30° without leaning or hiking the hip.",
    camera_tip="In front at hip height 2-3 m away, whole body in frame.",
    views=("front", "oblique"),
    posture="standing",
    needs=Needs(("shoulders", "hips", "knees")),
    rep=RepRule("hip_abduction_deg", short_code="partial_range",
                short_message="leg raised {peak:.0f}°, target {target:.0f}°"),
    thresholds=rep_thresholds(
        target=TARGET_DEG, top=TOP_DEG, top_exit=TOP_EXIT_DEG, rest=REST_DEG, rise=RISE_DEG, attempt=ATTEMPT_DEG,
        side_lean_deg=SIDE_LEAN_DEG, hip_hike_deg=HIP_HIKE_DEG,
    ),
    hold_s=HOLD_S,
    side_mode="one_leg",
    working_leg=RAISED_LEG,
    faults=(
        FaultRule("trunk_lean", "trunk_side_lean_deg", "side_lean_deg",
                  "leaned {direction} {abs_value:.0f}°: keep your trunk upright",
                  two_sided=True, directions=("away from the raised leg", "towards the raised leg")),
        FaultRule("hip_hike", "other_hip_drop_deg", "hip_hike_deg",
                  "{side} hip hiked {value:.0f}°: lift from the hip, keep the pelvis level"),
    ),
)
