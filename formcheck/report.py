"""The exercise report: what analysis found, as dataclasses with one stable JSON form."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from formcheck.data import SourceInfo

SIDES = ("left", "right", "both")


@dataclass(frozen=True, slots=True)
class Fault:
    """A form fault, with a message that carries the measured number ("left hip dropped 9°")."""

    code: str
    message: str
    t_s: float | None = None


@dataclass(slots=True)
class Rep:
    """One completed attempt, valid or not."""

    n: int
    side: str  # left | right | both
    start_s: float
    peak_s: float
    end_s: float
    hold_s: float
    valid: bool
    measures: dict[str, float] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Hold:
    side: str
    start_s: float
    end_s: float
    duration_s: float
    valid: bool


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the clip that could not be analysed, and why."""

    start_s: float
    end_s: float
    reason: str  # no person | out of frame | wrong view | two people | landmarks not visible


@dataclass(slots=True)
class Coverage:
    frames: int = 0
    frames_with_pose: int = 0
    unusable: list[Span] = field(default_factory=list)

    @property
    def usable_fraction(self) -> float:
        return self.frames_with_pose / self.frames if self.frames else 0.0


@dataclass(slots=True)
class ExerciseReport:
    formcheck_version: str
    exercise: str
    model: str
    source: SourceInfo
    coverage: Coverage
    reps: list[Rep]
    holds: list[Hold]
    options: dict[str, float | str | None] = field(default_factory=dict)

    def summary(self) -> dict:
        reps = {s: sum(r.side == s for r in self.reps) for s in SIDES}
        valid = {s: sum(r.side == s and r.valid for r in self.reps) for s in SIDES}
        faults: dict[str, int] = {}
        for rep in self.reps:
            for code in dict.fromkeys(f.code for f in rep.faults):  # count a code once per rep
                faults[code] = faults.get(code, 0) + 1
        return {
            "reps": {**reps, "total": len(self.reps)},
            "valid_reps": {**valid, "total": sum(r.valid for r in self.reps)},
            "faults": faults,
            "hold_s_total": round(sum(h.duration_s for h in self.holds), 2),
        }

    def to_dict(self) -> dict:
        src = self.source
        return {
            "formcheck_version": self.formcheck_version,
            "exercise": self.exercise,
            "model": self.model,
            "options": self.options,
            "source": {
                "path": src.path,
                "duration_s": round(src.duration_s, 3),
                "fps": round(src.fps, 3),
                "width": src.width,
                "height": src.height,
                "rotation": src.rotation,
            },
            "coverage": {
                "frames": self.coverage.frames,
                "frames_with_pose": self.coverage.frames_with_pose,
                "unusable": [asdict(s) for s in self.coverage.unusable],
            },
            "reps": [_rep_dict(r) for r in self.reps],
            "holds": [_rounded(asdict(h)) for h in self.holds],
            "summary": self.summary(),
        }

    def write_json(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n")


def _rep_dict(rep: Rep) -> dict:
    d = asdict(rep)
    d["faults"] = [{k: v for k, v in asdict(f).items() if v is not None} for f in rep.faults]
    return _rounded(d)


def _rounded(value):
    """Round floats for a readable JSON; tenths of a millisecond or degree carry no information."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value
