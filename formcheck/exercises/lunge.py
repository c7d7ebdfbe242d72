"""Lunge (forward, reverse or split squat): one foot ahead, lower until both knees are at about a
right angle, front knee over the foot, trunk upright; rise. The side is the front leg. Camera
side-on at hip height, or in front to see the front knee."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, LegPick, Needs, RepRule, rep_thresholds
from formcheck.exercises import squat
from formcheck.report import Fault

# The drive is the front knee's bend. The front leg is the one whose thigh is further forward
# of the trunk: at the bottom the front hip flexes ~70-115° and the back one -10..25° on the
# footage (lunge_front_03, lunge_02, lunge_reverse_side_05); 20° ahead is a clear lead.
FRONT_LEG = LegPick("hip_flexion_raw_deg", margin=20.0)
TARGET_DEG = 90.0  # routine: front thigh level, both knees at about a right angle
# 15° under target counts: from the front, MediaPipe's 3D angle reads the front knee of
# full-depth lunges at 81-95° (lunge_front_03), lower than from the side (85-99°, lunge_02 and
# lunge_reverse_side_05).
TOP_DEG = 75.0
TOP_EXIT_DEG = 5.0
REST_DEG, RISE_DEG, ATTEMPT_DEG = squat.REST_DEG, squat.RISE_DEG, squat.ATTEMPT_DEG  # standing knees, as for squats
# Trunk lean from standing, either way. A lunge leans forward some: clean reverse lunges lean up
# to ~26° more than standing (lunge_reverse_side_05); 35° is the trunk folding over the thigh.
TRUNK_LEAN_DEG = 35.0
# Routine: both knees at about 90°. A back knee that never bends past 60° (two thirds of it) in
# the rep is a back leg kept straight: no lunge (and a knee drive is no lunge). Judged on its
# peak, by `back_knee_bent`: near the front knee's peak the back knee can already be
# straightening (lunge_02: 33-42° there, 100-109° at the bottom). Clean lunges peak at 93-127°
# on the footage (lunge_front_03, lunge_02, lunge_reverse_side_05).
BACK_KNEE_MIN_DEG = 60.0
KNEE_INWARD_CM = squat.KNEE_INWARD_CM  # front knee inside its hip-ankle line (sources in squat.py)
HOLD_S = 0.0  # the routines give lunges no hold


def back_knee_bent(measures: dict[str, float]) -> list[Fault]:
    """The back knee must bend too: its peak over the rep (a rule's statistic is not a peak)."""
    back = measures.get("standing_knee_flexion_deg", 0.0)
    if back < BACK_KNEE_MIN_DEG:
        return [Fault("back_knee_straight", f"back knee bent only {back:.0f}°: lower it towards the floor")]
    return []

SPEC = ExerciseSpec(
    name="lunge",
    title="Lunge",
    summary="One foot ahead: lower until both knees are at about 90°, front knee over the foot, trunk tall.",
    camera_tip="Side-on at hip height 2-3 m away, whole body in frame (in front to check the front knee).",
    views=("side", "oblique", "front"),
    posture="any",  # a lunge's forward lean passes the standing check's 40° at the bottom (see squat.py)
    needs=Needs(("shoulders", "hips", "knees", "ankles")),
    rep=RepRule("knee_flexion_deg", short_code="not_deep_enough",
                short_message="front knee bent {peak:.0f}°, target {target:.0f}°"),
    thresholds=rep_thresholds(
        target=TARGET_DEG, top=TOP_DEG, top_exit=TOP_EXIT_DEG, rest=REST_DEG, rise=RISE_DEG, attempt=ATTEMPT_DEG,
        trunk_lean_deg=TRUNK_LEAN_DEG, knee_inward_cm=KNEE_INWARD_CM,
    ),
    hold_s=HOLD_S,
    side_mode="one_leg",
    working_leg=FRONT_LEG,
    faults=(
        FaultRule("trunk_lean", "trunk_lean_deg", "trunk_lean_deg", "leaned {direction} {abs_value:.0f}°: keep your trunk tall",
                  two_sided=True, directions=("forward", "back"), from_rest=True),
        FaultRule("knee_caving", "knee_inward_cm", "knee_inward_cm",
                  "{side} knee travelled {value:.0f} cm inward: keep it over your foot", views=("front",)),
    ),
    peaks=("standing_knee_flexion_deg",),
    check=back_knee_bent,
)
