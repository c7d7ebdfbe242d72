"""The commands around the session history: `routine`, `history` and `progress`.

Kept apart from cli.py, which only registers them: they share the --db option and the history's
one-line errors, and nothing with the analysis commands.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from formcheck.errors import FormcheckError, UsageError
from formcheck.history import History
from formcheck.models import DEFAULT_LIVE_MODEL

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
    pauses = TerminalPauses(interactive=not args.headless and sys.stdin.isatty(), wait=not args.no_wait)
    run_set = live_run_set(model=args.model, headless=args.headless, fast=args.fast, mute=args.mute)
    with History(args.db) as history:
        session = run_routine(routine, sources, run_set, history, pauses, say=_say)
    print(f"Recorded as session {session} in {history.path}.")
    return 0


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
