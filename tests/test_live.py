"""`formcheck live` driven as a user would: a video played as the camera, headless and in a real
window under a virtual screen, killed mid-session, the camera pulled; and its parts on their own
(dropping frames, pacing, sets, the log, the cue worker), with no model."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import cv2
import numpy as np
import pytest

from conftest import FOOTAGE, SAMPLES
from formcheck.analysis import AnalysisResult, Event, FrameAnalysis
from formcheck.data import Frame
from formcheck.live.capture import Captured, NewestFrame
from formcheck.live.cues import TONES, CuePlayer
from formcheck.live.pacing import RealTimePacer
from formcheck.live.record import TimedRecorder
from formcheck.live.session import SetPlan, Session
from formcheck.live.session_log import SessionLog
from formcheck.models import DEFAULT_LIVE_MODEL
from formcheck.report import Hold, Rep
from formcheck.sources import CameraLost

CLIP_S = 12.0  # two whole reps of the clips below (bridges end at 5.7 and 11.3 s), short enough for CI
CLIP_WIDTH = 640
WHOLE_CLIP_MAX_S = 60.0


def formcheck_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "formcheck", *args]


def run(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(formcheck_cmd(*args), capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def cut_clip(source: Path, target: Path, seconds: float = CLIP_S, width: int = CLIP_WIDTH) -> Path:
    """The first `seconds` of `source`, shrunk to `width`: a short real clip made in tmp."""
    capture = cv2.VideoCapture(str(source))
    fps = capture.get(cv2.CAP_PROP_FPS)
    writer = None
    for _ in range(int(seconds * fps)):
        ok, frame = capture.read()
        if not ok:
            break
        height = round(frame.shape[0] * width / frame.shape[1] / 2) * 2
        frame = cv2.resize(frame, (width, height), interpolation=cv2.INTER_AREA)
        if writer is None:
            writer = cv2.VideoWriter(str(target), cv2.VideoWriter_fourcc(*"mp4v"), fps, (width, height))
        writer.write(frame)
    capture.release()
    writer.release()
    return target


def person_exercising() -> tuple[Path, str]:
    """(a clip of a person exercising, its exercise): the project sample if there is one."""
    candidates = [(SAMPLES / "glute_bridge_side_clean.mp4", "glute_bridge"),
                  (FOOTAGE / "bridge_side_02.mp4", "glute_bridge")]
    for path, exercise in candidates:
        if path.exists():
            return path, exercise
    pytest.skip("no clip of a person: samples/ has none and ../shared/footage is absent")


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> tuple[Path, str]:
    """The first CLIP_S seconds of it, shrunk."""
    path, exercise = person_exercising()
    return cut_clip(path, tmp_path_factory.mktemp("live") / "clip.mp4"), exercise


@pytest.fixture(scope="module")
def whole_clip(tmp_path_factory) -> tuple[Path, str]:
    """All of it, shrunk: the window test needs time after its screenshot for the keys it sends,
    and a paused session still lets the video run on, as a camera would."""
    path, exercise = person_exercising()
    return cut_clip(path, tmp_path_factory.mktemp("live") / "whole.mp4", seconds=WHOLE_CLIP_MAX_S), exercise


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def stored_reps(db: Path) -> tuple[list[dict], bool]:
    """The reps of the one live session in a history database, as the report writes them, and
    whether the session was ended."""
    raw = sqlite3.connect(db)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        [(kind, ended)] = raw.execute("SELECT kind, ended_at IS NOT NULL FROM sessions").fetchall()
        assert kind == "live"
        rows = raw.execute("SELECT r.side, r.start_s, r.peak_s, r.end_s, r.hold_s, r.valid FROM reps r"
                           " JOIN sets st ON st.id = r.set_id ORDER BY r.id").fetchall()
    finally:
        raw.close()
    keys = ("side", "start_s", "peak_s", "end_s", "hold_s", "valid")
    return [dict(zip(keys, (row[0], *(round(v, 3) for v in row[1:5]), bool(row[5])))) for row in rows], bool(ended)


def rep_keys(reps: list[dict]) -> list[dict]:
    return [{k: r[k] for k in ("side", "start_s", "peak_s", "end_s", "hold_s", "valid")} for r in reps]


@pytest.fixture(scope="module")
def analysed(clip) -> dict:
    """`formcheck analyze --json` on the clip, with the live default model."""
    path, exercise = clip
    result = run("analyze", str(path), "-e", exercise, "--model", DEFAULT_LIVE_MODEL, "--json", "-")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["reps"], "the test clip should hold at least one rep"
    return report


# -- end to end -------------------------------------------------------------------------------


def test_fast_headless_session_counts_the_same_reps_as_analyze(clip, analysed, tmp_path):
    path, exercise = clip
    log, video, db = tmp_path / "session.jsonl", tmp_path / "coached.mp4", tmp_path / "history.sqlite3"
    result = run("live", "-e", exercise, "--source", str(path), "--headless", "--jsonl", "--fast",
                 "--session-log", str(log), "--record", str(video), "--db", str(db))
    assert result.returncode == 0, result.stderr
    lines = json_lines(result.stdout)  # the history's line went to stderr: stdout is JSON lines only
    report = lines[-1]
    assert report["reps"] == analysed["reps"]
    assert report["summary"] == analysed["summary"]
    announced = [line["rep"]["start_s"] for line in lines[:-1] if line["type"] == "rep"]
    assert announced == [rep["start_s"] for rep in analysed["reps"]][:len(announced)]
    logged = json_lines(log.read_text())
    assert logged[0]["type"] == "session"
    assert logged[-1] == report  # the log's last line is the report itself
    recorded = cv2.VideoCapture(str(video))
    assert abs(recorded.get(cv2.CAP_PROP_FRAME_COUNT) - analysed["coverage"]["frames"]) <= 1  # headless, still coached
    recorded.release()
    assert result.stderr.splitlines() == [f"Saved to history as session 1 ({db})."]  # and no MediaPipe chatter
    assert stored_reps(db) == (rep_keys(analysed["reps"]), True)  # and the history holds them all


def test_a_mirrored_view_keeps_left_and_right(clip, analysed, tmp_path):
    path, exercise = clip
    result = run("live", "-e", exercise, "--source", str(path), "--headless", "--jsonl", "--fast", "--mirror",
                 "--session-log", str(tmp_path / "s.jsonl"), "--no-save")
    assert result.returncode == 0, result.stderr
    reps = json_lines(result.stdout)[-1]["reps"]
    assert [r["side"] for r in reps] == [r["side"] for r in analysed["reps"]]


def test_fast_needs_a_file(tmp_path):
    result = run("live", "-e", "glute_bridge", "--fast", "--headless", "--session-log", str(tmp_path / "s.jsonl"))
    assert result.returncode == 2 and "--source FILE" in result.stderr


def test_no_camera_is_one_line_naming_both_ways_out(tmp_path):
    db = tmp_path / "history.sqlite3"
    result = run("live", "-e", "glute_bridge", "--camera", "57", "--headless", "--session-log", str(tmp_path / "s.jsonl"),
                 "--db", str(db))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "--camera N" in lines[0] and "--source FILE" in lines[0]
    raw = sqlite3.connect(db)
    assert raw.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0  # no session that never was
    raw.close()


def test_killed_mid_session_the_log_and_history_hold_every_finished_rep(clip, analysed, tmp_path):
    path, exercise = clip
    log, db = tmp_path / "session.jsonl", tmp_path / "history.sqlite3"
    process = subprocess.Popen(formcheck_cmd("live", "-e", exercise, "--source", str(path), "--headless", "--jsonl",
                                             "--mute", "--session-log", str(log), "--db", str(db)),
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    announced = []
    try:
        for line in process.stdout:  # real time: the first rep is announced a few seconds in
            record = json.loads(line)
            if record["type"] == "rep":
                announced.append(record["rep"])
                break
        assert announced, "the session ended without a rep"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    logged = json_lines(log.read_text())  # every line whole: each was written and synced at once
    reps = [line["rep"] for line in logged if line["type"] == "rep"]
    assert reps[:len(announced)] == announced
    assert "summary" not in logged[-1]  # killed: no report line, and nothing else lost
    assert len(reps) <= len(analysed["reps"])
    first = analysed["reps"][0]
    # the same rep, though paced in real time on a busy machine drops frames: its peak (somewhere on a
    # flat top) falls within analyze's rep, and its ends are near analyze's
    assert reps[0]["side"] == first["side"] and first["start_s"] < reps[0]["peak_s"] < first["end_s"]
    assert abs(reps[0]["start_s"] - first["start_s"]) < 0.5 and abs(reps[0]["end_s"] - first["end_s"]) < 0.5
    # the history too: every announced rep (committed before it is announced), in the log's order, unfinished
    stored, ended = stored_reps(db)
    assert not ended and len(stored) >= len(announced) and stored == rep_keys(reps)[:len(stored)]


def test_camera_lost_mid_session_keeps_the_session(clip, analysed, tmp_path, monkeypatch, capsys):
    from formcheck import cli
    from formcheck.live import run as live_run
    from formcheck.sources import VideoFileSource

    path, exercise = clip
    video = VideoFileSource(path)
    last_rep_end = analysed["reps"][0]["end_s"] + 0.5

    def camera():  # frames as a camera gives them, at its pace, until the cable is pulled
        for frame in video:
            if frame.t_ms / 1000.0 > last_rep_end:
                raise CameraLost("camera 0 stopped sending frames")
            time.sleep(1.0 / video.info.fps)
            yield frame

    monkeypatch.setattr(live_run, "open_source", lambda request: live_run.LiveSource(video.info, camera(), camera=True))
    log, db = tmp_path / "session.jsonl", tmp_path / "history.sqlite3"
    code = cli.main(["live", "-e", exercise, "--headless", "--mute", "--session-log", str(log), "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "camera 0 stopped sending frames" in err and "kept" in err and str(log) in err
    assert "in the history as session 1" in err
    assert "Reps:" in out  # the summary was printed
    report = json_lines(log.read_text())[-1]
    assert report["reps"] and report["reps"][0]["side"] == analysed["reps"][0]["side"]
    assert stored_reps(db) == (rep_keys(report["reps"]), True)  # a lost camera ends the session cleanly


# -- the window, under a virtual screen -------------------------------------------------------


@pytest.fixture
def screen():
    if not shutil.which("Xvfb") or not shutil.which("xdotool"):
        pytest.skip("Xvfb and xdotool are needed for the window test (Debian: apt-get install xvfb xdotool)")
    display = f":{60 + os.getpid() % 30}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x1000x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    if server.poll() is not None:
        pytest.skip(f"Xvfb could not start on {display}")
    yield display
    server.terminate()
    server.wait(timeout=10)


def xdotool(display: str, *args: str) -> str:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=20,
                          env={**os.environ, "DISPLAY": display}).stdout.strip()


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def region_change(a: np.ndarray, b: np.ndarray, box: tuple[float, float, float, float]) -> float:
    """Mean absolute difference of two images inside a box given in fractions (x0, y0, x1, y1)."""
    h, w = a.shape[:2]
    x0, y0, x1, y1 = int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)
    return float(np.abs(a[y0:y1, x0:x1].astype(int) - b[y0:y1, x0:x1].astype(int)).mean())


def frame_at(path: Path, t_s: float) -> np.ndarray:
    capture = cv2.VideoCapture(str(path))
    capture.set(cv2.CAP_PROP_POS_MSEC, t_s * 1000.0)
    ok, frame = capture.read()
    capture.release()
    assert ok
    return frame


def coloured(image_bgr: np.ndarray, rgb: tuple[int, int, int], tolerance: int = 40) -> int:
    return int((np.abs(image_bgr.astype(int) - np.array(rgb[::-1])).max(axis=2) < tolerance).sum())


def read_xwd(data: bytes) -> np.ndarray:
    """A TrueColor XWD screen dump (what `xwd -root` writes under Xvfb: 24 or 32 bits a pixel) as BGR."""
    header = np.frombuffer(data[:100], ">u4")
    size, width, height, order, bpp, stride, ncolors = (int(header[i]) for i in (0, 4, 5, 7, 11, 12, 19))
    assert bpp in (24, 32) and order == 0, "expected little-endian 24 or 32-bit pixels"
    start = size + 12 * ncolors
    rows = np.frombuffer(data[start:start + stride * height], np.uint8).reshape(height, stride)
    return rows[:, :width * bpp // 8].reshape(height, width, bpp // 8)[..., :3]


def window_on_screen(display: str, window: str) -> np.ndarray | None:
    """The window's pixels as the X server shows them, when `xwd` (x11-apps) is there to dump them."""
    if not shutil.which("xwd"):
        return None
    dump = subprocess.run(["xwd", "-root", "-silent"], capture_output=True, timeout=20,
                          env={**os.environ, "DISPLAY": display}).stdout
    geometry = dict(line.split("=") for line in xdotool(display, "getwindowgeometry", "--shell", window).splitlines())
    x, y, w, h = (int(geometry[k]) for k in ("X", "Y", "WIDTH", "HEIGHT"))
    return read_xwd(dump)[y:y + h, x:x + w]


