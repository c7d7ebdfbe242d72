"""A live session around the exercise analyser: sets with rests between them, getting into
position before counting starts, starting over, and switching the working side.

`Session` is itself an Analyser (same `update`/`finish`), so the shared `pipeline.run_frames`
drives it; what it adds arrives as more events on the frame's FrameAnalysis:
  set_done   a set reached its reps (or the last set did: the session is complete)
  set_start  the rest is over (or a rep was made during it)
  position   "in position: go" once the person has been analysable for READY_S
  notice     a key was pressed (side switched, counts reset)
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from formcheck.analysis import AnalysisResult, Event, FrameAnalysis
from formcheck.data import Pose
from formcheck.pipeline import new_analyser
from formcheck.report import Rep

REST_S = 60.0  # between sets, when not told otherwise (a common physio prescription)
READY_S = 1.0  # analysable this long before the coach says go: a passing moment is not a set-up
LOST_S = 3.0  # not analysable this long after that: back to helping the person into position


@dataclass(frozen=True)
class SetPlan:
    sets: int = 1
    reps: int | None = None  # valid reps a set needs, per working side; None: an open session
    rest_s: float = REST_S


@dataclass(frozen=True)
class SetProgress:
    number: int  # the set under way (the last one once complete)
    sets: int
    done: int  # valid reps toward it (the lagging side's, when alternating)
    target: int | None
    per_side: bool  # target is per side (alternating sides)
    rest_left_s: float | None  # counting down between sets
    rest_s: float
    complete: bool


class Session:
    def __init__(self, exercise: str, options: dict, plan: SetPlan = SetPlan()):
        self.exercise = exercise
        self.options = dict(options)
        self.plan = plan
        self._pending: list[Event] = []
        self._start()

    def _start(self) -> None:
        self.analyser = new_analyser(self.exercise, **self.options)
        self.drive_measure = self.analyser.drive_measure
        self._set = 1
        self._valid: Counter[str] = Counter()  # valid reps per side in the set under way
        self._announced: list[Rep] = []  # every rep told to the user, as it finished
        self._rest_since: float | None = None
        self._rest_left: float | None = None
        self.completed_at: float | None = None
        self._reason: str | None = None  # why the frame is not analysable, while it is not
        self._advice: str | None = None  # the analyser's spoken fix for that reason, once given
        self._usable_since: float | None = None
        self._unusable_since: float | None = None
        self.ready = False

    # -- the Analyser protocol ----------------------------------------------------------------

    def update(self, t_ms: float, pose: Pose | None) -> FrameAnalysis:
        analysis = self.analyser.update(t_ms, pose)
        self._announced += [e.rep for e in analysis.events if e.kind == "rep" and e.rep is not None]
        t_s = t_ms / 1000.0
        analysis.events += [Event(e.kind, t_s, e.side, e.message) for e in self._pending]
        self._pending = []
        analysis.events += self._position(t_s, analysis)
        analysis.events += self._sets(t_s, analysis.events)
        return analysis

    def finish(self, cut_short: bool = False) -> AnalysisResult:
        """The session's reps and holds. At the end of a video the rep in progress is judged, as
        `analyze` does; when the session was stopped instead (q, every set done, a lost camera) it
        is dropped: half a rep, cut off by the stop, is no failed rep."""
        result = self.analyser.finish()
        if not cut_short:
            return result
        reps = [rep for rep in result.reps if any(rep is told for told in self._announced)]
        dropped = [rep for rep in result.reps if not any(rep is kept for kept in reps)]
        holds = [h for h in result.holds if not any(h.side == d.side and h.start_s >= d.start_s for d in dropped)]
        for n, rep in enumerate(reps, start=1):
            rep.n = n
        return AnalysisResult(reps, holds)

    # -- keys ---------------------------------------------------------------------------------

    def reset(self) -> None:
        """Start over: counts, sets and the rep in progress are dropped."""
        self._start()
        self._pending.append(Event("notice", 0.0, message="counts reset"))

    def switch_side(self) -> str | None:
        """Left <-> right for the reps to come (from alternate or none: left); None if the
        exercise works both legs together."""
        if self.analyser.spec.side_mode == "both":
            self._pending.append(Event("notice", 0.0, message=f"{self.exercise} works both legs: no side to switch"))
            return None
        side = "right" if self.options.get("side") == "left" else "left"
        self.options["side"] = side
        # Only the judging of reps still to finish reads the side: no need to start over.
        self.analyser.side = side
        self._pending.append(Event("notice", 0.0, side, f"now the {side} leg"))
        return side

    # -- what the window shows ----------------------------------------------------------------

    @property
    def positioning(self) -> str | None:
        """Advice while the person is not (yet, or no longer) in position; None once counting."""
        return None if self.ready else (self._advice or self._reason or "hold your start position")

    @property
    def progress(self) -> SetProgress:
        return SetProgress(self._set, self.plan.sets, self._done(), self.plan.reps,
                           self.options.get("side") == "alternate", self._rest_left, self.plan.rest_s,
                           self.completed_at is not None)

    # -- positioning and sets -----------------------------------------------------------------

    def _position(self, t_s: float, a: FrameAnalysis) -> list[Event]:
        if a.reason != self._reason:
            self._reason, self._advice = a.reason, None
        for event in a.events:
            if event.kind == "position":
                self._advice = event.message
        if not a.usable:
            self._usable_since = None
            self._unusable_since = t_s if self._unusable_since is None else self._unusable_since
            if self.ready and t_s - self._unusable_since >= LOST_S:
                self.ready = False
            return []
        self._unusable_since = None
        self._usable_since = t_s if self._usable_since is None else self._usable_since
        if self.ready:
            return []
        if a.phase != "rest" or any(e.kind == "rep" for e in a.events):
            self.ready = True  # already moving through a rep: in position, no need to say go
            return []
        if t_s - self._usable_since < READY_S:
            return []
        self.ready = True
        return [Event("position", t_s, message="in position: go")]

    def _done(self) -> int:
        side = self.options.get("side")
        if side in ("left", "right"):
            return self._valid[side]
        if side == "alternate":
            return min(self._valid["left"], self._valid["right"])
        return sum(self._valid.values())

    def _sets(self, t_s: float, events: list[Event]) -> list[Event]:
        plan = self.plan
        made = [e.rep for e in events if e.kind == "rep" and e.rep is not None and e.rep.valid]
        self._valid.update(rep.side for rep in made)
        if self.completed_at is not None or plan.reps is None:
            return []
        found: list[Event] = []
        if self._rest_since is not None:
            self._rest_left = max(plan.rest_s - (t_s - self._rest_since), 0.0)
            if made or self._rest_left <= 0:
                self._rest_since = self._rest_left = None
                found.append(Event("set_start", t_s, message=f"set {self._set} of {plan.sets}: go"))
        if self._done() < plan.reps:
            return found
        if self._set >= plan.sets:
            self.completed_at = t_s
            done = f"all {plan.sets} sets done" if plan.sets > 1 else "set done"
            return found + [Event("set_done", t_s, message=f"{done}: well done")]
        found.append(Event("set_done", t_s, message=f"set {self._set} done: rest {plan.rest_s:g} s"))
        self._set += 1
        self._valid.clear()
        self._rest_since, self._rest_left = t_s, plan.rest_s
        return found
