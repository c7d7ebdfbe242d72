"""Finding the pose model bundle and checking that it is the one we ship.

The bundles are never downloaded at run time: lite and full ship in `models/`; heavy is too large
to commit (30 MB) and is used only when the user has put it in a models folder.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from formcheck.errors import FormcheckError, UsageError

# sha256 of the bundles built from @mediapipe/pose 0.5.1675469404 (models/README.md).
KNOWN_MODELS: dict[str, tuple[str, str]] = {
    "lite": ("pose_landmarker_lite.task", "f8d47a917d530b18a39fae3a73446b0df245fe1da97e8e9ef5f06946e69a0909"),
    "full": ("pose_landmarker_full.task", "7cbf707b651f29d00bd225b4f065745a59e3b90229b34ed25549e1fec1346b1a"),
    "heavy": ("pose_landmarker_heavy.task", "c6e3fd9923ab5d0f4d65011fe4dbb14b1555cd4aa7d686d2a3faae21a3f922f7"),
}
DEFAULT_VIDEO_MODEL = "full"
# Live uses full as well: lite gave wrong cues on clean reps (knee drive, rendered sample: "standing
# knee bent 39°" on every valid rep and an invented rep; bridge_side_02: all three good bridges
# "10-15° short"; samples/ with lite: counts exact 59%). Full still ran at ~25 fps on 2 cores
# (benchmarks/bench_live.py, frames dropped rather than lag); `--model lite` for slower machines.
DEFAULT_LIVE_MODEL = "full"


@dataclass(frozen=True, slots=True)
class ModelBundle:
    name: str  # lite | full | heavy | the file's stem for a user's own bundle
    path: Path


def model_dirs() -> list[Path]:
    """Where bundles are looked for, first match wins: $FORMCHECK_MODELS, ./models, the package's."""
    dirs = []
    if env := os.environ.get("FORMCHECK_MODELS"):
        dirs.append(Path(env))
    dirs.append(Path.cwd() / "models")
    dirs.append(Path(__file__).resolve().parent / "model_files")  # installed: pyproject maps models/ there
    dirs.append(Path(__file__).resolve().parent.parent / "models")  # a source checkout
    return list(dict.fromkeys(dirs))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def resolve_model(choice: str) -> ModelBundle:
    """`lite`, `full`, `heavy` or a path to a `.task` bundle -> a checked ModelBundle."""
    if choice not in KNOWN_MODELS:
        path = Path(choice)
        if path.suffix != ".task" and not path.exists():
            raise UsageError(f"unknown model '{choice}': use lite, full, heavy or a path to a .task bundle")
        if not path.is_file():
            raise FormcheckError(f"model bundle not found: {path}")
        return ModelBundle(path.stem, path)

    filename, expected = KNOWN_MODELS[choice]
    for folder in model_dirs():
        path = folder / filename
        if path.is_file():
            actual = sha256_of(path)
            if actual != expected:
                raise FormcheckError(
                    f"model {path} is altered or damaged (sha256 {actual[:12]}…, expected {expected[:12]}…): "
                    "restore it from the repository or rebuild it with tools/build_pose_bundles.py"
                )
            return ModelBundle(choice, path)
    if choice == "heavy":
        raise FormcheckError(
            f"the heavy model is not bundled: build it with `python tools/build_pose_bundles.py -o models` "
            f"(or copy {filename} into ./models or $FORMCHECK_MODELS)"
        )
    raise FormcheckError(
        f"model file {filename} is missing (looked in {', '.join(str(d) for d in model_dirs())}): reinstall formcheck"
    )
