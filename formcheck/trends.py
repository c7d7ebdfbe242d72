"""Week-by-week trends of one exercise from the stored reps: what `formcheck progress` shows."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from formcheck.engine.spec import ExerciseSpec
from formcheck.history import RepRecord



@dataclass(frozen=True, slots=True)
class Week:
    start: date  # the Monday
    sessions: int
    attempted: int
    valid: int
    range_deg: float | None  # mean peak of the driving measure
    hold_s: float | None  # mean hold of the reps that held at the top
    pelvis_deg: float | None  # mean size of the pelvis measure, where the exercise has one

    @property
    def valid_ratio(self) -> float | None:
        return self.valid / self.attempted if self.attempted else None


@dataclass(frozen=True, slots=True)
class Trend:
    exercise: str
    drive_measure: str
    pelvis_measure: str | None
    weeks: tuple[Week, ...]

    def columns(self) -> list[tuple[str, str]]:
        """(Week attribute, label) of each trend this exercise has, for tables and plots."""
        columns = [("valid_ratio", "valid reps"), ("range_deg", f"range: peak {self.drive_measure}"),
                   ("hold_s", "hold s")]
        if self.pelvis_measure:
            columns.append(("pelvis_deg", f"pelvis: |{self.pelvis_measure}|"))
        return columns

    def change(self, attribute: str) -> float | None:
        """Last week's value minus the first week's that has one (None with fewer than two)."""
        values = [v for v in (getattr(w, attribute) for w in self.weeks) if v is not None]
        return values[-1] - values[0] if len(values) >= 2 else None


def pelvis_measure(spec: ExerciseSpec) -> str | None:
    """The measure of the exercise's pelvis fault (tilt, drop or roll), if it has one."""
    return next((rule.measure for rule in spec.faults if rule.code.startswith("pelvis")), None)


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def week_of(record: RepRecord) -> date:
    day = record.started_at.astimezone().date()  # the user's own calendar
    return day - timedelta(days=day.weekday())


def weekly_trend(records: list[RepRecord], spec: ExerciseSpec) -> Trend:
    drive, pelvis = spec.rep.drive, pelvis_measure(spec)
    weeks: dict[date, list[RepRecord]] = {}
    for record in records:
        weeks.setdefault(week_of(record), []).append(record)
    rows = []
    for start in sorted(weeks):
        reps = weeks[start]
        rows.append(Week(
            start=start,
            sessions=len({r.session_id for r in reps}),
            attempted=len(reps),
            valid=sum(r.valid for r in reps),
            range_deg=_mean([r.measures[drive] for r in reps if drive in r.measures]),
            hold_s=_mean([r.hold_s for r in reps if r.hold_s > 0]),
            pelvis_deg=_mean([abs(r.measures[pelvis]) for r in reps if pelvis in r.measures]) if pelvis else None,
        ))
    return Trend(spec.name, drive, pelvis, tuple(rows))
