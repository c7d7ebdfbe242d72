"""SpecAnalyser: runs any ExerciseSpec frame by frame (the `formcheck.analysis.Analyser` protocol).

Per frame: is it usable (a person, the right view, the needed parts seen, in position)? If not,
say why and feed the rep machines a gap. If so, build the label-free body, follow the legs,
take the spec's measures and drive one rep machine per channel: one for exercises where both
legs work or one leg at a time is picked from the body (`both`, `one_leg`), one per tracked
leg where either leg may drive at any moment (`per_leg`: alternating knee drives overlap).
A finished rep is judged: reached the target, faults, hold, side.
"""
from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field, replace

import numpy as np

from formcheck.analysis import AnalysisResult, Event, FrameAnalysis
from formcheck.data import Pose
from formcheck.engine import faults as fr
from formcheck.engine.body import KNEE, Body, body_from_pose
from formcheck.engine.holds import HoldTimer
from formcheck.engine.measures import measure_all
from formcheck.engine.reps import TOP, Levels, RepMachine, RepTrace
from formcheck.engine.sides import LegTracker, lateral_score, moving_track, side_from_scores
from formcheck.engine.spec import ExerciseSpec, LegPick
from formcheck.engine.view import POSTURE_ADVICE, ViewTracker, missing_parts, posture_ok
from formcheck.report import Fault, Hold, Rep

SIDE_OPTIONS = ("left", "right", "alternate", None)
POSITION_ADVICE_AFTER_S = 1.0  # say how to fix the set-up once a problem has lasted this long
REST_BASELINE_S = 1.0  # rest frames kept for per-person baselines
BENT_KNEE_SWITCH_DEG = 20.0  # the other knee must be this much more bent to become the support
VIEW_ADVICE = {
    "side": "turn side-on to the camera",
    "front": "face the camera",
    "feet_end": "put the camera at your feet, looking along your body",
}


@dataclass(frozen=True)
class Note:
    """What the side logic needs from one frame of a rep."""

    view: str
    labels: tuple[str, str]  # MediaPipe's label of each track: only the last resort for a side
    lateral: tuple[float, float]  # per track: metres towards the person's left of the other leg
    knees: tuple[np.ndarray, np.ndarray]  # per track: knee relative to the hip midpoint (world)
    working_track: int | None = None


@dataclass
class Channel:
    machine: RepMachine
    track: int | None  # the tracked leg this channel follows (per_leg), else None
    hold: HoldTimer = field(default_factory=HoldTimer)
    rest: deque = field(default_factory=deque)  # (t_s, measures) while at rest
    baseline: dict[str, float] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    announced: set[str] = field(default_factory=set)
    measures: dict[str, float] = field(default_factory=dict)
    live: list[Fault] = field(default_factory=list)
    support_track: int = 0


