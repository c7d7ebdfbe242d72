"""Session history: round trip, trends on a hand-made history, the plot, and surviving a kill."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import cv2
import pytest

from formcheck.analysis import Event
from formcheck.data import SourceInfo
from formcheck.exercises import EXERCISES
from formcheck.history import History, HistoryError, default_path
from formcheck.history_text import format_sessions, format_trend
from formcheck.report import Coverage, ExerciseReport, Fault, Rep
from formcheck.trend_plot import write_trend_plot
from formcheck.trends import weekly_trend

REPO = Path(__file__).resolve().parent.parent


def rep(n: int, valid: bool, peak: float = -5.0, hold: float = 1.5, pelvis: float | None = None,
        side: str = "both", faults: tuple[str, ...] = ()) -> Rep:
    measures = {"hip_extension_deg": peak, **({"pelvis_tilt_deg": pelvis} if pelvis is not None else {})}
    return Rep(n, side, 2.0 * n, 2.0 * n + 1, 2.0 * n + 2, hold, valid, measures,
               [Fault(code, f"{code} message", 2.0 * n + 1) for code in faults])


def report(reps: list[Rep], path: str = "clips/bridge.mp4") -> ExerciseReport:
    return ExerciseReport("0.1.0", "glute_bridge", "pose_landmarker_lite", SourceInfo(path, 30.0, 640, 480),
                          Coverage(10, 10), reps, [], {"hold_s": 1.0})


def test_a_saved_report_reads_back(tmp_path):
    reps = [rep(1, True), rep(2, False, faults=("hips_low",)), rep(3, False, faults=("hips_low", "overextension"))]
    with History(tmp_path / "h.sqlite3") as history:
        session = history.save_report(report(reps))
        [line] = history.session_lines()
        records = history.rep_records("glute_bridge")
    assert (line.session_id, line.kind, line.exercise, line.source, line.finished) == (
        session, "analyze", "glute_bridge", "clips/bridge.mp4", True)
    assert line.counts == {"both": (1, 3)}
    assert line.faults == {"hips_low": 2, "overextension": 1}
    assert [(r.valid, r.hold_s, r.measures) for r in records] == [(x.valid, x.hold_s, x.measures) for x in reps]
    text = format_sessions([line])
    assert "glute_bridge" in text and "bridge.mp4" in text and "both 1/3" in text and "hips_low x2" in text


def test_filter_limit_and_timed_sets(tmp_path):
    start = datetime(2025, 3, 3, 9, 0).astimezone()
    with History(tmp_path / "h.sqlite3") as history:
        for day in range(3):
            history.save_report(report([rep(1, True)], path=f"day{day}.mp4"), at=start + timedelta(days=day))
        routine = history.start_session("routine", routine="runners_hip_basics", at=start + timedelta(days=4))
        history.start_set(routine, None, name="Hip flexor stretch", side="left", target_s=30, at=start)
        assert [line.exercise for line in history.session_lines(limit=2)] == ["glute_bridge", "Hip flexor stretch"]
        assert [line.source for line in history.session_lines(exercise="glute_bridge", limit=2)] == ["day1.mp4", "day2.mp4"]
        [stretch] = history.session_lines(exercise="Hip flexor stretch")
    assert (stretch.finished, stretch.timed_s, stretch.routine) == (False, 30.0, "runners_hip_basics")
    assert "30 s timed" in format_sessions([stretch]) and "(unfinished)" in format_sessions([stretch])


def test_default_path_follows_formcheck_home(monkeypatch, tmp_path):
    monkeypatch.setenv("FORMCHECK_HOME", str(tmp_path))
    assert default_path() == tmp_path / "history.sqlite3"
    monkeypatch.delenv("FORMCHECK_HOME")
    assert default_path() == Path.home() / ".local/share/formcheck/history.sqlite3"


def test_the_database_is_wal_and_versioned(tmp_path):
    History(tmp_path / "h.sqlite3").close()
    db = sqlite3.connect(tmp_path / "h.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(HistoryError, match="newer formcheck"):
        History(tmp_path / "h.sqlite3")


@pytest.mark.parametrize("content, words", [
    (b"these are my notes\n" * 50, "corrupt"),
    (None, "not a formcheck history"),
])
def test_a_bad_database_is_one_clear_error(tmp_path, content, words):
    path = tmp_path / "h.sqlite3"
    if content is None:
        other = sqlite3.connect(path)
        other.execute("CREATE TABLE recipes (name TEXT)")
        other.commit()
        other.close()
    else:
        path.write_bytes(content)
    with pytest.raises(HistoryError, match=words) as caught:
        History(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


# -- trends on a hand-made history with known numbers ----------------------------------------------

# Three weeks, two sessions a week of ten reps: more valid, higher, longer, steadier each week.
WEEKS = [  # (valid of 10, peak hip extension, hold, pelvis tilt)
    (5, -20.0, 1.0, 8.0),
    (7, -12.0, 1.5, -6.0),
    (9, -5.0, 2.0, 4.0),
]


def hand_made_history(path: Path) -> History:
    monday = datetime(2025, 3, 3, 12, 0).astimezone()
    history = History(path)
    for week, (valid, peak, hold, pelvis) in enumerate(WEEKS):
        for session in range(2):
            reps = [rep(n, n <= valid, peak, hold, pelvis) for n in range(1, 11)]
            history.save_report(report(reps), at=monday + timedelta(weeks=week, days=2 * session + 1))
    return history


def test_progress_numbers_follow_the_known_trends(tmp_path):
    with hand_made_history(tmp_path / "h.sqlite3") as history:
        trend = weekly_trend(history.rep_records("glute_bridge"), EXERCISES["glute_bridge"])
    assert [w.start.isoformat() for w in trend.weeks] == ["2025-03-03", "2025-03-10", "2025-03-17"]
    assert [(w.sessions, w.attempted, w.valid) for w in trend.weeks] == [(2, 20, 10), (2, 20, 14), (2, 20, 18)]
    assert [w.range_deg for w in trend.weeks] == [-20.0, -12.0, -5.0]
    assert [w.hold_s for w in trend.weeks] == [1.0, 1.5, 2.0]
    assert [w.pelvis_deg for w in trend.weeks] == [8.0, 6.0, 4.0]
    assert trend.pelvis_measure == "pelvis_tilt_deg"
    assert trend.change("valid_ratio") == pytest.approx(0.4)
    assert (trend.change("range_deg"), trend.change("hold_s"), trend.change("pelvis_deg")) == (15.0, 1.0, -4.0)
    text = format_trend(trend)
    assert text.splitlines()[0] == "glute_bridge: 60 reps over 3 weeks"
    assert "50%" in text and "90%" in text and "+40 pts" in text and "+15.0" in text and "-4.0" in text


def test_the_progress_plot_is_a_png(tmp_path):
    with hand_made_history(tmp_path / "h.sqlite3") as history:
        trend = weekly_trend(history.rep_records("glute_bridge"), EXERCISES["glute_bridge"])
    write_trend_plot(trend, tmp_path / "trend.png")
    data = (tmp_path / "trend.png").read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = cv2.imread(str(tmp_path / "trend.png"))
    assert image is not None and image.shape[0] > image.shape[1] / 2  # four panels stacked


# -- the kill test -------------------------------------------------------------------------------

RECORDER = textwrap.dedent("""
    import sys, time
    from formcheck.analysis import Event
    from formcheck.history import History
    from formcheck.report import Rep

    history = History(sys.argv[1])
    session = history.start_session("live")
    on_event = history.rep_writer(history.start_set(session, "glute_bridge", source="camera:0"))
    for n in range(1, 100000):
        rep = Rep(n, "both", n, n + 0.5, n + 1, 1.0, n % 3 != 0, {"hip_extension_deg": -float(n % 7)})
        on_event(Event("rep", n + 1.0, "both", "rep", rep))
        print(n, flush=True)  # committed: the parent may kill us from here on
