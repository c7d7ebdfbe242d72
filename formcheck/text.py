"""Anti-aliased text on RGB numpy images, for the overlay.

OpenCV's Hershey fonts have no degree sign, and every message formcheck shows carries one
("left hip dropped 9°"), so text is rendered by Pillow (installed with matplotlib, which
mediapipe requires) into a cached alpha mask and blended into the image.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

Color = tuple[int, int, int]


def _font_file() -> Path | None:
    """matplotlib's DejaVu Sans Bold, found without importing matplotlib (imported only for reports)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf" / "DejaVuSans-Bold.ttf"
    return path if path.exists() else None


@lru_cache(maxsize=32)
def _font(size_px: int) -> ImageFont.FreeTypeFont:
    path = _font_file()
    return ImageFont.truetype(str(path), size_px) if path else ImageFont.load_default(size_px)


@lru_cache(maxsize=512)
def text_mask(text: str, size_px: int) -> np.ndarray:
    """Coverage of `text` at `size_px` as float32 [h, w] in 0..1, tight around the ink's line box."""
    font = _font(size_px)
    left, top, right, bottom = font.getbbox(text)
    ascent, descent = font.getmetrics()
    # The full line height (not the ink) so that strings with and without descenders align.
    height, width = ascent + descent, max(right - min(left, 0), 1)
    mask = Image.new("L", (width, height), 0)
    ImageDraw.Draw(mask).text((-min(left, 0), 0), text, font=font, fill=255)
    return np.asarray(mask, np.float32) / 255.0


def text_size(text: str, size_px: int) -> tuple[int, int]:
    """(width, height) in pixels of `text` drawn at `size_px`."""
    h, w = text_mask(text, size_px).shape
    return w, h


def blend(scene: np.ndarray, x: int, y: int, alpha: np.ndarray, color: Color) -> None:
    """Paint `color` into `scene` at (x, y) with per-pixel `alpha` (0..1), clipped to the image."""
    h, w = alpha.shape
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, scene.shape[1]), min(y + h, scene.shape[0])
    if x0 >= x1 or y0 >= y1:
        return
    a = alpha[y0 - y:y1 - y, x0 - x:x1 - x, None]
    roi = scene[y0:y1, x0:x1]
    roi[:] = (roi * (1.0 - a) + np.asarray(color, np.float32) * a).astype(np.uint8)


def draw_text(scene: np.ndarray, text: str, x: int, y: int, size_px: int, color: Color,
              shadow: Color | None = (0, 0, 0)) -> tuple[int, int]:
    """Draw `text` with its top-left corner at (x, y); a 1-2 px shadow keeps it legible on any
    background. Returns the (width, height) drawn."""
    mask = text_mask(text, size_px)
    if shadow is not None:
        offset = max(1, size_px // 16)
        blend(scene, x + offset, y + offset, mask * 0.8, shadow)
    blend(scene, x, y, mask, color)
    return mask.shape[1], mask.shape[0]
