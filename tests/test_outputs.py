"""The files `formcheck analyze` writes: annotated video, per-frame CSV, HTML report.

Drawing and timing on made-up analyses (no model); a landmark cache through the CLI (no model);
a few seconds of a real clip through the CLI, the report opened in headless Chromium.
"""
from __future__ import annotations

import base64
import csv
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import cv2
import numpy as np
import pytest

from conftest import ffmpeg, find_person_clip, write_video
from formcheck.analysis import Event, FrameAnalysis
from formcheck.cache import save_track
from formcheck.data import PoseTrack, SourceInfo
from formcheck.overlay import CounterAnnotator, MessageAnnotator
from formcheck.report import Fault, Rep
from formcheck.timeline import FrameRecord, Timeline
from kinematics import Rep as Move, Still, generate

CHROMIUM = Path("/usr/bin/chromium")
CLIP_SECONDS = 7.0  # long enough for a bridge rep (the clean sample's first ends at 5.9 s), quick on lite
NASTY_STEM = "clip <b>&<script>alert(1)"  # a file name that would run a script if not escaped


def formcheck(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "formcheck", *args], capture_output=True, text=True, timeout=300)


def frame_analysis(t_s: float, **fields) -> FrameAnalysis:
    return FrameAnalysis(t_ms=t_s * 1000.0, usable=True, **fields)


# -- drawing and timing, on made-up analyses --------------------------------------------------


def shown_runs(annotator: MessageAnnotator, analyses: list[FrameAnalysis]) -> list[tuple[str | None, float, float]]:
    """(key or None, first t, last t) of each stretch the banner showed one message."""
    runs: list[list] = []
    for a in analyses:
        message = annotator.update(a)
        key = message.key if message else None
        if runs and runs[-1][0] == key:
            runs[-1][2] = a.t_ms / 1000
        else:
            runs.append([key, a.t_ms / 1000, a.t_ms / 1000])
    return [tuple(run) for run in runs]


def test_a_flickering_fault_shows_steadily_for_at_least_the_hold():
    fault = Fault("pelvis_not_level", "pelvis tilted 9°: keep both hips level")
    frames = [frame_analysis(i / 30, faults=[fault] if i % 2 else []) for i in range(90)]  # on, off, on ... 3 s
    runs = shown_runs(MessageAnnotator(min_hold_s=1.0, cooldown_s=1.0), frames)
    shown = [run for run in runs if run[0] is not None]
    assert shown and all(run[0] == "pelvis_not_level" for run in shown)
    assert all(end - start >= 1.0 - 1e-6 for _, start, end in shown[:-1])
    assert len(runs) <= 4  # not 90 blinks: on for a hold, maybe a cooldown gap, on again


def test_events_queue_and_each_is_shown_for_the_hold():
    rep = Rep(1, "left", 0.0, 1.0, 2.0, 1.0, valid=True)
    frames = [frame_analysis(i / 30, events=[Event("rep", i / 30, "left", "rep 1 (left)", rep),
                                             Event("fault", i / 30, "left", "leaned back 20°: stand tall")]
                             if i == 3 else []) for i in range(120)]
    runs = [run for run in shown_runs(MessageAnnotator(min_hold_s=1.5), frames) if run[0] is not None]
    assert [run[0] for run in runs] == ["event:rep:rep 1 (left)", "event:fault:leaned back 20°: stand tall"]
    assert all(end - start >= 1.5 - 1 / 30 - 1e-6 for _, start, end in runs)


def ink_height(scene: np.ndarray) -> int:
    rows = np.flatnonzero(scene.max(axis=(1, 2)) > 0)
    return int(rows[-1] - rows[0] + 1)


def test_counters_scale_with_the_frame_so_480p_and_1080p_look_alike():
    a = frame_analysis(1.0, counts={"left": (3, 4), "right": (2, 2)})
    small = CounterAnnotator().annotate(np.zeros((480, 854, 3), np.uint8), type("D", (), {"analysis": a, "pose": None}))
    large = CounterAnnotator().annotate(np.zeros((1080, 1920, 3), np.uint8), type("D", (), {"analysis": a, "pose": None}))
    assert ink_height(large) / ink_height(small) == pytest.approx(1080 / 480, rel=0.1)
    assert ink_height(small) >= 0.12 * 480  # two rows of numbers a person can read at arm's length


