"""Glute bridge: lying on the back, knees bent, feet flat; lift the hips until shoulders, hips and
knees make one straight line, pause, lower. Camera side-on at hip height (or at the feet to
judge pelvis levelness and knees)."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, Needs, RepRule, rep_thresholds

TARGET_DEG = 0.0  # routine: shoulders, hips and knees in one straight line at the top
# A valid top is within 10° of straight: MediaPipe reads the near leg within ~2° and the far leg
# ~6° off (SYNTH_NOTES); real tops on bridge_side_02 read -2..-6° (near) and -6..-10° (far).
TOP_DEG = -10.0
TOP_EXIT_DEG = 5.0  # hysteresis: the top ends 5° under it, more than landmark jitter at rest
REST_DEG = -35.0  # hips down: the floor reads -40..-60° (bridge_side_02: -55°), feet near or far
RISE_DEG = -30.0  # 5° of hysteresis above rest
ATTEMPT_DEG = -25.0  # lifted clearly off the floor: reported as a short rep if it stops here
OVEREXTENSION_DEG = 15.0  # past the line: low back arching; over 2x the far leg's 6° read error
# Pelvis tilt from its at-rest reading: MediaPipe reads ~5° on level hips from the feet end
# (SYNTH_NOTES); a two-leg bridge should not tilt at all, so 8° is a real fault.
PELVIS_TILT_DEG = 8.0
# Knees closer than 80 % of the feet's spacing: caving in (routine cue "knees over your feet";
# chosen, not measured: a 20 % narrowing is what a coach sees at a glance).
KNEE_GAP_MIN_RATIO = 0.8
# Routines cue a 1-2 s squeeze at the top (some 3-5 s); the shortest is the default so no
# routine's good rep fails, and `hold_s` sets the routine's own.
HOLD_S = 1.0

OVEREXTENSION = FaultRule("overextension", "hip_extension_deg", "overextension_deg",
                          "hips pushed {value:.0f}° past straight: keep your ribs down")

SPEC = ExerciseSpec(
    name="glute_bridge",
    title="Glute bridge",
    summary="Lift the hips into a straight line from shoulders to knees, pause, lower.",
    camera_tip="Side-on at hip height, 2-3 m away, whole body in frame; or at your feet to check hips and knees.",
    views=("side", "oblique", "feet_end"),
    posture="supine",
    needs=Needs(("shoulders", "hips", "knees")),
    rep=RepRule("hip_extension_deg", short_code="hips_low", short_message="hips stopped {short:.0f}° short of straight"),
    thresholds=rep_thresholds(
        target=TARGET_DEG, top=TOP_DEG, top_exit=TOP_EXIT_DEG, rest=REST_DEG, rise=RISE_DEG, attempt=ATTEMPT_DEG,
        overextension_deg=OVEREXTENSION_DEG, pelvis_tilt_deg=PELVIS_TILT_DEG, knee_gap_min_ratio=KNEE_GAP_MIN_RATIO,
    ),
    hold_s=HOLD_S,
    faults=(
        OVEREXTENSION,
        FaultRule("pelvis_not_level", "pelvis_tilt_deg", "pelvis_tilt_deg",
                  "pelvis tilted {abs_value:.0f}°: keep both hips level",
                  two_sided=True, from_rest=True, views=("feet_end", "front")),
        FaultRule("knees_caving", "knee_gap_ratio", "knee_gap_min_ratio",
                  "knees caved in to {value:.0%} of your feet's width: push them out over your feet",
                  above=False, views=("feet_end", "front")),
    ),
)