""")


def test_a_killed_session_keeps_every_committed_rep(tmp_path):
    path = tmp_path / "h.sqlite3"
    child = subprocess.Popen([sys.executable, "-c", RECORDER, str(path)], stdout=subprocess.PIPE, text=True,
                             cwd=REPO, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    committed = 0
    while committed < 200:
        committed = int(child.stdout.readline())
    child.send_signal(signal.SIGKILL)
    child.wait()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = [n for (n,) in db.execute("SELECT n FROM reps ORDER BY id")]
    db.close()
    # every rep it reported committed is there, in order, with no gap (it may have run ahead of us)
    assert len(stored) >= committed and stored == list(range(1, len(stored) + 1))
    with History(path) as history:
        [line] = history.session_lines()
    assert not line.finished and line.counts["both"][1] == len(stored)


# -- a live session, recorded as the live loop announces it ----------------------------------------


def live_record(history: History, sets: int = 2):
    from formcheck.cli_history import LiveRecord

    return LiveRecord(history, "glute_bridge", started=datetime(2025, 3, 3, 9, 0), source="camera:0", model="lite",
                      options={"hold_s": 1.0}, sets=sets, reps=2)


def rep_event(r: Rep) -> Event:
    return Event("rep", r.end_s, r.side, "rep", r)


def test_a_live_record_writes_each_rep_as_announced_with_sets_and_resets(tmp_path):
    db = tmp_path / "h.sqlite3"
    with History(db) as history:
        record = live_record(history)
        record.on_event(Event("position", 0.5, message="in position: go"))
        [record.on_event(rep_event(rep(n, True))) for n in (1, 2)]
        record.on_event(Event("set_done", 6.0, message="set 1 done: rest 60 s"))
        raw = sqlite3.connect(db)
        # committed as they came, the session still open: what a kill at this point leaves
        assert raw.execute("SELECT count(*) FROM reps").fetchone()[0] == 2
        assert raw.execute("SELECT ended_at IS NULL FROM sessions").fetchall() == [(1,)]
        record.on_event(rep_event(rep(3, False, faults=("hips_low",))))
        record.on_event(rep_event(rep(1, True)))  # key r: the analyser counts from 1 again
        record.on_event(Event("set_done", 20.0, message="all 2 sets done: well done"))
        record.on_event(rep_event(rep(2, True)))  # in the seconds the window stays: the last set keeps it
        in_progress = replace(rep(4, False), n=3)  # closed by the end of the video: only in the report
        session = record.finish(report([rep(1, True), rep(2, True), in_progress]))
        [line] = history.session_lines()
    sets = raw.execute("SELECT n, target_reps, hold_target_s, source, model, ended_at IS NOT NULL FROM sets"
                       " ORDER BY n").fetchall()
    reps = raw.execute("SELECT st.n, r.n, r.valid FROM reps r JOIN sets st ON st.id = r.set_id ORDER BY r.id").fetchall()
    started = raw.execute("SELECT started_at FROM sessions").fetchone()[0]
    raw.close()
    assert session == line.session_id and line.finished and line.kind == "live"
    assert sets == [(1, 2, 1.0, "camera:0", "lite", 1), (2, 2, 1.0, "camera:0", "lite", 1),
                    (3, 2, 1.0, "camera:0", "lite", 1)]
    assert reps == [(1, 1, 1), (1, 2, 1), (2, 3, 0), (3, 1, 1), (3, 2, 1), (3, 3, 0)]
    assert line.counts == {"both": (4, 6)} and line.faults == {"hips_low": 1}
    assert datetime.fromisoformat(started) == datetime(2025, 3, 3, 9, 0).astimezone()


def test_a_live_record_with_nothing_seen_writes_nothing(tmp_path):
    with History(tmp_path / "h.sqlite3") as history:
        record = live_record(history, sets=1)
        assert record.finish(report([])) is None
        assert history.session_lines() == []
