"""`analyze --save`, `history`, `progress` and `routine list|show` driven as a user would."""
from __future__ import annotations


from test_cli import assert_one_line_error, formcheck
from test_outputs import bridge_cache  # noqa: F401  (a fixture: three synthetic bridges, no model)


def test_analyze_save_then_history_and_progress(bridge_cache, tmp_path):  # noqa: F811
    db = tmp_path / "history.sqlite3"
    for _ in range(2):
        result = formcheck("analyze", str(bridge_cache), "-e", "glute_bridge", "--save", "--db", str(db))
        assert result.returncode == 0, result.stderr
        assert "Saved to history as session" in result.stdout
    listed = formcheck("history", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    rows = listed.stdout.splitlines()
    assert rows[0].split()[:3] == ["date", "session", "exercise"] and len(rows) == 3
    assert all("glute_bridge" in row and "bridge.mp4" in row and "both 2/3" in row for row in rows[1:])
    assert formcheck("history", "--db", str(db), "--exercise", "clamshell").stdout == "No sessions of clamshell recorded.\n"

    plot = tmp_path / "trend.png"
    progress = formcheck("progress", "-e", "glute_bridge", "--db", str(db), "--plot", str(plot))
    assert progress.returncode == 0, progress.stderr
    assert progress.stdout.startswith("glute_bridge: 6 reps over 1 week")
    assert plot.read_bytes().startswith(b"\x89PNG")


def test_save_with_json_to_stdout_keeps_stdout_json(bridge_cache, tmp_path):  # noqa: F811
    import json

    result = formcheck("analyze", str(bridge_cache), "-e", "glute_bridge", "--json", "-", "--save",
                       "--db", str(tmp_path / "h.sqlite3"))
    assert json.loads(result.stdout)["summary"]["reps"]["total"] == 3
    assert "Saved to history" in result.stderr


def test_formcheck_home_is_the_default_place(tmp_path):
    result = formcheck("history", env={"FORMCHECK_HOME": str(tmp_path / "home")})
    assert result.returncode == 0 and "No sessions recorded yet" in result.stdout
    assert (tmp_path / "home" / "history.sqlite3").exists()


def test_history_errors_are_one_line(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"\x00\x01not sqlite" * 300)
    assert_one_line_error(formcheck("history", "--db", str(junk)), 1, "junk.sqlite3", "corrupt")
    assert_one_line_error(formcheck("progress", "-e", "glute_brige", "--db", str(tmp_path / "h")), 2, "glute_bridge")
    assert_one_line_error(formcheck("history", "--db", str(tmp_path)), 1, "is a folder")


def test_routine_list_and_show():
    listed = formcheck("routine", "list")
    assert listed.returncode == 0 and "runners_hip_basics" in listed.stdout
    shown = formcheck("routine", "show", "runners_hip_basics")
    assert shown.returncode == 0
    assert "Clamshell: 2 x 15 each side, hold 0-5 s" in shown.stdout
    assert "Hip flexor stretch: 2 x 30 s each side" in shown.stdout


def test_a_broken_routine_file_is_one_line(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('title = "Mine"\n\n[[step]]\nexercise = "clam_shell"\nsets = 2\nreps = 10\n')
    assert_one_line_error(formcheck("routine", "show", "--file", str(mine)), 1, f"{mine}:4:", "did you mean clamshell")
    assert_one_line_error(formcheck("routine", "start", "runners_hip_basic"), 1, "did you mean runners_hip_basics")
    assert_one_line_error(formcheck("routine", "show"), 2, "NAME or --file")


def test_routine_start_without_a_camera_is_one_line_and_records_nothing(tmp_path):
    db = tmp_path / "h.sqlite3"
    result = formcheck("routine", "start", "runners_hip_basics", "--camera", "57", "--headless", "--no-wait",
                       "--db", str(db))
    assert_one_line_error(result, 1, "--camera N", "--source FILE")
    assert result.stdout == "" and not db.exists()  # told before the first exercise is announced
    missing = tmp_path / "missing.mp4"
    assert_one_line_error(formcheck("routine", "start", "runners_hip_basics", "--source", str(missing), "--db", str(db)),
                          1, f"no such file: {missing}")
