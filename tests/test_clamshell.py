"""clamshell on generated landmark sequences: the top leg names the side, 3D opening, faults."""
from __future__ import annotations

import pytest

from kinematics import Rep, Still, analyse, fault_codes, generate


def set_of(side, *reps):
    timeline = [Still(1.5)]
    for rep in reps:
        timeline += [Rep(rep.peak, side=side, hold_s=rep.hold_s, faults=rep.faults), Still(1.0)]
    return timeline


GOOD = Rep(45.0, hold_s=1.5)


@pytest.mark.parametrize("side", ["left", "right"])
def test_counts_the_top_legs_side(side):
    result, frames = analyse(generate("clamshell", set_of(side, GOOD, GOOD, GOOD)))
    assert [rep.side for rep in result.reps] == [side] * 3
    assert all(rep.valid and not rep.faults for rep in result.reps)
    assert frames[-1].counts[side] == (3, 3)


def test_opening_is_measured_as_the_camera_sees_it_best():
    result, _ = analyse(generate("clamshell", set_of("left", GOOD)))
    assert result.reps[0].measures["thigh_opening_deg"] == pytest.approx(45.0, abs=5.0)


@pytest.mark.parametrize("side", ["left", "right"])
def test_faults(side):
    # A pelvis roll is not judged (MediaPipe cannot see it: calibration.py), so the rolled rep counts.
    timeline = set_of(side, Rep(45.0, faults={"roll": 20.0}), Rep(25.0), Rep(45.0, faults={"feet_apart": 1.0}), GOOD)
    result, _ = analyse(generate("clamshell", timeline, jitter_px=1.0, seed=5))
    assert [fault_codes(rep) for rep in result.reps] == [set(), {"partial_range"}, {"feet_apart"}, set()]
    assert result.reps[1].faults[0].message.endswith("target 40°")


def test_hold_and_mirroring():
    clip = generate("clamshell", set_of("left", Rep(45.0, hold_s=0.0), GOOD), mirrored=True)
    result, _ = analyse(clip, mirrored=True)
    assert [(rep.side, rep.valid) for rep in result.reps] == [("left", False), ("left", True)]
    assert fault_codes(result.reps[0]) == {"hold_too_short"}


def test_standing_and_walking_are_not_clamshells():
    clip = generate("knee_drive", [Still(4.0, "walk"), Still(3.0, "shift")], view="front")
    result, frames = analyse(clip, "clamshell")
    assert result.reps == [] and not any(f.usable for f in frames)
    assert "not in position" in {f.reason for f in frames}
