"""Plank: held up on the forearms (or hands) and toes, body in one straight line from shoulders
to heels; timed while the line holds. Camera side-on at floor level, 2-3 m away."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, HoldRule, Needs

# The drive is the shoulder-hip-knee line (`hip_extension_deg`): 0 straight, + hips sagging
# towards the floor, - hips piked up.
TARGET_DEG = 0.0  # routine: one straight line from shoulders to heels
# A good plank on plank_hold_side_01 reads -4..+1°; MediaPipe's hip landmark sits ~3 cm in
# front of the joint (SYNTH_NOTES), which reads as ~8° of sag on a straight generated body.
# 15° either way is a sag or pike a coach calls, clear of both.
SAG_DEG = 15.0
PIKE_DEG = -15.0  # negative: hips above the line
# Beyond 45° off the line it is no plank at all: on all fours (about -90°) or getting up
# (plank_hold_side_01 read -62° a quarter of a second into getting up).
LINE_MAX_DEG = 45.0
# Held up on the arms: the upper arm near vertical (plank_hold_side_01: 10-14°); lying on the
# floor the arms lie flat, about 90° from vertical.
UPPER_ARM_MAX_DEG = 35.0
HOLD_S = 30.0  # issue 7: holds of 20-30 s; routines prescribe a 30 s plank

SPEC = ExerciseSpec(
    name="plank",
    title="Plank",
    summary="On forearms (or hands) and toes, body in one straight line: hold it.",
    camera_tip="Side-on at floor level, 2-3 m away, head to heels in frame.",
    views=("side", "oblique"),
    posture="lying",
    needs=Needs(("shoulders", "elbows", "hips", "knees")),
    rep=HoldRule(
        "hip_extension_deg", top="sag_deg", target="target_deg",
        position=(
            FaultRule("arms_not_under", "upper_arm_vertical_deg", "upper_arm_max_deg",
                      "get up on your forearms, elbows under your shoulders"),
            FaultRule("not_a_plank", "hip_extension_deg", "line_max_deg",
                      "straighten into one line from shoulders to heels", two_sided=True),
        ),
    ),
    thresholds={"target_deg": TARGET_DEG, "sag_deg": SAG_DEG, "pike_deg": PIKE_DEG,
                "line_max_deg": LINE_MAX_DEG, "upper_arm_max_deg": UPPER_ARM_MAX_DEG},
    hold_s=HOLD_S,
    faults=(
        FaultRule("hips_sagging", "hip_extension_deg", "sag_deg",
                  "hips sagging {value:.0f}°: brace and lift them into line"),
        FaultRule("hips_piked", "hip_extension_deg", "pike_deg",
                  "hips piked {abs_value:.0f}°: lower them into line", above=False),
    ),
)
