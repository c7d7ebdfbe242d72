"""Elevated bridge march: feet on a step, hips up in a bridge; drive one knee up towards the
chest, put it back, then the other, without the hips dropping. The side is the marching leg.
Camera side-on at hip height."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, Needs, RepRule, rep_thresholds
from formcheck.exercises import glute_bridge

# The drive is the marching hip's flexion minus the other's (trunk-thigh, as MediaPipe reads
# it): both bend alike when the hips go up or down, so only a knee driving up moves it.
# Routine: the knee up until the thigh is about vertical, ~60-65° from the bridge's line
# (which slopes ~25° from the shoulders up to the hips).
TARGET_DEG = 60.0
# 10° under counts: the far leg reads ~6° off in a side-view bridge (SYNTH_NOTES) and trunk-thigh
# readings run low towards 90° (calibration.py).
TOP_DEG = 50.0
TOP_EXIT_DEG = 5.0
REST_DEG = 15.0
RISE_DEG = 20.0
ATTEMPT_DEG = 30.0  # half the target: a real lift, not the feet shuffling
# Hips dropping: the supporting hip sagging under the bridge line. A top counts within 10° of
# the line (glute_bridge.TOP_DEG, with its sources); twice that is a drop.
HIPS_DROP_DEG = 2 * glute_bridge.TOP_DEG
HOLD_S = 0.0  # routines: a steady march with no hold

SPEC = ExerciseSpec(
    name="elevated_bridge_march",
    title="Elevated bridge march",
    summary="Feet on a step, hips up: drive one knee towards your chest, put it back, then the other; hips stay up.",
    camera_tip="Side-on at hip height, 2-3 m away, whole body and the step in frame.",
    views=("side", "oblique", "feet_end"),
    posture="supine",
    needs=Needs(("shoulders", "hips", "knees")),
    rep=RepRule("march_lift_deg", short_code="partial_range",
                short_message="knee came up {peak:.0f}°, target {target:.0f}°"),
    thresholds=rep_thresholds(
        target=TARGET_DEG, top=TOP_DEG, top_exit=TOP_EXIT_DEG, rest=REST_DEG, rise=RISE_DEG, attempt=ATTEMPT_DEG,
        hips_drop_deg=HIPS_DROP_DEG,
    ),
    hold_s=HOLD_S,
    side_mode="per_leg",
    faults=(
        FaultRule("hips_dropping", "support_hip_extension_deg", "hips_drop_deg",
                  "hips dropped {abs_value:.0f}° under the bridge line: keep them up", above=False, during="rep"),
    ),
)