def test_window_shows_the_hud_and_obeys_pause_and_quit(whole_clip, analysed, screen, tmp_path):
    from formcheck.overlay import ACTIVE, GOOD
    from formcheck.overlay import TONES as TONES_DRAWN

    path, exercise = whole_clip  # its first rep is the short clip's, which `analysed` holds
    shot_s = analysed["reps"][0]["end_s"] + 0.3  # the first rep's verdict is in the banner then
    shot, log = tmp_path / "shot.png", tmp_path / "session.jsonl"
    process = subprocess.Popen(
        formcheck_cmd("live", "-e", exercise, "--source", str(path), "--mute", "--session-log", str(log),
                      "--screenshot-at", f"{shot_s}:{shot}", "--no-save"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "DISPLAY": screen})
    try:
        window = wait_for(lambda: xdotool(screen, "search", "--name", "formcheck live"), 30, "the window")
        window = window.splitlines()[0]
        wait_for(shot.exists, shot_s + 20, "the screenshot")
        on_screen = window_on_screen(screen, window)
        if on_screen is not None and not on_screen.any():  # mapped but not painted yet: a busy machine lags
            [on_screen] = wait_for(lambda: [image for image in [window_on_screen(screen, window)] if image.any()],
                                   10, "the window painted")
        xdotool(screen, "windowfocus", "--sync", window)
        xdotool(screen, "key", "space")
        wait_for(lambda: '"paused"' in log.read_text(), 10, "pause in the session log")
        xdotool(screen, "key", "q")
        out, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "ended: quit" in out and "Traceback" not in err
    assert "font" not in err.lower() and "display" not in err, err  # Qt finds its fonts; a window was opened

    shown = cv2.imread(str(shot))
    raw = frame_at(path, shot_s)
    assert shown.shape == raw.shape
    assert region_change(shown, raw, (0.0, 0.0, 0.2, 0.15)) > 20  # counters, top left
    # the rep's message, bottom centre: its box in the verdict's colour, however short the text
    bottom = (slice(int(0.8 * shown.shape[0]), None), slice(int(0.2 * shown.shape[1]), int(0.8 * shown.shape[1])))
    banner = sum(coloured(shown[bottom], TONES_DRAWN[tone]) - coloured(raw[bottom], TONES_DRAWN[tone])
                 for tone in ("good", "bad"))
    assert banner > 1000
    arc = coloured(shown, ACTIVE) + coloured(shown, GOOD) - coloured(raw, ACTIVE) - coloured(raw, GOOD)
    assert arc > 200  # the angle arc, amber or green
    if on_screen is not None:  # and the X server really shows it: the window is the picture, HUD and all
        assert on_screen.shape == raw.shape
        assert region_change(on_screen, raw, (0.0, 0.0, 0.2, 0.15)) > 20
        assert region_change(on_screen, shown, (0.0, 0.0, 0.2, 0.15)) < 10
    logged = json_lines(log.read_text())
    assert [line["type"] for line in logged if line.get("type") in ("paused", "resumed")] == ["paused"]
    assert "summary" in logged[-1]


