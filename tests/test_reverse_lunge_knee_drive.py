"""reverse_lunge_knee_drive on generated landmark sequences: one rep spans the lunge, the swing
through and the knee drive; it counts only when both phases reach their targets."""
from __future__ import annotations

import pytest

from kinematics import Rep, Still, analyse, fault_codes, generate
from kinematics_standing import LungeDrive, generate_lunge_drives  # also registers the lunge pose

EXERCISE = "reverse_lunge_knee_drive"


@pytest.mark.parametrize("view", ["side", "front", "oblique"])
def test_each_rep_is_one_lunge_and_one_knee_drive(view):
    clip = generate_lunge_drives([LungeDrive("left"), LungeDrive("right"), LungeDrive("right", depth=100.0)],
                                 view=view, jitter_px=1.0, seed=5)
    result, frames = analyse(clip)
    assert [(rep.side, rep.valid, rep.faults) for rep in result.reps] == [(t.side, True, []) for t in clip.truth]
    assert frames[-1].counts == {"left": (1, 1), "right": (2, 2)}
    for rep, truth in zip(result.reps, clip.truth):
        assert truth.start_s < rep.peak_s < truth.end_s
        assert rep.measures["one_leg_knee_drive_deg"] == pytest.approx(95.0, abs=5.0)


@pytest.mark.parametrize("side", ["left", "right"])
def test_both_phases_are_checked(side):
    reps = [LungeDrive(side, depth=60.0), LungeDrive(side, drive=60.0), LungeDrive(side, depth=68.0, drive=68.0),
            LungeDrive(side, lean=40.0), LungeDrive(side)]
    result, _ = analyse(generate_lunge_drives(reps, jitter_px=1.0, seed=6))
    assert [fault_codes(rep) for rep in result.reps] == [
        {"lunge_not_deep"}, {"knee_drive_low"}, {"partial_range", "lunge_not_deep", "knee_drive_low"}, {"trunk_lean"},
        set()]
    assert [rep.valid for rep in result.reps] == [False, False, False, False, True]
    message = result.reps[1].faults[0].message
    assert message.startswith("knee drive reached ") and message.endswith("°, target 90°")
    assert int(message.split()[3].rstrip("°,")) == pytest.approx(60, abs=5)


def test_a_plain_knee_drive_or_lunge_is_half_a_rep():
    drives, _ = analyse(generate("knee_drive", [Still(1.5), Rep(95.0, side="left"), Still(1.0)]), EXERCISE)
    assert [fault_codes(rep) for rep in drives.reps] == [{"lunge_not_deep"}]
    lunges, _ = analyse(generate("lunge", [Still(1.5), Rep(90.0, side="left"), Still(1.0)]), EXERCISE)
    assert [fault_codes(rep) for rep in lunges.reps] == [{"knee_drive_low"}]


def test_mirrored_same_answer_when_declared():
    reps = [LungeDrive("left"), LungeDrive("right")]
    result, _ = analyse(generate_lunge_drives(reps, mirrored=True), mirrored=True)
    assert [(rep.side, rep.valid) for rep in result.reps] == [("left", True), ("right", True)]


def test_a_set_for_one_side_marks_the_other():
    result, _ = analyse(generate_lunge_drives([LungeDrive("right"), LungeDrive("left")]), side="right")
    assert [(rep.side, rep.valid) for rep in result.reps] == [("right", True), ("left", False)]


@pytest.mark.parametrize("motion", ["shift", "walk"])
def test_standing_and_walking_are_no_reps(motion):
    result, _ = analyse(generate("knee_drive", [Still(8.0, motion)], view="side"), EXERCISE)
    assert result.reps == []
