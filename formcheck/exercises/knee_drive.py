"""Standing knee drive (banded psoas march, high knees): drive one knee up to hip height, thigh
level, knee bent at a right angle, hold, lower; one leg or alternating. Camera side-on (or in
front) at hip height, whole body in frame."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, Needs, RepRule, rep_thresholds

# Angles are hip flexion in the user's terms: MediaPipe's trunk-thigh reading corrected by
# `true_hip_flexion` (it reads 9-13° low at 90-95°: SYNTH_NOTES). Applying "90 minus a few" to
# the raw reading would fail good reps.
TARGET_DEG = 90.0  # routine: thigh level with the floor, knee at hip height
# 10° under target counts: the correction's own spread (±2°), MediaPipe's frame-to-frame noise
# (~5° on the rendered clips) and a coach's "about hip height".
TOP_DEG = 80.0
TOP_EXIT_DEG = 5.0
# Standing still with weight shifts reads under 15° raw (SYNTH_NOTES), about 20° corrected.
REST_DEG = 25.0
RISE_DEG = 30.0
# Walking reaches ~30-35° of hip flexion at heel strike: a lift must pass 45° to be an attempt.
ATTEMPT_DEG = 45.0
KNEE_BEND_MIN_DEG = 65.0  # routine: knee at ~90°; under 65° the shin swings forward (a cue only)
TRUNK_LEAN_DEG = 15.0  # from the standing posture: leaning back to lift is the classic cheat
# The lifted leg's hip sagging below the standing one (the standing glute not holding the
# pelvis: what the routine trains), from standing. MediaPipe reads ~5° on a level pelvis
# (SYNTH_NOTES). Only a sag counts: MediaPipe's hip landmark rides up with a lifting thigh
# (high_knees_front_01: the lifted side reads 13-21° high), which must not pass for a fault.
PELVIS_DROP_DEG = 8.0
# Routine: standing leg long. A soft knee is fine, and MediaPipe reads standing knees 13-28°
# bent in 3D on the footage (high_knees_front_01); 35° is a clear bend beyond both.
STANDING_KNEE_BENT_DEG = 35.0
HOLD_S = 1.0  # routine: hold the top 1 s (psoas march); high-knee drills set hold_s=0

SPEC = ExerciseSpec(
    name="knee_drive",
    title="Standing knee drive",
    summary="Drive one knee to hip height (thigh level, knee at 90°), hold, lower; one leg or alternating.",
    camera_tip="Side-on at hip height, 3 m away, head to feet in frame (in front works too).",
    views=("side", "oblique", "front"),
    posture="standing",
    needs=Needs(("shoulders", "hips", "knees")),
    rep=RepRule("hip_flexion_deg", short_code="knee_below_target", short_message="knee reached {peak:.0f}°, target {target:.0f}°"),
    thresholds=rep_thresholds(
        target=TARGET_DEG, top=TOP_DEG, top_exit=TOP_EXIT_DEG, rest=REST_DEG, rise=RISE_DEG, attempt=ATTEMPT_DEG,
        knee_bend_min_deg=KNEE_BEND_MIN_DEG, trunk_lean_deg=TRUNK_LEAN_DEG, pelvis_drop_deg=PELVIS_DROP_DEG,
        standing_knee_bent_deg=STANDING_KNEE_BENT_DEG,
    ),
    hold_s=HOLD_S,
    side_mode="per_leg",
    measures=("hip_flexion_raw_deg",),
    faults=(
        FaultRule("trunk_lean", "trunk_lean_deg", "trunk_lean_deg", "leaned {direction} {abs_value:.0f}°: stand tall",
                  two_sided=True, directions=("forward", "back"), from_rest=True),
        FaultRule("pelvis_not_level", "working_hip_drop_deg", "pelvis_drop_deg",
                  "{side} hip dropped {value:.0f}°: keep your hips level", from_rest=True, views=("front",)),
        FaultRule("standing_knee_bent", "standing_knee_flexion_deg", "standing_knee_bent_deg",
                  "standing knee bent {value:.0f}°: keep the standing leg long"),
        FaultRule("knee_not_bent", "knee_flexion_deg", "knee_bend_min_deg",
                  "knee bent only {value:.0f}°: fold it to about 90°", above=False, invalidates=False),
    ),
)
