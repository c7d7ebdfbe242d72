"""The contract between the pipeline and the exercise analysers.

An analyser is fed one (t_ms, Pose | None) at a time, in media time order, and answers with a
FrameAnalysis straight away (live coaching needs it per frame); `finish()` closes any rep in
progress and returns what the whole clip held. Drawing and reporting read these; nothing here
draws or writes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from formcheck.data import Pose
from formcheck.report import Fault, Hold, Rep


@dataclass(frozen=True, slots=True)
class Event:
    """Something a coach would say out loud at this instant."""

    kind: str  # rep | fault | hold_reached | position | set_done
    t_s: float
    side: str | None = None
    message: str = ""
    rep: Rep | None = None


@dataclass(slots=True)
class FrameAnalysis:
    t_ms: float
    usable: bool  # False when this frame could not be analysed
    reason: str | None = None  # why not: "no person", "wrong view", "knees not visible", ...
    measures: dict[str, float] = field(default_factory=dict)
    drive: float | None = None  # value of the measure that drives the rep (degrees)
    target: float | None = None  # where `drive` must reach for a valid rep
    phase: str = "rest"  # rest | rising | top | lowering
    side: str | None = None  # side of the rep in progress
    hold_s: float = 0.0  # current hold at the top
    hold_target_s: float = 0.0
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # side -> (valid, attempted)
    faults: list[Fault] = field(default_factory=list)  # faults showing at this frame
    events: list[Event] = field(default_factory=list)


@dataclass(slots=True)
class AnalysisResult:
    reps: list[Rep]
    holds: list[Hold]


class Analyser(Protocol):
    exercise: str
    drive_measure: str  # name of the driving measure in FrameAnalysis.measures

    def update(self, t_ms: float, pose: Pose | None) -> FrameAnalysis: ...

    def finish(self) -> AnalysisResult: ...
