"""Knee-to-chest stretch: lying on the back, pull one knee towards the chest with both hands,
the other leg long on the floor; hold. The side is the pulled leg. Camera side-on at floor
level."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, HoldRule, LegPick, Needs

# Hip flexion in the user's terms (`hip_flexion_deg`, corrected as for the knee drive; past 95°
# the SYNTH_NOTES correction is extrapolated).
# The stretch: the knee drawn past a right angle towards the chest. A thigh at 90° is only
# upright; the routine's "knee to chest" is 110-130°, and 100° leaves room for a stiff hip.
PULL_DEG = 100.0
# Lying with the knees bent and the feet flat reads ~45°: past 60° one knee is being drawn up.
DRAWN_UP_MIN_DEG = 60.0
# The other leg stays long: lifted past 30° (half the drawn-up level) it is no longer on the
# floor. A cue: some routines let the other knee bend with the foot flat.
OTHER_LEG_MAX_DEG = 30.0
# The pulled leg is the more flexed one; in the stretch the thighs are ~100° apart.
PULLED_LEG_MARGIN_DEG = 20.0
HOLD_S = 30.0  # issue 7 routines: stretches 2 x 30 s each side

SPEC = ExerciseSpec(
    name="knee_to_chest_stretch",
    title="Knee-to-chest stretch",
    summary="On your back, pull one knee to your chest, other leg long; hold.",
    camera_tip="Side-on at floor level, 2-3 m away, head to feet in frame.",
    views=("side", "oblique"),
    posture="supine",
    needs=Needs(("shoulders", "hips", "knees")),
    rep=HoldRule(
        "hip_flexion_deg", top="pull_deg", target="pull_deg",
        position=(
            FaultRule("knee_not_drawn_up", "hip_flexion_deg", "drawn_up_min_deg",
                      "draw one knee up towards your chest", above=False),
        ),
    ),
    thresholds={"pull_deg": PULL_DEG, "drawn_up_min_deg": DRAWN_UP_MIN_DEG, "other_leg_max_deg": OTHER_LEG_MAX_DEG},
    hold_s=HOLD_S,
    side_mode="one_leg",
    working_leg=LegPick("hip_flexion_deg", PULLED_LEG_MARGIN_DEG),
    faults=(
        FaultRule("knee_not_to_chest", "hip_flexion_deg", "pull_deg",
                  "knee at {value:.0f}°: pull it closer to your chest", above=False),
        FaultRule("other_leg_lifting", "other_hip_flexion_deg", "other_leg_max_deg",
                  "other leg lifted {value:.0f}°: keep it long on the floor", invalidates=False),
    ),
)
