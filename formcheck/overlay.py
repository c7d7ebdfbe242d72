"""Drawing one analysed frame: skeleton, driving angle, rep counters, hold ring, coaching message.

Pure drawing, shared by the annotated video and the live window: every annotator reads a pose
and a FrameAnalysis and paints onto an RGB image in place (`annotate(scene, data) -> scene`);
what to count, when a rep is valid, which fault shows, was decided by the analyser. The one
piece of state is the message banner's timing, so that messages stay long enough to be read.
Sizes scale with the image's short side: the same look on 480p, 1080p and portrait phone video.
"""
from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np

from formcheck import geometry as g
from formcheck.analysis import FrameAnalysis
from formcheck.data import Pose
from formcheck.engine.reps import TOP
from formcheck.landmarks import L, R, SKELETON, Landmark, side_landmark
from formcheck.text import Color, blend, draw_text, text_size

WHITE: Color = (255, 255, 255)
GREY: Color = (170, 170, 170)
DARK: Color = (20, 20, 24)
GOOD: Color = (52, 199, 89)
ACTIVE: Color = (255, 179, 0)  # amber: on the way, not there yet
BONE: Color = (120, 220, 255)
TONES: dict[str, Color] = {"good": (30, 140, 60), "bad": (190, 40, 35), "info": (60, 64, 72)}
MIN_VISIBILITY = 0.5  # landmarks the model is unsure of are not drawn (nor measured)
PANEL_ALPHA = 0.6
REFERENCE_SIDE_PX = 720  # sizes below are in pixels of a 720p frame


class Drawable(Protocol):
    """What an annotator reads: `pipeline.Step` is one."""

    pose: Pose | None
    analysis: FrameAnalysis


class Annotator(Protocol):
    def annotate(self, scene: np.ndarray, data: Drawable) -> np.ndarray: ...


def unit_px(scene: np.ndarray) -> float:
    """One 720p pixel in this image's pixels."""
    return min(scene.shape[:2]) / REFERENCE_SIDE_PX


def px(scene: np.ndarray, size: float) -> int:
    return max(1, round(size * unit_px(scene)))


def panel(scene: np.ndarray, x: int, y: int, w: int, h: int, color: Color = DARK, alpha: float = PANEL_ALPHA) -> None:
    """A translucent rectangle, so the person stays visible behind the numbers."""
    blend(scene, x, y, np.full((h, w), alpha, np.float32), color)


def visible(pose: Pose, *landmarks: int) -> bool:
    return bool(np.all(pose.visibility[list(landmarks)] >= MIN_VISIBILITY))


class SkeletonAnnotator:
    """Bones between confidently seen landmarks, with their joints marked."""

    def annotate(self, scene: np.ndarray, data: Drawable) -> np.ndarray:
        pose = data.pose
        if pose is None:
            return scene
        width = px(scene, 4)
        points = np.round(pose.xy).astype(int)
        bones = [(a, b) for a, b in SKELETON if visible(pose, a, b)]
        for a, b in bones:
            cv2.line(scene, tuple(points[a]), tuple(points[b]), DARK, width + px(scene, 3), cv2.LINE_AA)
            cv2.line(scene, tuple(points[a]), tuple(points[b]), BONE, width, cv2.LINE_AA)
        for joint in {lm for bone in bones for lm in bone}:  # joints of drawn bones only: no stray dots
            cv2.circle(scene, tuple(points[joint]), width + px(scene, 2), WHITE, -1, cv2.LINE_AA)
        return scene


@dataclass(frozen=True)
class Limbs:
    """Where an angle sits in the image: its vertex and the directions of its two arms."""

    vertex: np.ndarray
    reference: np.ndarray
    moving: np.ndarray


def _hip_limbs(pose: Pose) -> list[Limbs]:
    """Trunk and thigh at each hip (both: the drawing picks the one that shows the measure)."""
    found = []
    for side in (L, R):
        hip, shoulder, knee = (side_landmark(side, part) for part in ("HIP", "SHOULDER", "KNEE"))
        if visible(pose, hip, shoulder, knee):
            found.append(Limbs(pose.xy[hip], pose.xy[shoulder] - pose.xy[hip], pose.xy[knee] - pose.xy[hip]))
    return found


