"""`formcheck live`: its options, and a session run from them (the CLI's thin layer)."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from formcheck import cli_history
from formcheck.errors import UsageError
from formcheck.models import DEFAULT_LIVE_MODEL


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {text}")
    return value


def _screenshot(text: str) -> tuple[float, Path]:
    seconds, sep, path = text.partition(":")
    try:
        if not sep or not path:
            raise ValueError
        return float(seconds), Path(path)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected SECONDS:PATH.png, got '{text}'") from None


def add_commands(commands) -> None:
    """`live`, on cli.py's subparsers."""
    from formcheck.cli import _threshold  # the same NAME=VALUE parsing as `analyze`

    p = commands.add_parser(
        "live", help="coach a session live from a camera (or a video played as one)",
        epilog="keys: q or Esc end the session, space pause, r reset the counts, m mute, s switch side, f frame rate")
    p.add_argument("--exercise", "-e", required=True, help="exercise id (see `formcheck exercises`)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--camera", type=int, default=0, metavar="N", help="camera index (default: %(default)s)")
    where.add_argument("--source", type=Path, metavar="FILE", help="play a video as if it were the camera")
    p.add_argument("--side", choices=["left", "right", "alternate"], help="the leg being trained, if one (key s switches)")
    p.add_argument("--sets", type=_positive_int, default=1, help="sets in the session (with --reps; default: %(default)s)")
    p.add_argument("--reps", type=_positive_int, help="valid reps a set needs (per side when alternating)")
    p.add_argument("--rest", type=float, default=60.0, metavar="SECONDS", help="rest between sets (default: %(default)g)")
    p.add_argument("--hold", type=float, metavar="SECONDS", help="hold target at the top of each rep")
    p.add_argument("--threshold", type=_threshold, action="append", default=[], metavar="NAME=VALUE",
                   help="override a named threshold of the exercise (repeatable)")
    p.add_argument("--config", type=Path, help="TOML file with [EXERCISE] hold_s, side and [EXERCISE.thresholds]")
    p.add_argument("--model", default=DEFAULT_LIVE_MODEL, help="lite | full | heavy | PATH.task (default: %(default)s)")
    p.add_argument("--record", type=Path, metavar="VIDEO", help="write the coached picture to a video (.mp4)")
    p.add_argument("--mirror", dest="mirrored", action="store_true",
                   help="show the picture as a mirror does (left and right are kept right)")
    p.add_argument("--mute", action="store_true", help="no tones or speech (key m toggles)")
    p.add_argument("--headless", action="store_true", help="no window: events printed as lines")
    p.add_argument("--jsonl", action="store_true", help="print events, then the report, as JSON lines")
    p.add_argument("--fast", action="store_true", help="with --source: every frame, as fast as possible (no pacing)")
    p.add_argument("--session-log", type=Path, metavar="PATH",
                   help="the session's JSON-lines log (default: ~/.local/share/formcheck/sessions/...)")
    p.add_argument("--screenshot-at", type=_screenshot, metavar="SECONDS:PNG", help=argparse.SUPPRESS)
    cli_history.add_live_options(p)  # --db, --no-save: each rep goes into the history as it is made


def cmd_live(args: argparse.Namespace) -> int:
    """Options checked first, then the source, the model and the log opened, then the session."""
    from formcheck.cli import analysis_options  # --config, --hold, --side, --threshold as `analyze` reads them
    from formcheck.live.run import LiveRequest, run_live
    from formcheck.summary import format_summary

    if args.fast and args.source is None:
        raise UsageError("--fast plays a video file: give it with --source FILE")
    if args.rest < 0:
        raise UsageError(f"--rest must be 0 or more, got {args.rest:g}")
    options, started = analysis_options(args), datetime.now()
    record = cli_history.live_record(args, options, started)
    request = LiveRequest(
        exercise=args.exercise, options=options, camera=args.camera, source=args.source, model=args.model,
        sets=args.sets, reps=args.reps, rest_s=args.rest, record=args.record, mute=args.mute,
        headless=args.headless, jsonl=args.jsonl, fast=args.fast, mirror=bool(args.mirrored),
        session_log=args.session_log, screenshot=args.screenshot_at, started=started,
        on_event=record.on_event if record else None,
    )
    result = run_live(request)
    session = record.finish(result.report) if record else None
    if args.jsonl:
        print(json.dumps(result.report.to_dict(), ensure_ascii=False), flush=True)
    else:
        print(format_summary(result.report))
        print(result.stats_line())
        print(f"Session log: {result.log_path}")
    if record:  # stdout stays JSON lines with --jsonl
        print(cli_history.saved_line(record, session), file=sys.stderr if args.jsonl else sys.stdout)
    if result.camera_lost:
        kept = f" and in the history as session {session}" if session is not None else ""
        print(f"formcheck: {result.stop}: the session so far is kept in {result.log_path}{kept}", file=sys.stderr)
        return 1
    return 0


COMMANDS = {"live": cmd_live}
