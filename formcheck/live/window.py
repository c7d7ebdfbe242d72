"""The OpenCV window and its keys. Frames in RGB (the pipeline's order), keys out as actions."""
from __future__ import annotations

import os
import sys

import cv2
import numpy as np

from formcheck.text import _font_file

TITLE = "formcheck live"
KEYS: dict[int, str] = {
    ord("q"): "quit", 27: "quit",  # Esc
    ord(" "): "pause",
    ord("r"): "reset",
    ord("m"): "mute",
    ord("s"): "side",
    ord("f"): "stats",
}


def display_available() -> bool:
    """Whether a window can be opened: on Linux and BSD only with an X or Wayland display."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class Window:
    """A plain window (no toolbar) sized to the frame; `show` returns the action of a key pressed."""

    def __init__(self, title: str = TITLE):
        self.title = title
        self._opened = False

    def __enter__(self) -> "Window":
        # OpenCV's Qt looks for fonts beside itself, finds none in the pip wheel and complains on
        # stderr; the font the overlay uses does fine.
        font = _font_file()
        if font is not None:
            os.environ.setdefault("QT_QPA_FONTDIR", str(font.parent))
        cv2.namedWindow(self.title, cv2.WINDOW_AUTOSIZE | cv2.WINDOW_GUI_NORMAL)
        return self

    def show(self, image_rgb: np.ndarray) -> str | None:
        cv2.imshow(self.title, cv2.cvtColor(image_rgb, cv2.COLOR_RGB2BGR))
        self._opened = True
        return self.poll()

    def poll(self) -> str | None:
        """Handle window events for a moment; 'closed' once the user has closed the window."""
        key = cv2.waitKey(1)
        if self._opened and cv2.getWindowProperty(self.title, cv2.WND_PROP_VISIBLE) < 1:
            return "closed"
        return KEYS.get(key & 0xFF) if key != -1 else None

    def __exit__(self, *exc) -> None:
        cv2.destroyWindow(self.title)
        cv2.waitKey(1)  # let the toolkit process the close
