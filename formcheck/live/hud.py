"""What only the live window shows, drawn like the shared overlay (same helpers, sizes, colours):
the positioning card before counting starts, set progress and the rest timer, frame rate and
latency on a key, and the paused state. The coaching itself (skeleton, angle, counters, hold,
messages) is `formcheck.overlay`'s.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from formcheck.analysis import FrameAnalysis
from formcheck.data import Pose
from formcheck.live.session import SetProgress
from formcheck.overlay import ACTIVE, GOOD, GREY, WHITE, MessageAnnotator, Overlay, default_annotators, panel, px
from formcheck.text import draw_text, text_size


@dataclass(frozen=True, slots=True)
class LiveView:
    """One frame as the live window draws it: a `pipeline.Step`'s pose and analysis, plus the session."""

    pose: Pose | None
    analysis: FrameAnalysis
    progress: SetProgress
    positioning: str | None = None  # advice until the person is in position
    stats: str | None = None  # frame rate and latency, when toggled on


def centred_lines(scene: np.ndarray, lines: list[tuple[str, int, tuple[int, int, int]]], top: int) -> None:
    """Lines of (text, size, colour) centred on a dark panel whose top edge is at `top`."""
    pad = px(scene, 14)
    sizes = [text_size(text, size) for text, size, _ in lines]
    width = max(w for w, _ in sizes) + 2 * pad
    height = sum(h for _, h in sizes) + 2 * pad
    x = (scene.shape[1] - width) // 2
    panel(scene, x, top, width, height)
    y = top + pad
    for (text, size, color), (w, h) in zip(lines, sizes):
        draw_text(scene, text, (scene.shape[1] - w) // 2, y, size, color)
        y += h


class PositioningAnnotator:
    """Until counting starts: what to fix ("step back: I can't see your knees"), mid-screen."""

    def annotate(self, scene: np.ndarray, view: LiveView) -> np.ndarray:
        if view.positioning:
            centred_lines(scene, [("GET INTO POSITION", px(scene, 22), GREY),
                                  (view.positioning, px(scene, 34), WHITE)], scene.shape[0] // 3)
        return scene


def fit(text: str, size: int, width: int) -> int:
    while size > 8 and text_size(text, size)[0] > width:
        size -= 1
    return size


class SetProgressAnnotator:
    """Top centre: the set and its reps as a bar, the rest countdown between sets, the end."""

    def annotate(self, scene: np.ndarray, view: LiveView) -> np.ndarray:
        p = view.progress
        if p.target is None:
            return scene
        big, small = px(scene, 30), px(scene, 16)
        if p.complete:
            done = f"all {p.sets} sets done" if p.sets > 1 else "set done"
            title, value, fraction, color = "SESSION", done, 1.0, GOOD
        elif p.rest_left_s is not None:
            minutes, seconds = divmod(int(np.ceil(p.rest_left_s)), 60)
            title, value, color = f"REST  then set {p.number} of {p.sets}", f"{minutes}:{seconds:02d}", ACTIVE
            fraction = p.rest_left_s / p.rest_s if p.rest_s > 0 else 0.0
        else:
            each = " each side" if p.per_side else ""
            title, value, color = f"SET {p.number} of {p.sets}", f"{p.done} / {p.target}{each}", WHITE
            fraction = min(p.done / p.target, 1.0)
        width = px(scene, 300)
        big = fit(value, big, width)
        margin, bar = px(scene, 14), px(scene, 10)
        (tw, th), (vw, vh) = text_size(title, small), text_size(value, big)
        x, y = (scene.shape[1] - width) // 2, margin
        panel(scene, x - margin, y, width + 2 * margin, th + vh + bar + 3 * margin)
        draw_text(scene, title, (scene.shape[1] - tw) // 2, y + margin // 2, small, GREY)
        draw_text(scene, value, (scene.shape[1] - vw) // 2, y + margin // 2 + th, big, color)
        top = y + margin + th + vh + margin // 2
        panel(scene, x, top, width, bar, GREY, 0.5)
        if fraction > 0:
            panel(scene, x, top, max(1, int(width * fraction)), bar, color, 0.95)
        return scene


class StatsAnnotator:
    """Bottom left, small: frames shown a second and capture-to-screen latency (key f)."""

    def annotate(self, scene: np.ndarray, view: LiveView) -> np.ndarray:
        if view.stats:
            size, margin = px(scene, 16), px(scene, 10)
            w, h = text_size(view.stats, size)
            panel(scene, margin, scene.shape[0] - margin - h - margin, w + margin, h + margin // 2)
            draw_text(scene, view.stats, margin + margin // 2, scene.shape[0] - margin - h - margin // 2, size, WHITE)
        return scene


def paused_screen(scene: np.ndarray) -> np.ndarray:
    """The last picture frozen and dimmed, PAUSED across it: nothing is being counted."""
    panel(scene, 0, 0, scene.shape[1], scene.shape[0], alpha=0.45)
    centred_lines(scene, [("PAUSED", px(scene, 56), WHITE),
                          ("space: go on   q: end the session", px(scene, 20), GREY)], scene.shape[0] // 2)
    return scene


def live_overlay(drive_measure: str) -> Overlay:
    """The coaching overlay with the live HUD on top. Live, a message that had to wait its turn is
    stale by the time it shows (three quick reps would trail by seconds), so only the newest waits."""
    coaching = [MessageAnnotator(max_queued=1) if isinstance(a, MessageAnnotator) else a
                for a in default_annotators(drive_measure)]
    return Overlay([*coaching, SetProgressAnnotator(), PositioningAnnotator(), StatsAnnotator()])
