"""ExerciseSpec: an exercise declared as data, which the shared engine runs.

An exercise file fills one ExerciseSpec: the body parts it must see, the camera views it accepts,
the posture it is done in, the measure that drives a rep and the levels that measure passes
through, the hold at the top, and fault rules with messages that carry the measured number. All
numbers live in `thresholds` under names, so a user can override any of them by name and an
exercise file can say where each one comes from.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Literal

from formcheck.engine.holds import WOBBLE_GRACE_S
from formcheck.report import Fault

View = Literal["side", "front", "feet_end", "oblique"]
Posture = Literal["standing", "lying", "supine", "side_lying", "any",
                  "quadruped", "prone", "seated"]
SideMode = Literal["both", "per_leg", "alternating"]
During = Literal["top", "rep"]


@dataclass(frozen=True)
class RepRule:
    """Levels of the driving measure, each the name of a threshold (degrees).

    rest < rise < attempt <= top. A rep starts when the drive climbs above `rise` from below
    `rest` (the gap between them is the hysteresis), reaches the top at `top` (the level a valid
    rep must reach) and ends when it is back under `rest`. A rep that never reaches `top` but
    peaks above `attempt` was clearly tried: it is reported, invalid, with `short_message`.
    `top_exit` is how far under `top` the drive must fall before the top phase ends.
    """

    drive: str
    rest: str = "rest_deg"
    rise: str = "rise_deg"
    attempt: str = "attempt_deg"
    top: str = "top_deg"
    target: str = "target_deg"  # the number shown to the user as the goal (top = target - tolerance)
    top_exit: str = "top_exit_deg"
    short_code: str = "partial_range"
    short_message: str = "reached {peak:.0f}°, target {target:.0f}°"


def rep_thresholds(*, target: float, top: float, top_exit: float, rest: float, rise: float, attempt: float,
                   **others: float) -> dict[str, float]:
    """The named thresholds of a spec: the RepRule's levels under their default names, plus any
    others (fault limits) under their own."""
    return {"target_deg": target, "top_deg": top, "top_exit_deg": top_exit, "rest_deg": rest,
            "rise_deg": rise, "attempt_deg": attempt, **others}


@dataclass(frozen=True)
class FaultRule:
    """A fault: `measure` above (or below) threshold `threshold` during the top or the whole rep.

    The statistic is the median over the top of the rep (frames within `top_band_deg` of the
    peak) for `during="top"`, or the 90th (10th for "below") percentile over the whole rep for
    `during="rep"`: single-frame landmark spikes do not make a fault. With `two_sided` the size
    counts whichever way it goes and `directions` names the two ways (positive, negative). With
    `from_rest` the measure is taken relative to its median at rest just before the rep: a
    per-person baseline for small signals such as pelvis tilt. `message` is formatted with
    value, abs_value, direction, threshold and side. `views` limits the rule to the views that
    can see it (None: all).
    """

    code: str
    measure: str
    threshold: str
    message: str
    above: bool = True
    two_sided: bool = False
    directions: tuple[str, str] = ("", "")
    during: During = "top"
    from_rest: bool = False
    invalidates: bool = True
    views: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Needs:
    """Body parts that must be visible; each name covers a left/right pair and one side suffices
    (a side view hides the far limb), unless `both` lists it."""

    parts: tuple[str, ...]
    both: tuple[str, ...] = ()


@dataclass(frozen=True)
class LegPick:
    """One-leg exercises whose working leg shows on each frame: it is the leg on which `measure`
    reads more than on the other by `margin` (a near tie keeps the last pick)."""

    measure: str
    margin: float


@dataclass(frozen=True)
class HoldStat:
    """A number that sums up a hold: the spread of `measures` over its frames in posture (the
    RMS distance of each frame's point from their mean point; one measure: its standard
    deviation). E.g. the hips' sway over the standing foot."""

    name: str
    measures: tuple[str, ...]


