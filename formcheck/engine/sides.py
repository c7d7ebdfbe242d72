"""Which leg is which, from the body and never from MediaPipe's left/right label.

Two jobs. `LegTracker` follows the two physical legs from frame to frame by continuity, so a
label swap (common between reps in side views) does not hand one leg's rep over to the other.
`lateral_score` says how far one leg sits towards the person's own left of the other, using the
label-free body frame (left = up x where the face points) in world metres; summed over a rep
it names the side. In a side view that is depth order: facing right, the near leg is the right.

A mirrored image of a person is itself a valid person of opposite handedness: no landmark can
tell the two apart. So a mirrored source (a selfie preview) must say so (`mirrored=True`), and
then the answer is exactly that of the unmirrored video.
"""
from __future__ import annotations

import numpy as np

from formcheck import geometry as g
from formcheck.engine.body import ANKLE, HIP, KNEE, Body

LABELS = ("LEFT", "RIGHT")
SWAP_MARGIN = 0.15  # a swap must explain the motion better by this share of torso length
MAX_PREDICT_S = 0.1  # after a longer gap, velocity says nothing: compare with the last place seen


def _leg_points(body: Body, label: str) -> np.ndarray:
    """Hip, knee and ankle in world metres: depth keeps the legs apart where a side view
    draws them on top of each other."""
    return body.leg_world(label)[[HIP, KNEE, ANKLE]]


class LegTracker:
    """Keeps track 0 and track 1 on the same physical legs, whatever the labels do.

    Each frame the labelled legs are matched to where each track was heading (its position
    moved on at its last velocity), so two legs crossing (alternating knee drives) keep their
    identities; a swap is taken only when it explains the motion clearly better.
    """

    def __init__(self):
        self.labels = LABELS  # label of track 0, label of track 1
        self._last: tuple[np.ndarray, np.ndarray] | None = None
        self._velocity: tuple[np.ndarray, np.ndarray] | None = None
        self._last_t = 0.0

    def update(self, t_s: float, body: Body) -> tuple[str, str]:
        current = tuple(_leg_points(body, label) for label in self.labels)
        if self._last is not None:
            dt = t_s - self._last_t
            ahead = min(dt, MAX_PREDICT_S)
            predicted = tuple(p + v * ahead for p, v in zip(self._last, self._velocity))
            scale = max(body.world.torso, 1e-6)
            kept = sum(_moved(c, p) for c, p in zip(current, predicted)) / scale
            swapped = sum(_moved(c, p) for c, p in zip(current[::-1], predicted)) / scale
            if swapped + SWAP_MARGIN < kept:
                self.labels = self.labels[::-1]
                current = current[::-1]
            self._velocity = tuple((c - p) / max(dt, 1e-6) for c, p in zip(current, self._last))
        else:
            self._velocity = (np.zeros((3, 3)), np.zeros((3, 3)))
        self._last, self._last_t = current, t_s
        return self.labels


def _moved(now: np.ndarray, before: np.ndarray) -> float:
    return float(np.sum(g.norm(now - before)))


def lateral_score(body: Body, label: str) -> float:
    """Metres by which leg `label` sits to the person's left of the other leg (world frame)."""
    other = "RIGHT" if label == "LEFT" else "LEFT"
    this_leg = body.leg_world(label)[[HIP, KNEE, ANKLE]].mean(axis=0)
    other_leg = body.leg_world(other)[[HIP, KNEE, ANKLE]].mean(axis=0)
    return float(g.dot(this_leg - other_leg, body.left_axis))


def side_from_scores(scores: list[float], mirrored: bool = False) -> str | None:
    """'left' or 'right' from a rep's lateral scores; None when they do not lean either way."""
    total = float(np.sum(scores)) if scores else 0.0
    if total == 0.0:
        return None
    is_left = total > 0
    return "left" if is_left != mirrored else "right"


def moving_track(knee_offsets: list[tuple[np.ndarray, np.ndarray]]) -> int:
    """Which track's knee moved more over a rep (knee positions relative to the hips)."""
    spread = [float(np.sum(np.ptp(np.array([pair[k] for pair in knee_offsets]), axis=0) ** 2)) for k in (0, 1)]
    return int(np.argmax(spread))
