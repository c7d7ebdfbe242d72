"""Routines: a runner's exercise programme as a TOML file, loaded into plain dataclasses.

A routine file has a `title`, an optional `description` and one `[[step]]` table per exercise:

    [[step]]
    exercise = "clamshell"   # an exercise id, or `stretch = "name"` for a timed, unanalysed step
    sets = 2
    reps = 15                # or `seconds = 30`: each set is one hold that long
    per_side = true          # every set is done once per side
    rest_s = 45              # rest between sets
    hold_s = [0, 5]          # optional hold at the top of each rep: seconds, or a [min, max] range
    cue = "..."              # optional reminder shown before the step

The routines shipped with formcheck sit beside this file; `--file PATH` loads the user's own. A
broken file raises RoutineError: one line naming the file, the line and what is wrong.
"""
from __future__ import annotations

import difflib
import math
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from formcheck.errors import FormcheckError
from formcheck.exercises import EXERCISES, UnknownExercise, get_spec

# Bounds that catch typos (a rest of 6000 s, 150 sets) without second-guessing a programme.
MAX_SETS = 20
MAX_REPS = 200
MAX_SECONDS = 600.0
DEFAULT_REST_S = 30.0

TOP_KEYS = ("title", "description", "step")
STEP_KEYS = ("exercise", "stretch", "sets", "reps", "seconds", "per_side", "rest_s", "hold_s", "cue")


class RoutineError(FormcheckError):
    """A routine that cannot be used; the message is one line: `file:line: what is wrong`."""


@dataclass(frozen=True, slots=True)
class RoutineStep:
    exercise: str | None  # an id in EXERCISES; None for a stretch
    name: str  # what the user is told: the exercise's title or the stretch's name
    sets: int
    reps: int | None  # reps per set (per side when per_side); None for a timed step
    seconds: float | None  # hold per set, for a timed step
    per_side: bool
    rest_s: float
    hold_s: tuple[float, float] | None = None  # hold range at the top of each rep
    cue: str = ""

    @property
    def analysed(self) -> bool:
        return self.exercise is not None

    def describe(self) -> str:
        """'2 x 15 each side, hold 0-5 s, rest 45 s'"""
        amount = f"{self.reps}" if self.reps is not None else f"{self.seconds:g} s"
        text = f"{self.sets} x {amount}" + (" each side" if self.per_side else "")
        if self.hold_s:
            low, high = self.hold_s
            text += f", hold {low:g} s" if low == high else f", hold {low:g}-{high:g} s"
        return text + (f", rest {self.rest_s:g} s" if self.sets > 1 else "")


@dataclass(frozen=True, slots=True)
class Routine:
    name: str
    title: str
    description: str
    steps: tuple[RoutineStep, ...]
    path: str


def shipped_dir() -> Path:
    return Path(str(resources.files(__name__)))


def shipped_names() -> list[str]:
    return sorted(p.stem for p in shipped_dir().glob("*.toml"))


def find_routine(name: str) -> Path:
    path = shipped_dir() / f"{name}.toml"
    if not path.is_file():
        names = shipped_names()
        close = difflib.get_close_matches(name, names, n=2)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise RoutineError(f"no routine named {name!r}{hint} (shipped: {', '.join(names)}; or use --file PATH)")
    return path


def load_routine(path: str | Path) -> Routine:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RoutineError(f"{path}: cannot read: {exc}") from None
    return parse_routine(text, path)


def parse_routine(text: str, path: Path) -> Routine:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib puts the place in the message: "Invalid value (at line 3, column 9)"
        match = re.search(r" \(at line (\d+), column \d+\)", str(exc))
        where, problem = (f"{path}:{match.group(1)}", str(exc)[:match.start()]) if match else (str(path), str(exc))
        raise RoutineError(f"{where}: not valid TOML: {problem}") from None
    lines = _Lines(text, path)
    _check_keys(data, TOP_KEYS, lines.top)
    title = _text(data, "title", lines.top, required=True)
    description = _text(data, "description", lines.top)
    steps = data.get("step")
    if not isinstance(steps, list) or not steps:
        raise lines.top("step", "needs at least one [[step]] table")
    parsed = tuple(_step(raw, lines.step(i)) for i, raw in enumerate(steps))
    return Routine(path.stem, title, description, parsed, str(path))