def test_rep_numbers_follow_the_reps_and_the_later_of_two_overlapping_reps_wins():
    timeline = Timeline()
    timeline.records = [FrameRecord(t / 10, {}, None, None, "rest", None, 0.0, True, None, None) for t in range(40)]
    reps = [Rep(1, "left", 0.5, 1.0, 1.5, 0.0, True), Rep(2, "right", 1.2, 1.8, 2.4, 0.0, False)]
    numbers = timeline.rep_numbers(reps)
    assert numbers[:5].tolist() == [0] * 5
    assert numbers[5:12].tolist() == [1] * 7
    assert numbers[12:25].tolist() == [2] * 13
    assert numbers[25:].tolist() == [0] * 15


# -- a landmark cache through the CLI ------------------------------------------------------------


def assert_csv_agrees_with_json(csv_path: Path, report: dict) -> list[dict]:
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert len(rows) == report["coverage"]["frames"]
    measures = {name for rep in report["reps"] for name in rep["measures"]}
    assert measures <= set(rows[0]), "every measure the reps carry is a column"
    for row in rows:
        t = float(row["t_s"])
        inside = [rep["n"] for rep in report["reps"] if rep["start_s"] <= t <= rep["end_s"]]
        assert int(row["rep"]) == (max(inside) if inside else 0), row
    for rep in report["reps"]:
        assert any(int(row["rep"]) == rep["n"] for row in rows), f"rep {rep['n']} is in no row"
    return rows


@pytest.fixture(scope="module")
def bridge_cache(tmp_path_factory) -> Path:
    """Two good bridges and one too low, as a landmark cache: no model needed."""
    clip = generate("glute_bridge", [Still(1.0), Move(0.0, hold_s=1.5), Still(1.0), Move(0.0, hold_s=1.0),
                                     Still(1.0), Move(-22.0), Still(1.0)], view="side", jitter_px=1.0)
    source = SourceInfo("bridge.mp4", 30.0, 1280, 720, duration_s=len(clip.times_ms) / 30, frame_count=len(clip.times_ms))
    path = tmp_path_factory.mktemp("cache") / "bridge.npz"
    save_track(PoseTrack.from_poses(clip.times_ms.tolist(), clip.poses, source, "synthetic"), path)
    return path


def test_a_cache_gives_csv_report_and_json_but_no_video(bridge_cache, tmp_path):
    result = formcheck("analyze", str(bridge_cache), "-e", "glute_bridge", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "No annotated video" in result.stdout
    report = json.loads((tmp_path / "out" / "bridge.json").read_text())
    assert report["summary"]["reps"]["total"] == 3
    rows = assert_csv_agrees_with_json(tmp_path / "out" / "bridge.csv", report)
    assert {row["phase"] for row in rows} >= {"rest", "rising", "top", "lowering"}
    assert any(row["holding"] == "1" for row in rows)
    html = (tmp_path / "out" / "bridge.html").read_text()
    valid = report["summary"]["valid_reps"]["total"]
    assert 0 < valid < 3 and f"{valid} valid of 3" in html and "cached landmarks" in html
    assert not (tmp_path / "out" / "bridge.annotated.mp4").exists()


def test_annotating_a_cache_is_a_one_line_error(bridge_cache, tmp_path):
    result = formcheck("analyze", str(bridge_cache), "-e", "glute_bridge", "--annotate", str(tmp_path / "a.mp4"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no pixels" in result.stderr
    assert not (tmp_path / "a.mp4").exists()


# -- a real clip, end to end ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_run(tmp_path_factory) -> tuple[Path, Path]:
    """(the cut input clip, the --out folder) for the first seconds of a real bridge clip, under
    a file name that would inject a script into the report if it were not escaped."""
    source = find_person_clip()
    folder = tmp_path_factory.mktemp("real")
    capture = cv2.VideoCapture(str(source))
    fps = capture.get(cv2.CAP_PROP_FPS)
    frames = []
    while len(frames) < round(CLIP_SECONDS * fps):
        ok, frame = capture.read()
        if not ok:
            break
        frames.append(frame)
    capture.release()
    clip = write_video(folder / f"{NASTY_STEM}.mp4", frames, fps)  # a cut in tmp: footage is never copied whole
    result = formcheck("analyze", str(clip), "-e", "glute_bridge", "--model", "lite", "--out", str(folder / "out"))
    assert result.returncode == 0, result.stderr
    return clip, folder / "out"


def video_facts(path: Path) -> tuple[int, int, int, float]:
    capture = cv2.VideoCapture(str(path))
    count = 0
    while capture.grab():
        count += 1
    facts = (count, int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)), int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)),
             capture.get(cv2.CAP_PROP_FPS))
    capture.release()
    return facts


