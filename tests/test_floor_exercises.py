"""side_leg_raise, prone_hip_extension, elevated_bridge_march and seated_leg_lift on generated
landmark sequences: per-leg counts, holds, each fault, both sides, mirrored video, nothing
counted at rest or in another posture."""
from __future__ import annotations

import pytest

import kinematics_floor  # noqa: F401  (adds the floor exercises to the generator)
from formcheck.exercises import EXERCISES
from kinematics import Rep, Still, analyse, fault_codes, generate
from kinematics_floor import sets

GOOD = {
    "side_leg_raise": Rep(50.0, hold_s=5.6),
    "prone_hip_extension": Rep(16.0, hold_s=1.5),
    "elevated_bridge_march": Rep(65.0, hold_s=0.3),
    "seated_leg_lift": Rep(22.0, hold_s=0.3),
}
VIEWS = [("side_leg_raise", "front"), ("side_leg_raise", "feet_end"), ("prone_hip_extension", "side"),
         ("prone_hip_extension", "feet_end"), ("elevated_bridge_march", "side"), ("elevated_bridge_march", "feet_end"),
         ("seated_leg_lift", "side"), ("seated_leg_lift", "front")]


@pytest.mark.parametrize("exercise, view", VIEWS)
def test_clean_reps_counted_per_leg(exercise, view):
    good = GOOD[exercise]
    clip = generate(exercise, sets(("left", [good, good]), ("right", [good, good, good])), view=view,
                    jitter_px=1.0, seed=2)
    result, frames = analyse(clip)
    assert [rep.side for rep in result.reps] == [t.side for t in clip.truth]
    assert all(rep.valid and not rep.faults for rep in result.reps)
    assert frames[-1].counts == {"left": (2, 2), "right": (3, 3)}


def test_side_leg_raise_reads_the_true_abduction_and_times_the_hold():
    reps = [Rep(45.0, hold_s=3.0), Rep(45.0, hold_s=5.5), Rep(40.0, hold_s=8.0)]
    clip = generate("side_leg_raise", sets(("right", reps)), mediapipe_offsets=False, fps=24)
    result, _ = analyse(clip)
    top = EXERCISES["side_leg_raise"].thresholds["top_deg"]
    assert [rep.measures["leg_abduction_deg"] for rep in result.reps] == pytest.approx([45.0, 45.0, 40.0], abs=0.5)
    assert [rep.hold_s for rep in result.reps] == pytest.approx([t.time_above(top) for t in clip.truth], abs=0.1)
    assert [rep.valid for rep in result.reps] == [False, True, True]
    assert fault_codes(result.reps[0]) == {"hold_too_short"}


@pytest.mark.parametrize("side", ["left", "right"])
def test_side_leg_raise_faults(side):
    good = GOOD["side_leg_raise"]
    reps = [Rep(30.0, hold_s=5.6), Rep(50.0, hold_s=5.6, faults={"forward": 35.0}),
            Rep(50.0, hold_s=5.6, faults={"roll": 25.0}), Rep(50.0, hold_s=5.6, faults={"knee": 60.0}), good]
    result, _ = analyse(generate("side_leg_raise", sets((side, reps)), jitter_px=1.0, seed=3))
    assert [fault_codes(rep) for rep in result.reps] == [
        {"partial_range"}, {"leg_forward"}, {"pelvis_roll"}, {"knee_bent"}, set()]
    assert [rep.side for rep in result.reps] == [side] * 5
    assert [rep.valid for rep in result.reps] == [False] * 4 + [True]


@pytest.mark.parametrize("side", ["left", "right"])
def test_prone_hip_extension_faults(side):
    good = GOOD["prone_hip_extension"]
    reps = [Rep(9.0, hold_s=1.5), Rep(16.0, hold_s=1.5, faults={"pelvis_lift": 20.0}), good]
    result, _ = analyse(generate("prone_hip_extension", sets((side, reps)), view="feet_end"))
    assert [fault_codes(rep) for rep in result.reps] == [{"partial_range"}, {"pelvis_off_floor"}, set()]
    assert result.reps[1].faults[0].message.startswith(f"{side} hip lifted")
    # from the side the hip line runs along the camera's depth: the pelvis is not judged there
    from_side, _ = analyse(generate("prone_hip_extension", sets((side, reps)), view="side"))
    assert [fault_codes(rep) for rep in from_side.reps] == [{"partial_range"}, set(), set()]


