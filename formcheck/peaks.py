"""Pictures of reps at their peak, for the report, without keeping the video in memory.

While the drive is away from rest, one small copy of the frame where it has been highest so far
is kept; that is one picture per rising-and-falling, whatever the clip's length. Skeleton and
angle are drawn on a picture only when the report asks for it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import cv2
import numpy as np

from formcheck.analysis import FrameAnalysis
from formcheck.data import Pose
from formcheck.engine.reps import REST
from formcheck.overlay import AngleArcAnnotator, SkeletonAnnotator
from formcheck.report import Rep

if TYPE_CHECKING:
    from formcheck.pipeline import Step

THUMBNAIL_HEIGHT = 480  # enough to see the posture in a report; ~1 MB a picture in memory


@dataclass(slots=True)
class Still:
    """One kept frame, shrunk, with its pose scaled to match (readable by the annotators)."""

    image: np.ndarray
    pose: Pose | None
    analysis: FrameAnalysis

    @property
    def t_s(self) -> float:
        return self.analysis.t_ms / 1000.0


def shrink(step: Step, height: int) -> Still:
    image = step.frame.image
    scale = min(1.0, height / image.shape[0])
    if scale < 1.0:
        size = (round(image.shape[1] * scale), round(image.shape[0] * scale))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    else:
        image = image.copy()
    pose = None if step.pose is None else replace(step.pose, xy=step.pose.xy * scale)
    return Still(image, pose, step.analysis)


class PeakFrames:
    """`add` is an `on_step` callback; `picture(rep)` is the rep at its peak, annotated."""

    def __init__(self, drive_measure: str, height: int = THUMBNAIL_HEIGHT):
        self.height = height
        self.stills: list[Still] = []
        self._open = False  # the last still belongs to the excursion in progress
        self._annotators = (SkeletonAnnotator(), AngleArcAnnotator(drive_measure))

    def add(self, step: Step) -> None:
        a = step.analysis
        if step.frame is None or a.phase == REST:
            self._open = False
            return
        if a.drive is None:
            return
        last = self.stills[-1] if self._open else None
        # A change of side is a new rep even without a rest between (alternating legs).
        if last is None or last.analysis.side != a.side:
            self.stills.append(shrink(step, self.height))
            self._open = True
        elif a.drive > last.analysis.drive:
            self.stills[-1] = shrink(step, self.height)

    def picture(self, rep: Rep) -> np.ndarray | None:
        """RGB picture of `rep` nearest its peak, with skeleton and angle; None if none was kept."""
        inside = [s for s in self.stills if rep.start_s <= s.t_s <= rep.end_s]
        if not inside:
            return None
        still = min(inside, key=lambda s: abs(s.t_s - rep.peak_s))
        scene = still.image.copy()
        for annotator in self._annotators:
            scene = annotator.annotate(scene, still)
        return scene
