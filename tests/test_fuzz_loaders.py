"""Loaders of files a user hands us must answer a damaged file with FormcheckError, nothing else."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formcheck.cache import load_track, save_track
from formcheck.errors import FormcheckError
from formcheck.score import load_manifest
from test_cache import _track

_settings = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _valid_cache_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "poses.npz"
        save_track(_track(), path)
        return path.read_bytes()


VALID_CACHE = _valid_cache_bytes()


@_settings
@given(st.lists(st.tuples(st.integers(0, len(VALID_CACHE) - 1), st.integers(0, 255)), min_size=1, max_size=20),
       st.integers(0, len(VALID_CACHE)))
def test_corrupted_landmark_cache(tmp_path, flips, keep):
    data = bytearray(VALID_CACHE[:keep] if keep > 20 else VALID_CACHE)
    for position, value in flips:
        if position < len(data):
            data[position] = value
    path = tmp_path / "poses.npz"
    path.write_bytes(bytes(data))
    try:
        track = load_track(path)
    except FormcheckError:
        return
    assert len(track.t_ms) == len(track.xy)  # whatever loads is consistent


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@_settings
@given(st.one_of(json_values, st.fixed_dictionaries({"clips": json_values}),
                 st.fixed_dictionaries({"clips": st.lists(st.dictionaries(st.sampled_from(["file", "exercise", "expected"]), json_values))})),
       st.one_of(st.none(), json_values))
def test_malformed_manifest_and_thresholds(tmp_path, manifest, thresholds):
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    if thresholds is not None:
        (tmp_path / "thresholds.json").write_text(json.dumps(thresholds))
    try:
        clips, limits = load_manifest(tmp_path)
    except FormcheckError:
        return
    assert all(isinstance(c["file"], str) and isinstance(c["exercise"], str) for c in clips)
    assert all(isinstance(v, float) for v in limits.values())


def test_manifest_that_is_not_json(tmp_path):
    (tmp_path / "manifest.json").write_text("{clips: [")
    try:
        load_manifest(tmp_path)
    except FormcheckError as exc:
        assert "manifest" in str(exc)
    else:
        raise AssertionError("accepted a broken manifest")
