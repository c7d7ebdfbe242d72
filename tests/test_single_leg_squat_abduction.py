"""single_leg_squat and standing_hip_abduction on generated landmark sequences: the working leg
picked from the body (the planted foot, the raised leg), depth and range, knee caving, pelvis
drop, trunk lean, hip hiking, mirrored video, and moves that are no rep."""
from __future__ import annotations

import pytest

import kinematics_standing  # noqa: F401  (registers the standing poses with the generator)
from kinematics import Rep, Still, analyse, fault_codes, generate


def set_of(side: str | None, *reps: Rep) -> list:
    timeline = [Still(1.5)]
    for rep in reps:
        timeline += [Rep(rep.peak, side=rep.side or side, hold_s=0.5, faults=rep.faults), Still(1.0)]
    return timeline


SQUAT_GOOD = Rep(60.0)
RAISE_GOOD = Rep(35.0)


@pytest.mark.parametrize("view", ["front", "oblique", "side"])
@pytest.mark.parametrize("side", ["left", "right"])
def test_single_leg_squat_names_the_standing_leg(view, side):
    result, frames = analyse(generate("single_leg_squat", set_of(side, SQUAT_GOOD, SQUAT_GOOD), view=view,
                                      jitter_px=1.0, seed=2))
    assert [(rep.side, rep.valid, rep.faults) for rep in result.reps] == [(side, True, [])] * 2
    assert frames[-1].counts[side] == (2, 2)


@pytest.mark.parametrize("side", ["left", "right"])
def test_single_leg_squat_faults(side):
    timeline = set_of(side, Rep(60.0, faults={"valgus": 35.0}), Rep(60.0, faults={"drop": 15.0}), Rep(53.0), SQUAT_GOOD)
    result, _ = analyse(generate("single_leg_squat", timeline, view="front", jitter_px=1.0, seed=8))
    assert [fault_codes(rep) for rep in result.reps] == [{"knee_caving"}, {"pelvis_drop"}, {"not_deep_enough"}, set()]
    assert result.reps[0].faults[0].message.startswith(f"{side} knee travelled")
    assert result.reps[2].faults[0].message.endswith("target 60°")


def test_a_squat_on_both_feet_is_no_single_leg_squat():
    result, _ = analyse(generate("squat", set_of(None, Rep(90.0), Rep(90.0)), view="front"), "single_leg_squat")
    assert [(rep.valid, fault_codes(rep)) for rep in result.reps] == [(False, {"free_foot_down"})] * 2


def test_single_leg_squat_pelvis_is_judged_against_the_persons_own_standing():
    """A pelvis that reads 4° off level when standing is that person's level."""
    clip = generate("single_leg_squat", set_of("left", SQUAT_GOOD, Rep(60.0, faults={"drop": 15.0})), view="front",
                    offsets={"drop": 4.0})
    result, _ = analyse(clip)
    assert [fault_codes(rep) for rep in result.reps] == [set(), {"pelvis_drop"}]


@pytest.mark.parametrize("view", ["front", "oblique"])
def test_alternating_side_leg_raises(view):
    clip = generate("standing_hip_abduction", set_of(None, *(Rep(35.0, side=s) for s in ("left", "right") * 3)),
                    view=view, jitter_px=1.0, seed=1)
    result, frames = analyse(clip, side="alternate")
    assert [rep.side for rep in result.reps] == [t.side for t in clip.truth]
    assert all(rep.valid and not rep.faults for rep in result.reps)
    assert frames[-1].counts == {"left": (3, 3), "right": (3, 3)}


def test_abduction_is_read_from_vertical():
    result, _ = analyse(generate("standing_hip_abduction", set_of("left", RAISE_GOOD, Rep(22.0)), view="front"))
    assert result.reps[0].measures["hip_abduction_deg"] == pytest.approx(35.0, abs=4.0)
    assert [(rep.valid, fault_codes(rep)) for rep in result.reps] == [(True, set()), (False, {"partial_range"})]
    assert result.reps[1].faults[0].message.endswith("target 30°")


@pytest.mark.parametrize("side", ["left", "right"])
def test_abduction_faults(side):
    timeline = set_of(side, Rep(35.0, faults={"side_lean": 15.0}), Rep(35.0, faults={"hike": 15.0}), RAISE_GOOD)
    result, _ = analyse(generate("standing_hip_abduction", timeline, view="front", jitter_px=1.0, seed=3))
    assert [fault_codes(rep) for rep in result.reps] == [{"trunk_lean"}, {"hip_hike"}, set()]
    assert "away from the raised leg" in result.reps[0].faults[0].message
    assert result.reps[1].faults[0].message.startswith("pelvis tilted 1")


@pytest.mark.parametrize("exercise, side", [("single_leg_squat", "left"), ("standing_hip_abduction", "right")])
def test_mirrored_same_answer_when_declared(exercise, side):
    timeline = set_of(side, Rep(60.0 if exercise == "single_leg_squat" else 35.0))
    result, _ = analyse(generate(exercise, timeline, view="front", mirrored=True), mirrored=True)
    assert [(rep.side, rep.valid) for rep in result.reps] == [(side, True)]


def test_side_view_cannot_see_a_side_leg_raise():
    result, frames = analyse(generate("standing_hip_abduction", set_of("left", RAISE_GOOD), view="side"))
    assert result.reps == [] and {f.reason for f in frames} == {"wrong view"}


@pytest.mark.parametrize("exercise", ["single_leg_squat", "standing_hip_abduction"])
@pytest.mark.parametrize("motion", ["shift", "walk"])
def test_standing_and_walking_are_no_reps(exercise, motion):
    result, _ = analyse(generate("knee_drive", [Still(8.0, motion)], view="front"), exercise)
    assert result.reps == []