# -- the parts, without a model ---------------------------------------------------------------


def frames(n: int, fps: float = 30.0) -> list[Frame]:
    return [Frame(i, i * 1000.0 / fps, np.zeros((2, 2, 3), np.uint8)) for i in range(n)]


def test_a_slow_loop_gets_the_newest_frame_and_the_rest_are_counted_dropped():
    def camera():
        for frame in frames(60):
            time.sleep(0.002)
            yield Captured(frame, time.monotonic())
        raise CameraLost("gone")

    newest = NewestFrame(camera())
    taken = []
    with pytest.raises(CameraLost):
        for captured in newest:
            taken.append(captured.frame.index)
            time.sleep(0.02)  # a slow frame
    assert taken == sorted(taken) and taken[-1] == 59  # in order, and the last one is never lost
    assert len(taken) < 30
    assert newest.captured == 60 and newest.dropped == 60 - len(taken)


def test_a_file_is_paced_by_its_media_time_and_late_frames_are_skipped():
    now = [100.0]
    slept = []

    def sleep(s):
        slept.append(s)
        now[0] += s

    pacer = RealTimePacer(frames(7), clock=lambda: now[0], sleep=sleep)
    out = []
    for captured in pacer:
        out.append(captured)
        if captured.frame.index == 1:
            now[0] += 0.2  # a hiccup: frames 2 to 6 fall due meanwhile
    assert [c.frame.index for c in out] == [0, 1, 5, 6]  # 2-4 too late; 5 and 6 within MAX_LATE_S
    assert pacer.skipped == 3
    assert [c.at - 100.0 for c in out] == pytest.approx([0.0, 1 / 30, 5 / 30, 6 / 30])  # stamped when due
    assert slept == pytest.approx([1 / 30])


