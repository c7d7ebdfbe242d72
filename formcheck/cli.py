"""The `formcheck` command: a thin layer over the library's functions."""
from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

from formcheck import __version__, cli_history
from formcheck.errors import FormcheckError, UsageError
from formcheck.live import command as live_command
from formcheck.models import DEFAULT_VIDEO_MODEL


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line (exit 2) instead of a usage block."""

    def error(self, message: str) -> None:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _threshold(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    try:
        if not sep:
            raise ValueError
        return name.strip(), float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected NAME=NUMBER, got '{text}'") from None


def _add_analysis_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--exercise", "-e", required=True, help="exercise id (see `formcheck exercises`)")
    p.add_argument("--model", default=DEFAULT_VIDEO_MODEL, help="lite | full | heavy | PATH.task (default: %(default)s)")
    p.add_argument("--hold", type=float, metavar="SECONDS", help="hold target at the top of each rep")
    p.add_argument("--side", choices=["left", "right", "alternate"], help="the leg being trained, if one")
    p.add_argument("--threshold", type=_threshold, action="append", default=[], metavar="NAME=VALUE",
                   help="override a named threshold of the exercise (repeatable)")
    p.add_argument("--mirrored", action="store_true",
                   help="the video is a mirror image (a selfie recording): left and right are swapped back")
    p.add_argument("--config", type=Path, help="TOML file with [EXERCISE] hold_s, side and [EXERCISE.thresholds]")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--stride", type=int, default=1, metavar="N", help="speed mode: analyse every Nth frame")
    p.add_argument("--max-side", type=int, metavar="PX", help="speed mode: shrink larger frames to this before the model")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="formcheck", description="Rep-by-rep form feedback for hip-strengthening exercises.")
    parser.add_argument("--version", action="version", version=f"formcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    analyze = commands.add_parser("analyze", aliases=["analyse"], help="analyse a recorded video or landmark cache")
    analyze.add_argument("input", type=Path, help="video file, or a .npz landmark cache from `formcheck extract`")
    _add_analysis_options(analyze)
    analyze.add_argument("--json", type=Path, metavar="PATH", help="write the report as JSON ('-' for stdout)")
    analyze.add_argument("--annotate", type=Path, metavar="VIDEO", help="write the video with skeleton, angle, counters, hold and messages drawn in")
    analyze.add_argument("--csv", type=Path, metavar="PATH", help="write every frame's measures, phase and rep as CSV")
    analyze.add_argument("--report", type=Path, metavar="PATH", help="write a self-contained HTML report with plots")
    analyze.add_argument("--out", type=Path, metavar="DIR", help="write all of these into DIR, named after the input")
    cli_history.add_save_options(analyze)

    extract = commands.add_parser("extract", help="run only the pose model and cache the landmarks")
    extract.add_argument("input", type=Path, help="video file")
    extract.add_argument("-o", "--output", type=Path, required=True, help="landmark cache to write (.npz)")
    extract.add_argument("--model", default=DEFAULT_VIDEO_MODEL, help="lite | full | heavy | PATH.task")
    extract.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    commands.add_parser("exercises", help="list the exercises and the camera view each needs")

    score = commands.add_parser("score", help="score every clip of a folder's manifest.json against its labels")
    score.add_argument("folder", type=Path, help="folder with manifest.json (e.g. samples/)")
    score.add_argument("--model", default=DEFAULT_VIDEO_MODEL, help="lite | full | heavy | PATH.task")
    score.add_argument("--workers", type=int, help="parallel processes (default: one per core)")
    score.add_argument("--json", type=Path, metavar="PATH", help="write the scores as JSON ('-' for stdout)")
    cli_history.add_commands(commands)  # routine, history, progress
    live_command.add_commands(commands)
    return parser


def analysis_options(args: argparse.Namespace) -> dict:
    """Exercise options from the config file, then the command line on top."""
    options: dict = {"thresholds": {}}
    if args.config:
        try:
            table = tomllib.loads(args.config.read_text()).get(args.exercise, {})
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise FormcheckError(f"config {args.config}: {exc}") from None
        options["hold_s"] = table.get("hold_s")
        options["side"] = table.get("side")
        options["thresholds"].update(table.get("thresholds", {}))
    if args.hold is not None:
        options["hold_s"] = args.hold
    if args.side is not None:
        options["side"] = args.side
    if args.mirrored:
        options["mirrored"] = True
    options["thresholds"].update(dict(args.threshold))
    if not options["thresholds"]:
        del options["thresholds"]
    return {k: v for k, v in options.items() if v is not None}


def cmd_analyze(args: argparse.Namespace) -> int:
    from formcheck.outputs import NO_PIXELS, OutputPaths, analyze_with_outputs, is_cache
    from formcheck.summary import format_summary

    to_stdout = args.json == Path("-")
    if args.stride > 1 and (args.annotate or args.out):
        raise UsageError("--stride skips frames, and an annotated video keeps every frame of the input: drop one of them")
    paths = OutputPaths.for_input(args.input, args.out, annotate=args.annotate, csv=args.csv, report=args.report,
                                  json=None if to_stdout else args.json)
    report = analyze_with_outputs(args.input, args.exercise, paths, model=args.model, quiet=args.quiet,
                                  stride=args.stride, max_side=args.max_side, **analysis_options(args))
    if args.save:
        print(cli_history.save_report(report, args.db), file=sys.stderr if to_stdout else sys.stdout)
    if to_stdout:
        import json

        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(format_summary(report))
    if args.out and is_cache(args.input):
        print(f"No annotated video: {NO_PIXELS}.")
    for label, path in paths.written():
        print(f"{label} written to {path}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from formcheck.cache import save_track
    from formcheck.pipeline import extract_track

    track = extract_track(args.input, model=args.model, quiet=args.quiet)
    save_track(track, args.output)
    print(f"{int(track.detected.sum())} of {len(track)} frames with a pose written to {args.output}")
    return 0


def cmd_exercises(args: argparse.Namespace) -> int:
    from formcheck.exercises import EXERCISES

    width = max(len(name) for name in EXERCISES)
    for name, spec in EXERCISES.items():
        print(f"{name:<{width}}  {spec.summary} [camera: {spec.view}]")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    import json

    from formcheck.score import format_table, score_folder

    result = score_folder(args.folder, model=args.model, workers=args.workers)
    if args.json == Path("-"):
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_table(result))
        if args.json:
            args.json.write_text(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    return 0 if result.passed else 1


COMMANDS = {"analyze": cmd_analyze, "analyse": cmd_analyze, "extract": cmd_extract, "exercises": cmd_exercises, "score": cmd_score,
            **cli_history.COMMANDS, **live_command.COMMANDS}


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except FormcheckError as exc:
        print(f"formcheck: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("formcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
