"""Posing the skeleton: rotations at joints chained into a world transform per bone.

A pose is a rotation per bone, each about the bone's own joint (its head) and expressed in the
body's rest frame (X = the body's left, -Y = its front, Z = up), plus a root transform placing
the body in the world. Hip flexion is then a rotation about X at the `upperleg01` head, whatever
the rig's bone rolls are.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tools.synth.body import Body

AXES = {"x": np.array([1.0, 0, 0]), "y": np.array([0, 1.0, 0]), "z": np.array([0, 0, 1.0])}


def rotation(axis: str | np.ndarray, degrees: float) -> np.ndarray:
    """3x3 rotation by `degrees` about an axis ("x", "y", "z" or a vector), right-handed."""
    axis = AXES[axis] if isinstance(axis, str) else np.asarray(axis, float)
    axis = axis / np.linalg.norm(axis)
    a = np.radians(degrees)
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    return np.eye(3) + np.sin(a) * k + (1 - np.cos(a)) * k @ k


def about(point: np.ndarray, rot: np.ndarray) -> np.ndarray:
    """4x4 transform rotating by `rot` about `point`."""
    m = np.eye(4)
    m[:3, :3] = rot
    m[:3, 3] = point - rot @ point
    return m


@dataclass
class PoseSpec:
    rotations: dict[str, np.ndarray] = field(default_factory=dict)  # bone -> 3x3, rest frame
    root: np.ndarray = field(default_factory=lambda: np.eye(4))  # rest frame -> world

    def turn(self, bone: str, rot: np.ndarray) -> PoseSpec:
        """Compose a further rotation onto a bone (applied after what it has)."""
        self.rotations[bone] = rot @ self.rotations.get(bone, np.eye(3))
        return self

    def move_root(self, point: np.ndarray, rot: np.ndarray) -> PoseSpec:
        """Turn the whole body by `rot` about a world point."""
        self.root = about(point, rot) @ self.root
        return self


def bone_transforms(body: Body, pose: PoseSpec) -> np.ndarray:
    """[B, 4, 4] world transform of every bone (rest -> posed)."""
    out = np.zeros((len(body.bones), 4, 4))
    for i, name in enumerate(body.bones):
        local = about(body.heads[i], pose.rotations[name]) if name in pose.rotations else np.eye(4)
        parent = body.parents[i]
        out[i] = (out[parent] if parent >= 0 else pose.root) @ local
    return out


def apply(transform: np.ndarray, points: np.ndarray) -> np.ndarray:
    """A 4x4 transform applied to a point [3] or points [N, 3]."""
    return points @ transform[:3, :3].T + transform[:3, 3]
