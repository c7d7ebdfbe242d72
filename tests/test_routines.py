"""Routine files: the shipped ones load, broken ones give one line naming the file and line."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formcheck.exercises import EXERCISES
from formcheck.routine_runner import plan_sets, step_sources
from formcheck.routines import RoutineError, find_routine, load_routine, parse_routine, shipped_names

GOOD = """\
title = "Test routine"

[[step]]
exercise = "clamshell"
sets = 2
reps = 15
per_side = true
rest_s = 30
hold_s = [0, 5]

[[step]]
exercise = "glute_bridge"
sets = 2
reps = 15
rest_s = 45

[[step]]
stretch = "Hip flexor stretch"
sets = 1
seconds = 30
per_side = true
"""
PATH = Path("my_routine.toml")


def error_of(text: str) -> str:
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, PATH)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_every_shipped_routine_loads_and_names_known_exercises():
    names = shipped_names()
    assert "runners_hip_basics" in names
    for name in names:
        routine = load_routine(find_routine(name))
        assert routine.title and routine.steps
        assert all(step.exercise in EXERCISES for step in routine.steps if step.analysed)


def test_runners_hip_basics_is_the_issue_programme():
    steps = load_routine(find_routine("runners_hip_basics")).steps
    clamshell, bridge, knee = steps[:3]
    assert (clamshell.exercise, clamshell.sets, clamshell.reps, clamshell.per_side, clamshell.hold_s) == (
        "clamshell", 2, 15, True, (0.0, 5.0))
    assert (bridge.exercise, bridge.sets, bridge.reps, bridge.per_side) == ("glute_bridge", 2, 15, False)
    assert (knee.exercise, knee.per_side, knee.hold_s) == ("knee_drive", True, (1.0, 3.0))
    stretches = [s for s in steps if not s.analysed]
    assert stretches and all((s.sets, s.seconds, s.per_side) == (2, 30.0, True) for s in stretches)


def test_a_good_file_loads_with_defaults():
    routine = parse_routine(GOOD, PATH)
    assert routine.name == "my_routine"
    assert [s.name for s in routine.steps] == ["Clamshell", "Glute bridge", "Hip flexor stretch"]
    assert routine.steps[2].rest_s == 30.0 and routine.steps[2].seconds == 30.0
    assert routine.steps[0].describe() == "2 x 15 each side, hold 0-5 s, rest 30 s"


@pytest.mark.parametrize("change, line, words", [
    (('exercise = "glute_bridge"', 'exercise = "glute_brige"'), 12, ["step 2", "glute_brige", "did you mean glute_bridge"]),
    (("rest_s = 45", "rest_s = -5"), 15, ["step 2", "rest_s", "negative"]),
    (("sets = 2\nreps = 15\nrest_s = 45", "reps = 15\nrest_s = 45"), 11, ["step 2", "sets", "missing"]),
    (('title = "Test routine"', ""), None, ["title", "missing"]),
    (("rest_s = 45", "rest_s = 45\nrepz = 3"), 16, ["step 2", "repz", "did you mean reps"]),
    (("hold_s = [0, 5]", "hold_s = [5, 1]"), 9, ["step 1", "backwards"]),
    (("hold_s = [0, 5]", "hold_s = [0, 5, 9]"), 9, ["step 1", "[min, max]"]),
    (("reps = 15\nrest_s = 45", "reps = 15\nseconds = 20\nrest_s = 45"), 14, ["step 2", "either reps"]),
    (("rest_s = 45", "rest_s = 45\nper_side = true"), 16, ["step 2", "glute_bridge works both legs"]),
    (("sets = 1", "sets = 1.5"), 19, ["step 3", "whole number"]),
    (("sets = 1", "sets = true"), 19, ["step 3", "whole number"]),
    (("seconds = 30", "reps = 30"), 20, ["step 3", "stretch is timed"]),
    (("rest_s = 45", "rest_s = nan"), 15, ["step 2", "rest_s", "a number"]),
    (('stretch = "Hip flexor stretch"', 'stretch = "Hip"\nexercise = "clamshell"'), 19, ["step 3", "either exercise"]),
    (("rest_s = 45", "rest_s = 45\n[[step]]\nexercise = 3"), 17, ["step 3", "non-empty text"]),
    (("rest_s = 45", "rest_s = 4 5"), 15, ["not valid TOML"]),
])
def test_broken_files_name_the_line_and_the_problem(change, line, words):
    old, new = change
    assert old in GOOD
    message = error_of(GOOD.replace(old, new, 1))
    assert message.startswith(f"{PATH}:{line}:" if line else f"{PATH}:")
    for word in words:
        assert word in message, message


def test_a_file_without_steps_or_not_there():
    assert "at least one [[step]]" in error_of('title = "x"\n')
    with pytest.raises(RoutineError, match="nope.toml: cannot read"):
        load_routine("nope.toml")
    with pytest.raises(RoutineError, match="did you mean runners_hip_basics"):
        find_routine("runners_hip_basic")


def test_sets_are_planned_side_by_side_with_rests_between_sets():
    routine = parse_routine(GOOD, PATH)
    plan = [(p.step.name, p.set_n, p.side, p.rest_after_s) for p in plan_sets(routine)]
    assert plan == [
        ("Clamshell", 1, "left", 0.0), ("Clamshell", 1, "right", 30.0),
        ("Clamshell", 2, "left", 0.0), ("Clamshell", 2, "right", 0.0),
        ("Glute bridge", 1, None, 45.0), ("Glute bridge", 2, None, 0.0),
        ("Hip flexor stretch", 1, "left", 0.0), ("Hip flexor stretch", 1, "right", 0.0),
    ]
    goal = plan_sets(routine)[0].goal()
    assert (goal.exercise, goal.reps, goal.hold_s, goal.side) == ("clamshell", 15, 0.0, "left")


def test_sources_one_for_all_or_one_per_analysed_step():
    routine = parse_routine(GOOD, PATH)
    assert step_sources(routine, ["a.mp4"]) == {0: "a.mp4", 1: "a.mp4"}
    assert step_sources(routine, ["a.mp4", "b.mp4"]) == {0: "a.mp4", 1: "b.mp4"}
    with pytest.raises(ValueError, match="2 analysed steps"):
        step_sources(routine, ["a.mp4", "b.mp4", "c.mp4"])


# -- fuzzing: whatever the text, a Routine or one RoutineError line that names a real line ----------

_fuzz = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = ["exercise", "stretch", "sets", "reps", "seconds", "per_side", "rest_s", "hold_s", "cue", "title", "repz"]
VALUES = st.one_of(
    st.integers(-3, 300).map(str), st.floats(-10, 1000, allow_nan=False).map(repr),
    st.sampled_from(['"clamshell"', '"glute_bridge"', '"clamshel"', '""', "true", "nan", "inf", "[1, 2]",
                     "[3, 1]", "[]", '["a"]', "1979-05-27", "{a = 1}", '"x\\ny"', "99999999999999999999"]),
)
LINE = st.one_of(st.tuples(st.sampled_from(KEYS), VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}"),
                 st.sampled_from(["[[step]]", "[step]", "[[steps]]", "", "# note", "title = \"t\"", "= 3", "[["]))


def check_outcome(text: str) -> None:
    try:
        routine = parse_routine(text, PATH)
    except RoutineError as exc:
        message = str(exc)
        assert "\n" not in message and message.startswith(str(PATH))
        match = re.match(rf"{re.escape(str(PATH))}:(\d+):", message)
        if match:
            assert 1 <= int(match.group(1)) <= max(len(text.splitlines()), 1), message
        return
    assert routine.steps and all(s.sets >= 1 and s.rest_s >= 0 for s in routine.steps)


@_fuzz
@given(st.lists(LINE, max_size=25))
def test_fuzzed_routine_lines(lines):
    check_outcome("\n".join(lines))


@_fuzz
@given(st.lists(st.tuples(st.integers(0, len(GOOD)), st.integers(0, 3), st.text(max_size=3)), min_size=1, max_size=6))
def test_fuzzed_edits_of_a_good_file(edits):
    text = GOOD
    for position, cut, insert in edits:
        text = text[:position] + insert + text[position + cut:]
    check_outcome(text)