class ScriptedAnalyser:
    """Stands in for the exercise analyser: valid reps on the sides given, one a frame."""

    drive_measure = "hip_flexion_deg"

    def __init__(self, sides: list[str]):
        self.sides = sides
        self.side = None
        self.spec = type("Spec", (), {"side_mode": "per_leg"})

    def update(self, t_ms, pose) -> FrameAnalysis:
        events = []
        if self.sides:
            side = self.sides.pop(0)
            if side:
                rep = Rep(1, side, 0.0, 0.0, t_ms / 1000.0, 0.0, True)
                events.append(Event("rep", t_ms / 1000.0, side, "rep", rep))
        return FrameAnalysis(t_ms, usable=True, events=events)


def test_sets_alternating_need_their_reps_on_each_side_then_rest():
    session = Session("knee_drive", {"side": "alternate"}, SetPlan(sets=2, reps=2, rest_s=10.0))
    session.analyser = ScriptedAnalyser(["left", "left", "left", "right", "", "right", "", "left", "right", "right"])
    kinds = []
    for i in range(14):
        t_ms = i * 1000.0 if i < 6 else 6000.0 + (i - 6) * 4000.0
        kinds.append([(e.kind, e.message) for e in session.update(t_ms, None).events if e.kind != "rep"])
    # Set 1 is done only once the lagging right side has its two (frame 5).
    assert kinds[5] == [("set_done", "set 1 done: rest 10 s")]
    assert session.progress.number == 2
    # A rep during the rest ends it: set 2 is under way.
    assert kinds[7] == [("set_start", "set 2 of 2: go")]
    assert session.completed_at is None
    session.analyser.sides = ["left"]  # left 2, right 2: the last set is done
    done = session.update(100_000.0, None).events
    assert [e.kind for e in done] == ["rep", "set_done"] and session.progress.complete


