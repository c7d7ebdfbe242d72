"""The text `formcheck history` and `formcheck progress` print."""
from __future__ import annotations

from pathlib import Path

from formcheck.history import SessionLine
from formcheck.trends import Trend

SIDE_ORDER = ("left", "right", "both")


def _reps(line: SessionLine) -> str:
    if not line.counts:
        return f"{line.timed_s:g} s timed" if line.timed_s else "no reps"
    sides = sorted(line.counts, key=lambda s: SIDE_ORDER.index(s) if s in SIDE_ORDER else len(SIDE_ORDER))
    return ", ".join(f"{side} {valid}/{attempted}" for side, (valid, attempted) in
                     ((s, line.counts[s]) for s in sides))


def _faults(line: SessionLine) -> str:
    return ", ".join(f"{code} x{n}" for code, n in line.faults.items()) or "-"


def _session(line: SessionLine) -> str:
    kind = f"routine {line.routine}" if line.routine else line.kind
    return kind if line.finished else f"{kind} (unfinished)"


def format_sessions(lines: list[SessionLine], exercise: str | None = None) -> str:
    if not lines:
        if exercise:
            return f"No sessions of {exercise} recorded."
        return "No sessions recorded yet: `formcheck analyze VIDEO -e EXERCISE --save`, or a live routine."
    header = ("date", "session", "exercise", "source", "reps valid/attempted", "faults")
    rows = [(line.started_at.astimezone().strftime("%Y-%m-%d %H:%M"), _session(line), line.exercise,
             Path(line.source).name if line.source else "-", _reps(line), _faults(line)) for line in lines]
    return _table(header, rows)


def _cell(attribute: str, value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0%}" if attribute == "valid_ratio" else f"{value:.1f}"


def _change(attribute: str, value: float | None) -> str:
    if value is None:
        return ""
    return f"{value * 100:+.0f} pts" if attribute == "valid_ratio" else f"{value:+.1f}"


def format_trend(trend: Trend) -> str:
    if not trend.weeks:
        return f"No reps of {trend.exercise} recorded yet."
    columns = trend.columns()
    header = ("week of", "sessions", "reps", *(label for _, label in columns))
    rows = [(week.start.isoformat(), str(week.sessions), str(week.attempted),
             *(_cell(attr, getattr(week, attr)) for attr, _ in columns)) for week in trend.weeks]
    rows.append(("change", "", "", *(_change(attr, trend.change(attr)) for attr, _ in columns)))
    reps = sum(w.attempted for w in trend.weeks)
    title = f"{trend.exercise}: {reps} reps over {len(trend.weeks)} week{'s' * (len(trend.weeks) != 1)}"
    return title + "\n" + _table(header, rows, right_from=1)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], right_from: int | None = None) -> str:
    """Columns padded to their widest cell; columns from `right_from` on are right-aligned."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:
        cells = [cell.rjust(w) if right_from is not None and i >= right_from else cell.ljust(w)
                 for i, (cell, w) in enumerate(zip(row, widths))]
        return "  ".join(cells).rstrip()

    return "\n".join(line(row) for row in (header, *rows))
