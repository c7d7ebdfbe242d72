from __future__ import annotations

import shutil

import pytest

from formcheck.errors import FormcheckError, UsageError
from formcheck.models import KNOWN_MODELS, model_dirs, resolve_model, sha256_of


@pytest.mark.parametrize("name", ["lite", "full"])
def test_shipped_bundles_resolve_and_match_their_checksum(name):
    bundle = resolve_model(name)
    assert bundle.name == name
    assert sha256_of(bundle.path) == KNOWN_MODELS[name][1]


def test_an_altered_bundle_is_named(tmp_path, monkeypatch):
    folder = tmp_path / "models"
    folder.mkdir()
    altered = folder / KNOWN_MODELS["lite"][0]
    shutil.copy(resolve_model("lite").path, altered)
    with altered.open("r+b") as f:
        f.seek(1000)
        f.write(b"\x00\x01\x02")
    monkeypatch.setenv("FORMCHECK_MODELS", str(folder))
    with pytest.raises(FormcheckError, match="altered or damaged"):
        resolve_model("lite")


def test_missing_heavy_bundle_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FORMCHECK_MODELS", str(tmp_path))
    if any((d / KNOWN_MODELS["heavy"][0]).exists() for d in model_dirs()):
        pytest.skip("a heavy bundle is installed on this machine")
    with pytest.raises(FormcheckError, match="build_pose_bundles"):
        resolve_model("heavy")


def test_unknown_model_name_is_a_usage_error():
    with pytest.raises(UsageError, match="lite, full, heavy"):
        resolve_model("medium")


def test_own_bundle_path_must_exist(tmp_path):
    with pytest.raises(FormcheckError, match="not found"):
        resolve_model(str(tmp_path / "mine.task"))
