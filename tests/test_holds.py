"""Hold exercises (plank, hip flexor, knee-to-chest and 90/90 stretches, balance test) on generated
landmark sequences: a "rep" is one hold in position, timed only while the form is right."""
from __future__ import annotations

import pytest

from formcheck.engine.holds import WOBBLE_GRACE_S, HoldTimer
from formcheck.engine.measures import MEASURES
from formcheck.engine.spec import HoldRule
from formcheck.exercises import EXERCISES, make_analyser
from kinematics import analyse, fault_codes
from kinematics_holds import OFF, Seg, generate, starts

HOLDS = ("plank", "hip_flexor_stretch", "knee_to_chest_stretch", "stretch_90_90", "balance_test")
ONE_SIDED = HOLDS[1:]
FRAME_S = 1 / 30


def held(timeline, exercise, **options):
    """(reps, frames) of a generated clip."""
    result, frames = analyse(generate(exercise, timeline, **options.pop("gen", {})), exercise, **options)
    return result.reps, frames


# -- the hold timer -------------------------------------------------------------------------------

def test_timer_leaves_out_lapses_bridged_by_the_grace():
    timer = HoldTimer(grace_s=0.5, count_lapses=False)
    for i in range(301):  # 10 s at 30 fps, out of posture from 4.0 to 4.3 s
        t = i / 30
        timer.update(t, not 4.0 <= t < 4.3)
    assert timer.current(10.0) == pytest.approx(10.0 - 0.3, abs=1e-6)
    span = timer.finish()
    assert timer.spans == [span] and span.paused_s == pytest.approx(0.3, abs=1e-6)


def test_timer_counts_lapses_by_default_and_ends_on_request():
    timer = HoldTimer(grace_s=0.5)
    for i in range(61):
        timer.update(i / 30, not 1.0 <= i / 30 < 1.2)
    assert timer.current(2.0) == pytest.approx(2.0, abs=1e-6)
    timer.end(2.1)
    assert not timer.open and timer.spans[0].duration_s == pytest.approx(2.05, abs=1e-6)


# -- every hold exercise --------------------------------------------------------------------------

def test_hold_specs_are_complete():
    for name in HOLDS:
        spec = EXERCISES[name]
        assert isinstance(spec.rep, HoldRule) and spec.hold_s == 30.0
        rules = (*spec.rep.position, *spec.faults)
        assert all(rule.threshold in spec.thresholds for rule in rules)
        assert {spec.rep.top, spec.rep.target} <= set(spec.thresholds)
        assert set(spec.measure_names()) <= set(MEASURES)


@pytest.mark.parametrize("exercise", HOLDS)
@pytest.mark.parametrize("side", ["left", "right"])
def test_a_clean_hold_is_timed_against_its_target(exercise, side):
    timeline = [Seg(1.5, side, OFF), Seg(12.0, side), Seg(1.5, side, OFF)]
    reps, frames = held(timeline, exercise, gen={"jitter_px": 0.5, "seed": 2})
    assert len(reps) == 1
    rep = reps[0]
    assert rep.side == ("both" if exercise == "plank" else side)
    assert rep.start_s == pytest.approx(1.5, abs=0.1) and rep.end_s == pytest.approx(13.5, abs=0.1)
    assert rep.hold_s == pytest.approx(12.0, abs=0.1)
    assert not rep.valid and [f.code for f in rep.faults] == ["hold_too_short"]
    assert rep.faults[0].message == f"held {rep.hold_s:.1f} s of 30 s"
    assert max(f.hold_s for f in frames) == pytest.approx(12.0, abs=0.1)
    assert {f.phase for f in frames if 3.0 < f.t_ms / 1000 < 13.0} == {"top"}


@pytest.mark.parametrize("exercise", HOLDS)
def test_reaching_the_target_is_valid_and_said(exercise):
    timeline = [Seg(1.0, "right", OFF), Seg(6.0, "right"), Seg(1.0, "right", OFF)]
    reps, frames = held(timeline, exercise, hold_s=5.0)
    assert [(r.valid, r.faults) for r in reps] == [(True, [])]
    said = [e for f in frames for e in f.events if e.kind in ("hold_reached", "rep")]
    assert [(e.kind, round(e.t_s, 1)) for e in said] == [("hold_reached", 6.0), ("rep", 7.5)]


@pytest.mark.parametrize("exercise", ONE_SIDED)
def test_mirrored_video_and_swapped_labels_keep_the_side(exercise):
    timeline = [Seg(1.0, "left", OFF), Seg(4.0, "left"), Seg(4.0, "left", swap=True), Seg(1.0, "right", OFF),
                Seg(4.0, "right", swap=True), Seg(1.0, "right", OFF)]
    clip = generate(exercise, timeline, mirrored=True)
    result, _ = analyse(clip, exercise, mirrored=True)
    assert [(r.side, round(r.hold_s, 1)) for r in result.reps] == [("left", 8.0), ("right", 4.0)]


