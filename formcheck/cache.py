"""The landmark cache: a clip's poses in one .npz, so analysis can be re-run without the model."""
from __future__ import annotations

import json
import zipfile
import zlib
from dataclasses import asdict
from pathlib import Path

import numpy as np

from formcheck.data import PoseTrack, SourceInfo
from formcheck.errors import FormcheckError
from formcheck.landmarks import N_LANDMARKS

CACHE_FORMAT = "formcheck-poses/1"


def save_track(track: PoseTrack, path: str | Path) -> None:
    meta = {"format": CACHE_FORMAT, "source": asdict(track.source), "model": track.model, **track.meta}
    np.savez_compressed(
        path,
        t_ms=track.t_ms,
        xy=track.xy,
        world=track.world,
        visibility=track.visibility,
        presence=track.presence,
        people=track.people,
        meta=np.array(json.dumps(meta)),
    )


_SHAPES = {"xy": (N_LANDMARKS, 2), "world": (N_LANDMARKS, 3), "visibility": (N_LANDMARKS,), "presence": (N_LANDMARKS,)}


def load_track(path: str | Path) -> PoseTrack:
    """Read a cache written by `save_track`; anything else gets one clear error, not a traceback."""
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in ("t_ms", "xy", "world", "visibility", "presence", "people", "meta")}
    except FileNotFoundError:
        raise FormcheckError(f"no such file: {path}") from None
    except KeyError as exc:
        raise FormcheckError(f"{path} is not a formcheck landmark cache (missing {exc.args[0]})") from None
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        raise FormcheckError(f"{path} is not a readable landmark cache ({type(exc).__name__})") from None
    try:
        meta = json.loads(str(arrays.pop("meta")))
        if meta.get("format") != CACHE_FORMAT:
            raise ValueError(f"format {meta.get('format')!r}")
        source = SourceInfo(**meta.pop("source"))
        model = str(meta.pop("model"))
        meta.pop("format")
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise FormcheckError(f"{path} has a damaged header: {exc}") from None
    n = len(arrays["t_ms"])
    for name, shape in _SHAPES.items():
        if arrays[name].shape != (n, *shape):
            raise FormcheckError(f"{path} is damaged: {name} has shape {arrays[name].shape}, expected {(n, *shape)}")
    if arrays["people"].shape != (n,) or arrays["t_ms"].ndim != 1:
        raise FormcheckError(f"{path} is damaged: frame arrays disagree in length")
    if n > 1 and not np.all(np.diff(arrays["t_ms"]) > 0):
        raise FormcheckError(f"{path} is damaged: timestamps do not increase")
    return PoseTrack(
        t_ms=arrays["t_ms"].astype(np.float64),
        xy=arrays["xy"].astype(np.float32),
        world=arrays["world"].astype(np.float32),
        visibility=arrays["visibility"].astype(np.float32),
        presence=arrays["presence"].astype(np.float32),
        people=arrays["people"].astype(np.int8),
        source=source,
        model=model,
        meta=meta,
    )
