"""bird_dog, donkey_kick and fire_hydrant on generated landmark sequences: per-leg counts, holds,
each fault, both sides, mirrored video, label swaps, and nothing counted off all fours."""
from __future__ import annotations

import pytest

import kinematics_floor  # noqa: F401  (adds the floor exercises to the generator)
from formcheck.exercises import EXERCISES
from kinematics import Rep, Still, analyse, fault_codes, generate
from kinematics_floor import sets

BIRD_DOG_GOOD = Rep(0.0, hold_s=5.6)
KICK_GOOD = Rep(5.0, hold_s=0.5)
HYDRANT_GOOD = Rep(50.0, hold_s=0.5)


@pytest.mark.parametrize("exercise, good, view", [
    ("bird_dog", BIRD_DOG_GOOD, "side"), ("bird_dog", BIRD_DOG_GOOD, "feet_end"), ("donkey_kick", KICK_GOOD, "side"),
    ("fire_hydrant", HYDRANT_GOOD, "feet_end"), ("fire_hydrant", HYDRANT_GOOD, "side"),
])
def test_clean_reps_counted_per_leg(exercise, good, view):
    clip = generate(exercise, sets(("left", [good, good]), ("right", [good, good, good])), view=view,
                    jitter_px=1.0, seed=3)
    result, frames = analyse(clip)
    assert [rep.side for rep in result.reps] == [t.side for t in clip.truth]
    assert all(rep.valid and not rep.faults for rep in result.reps)
    assert frames[-1].counts == {"left": (2, 2), "right": (3, 3)}


@pytest.mark.parametrize("exercise, good", [("bird_dog", BIRD_DOG_GOOD), ("donkey_kick", KICK_GOOD)])
def test_level_thigh_reads_level(exercise, good):
    result, _ = analyse(generate(exercise, sets(("left", [good])), view="side", mediapipe_offsets=False))
    assert result.reps[0].measures["thigh_elevation_deg"] == pytest.approx(good.peak, abs=1.0)


@pytest.mark.parametrize("fps", [15, 30, 60])
def test_bird_dog_hold_is_timed(fps):
    reps = [Rep(0.0, hold_s=2.0), Rep(0.0, hold_s=5.5), Rep(5.0, hold_s=7.0)]
    clip = generate("bird_dog", sets(("left", reps)), view="side", fps=fps, mediapipe_offsets=False)
    result, _ = analyse(clip)
    top = EXERCISES["bird_dog"].thresholds["top_deg"]
    assert [rep.hold_s for rep in result.reps] == pytest.approx([t.time_above(top) for t in clip.truth], abs=0.1)
    assert [rep.valid for rep in result.reps] == [False, True, True]
    assert fault_codes(result.reps[0]) == {"hold_too_short"}
    assert [hold.side for hold in result.holds] == ["left"] * 3


@pytest.mark.parametrize("side", ["left", "right"])
def test_bird_dog_faults(side):
    reps = [Rep(-35.0, hold_s=5.6), Rep(0.0, hold_s=5.6, faults={"arm_low": 40.0}), Rep(35.0, hold_s=5.6),
            BIRD_DOG_GOOD]
    result, _ = analyse(generate("bird_dog", sets((side, reps)), view="side", jitter_px=1.0, seed=4))
    # the generated arm follows the leg, so a low leg comes with a low arm
    assert [fault_codes(rep) for rep in result.reps] == [
        {"leg_below_level", "arm_below_level"}, {"arm_below_level"}, {"back_sagging"}, set()]
    assert [rep.side for rep in result.reps] == [side] * 4
    assert not any(rep.valid for rep in result.reps[:3]) and result.reps[3].valid


@pytest.mark.parametrize("side", ["left", "right"])
def test_bird_dog_hip_opening_seen_from_the_feet_not_the_side(side):
    timeline = sets((side, [Rep(0.0, hold_s=5.6, faults={"hip_open": 20.0}), BIRD_DOG_GOOD]))
    from_feet, _ = analyse(generate("bird_dog", timeline, view="feet_end"))
    assert [fault_codes(rep) for rep in from_feet.reps] == [{"hip_rotating_open"}, set()]
    assert from_feet.reps[0].faults[0].message.startswith(f"{side} hip turned up")
    from_side, _ = analyse(generate("bird_dog", timeline, view="side"))
    assert [rep.valid for rep in from_side.reps] == [True, True]