@pytest.mark.parametrize("exercise", ONE_SIDED)
def test_a_set_for_one_side_marks_the_other_side(exercise):
    reps, _ = held([Seg(1.0, "right", OFF), Seg(6.0, "right"), Seg(1.0, "right", OFF)], exercise,
                   side="left", hold_s=5.0)
    assert [(r.side, r.valid, fault_codes(r)) for r in reps] == [("right", False, {"wrong_side"})]


@pytest.mark.parametrize("fps", [15.0, 60.0])
def test_the_frame_rate_does_not_change_the_time(fps):
    timeline = [Seg(1.3, q=OFF), Seg(7.7), Seg(1.0, q=OFF)]
    reps, _ = held(timeline, "plank", gen={"fps": fps})
    assert [round(r.hold_s, 1) for r in reps] == [7.7]


# -- form: the clock stops, a wobble does not end a hold, a longer break does ---------------------

FORM_BREAKS = {  # exercise: a fault injected, and its code
    "plank": ({"sag": 25.0}, "hips_sagging"),
    "hip_flexor_stretch": ({"ext": 0.0}, "hip_not_extended"),
    "knee_to_chest_stretch": ({"pull": 85.0}, "knee_not_to_chest"),
    "stretch_90_90": ({"lift": 15.0}, "back_hip_lifting"),
}


@pytest.mark.parametrize("exercise", FORM_BREAKS)
def test_a_wobble_is_not_counted_and_does_not_end_the_hold(exercise):
    fault, _ = FORM_BREAKS[exercise]
    wobble = WOBBLE_GRACE_S - 0.2
    timeline = [Seg(1.0, q=OFF), Seg(6.0), Seg(wobble, q=fault), Seg(6.0), Seg(1.0, q=OFF)]
    reps, frames = held(timeline, exercise)
    assert len(reps) == 1 and reps[0].hold_s == pytest.approx(12.0, abs=0.1)
    assert reps[0].end_s == pytest.approx(starts(timeline)[-2], abs=0.1)
    assert fault_codes(reps[0]) == {"hold_too_short"}  # the wobble was told live, not held against it
    assert any(e.kind == "fault" for f in frames for e in f.events)


@pytest.mark.parametrize("exercise", FORM_BREAKS)
def test_form_breaking_for_longer_ends_the_hold_with_the_fault(exercise):
    fault, code = FORM_BREAKS[exercise]
    timeline = [Seg(1.0, q=OFF), Seg(5.0), Seg(2.0, q=fault), Seg(4.0), Seg(1.0, q=OFF)]
    reps, _ = held(timeline, exercise, gen={"jitter_px": 0.5, "seed": 4})
    assert [round(r.hold_s, 1) for r in reps] == [5.0, 4.0]
    assert [fault_codes(r) for r in reps] == [{"hold_too_short", code}, {"hold_too_short"}]
    assert reps[0].end_s == pytest.approx(6.0, abs=0.1) and reps[1].start_s == pytest.approx(8.0, abs=0.1)


def test_plank_pike_is_a_fault_too():
    reps, _ = held([Seg(1.0, q=OFF), Seg(3.0), Seg(2.0, q={"sag": -25.0}), Seg(1.0, q=OFF)], "plank")
    assert [(round(r.hold_s, 1), fault_codes(r)) for r in reps] == [(3.0, {"hold_too_short", "hips_piked"})]
    assert "hips piked" in reps[0].faults[1].message


def test_knee_to_chest_other_leg_lifting_is_a_cue_that_does_not_stop_the_clock():
    reps, _ = held([Seg(1.0, q=OFF), Seg(6.0, q={"other": 45.0}), Seg(1.0, q=OFF)], "knee_to_chest_stretch",
                   hold_s=5.0)
    assert [(round(r.hold_s, 1), r.valid, fault_codes(r)) for r in reps] == [(6.0, True, {"other_leg_lifting"})]
    assert reps[0].faults[0].message.startswith("other leg lifted 4")


# -- what is not a hold ---------------------------------------------------------------------------

NOT_IN_POSITION = {
    "plank": [{"off": 1.0}, {"kneel": 1.0}],
    "hip_flexor_stretch": [{"off": 1.0}, {"lean": 45.0}],
    "knee_to_chest_stretch": [{"off": 1.0}, {"hook": 1.0}],
    "stretch_90_90": [{"off": 1.0}, {"cross": 1.0}],
    "balance_test": [{"off": 1.0}, {"bend": 60.0}],
}


@pytest.mark.parametrize("exercise", HOLDS)
def test_out_of_position_counts_nothing_and_says_what_to_do(exercise):
    timeline = [Seg(4.0, q=q) for q in NOT_IN_POSITION[exercise]]
    reps, frames = held(timeline, exercise)
    assert reps == [] and max(f.hold_s for f in frames) == 0.0
    assert {f.reason for f in frames} == {"not in position"}
    advice = [e.message for f in frames for e in f.events if e.kind == "position"]
    rules = {rule.message.split(":")[0] for rule in EXERCISES[exercise].rep.position}
    assert advice and all(any(m.startswith(r) for r in rules) for m in advice)


