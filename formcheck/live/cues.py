"""Sound for a session: a short tone on each valid rep, a different one on a fault, and spoken
cues through espeak-ng when it is installed.

Playing a sound or speaking takes far longer than a frame, so it happens in a worker thread fed
through a small queue. The frame loop never waits: when the queue is full the oldest cue is let
go, and a cue that waited longer than MAX_AGE_S is skipped (advice about a rep two reps ago is
noise). Whatever plays sound here is used (`paplay`, `aplay`, `afplay`); a player that fails
(no audio device) is not tried again, so a machine without sound simply stays quiet.
"""
from __future__ import annotations

import queue
import shutil
import subprocess
import tempfile
import threading
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from formcheck.analysis import Event

MAX_AGE_S = 2.0
QUEUE_DEPTH = 3
SAMPLE_RATE = 22050
# (frequency Hz, seconds) notes: a bright rising pair for a good rep, a low buzz for a fault.
TONES: dict[str, list[tuple[float, float]]] = {
    "good": [(660.0, 0.07), (990.0, 0.09)],
    "bad": [(196.0, 0.25)],
}
PLAYERS = ("paplay", "aplay", "afplay")  # PulseAudio/PipeWire, ALSA, macOS
SPEAKER = ("espeak-ng", "-s", "170")
COMMAND_TIMEOUT_S = 10.0
SILENT_KINDS = {"hold_reached"}  # the ring shows it; saying it every rep would crowd out advice


@dataclass(frozen=True, slots=True)
class Cue:
    tone: str | None  # a key of TONES
    speech: str | None
    at: float  # time.monotonic() when it was asked for


def cue_for(event: Event, now: float) -> Cue | None:
    if event.kind in SILENT_KINDS or not (event.message or event.kind in ("rep", "fault")):
        return None
    if event.kind == "rep":
        tone = "good" if event.rep is not None and event.rep.valid else "bad"
    else:
        tone = "bad" if event.kind == "fault" else None
    return Cue(tone, event.message or None, now)


def tone_samples(notes: list[tuple[float, float]]) -> np.ndarray:
    """16-bit mono; each note faded in and out over 5 ms so it does not click."""
    parts = []
    for frequency, seconds in notes:
        t = np.arange(int(SAMPLE_RATE * seconds)) / SAMPLE_RATE
        envelope = np.minimum(1.0, np.minimum(t, seconds - t) / 0.005)
        parts.append(0.5 * np.sin(2 * np.pi * frequency * t) * envelope)
    return (np.concatenate(parts) * 32767).astype(np.int16)


def write_wav(path: Path, samples: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(samples.tobytes())
    return path


def run_quietly(command: list[str]) -> bool:
    """Run a sound command to its end; True if it worked."""
    try:
        return subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT_S).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


class CuePlayer:
    """`cue(event)` from the frame loop returns at once; a worker plays what is still fresh."""

    def __init__(self, muted: bool = False, run: Callable[[list[str]], bool] = run_quietly,
                 player: str | None = None, speaker: tuple[str, ...] | None = None, clock=time.monotonic):
        self.muted = muted
        self.run, self.clock = run, clock
        self.player = player if player is not None else next((p for p in PLAYERS if shutil.which(p)), None)
        self.speaker = speaker if speaker is not None else (SPEAKER if shutil.which(SPEAKER[0]) else None)
        self.played: list[Cue] = []  # what actually reached a player or the speaker
        self.skipped = 0  # let go: queue full, or too old when its turn came
        self._queue: queue.Queue[Cue | None] = queue.Queue(maxsize=QUEUE_DEPTH)
        self._folder = tempfile.TemporaryDirectory(prefix="formcheck-tones-")
        self._tones = {name: write_wav(Path(self._folder.name) / f"{name}.wav", tone_samples(notes))
                       for name, notes in TONES.items()}
        self._worker = threading.Thread(target=self._work, name="formcheck-cues", daemon=True)
        self._worker.start()

    def event(self, event: Event) -> None:
        cue = None if self.muted else cue_for(event, self.clock())
        if cue is None:
            return
        while True:
            try:
                self._queue.put_nowait(cue)
                return
            except queue.Full:
                try:
                    self._queue.get_nowait()  # the oldest goes: the newest is what matters now
                    self.skipped += 1
                except queue.Empty:
                    pass

    def _work(self) -> None:
        while (cue := self._queue.get()) is not None:
            if self.clock() - cue.at > MAX_AGE_S:
                self.skipped += 1
                continue
            self.played.append(cue)
            if cue.tone and self.player and not self.run([self.player, str(self._tones[cue.tone])]):
                self.player = None
            if cue.speech and self.speaker and not self.run([*self.speaker, cue.speech]):
                self.speaker = None

    def close(self) -> None:
        """Stop after the cue playing now; what is still queued is dropped."""
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(None)
        self._worker.join(timeout=COMMAND_TIMEOUT_S)
        self._folder.cleanup()

    def __enter__(self) -> "CuePlayer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
