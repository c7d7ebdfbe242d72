"""Hold timer: counts media time only while the posture is held, with a short grace for jitter.

A hold starts and ends halfway between the frame that changed and the one before it, so the
measured time does not depend on the frame rate. A lapse shorter than `grace_s` (a landmark
flicker) does not break the hold; a longer one ends it where the posture was last held.
With `count_lapses=False` (hold exercises, where only time in posture counts) the time spent in
a bridged lapse is taken out of the hold, again from halfway into it to halfway out of it.
"""
from __future__ import annotations

from dataclasses import dataclass

GRACE_S = 0.25  # a few frames at any rate: longer than MediaPipe flicker, shorter than a real let-down
# Hold exercises (plank, stretches, balance): a wobble, a shifted hand or a hip re-settling lasts
# up to about half a second and does not end the hold; letting go and setting up again takes a
# second or more (a hold that ends has to be re-entered), so 0.5 s tells the two apart.
WOBBLE_GRACE_S = 0.5


@dataclass(frozen=True)
class HoldSpan:
    start_s: float
    end_s: float
    paused_s: float = 0.0  # lapses inside the span that were not counted (count_lapses=False)

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s - self.paused_s


class HoldTimer:
    def __init__(self, grace_s: float = GRACE_S, count_lapses: bool = True):
        self.grace_s = grace_s
        self.count_lapses = count_lapses
        self._paused = 0.0  # lapse time taken out of the open hold
        self._start: float | None = None
        self._last_held: float | None = None  # time of the last frame in posture
        self._first_lapse: float | None = None  # first frame out of posture since then
        self._previous_t: float | None = None
        self.longest: HoldSpan | None = None
        self.spans: list[HoldSpan] = []  # every closed hold, in order

    def update(self, t_s: float, holding: bool) -> float:
        """Feed one frame; returns the current hold in seconds (0 when not holding)."""
        if holding:
            if self._start is None:
                before = self._previous_t if self._previous_t is not None else t_s
                self._start = (before + t_s) / 2
            elif self._first_lapse is not None and not self.count_lapses:
                self._paused += (self._previous_t + t_s) / 2 - (self._last_held + self._first_lapse) / 2
            self._last_held, self._first_lapse = t_s, None
        elif self._start is not None:
            if self._first_lapse is None:
                self._first_lapse = t_s
            if t_s - self._last_held > self.grace_s:
                self._close()
        self._previous_t = t_s
        return self.current(t_s)

    def current(self, t_s: float) -> float:
        if self._start is None:
            return 0.0
        end = t_s if self._first_lapse is None else self._last_held
        return end - self._start - self._paused

    @property
    def open(self) -> bool:
        """A hold is under way (possibly inside a lapse's grace)."""
        return self._start is not None

    def end(self, t_s: float) -> None:
        """End the open hold at this frame, grace or not (the hold became a different one)."""
        if self._start is not None:
            if self._first_lapse is None:
                self._first_lapse = t_s
            self._close()

    def finish(self) -> HoldSpan | None:
        """Close any open hold and return the longest one seen."""
        if self._start is not None:
            self._close()
        return self.longest

    def _close(self) -> None:
        end = (self._last_held + self._first_lapse) / 2 if self._first_lapse is not None else self._last_held
        span = HoldSpan(self._start, end, self._paused)
        self.spans.append(span)
        if self.longest is None or span.duration_s > self.longest.duration_s:
            self.longest = span
        self._start = self._last_held = self._first_lapse = None
        self._paused = 0.0
