"""Every analysed frame's numbers, kept in order: the CSV's rows and the report's plots.

A few numbers per frame (no pixels), so a ten-minute clip costs a few megabytes. Rep numbers
are given only once the clip is done, from the report's reps, so the CSV and the JSON agree by
construction (reps are numbered by start time when the analysis finishes).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from formcheck.data import Pose
from formcheck.landmarks import SKELETON
from formcheck.report import Rep

if TYPE_CHECKING:
    from formcheck.pipeline import Step

BODY_LANDMARKS = sorted({lm for bone in SKELETON for lm in bone})  # no face, no fingers
FIXED_COLUMNS = ("t_s",)
STATE_COLUMNS = ("drive", "target", "phase", "side", "holding", "hold_s", "rep", "usable", "reason", "visibility")


def body_visibility(pose: Pose | None) -> float | None:
    """Mean visibility of the body landmarks: how sure the model was of this person."""
    return None if pose is None else float(np.mean(pose.visibility[BODY_LANDMARKS]))


@dataclass(frozen=True, slots=True)
class FrameRecord:
    t_s: float
    measures: dict[str, float]
    drive: float | None
    target: float | None
    phase: str
    side: str | None
    hold_s: float
    usable: bool
    reason: str | None
    visibility: float | None  # of the model's own pose (before smoothing); None: no person


class Timeline:
    """Feed it every step (`add` is an `on_step` callback); read it when the clip is done."""

    def __init__(self) -> None:
        self.records: list[FrameRecord] = []

    def add(self, step: Step) -> None:
        a = step.analysis
        self.records.append(FrameRecord(
            t_s=a.t_ms / 1000.0, measures=dict(a.measures), drive=a.drive, target=a.target, phase=a.phase,
            side=a.side, hold_s=a.hold_s, usable=a.usable, reason=a.reason, visibility=body_visibility(step.raw),
        ))

    def times(self) -> np.ndarray:
        return np.array([r.t_s for r in self.records], float)

    def series(self, name: str) -> np.ndarray:
        """One measure over the clip, NaN where it was not taken (`drive` for the driving value)."""
        if name == "drive":
            return np.array([np.nan if r.drive is None else r.drive for r in self.records], float)
        return np.array([r.measures.get(name, np.nan) for r in self.records], float)

    def measure_names(self) -> list[str]:
        """Every measure taken on any frame, in the order first seen (stable for one exercise)."""
        return list(dict.fromkeys(name for r in self.records for name in r.measures))

    def rep_numbers(self, reps: list[Rep]) -> np.ndarray:
        """Per frame, the rep in progress or just ending there (start_s..end_s inclusive), 0 outside.
        Where two reps overlap (alternating legs) the later one, the one in progress, wins."""
        t = self.times()
        numbers = np.zeros(len(t), int)
        for rep in sorted(reps, key=lambda r: r.start_s):
            numbers[(t >= rep.start_s) & (t <= rep.end_s)] = rep.n
        return numbers

    def columns(self) -> list[str]:
        return [*FIXED_COLUMNS, *self.measure_names(), *STATE_COLUMNS]

    def rows(self, reps: list[Rep]) -> Iterator[dict]:
        names = self.measure_names()
        for record, n in zip(self.records, self.rep_numbers(reps)):
            yield {
                "t_s": record.t_s,
                **{name: record.measures.get(name) for name in names},
                "drive": record.drive,
                "target": record.target,
                "phase": record.phase,
                "side": record.side,
                "holding": int(record.hold_s > 0),
                "hold_s": record.hold_s,
                "rep": int(n),
                "usable": int(record.usable),
                "reason": record.reason,
                "visibility": record.visibility,
            }
