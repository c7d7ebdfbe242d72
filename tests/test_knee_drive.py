"""knee_drive on generated landmark sequences: per-side counts, the MediaPipe correction, faults,
alternating high knees, standing and walking, mirrored video and label swaps."""
from __future__ import annotations

import pytest

from formcheck.engine.calibration import HIP_FLEXION_GAIN, HIP_FLEXION_OFFSET_DEG, true_hip_flexion
from formcheck.exercises import EXERCISES
from kinematics import Alternating, Rep, Still, analyse, fault_codes, generate

SPEC = EXERCISES["knee_drive"]
TOP = SPEC.thresholds["top_deg"]


def march(*sides, peak=95.0, hold_s=1.3, **rep):
    timeline = [Still(1.5)]
    for side in sides:
        timeline += [Rep(peak, side=side, hold_s=hold_s, **rep), Still(1.0)]
    return timeline


@pytest.mark.parametrize("view", ["side", "front", "oblique"])
def test_single_leg_set_counts_that_side(view):
    result, frames = analyse(generate("knee_drive", march("right", "right", "right"), view=view))
    assert frames[-1].counts == {"left": (0, 0), "right": (3, 3)}
    assert all(not rep.faults for rep in result.reps)


def test_alternating_march_counts_each_side():
    clip = generate("knee_drive", march("left", "right", "left", "right", "left"))
    result, frames = analyse(clip, side="alternate")
    assert [rep.side for rep in result.reps] == [t.side for t in clip.truth]
    assert frames[-1].counts == {"left": (3, 3), "right": (2, 2)}


def test_a_set_for_one_side_marks_the_other_sides_reps():
    result, _ = analyse(generate("knee_drive", march("left", "right")), side="left")
    assert [(rep.side, rep.valid) for rep in result.reps] == [("left", True), ("right", False)]
    assert fault_codes(result.reps[1]) == {"wrong_side"}


def test_true_90_counts_although_mediapipe_reads_it_low():
    """SYNTH_NOTES: raw trunk-thigh angles read 9-13° low at 90-95°; a raw '90 minus a few'
    fails good reps, the corrected measure does not."""
    result, frames = analyse(generate("knee_drive", march("left", peak=90.0)))
    (rep,) = result.reps
    raw_peak = max(f.measures.get("hip_flexion_raw_deg", 0.0) for f in frames)
    assert raw_peak < 90.0 - 5.0  # "90 minus a few" on the raw reading would fail it
    assert rep.measures["hip_flexion_deg"] > TOP + 5.0
    assert rep.valid and rep.measures["hip_flexion_deg"] == pytest.approx(90.0, abs=5.0)
    assert true_hip_flexion(84.0) == pytest.approx(95.0)


def test_short_lift_is_reported_in_the_users_degrees():
    result, _ = analyse(generate("knee_drive", march("left", peak=68.0)))
    (rep,) = result.reps
    assert not rep.valid and "knee_below_target" in fault_codes(rep)
    message = next(f.message for f in rep.faults if f.code == "knee_below_target")
    reached = int(message.split()[2].rstrip("°,"))
    assert reached == pytest.approx(68, abs=5) and message.endswith("target 90°")


@pytest.mark.parametrize("fps", [15, 24, 30, 60])
def test_hold_is_timed_in_media_seconds(fps):
    clip = generate("knee_drive", march("left", "left", hold_s=0.2) + [Rep(95.0, side="left", hold_s=1.5), Still(1.0)],
                    fps=fps, mediapipe_offsets=False)
    result, _ = analyse(clip)
    top_as_read = (TOP - HIP_FLEXION_OFFSET_DEG) / HIP_FLEXION_GAIN  # without offsets, read = true
    truth = [t.time_above(top_as_read) for t in clip.truth]
    assert [rep.hold_s for rep in result.reps] == pytest.approx(truth, abs=0.1)
    assert [rep.valid for rep in result.reps] == [False, False, True]
    assert result.reps[0].faults[0].message == f"held {result.reps[0].hold_s:.1f} s of 1 s"


