"""Where per-frame outputs go: an annotated video file, a CSV table. Context managers, so the
file is closed (and a video's index written) even when the analysis stops half way."""
from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

import cv2
import numpy as np

from formcheck.errors import FormcheckError

# MPEG-4 Part 2: the encoder every OpenCV build carries (the pip wheels have no H.264 encoder).
FOURCC = "mp4v"


class AnnotatedVideoSink:
    """Writes RGB frames (the pipeline's colour order) to a video at a fixed rate and size."""

    def __init__(self, path: str | Path, fps: float, size: tuple[int, int]):
        self.path = Path(path)
        self.fps = fps
        self.size = size  # (width, height), after the source's rotation
        self.frames = 0
        self._writer: cv2.VideoWriter | None = None

    def __enter__(self) -> "AnnotatedVideoSink":
        if self.fps <= 0:
            raise FormcheckError(f"cannot write {self.path}: the source reports no frame rate")
        self._writer = cv2.VideoWriter(str(self.path), cv2.VideoWriter_fourcc(*FOURCC), self.fps, self.size)
        if not self._writer.isOpened():
            raise FormcheckError(f"cannot write video {self.path} (use a .mp4 name in a writable folder)")
        return self

    def write(self, image: np.ndarray) -> None:
        if (image.shape[1], image.shape[0]) != self.size:
            raise ValueError(f"frame is {image.shape[1]}x{image.shape[0]}, the video {self.size[0]}x{self.size[1]}")
        self._writer.write(cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
        self.frames += 1

    def __exit__(self, *exc) -> None:
        self._writer.release()


def _cell(value) -> str | int:
    """Floats to 3 decimals (a thousandth of a second or degree is below what is measured)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if np.isnan(value) else f"{value:.3f}"
    return value


class CsvSink:
    """One row a frame under a fixed header; missing and NaN values are empty cells."""

    def __init__(self, path: str | Path, columns: Sequence[str]):
        self.path = Path(path)
        self.columns = list(columns)
        self._file: TextIO | None = None
        self._writer: csv.DictWriter | None = None

    def __enter__(self) -> "CsvSink":
        self._file = self.path.open("w", newline="", encoding="utf-8")
        self._writer = csv.DictWriter(self._file, self.columns)
        self._writer.writeheader()
        return self

    def write(self, row: Mapping[str, object]) -> None:
        self._writer.writerow({k: _cell(row.get(k)) for k in self.columns})

    def __exit__(self, *exc) -> None:
        self._file.close()
