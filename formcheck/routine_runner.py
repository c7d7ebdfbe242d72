"""Running a routine: exercise by exercise, set by set, with camera set-up prompts, rest timers
and every set recorded into history as it goes. No drawing and no frame loop: a set is run by
the live loop, handed in as a `RunSet`."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from formcheck.analysis import Event
from formcheck.errors import FormcheckError
from formcheck.exercises import EXERCISES
from formcheck.history import History
from formcheck.report import ExerciseReport
from formcheck.routines import Routine, RoutineStep

Source = str | int  # a video file, or a camera index


@dataclass(frozen=True, slots=True)
class SetGoal:
    """What the live loop runs for one set: `reps` reps (per side), or one hold of `hold_s`
    seconds when `reps` is None."""

    exercise: str
    reps: int | None
    hold_s: float | None  # hold target at the top of each rep; None: the exercise's own
    side: str | None  # left | right: the set is for that side only


class RoutineStopped(FormcheckError):
    """The user stopped the live set (q, closed window, Ctrl-C): the routine ends there."""

    exit_code = 130


class RunSet(Protocol):
    """The live loop, one set at a time: calls `on_event` with each event as it happens and
    returns the set's report when the goal is reached or the source ends; raises RoutineStopped
    when the user stops."""

    def __call__(self, goal: SetGoal, source: Source, on_event: Callable[[Event], None]) -> ExerciseReport: ...


class Pauses(Protocol):
    """The waits between sets: the runner says what to do, these decide how long it takes."""

    def ready(self, message: str) -> None:
        """Wait until the user is set up for the next exercise."""

    def countdown(self, seconds: float, label: str) -> None:
        """A rest, or a timed step such as a stretch."""


@dataclass(frozen=True, slots=True)
class PlannedSet:
    step_index: int
    step: RoutineStep
    set_n: int  # 1-based
    side: str | None
    rest_after_s: float  # 0 before a switch of sides and after a step's last set

    @property
    def label(self) -> str:
        side = f", {self.side}" if self.side else ""
        return f"{self.step.name}: set {self.set_n} of {self.step.sets}{side}"

    def goal(self) -> SetGoal:
        step = self.step
        assert step.exercise is not None, "a stretch has no live set"
        if step.reps is None:  # a timed step of an analysed exercise: one hold that long
            return SetGoal(step.exercise, None, step.seconds, self.side)
        return SetGoal(step.exercise, step.reps, step.hold_s[0] if step.hold_s else None, self.side)


def plan_sets(routine: Routine) -> list[PlannedSet]:
    """Every set in order: a per-side step does each set on the left, then the right."""
    planned = []
    for index, step in enumerate(routine.steps):
        sides = ("left", "right") if step.per_side else (None,)
        for set_n in range(1, step.sets + 1):
            for side in sides:
                last_side = side == sides[-1]
                rest = step.rest_s if last_side and set_n < step.sets else 0.0
                planned.append(PlannedSet(index, step, set_n, side, rest))
    return planned


def step_sources(routine: Routine, sources: list[Source]) -> dict[int, Source]:
    """The source of each analysed step: one for all, or one per analysed step in order."""
    analysed = [i for i, step in enumerate(routine.steps) if step.analysed]
    if len(sources) == 1:
        return dict.fromkeys(analysed, sources[0])
    if len(sources) != len(analysed):
        names = ", ".join(routine.steps[i].exercise or "" for i in analysed)
        raise ValueError(f"routine {routine.name} has {len(analysed)} analysed steps ({names}): "
                         f"give one source for all or one per step, got {len(sources)}")
    return dict(zip(analysed, sources))


def _set_result(report: ExerciseReport, side: str | None) -> str:
    reps = [r for r in report.reps if side is None or r.side == side]
    return f"{sum(r.valid for r in reps)} valid of {len(reps)}"


def run_routine(
    routine: Routine,
    sources: list[Source],
    run_set: RunSet,
    history: History,
    pauses: Pauses,
    say: Callable[[str], None],
    on_event: Callable[[Event], None] | None = None,
) -> int:
    """Run every set of `routine`, recording as it goes; returns the history session id.

    `say` gets the coach's lines between sets (set-up, results, rests); `on_event` sees each
    live event too (the live loop already shows them to the user)."""
    by_step = step_sources(routine, sources)
    session = history.start_session("routine", routine=routine.name)
    say(f"{routine.title}: {len(routine.steps)} exercises.")
    previous = None
    for planned in plan_sets(routine):
        step = planned.step
        if planned.step_index != previous:
            previous = planned.step_index
            _announce(planned, pauses, say)
        elif planned.side == "right":
            pauses.ready(f"Switch sides: {step.name}, right side.")
        if step.analysed:
            _live_set(planned, by_step[planned.step_index], run_set, history, session, say, on_event)
        else:
            _timed_set(planned, history, session, pauses)
        if planned.rest_after_s:
            pauses.countdown(planned.rest_after_s, f"Rest, then {step.name} set {planned.set_n + 1}")
    history.end_session(session)
    say(f"{routine.title}: done.")
    return session


def _announce(planned: PlannedSet, pauses: Pauses, say: Callable[[str], None]) -> None:
    step = planned.step
    say(f"Next: {step.name}, {step.describe()}.")
    if step.cue:
        say(step.cue)
    tip = EXERCISES[step.exercise].camera_tip if step.exercise else None
    side = f" ({planned.side} side first)" if planned.side else ""
    pauses.ready(f"Camera: {tip}{side}" if tip else f"Get into position{side}.")


def _live_set(planned: PlannedSet, source: Source, run_set: RunSet, history: History, session: int,
              say: Callable[[str], None], on_event: Callable[[Event], None] | None) -> None:
    goal = planned.goal()
    set_id = history.start_set(session, goal.exercise, name=planned.step.name, side=goal.side, target_reps=goal.reps,
                               target_s=None if goal.reps else goal.hold_s, hold_target_s=goal.hold_s,
                               source=f"camera:{source}" if isinstance(source, int) else source)
    record = history.rep_writer(set_id)

    def handle(event: Event) -> None:
        record(event)
        if on_event is not None:
            on_event(event)

    report = run_set(goal, source, handle)
    history.end_set(set_id, model=report.model)
    say(f"{planned.label}: {_set_result(report, goal.side)}.")


def _timed_set(planned: PlannedSet, history: History, session: int, pauses: Pauses) -> None:
    step = planned.step
    set_id = history.start_set(session, None, name=step.name, side=planned.side, target_s=step.seconds)
    pauses.countdown(step.seconds or 0.0, planned.label)
    history.end_set(set_id)