@pytest.mark.parametrize("side", ["left", "right"])
def test_donkey_kick_faults(side):
    reps = [Rep(-30.0, hold_s=0.5), Rep(40.0, hold_s=0.5), Rep(5.0, hold_s=0.5, faults={"knee_open": 50.0}), KICK_GOOD]
    result, _ = analyse(generate("donkey_kick", sets((side, reps)), view="side", jitter_px=1.0, seed=5))
    assert [fault_codes(rep) for rep in result.reps] == [{"partial_range"}, {"back_arching"}, {"knee_opening"}, set()]
    assert [rep.valid for rep in result.reps] == [False, False, False, True]
    assert result.reps[0].faults[0].message.startswith("thigh reached -")


@pytest.mark.parametrize("side", ["left", "right"])
def test_fire_hydrant_faults(side):
    reps = [Rep(36.0, hold_s=0.5), Rep(50.0, hold_s=0.5, faults={"shift": 0.15}), HYDRANT_GOOD]
    result, _ = analyse(generate("fire_hydrant", sets((side, reps)), view="feet_end", jitter_px=1.0, seed=6))
    assert [fault_codes(rep) for rep in result.reps] == [{"partial_range"}, {"trunk_shifting"}, set()]
    assert [rep.side for rep in result.reps] == [side] * 3
    assert result.reps[0].faults[0].message.endswith("target 45°")


@pytest.mark.parametrize("exercise, good, view", [("bird_dog", BIRD_DOG_GOOD, "side"),
                                                  ("donkey_kick", KICK_GOOD, "side"),
                                                  ("fire_hydrant", HYDRANT_GOOD, "feet_end")])
def test_mirrored_video_and_label_swaps(exercise, good, view):
    timeline = sets(("left", [good]), ("right", [good]), ("left", [good]))
    mirrored, _ = analyse(generate(exercise, timeline, view=view, mirrored=True), mirrored=True)
    assert [rep.side for rep in mirrored.reps] == ["left", "right", "left"]
    swapped, _ = analyse(generate(exercise, timeline, view=view, swap_labels_on_reps=(2,)))
    assert [rep.side for rep in swapped.reps] == ["left", "right", "left"]


@pytest.mark.parametrize("exercise", ["bird_dog", "donkey_kick", "fire_hydrant"])
def test_nothing_counted_at_rest_or_off_all_fours(exercise):
    view = EXERCISES[exercise].view
    still, frames = analyse(generate(exercise, [Still(6.0)], view=view, jitter_px=1.5, seed=8))
    assert still.reps == [] and all(f.usable for f in frames)
    standing, frames = analyse(generate("knee_drive", [Still(4.0, "walk"), Still(3.0, "shift")], view="side"), exercise)
    assert standing.reps == [] and "not in position" in {f.reason for f in frames}
    lying, frames = analyse(generate("glute_bridge", [Still(1.0), Rep(0.0), Still(1.0)], view="side"), exercise)
    assert lying.reps == [] and not any(f.usable for f in frames)
    face_down, frames = analyse(generate("prone_hip_extension", sets(("left", [Rep(16.0)])), view="side"), exercise)
    assert face_down.reps == [] and {f.reason for f in frames} == {"not in position"}


@pytest.mark.parametrize("exercise, good", [("bird_dog", BIRD_DOG_GOOD), ("donkey_kick", KICK_GOOD),
                                            ("fire_hydrant", HYDRANT_GOOD)])
def test_noise_and_dropped_frames(exercise, good):
    clip = generate(exercise, sets(("left", [good]), ("right", [good]), ("left", [good])),
                    view=EXERCISES[exercise].view, jitter_px=2.0, drop_fraction=0.05, seed=9)
    result, _ = analyse(clip)
    assert [(rep.side, rep.valid) for rep in result.reps] == [("left", True), ("right", True), ("left", True)]
