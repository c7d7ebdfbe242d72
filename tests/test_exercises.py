"""The exercise registry and make_analyser's options."""
from __future__ import annotations

from dataclasses import replace

import pytest

from formcheck.analysis import Analyser
from formcheck.engine.analyser import SpecAnalyser
from formcheck.engine.measures import MEASURES
from formcheck.engine.view import POSTURE_ADVICE, VIEW_NAMES
from formcheck.exercises import EXERCISES, UnknownExercise, make_analyser
from formcheck.report import Fault
from kinematics import Rep, Still, generate


def test_the_four_core_exercises_are_declared_completely():
    assert {"glute_bridge", "knee_drive", "single_leg_bridge", "clamshell"} <= set(EXERCISES)
    for name, spec in EXERCISES.items():
        assert spec.name == name and spec.title and spec.summary and spec.camera_tip
        assert set(spec.views) <= {*VIEW_NAMES, "oblique"}
        assert spec.posture == "any" or spec.posture in POSTURE_ADVICE
        assert set(spec.measure_names()) <= set(MEASURES)
        assert all(rule.threshold in spec.thresholds for rule in spec.faults)
        analyser: Analyser = make_analyser(name)
        assert analyser.exercise == name and analyser.drive_measure == spec.rep.drive


def test_unknown_exercise_suggests_the_nearest():
    with pytest.raises(UnknownExercise) as err:
        make_analyser("glute_brige")
    assert isinstance(err.value, KeyError)
    assert err.value.suggestions[0] == "glute_bridge"
    assert "did you mean glute_bridge" in str(err.value)


def test_options_override_hold_and_thresholds():
    analyser = make_analyser("knee_drive", hold_s=0, side="left", thresholds={"target_deg": 100, "top_deg": 95})
    assert analyser.spec.hold_s == 0 and analyser.target == 100 and analyser.levels.top == 95
    assert EXERCISES["knee_drive"].thresholds["top_deg"] == 80  # the registry is untouched


@pytest.mark.parametrize("options, message", [
    ({"thresholds": {"nope_deg": 1}}, "no threshold named nope_deg"),
    ({"thresholds": {"rest_deg": 100}}, "must satisfy"),
    ({"hold_s": -1}, "hold_s"),
    ({"side": "up"}, "side must be"),
])
def test_bad_options_are_rejected_clearly(options, message):
    with pytest.raises(ValueError, match=message):
        make_analyser("knee_drive", **options)


def test_both_leg_exercises_take_no_side():
    with pytest.raises(ValueError, match="both legs"):
        make_analyser("glute_bridge", side="left")


def test_the_escape_hatch_adds_faults_a_table_cannot_say():
    def too_deep(measures):
        return [Fault("too_deep", "past 100°")] if measures["hip_flexion_deg"] > 100 else []

    spec = replace(EXERCISES["knee_drive"], check=too_deep)
    analyser = SpecAnalyser(spec)
    clip = generate("knee_drive", [Still(1.5), Rep(95.0, side="left"), Still(1.0), Rep(115.0, side="left"), Still(1.0)])
    for t, pose in clip.frames():
        analyser.update(t, pose)
    reps = analyser.finish().reps
    assert [(rep.valid, [f.code for f in rep.faults]) for rep in reps] == [(True, []), (False, ["too_deep"])]