def _thigh_limbs(pose: Pose) -> list[Limbs]:
    """The two thighs, from between the hips (the clamshell's opening)."""
    lh, rh, lk, rk = Landmark.LEFT_HIP, Landmark.RIGHT_HIP, Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE
    if not visible(pose, lh, rh, lk, rk):
        return []
    xy = pose.xy
    return [Limbs(g.midpoint(xy[lh], xy[rh]), xy[lk] - xy[lh], xy[rk] - xy[rh])]


@dataclass(frozen=True)
class ArcGeometry:
    """How a driving measure shows on the body: the image angle between the two arms is about
    `offset + sign * value` (0..360; past 180 the moving arm has crossed the reference's line)."""

    limbs: Callable[[Pose], list[Limbs]]
    offset: float
    sign: float

    def angle(self, value: float) -> float:
        return self.offset + self.sign * value


# Keyed by the measure names of `engine/measures.py`; a drive not listed here gets no arc.
ARCS: dict[str, ArcGeometry] = {
    "hip_extension_deg": ArcGeometry(_hip_limbs, 180.0, 1.0),  # 0 = shoulders, hips, knees in line
    "hip_flexion_deg": ArcGeometry(_hip_limbs, 180.0, -1.0),  # 0 = thigh in line with the trunk
    "knee_opening_deg": ArcGeometry(_thigh_limbs, 0.0, 1.0),
    "thigh_opening_deg": ArcGeometry(_thigh_limbs, 0.0, 1.0),
}


def _folded(angle: float) -> float:
    """An angle 0..360 as the unsigned 0..180 the image shows."""
    angle %= 360.0
    return 360.0 - angle if angle > 180.0 else angle


def translucent_sector(scene: np.ndarray, centre: tuple[int, int], radius: int, start: float, end: float,
                       color: Color, alpha: float = 0.35) -> None:
    """A filled pie slice blended over the image; only the pixels around it are touched."""
    x0, y0 = max(centre[0] - radius, 0), max(centre[1] - radius, 0)
    x1, y1 = min(centre[0] + radius + 1, scene.shape[1]), min(centre[1] + radius + 1, scene.shape[0])
    if x0 >= x1 or y0 >= y1:
        return
    roi = scene[y0:y1, x0:x1]
    fill = roi.copy()
    cv2.ellipse(fill, (centre[0] - x0, centre[1] - y0), (radius, radius), 0, start, end, color, -1, cv2.LINE_AA)
    cv2.addWeighted(fill, alpha, roi, 1.0 - alpha, 0, dst=roi)


class AngleArcAnnotator:
    """The driving angle as a filled arc at its joint, the target as a tick, the value beside it.

    Amber on the way up, green at the top. Of the candidate joints (say, both hips) the arc goes
    on the one whose image angle is nearest the measured value: MediaPipe's left/right labels
    swap in side views, and this keeps the arc on the leg that is moving.
    """

    def __init__(self, drive_measure: str):
        self.geometry = ARCS.get(drive_measure)

    def annotate(self, scene: np.ndarray, data: Drawable) -> np.ndarray:
        a, pose, geometry = data.analysis, data.pose, self.geometry
        if pose is None or a.drive is None or geometry is None:
            return scene
        candidates = geometry.limbs(pose)
        if not candidates:
            return scene
        shown = _folded(geometry.angle(a.drive))
        limbs = min(candidates, key=lambda c: abs(float(g.angle_between(c.reference, c.moving)) - shown))
        self._draw(scene, limbs, geometry, a)
        return scene

    def _draw(self, scene: np.ndarray, limbs: Limbs, geometry: ArcGeometry, a: FrameAnalysis) -> None:
        arm = min(float(g.norm(limbs.reference)), float(g.norm(limbs.moving)))
        radius = int(np.clip(0.6 * arm, px(scene, 36), px(scene, 130)))
        centre = tuple(np.round(limbs.vertex).astype(int))
        reference = math.degrees(math.atan2(limbs.reference[1], limbs.reference[0]))
        # Angles turn from the reference arm towards the moving one; once the value is past
        # straight the moving arm is across the reference's line, so the turn keeps its sense.
        sense = 1.0 if float(g.signed_angle_2d(limbs.reference, limbs.moving)) >= 0 else -1.0
        if geometry.angle(a.drive) % 360.0 > 180.0:
            sense = -sense

        def direction(value: float) -> float:
            """Image angle (degrees, cv2's sense) of the moving arm when the measure reads `value`."""
            return reference + sense * geometry.angle(value)

        # The arc spans the value itself, from where the measure reads 0 to the moving arm.
        start, end = direction(0.0), direction(a.drive)
        color = GOOD if a.phase == TOP else ACTIVE
        translucent_sector(scene, centre, radius, start, end, color)
        cv2.ellipse(scene, centre, (radius, radius), 0, start, end, color, px(scene, 4), cv2.LINE_AA)
        if a.target is not None:
            t = math.radians(direction(a.target))
            ray = np.array([math.cos(t), math.sin(t)])
            inner, outer = np.asarray(centre) + ray * radius * 0.5, np.asarray(centre) + ray * radius * 1.25
            cv2.line(scene, tuple(inner.astype(int)), tuple(outer.astype(int)), DARK, px(scene, 7), cv2.LINE_AA)
            cv2.line(scene, tuple(inner.astype(int)), tuple(outer.astype(int)), WHITE, px(scene, 4), cv2.LINE_AA)
        middle = math.radians((start + end) / 2)
        label, size = f"{a.drive:.0f}°", px(scene, 28)
        w, h = text_size(label, size)
        x = int(centre[0] + math.cos(middle) * (radius + w * 0.7) - w / 2)
        y = int(centre[1] + math.sin(middle) * (radius + h * 0.7) - h / 2)
        draw_text(scene, label, x, y, size, color)


