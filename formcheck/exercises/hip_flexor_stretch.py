"""Hip flexor stretch: a kneeling lunge (back knee down) or a foot up on a chair; tuck the pelvis
and shift forward until the front of the back hip stretches, trunk tall. The side is the back
(stretched) leg. Camera side-on at hip height."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, HoldRule, LegPick, Needs

# The drive is the back leg's hip extension as MediaPipe reads it (`hip_extension_deg`: the
# thigh's angle behind the trunk line). Its hip landmark reads ~4° of extension on a thigh in
# line with the trunk (SYNTH_NOTES: flexion reads -4° at 0°), so 10° is ~6° of true extension:
# past neutral, which is where the stretch is, and within a stiff runner's 10-20° range.
BACK_HIP_EXTENSION_DEG = 10.0
# In a split stance at all: the front thigh well forward (hip flexion in the user's terms).
# Standing still reads under ~20° (SYNTH_NOTES: under 15° raw); a kneeling lunge ~90°, a foot
# on a chair 60-90°.
FRONT_HIP_MIN_DEG = 45.0
# Kneeling or standing tall: the stretch cue is "trunk upright"; past 30° the person is
# reaching forward, which takes the hip out of extension.
TRUNK_MAX_DEG = 30.0
# The back leg is the one whose thigh is further behind the trunk: in the stretch the thighs
# are ~100° apart, so a 20° margin keeps the pick steady through landmark jitter.
BACK_LEG_MARGIN_DEG = 20.0
HOLD_S = 30.0  # issue 7 routines: stretches 2 x 30 s each side

SPEC = ExerciseSpec(
    name="hip_flexor_stretch",
    title="Hip flexor stretch",
    summary="Kneeling lunge (or front foot on a chair): tuck the pelvis, shift forward, trunk tall; hold.",
    camera_tip="Side-on at hip height, 2-3 m away, head to feet in frame.",
    views=("side", "oblique"),
    posture="any",  # kneeling or standing: the position rules judge the trunk
    needs=Needs(("shoulders", "hips", "knees")),
    rep=HoldRule(
        "hip_extension_deg", top="back_hip_extension_deg", target="back_hip_extension_deg",
        position=(
            FaultRule("not_in_lunge", "other_hip_flexion_deg", "front_hip_min_deg",
                      "step one foot forward (or up on a chair) into a lunge", above=False),
            FaultRule("not_upright", "trunk_from_vertical_deg", "trunk_max_deg",
                      "come up tall: trunk upright over your hips"),
        ),
    ),
    thresholds={"back_hip_extension_deg": BACK_HIP_EXTENSION_DEG, "front_hip_min_deg": FRONT_HIP_MIN_DEG,
                "trunk_max_deg": TRUNK_MAX_DEG},
    hold_s=HOLD_S,
    side_mode="one_leg",
    working_leg=LegPick("hip_extension_deg", BACK_LEG_MARGIN_DEG),
    faults=(
        FaultRule("hip_not_extended", "hip_extension_deg", "back_hip_extension_deg",
                  "back thigh only {value:.0f}° behind your body: tuck the pelvis and shift forward",
                  above=False),
    ),
)