class SpecAnalyser:
    def __init__(self, spec: ExerciseSpec, side: str | None = None, mirrored: bool = False):
        if side not in SIDE_OPTIONS:
            raise ValueError(f"side must be one of left, right, alternate or None, got {side!r}")
        if side is not None and spec.side_mode == "both":
            raise ValueError(f"{spec.name} works both legs together: it takes no side")
        self.spec = spec
        self.exercise = spec.name
        self.drive_measure = spec.rep.drive
        self.side = side
        self.mirrored = mirrored
        self.target = spec.thresholds[spec.rep.target]
        self._init_counting()
        self.views = ViewTracker()
        self.legs = LegTracker()
        self.reps: list[Rep] = []
        self.holds: list[Hold] = []
        self._body: Body | None = None
        self._last_t = 0.0
        self._problem: str | None = None
        self._problem_since = 0.0
        self._problem_told = False

    def _init_counting(self) -> None:
        """The rep machines: one channel, or one per tracked leg (`per_leg`). A hold exercise's
        analyser (`hold_analyser.HoldAnalyser`) counts holds instead."""
        t, r = self.spec.thresholds, self.spec.rep
        self.levels = Levels(t[r.rest], t[r.rise], t[r.attempt], t[r.top], t[r.top_exit])
        tracks = (0, 1) if self.spec.side_mode == "per_leg" else (None,)
        self.channels = [Channel(RepMachine(self.levels), track) for track in tracks]

    # -- the protocol -------------------------------------------------------------------------

    def update(self, t_ms: float, pose: Pose | None) -> FrameAnalysis:
        t_s = t_ms / 1000.0
        self._last_t = t_s
        body, view, reason = self._usable(t_s, pose)
        events = self._position_events(t_s, reason, view)
        if reason is not None:
            for channel in self.channels:
                channel.machine.update(t_s, None, {})
            return FrameAnalysis(t_ms, usable=False, reason=reason, phase=self._active().machine.phase,
                                 hold_target_s=self.spec.hold_s, counts=self.counts(), events=events)
        labels = self.legs.update(t_s, body)
        note = self._note(body, view, labels)
        for channel in self.channels:
            events += self._step(channel, t_s, body, note)
        active = self._active()
        return FrameAnalysis(
            t_ms, usable=True, measures=dict(active.measures), drive=active.measures.get(self.drive_measure),
            target=self.target, phase=active.machine.phase, side=self._live_side(active),
            hold_s=active.hold.current(t_s) if active.machine.rep else 0.0,
            hold_target_s=self.spec.hold_s, counts=self.counts(), faults=list(active.live), events=events,
        )

    def finish(self) -> AnalysisResult:
        for channel in self.channels:
            trace = channel.machine.finish(self._last_t)
            if trace is not None:
                self._judge(channel, trace)
        self.reps.sort(key=lambda rep: rep.start_s)
        for n, rep in enumerate(self.reps, start=1):
            rep.n = n
        return AnalysisResult(self.reps, self.holds)

    def counts(self) -> dict[str, tuple[int, int]]:
        sides = ("both",) if self.spec.side_mode == "both" else ("left", "right")
        return {s: (sum(r.valid for r in self.reps if r.side == s), sum(r.side == s for r in self.reps))
                for s in sides}

    # -- usability ----------------------------------------------------------------------------

    def _usable(self, t_s: float, pose: Pose | None) -> tuple[Body | None, str, str | None]:
        if pose is None:
            return None, "", "no person"
        body = body_from_pose(pose, self._body)
        self._body = body
        view = self.views.update(t_s, pose)
        if view not in self.spec.views:
            return body, view, "wrong view"
        missing = missing_parts(pose, self.spec.needs)
        if missing:
            return body, view, f"{' and '.join(missing)} not visible"
        if not posture_ok(body, self.spec.posture):
            return body, view, "not in position"
        return body, view, None

    def _position_events(self, t_s: float, reason: str | None, view: str) -> list[Event]:
        """One spoken hint per problem, once it has lasted POSITION_ADVICE_AFTER_S."""
        if reason != self._problem:
            self._problem, self._problem_since, self._problem_told = reason, t_s, False
        if reason is None or self._problem_told or t_s - self._problem_since < POSITION_ADVICE_AFTER_S:
            return []
        self._problem_told = True
        return [Event("position", t_s, message=self._advice(reason))]

    def _advice(self, reason: str) -> str:
        if reason == "no person":
            return "I can't see you: step into the frame"
        if reason == "wrong view":
            return VIEW_ADVICE.get(self.spec.view, self.spec.camera_tip)
        if reason == "not in position":
            return POSTURE_ADVICE.get(self.spec.posture, self.spec.camera_tip)
        return f"step back: I can't see your {reason.removesuffix(' not visible')}"

    # -- one channel, one frame ---------------------------------------------------------------

    def _note(self, body: Body, view: str, labels: tuple[str, str]) -> Note:
        knees = tuple(body.leg_world(label)[KNEE] - body.world.hip_mid for label in labels)
        lateral = tuple(lateral_score(body, label) for label in labels)
        return Note(view, labels, lateral, knees)

    def _working_track(self, channel: Channel, body: Body, view: str, labels: tuple[str, str]) -> int | None:
        if channel.track is not None:
            return channel.track
        pick = self.spec.working_leg
        if self.spec.side_mode != "one_leg" or pick == "moving":
            return None
        measure, margin = (pick.measure, pick.margin) if isinstance(pick, LegPick) else (
            "knee_flexion_deg", BENT_KNEE_SWITCH_DEG)
        readings = [measure_all(body, view, label, (measure,)).get(measure) for label in labels]
        other = 1 - channel.support_track
        if None in readings:  # cannot compare: keep the last pick
            return channel.support_track
        if readings[other] > readings[channel.support_track] + margin:
            channel.support_track = other
        return channel.support_track

    def _step(self, channel: Channel, t_s: float, body: Body, note: Note) -> list[Event]:
        view, labels = note.view, note.labels
        track = self._working_track(channel, body, view, labels)
        working = None if track is None else labels[track]
        measures = measure_all(body, view, working, self.spec.measure_names())
        channel.measures = measures
        drive = measures.get(self.drive_measure)
        machine = channel.machine
        was_resting = machine.rep is None
        trace = machine.update(t_s, drive, measures)
        if was_resting and machine.rep is not None:
            self._begin(channel, t_s)
        events: list[Event] = []
        if machine.rep is not None or trace is not None:
            channel.notes.append(replace(note, working_track=track))
            events += self._live(channel, t_s, measures, view)
        else:
            channel.live = []
            self._remember_rest(channel, t_s, measures)
        if trace is not None:
            rep = self._judge(channel, trace)
            events.append(Event("rep", t_s, rep.side, _rep_message(rep), rep))
        return events

    def _remember_rest(self, channel: Channel, t_s: float, measures: dict[str, float]) -> None:
        channel.rest.append((t_s, measures))
        while channel.rest and channel.rest[0][0] < t_s - REST_BASELINE_S:
            channel.rest.popleft()

    def _begin(self, channel: Channel, t_s: float) -> None:
        """A rep starts: freeze the at-rest baseline, start a fresh hold and fresh notes."""
        names = {name for _, m in channel.rest for name in m}
        channel.baseline = {
            name: float(np.median([m[name] for _, m in channel.rest if name in m])) for name in names
        }
        channel.hold = HoldTimer()
        channel.notes, channel.announced = [], set()

    def _live(self, channel: Channel, t_s: float, measures: dict[str, float], view: str) -> list[Event]:
        rules = tuple(r for r in self.spec.faults if r.during == "rep" or channel.machine.phase == TOP)
        side = self._live_side(channel)
        channel.live = fr.frame_faults(rules, measures, channel.baseline, self.spec.thresholds, view, side, t_s)
        drive = measures.get(self.drive_measure)
        holding = (drive is not None and drive >= self.levels.top
                   and not any(self._invalidates(f.code) for f in channel.live))
        held = channel.hold.update(t_s, holding)
        events = []
        for fault in channel.live:
            if fault.code not in channel.announced:
                channel.announced.add(fault.code)
                events.append(Event("fault", t_s, side, fault.message))
        target = self.spec.hold_s
        if target > 0 and held >= target and "hold_reached" not in channel.announced:
            channel.announced.add("hold_reached")
            events.append(Event("hold_reached", t_s, side, f"held {target:g} s"))
        return events

    def _invalidates(self, code: str) -> bool:
        return any(rule.invalidates for rule in self.spec.faults if rule.code == code)

    # -- judging a finished rep ---------------------------------------------------------------

    def _judge(self, channel: Channel, trace: RepTrace) -> Rep:
        spec, thresholds = self.spec, self.spec.thresholds
        notes = channel.notes  # one per frame of the rep: a rep starts on a usable frame
        view = Counter(n.view for n in notes).most_common(1)[0][0]
        side = self._rep_side(notes, channel)
        drives = np.array(trace.drives)
        near_peak = drives >= trace.peak - spec.top_band_deg
        found: list[Fault] = []
        measures = {spec.rep.drive: trace.peak}
        for name in spec.peaks:
            values = [m[name] for m in trace.measures if name in m]
            if values:
                measures[name] = max(values)
        if not trace.reached_top:
            message = spec.rep.short_message.format(
                peak=trace.peak, target=self.target, short=self.target - trace.peak, side=side)
            found.append(Fault(spec.rep.short_code, message, round(trace.peak_s, 3)))
        for rule in spec.faults:
            value = self._rep_value(rule, trace, near_peak, channel.baseline) if fr.applies(rule, view) else None
            if value is None:
                continue
            measures.setdefault(rule.measure, value)  # the drive keeps its peak
            if fr.breaks(rule, value, thresholds):
                found.append(fr.make_fault(rule, value, thresholds, side, trace.peak_s))
        custom = spec.check(measures) if spec.check else []
        found += custom
        span = channel.hold.finish() if trace.reached_top else None
        hold_s = span.duration_s if span else 0.0
        posture_faults = bool(custom) or any(self._invalidates(f.code) for f in found)
        if trace.reached_top and spec.hold_s > 0 and hold_s < spec.hold_s and not posture_faults:
            # a hold in a faulty posture does not count, but the posture fault is the news
            found.append(Fault("hold_too_short", f"held {hold_s:.1f} s of {spec.hold_s:g} s", round(trace.peak_s, 3)))
        if self.side in ("left", "right") and side != self.side:
            found.append(Fault("wrong_side", f"that was the {side} leg; this set is for the {self.side}"))
        always = ("hold_too_short", "wrong_side", spec.rep.short_code, *(f.code for f in custom))
        invalid = {f.code for f in found if f.code in always or self._invalidates(f.code)}
        rep = Rep(
            n=len(self.reps) + 1, side=side, start_s=trace.start_s, peak_s=trace.peak_s, end_s=trace.end_s,
            hold_s=hold_s, valid=trace.reached_top and not invalid, measures=measures, faults=found,
        )
        self.reps.append(rep)
        if span:
            self.holds.append(Hold(side, span.start_s, span.end_s, hold_s, hold_s >= spec.hold_s))
        channel.notes = []
        return rep

    def _rep_value(self, rule, trace: RepTrace, near_peak: np.ndarray, baseline: dict[str, float]) -> float | None:
        pairs = [(i, fr.relative(rule, m[rule.measure], baseline)) for i, m in enumerate(trace.measures)
                 if rule.measure in m]
        pairs = [(i, v) for i, v in pairs if v is not None]
        if not pairs:
            return None
        index, values = zip(*pairs)
        return fr.rep_statistic(rule, np.array(values), near_peak[list(index)])

    def _rep_side(self, notes: list[Note], channel: Channel) -> str:
        if self.spec.side_mode == "both":
            return "both"
        if channel.track is not None:
            track = channel.track
        elif self.spec.working_leg == "moving":
            track = moving_track([n.knees for n in notes])
        else:
            track = Counter(n.working_track for n in notes).most_common(1)[0][0]
        side = side_from_scores([n.lateral[track] for n in notes], self.mirrored)
        if side is None:  # no depth or lateral evidence at all: fall back on MediaPipe's label
            label = Counter(n.labels[track] for n in notes).most_common(1)[0][0].lower()
            side = label if not self.mirrored else ("right" if label == "left" else "left")
        return side

    # -- reading the state --------------------------------------------------------------------

    def _active(self) -> Channel:
        def key(channel: Channel) -> tuple[bool, float]:
            return channel.machine.rep is not None, channel.measures.get(self.drive_measure, -np.inf)
        return max(self.channels, key=key)

    def _live_side(self, channel: Channel) -> str | None:
        if self.spec.side_mode == "both":
            return "both"
        return self._rep_side(channel.notes, channel) if channel.notes else None


def _rep_message(rep: Rep) -> str:
    if rep.valid:
        return f"rep {rep.n}" + (f" ({rep.side})" if rep.side != "both" else "")
    return "; ".join(f.message for f in rep.faults) or "rep not counted"
