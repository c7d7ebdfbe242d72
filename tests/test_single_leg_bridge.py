"""single_leg_bridge on generated landmark sequences: the supporting side, the 5 s hold, the small
pelvis-drop signal against a per-person baseline."""
from __future__ import annotations

import pytest

from formcheck.exercises import EXERCISES
from kinematics import Rep, Still, analyse, fault_codes, generate

TOP = EXERCISES["single_leg_bridge"].thresholds["top_deg"]


def holds(*sides, hold_s=5.5, **rep):
    timeline = [Still(1.5)]
    for side in sides:
        timeline += [Rep(0.0, side=side, hold_s=hold_s, **rep), Still(1.0)]
    return timeline


@pytest.mark.parametrize("view", ["side", "feet_end"])
def test_counts_per_supporting_side(view):
    clip = generate("single_leg_bridge", holds("left", "left", "right"), view=view)
    result, frames = analyse(clip)
    assert [rep.side for rep in result.reps] == ["left", "left", "right"]
    assert all(rep.valid and not rep.faults for rep in result.reps)
    assert frames[-1].counts == {"left": (2, 2), "right": (1, 1)}


def test_default_hold_is_five_seconds_and_timed_exactly():
    clip = generate("single_leg_bridge", holds("left", hold_s=3.0) + holds("left", hold_s=6.0)[1:],
                    mediapipe_offsets=False, fps=24)
    result, _ = analyse(clip)
    assert [rep.hold_s for rep in result.reps] == pytest.approx([t.time_above(TOP) for t in clip.truth], abs=0.1)
    assert [rep.valid for rep in result.reps] == [False, True]
    assert fault_codes(result.reps[0]) == {"hold_too_short"}
    assert result.reps[0].faults[0].message.endswith("of 5 s")


def test_pelvis_drop_towards_the_free_leg_from_a_high_feet_end_camera():
    clip = generate("single_leg_bridge", holds("left", "right", "left", faults={"drop": 0.0})[:3]
                    + [Rep(0.0, side="right", hold_s=5.5, faults={"drop": 10.0}), Still(1.0)]
                    + [Rep(0.0, side="left", hold_s=5.5, faults={"drop": 10.0}), Still(1.0)],
                    view="feet_end", jitter_px=1.5, seed=2)
    result, _ = analyse(clip)
    assert [fault_codes(rep) for rep in result.reps] == [set(), {"pelvis_drop"}, {"pelvis_drop"}]
    assert "free-leg side" in result.reps[1].faults[0].message


def test_a_person_whose_pelvis_reads_tilted_at_rest_is_judged_against_their_own_baseline():
    level = generate("single_leg_bridge", holds("left", "right"), view="feet_end", offsets={"tilt": 5.0})
    result, _ = analyse(level)
    assert all(rep.valid for rep in result.reps)


def test_hips_low_and_label_swaps():
    timeline = holds("right") + [Rep(-25.0, side="right"), Still(1.0)] + holds("left")[1:]
    result, _ = analyse(generate("single_leg_bridge", timeline, swap_labels_on_reps=(2, 3)))
    assert [(rep.side, rep.valid) for rep in result.reps] == [("right", True), ("right", False), ("left", True)]
    assert fault_codes(result.reps[1]) == {"hips_low"}


def test_a_set_for_one_side():
    result, _ = analyse(generate("single_leg_bridge", holds("left", "right")), side="right")
    assert [fault_codes(rep) for rep in result.reps] == [{"wrong_side"}, set()]
