"""The session written as it goes: an append-only JSON-lines file, flushed and fsynced per line.

A crash, a kill or a pulled cable loses at most the rep in progress: every finished rep is on
disk the moment it is counted. Lines: one `session` header, then one per event (`rep`, `fault`,
`hold_reached`, `position`, `set_done`, `set_start`, `notice`) and per key action (`paused`,
`resumed`, `reset`, `side`, `mute`), and last, once the session ends, the report itself: the
same JSON `formcheck analyze --json` writes.
"""
from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import TextIO

from formcheck.analysis import Event
from formcheck.errors import FormcheckError
from formcheck.report import _rep_dict


def default_log_path(exercise: str, now: datetime) -> Path:
    """~/.local/share/formcheck/sessions/<timestamp>-<exercise>.jsonl (or under $XDG_DATA_HOME)."""
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data / "formcheck" / "sessions" / f"{now:%Y%m%d-%H%M%S}-{exercise}.jsonl"


def event_record(event: Event) -> dict:
    """An event as one JSON object; a rep carries the report's own form of it."""
    record: dict = {"type": event.kind, "t_s": round(event.t_s, 3)}
    if event.side:
        record["side"] = event.side
    if event.message:
        record["message"] = event.message
    if event.rep is not None:
        record["rep"] = _rep_dict(event.rep)
    return record


class SessionLog:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._file: TextIO | None = None

    def __enter__(self) -> "SessionLog":
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("a", encoding="utf-8")
        except OSError as exc:
            raise FormcheckError(f"cannot write the session log {self.path}: {exc.strerror or exc}") from None
        return self

    def write(self, record: dict) -> None:
        # One write of one whole line, then to the disk: a reader never sees half a rep.
        self._file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def __exit__(self, *exc) -> None:
        self._file.close()
