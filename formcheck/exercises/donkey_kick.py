"""Donkey kick: on hands and knees, knee bent at 90°, push one foot up towards the ceiling until
the thigh is level with the floor, without arching the back, lower. The side is the kicking leg.
Camera side-on at hip height."""
from __future__ import annotations

from formcheck.engine.spec import ExerciseSpec, FaultRule, Needs, RepRule, rep_thresholds
from formcheck.exercises import bird_dog

# The drive is the kicking thigh against the floor, as in bird_dog (same levels and sources:
# -90 under the hip, 0 level; donkey_kick_02 reads -72..-86° at rest and -5..0° at the tops).
TARGET_DEG = bird_dog.TARGET_DEG  # routine: thigh level with the floor
TOP_DEG = bird_dog.TOP_DEG
TOP_EXIT_DEG = bird_dog.TOP_EXIT_DEG
REST_DEG = bird_dog.REST_DEG
RISE_DEG = bird_dog.RISE_DEG
ATTEMPT_DEG = bird_dog.ATTEMPT_DEG
BACK_ARCH_DEG = bird_dog.BACK_SAG_DEG  # the thigh past the back line: the lower back arching
# Routine: the knee stays at 90°. donkey_kick_02's tops read 100-137° of bend; under 60° the
# shin has swung 30° open and the move turns into a kick-back.
KNEE_BEND_MIN_DEG = 60.0
HOLD_S = 0.0  # routines: a steady kick with no hold; hold_s sets a squeeze at the top

SPEC = ExerciseSpec(
    name="donkey_kick",
    title="Donkey kick",
    summary="On hands and knees, knee bent at 90°: push the foot up until the thigh is level, back flat, lower.",
    camera_tip="Side-on at hip height, 2-3 m away, whole body in frame.",
    views=("side", "oblique"),
    posture="quadruped",
    needs=Needs(("shoulders", "hips", "knees")),
    rep=RepRule("thigh_elevation_deg", short_code="partial_range",
                short_message="thigh reached {peak:.0f}° from level: push it up level with the floor"),
    thresholds=rep_thresholds(
        target=TARGET_DEG, top=TOP_DEG, top_exit=TOP_EXIT_DEG, rest=REST_DEG, rise=RISE_DEG, attempt=ATTEMPT_DEG,
        back_arch_deg=BACK_ARCH_DEG, knee_bend_min_deg=KNEE_BEND_MIN_DEG,
    ),
    hold_s=HOLD_S,
    side_mode="per_leg",
    faults=(
        FaultRule("back_arching", "hip_past_back_line_deg", "back_arch_deg",
                  "thigh {value:.0f}° above your back line: the lower back arches; stop at level"),
        FaultRule("knee_opening", "knee_flexion_deg", "knee_bend_min_deg",
                  "knee opened to {value:.0f}° of bend: keep it at 90°", above=False),
    ),
)
