"""tools/build_pose_bundles.py without network: the models of a shipped bundle, stripped of their
metadata, are rebuilt into a bundle that the Tasks API loads and that finds the same pose."""
from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import cv2
import flatbuffers
import numpy as np
import pytest
from mediapipe.tasks.metadata import metadata_schema_py_generated as meta_fb
from mediapipe.tasks.metadata import schema_py_generated as tflite_fb

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SCRIPT = REPO / "tools" / "build_pose_bundles.py"
LANDMARK_TOLERANCE = 1e-3  # normalised image coordinates


def _load_builder():
    # tools/ is not on the test path: load the script from its file.
    spec = importlib.util.spec_from_file_location("build_pose_bundles", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


builder = _load_builder()


@pytest.fixture(scope="module")
def shipped_bundle() -> Path:
    for path in (REPO / "models" / "pose_landmarker_lite.task", SHARED / "models" / "pose_landmarker_lite.task"):
        if path.exists():
            return path
    pytest.skip("no pose_landmarker_lite.task in models/ nor in ../shared/models")


@pytest.fixture(scope="module")
def shipped(shipped_bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(shipped_bundle) as bundle:
        return {name: bundle.read(name) for name in (builder.DETECTOR_ENTRY, builder.LANDMARKER_ENTRY)}


@pytest.fixture(scope="module")
def bare(shipped: dict[str, bytes]) -> dict[str, bytes]:
    """The shipped models without their metadata, as the npm package has them."""
    return {name: without_metadata(model) for name, model in shipped.items()}


@pytest.fixture(scope="module")
def person_image() -> np.ndarray:
    """An RGB frame of a person: a sample clip's first frame, else 2 s into the evaluation footage
    (read in place, never copied)."""
    clips = sorted((REPO / "samples").glob("*.mp4"))
    footage = SHARED / "footage" / "bridge_side_02.mp4"
    if clips:
        path, at_ms = clips[0], 0.0
    elif footage.exists():
        path, at_ms = footage, 2000.0
    else:
        pytest.skip("no clip of a person: samples/ has no .mp4 and ../shared/footage/bridge_side_02.mp4 is absent")
    capture = cv2.VideoCapture(str(path))
    capture.set(cv2.CAP_PROP_POS_MSEC, at_ms)
    ok, frame = capture.read()
    capture.release()
    assert ok, f"could not read a frame of {path}"
    return cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)


def without_metadata(tflite: bytes) -> bytes:
    """The model less its TFLITE_METADATA entry and that entry's buffer (the last one)."""
    model = tflite_fb.ModelT.InitFromObj(tflite_fb.Model.GetRootAsModel(tflite, 0))
    [entry] = [m for m in model.metadata if m.name == b"TFLITE_METADATA"]
    assert entry.buffer == len(model.buffers) - 1
    model.metadata.remove(entry)
    model.buffers.pop()
    fb = flatbuffers.Builder(0)
    fb.Finish(model.Pack(fb), file_identifier=b"TFL3")
    return bytes(fb.Output())


def read_metadata(tflite: bytes) -> meta_fb.ModelMetadataT:
    model = tflite_fb.Model.GetRootAsModel(tflite, 0)
    entries = [model.Metadata(i) for i in range(model.MetadataLength())]
    [entry] = [e for e in entries if e.Name() == b"TFLITE_METADATA"]
    data = model.Buffers(entry.Buffer()).DataAsNumpy().tobytes()
    assert meta_fb.ModelMetadata.ModelMetadataBufferHasIdentifier(data, 0)
    return meta_fb.ModelMetadataT.InitFromObj(meta_fb.ModelMetadata.GetRootAsModelMetadata(data, 0))


def output_names(tflite: bytes) -> list[bytes]:
    graph = tflite_fb.Model.GetRootAsModel(tflite, 0).Subgraphs(0)
    return [graph.Tensors(graph.Outputs(i)).Name() for i in range(graph.OutputsLength())]


def detect(bundle: Path, rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(33 x [x, y, z, visibility] normalised, 33 x [x, y, z] metres) of the one pose found."""
    import mediapipe
    from mediapipe.tasks.python import BaseOptions, vision

    options = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(bundle)), running_mode=vision.RunningMode.IMAGE
    )
    with vision.PoseLandmarker.create_from_options(options) as landmarker:
        frame = mediapipe.Image(image_format=mediapipe.ImageFormat.SRGB, data=np.ascontiguousarray(rgb))
        result = landmarker.detect(frame)
    assert len(result.pose_landmarks) == 1, f"{bundle.name} found {len(result.pose_landmarks)} people, not 1"
    image = np.array([[p.x, p.y, p.z, p.visibility] for p in result.pose_landmarks[0]])
    world = np.array([[p.x, p.y, p.z] for p in result.pose_world_landmarks[0]])
    return image, world


def test_metadata_written_then_read_back(bare):
    model = bare[builder.LANDMARKER_ENTRY]
    grey = builder.ImageInput(mean=12.5, std=3.0, color_space=meta_fb.ColorSpaceType.GRAYSCALE)
    once = builder.with_metadata(model, "probe", grey)

    meta = read_metadata(once)
    assert meta.name == b"probe" and meta.minParserVersion == b"1.0.0"
    [graph] = meta.subgraphMetadata
    [image] = graph.inputTensorMetadata
    assert image.content.contentPropertiesType == meta_fb.ContentProperties.ImageProperties
    assert image.content.contentProperties.colorSpace == meta_fb.ColorSpaceType.GRAYSCALE
    [unit] = image.processUnits
    assert unit.optionsType == meta_fb.ProcessUnitOptions.NormalizationOptions
    assert list(unit.options.mean) == [12.5] and list(unit.options.std) == [3.0]
    assert list(image.stats.min) == pytest.approx([-12.5 / 3.0])
    assert list(image.stats.max) == pytest.approx([242.5 / 3.0])
    assert [t.name for t in graph.outputTensorMetadata] == output_names(model)

    # Written again over itself: replaced in place, not added a second time.
    twice = builder.with_metadata(once, "probe", builder.LANDMARKER_INPUT)
    options = read_metadata(twice).subgraphMetadata[0].inputTensorMetadata[0].processUnits[0].options
    assert (list(options.mean), list(options.std)) == ([0.0], [255.0])
    buffers = [tflite_fb.Model.GetRootAsModel(m, 0).BuffersLength() for m in (model, once, twice)]
    assert buffers == [buffers[0], buffers[0] + 1, buffers[0] + 1]


def test_metadata_on_a_bare_model_reproduces_the_shipped_model(shipped, bare):
    assert builder.bundle_entries(bare[builder.DETECTOR_ENTRY], bare[builder.LANDMARKER_ENTRY]) == shipped


def test_bundle_is_stored_and_aligned(tmp_path):
    # Odd name lengths and sizes, so that alignment needs padding before each entry.
    entries = {"a.tflite": b"12345", "second_one.tflite": bytes(range(7)), "c": b"xyz"}
    when = (2024, 2, 29, 12, 30, 58)
    path = tmp_path / "x.task"
    builder.pack_bundle(entries, path, when)

    raw = path.read_bytes()
    with zipfile.ZipFile(path) as bundle:
        infos = bundle.infolist()
        assert [i.filename for i in infos] == list(entries)
        for info in infos:
            assert info.compress_type == zipfile.ZIP_STORED and info.date_time == when
            start = info.header_offset + 30 + len(info.filename) + len(info.extra)  # 30: fixed local header
            assert start % builder.ALIGNMENT == 0, f"{info.filename} starts at {start}"
            assert raw[start : start + info.file_size] == entries[info.filename] == bundle.read(info)
    assert not list(tmp_path.glob("*.part"))


def test_rebuilt_bundle_loads_and_finds_the_same_pose(tmp_path, shipped_bundle, bare, person_image):
    lite = next(v for v in builder.VARIANTS if v.name == "lite")
    rebuilt = tmp_path / lite.bundle
    entries = builder.bundle_entries(bare[builder.DETECTOR_ENTRY], bare[builder.LANDMARKER_ENTRY])
    builder.pack_bundle(entries, rebuilt, lite.date_time)
    image, world = detect(rebuilt, person_image)
    shipped_image, shipped_world = detect(shipped_bundle, person_image)
    assert image.shape == (33, 4)
    np.testing.assert_allclose(image[:, :2], shipped_image[:, :2], atol=LANDMARK_TOLERANCE)
    np.testing.assert_allclose(image[:, 2:], shipped_image[:, 2:], atol=10 * LANDMARK_TOLERANCE)  # z, visibility
    np.testing.assert_allclose(world, shipped_world, atol=10 * LANDMARK_TOLERANCE)  # metres: within 1 cm


def fake_package(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz", compresslevel=1) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_command_rebuilds_the_shipped_bundle_byte_for_byte(tmp_path, capsys, shipped_bundle, bare):
    # The npm package's layout, from the shipped models: the detector padded out as in the asset blob.
    detector = bare[builder.DETECTOR_ENTRY]
    assert len(detector) <= builder.DETECTOR_SIZE
    members = {builder.PACKED_ASSETS: detector.ljust(builder.DETECTOR_SIZE + 1000, b"\0")}
    members |= {v.source: bare[builder.LANDMARKER_ENTRY] for v in builder.VARIANTS}
    tarball = fake_package(tmp_path / "pose.tgz", members)

    assert builder.main([str(tarball), "-o", str(tmp_path / "out")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [Path(line.split()[1]).name for line in lines] == [v.bundle for v in builder.VARIANTS]
    lite = tmp_path / "out" / "pose_landmarker_lite.task"
    assert lite.read_bytes() == shipped_bundle.read_bytes()
    assert lines[0].split()[0] == builder.sha256_of(shipped_bundle)


def test_tarball_without_the_models_fails_in_one_line(tmp_path, capsys):
    tarball = fake_package(tmp_path / "other.tgz", {"README.md": b"not pose"})
    assert builder.main([str(tarball), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "has no package/" in err
    assert not (tmp_path / "out").exists()


def test_damaged_tarball_fails_in_one_line_without_traceback(tmp_path):
    tarball = tmp_path / "broken.tgz"
    tarball.write_bytes(b"\x1f\x8b" + b"not really gzip" * 10)
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(tarball), "-o", str(tmp_path / "out")], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"build_pose_bundles: error: {tarball}: not a readable .tgz (damaged, or not a tar archive)"
    ]
