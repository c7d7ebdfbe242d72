"""Reverse lunge to knee drive: step one leg back into a lunge, then drive that knee through and
up to hip height while standing on the front leg, then step down; per leg. The side is that
moving leg. Both phases are checked: a rep counts only if the lunge was deep enough AND the knee
drive reached its target. Camera side-on at hip height.

Between reps the foot comes down beside the other (standing on both feet ends a rep). Reps flowed
straight from the knee drive into the next lunge, foot never touching down, may merge into one:
no footage of either form was at hand to tell the two apart."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, Needs, RepRule, rep_thresholds
from formcheck.exercises import knee_drive, lunge, squat
from formcheck.report import Fault

# The drive is the more bent of the two knees: up in the lunge, still up while the back leg
# swings through (its knee stays folded), up in the knee drive (knee at ~90°); down only when
# standing on both feet, which is where one rep ends and the next begins.
TARGET_DEG = 90.0  # both phases fold a knee to about a right angle
TOP_DEG = lunge.TOP_DEG  # (sources in lunge.py)
TOP_EXIT_DEG = 5.0
REST_DEG, RISE_DEG, ATTEMPT_DEG = squat.REST_DEG, squat.RISE_DEG, squat.ATTEMPT_DEG  # standing knees (squat.py)
# Lunge depth is the less bent knee's peak over the rep: only a lunge bends both knees at once.
LUNGE_TOP_DEG = lunge.TOP_DEG
# Knee drive: hip flexion (user's terms) of the raised leg while standing on the other, peak
# over the rep; the knee drive's own top (knee_drive.py: 90° target, 10° tolerance).
DRIVE_TOP_DEG = knee_drive.TOP_DEG
TRUNK_LEAN_DEG = lunge.TRUNK_LEAN_DEG  # from standing, either way (lunge.py)
HOLD_S = 0.0  # done as one flowing move: no hold


def both_phases(measures: dict[str, float]) -> list[Fault]:
    """A rep's lunge and knee drive must each reach their top; a missing phase reads 0°."""
    faults = []
    depth = measures.get("less_bent_knee_deg", 0.0)
    if depth < LUNGE_TOP_DEG:
        faults.append(Fault("lunge_not_deep", f"lunge reached {depth:.0f}°, target {TARGET_DEG:.0f}° (both knees)"))
    drive = measures.get("one_leg_knee_drive_deg", 0.0)
    if drive < DRIVE_TOP_DEG:
        faults.append(Fault("knee_drive_low", f"knee drive reached {drive:.0f}°, target {knee_drive.TARGET_DEG:.0f}°"))
    return faults


SPEC = ExerciseSpec(
    name="reverse_lunge_knee_drive",
    title="Reverse lunge to knee drive",
    summary="Step back into a lunge, then drive the same knee up to hip height standing on the front leg.",
    camera_tip="Side-on at hip height, 3 m away, head to feet in frame.",
    views=("side", "oblique", "front"),
    posture="any",  # the lunge leans the trunk past the standing check (see squat.py)
    needs=Needs(("shoulders", "hips", "knees", "ankles")),
    rep=RepRule("more_bent_knee_deg", short_code="partial_range",
                short_message="knees bent only {peak:.0f}°: lunge and drive to {target:.0f}°"),
    thresholds=rep_thresholds(
        target=TARGET_DEG, top=TOP_DEG, top_exit=TOP_EXIT_DEG, rest=REST_DEG, rise=RISE_DEG, attempt=ATTEMPT_DEG,
        trunk_lean_deg=TRUNK_LEAN_DEG,
    ),
    hold_s=HOLD_S,
    side_mode="one_leg",
    working_leg="moving",
    peaks=("less_bent_knee_deg", "one_leg_knee_drive_deg"),
    check=both_phases,
    faults=(
        FaultRule("trunk_lean", "trunk_lean_deg", "trunk_lean_deg", "leaned {direction} {abs_value:.0f}°: keep your trunk tall",
                  two_sided=True, directions=("forward", "back"), from_rest=True,
                  during="rep"),  # the drive's top spans both phases; the lean shows in the lunge alone
    ),
)
