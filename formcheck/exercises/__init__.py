"""The exercises formcheck knows, by id. Adding one = one small file + one line here."""
from __future__ import annotations

import difflib

from formcheck.engine.analyser import SpecAnalyser
from formcheck.engine.hold_analyser import HoldAnalyser
from formcheck.engine.spec import ExerciseSpec, HoldRule
from formcheck.exercises import clamshell, glute_bridge, knee_drive, single_leg_bridge
from formcheck.exercises import balance_test, hip_flexor_stretch, knee_to_chest_stretch, plank, stretch_90_90
from formcheck.exercises import lunge, reverse_lunge_knee_drive, single_leg_squat, squat, standing_hip_abduction
from formcheck.exercises import (bird_dog, donkey_kick, elevated_bridge_march, fire_hydrant, prone_hip_extension,
                                 seated_leg_lift, side_leg_raise)

EXERCISES: dict[str, ExerciseSpec] = {
    glute_bridge.SPEC.name: glute_bridge.SPEC,
    knee_drive.SPEC.name: knee_drive.SPEC,
    single_leg_bridge.SPEC.name: single_leg_bridge.SPEC,
    clamshell.SPEC.name: clamshell.SPEC,
    hip_flexor_stretch.SPEC.name: hip_flexor_stretch.SPEC,
    knee_to_chest_stretch.SPEC.name: knee_to_chest_stretch.SPEC,
    stretch_90_90.SPEC.name: stretch_90_90.SPEC,
    plank.SPEC.name: plank.SPEC,
    balance_test.SPEC.name: balance_test.SPEC,
    squat.SPEC.name: squat.SPEC,
    lunge.SPEC.name: lunge.SPEC,
    single_leg_squat.SPEC.name: single_leg_squat.SPEC,
    standing_hip_abduction.SPEC.name: standing_hip_abduction.SPEC,
    reverse_lunge_knee_drive.SPEC.name: reverse_lunge_knee_drive.SPEC,
    bird_dog.SPEC.name: bird_dog.SPEC,
    donkey_kick.SPEC.name: donkey_kick.SPEC,
    fire_hydrant.SPEC.name: fire_hydrant.SPEC,
    side_leg_raise.SPEC.name: side_leg_raise.SPEC,
    prone_hip_extension.SPEC.name: prone_hip_extension.SPEC,
    elevated_bridge_march.SPEC.name: elevated_bridge_march.SPEC,
    seated_leg_lift.SPEC.name: seated_leg_lift.SPEC,
}


class UnknownExercise(KeyError):
    def __init__(self, name: str, suggestions: list[str]):
        super().__init__(name)
        self.name, self.suggestions = name, suggestions

    def __str__(self) -> str:
        hint = f"; did you mean {' or '.join(self.suggestions)}?" if self.suggestions else ""
        return f"unknown exercise {self.name!r}{hint} (known: {', '.join(sorted(EXERCISES))})"


def get_spec(name: str) -> ExerciseSpec:
    try:
        return EXERCISES[name]
    except KeyError:
        raise UnknownExercise(name, difflib.get_close_matches(name, list(EXERCISES), n=3)) from None


def make_analyser(
    name: str,
    *,
    hold_s: float | None = None,
    side: str | None = None,
    thresholds: dict[str, float] | None = None,
    mirrored: bool = False,
) -> SpecAnalyser:
    """An analyser for exercise `name`.

    hold_s: hold target at the top (None: the exercise's default). side: "left", "right",
    "alternate" or None for one-leg exercises (a set for one side marks the other side's reps
    invalid). thresholds: override named thresholds (unknown names are rejected). mirrored:
    the source is mirrored (a selfie preview), so the person's left shows on their left.
    """
    spec = get_spec(name).with_options(hold_s=hold_s, thresholds=thresholds)
    analyser = HoldAnalyser if isinstance(spec.rep, HoldRule) else SpecAnalyser  # a hold exercise times holds
    return analyser(spec, side=side, mirrored=mirrored)
