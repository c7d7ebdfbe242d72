"""The commands around the session history: `routine`, `history` and `progress`.

Kept apart from cli.py, which only registers them: they share the --db option and the history's
one-line errors, and nothing with the analysis commands.
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from formcheck.errors import FormcheckError, UsageError
from formcheck.history import History
from formcheck.models import DEFAULT_LIVE_MODEL

if TYPE_CHECKING:  # types only: `formcheck history` starts without numpy
    from formcheck.analysis import Event
    from formcheck.report import ExerciseReport, Rep

SETUP_S = 10.0  # headless, nobody to press Enter: this long to get in front of the camera


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=Path, metavar="PATH",
                   help="history database (default: $FORMCHECK_HOME/history.sqlite3 or ~/.local/share/formcheck/)")


def add_save_options(analyze: argparse.ArgumentParser) -> None:
    """`analyze --save [--db PATH]`: record the analysed clip as a session."""
    analyze.add_argument("--save", action="store_true", help="record the analysed clip in the session history")
    _add_db(analyze)


def save_report(report, db: Path | None) -> str:
    """Record an analysed clip; the line that says where."""
    with History(db) as history:
        session = history.save_report(report)
    return f"Saved to history as session {session} ({history.path})."


def add_live_options(live: argparse.ArgumentParser) -> None:
    """`live [--db PATH] [--no-save]`: a live session is recorded unless told not to."""
    live.add_argument("--no-save", dest="save", action="store_false", help="do not record the session in the history")
    _add_db(live)


class LiveRecord:
    """A `formcheck live` session written into the history as it happens: each rep committed the
    moment the live loop announces it, so a kill loses at most the rep in progress.

    Nothing is written until the loop's first event (no camera, nobody in view: no session); then
    the session and its first set, dated when the session started. A set's last rep (`set_done`)
    ends the set and the next rep opens the next one; a rep numbered no higher than the one before
    means the counts were reset (key r), and opens a new set too."""

    def __init__(self, history: History, exercise: str, *, started: datetime, source: str, model: str,
                 options: dict, sets: int, reps: int | None):
        self.history, self.exercise, self.started = history, exercise, started
        self.source, self.model, self.options, self.sets, self.reps = source, model, options, sets, reps
        self.session: int | None = None
        self._set: int | None = None  # the open set; None between sets
        self._sets_done = 0
        self._last_n = 0
        self._recorded: set[tuple[str, float]] = set()  # (side, start_s) of every rep written

    def on_event(self, event: Event) -> None:
        self._open()
        if event.kind == "rep" and event.rep is not None:
            if event.rep.n <= self._last_n:  # the analyser started over
                self._end_set()
            self._write(event.rep)
        elif event.kind == "set_done":
            self._sets_done += 1
            if self._sets_done < self.sets:  # after the last set the rest of the session stays in it
                self._end_set()

    def finish(self, report: ExerciseReport) -> int | None:
        """The session's end: a rep the end of the video closed is written too; the session id, or
        None when nothing happened."""
        if self.session is None and not report.reps:
            return None
        self._open()
        for rep in report.reps:
            if (rep.side, rep.start_s) not in self._recorded:
                self._write(rep)
        self._end_set()
        self.history.end_session(self.session)
        return self.session

    def _open(self) -> None:
        if self.session is None:
            self.session = self.history.start_session("live", at=self.started)

    def _write(self, rep: Rep) -> None:
        if self._set is None:
            self._set = self.history.start_set(
                self.session, self.exercise, side=self.options.get("side"), target_reps=self.reps,
                hold_target_s=self.options.get("hold_s"), source=self.source, model=self.model,
                options=self.options, at=self.started if not self._recorded else None)
        self.history.add_rep(self._set, rep)
        self._recorded.add((rep.side, rep.start_s))
        self._last_n = rep.n

    def _end_set(self) -> None:
        if self._set is not None:
            self.history.end_set(self._set)
        self._set, self._last_n = None, 0


def live_record(args: argparse.Namespace, options: dict, started: datetime) -> LiveRecord | None:
    """The history side of a `formcheck live` session (None with --no-save); a bad --db or model
    fails here, before the camera opens."""
    if not args.save:
        return None
    from formcheck.models import resolve_model

    source = str(args.source) if args.source is not None else f"camera:{args.camera}"
    return LiveRecord(History(args.db), args.exercise, started=started, source=source,
                      model=resolve_model(args.model).name, options=options, sets=args.sets, reps=args.reps)


def saved_line(record: LiveRecord, session: int | None) -> str:
    if session is None:
        return f"Nothing recorded in the history ({record.history.path}): no one got into position."
    return f"Saved to history as session {session} ({record.history.path})."


def add_commands(commands) -> None:
    """The subcommands, on cli.py's subparsers."""
    routine = commands.add_parser("routine", help="list, show or run a routine of exercises")
    actions = routine.add_subparsers(dest="action", required=True, parser_class=type(routine))
    actions.add_parser("list", help="the shipped routines")
    show = actions.add_parser("show", help="a routine's steps")
    start = actions.add_parser("start", help="run a routine live, set by set, recording into history")
    for p in (show, start):
        p.add_argument("name", nargs="?", help="a shipped routine (see `formcheck routine list`)")
        p.add_argument("--file", type=Path, metavar="PATH", help="your own routine file (TOML) instead")
    start.add_argument("--source", type=Path, action="append", default=[], metavar="FILE",
                       help="play a video as the camera: one for every step, or one per analysed step (repeat)")
    start.add_argument("--camera", type=int, default=0, metavar="N", help="camera index (default: %(default)s)")
    start.add_argument("--headless", action="store_true", help="no window: events as lines on stdout")
    start.add_argument("--no-wait", action="store_true",
                       help="skip the rest timers and set-up waits (replaying recorded sets)")
    start.add_argument("--fast", action="store_true", help="with --source: every frame, as fast as possible (no pacing)")
    start.add_argument("--mute", action="store_true", help="no tones or speech")
    start.add_argument("--model", default=DEFAULT_LIVE_MODEL, help="lite | full | heavy | PATH.task (default: %(default)s)")
    _add_db(start)

    history = commands.add_parser("history", help="the recorded sessions")
    history.add_argument("--exercise", "-e", help="only sessions with this exercise")
    history.add_argument("--limit", type=int, default=20, metavar="N", help="the latest N sessions (default: %(default)s)")
    _add_db(history)

    progress = commands.add_parser("progress", help="week-by-week trends of one exercise")
    progress.add_argument("--exercise", "-e", required=True, help="exercise id")
    progress.add_argument("--plot", type=Path, metavar="PNG", help="also draw the trends into this PNG")
    _add_db(progress)