class CounterAnnotator:
    """Reps per side as valid / attempted, top left."""

    def annotate(self, scene: np.ndarray, data: Drawable) -> np.ndarray:
        counts = data.analysis.counts
        if not counts:
            return scene
        small, big, margin = px(scene, 18), px(scene, 38), px(scene, 14)
        rows = [("REPS" if side == "both" else side.upper(), f"{valid} / {attempted}")
                for side, (valid, attempted) in counts.items()]
        label_w = max(text_size(label, small)[0] for label, _ in rows)
        value_w = max(text_size(value, big)[0] for _, value in rows)
        row_h = text_size("0", big)[1]
        caption = "valid / tried"
        width = max(label_w + margin + value_w, text_size(caption, small)[0]) + 2 * margin
        height = len(rows) * row_h + text_size(caption, small)[1] + 2 * margin
        panel(scene, margin, margin, width, height)
        y = 2 * margin
        for label, value in rows:
            draw_text(scene, label, 2 * margin, y + (row_h - text_size(label, small)[1]) // 2, small, GREY)
            draw_text(scene, value, 3 * margin + label_w, y, big, WHITE)
            y += row_h
        draw_text(scene, caption, 2 * margin, y, small, GREY)
        return scene


class HoldRingAnnotator:
    """The hold at the top as a ring filling towards the target, seconds in the middle, top right."""

    def annotate(self, scene: np.ndarray, data: Drawable) -> np.ndarray:
        a = data.analysis
        radius, width, margin = px(scene, 44), px(scene, 9), px(scene, 14)
        centre = (scene.shape[1] - margin - radius - width, margin + radius + width)
        box = radius + width + margin // 2
        panel(scene, centre[0] - box, centre[1] - box, 2 * box, 2 * box)
        cv2.circle(scene, centre, radius, GREY, max(1, width // 3), cv2.LINE_AA)
        target = a.hold_target_s
        if a.hold_s > 0:
            fraction = min(a.hold_s / target, 1.0) if target > 0 else 1.0
            color = GOOD if target <= 0 or a.hold_s >= target else ACTIVE
            cv2.ellipse(scene, centre, (radius, radius), 0, -90, -90 + 360 * fraction, color, width, cv2.LINE_AA)
        big, small = px(scene, 26), px(scene, 15)
        value = f"{a.hold_s:.1f}"
        caption = f"of {target:g} s" if target > 0 else "hold s"
        (vw, vh), (cw, ch) = text_size(value, big), text_size(caption, small)
        top = centre[1] - (vh + ch) // 2
        draw_text(scene, value, centre[0] - vw // 2, top, big, WHITE)
        draw_text(scene, caption, centre[0] - cw // 2, top + vh, small, GREY)
        return scene


@dataclass(frozen=True, slots=True)
class Message:
    key: str  # what it is about ("rep", a fault code, a reason): the same key is the same message
    text: str
    tone: str  # good | bad | info


def event_message(kind: str, text: str, valid: bool | None) -> Message:
    tone = {"rep": "good" if valid else "bad", "fault": "bad", "position": "info"}.get(kind, "good")
    return Message(f"event:{kind}:{text}", text, tone)


def live_messages(a: FrameAnalysis) -> list[Message]:
    """What the frame itself shows: faults now, or why it cannot be analysed."""
    found = [Message(f.code, f.message, "bad") for f in a.faults]
    if not a.usable and a.reason:
        found.append(Message(f"unusable:{a.reason}", f"can't analyse: {a.reason}", "info"))
    return found


class MessageAnnotator:
    """One coaching message at a time in a banner at the bottom, timed in media time.

    Events (a rep's verdict, advice) queue and each shows for `min_hold_s`; a live fault shows
    while it lasts, at least `min_hold_s`, its number refreshed at most that often. Once a
    message has gone, the same one is not shown again for `cooldown_s`: a fault hovering at its
    threshold does not blink on and off.
    """

    def __init__(self, min_hold_s: float = 1.5, cooldown_s: float = 1.0, max_queued: int = 3):
        self.min_hold_s, self.cooldown_s = min_hold_s, cooldown_s
        self.queue: deque[Message] = deque(maxlen=max_queued)
        self.current: Message | None = None
        self.since = 0.0
        self.ended: dict[str, float] = {}

    def update(self, a: FrameAnalysis) -> Message | None:
        """Advance the timing to this frame; the message to show now."""
        now = a.t_ms / 1000.0
        self.queue.extend(event_message(e.kind, e.message, e.rep.valid if e.rep else None)
                          for e in a.events if e.message)
        if self.current is not None and now - self.since < self.min_hold_s:
            return self.current
        live = live_messages(a)
        same = next((m for m in live if self.current and m.key == self.current.key), None)
        if self.queue:
            self._show(self.queue.popleft(), now)
        elif same is not None:
            self._show(same, now)
        else:
            fresh = [m for m in live if now - self.ended.get(m.key, -math.inf) >= self.cooldown_s]
            self._show(fresh[0] if fresh else None, now)
        return self.current

    def _show(self, message: Message | None, now: float) -> None:
        if self.current is not None and (message is None or message.key != self.current.key):
            self.ended[self.current.key] = now
        self.current, self.since = message, now

    def annotate(self, scene: np.ndarray, data: Drawable) -> np.ndarray:
        message = self.update(data.analysis)
        if message is not None:
            draw_banner(scene, message)
        return scene


def draw_banner(scene: np.ndarray, message: Message) -> None:
    """The message centred near the bottom; a long one is set smaller to fit the width."""
    margin, pad = px(scene, 16), px(scene, 12)
    size = px(scene, 30)
    while size > 8 and text_size(message.text, size)[0] + 2 * pad > scene.shape[1] - 2 * margin:
        size -= 1
    w, h = text_size(message.text, size)
    x, y = (scene.shape[1] - w) // 2, scene.shape[0] - margin - pad - h
    panel(scene, x - pad, y - pad, w + 2 * pad, h + 2 * pad, TONES[message.tone], 0.85)
    draw_text(scene, message.text, x, y, size, WHITE)


def default_annotators(drive_measure: str) -> list[Annotator]:
    return [SkeletonAnnotator(), AngleArcAnnotator(drive_measure), CounterAnnotator(), HoldRingAnnotator(),
            MessageAnnotator()]


class Overlay:
    """The annotators in drawing order; one per video or live session (the banner keeps time).

    `Overlay.for_drive(analyser.drive_measure)` is the full coaching overlay.
    """

    def __init__(self, annotators: Sequence[Annotator]):
        self.annotators = list(annotators)

    @classmethod
    def for_drive(cls, drive_measure: str) -> "Overlay":
        return cls(default_annotators(drive_measure))

    def annotate(self, scene: np.ndarray, data: Drawable) -> np.ndarray:
        for annotator in self.annotators:
            scene = annotator.annotate(scene, data)
        return scene