def first_frame(path: Path) -> np.ndarray:
    capture = cv2.VideoCapture(str(path))
    ok, frame = capture.read()
    capture.release()
    assert ok
    return frame.astype(np.int16)


def test_annotated_video_keeps_count_size_and_rate_and_shows_the_counter(real_run):
    clip, out = real_run
    annotated = out / f"{NASTY_STEM}.annotated.mp4"
    count, width, height, fps = video_facts(annotated)
    assert (count, width, height) == video_facts(clip)[:3]
    assert fps == pytest.approx(video_facts(clip)[3], abs=0.01)
    before, after = first_frame(clip), first_frame(annotated)
    unit = min(height, width) / 720
    counter = (slice(int(20 * unit), int(80 * unit)), slice(int(20 * unit), int(160 * unit)))
    assert np.abs(after[counter] - before[counter]).mean() > 20  # the rep counter panel is drawn in


def test_annotated_video_of_a_phone_clip_stored_sideways_is_upright(tmp_path):
    """Rotation metadata is applied on reading, so the annotated video is as the viewer saw the input."""
    ramp = np.tile(np.linspace(0, 255, 320, dtype=np.uint8)[None, :, None], (180, 1, 3))  # dark left, bright right
    stored = write_video(tmp_path / "stored.mp4", [cv2.rotate(ramp, cv2.ROTATE_90_COUNTERCLOCKWISE)] * 12, fps=12)
    ffmpeg("-display_rotation", "-90", "-i", str(stored), "-c", "copy", str(tmp_path / "phone.mp4"))
    result = formcheck("analyze", str(tmp_path / "phone.mp4"), "-e", "glute_bridge", "--model", "lite",
                       "--annotate", str(tmp_path / "out.mp4"))
    assert result.returncode == 0, result.stderr
    assert video_facts(tmp_path / "out.mp4")[:3] == (12, 320, 180)
    middle = first_frame(tmp_path / "out.mp4")[60:120, 100:220]  # clear of the counter, ring and banner
    assert np.abs(middle - ramp[60:120, 100:220]).mean() < 12


def test_csv_rep_column_agrees_with_the_json(real_run):
    _, out = real_run
    report = json.loads((out / f"{NASTY_STEM}.json").read_text())
    rows = assert_csv_agrees_with_json(out / f"{NASTY_STEM}.csv", report)
    assert all(0.0 <= float(row["visibility"]) <= 1.0 for row in rows if row["visibility"])


class Page(HTMLParser):
    """The tags, image sources and text of a page, as a browser built it."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attrs).get("src", ""))

    def handle_data(self, data):
        self.text.append(data)


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}"]
    return subprocess.run([str(CHROMIUM), *flags, *args], capture_output=True, text=True, timeout=120)


MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)")
def test_html_report_opens_in_chromium_with_every_picture_and_the_counts(real_run, tmp_path):
    _, out = real_run
    page_url = (out / f"{NASTY_STEM}.html").as_uri()
    shot = tmp_path / "report.png"
    chromium(f"--screenshot={shot}", "--window-size=1200,2000", "--hide-scrollbars", page_url, profile=tmp_path / "p1")
    picture = cv2.imread(str(shot))
    assert picture is not None and picture.shape[:2] == (2000, 1200)
    assert picture.std() > 20, "the screenshot is blank"

    dom = chromium("--dump-dom", page_url, profile=tmp_path / "p2").stdout
    page = Page()
    page.feed(dom)
    assert len(page.images) >= 2  # the angle plot and at least one rep picture
    for src in page.images:
        match = re.fullmatch(r"data:(image/png|image/jpeg);base64,([A-Za-z0-9+/=]+)", src)
        assert match, f"not an inline image: {src[:60]}"
        payload = base64.b64decode(match.group(2))
        assert payload.startswith(MAGIC[match.group(1)])
        assert cv2.imdecode(np.frombuffer(payload, np.uint8), cv2.IMREAD_COLOR) is not None

    text = " ".join(" ".join(page.text).split())
    summary = json.loads((out / f"{NASTY_STEM}.json").read_text())["summary"]
    assert f"{summary['valid_reps']['total']} valid of {summary['reps']['total']}" in text
    assert f"both: {summary['valid_reps']['both']} / {summary['reps']['both']} valid / attempted" in text
    assert "script" not in page.tags, "the file name was not escaped"
    assert NASTY_STEM in text  # shown as text, as the user named it