@dataclass(frozen=True)
class HoldRule:
    """A hold exercise (plank, a stretch, a balance test): a "rep" is one continuous hold in
    position, timed only while the form is right, and judged on its duration.

    `position` rules (FaultRules read the same way: breaking one means out) say what being in
    the exercise at all is, e.g. on the arms and horizontal for a plank: while one breaks the
    frame is "not in position" and the rule's message is the advice. The spec's `faults` are
    the form: while an invalidating one shows, the clock stops; if it outlasts `grace_s` the
    hold ends and carries that fault. Leaving the position for longer than `grace_s` ends the
    hold without blame. `drive` is the measure shown live and reported (its median over the
    hold); `top` and `target` name the thresholds that bound its good band (the report's plot
    shades between them, the live arc ticks `target`), as for a RepRule. `stats` sum up the
    hold besides its duration.
    """

    drive: str
    top: str
    target: str
    position: tuple[FaultRule, ...] = ()
    stats: tuple[HoldStat, ...] = ()
    grace_s: float = WOBBLE_GRACE_S

    def measure_names(self) -> tuple[str, ...]:
        return (self.drive, *(rule.measure for rule in self.position),
                *(name for stat in self.stats for name in stat.measures))


CustomCheck = Callable[[dict[str, float]], list[Fault]]


@dataclass(frozen=True)
class ExerciseSpec:
    name: str
    title: str
    summary: str
    camera_tip: str
    views: tuple[str, ...]  # accepted views, the first is the one to aim for
    posture: Posture
    needs: Needs
    rep: RepRule | HoldRule  # a HoldRule: each "rep" is one hold in position
    thresholds: dict[str, float]
    side_mode: SideMode = "both"
    hold_s: float = 0.0  # hold target at the top; 0 = any hold counts
    faults: tuple[FaultRule, ...] = ()
    top_band_deg: float = 10.0  # frames this close to the peak make "the top" for fault statistics
    measures: tuple[str, ...] = ()  # extra measures to report besides those the rules use
    working_leg: Literal["moving", "bent_knee"] | LegPick = "moving"  # per-leg: which leg names the side
    # Measures whose peak over the rep is reported with it (and given to `check`): what a rep
    # must reach besides its drive, such as each phase of a two-phase move.
    peaks: tuple[str, ...] = ()
    # Escape hatch for what a rule table cannot say: called with a finished rep's measures (the
    # drive's peak, each rule's statistic); every fault it returns invalidates the rep.
    check: CustomCheck | None = None

    @property
    def view(self) -> str:
        return self.views[0]

    def measure_names(self) -> tuple[str, ...]:
        names = [self.rep.drive, *self.measures, *self.peaks, *(rule.measure for rule in self.faults)]
        if isinstance(self.rep, HoldRule):
            names += self.rep.measure_names()
        return tuple(dict.fromkeys(names))

    def with_options(
        self, hold_s: float | None = None, thresholds: dict[str, float] | None = None
    ) -> "ExerciseSpec":
        """A copy with the hold target and named thresholds overridden; unknown names rejected."""
        thresholds = thresholds or {}
        unknown = sorted(set(thresholds) - set(self.thresholds))
        if unknown:
            raise ValueError(
                f"{self.name} has no threshold named {', '.join(unknown)}; "
                f"known: {', '.join(sorted(self.thresholds))}"
            )
        if hold_s is not None and hold_s < 0:
            raise ValueError(f"hold_s must be >= 0, got {hold_s}")
        merged = {**self.thresholds, **{k: float(v) for k, v in thresholds.items()}}
        if isinstance(self.rep, RepRule):
            _check_levels(self.name, self.rep, merged)
        return ExerciseSpec(
            **{
                **{f: getattr(self, f) for f in self.__dataclass_fields__},
                "thresholds": merged,
                "hold_s": self.hold_s if hold_s is None else float(hold_s),
            }
        )


def _check_levels(name: str, rep: RepRule, t: dict[str, float]) -> None:
    levels = [t[rep.rest], t[rep.rise], t[rep.attempt], t[rep.top]]
    if levels != sorted(levels) or t[rep.rest] == t[rep.rise]:
        raise ValueError(
            f"{name}: thresholds must satisfy {rep.rest} < {rep.rise} <= {rep.attempt} <= {rep.top}, "
            f"got {levels}"
        )
