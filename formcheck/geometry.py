"""Pure geometry on landmark arrays: angles, inclinations, tilts. No exercise knowledge.

Every function takes points or vectors as numpy arrays whose last axis is 2 (image pixels, x
right, y down) or 3 (world metres) and broadcasts over any leading axes, so one call serves a
single pose or a whole clip. Angles are in degrees. Never feed normalised image coordinates:
their x and y scales differ and every angle would be wrong.
"""
from __future__ import annotations

import numpy as np

IMAGE_UP = np.array([0.0, -1.0])  # image y grows downwards
EPS = 1e-9


# Written out rather than np.linalg.norm / np.sum / np.cross: the analysers call these on single
# 2- and 3-vectors many times a frame, where numpy's generic wrappers cost more than the maths.
def norm(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=float)
    return np.sqrt((v * v).sum(axis=-1))


def unit(v: np.ndarray) -> np.ndarray:
    """v scaled to length 1 (zero vectors stay zero)."""
    v = np.asarray(v, dtype=float)
    return v / np.maximum(norm(v), EPS)[..., None]


def dot(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return (np.asarray(u, dtype=float) * np.asarray(v, dtype=float)).sum(axis=-1)


def cross(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Cross product of 3-vectors."""
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    return np.stack([u[..., 1] * v[..., 2] - u[..., 2] * v[..., 1],
                     u[..., 2] * v[..., 0] - u[..., 0] * v[..., 2],
                     u[..., 0] * v[..., 1] - u[..., 1] * v[..., 0]], axis=-1)


def midpoint(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (np.asarray(a, dtype=float) + np.asarray(b, dtype=float)) / 2.0


def distance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return norm(np.asarray(b, dtype=float) - np.asarray(a, dtype=float))


def angle_between(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Unsigned angle between two vectors, 0..180."""
    cos = dot(unit(u), unit(v))
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))


def angle_3pt(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Unsigned angle a-b-c at vertex b, 0..180 (folds back past 180: see `angle_in_plane`)."""
    b = np.asarray(b, dtype=float)
    return angle_between(np.asarray(a, dtype=float) - b, np.asarray(c, dtype=float) - b)


def perpendicular_part(v: np.ndarray, axis: np.ndarray) -> np.ndarray:
    """The part of v at right angles to `axis` (Gram-Schmidt step)."""
    axis = unit(axis)
    return np.asarray(v, dtype=float) - dot(v, axis)[..., None] * axis


def angle_in_plane(v: np.ndarray, zero_dir: np.ndarray, positive_dir: np.ndarray) -> np.ndarray:
    """Signed angle of v in the plane spanned by `zero_dir` and `positive_dir`, -180..180.

    0 when v points along `zero_dir`, +90 along `positive_dir`. The two directions need not be
    exactly perpendicular: `positive_dir` is made so. The part of v out of the plane is ignored,
    so a thigh swinging sideways does not read as flexion. This is the signed angle that does not
    fold back at 180° the way a 3-point angle does.
    """
    zero_dir = unit(zero_dir)
    positive_dir = unit(perpendicular_part(positive_dir, zero_dir))
    return np.degrees(np.arctan2(dot(v, positive_dir), dot(v, zero_dir)))


def signed_angle_2d(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Signed angle from u to v in image pixels, -180..180, positive clockwise on screen."""
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    cross = u[..., 0] * v[..., 1] - u[..., 1] * v[..., 0]
    return np.degrees(np.arctan2(cross, dot(u, v)))


def inclination_from_vertical(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Unsigned angle of the image segment a->b from straight up, 0..180."""
    return angle_between(np.asarray(b, dtype=float) - np.asarray(a, dtype=float), IMAGE_UP)


def inclination_from_horizontal(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Unsigned angle of the image segment a-b from level, 0..90 (direction does not matter)."""
    d = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)
    return np.degrees(np.arctan2(np.abs(d[..., 1]), np.abs(d[..., 0]) + EPS))


def line_tilt(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How far point b sits below point a across the image line a-b, as an angle, -90..90.

    Positive when b is lower on screen than a. For a pelvis (a = one hip, b = the other) this is
    its levelness: 0 level, +8 means b's side has dropped 8°.
    """
    d = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)
    return np.degrees(np.arctan2(d[..., 1], np.abs(d[..., 0]) + EPS))


def torso_length(shoulder_mid: np.ndarray, hip_mid: np.ndarray) -> np.ndarray:
    """Shoulder-midpoint to hip-midpoint distance: the body's own ruler for relative sizes."""
    return distance(shoulder_mid, hip_mid)
