"""Events as they happen on stdout, for a session without a window: plain lines or JSON lines."""
from __future__ import annotations

import json
import sys
from typing import TextIO

from formcheck.analysis import Event
from formcheck.live.session_log import event_record


class EventPrinter:
    def __init__(self, jsonl: bool, out: TextIO | None = None):
        self.jsonl = jsonl
        self.out = out or sys.stdout

    def event(self, event: Event) -> None:
        if self.jsonl:
            line = json.dumps(event_record(event), ensure_ascii=False)
        else:
            side = f" [{event.side}]" if event.side else ""
            line = f"{event.t_s:7.1f} s  {event.kind}{side}: {event.message}"
        print(line, file=self.out, flush=True)
