"""formcheck: rep-by-rep form feedback for hip-strengthening exercises, from video or a webcam.

    import formcheck
    report = formcheck.analyze_video("bridge.mp4", "glute_bridge")  # -> ExerciseReport
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

# OpenCV and the FFmpeg inside it print their own warnings ("moov atom not found") to stderr, on
# top of the one-line error formcheck gives for the same file. Set before any cv2 import.
os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")  # AV_LOG_QUIET

__version__ = "0.1.0"

__all__ = ["__version__", "analyze_video"]

if TYPE_CHECKING:
    from formcheck.pipeline import analyze_video


def __getattr__(name: str):
    # Resolved on first use so that `import formcheck.errors` (CLI start-up, tests) stays light.
    if name == "analyze_video":
        from formcheck.pipeline import analyze_video

        return analyze_video
    raise AttributeError(f"module 'formcheck' has no attribute {name!r}")
