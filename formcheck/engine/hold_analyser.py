"""HoldAnalyser: runs a hold exercise (a spec whose `rep` is a HoldRule), where each "rep" is one
continuous hold in position.

Per frame: the same gate as for reps (a person, the right view, the parts seen, the posture),
then the HoldRule's position rules (one broken: "not in position", its message the advice),
then the form: while an invalidating fault shows, the clock stops. The hold timer runs with the
rule's grace (a wobble does not end a hold) and without counting lapses (only time in posture
counts). A closed hold becomes a Rep: its duration against the target, its side (the working
leg's, found as for reps), the drive's median, the rule's stats (e.g. sway), and the fault that
ended it when the form broke for longer than the grace (leaving the position is no fault).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np

from formcheck.analysis import AnalysisResult, Event, FrameAnalysis
from formcheck.data import Pose
from formcheck.engine import faults as fr
from formcheck.engine.analyser import Note, SpecAnalyser
from formcheck.engine.holds import HoldSpan, HoldTimer
from formcheck.engine.measures import measure_all
from formcheck.engine.reps import REST, TOP
from formcheck.engine.spec import HoldRule
from formcheck.report import Fault, Hold, Rep

# Shorter than this is passing through the position (getting up, a step), not a hold: the same
# second the live session waits before it says "in position: go".
MIN_HOLD_S = 1.0
NOT_IN_POSITION = "not in position"


@dataclass
class HoldChannel:
    """The hold under way. `track`, `support_track` and `notes` are read by the side logic
    shared with rep channels (SpecAnalyser._working_track, _rep_side)."""

    hold: HoldTimer
    track: int | None = None
    support_track: int = 0
    notes: list[Note] = field(default_factory=list)  # one per frame in posture of the open hold
    frames: list[dict[str, float]] = field(default_factory=list)  # the measures of those frames
    announced: set[str] = field(default_factory=set)
    form: list[Fault] = field(default_factory=list)  # form faults on the latest frame: the blame if it ends now


class HoldAnalyser(SpecAnalyser):
    def _init_counting(self) -> None:
        if not isinstance(self.spec.rep, HoldRule):
            raise ValueError(f"{self.spec.name} counts reps, not holds")
        self.rule: HoldRule = self.spec.rep
        self.channel = HoldChannel(HoldTimer(self.rule.grace_s, count_lapses=False))
        self.channels = [self.channel]
        self._hint: str | None = None  # what to do about the position rule that is broken

    # -- the protocol -------------------------------------------------------------------------

    def update(self, t_ms: float, pose: Pose | None) -> FrameAnalysis:
        t_s = t_ms / 1000.0
        self._last_t = t_s
        channel, thresholds = self.channel, self.spec.thresholds
        self._hint = None
        body, view, reason = self._usable(t_s, pose)
        measures: dict[str, float] = {}
        note: Note | None = None
        if reason is None:
            labels = self.legs.update(t_s, body)
            track = self._working_track(channel, body, view, labels)
            note = replace(self._note(body, view, labels), working_track=track)
            working = None if track is None else labels[track]
            measures = measure_all(body, view, working, self.spec.measure_names())
            reason = self._position(measures)
        events = self._position_events(t_s, reason, view)
        side = self._live_side(channel)
        faults = [] if reason is not None else fr.frame_faults(
            self.spec.faults, measures, {}, thresholds, view, side, t_s)
        channel.form = [f for f in faults if self._invalidates(f.code)]
        holding = reason is None and not channel.form
        closed = len(channel.hold.spans)
        # A hold is on one leg: the other leg taking over (high knees, walking) ends it at once.
        switched = note is not None and bool(channel.notes) and note.working_track != channel.notes[-1].working_track
        if switched:
            channel.hold.end(t_s)
        held = channel.hold.update(t_s, holding)
        for span in channel.hold.spans[closed:]:  # the hold that ended on this frame
            rep = self._judge_hold(span, [] if switched else channel.form)
            if rep is not None:
                events.append(Event("rep", t_s, rep.side, _hold_message(rep), rep))
        if holding:
            channel.notes.append(note)
            channel.frames.append(measures)
        elif reason is not None and not channel.hold.open:
            channel.announced = set()  # out of position: tell again next time
        events += self._announce(t_s, faults, held, self._live_side(channel))
        usable = reason is None
        return FrameAnalysis(
            t_ms, usable=usable, reason=reason, measures=measures if usable else {},
            drive=measures.get(self.drive_measure) if usable else None, target=self.target,
            phase=TOP if holding else REST, side=self._live_side(channel), hold_s=held,
            hold_target_s=self.spec.hold_s, counts=self.counts(), faults=faults, events=events,
        )

    def finish(self) -> AnalysisResult:
        if self.channel.hold.open:
            self.channel.hold.finish()
            self._judge_hold(self.channel.hold.spans[-1], self.channel.form)
        self.reps.sort(key=lambda rep: rep.start_s)
        for n, rep in enumerate(self.reps, start=1):
            rep.n = n
        return AnalysisResult(self.reps, self.holds)

    # -- position and coaching ----------------------------------------------------------------

    def _position(self, measures: dict[str, float]) -> str | None:
        """None when every position rule holds; else "not in position", with the hint set."""
        thresholds = self.spec.thresholds
        for rule in self.rule.position:
            value = measures.get(rule.measure)
            if value is None:  # cannot confirm the position: not counted
                return NOT_IN_POSITION
            if fr.breaks(rule, value, thresholds):
                self._hint = fr.make_fault(rule, value, thresholds, None, None).message
                return NOT_IN_POSITION
        return None

    def _advice(self, reason: str) -> str:
        if reason == NOT_IN_POSITION and self._hint:
            return self._hint
        return super()._advice(reason)

    def _announce(self, t_s: float, faults: list[Fault], held: float, side: str | None) -> list[Event]:
        """Each fault once per hold (or per attempt at the position), and the target once reached."""
        channel, events = self.channel, []
        for fault in faults:
            if fault.code not in channel.announced:
                channel.announced.add(fault.code)
                events.append(Event("fault", t_s, side, fault.message))
        target = self.spec.hold_s
        if channel.hold.open and 0 < target <= held and "hold_reached" not in channel.announced:
            channel.announced.add("hold_reached")
            events.append(Event("hold_reached", t_s, side, f"held {target:g} s"))
        return events

    # -- judging a finished hold --------------------------------------------------------------

    def _judge_hold(self, span: HoldSpan, blame: list[Fault]) -> Rep | None:
        channel, spec, thresholds = self.channel, self.spec, self.spec.thresholds
        notes, frames = channel.notes, channel.frames
        channel.notes, channel.frames, channel.announced = [], [], set()
        held = span.duration_s
        if held < MIN_HOLD_S or not frames:
            return None
        side = self._rep_side(notes, channel)
        view = Counter(n.view for n in notes).most_common(1)[0][0]
        middle_s = round((span.start_s + span.end_s) / 2, 3)
        measures: dict[str, float] = {}
        drives = [m[self.rule.drive] for m in frames if self.rule.drive in m]
        if drives:
            measures[self.rule.drive] = float(np.median(drives))
        for stat in self.rule.stats:
            value = spread(frames, stat.measures)
            if value is not None:
                measures[stat.name] = value
        found: list[Fault] = []
        target = spec.hold_s
        if held < target:
            found.append(Fault("hold_too_short", f"held {held:.1f} s of {target:g} s", round(span.end_s, 3)))
        found += blame
        for rule in spec.faults:
            values = np.array([m[rule.measure] for m in frames if rule.measure in m])
            if not values.size or not fr.applies(rule, view):
                continue
            value = fr.rep_statistic(rule, values, np.ones(values.size, bool))
            measures.setdefault(rule.measure, value)
            # Form faults stopped the clock where they showed; a cue is reported if it stayed on.
            if not rule.invalidates and fr.breaks(rule, value, thresholds):
                found.append(fr.make_fault(rule, value, thresholds, side, middle_s))
        if self.side in ("left", "right") and side != self.side:
            found.append(Fault("wrong_side", f"that was the {side} side; this set is for the {self.side}"))
        valid = held >= target and not any(f.code == "wrong_side" for f in found)
        rep = Rep(n=len(self.reps) + 1, side=side, start_s=span.start_s, peak_s=middle_s, end_s=span.end_s,
                  hold_s=held, valid=valid, measures=measures, faults=found)
        self.reps.append(rep)
        self.holds.append(Hold(side, span.start_s, span.end_s, held, held >= target))
        return rep


def spread(frames: list[dict[str, float]], names: tuple[str, ...]) -> float | None:
    """RMS distance of each frame's point (the named measures) from their mean point."""
    points = np.array([[m[name] for name in names] for m in frames if all(name in m for name in names)])
    if len(points) < 2:
        return None
    return float(np.sqrt(np.mean(np.sum((points - points.mean(axis=0)) ** 2, axis=1))))


def _hold_message(rep: Rep) -> str:
    if rep.valid:
        return f"held {rep.hold_s:.1f} s" + (f" ({rep.side})" if rep.side != "both" else "")
    return "; ".join(f.message for f in rep.faults)
