"""squat and lunge on generated landmark sequences: depth, the front leg naming a lunge's side,
knees caving in, trunk lean, holds at the bottom, mirrored video, and moves that are no rep."""
from __future__ import annotations

import pytest

import kinematics_standing  # noqa: F401  (registers the standing poses with the generator)
from formcheck.engine.measures import MEASURES
from formcheck.engine.spec import LegPick
from formcheck.exercises import EXERCISES
from kinematics import Rep, Still, analyse, fault_codes, generate

SQUAT_TOP = EXERCISES["squat"].thresholds["top_deg"]


def set_of(*reps: Rep) -> list:
    timeline = [Still(1.5)]
    for rep in reps:
        timeline += [rep, Still(1.0)]
    return timeline


def squat(peak: float = 90.0, **faults: float) -> Rep:
    return Rep(peak, hold_s=0.5, faults=faults)


def lunge(side: str, peak: float = 90.0, **faults: float) -> Rep:
    return Rep(peak, side=side, hold_s=0.5, faults=faults)


@pytest.mark.parametrize("view", ["side", "front", "oblique"])
def test_squats_are_counted_in_every_view(view):
    result, frames = analyse(generate("squat", set_of(squat(), squat(), squat(100.0)), view=view, jitter_px=1.0, seed=3))
    assert frames[-1].counts == {"both": (3, 3)}
    assert all(rep.valid and not rep.faults for rep in result.reps)


def test_squat_depth_is_the_knee_bend():
    result, _ = analyse(generate("squat", set_of(squat(90.0), squat(70.0))))
    assert result.reps[0].measures["knees_flexion_deg"] == pytest.approx(90.0, abs=7.0)
    assert [rep.valid for rep in result.reps] == [True, False]
    assert fault_codes(result.reps[1]) == {"not_deep_enough"}
    assert result.reps[1].faults[0].message.endswith("target 90° (thighs level)")


@pytest.mark.parametrize("fault, code, view", [
    ({"valgus": 25.0}, "knees_caving", "front"),
    ({"lean": 30.0}, "trunk_lean", "side"),
    ({"lean": 30.0}, "trunk_lean", "oblique"),
])
def test_squat_faults(fault, code, view):
    result, _ = analyse(generate("squat", set_of(squat(**fault), squat()), view=view, jitter_px=1.0, seed=4))
    assert [fault_codes(rep) for rep in result.reps] == [{code}, set()]
    assert [rep.valid for rep in result.reps] == [False, True]


def test_squat_knees_are_judged_only_from_the_front():
    result, _ = analyse(generate("squat", set_of(squat(100.0, valgus=25.0)), view="side"))
    assert [(rep.valid, rep.faults) for rep in result.reps] == [(True, [])]


@pytest.mark.parametrize("fps", [15, 30, 60])
def test_pause_at_the_bottom_is_timed_when_asked(fps):
    """Routines that pause at the bottom set hold_s; the hold is the time spent past the top."""
    clip = generate("squat", set_of(Rep(95.0, hold_s=0.3), Rep(95.0, hold_s=1.5)), fps=fps, mediapipe_offsets=False)
    result, _ = analyse(clip, hold_s=1.0)
    assert [rep.hold_s for rep in result.reps] == pytest.approx([t.time_above(SQUAT_TOP) for t in clip.truth], abs=0.1)
    assert [(rep.valid, fault_codes(rep)) for rep in result.reps] == [(False, {"hold_too_short"}), (True, set())]


@pytest.mark.parametrize("view", ["side", "front", "oblique"])
def test_lunges_name_the_front_leg(view):
    clip = generate("lunge", set_of(lunge("left"), lunge("right"), lunge("right"), lunge("left")), view=view)
    result, frames = analyse(clip)
    assert [rep.side for rep in result.reps] == [t.side for t in clip.truth]
    assert all(rep.valid and not rep.faults for rep in result.reps)
    assert frames[-1].counts == {"left": (2, 2), "right": (2, 2)}


@pytest.mark.parametrize("side", ["left", "right"])
def test_lunge_faults(side):
    timeline = set_of(lunge(side, valgus=25.0), lunge(side, 70.0), lunge(side, lean=40.0), lunge(side))
    result, _ = analyse(generate("lunge", timeline, view="front", jitter_px=1.0, seed=6))
    assert [fault_codes(rep) for rep in result.reps] == [{"knee_caving"}, {"not_deep_enough"}, {"trunk_lean"}, set()]
    assert result.reps[0].faults[0].message.startswith(f"{side} knee travelled 1")
    assert "leaned forward" in result.reps[2].faults[0].message


def test_the_back_knee_must_bend_too():
    """Both knees at about 90°: a back leg kept straight is no lunge, and neither is a knee drive."""
    result, _ = analyse(generate("lunge", set_of(lunge("right", back_straight=60.0), lunge("right"))))
    assert [fault_codes(rep) for rep in result.reps] == [{"back_knee_straight"}, set()]
    message = result.reps[0].faults[0].message
    assert message.startswith("back knee bent only ") and int(message.split()[4].rstrip("°:")) == pytest.approx(30, abs=5)
    drives, _ = analyse(generate("knee_drive", [Still(1.5), Rep(95.0, side="left"), Still(1.0)]), "lunge")
    assert [(rep.valid, fault_codes(rep)) for rep in drives.reps] == [(False, {"back_knee_straight"})]


def test_a_lunge_set_for_one_side_marks_the_other():
    result, _ = analyse(generate("lunge", set_of(lunge("left"), lunge("right"))), side="left")
    assert [(rep.side, rep.valid) for rep in result.reps] == [("left", True), ("right", False)]


@pytest.mark.parametrize("view", ["side", "front"])
def test_mirrored_lunges_same_answer_when_declared(view):
    timeline = set_of(lunge("left"), lunge("right"))
    plain, _ = analyse(generate("lunge", timeline, view=view))
    mirrored, _ = analyse(generate("lunge", timeline, view=view, mirrored=True), mirrored=True)
    assert [rep.side for rep in mirrored.reps] == [rep.side for rep in plain.reps] == ["left", "right"]


@pytest.mark.parametrize("exercise", ["squat", "lunge"])
@pytest.mark.parametrize("motion", ["shift", "walk"])
def test_standing_and_walking_are_no_reps(exercise, motion):
    result, frames = analyse(generate("knee_drive", [Still(8.0, motion)], view="side"), exercise)
    assert result.reps == []
    assert sum(frames[-1].counts.get("both", (0, 0))) + sum(frames[-1].counts.get("left", (0, 0))) == 0


def test_noise_and_dropped_frames():
    clip = generate("lunge", set_of(lunge("left"), lunge("right"), lunge("left")), jitter_px=2.0,
                    drop_fraction=0.05, seed=9)
    result, _ = analyse(clip)
    assert [(rep.side, rep.valid) for rep in result.reps] == [("left", True), ("right", True), ("left", True)]


def test_every_leg_pick_reads_a_known_measure():
    picks = {name: spec.working_leg for name, spec in EXERCISES.items() if isinstance(spec.working_leg, LegPick)}
    assert {"lunge", "single_leg_squat", "standing_hip_abduction"} <= set(picks)
    assert all(pick.measure in MEASURES and pick.margin > 0 for pick in picks.values())
