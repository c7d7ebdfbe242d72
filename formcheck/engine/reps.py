"""The rep state machine on one driving measure, in seconds of media time.

rest -> rising -> top -> lowering -> rest. Each move needs its condition to hold for
`dwell_s` of media time (not a frame count: 15 and 60 fps behave alike), and the levels have
hysteresis (leave rest above `rise`, come back under `rest`; leave the top `top_exit` under
`top`). A rep that never reaches the top but peaks above `attempt` was an attempt and is
returned, marked short; smaller wobbles (weight shifts, settling into position) are dropped.
Nothing counts until the drive has been seen at rest (a clip or a tracking gap that starts
mid-move is not a rep). Frames without a reading are gaps: a short gap is bridged, a long one
abandons the rep.
"""
from __future__ import annotations

from dataclasses import dataclass, field

REST, RISING, TOP, LOWERING = "rest", "rising", "top", "lowering"


@dataclass(frozen=True)
class Levels:
    rest: float
    rise: float
    attempt: float
    top: float
    top_exit: float  # how far under `top` before the top phase ends
    dwell_s: float = 0.03  # 2 frames at 15-30 fps, 3 at 60: a one-frame spike never moves it
    max_gap_s: float = 1.0


@dataclass
class RepTrace:
    """What one rep went through: every frame's time, drive, phase and measures."""

    start_s: float
    times: list[float] = field(default_factory=list)
    drives: list[float] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)
    measures: list[dict[str, float]] = field(default_factory=list)
    reached_top: bool = False
    end_s: float = 0.0
    complete: bool = True  # False when the clip ended before the rep came back to rest

    @property
    def peak(self) -> float:
        return max(self.drives)

    @property
    def peak_s(self) -> float:
        return self.times[self.drives.index(self.peak)]


class RepMachine:
    """Feed (t_s, drive | None, measures); get back a finished RepTrace when a rep ends."""

    def __init__(self, levels: Levels):
        self.levels = levels
        self.phase = REST
        self.rep: RepTrace | None = None
        self._pending: str | None = None  # phase we are about to move to
        self._pending_since = 0.0
        self._last_seen_s: float | None = None
        self._last_rest_s: float | None = None
        self.armed = False  # rest has been seen, reps may start

    def update(self, t_s: float, drive: float | None, measures: dict[str, float]) -> RepTrace | None:
        if drive is None:
            return self._gap(t_s)
        self._last_seen_s = t_s
        wanted = self._wanted_phase(drive)
        moved = self._settle(t_s, wanted)
        finished = None
        if moved and self.phase == RISING and self.rep is None:
            self.rep = RepTrace(start_s=self._last_rest_s if self._last_rest_s is not None else t_s)
        if self.phase == TOP and self.rep is not None:
            self.rep.reached_top = True
        if self.rep is not None:
            self._record(t_s, drive, measures)
            if moved and self.phase == REST:
                finished = self._close(t_s, complete=True)
        if self.phase == REST and drive < self.levels.rest:
            self._last_rest_s, self.armed = t_s, True
        return finished

    def finish(self, t_s: float) -> RepTrace | None:
        """End of the clip: a rep that reached the top and was coming down still counts."""
        if self.rep is None or not self.rep.times:
            return None
        if self.phase in (TOP, LOWERING) or self.rep.peak >= self.levels.attempt:
            return self._close(t_s, complete=False)
        self.rep = None
        return None

    def _wanted_phase(self, drive: float) -> str:
        lv = self.levels
        if self.phase == REST:
            return RISING if drive > lv.rise and self.armed else REST
        if self.phase == RISING:
            if drive >= lv.top:
                return TOP
            return REST if drive < lv.rest else RISING
        if self.phase == TOP:
            return LOWERING if drive < lv.top - lv.top_exit else TOP
        if drive >= lv.top:  # LOWERING, back up again: the same rep
            return TOP
        return REST if drive < lv.rest else LOWERING

    def _settle(self, t_s: float, wanted: str) -> bool:
        """Move to `wanted` once it has been wanted for dwell_s; True when the phase changed."""
        if wanted == self.phase:
            self._pending = None
            return False
        if wanted != self._pending:
            self._pending, self._pending_since = wanted, t_s
        if t_s - self._pending_since + 1e-9 < self.levels.dwell_s:
            return False
        self.phase, self._pending = wanted, None
        return True

    def _record(self, t_s: float, drive: float, measures: dict[str, float]) -> None:
        rep = self.rep
        rep.times.append(t_s)
        rep.drives.append(drive)
        rep.phases.append(self.phase)
        rep.measures.append(measures)

    def _close(self, t_s: float, complete: bool) -> RepTrace | None:
        rep, self.rep = self.rep, None
        self.phase, self._pending = REST, None
        rep.end_s, rep.complete = t_s, complete
        if rep.reached_top or rep.peak >= self.levels.attempt:
            return rep
        return None  # a wobble, not an attempt

    def _gap(self, t_s: float) -> RepTrace | None:
        self._pending = None
        if self._last_seen_s is not None and t_s - self._last_seen_s > self.levels.max_gap_s:
            self.rep, self.phase = None, REST  # lost sight too long: abandon, never guess a rep
            self._last_rest_s, self.armed = None, False
        return None