class _Lines:
    """Maps a step and key to the line it is written on, for error messages (tomllib gives none)."""

    def __init__(self, text: str, path: Path):
        self.path = path
        self.text_lines = text.splitlines()
        headers = [i for i, line in enumerate(self.text_lines) if re.match(r"\s*\[\[\s*step\s*\]\]", line)]
        self.blocks = [(start, headers[k + 1] if k + 1 < len(headers) else len(self.text_lines))
                       for k, start in enumerate(headers)]
        self.top_end = headers[0] if headers else len(self.text_lines)

    def _key_line(self, key: str, start: int, end: int) -> int | None:
        pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
        return next((i + 1 for i in range(start, end) if pattern.match(self.text_lines[i])), None)

    def top(self, key: str, problem: str) -> RoutineError:
        line = self._key_line(key, 0, self.top_end)
        return RoutineError(f"{self.path}{f':{line}' if line else ''}: {key}: {problem}")

    def step(self, index: int):
        """An error maker for step `index`: its key's line, else the step's header line."""
        block = self.blocks[index] if index < len(self.blocks) else None

        def error(key: str, problem: str) -> RoutineError:
            line = self._key_line(key, *block) if block else None
            line = line or (block[0] + 1 if block else self._key_line("step", 0, self.top_end))
            field = "" if key == "step" else f"{key}: "
            return RoutineError(f"{self.path}{f':{line}' if line else ''}: step {index + 1}: {field}{problem}")

        return error


def _check_keys(table: dict, known: tuple[str, ...], error) -> None:
    for key in table:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {close[0]}?" if close else f" (known: {', '.join(known)})"
            raise error(key, f"unknown field{hint}")


def _text(table: dict, key: str, error, required: bool = False) -> str:
    value = table.get(key)
    if value is None:
        if required:
            raise error(key, "missing")
        return ""
    if not isinstance(value, str) or not value.strip():
        raise error(key, f"must be a non-empty text, got {_show(value)}")
    return " ".join(value.split())  # one line, whatever the file held


def _number(table: dict, key: str, error, low: float, high: float, integer: bool = False) -> float | int | None:
    value = table.get(key)
    if value is None:
        return None
    kind = int if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kind) or (isinstance(value, float) and not math.isfinite(value)):
        raise error(key, f"must be {'a whole number' if integer else 'a number'}, got {_show(value)}")
    if value < 0 <= low:
        raise error(key, f"cannot be negative, got {_show(value)}")
    if not low <= value <= high:
        raise error(key, f"must be between {low:g} and {high:g}, got {_show(value)}")
    return value


def _hold_range(table: dict, error) -> tuple[float, float] | None:
    value = table.get("hold_s")
    if value is None:
        return None
    pair = value if isinstance(value, list) else [value]
    if len(pair) == 1:
        pair = pair * 2
    if len(pair) != 2:
        raise error("hold_s", f"must be seconds or [min, max], got {_show(value)}")
    low, high = (_number({"hold_s": v}, "hold_s", error, 0.0, MAX_SECONDS) for v in pair)
    if low > high:
        raise error("hold_s", f"range {low:g}-{high:g} runs backwards")
    return float(low), float(high)


def _step(raw, error) -> RoutineStep:
    if not isinstance(raw, dict):
        raise error("step", "must be a table")
    _check_keys(raw, STEP_KEYS, error)
    if ("exercise" in raw) == ("stretch" in raw):
        raise error("exercise", "give either exercise = \"id\" or stretch = \"name\"")
    exercise = None
    if "exercise" in raw:
        exercise = _text(raw, "exercise", error)
        try:
            spec = get_spec(exercise)
        except UnknownExercise as exc:
            raise error("exercise", str(exc)) from None
        name = spec.title
    else:
        name = _text(raw, "stretch", error)
    sets = _number(raw, "sets", error, 1, MAX_SETS, integer=True)
    if sets is None:
        raise error("sets", "missing")
    reps = _number(raw, "reps", error, 1, MAX_REPS, integer=True)
    seconds = _number(raw, "seconds", error, 1, MAX_SECONDS)
    if (reps is None) == (seconds is None):
        raise error("reps", "give either reps = N or seconds = S")
    if exercise is None and reps is not None:
        raise error("reps", "a stretch is timed: give seconds = S")
    per_side = raw.get("per_side", False)
    if not isinstance(per_side, bool):
        raise error("per_side", f"must be true or false, got {_show(per_side)}")
    if per_side and exercise is not None and EXERCISES[exercise].side_mode == "both":
        raise error("per_side", f"{exercise} works both legs at once: leave per_side out")
    rest_s = _number(raw, "rest_s", error, 0, MAX_SECONDS)
    hold = _hold_range(raw, error)
    if hold is not None and reps is None:
        raise error("hold_s", "a timed step is already a hold: give hold_s only with reps")
    return RoutineStep(
        exercise=exercise, name=name, sets=int(sets), reps=reps, seconds=None if seconds is None else float(seconds),
        per_side=per_side, rest_s=DEFAULT_REST_S if rest_s is None else float(rest_s), hold_s=hold,
        cue=_text(raw, "cue", error),
    )


def _show(value) -> str:
    """A value for a one-line message: repr, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
