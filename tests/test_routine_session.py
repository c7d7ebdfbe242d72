"""A routine run set by set: scripted sets (no model), then the CLI through the live loop with a
real clip as the camera, recording the expected sets into history."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FOOTAGE, SAMPLES, ffmpeg
from formcheck.analysis import Event
from formcheck.data import SourceInfo
from formcheck.exercises import EXERCISES
from formcheck.history import History
from formcheck.report import Coverage, ExerciseReport, Rep
from formcheck.routine_runner import RoutineStopped, SetGoal, run_routine
from formcheck.routines import parse_routine
from test_cli import formcheck

ROUTINE = """\
title = "Two bridges and a stretch"

[[step]]
exercise = "glute_bridge"
sets = 2
reps = 2
rest_s = 20

[[step]]
exercise = "clamshell"
sets = 1
reps = 3
per_side = true
hold_s = [1, 2]

[[step]]
stretch = "Hip flexor stretch"
sets = 1
seconds = 30
per_side = true
"""


class Script:
    """A stand-in live loop: each set makes `reps` reps (the last one invalid) as events."""

    def __init__(self, stop_at: int | None = None):
        self.goals: list[tuple[SetGoal, object]] = []
        self.stop_at = stop_at

    def __call__(self, goal: SetGoal, source, on_event) -> ExerciseReport:
        self.goals.append((goal, source))
        if len(self.goals) == self.stop_at:
            on_event(Event("rep", 1.0, goal.side, "", Rep(1, goal.side or "both", 0, 1, 2, 1.0, True)))
            raise RoutineStopped("quit")
        reps = [Rep(n, goal.side or "both", n, n + 0.5, n + 1, 1.5, n < goal.reps, {"hip_extension_deg": -4.0})
                for n in range(1, goal.reps + 1)]
        for rep in reps:
            on_event(Event("rep", rep.end_s, rep.side, "", rep))
        return ExerciseReport("0", goal.exercise, "lite", SourceInfo(str(source), 30, 64, 48), Coverage(), reps, [])


class Pauses:
    def __init__(self):
        self.said: list[str] = []

    def ready(self, message: str) -> None:
        self.said.append(f"ready: {message}")

    def countdown(self, seconds: float, label: str) -> None:
        self.said.append(f"countdown {seconds:g}: {label}")


def test_a_scripted_routine_runs_every_set_in_order_and_records_it(tmp_path):
    routine = parse_routine(ROUTINE, Path("two.toml"))
    script, pauses, said = Script(), Pauses(), []
    with History(tmp_path / "h.sqlite3") as history:
        session = run_routine(routine, ["a.mp4", "b.mp4"], script, history, pauses, said.append)
        lines = history.session_lines()
    assert [(g.exercise, g.reps, g.hold_s, g.side, src) for g, src in script.goals] == [
        ("glute_bridge", 2, None, None, "a.mp4"), ("glute_bridge", 2, None, None, "a.mp4"),
        ("clamshell", 3, 1.0, "left", "b.mp4"), ("clamshell", 3, 1.0, "right", "b.mp4")]
    assert pauses.said == [
        f"ready: Camera: {EXERCISES['glute_bridge'].camera_tip}",
        "countdown 20: Rest, then Glute bridge set 2",
        f"ready: Camera: {EXERCISES['clamshell'].camera_tip} (left side first)",
        "ready: Switch sides: Clamshell, right side.",
        "ready: Get into position (left side first).",
        "countdown 30: Hip flexor stretch: set 1 of 1, left",
        "ready: Switch sides: Hip flexor stretch, right side.",
        "countdown 30: Hip flexor stretch: set 1 of 1, right",
    ]
    assert "Glute bridge: set 2 of 2: 1 valid of 2." in said
    assert [(l.exercise, l.counts, l.finished, l.routine) for l in lines] == [
        ("glute_bridge", {"both": (2, 4)}, True, "two"),
        ("clamshell", {"left": (2, 3), "right": (2, 3)}, True, "two"),
        ("Hip flexor stretch", {}, True, "two")]
    assert lines[2].timed_s == 60.0 and all(l.session_id == session for l in lines)


def test_a_routine_stopped_mid_set_keeps_what_was_done(tmp_path):
    routine = parse_routine(ROUTINE, Path("two.toml"))
    with History(tmp_path / "h.sqlite3") as history:
        with pytest.raises(RoutineStopped):
            run_routine(routine, ["a.mp4"], Script(stop_at=3), history, Pauses(), lambda line: None)
        [bridge, clamshell] = history.session_lines()
    assert not bridge.finished and bridge.counts == {"both": (2, 4)}
    assert clamshell.counts == {"left": (1, 1)}


# -- through the CLI and the live loop, a real clip as the camera ---------------------------------


@pytest.fixture(scope="module")
def bridge_clip(tmp_path_factory) -> Path:
    """Two glute bridges or more: the clean sample, or the first 8.5 s of the evaluation footage cut into tmp."""
    sample = SAMPLES / "glute_bridge_side_clean.mp4"
    if sample.exists():
        return sample
    footage = FOOTAGE / "bridge_side_02.mp4"
    if not footage.exists():
        pytest.skip("no bridge clip: samples/ is empty and ../shared/footage is absent")
    clip = tmp_path_factory.mktemp("clip") / "bridge.mp4"
    ffmpeg("-i", str(footage), "-t", "8.5", "-vf", "scale=-2:480", "-an", str(clip))
    return clip


def test_routine_start_with_source_videos_records_the_sets(bridge_clip, tmp_path):
    mine = tmp_path / "two.toml"
    mine.write_text(ROUTINE)
    db = tmp_path / "h.sqlite3"
    result = formcheck("routine", "start", "--file", str(mine), "--source", str(bridge_clip), "--source",
                       str(bridge_clip), "--headless", "--fast", "--no-wait", "--mute", "--model", "lite", "--db", str(db),
                       env={"XDG_DATA_HOME": str(tmp_path)})  # the live loop's own session logs go there
    assert result.returncode == 0, result.stderr
    assert f"Camera: {EXERCISES['glute_bridge'].camera_tip}" in result.stdout
    assert "Glute bridge: set 2 of 2:" in result.stdout and "Two bridges and a stretch: done." in result.stdout
    with sqlite3.connect(db) as raw:
        sets = raw.execute("SELECT coalesce(exercise, name), side, ended_at IS NOT NULL, model FROM sets ORDER BY n").fetchall()
        reps = raw.execute("SELECT st.n, r.valid FROM reps r JOIN sets st ON st.id = r.set_id "
                           "WHERE st.exercise = 'glute_bridge' ORDER BY r.id").fetchall()
    assert sets == [("glute_bridge", None, 1, "lite"), ("glute_bridge", None, 1, "lite"),
                    ("clamshell", "left", 1, "lite"), ("clamshell", "right", 1, "lite"),
                    ("Hip flexor stretch", "left", 1, None), ("Hip flexor stretch", "right", 1, None)]
    # each bridge set replays the clip: the same reps (at least one), valid ones counted toward 2
    first = [valid for n, valid in reps if n == 1]
    assert first and first == [valid for n, valid in reps if n == 2]
    listed = formcheck("history", "--db", str(db))
    assert "routine two" in listed.stdout and "glute_bridge" in listed.stdout


def test_a_routine_killed_mid_set_keeps_every_announced_rep(bridge_clip, tmp_path):
    mine = tmp_path / "two.toml"
    mine.write_text(ROUTINE)
    db = tmp_path / "h.sqlite3"
    # paced in real time, as a camera would give it: the first rep is announced a few seconds in
    process = subprocess.Popen(
        [sys.executable, "-m", "formcheck", "routine", "start", "--file", str(mine), "--source", str(bridge_clip),
         "--headless", "--no-wait", "--mute", "--model", "lite", "--db", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, "XDG_DATA_HOME": str(tmp_path)})
    announced = 0
    try:
        for line in process.stdout:
            if " s  rep" in line:  # the event printer's rep line: the history has it by now
                announced += 1
                break
        assert announced, "the first set ended without a rep"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sessions = raw.execute("SELECT kind, routine, ended_at IS NULL FROM sessions").fetchall()
        sets = raw.execute("SELECT exercise, ended_at IS NULL FROM sets").fetchall()
        stored = raw.execute("SELECT count(*) FROM reps").fetchone()[0]
    assert sessions == [("routine", "two", 1)] and sets == [("glute_bridge", 1)]
    assert stored >= announced
    with History(db) as history:
        [line] = history.session_lines()
    assert not line.finished and line.counts["both"][1] == stored
