"""Side-lying leg raise (hip abduction): lying on one side, bottom leg resting, lift the straight
top leg to about 45°, in line with the body, hold, lower. The side is the top (working) leg.
Camera in front of the body (or at the feet), looking at the legs."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, Needs, RepRule, rep_thresholds

# The drive is the top thigh's angle away from the body's long axis in the frontal plane (3D),
# so a leg swinging forward does not pass for height.
TARGET_DEG = 45.0  # routine: lift the top leg to about 45°
# 10° under counts: about twice MediaPipe's mean error on side-lying raises (5.6°, SYNTH_NOTES).
TOP_DEG = 35.0
TOP_EXIT_DEG = 5.0
# Legs stacked (feet together, hips a hip-width apart) put the top thigh ~12° below the body's
# line (generated poses); rest sits clear above that, rise 5° over rest.
REST_DEG = 5.0
RISE_DEG = 10.0
ATTEMPT_DEG = 22.0  # half the target: a real lift, not the leg settling
# Routine: the leg in line with the body or slightly behind; forward of it the hip flexors take
# over. 20° forward is a drift a coach sees, over 3x MediaPipe's 5.6° side-lying error.
LEG_FORWARD_DEG = 20.0
# Routine: keep the leg long. The bend is read in 3D (no accepted view is side-on to the leg),
# where MediaPipe reads straight knees 13-28° bent (high_knees_front_01, as knee_drive's
# standing knee): 35° is a clear bend beyond that.
KNEE_BENT_DEG = 35.0
# The pelvis rolling back or forward, from its at-rest angle: as clamshell (a 20° roll is what
# routines warn of; MediaPipe's 3D landmarks are ~9° off on it, SYNTH_NOTES).
PELVIS_ROLL_DEG = 10.0
HOLD_S = 5.0  # routines: hold 5-10 s at the top; the shorter is the default

SPEC = ExerciseSpec(
    name="side_leg_raise",
    title="Side-lying leg raise",
    summary="On your side, bottom leg resting: lift the straight top leg to about 45°, in line with your body, hold.",
    camera_tip="In front of you (about 2 m, hip height or a little above), whole body in frame; or at your feet.",
    views=("front", "oblique", "feet_end"),
    posture="side_lying",
    needs=Needs(("hips", "knees", "ankles")),
    rep=RepRule("leg_abduction_deg", short_code="partial_range",
                short_message="leg lifted {peak:.0f}°, target {target:.0f}°"),
    thresholds=rep_thresholds(
        target=TARGET_DEG, top=TOP_DEG, top_exit=TOP_EXIT_DEG, rest=REST_DEG, rise=RISE_DEG, attempt=ATTEMPT_DEG,
        leg_forward_deg=LEG_FORWARD_DEG, knee_bent_deg=KNEE_BENT_DEG, pelvis_roll_deg=PELVIS_ROLL_DEG,
    ),
    hold_s=HOLD_S,
    side_mode="per_leg",
    faults=(
        FaultRule("leg_forward", "leg_forward_deg", "leg_forward_deg",
                  "leg drifted {value:.0f}° forward: keep it in line with your body"),
        FaultRule("pelvis_roll", "pelvis_roll_deg", "pelvis_roll_deg",
                  "pelvis rolled {abs_value:.0f}°: keep the hips stacked", two_sided=True, from_rest=True),
        FaultRule("knee_bent", "knee_flexion_deg", "knee_bent_deg",
                  "knee bent {value:.0f}°: keep the leg straight"),
    ),
)
