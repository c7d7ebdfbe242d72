from __future__ import annotations

import cv2
import numpy as np
import pytest

from conftest import ffmpeg, numbered_frames, write_video
from formcheck.errors import FormcheckError
from formcheck.sources import VideoFileSource, prefetched


def test_video_file_yields_every_frame_in_order_with_media_time(tmp_path):
    path = write_video(tmp_path / "ten.mp4", numbered_frames(10), fps=10)
    source = VideoFileSource(path)
    frames = list(source)
    assert [f.index for f in frames] == list(range(10))
    assert [f.t_ms for f in frames] == pytest.approx([100.0 * i for i in range(10)], abs=1)
    assert source.info.fps == pytest.approx(10)
    assert (source.info.width, source.info.height) == (160, 120)
    brightness = [f.image.mean() for f in frames]
    assert brightness == sorted(brightness)  # decoded in order
    assert frames[0].image.dtype == np.uint8 and frames[0].image.shape == (120, 160, 3)


def test_rotation_metadata_is_applied(tmp_path):
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=10", "-t", "1", "-pix_fmt", "yuv420p",
           str(tmp_path / "plain.mp4"))
    ffmpeg("-display_rotation", "90", "-i", str(tmp_path / "plain.mp4"), "-c", "copy", str(tmp_path / "phone.mp4"))
    source = VideoFileSource(tmp_path / "phone.mp4")
    assert source.info.rotation in (90, 270)
    assert (source.info.width, source.info.height) == (240, 320)
    assert next(iter(source)).image.shape == (320, 240, 3)


def test_variable_frame_rate_keeps_each_frames_own_time(tmp_path):
    for name, rate in (("slow", 10), ("fast", 30)):
        ffmpeg("-f", "lavfi", "-i", f"testsrc=size=160x120:rate={rate}", "-t", "1", "-pix_fmt", "yuv420p",
               str(tmp_path / f"{name}.mp4"))
    (tmp_path / "list.txt").write_text("file slow.mp4\nfile fast.mp4\n")
    ffmpeg("-f", "concat", "-i", str(tmp_path / "list.txt"), "-c", "copy", str(tmp_path / "vfr.mp4"))
    times = np.array([f.t_ms for f in VideoFileSource(tmp_path / "vfr.mp4")])
    steps = np.diff(times)
    assert np.all(steps > 0)
    assert steps[:5] == pytest.approx(100, abs=1)  # the 10 fps part
    assert steps[-5:].max() < 60  # the faster part is timed as faster, not as 10 fps


def _file(path, content: bytes):
    path.write_bytes(content)
    return path


def _picture(path):
    ok, jpeg = cv2.imencode(".jpg", np.full((120, 160, 3), 128, np.uint8))
    return _file(path, jpeg.tobytes())


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.mp4", "no such file"),
        (lambda d: _file(d / "empty.mp4", b""), "empty"),
        (lambda d: _file(d / "text.mp4", b"not a video\n" * 50), "video"),
        (lambda d: d, "folder"),
        (lambda d: _picture(d / "photo.jpg"), "single image"),
        (lambda d: _picture(d / "photo.mp4"), "single image"),
    ],
)
def test_bad_files_get_one_clear_error(tmp_path, make, message):
    with pytest.raises(FormcheckError, match=message):
        VideoFileSource(make(tmp_path))


def test_truncated_video_yields_what_it_can(tmp_path):
    path = write_video(tmp_path / "full.mp4", numbered_frames(30), fps=10)
    data = path.read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: len(data) // 3])
    try:
        frames = list(VideoFileSource(cut))
    except FormcheckError as exc:  # cut before the first frame is decodable: a clear error is right too
        assert "truncated" in str(exc) or "video" in str(exc)
    else:
        assert len(frames) < 30


def test_prefetch_preserves_order_and_reraises_errors():
    from formcheck.data import Frame

    def frames():
        for i in range(20):
            yield Frame(i, float(i), np.zeros((2, 2, 3), np.uint8))
        raise FormcheckError("camera unplugged")

    seen = []
    with pytest.raises(FormcheckError, match="unplugged"):
        for frame in prefetched(frames(), depth=3):
            seen.append(frame.index)
    assert seen == list(range(20))


def test_prefetch_stops_its_thread_when_the_consumer_stops():
    import threading

    from formcheck.data import Frame

    def endless():
        i = 0
        while True:
            yield Frame(i, float(i), np.zeros((2, 2, 3), np.uint8))
            i += 1

    stream = prefetched(endless(), depth=2)
    assert [next(stream).index for _ in range(5)] == [0, 1, 2, 3, 4]
    stream.close()
    assert not any(t.name == "formcheck-decode" and t.is_alive() for t in threading.enumerate())