def test_rest_ends_by_itself_and_switching_side_is_told():
    session = Session("knee_drive", {"side": "left"}, SetPlan(sets=2, reps=1, rest_s=5.0))
    session.analyser = ScriptedAnalyser(["left"])
    assert [e.kind for e in session.update(0.0, None).events] == ["rep", "set_done"]
    assert session.progress.rest_left_s == 5.0
    session.update(3000.0, None)
    assert session.progress.rest_left_s == pytest.approx(2.0)
    assert [e.kind for e in session.update(5000.0, None).events] == ["set_start"]
    assert session.switch_side() == "right" and session.analyser.side == "right"
    assert [(e.kind, e.side) for e in session.update(6000.0, None).events] == [("notice", "right")]


class AnalyserWithARepInProgress:
    """Valid left reps at the times given, and one more rep in progress that only finish() closes."""

    drive_measure = "hip_flexion_deg"

    def __init__(self, rep_times: list[float]):
        self.due, self.reps, self.side = list(rep_times), [], None

    def update(self, t_ms, pose) -> FrameAnalysis:
        events = []
        if self.due and t_ms / 1000.0 >= self.due[0]:
            end = self.due.pop(0)
            self.reps.append(Rep(len(self.reps) + 1, "left", end - 1.0, end - 0.5, end, 0.4, True))
            events.append(Event("rep", end, "left", "rep", self.reps[-1]))
        return FrameAnalysis(t_ms, usable=True, events=events)

    def finish(self) -> AnalysisResult:
        cut = Rep(len(self.reps) + 1, "left", 9.0, 9.5, 9.6, 0.1, False)  # stopped mid-hold
        holds = [Hold("left", r.peak_s, r.peak_s + r.hold_s, r.hold_s, True) for r in self.reps]
        return AnalysisResult(self.reps + [cut], holds + [Hold("left", 9.5, 9.6, 0.1, False)])


