"""Shared fixtures: where the real clips are, and small videos made on the spot."""
from __future__ import annotations

import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
# Real footage beside the checkout, for evaluation only: read in place, never copied.
FOOTAGE = REPO.parent / "shared" / "footage"


def ffmpeg_exe() -> str:
    import imageio_ffmpeg  # the `test` extra; ships its own ffmpeg binary

    return imageio_ffmpeg.get_ffmpeg_exe()


def ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-y", *args], check=True)


def write_video(path: Path, frames: list[np.ndarray], fps: float = 10.0) -> Path:
    """Frames (BGR uint8) -> an mp4 readable by OpenCV."""
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (width, height))
    for frame in frames:
        writer.write(frame)
    writer.release()
    return path


def numbered_frames(n: int, width: int = 160, height: int = 120) -> list[np.ndarray]:
    """Frames whose mean brightness encodes their index, so order can be checked after decoding."""
    return [np.full((height, width, 3), 10 + (240 * i) // max(n - 1, 1), np.uint8) for i in range(n)]


# Clips of a person doing glute bridges, the first that exists is used: three clean bridges
# (tests compare reps, which a no-rep clip would make vacuous).
PERSON_CLIPS = (SAMPLES / "glute_bridge_side_clean.mp4", FOOTAGE / "bridge_side_02.mp4")


def find_person_clip() -> Path:
    for path in PERSON_CLIPS:
        if path.exists():
            return path
    pytest.skip("no clip of a person: samples/ is empty and ../shared/footage is absent")


@pytest.fixture
def person_clip() -> Path:
    """A short real clip of a person, for tests that need MediaPipe to find someone."""
    return find_person_clip()
