"""The command line driven as a user would: real processes, real files, exit codes, one-line errors."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

from conftest import numbered_frames, write_video


def formcheck(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "formcheck", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=300)


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, *words: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


def test_exercises_lists_each_with_its_camera_view():
    result = formcheck("exercises")
    assert result.returncode == 0
    for name in ("glute_bridge", "knee_drive", "single_leg_bridge", "clamshell"):
        line = next(l for l in result.stdout.splitlines() if l.startswith(name))
        assert "camera:" in line


def test_missing_path(tmp_path):
    assert_one_line_error(formcheck("analyze", str(tmp_path / "nope.mp4"), "-e", "glute_bridge"), 1, "no such file")


def test_not_a_video(tmp_path):
    fake = tmp_path / "notes.mp4"
    fake.write_text("these are my notes\n" * 100)
    assert_one_line_error(formcheck("analyze", str(fake), "-e", "glute_bridge"), 1, "notes.mp4")


def test_empty_video(tmp_path):
    empty = tmp_path / "empty.mp4"
    empty.touch()
    assert_one_line_error(formcheck("analyze", str(empty), "-e", "glute_bridge"), 1, "empty")


def test_truncated_video_is_analysed_as_far_as_it_goes_or_refused_cleanly(tmp_path):
    whole = write_video(tmp_path / "whole.mp4", numbered_frames(40), fps=10)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole.read_bytes()[:2000])
    result = formcheck("analyze", str(cut), "-e", "glute_bridge", "--model", "lite")
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1)
    if result.returncode == 1:
        assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_exercise_suggests_the_nearest(tmp_path):
    video = write_video(tmp_path / "v.mp4", numbered_frames(5))
    result = formcheck("analyze", str(video), "-e", "glute_brige")
    assert_one_line_error(result, 2, "glute_brige", "glute_bridge")


def test_bad_option_is_a_one_line_usage_error():
    assert_one_line_error(formcheck("analyze"), 2, "--help")
    assert_one_line_error(formcheck("analyze", "x.mp4", "-e", "glute_bridge", "--hold", "long"), 2, "hold")


def test_altered_model_is_named(tmp_path):
    folder = tmp_path / "models"
    folder.mkdir()
    from formcheck.models import resolve_model

    bundle = folder / "pose_landmarker_full.task"
    shutil.copy(resolve_model("full").path, bundle)
    bundle.write_bytes(bundle.read_bytes()[:-10])
    video = write_video(tmp_path / "v.mp4", numbered_frames(5))
    result = formcheck("analyze", str(video), "-e", "glute_bridge", env={"FORMCHECK_MODELS": str(folder)})
    assert_one_line_error(result, 1, "altered")


def test_missing_own_model(tmp_path):
    video = write_video(tmp_path / "v.mp4", numbered_frames(5))
    result = formcheck("analyze", str(video), "-e", "glute_bridge", "--model", str(tmp_path / "mine.task"))
    assert_one_line_error(result, 1, "mine.task")


def test_video_without_a_person_reports_it(tmp_path):
    frames = [np.full((240, 320, 3), 30, np.uint8) for _ in range(30)]
    video = write_video(tmp_path / "empty_room.mp4", frames, fps=10)
    result = formcheck("analyze", str(video), "-e", "glute_bridge", "--model", "lite", "--json", str(tmp_path / "r.json"))
    assert result.returncode == 0, result.stderr
    assert "No person" in result.stdout
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["coverage"]["frames"] == 30 and report["coverage"]["frames_with_pose"] == 0
    assert report["coverage"]["unusable"][0]["reason"] == "no person"
    assert report["summary"]["reps"]["total"] == 0


def test_extract_then_analyze_the_cache_gives_the_same_report(person_clip, tmp_path):
    cache = tmp_path / "poses.npz"
    result = formcheck("extract", str(person_clip), "-o", str(cache), "-q")
    assert result.returncode == 0, result.stderr
    from_video = json.loads(formcheck("analyze", str(person_clip), "-e", "glute_bridge", "--json", "-").stdout)
    from_cache = json.loads(formcheck("analyze", str(cache), "-e", "glute_bridge", "--json", "-").stdout)
    assert from_cache["reps"] == from_video["reps"]
    assert from_cache["coverage"] == from_video["coverage"]
    assert from_cache["source"] == from_video["source"]


def test_options_from_config_file_and_command_line(person_clip, tmp_path):
    cache = tmp_path / "poses.npz"
    assert formcheck("extract", str(person_clip), "-o", str(cache), "-q", "--model", "lite").returncode == 0
    config = tmp_path / "formcheck.toml"
    config.write_text("[glute_bridge]\nhold_s = 4\n")
    report = json.loads(formcheck("analyze", str(cache), "-e", "glute_bridge", "--config", str(config), "--json", "-").stdout)
    assert report["options"]["hold_s"] == 4
    assert all(not rep["valid"] for rep in report["reps"] if rep["hold_s"] < 4)
    report = json.loads(formcheck("analyze", str(cache), "-e", "glute_bridge", "--config", str(config), "--hold", "0",
                                  "--json", "-").stdout)
    assert report["options"]["hold_s"] == 0  # the command line wins over the file


def test_unknown_threshold_is_a_usage_error(tmp_path):
    video = write_video(tmp_path / "v.mp4", numbered_frames(5))
    result = formcheck("analyze", str(video), "-e", "glute_bridge", "--threshold", "banana_deg=3")
    assert_one_line_error(result, 2, "banana_deg")
    bad = tmp_path / "bad.toml"
    bad.write_text("[glute_bridge\nhold_s = ")
    assert_one_line_error(formcheck("analyze", str(video), "-e", "glute_bridge", "--config", str(bad)), 1, "bad.toml")
