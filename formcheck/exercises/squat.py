"""Squat: feet about shoulder-width, sit the hips down and back until the thighs are level with
the floor, knees tracking over the toes, chest up; stand. Camera side-on at hip height to judge
depth and the trunk, or in front to see the knees."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, Needs, RepRule, rep_thresholds

# The drive is both knees' bend (visibility-weighted: a side view's near knee counts most).
TARGET_DEG = 90.0  # routine: thighs level with the floor, knees at about a right angle
# 10° under target counts: MediaPipe's frame-to-frame noise (~5° on rendered clips, SYNTH_NOTES)
# and a coach's "about parallel".
TOP_DEG = 80.0
TOP_EXIT_DEG = 5.0
# Standing: MediaPipe reads straight knees 0-10° in pixels from the side (squat_side_03) and up
# to 28° in 3D from the front (high_knees_front_01); rest sits above both.
REST_DEG = 35.0
RISE_DEG = 45.0
ATTEMPT_DEG = 60.0  # two thirds of the way down: a squat tried, not a knee softening
# Coaching line: trunk about parallel to the shins. Past 20° further forward the chest is
# dropping (squat_side_03's deep, clean squats read 5° at the bottom: trunk 38°, shins 33°).
TRUNK_PAST_SHINS_DEG = 20.0
# The knee travelling inside its hip-ankle line, 3D world, cm. 8 cm is a 15-20° inward collapse
# of the leg at squat depth; MediaPipe reads up to 6-8 cm on clean lunging and standing knees
# from the front (lunge_front_03), so less is noise.
KNEE_INWARD_CM = 8.0
# The routines give squats no hold: a pause counts but is not asked for (`hold_s` sets one).
HOLD_S = 0.0

SPEC = ExerciseSpec(
    name="squat",
    title="Squat",
    summary="Sit down until the thighs are level, knees over the toes, chest up; stand.",
    camera_tip="Side-on at hip height 2-3 m away, whole body in frame (in front to check the knees).",
    views=("side", "oblique", "front"),
    # A deep squat leans the trunk past the standing check's 40° (squat_side_03: ~40° at the
    # bottom), which would blank the bottom of every rep.
    posture="any",
    needs=Needs(("shoulders", "hips", "knees", "ankles")),
    rep=RepRule("knees_flexion_deg", short_code="not_deep_enough",
                short_message="knees bent {peak:.0f}°, target {target:.0f}° (thighs level)"),
    thresholds=rep_thresholds(
        target=TARGET_DEG, top=TOP_DEG, top_exit=TOP_EXIT_DEG, rest=REST_DEG, rise=RISE_DEG, attempt=ATTEMPT_DEG,
        trunk_past_shins_deg=TRUNK_PAST_SHINS_DEG, knee_inward_cm=KNEE_INWARD_CM,
    ),
    hold_s=HOLD_S,
    faults=(
        FaultRule("trunk_lean", "trunk_past_shins_deg", "trunk_past_shins_deg",
                  "chest dropped: trunk {value:.0f}° ahead of your shins, keep it parallel to them",
                  views=("side", "oblique")),
        FaultRule("knees_caving", "knee_inward_cm", "knee_inward_cm",
                  "knee travelled {value:.0f} cm inward: push it out over your toes", views=("front",)),
    ),
)
