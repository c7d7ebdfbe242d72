"""90/90 hip stretch: sitting on the floor, the front leg's thigh ahead and the back leg's out
to the side, both knees at a right angle, sitting tall on both sit bones; hold. The side is the
front leg. Camera in front at hip height."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, HoldRule, LegPick, Needs

# The drive is the 3D angle between the thighs (`knee_opening_deg`): 90° in the stretch.
TARGET_DEG = 90.0  # the stretch's name: thighs and knees at right angles
OPENING_MIN_DEG = 60.0  # a third short of it is still the stretch for a stiff hip
# The back thigh points out to the side (about 0° ahead of the hips' side-to-side plane);
# sitting cross-legged both thighs point ~45° ahead, so past 30° it is not the back leg of a 90/90.
BACK_THIGH_AHEAD_MAX_DEG = 30.0
KNEE_BEND_MIN_DEG = 45.0  # both knees folded (90° in the stretch); a straight leg reads ~0°
# Both sit bones down: the back hip lifting tilts the pelvis towards the front leg. MediaPipe
# reads ~5° on a level pelvis (SYNTH_NOTES), so 10° is a real lift.
HIP_LIFT_DEG = 10.0
# The front leg is the thigh pointing further ahead: ~90° apart from the back one in the stretch.
FRONT_LEG_MARGIN_DEG = 30.0
HOLD_S = 30.0  # issue 7 routines: stretches 2 x 30 s each side

SPEC = ExerciseSpec(
    name="stretch_90_90",
    title="90/90 hip stretch",
    summary="Seated, front thigh ahead and back thigh out to the side, knees at 90°, sitting tall; hold.",
    camera_tip="In front of you at hip height, 2-3 m away, whole body in frame.",
    views=("front", "oblique"),
    posture="seated",
    needs=Needs(("hips", "knees", "ankles")),
    rep=HoldRule(
        "knee_opening_deg", top="opening_min_deg", target="target_deg",
        position=(
            FaultRule("back_leg_not_out", "other_thigh_ahead_deg", "back_thigh_ahead_max_deg",
                      "swing the back thigh out to the side"),
            FaultRule("thighs_not_apart", "knee_opening_deg", "opening_min_deg",
                      "open the thighs to a right angle", above=False),
            FaultRule("front_knee_straight", "knee_flexion_deg", "knee_bend_min_deg",
                      "fold the front knee to about 90°", above=False),
            FaultRule("back_knee_straight", "other_knee_flexion_deg", "knee_bend_min_deg",
                      "fold the back knee to about 90°", above=False),
        ),
    ),
    thresholds={"target_deg": TARGET_DEG, "opening_min_deg": OPENING_MIN_DEG,
                "back_thigh_ahead_max_deg": BACK_THIGH_AHEAD_MAX_DEG, "knee_bend_min_deg": KNEE_BEND_MIN_DEG,
                "hip_lift_deg": HIP_LIFT_DEG},
    hold_s=HOLD_S,
    side_mode="one_leg",
    working_leg=LegPick("thigh_ahead_deg", FRONT_LEG_MARGIN_DEG),
    faults=(
        FaultRule("back_hip_lifting", "working_hip_drop_deg", "hip_lift_deg",
                  "back hip lifted {value:.0f}°: keep both sit bones down", views=("front",)),
    ),
)