def test_passing_through_the_position_is_not_a_hold():
    reps, _ = held([Seg(1.0, q=OFF), Seg(0.6), Seg(1.0, q=OFF)], "plank")
    assert reps == []


def test_leaving_the_position_ends_the_hold_without_blame():
    reps, _ = held([Seg(1.0, q=OFF), Seg(4.0), Seg(0.2, q={"sag": 25.0}), Seg(2.0, q={"kneel": 1.0})], "plank")
    assert [(round(r.hold_s, 1), fault_codes(r)) for r in reps] == [(4.0, {"hold_too_short"})]


# -- the balance test -------------------------------------------------------------------------------

@pytest.mark.parametrize("view", ["front", "side"])
def test_balance_reports_stance_time_and_sway_per_leg(view):
    timeline = [Seg(1.0, "left", OFF), Seg(10.0, "left", {"sway_x": 1.0, "sway_y": 1.0}), Seg(1.0, "right", OFF),
                Seg(10.0, "right", {"sway_x": 4.0, "sway_y": 3.0}), Seg(1.0, "right", OFF)]
    reps, _ = held(timeline, "balance_test", gen={"view": view})
    assert [(r.side, round(r.hold_s, 1)) for r in reps] == [("left", 10.0), ("right", 10.0)]
    # whole periods of two sines: RMS = sqrt((ax^2 + ay^2) / 2)
    assert reps[0].measures["sway_cm"] == pytest.approx(1.0, abs=0.3)
    assert reps[1].measures["sway_cm"] == pytest.approx((12.5 ** 0.5), abs=0.3)


def test_balance_changing_legs_ends_the_hold_at_once():
    timeline = [Seg(1.0, "left", OFF), Seg(4.0, "left"), Seg(4.0, "right"), Seg(1.0, "right", OFF)]
    reps, _ = held(timeline, "balance_test")
    assert [(r.side, round(r.hold_s, 1)) for r in reps] == [("left", 4.0), ("right", 4.0)]


def test_balance_alternating_quick_steps_are_not_a_stance():
    steps = [Seg(0.4, side) for side in ["left", "right"] * 6]
    reps, _ = held([Seg(1.0, q=OFF), *steps, Seg(1.0, q=OFF)], "balance_test")
    assert reps == []


# -- the report and the analyser's contract ---------------------------------------------------------

def test_hold_analyser_keeps_the_analyser_contract():
    analyser = make_analyser("plank", hold_s=20, thresholds={"sag_deg": 12})
    assert analyser.drive_measure == "hip_extension_deg" and analyser.spec.hold_s == 20
    assert analyser.spec.thresholds["sag_deg"] == 12 and analyser.target == 0.0
    with pytest.raises(ValueError, match="no threshold named rest_deg"):
        make_analyser("plank", thresholds={"rest_deg": 1})
    with pytest.raises(ValueError, match="both legs"):
        make_analyser("plank", side="left")


def test_a_dropout_inside_the_grace_is_bridged_and_not_counted():
    clip = generate("plank", [Seg(1.0, q=OFF), Seg(8.0), Seg(1.0, q=OFF)])
    clip.poses[150:156] = [None] * 6  # 0.2 s with no person at 5.0 s
    result, _ = analyse(clip)
    assert [round(r.hold_s, 1) for r in result.reps] == [7.8]
    assert len(result.holds) == 1 and result.holds[0].duration_s == result.reps[0].hold_s


# -- routines: a timed step of a hold exercise is one hold of that length ---------------------------

def test_a_routine_hold_set_is_done_once_the_hold_reaches_its_seconds():
    from formcheck.live.session import Session, SetPlan
    from formcheck.routine_runner import plan_sets
    from formcheck.routines import find_routine, load_routine

    goals = [planned.goal() for planned in plan_sets(load_routine(find_routine("hip_mobility")))]
    assert {goal.exercise for goal in goals} == set(HOLDS)
    first = goals[0]
    assert (first.exercise, first.reps, first.hold_s, first.side) == ("hip_flexor_stretch", None, 30.0, "left")
    # As the live routine runs it: one valid rep (a hold that long) per set; 6 s here to keep it short.
    session = Session(first.exercise, {"hold_s": 6.0, "side": "left"}, SetPlan(sets=1, reps=1, rest_s=0.0))
    clip = generate(first.exercise, [Seg(1.5, "left", OFF), Seg(4.0, "left"), Seg(1.5, "left", OFF),
                                     Seg(7.0, "left"), Seg(1.5, "left", OFF)])
    events = [e for t, pose in clip.frames() for e in session.update(t, pose).events]
    done = [e for e in events if e.kind == "set_done"]
    # the short first hold did not count; the second is judged once its end outlasts the grace
    assert len(done) == 1 and done[0].t_s == pytest.approx(14.0 + WOBBLE_GRACE_S, abs=0.1)
    assert [e.message for e in events if e.kind == "rep"] == ["held 4.0 s of 6 s", "held 7.0 s (left)"]