@pytest.mark.parametrize("cut_short, reps, holds", [(True, 2, 2), (False, 3, 3)])
def test_a_stopped_session_drops_the_rep_in_progress_the_end_of_a_video_judges_it(cut_short, reps, holds):
    session = Session("knee_drive", {"side": "left"}, SetPlan(sets=1, reps=2))
    session.analyser = AnalyserWithARepInProgress([2.0, 5.0])
    for t_ms in range(0, 9700, 100):
        session.update(float(t_ms), None)
    assert session.progress.complete
    result = session.finish(cut_short=cut_short)
    assert ([r.n for r in result.reps], len(result.holds)) == (list(range(1, reps + 1)), holds)
    assert all(r.valid for r in result.reps[:2]) and result.holds[1].end_s == pytest.approx(4.9)


def test_both_legs_exercises_have_no_side_to_switch():
    session = Session("glute_bridge", {})
    assert session.switch_side() is None
    assert "no side" in session.update(0.0, None).events[-1].message


def test_positioning_advice_shows_until_the_person_is_in_view():
    session = Session("glute_bridge", {})
    assert session.update(0.0, None).reason == "no person"
    assert session.positioning == "no person"
    events = session.update(1500.0, None).events
    assert [e.kind for e in events] == ["position"]
    assert session.positioning == events[0].message  # the analyser's advice, once it gives it


def test_the_session_log_appends_whole_lines(tmp_path):
    path = tmp_path / "deep" / "s.jsonl"
    with SessionLog(path) as log:
        log.write({"type": "session"})
        log.write({"type": "rep", "message": "left hip dropped 9°"})
    with SessionLog(path) as log:  # reopened: appended, never truncated
        log.write({"type": "session"})
    lines = json_lines(path.read_text(encoding="utf-8"))
    assert [line["type"] for line in lines] == ["session", "rep", "session"]
    assert lines[1]["message"] == "left hip dropped 9°"


def test_cues_never_block_the_loop_and_stale_ones_are_dropped():
    release = threading.Event()
    commands = []

    def slow_player(command):
        commands.append(command)
        release.wait(5)
        return True

    player = CuePlayer(run=slow_player, player="aplay", speaker=("espeak-ng",))
    try:
        start = time.monotonic()
        for n in range(20):
            rep = Rep(n, "left", 0, 0, 0, 0, valid=True)
            player.event(Event("rep", 0.0, "left", f"rep {n}", rep))
        assert time.monotonic() - start < 0.1  # 20 cues handed over without waiting
        assert player.skipped >= 20 - 1 - 3  # one playing, at most the queue's depth waiting
        release.set()
        wait_for(lambda: player.played and player.played[-1].speech == "rep 19", 5, "the newest cue")  # it survives
    finally:
        player.close()
    assert len(player.played) <= 1 + 3
    assert commands[0][0] == "aplay" and commands[0][1].endswith("good.wav")


def test_cue_tones_are_real_sound_and_mute_silences(tmp_path):
    played = []
    player = CuePlayer(muted=True, run=lambda c: played.append(c) or True, player="aplay", speaker=None)
    try:
        for name in TONES:
            with wave.open(str(player._tones[name])) as w:
                rate, samples = w.getframerate(), np.frombuffer(w.readframes(w.getnframes()), np.int16)
            assert rate > 8000 and 0.05 < len(samples) / rate < 0.5
            assert np.abs(samples).max() > 8000
        player.event(Event("fault", 1.0, "left", "left hip dropped 9°"))
        time.sleep(0.2)
    finally:
        player.close()
    assert played == []


def test_a_recording_keeps_real_time_over_dropped_frames():
    class Sink:
        def __init__(self):
            self.fps, self.frames, self.images = 30.0, 0, []

        def write(self, image):
            self.frames += 1
            self.images.append(int(image[0, 0, 0]))

    sink = Sink()
    recorder = TimedRecorder(sink)
    for t_ms, value in [(1000.0, 1), (1033.3, 2), (1133.3, 3), (1140.0, 4)]:
        recorder.write(np.full((2, 2, 3), value, np.uint8), t_ms)
    assert sink.images == [1, 2, 3, 3, 3]  # frame 3 covers the two dropped before it; 4 shares its slot


def test_a_single_set_is_done_not_all_one_sets_done():
    session = Session("knee_drive", {"side": "left"}, SetPlan(sets=1, reps=1))
    session.analyser = ScriptedAnalyser(["left"])
    assert [e.message for e in session.update(0.0, None).events][-1] == "set done: well done"
