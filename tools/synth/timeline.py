"""Exercise timelines: rests, reps (ramp up, hold, lower) and fidgets, sampled per frame.

A fidget is a movement that is not a rep (shifting weight, settling the hips): it moves the
body but its frames are labelled as rest.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Rest:
    seconds: float


@dataclass(frozen=True)
class Rep:
    """One rep: `peak` is what the exercise's move reaches at the top (its meaning is the
    move's: hip flexion for a knee drive, hip extension for a bridge, knee opening for a clamshell)."""

    up_s: float
    hold_s: float
    down_s: float
    peak: float
    side: str = "both"  # the side the analyser should report: left | right | both
    faults: tuple[str, ...] = ()  # fault codes this rep is built to show
    amounts: dict[str, float] = field(default_factory=dict)  # how much of each fault (degrees or metres)

    @property
    def seconds(self) -> float:
        return self.up_s + self.hold_s + self.down_s


@dataclass(frozen=True)
class Fidget:
    """A movement that is not a rep: up, stay, back, reaching `peak` (the move's own units)."""

    up_s: float
    hold_s: float
    down_s: float
    peak: float

    @property
    def seconds(self) -> float:
        return self.up_s + self.hold_s + self.down_s


Segment = Rest | Rep | Fidget


@dataclass(frozen=True)
class Frame:
    t_s: float
    amount: float  # 0 at rest .. 1 at the top of the rep or fidget
    segment: Segment
    rep_index: int  # 1-based, 0 outside reps
    phase: str  # rest | rising | top | lowering

    @property
    def rep(self) -> Rep | None:
        return self.segment if isinstance(self.segment, Rep) else None

    @property
    def hold(self) -> bool:
        return self.phase == "top"


def _ease(x: float) -> float:
    """Smooth start and stop, as a person moves."""
    return 0.5 - 0.5 * np.cos(np.pi * min(max(x, 0.0), 1.0))


def duration(timeline: list[Segment]) -> float:
    return sum(seg.seconds for seg in timeline)


def sample(timeline: list[Segment], fps: float) -> list[Frame]:
    """Frame i at i / fps seconds."""
    bounds, t0, reps = [], 0.0, 0
    for seg in timeline:
        reps += isinstance(seg, Rep)
        bounds.append((t0, seg, reps if isinstance(seg, Rep) else 0))
        t0 += seg.seconds
    frames, k = [], 0
    for i in range(int(np.floor(duration(timeline) * fps + 1e-9))):
        t = i / fps
        while k < len(bounds) - 1 and t >= bounds[k + 1][0] - 1e-9:
            k += 1
        start, seg, index = bounds[k]
        if isinstance(seg, Rest):
            frames.append(Frame(t, 0.0, seg, 0, "rest"))
            continue
        dt = t - start
        if dt < seg.up_s:
            amount, phase = _ease(dt / seg.up_s), "rising"
        elif dt < seg.up_s + seg.hold_s:
            amount, phase = 1.0, "top"
        else:
            amount, phase = 1.0 - _ease((dt - seg.up_s - seg.hold_s) / seg.down_s), "lowering"
        frames.append(Frame(t, amount, seg, index, phase if isinstance(seg, Rep) else "rest"))
    return frames


def rep_times(timeline: list[Segment]) -> list[tuple[Rep, float, float, float]]:
    """(rep, start_s, hold start_s, hold end_s) for every rep."""
    out, t = [], 0.0
    for seg in timeline:
        if isinstance(seg, Rep):
            out.append((seg, t, t + seg.up_s, t + seg.up_s + seg.hold_s))
        t += seg.seconds
    return out