@pytest.mark.parametrize("fault, code, view", [
    ({"lean": -25.0}, "trunk_lean", "side"),
    ({"lean": 25.0}, "trunk_lean", "front"),
    ({"stand_bend": 50.0}, "standing_knee_bent", "side"),
    ({"drop": 15.0}, "pelvis_not_level", "front"),
])
def test_faults_are_found_with_their_numbers(fault, code, view):
    result, _ = analyse(generate("knee_drive", march("left", "right", faults=fault), view=view))
    assert all(code in fault_codes(rep) and not rep.valid for rep in result.reps)
    if code == "trunk_lean":
        word = "back" if fault["lean"] < 0 else "forward"
        assert all(f"leaned {word}" in f.message for rep in result.reps for f in rep.faults if f.code == code)
    if code == "pelvis_not_level":
        assert [f.message.split()[0] for rep in result.reps for f in rep.faults if f.code == code] == ["left", "right"]


def test_side_view_does_not_judge_pelvis_level():
    result, _ = analyse(generate("knee_drive", march("left", faults={"drop": 15.0}), view="side"))
    assert [rep.valid for rep in result.reps] == [True]


@pytest.mark.parametrize("view", ["side", "front"])
@pytest.mark.parametrize("fps", [25, 60])
def test_fast_alternating_high_knees(view, fps):
    clip = generate("knee_drive", [Still(1.5, "shift"), Alternating(20), Still(1.5, "shift")],
                    view=view, fps=fps, jitter_px=1.5, seed=fps)
    result, frames = analyse(clip, hold_s=0)
    assert [rep.side for rep in result.reps] == [t.side for t in clip.truth]
    assert all(rep.valid for rep in result.reps)
    assert frames[-1].counts == {"left": (10, 10), "right": (10, 10)}


@pytest.mark.parametrize("motion", ["shift", "walk"])
@pytest.mark.parametrize("view", ["side", "front"])
def test_standing_still_shifting_weight_or_walking_counts_nothing(motion, view):
    result, frames = analyse(generate("knee_drive", [Still(8.0, motion)], view=view))
    assert result.reps == []
    assert frames[-1].counts == {"left": (0, 0), "right": (0, 0)}


def test_resting_between_sets_counts_nothing():
    timeline = march("left", "left") + [Still(6.0, "shift")] + march("right")[1:]
    result, _ = analyse(generate("knee_drive", timeline))
    assert [(rep.side, rep.valid) for rep in result.reps] == [("left", True), ("left", True), ("right", True)]


@pytest.mark.parametrize("view", ["side", "front"])
def test_mirrored_video_same_answer_when_declared(view):
    timeline = march("left", "right", "right")
    plain, _ = analyse(generate("knee_drive", timeline, view=view))
    mirrored, _ = analyse(generate("knee_drive", timeline, view=view, mirrored=True), mirrored=True)
    undeclared, _ = analyse(generate("knee_drive", timeline, view=view, mirrored=True))
    sides = [rep.side for rep in plain.reps]
    assert sides == ["left", "right", "right"]
    assert [rep.side for rep in mirrored.reps] == sides
    # a mirrored person is a valid person of the other handedness: without being told, the sides swap
    assert [rep.side for rep in undeclared.reps] == ["right", "left", "left"]


def test_label_swaps_between_reps_do_not_change_sides():
    timeline = march("left", "right", "left", "right")
    result, _ = analyse(generate("knee_drive", timeline, view="side", swap_labels_on_reps=(2, 3)))
    assert [rep.side for rep in result.reps] == ["left", "right", "left", "right"]


def test_noise_and_dropped_frames():
    clip = generate("knee_drive", march("left", "right", "left"), jitter_px=2.0, drop_fraction=0.05, seed=7)
    result, _ = analyse(clip)
    assert [(rep.side, rep.valid) for rep in result.reps] == [("left", True), ("right", True), ("left", True)]