@pytest.mark.parametrize("side", ["left", "right"])
def test_bridge_march_faults(side):
    good = GOOD["elevated_bridge_march"]
    reps = [Rep(40.0, hold_s=0.3), Rep(65.0, hold_s=0.3, faults={"drop": 35.0}), good]
    result, _ = analyse(generate("elevated_bridge_march", sets((side, reps))))
    assert [fault_codes(rep) for rep in result.reps] == [{"partial_range"}, {"hips_dropping"}, set()]
    assert [rep.side for rep in result.reps] == [side] * 3


def test_bridge_march_counts_alternating_knees_and_not_the_hips_going_up_and_down():
    good = GOOD["elevated_bridge_march"]
    timeline = sets(("left", [good]), ("right", [good]), ("left", [good]), ("right", [good]), between_s=0.6)
    result, frames = analyse(generate("elevated_bridge_march", timeline, jitter_px=1.0, seed=4), side="alternate")
    assert [rep.side for rep in result.reps] == ["left", "right", "left", "right"]
    assert frames[-1].counts == {"left": (2, 2), "right": (2, 2)}
    plain_bridges, _ = analyse(generate("glute_bridge", [Still(1.5), Rep(0.0), Still(1.0), Rep(0.0), Still(1.0)]),
                               "elevated_bridge_march")
    assert plain_bridges.reps == []


@pytest.mark.parametrize("side", ["left", "right"])
def test_seated_leg_lift_faults(side):
    good = GOOD["seated_leg_lift"]
    reps = [Rep(12.0, hold_s=0.3), Rep(22.0, hold_s=0.3, faults={"lean": 30.0}), good]
    result, _ = analyse(generate("seated_leg_lift", sets((side, reps)), jitter_px=1.0, seed=5))
    assert [fault_codes(rep) for rep in result.reps] == [{"partial_range"}, {"back_rounding"}, set()]
    assert result.reps[1].faults[0].message.startswith("leaned back")


@pytest.mark.parametrize("exercise, view", [("side_leg_raise", "front"), ("prone_hip_extension", "side"),
                                            ("elevated_bridge_march", "side"), ("seated_leg_lift", "side")])
def test_mirrored_video_and_label_swaps(exercise, view):
    good = GOOD[exercise]
    timeline = sets(("left", [good]), ("right", [good]), ("left", [good]))
    mirrored, _ = analyse(generate(exercise, timeline, view=view, mirrored=True), mirrored=True)
    assert [rep.side for rep in mirrored.reps] == ["left", "right", "left"]
    swapped, _ = analyse(generate(exercise, timeline, view=view, swap_labels_on_reps=(2,)))
    assert [rep.side for rep in swapped.reps] == ["left", "right", "left"]


@pytest.mark.parametrize("exercise", list(GOOD))
def test_nothing_counted_at_rest_or_in_another_posture(exercise):
    still, frames = analyse(generate(exercise, [Still(6.0)], jitter_px=1.5, seed=8))
    assert still.reps == [] and all(f.usable for f in frames)
    standing, frames = analyse(generate("knee_drive", [Still(4.0, "walk"), Still(3.0, "shift")], view="side"), exercise)
    assert standing.reps == [] and not any(f.usable for f in frames)
    on_all_fours, _ = analyse(generate("donkey_kick", sets(("left", [Rep(0.0)])), view="side"), exercise)
    assert on_all_fours.reps == []


@pytest.mark.parametrize("fps", [15, 30])
def test_prone_hip_extension_hold_is_timed(fps):
    reps = [Rep(12.0, hold_s=0.0), Rep(16.0, hold_s=1.5), Rep(18.0, hold_s=3.0)]
    clip = generate("prone_hip_extension", sets(("left", reps)), fps=fps, mediapipe_offsets=False)
    result, _ = analyse(clip)
    top = EXERCISES["prone_hip_extension"].thresholds["top_deg"]
    assert [rep.hold_s for rep in result.reps] == pytest.approx([t.time_above(top) for t in clip.truth], abs=0.1)
    assert [rep.valid for rep in result.reps] == [False, True, True]
    assert fault_codes(result.reps[0]) == {"hold_too_short"}


@pytest.mark.parametrize("exercise", list(GOOD))
def test_noise_and_dropped_frames(exercise):
    good = GOOD[exercise]
    clip = generate(exercise, sets(("left", [good]), ("right", [good]), ("left", [good])), jitter_px=2.0,
                    drop_fraction=0.05, seed=9)
    result, _ = analyse(clip)
    assert [(rep.side, rep.valid) for rep in result.reps] == [("left", True), ("right", True), ("left", True)]
