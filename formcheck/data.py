"""Plain data passed between the stages: frames in, poses out, whole tracks for the cache."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from formcheck.landmarks import N_LANDMARKS


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What a source says about itself; sizes are after rotation is applied."""

    path: str
    fps: float
    width: int
    height: int
    rotation: int = 0
    duration_s: float = 0.0
    frame_count: int = 0


@dataclass(frozen=True, slots=True)
class Frame:
    """One decoded frame. `image` is RGB uint8 [H, W, 3] (what MediaPipe wants; sinks convert)."""

    index: int
    t_ms: float
    image: np.ndarray


@dataclass(frozen=True, slots=True)
class Pose:
    """One person's landmarks at one instant.

    xy: image pixels [33, 2]; world: metres, hip-centred [33, 3] (MediaPipe world landmarks);
    visibility, presence: [33] in 0..1. `people` counts the persons the model saw in this frame.
    `bridged` marks a pose held over from an earlier frame to cover a short detection gap.
    """

    t_ms: float
    xy: np.ndarray
    world: np.ndarray
    visibility: np.ndarray
    presence: np.ndarray
    people: int = 1
    bridged: bool = False


@dataclass(slots=True)
class PoseTrack:
    """A whole clip's poses as arrays: what `formcheck extract` caches and the analysers replay.

    Frames without a pose hold NaN coordinates and zero visibility, with `detected` False.
    """

    t_ms: np.ndarray  # float64 [N]
    xy: np.ndarray  # float32 [N, 33, 2]
    world: np.ndarray  # float32 [N, 33, 3]
    visibility: np.ndarray  # float32 [N, 33]
    presence: np.ndarray  # float32 [N, 33]
    people: np.ndarray  # int8 [N]
    source: SourceInfo
    model: str = ""
    meta: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.t_ms)

    @property
    def detected(self) -> np.ndarray:
        return self.people > 0

    def pose(self, i: int) -> Pose | None:
        if self.people[i] == 0:
            return None
        return Pose(
            t_ms=float(self.t_ms[i]),
            xy=self.xy[i],
            world=self.world[i],
            visibility=self.visibility[i],
            presence=self.presence[i],
            people=int(self.people[i]),
        )

    def poses(self):
        """(t_ms, Pose | None) for every frame, in order."""
        for i in range(len(self)):
            yield float(self.t_ms[i]), self.pose(i)

    @classmethod
    def from_poses(
        cls, times_ms: list[float], poses: list[Pose | None], source: SourceInfo, model: str = ""
    ) -> "PoseTrack":
        n = len(times_ms)
        xy = np.full((n, N_LANDMARKS, 2), np.nan, np.float32)
        world = np.full((n, N_LANDMARKS, 3), np.nan, np.float32)
        vis = np.zeros((n, N_LANDMARKS), np.float32)
        pres = np.zeros((n, N_LANDMARKS), np.float32)
        people = np.zeros(n, np.int8)
        for i, p in enumerate(poses):
            if p is None:
                continue
            xy[i], world[i], vis[i], pres[i], people[i] = p.xy, p.world, p.visibility, p.presence, p.people
        return cls(np.asarray(times_ms, np.float64), xy, world, vis, pres, people, source, model)