def _routine(args: argparse.Namespace):
    from formcheck.routines import find_routine, load_routine

    if (args.name is None) == (args.file is None):
        raise UsageError("give a routine NAME or --file PATH (see `formcheck routine list`)")
    return load_routine(args.file if args.file else find_routine(args.name))


def cmd_routine(args: argparse.Namespace) -> int:
    from formcheck.routines import find_routine, load_routine, shipped_names

    if args.action == "list":
        routines = [load_routine(find_routine(name)) for name in shipped_names()]
        width = max(len(r.name) for r in routines)
        for r in routines:
            print(f"{r.name:<{width}}  {r.title}: {', '.join(step.name for step in r.steps)}")
        return 0
    routine = _routine(args)
    if args.action == "show":
        print(routine.title + (f": {routine.description}" if routine.description else ""))
        for n, step in enumerate(routine.steps, 1):
            print(f"  {n}. {step.name}: {step.describe()}" + (f". {step.cue}" if step.cue else ""))
        return 0
    return _start(routine, args)


def _start(routine, args: argparse.Namespace) -> int:
    from formcheck.routine_live import live_run_set
    from formcheck.routine_runner import run_routine, step_sources

    if args.fast and not args.source:
        raise UsageError("--fast plays video files: give them with --source FILE")
    sources = [str(p) for p in args.source] or [args.camera]
    try:
        step_sources(routine, sources)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    _check_sources(sources)
    pauses = TerminalPauses(interactive=not args.headless and sys.stdin.isatty(), wait=not args.no_wait)
    run_set = live_run_set(model=args.model, headless=args.headless, fast=args.fast, mute=args.mute)
    with History(args.db) as history:
        session = run_routine(routine, sources, run_set, history, pauses, say=_say)
    print(f"Recorded as session {session} in {history.path}.")
    return 0


def _check_sources(sources: list) -> None:
    """Every video and camera opened once before the routine starts: a missing one is one line
    now, not an unfinished session in the history after the first announcement."""
    from formcheck.pose import native_stderr_silenced
    from formcheck.sources import CameraSource, VideoFileSource

    for source in dict.fromkeys(sources):
        if isinstance(source, int):
            with native_stderr_silenced():  # OpenCV's own complaint; ours is one line
                CameraSource(source).capture.release()
        else:
            VideoFileSource(source)


def _say(line: str) -> None:
    print(line, flush=True)


class TerminalPauses:
    """Set-up waits and rest timers on the terminal: Enter when someone is there to press it,
    else a countdown; nothing at all with --no-wait."""

    def __init__(self, interactive: bool, wait: bool):
        self.interactive, self.wait = interactive, wait

    def ready(self, message: str) -> None:
        _say(message)
        if not self.wait:
            return
        if self.interactive:
            input("Press Enter when you are in position. ")
        else:
            self.countdown(SETUP_S, "Starting")

    def countdown(self, seconds: float, label: str) -> None:
        _say(f"{label}: {seconds:g} s.")
        if not self.wait:
            return
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if sys.stdout.isatty():
                print(f"\r  {left:4.0f} s ", end="", flush=True)
            time.sleep(min(left, 1.0))
        if sys.stdout.isatty():
            print("\r\033[K", end="", flush=True)


def cmd_history(args: argparse.Namespace) -> int:
    from formcheck.history_text import format_sessions

    if args.limit < 1:
        raise UsageError(f"--limit must be 1 or more, got {args.limit}")
    with History(args.db) as history:
        print(format_sessions(history.session_lines(args.exercise, args.limit), args.exercise))
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    from formcheck.exercises import UnknownExercise, get_spec
    from formcheck.history_text import format_trend
    from formcheck.trends import weekly_trend

    try:
        spec = get_spec(args.exercise)
    except UnknownExercise as exc:
        raise UsageError(str(exc)) from None
    with History(args.db) as history:
        trend = weekly_trend(history.rep_records(spec.name), spec)
    print(format_trend(trend))
    if args.plot and trend.weeks:
        from formcheck.trend_plot import write_trend_plot

        try:
            write_trend_plot(trend, args.plot)
        except OSError as exc:
            raise FormcheckError(f"cannot write the plot {args.plot}: {exc.strerror or exc}") from None
        print(f"Plot written to {args.plot}")
    return 0


COMMANDS = {"routine": cmd_routine, "history": cmd_history, "progress": cmd_progress}
