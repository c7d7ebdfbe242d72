"""The live coach as the routine runner's `RunSet`: each set of a routine is one live session
(`formcheck.live.run.run_live`) of one set, its events handed to the runner as they happen."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from formcheck.analysis import Event
from formcheck.errors import FormcheckError
from formcheck.report import ExerciseReport
from formcheck.routine_runner import RoutineStopped, RunSet, SetGoal, Source

# How a live session ends when the user, not the set, ended it: the routine ends with it.
USER_STOPS = ("quit", "window closed", "interrupted")


def live_run_set(*, model: str, headless: bool, fast: bool, mute: bool) -> RunSet:
    from formcheck.live.run import LiveRequest, run_live

    def run_set(goal: SetGoal, source: Source, on_event: Callable[[Event], None]) -> ExerciseReport:
        options = {k: v for k, v in {"hold_s": goal.hold_s, "side": goal.side}.items() if v is not None}
        file = Path(source) if isinstance(source, str) else None
        request = LiveRequest(
            exercise=goal.exercise, options=options, camera=source if isinstance(source, int) else 0, source=file,
            model=model, sets=1, reps=goal.reps or 1, rest_s=0.0, mute=mute, headless=headless, fast=fast,
            started=datetime.now(), on_event=on_event,
        )
        result = run_live(request)
        if result.camera_lost:
            raise FormcheckError(f"{result.stop}: the routine stops here; every finished rep is in the history")
        if result.stop in USER_STOPS:
            raise RoutineStopped(f"routine stopped ({result.stop}); every finished rep is in the history")
        return result.report

    return run_set
