"""Session history in SQLite: every session, set and rep, written as it happens.

A rep is committed the moment it is recorded, in WAL mode with synchronous=NORMAL: a process
killed mid-session loses at most the rep in progress, and the file always opens cleanly. A
session is what one command did (an analysed video, a live set, a whole routine); it holds sets,
one exercise and side each, which hold reps and their faults.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from formcheck import __version__
from formcheck.errors import FormcheckError

if TYPE_CHECKING:  # types only: `formcheck history` starts without numpy
    from formcheck.analysis import Event
    from formcheck.report import ExerciseReport, Rep

# Each script moves the schema one version up; `PRAGMA user_version` says how many have run.
MIGRATIONS = [
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,          -- ISO 8601, UTC
        ended_at TEXT,                     -- NULL: still running, or the process died
        kind TEXT NOT NULL,                -- analyze | live | routine
        routine TEXT,
        formcheck_version TEXT NOT NULL
    );
    CREATE TABLE sets (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        n INTEGER NOT NULL,                -- order within the session
        exercise TEXT,                     -- exercise id; NULL for an unanalysed timed step (a stretch)
        name TEXT NOT NULL,                -- what the user was told
        side TEXT,                         -- the side the set was for, if one
        target_reps INTEGER,
        target_s REAL,                     -- a timed set's length
        hold_target_s REAL,
        source TEXT,
        model TEXT,
        options TEXT NOT NULL DEFAULT '{}',
        started_at TEXT NOT NULL,
        ended_at TEXT
    );
    CREATE TABLE reps (
        id INTEGER PRIMARY KEY,
        set_id INTEGER NOT NULL REFERENCES sets(id),
        n INTEGER NOT NULL,
        side TEXT NOT NULL,
        start_s REAL NOT NULL,
        peak_s REAL NOT NULL,
        end_s REAL NOT NULL,
        hold_s REAL NOT NULL,
        valid INTEGER NOT NULL,
        measures TEXT NOT NULL             -- JSON object: measure name -> value
    );
    CREATE TABLE faults (
        rep_id INTEGER NOT NULL REFERENCES reps(id),
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        t_s REAL
    );
    CREATE INDEX sets_by_session ON sets(session_id);
    CREATE INDEX sets_by_exercise ON sets(exercise);
    CREATE INDEX reps_by_set ON reps(set_id);
    CREATE INDEX faults_by_rep ON faults(rep_id);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
OUR_TABLES = {"sessions", "sets", "reps", "faults"}


class HistoryError(FormcheckError):
    """The history database cannot be used: corrupt, not ours, newer, or not writable."""


def default_path() -> Path:
    home = os.environ.get("FORMCHECK_HOME")
    base = Path(home) if home else Path.home() / ".local" / "share" / "formcheck"
    return base / "history.sqlite3"


def now() -> datetime:
    return datetime.now(timezone.utc)


def _stamp(when: datetime | None) -> str:
    return (when or now()).astimezone(timezone.utc).isoformat(timespec="seconds")


@dataclass(slots=True)
class SessionLine:
    """One exercise of one session, as `formcheck history` lists it."""

    session_id: int
    started_at: datetime
    kind: str
    routine: str | None
    finished: bool
    exercise: str  # the exercise id, or the stretch's name
    source: str
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # side -> (valid, attempted)
    faults: dict[str, int] = field(default_factory=dict)  # code -> reps showing it
    timed_s: float = 0.0  # seconds of unanalysed timed sets


@dataclass(frozen=True, slots=True)
class RepRecord:
    """A stored rep with when its session started, for trends."""

    session_id: int
    started_at: datetime
    side: str
    valid: bool
    hold_s: float
    measures: dict[str, float]


class History:
    """The history database. Use as a context manager: database errors inside the block come out
    as one-line HistoryErrors naming the file."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        with self:
            if self.path.is_dir():
                raise HistoryError(f"history database {self.path} is a folder")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # autocommit: every write below is its own explicit transaction
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=10.0)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()

    def __enter__(self) -> "History":
        return self

    def __exit__(self, kind, error, trace) -> None:
        if isinstance(error, sqlite3.DatabaseError):
            raise HistoryError(f"history database {self.path}: {error} (corrupt, or not a formcheck history; "
                               f"move it aside or choose another with --db)") from None
        if isinstance(error, OSError):
            raise HistoryError(f"history database {self.path}: {error.strerror or error}") from None

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryError(f"history database {self.path} was written by a newer formcheck "
                               f"(schema {version}, this one reads up to {SCHEMA_VERSION})")
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version == 0 and tables - OUR_TABLES:
            raise HistoryError(f"{self.path} is an SQLite database, but not a formcheck history")
        for number, script in enumerate(MIGRATIONS[version:], version + 1):
            # executescript commits first; the version bump rides in the same script
            self.db.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")

    # -- writing, as it happens -----------------------------------------------------------------

    def start_session(self, kind: str, *, routine: str | None = None, at: datetime | None = None) -> int:
        with self, self._transaction() as db:
            return db.execute("INSERT INTO sessions (started_at, kind, routine, formcheck_version) VALUES (?, ?, ?, ?)",
                              (_stamp(at), kind, routine, __version__)).lastrowid

    def end_session(self, session_id: int, at: datetime | None = None) -> None:
        with self, self._transaction() as db:
            db.execute("UPDATE sessions SET ended_at = ? WHERE id = ?", (_stamp(at), session_id))

    def start_set(
        self,
        session_id: int,
        exercise: str | None,
        *,
        name: str | None = None,
        side: str | None = None,
        target_reps: int | None = None,
        target_s: float | None = None,
        hold_target_s: float | None = None,
        source: str | None = None,
        model: str | None = None,
        options: dict | None = None,
        at: datetime | None = None,
    ) -> int:
        with self, self._transaction() as db:
            n = db.execute("SELECT count(*) FROM sets WHERE session_id = ?", (session_id,)).fetchone()[0] + 1
            return db.execute(
                "INSERT INTO sets (session_id, n, exercise, name, side, target_reps, target_s, hold_target_s, source,"
                " model, options, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, n, exercise, name or exercise, side, target_reps, target_s, hold_target_s, source,
                 model, json.dumps(options or {}), _stamp(at)),
            ).lastrowid

    def end_set(self, set_id: int, *, model: str | None = None, at: datetime | None = None) -> None:
        """Mark a set finished; `model` is the pose model, known once the set has run."""
        with self, self._transaction() as db:
            db.execute("UPDATE sets SET ended_at = ?, model = coalesce(?, model) WHERE id = ?",
                       (_stamp(at), model, set_id))

    def add_rep(self, set_id: int, rep: Rep) -> int:
        """Record one finished rep and its faults, committed before returning."""
        with self, self._transaction() as db:
            rep_id = db.execute(
                "INSERT INTO reps (set_id, n, side, start_s, peak_s, end_s, hold_s, valid, measures)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (set_id, rep.n, rep.side, rep.start_s, rep.peak_s, rep.end_s, rep.hold_s, int(rep.valid),
                 json.dumps({k: float(v) for k, v in rep.measures.items()})),
            ).lastrowid
            db.executemany("INSERT INTO faults (rep_id, code, message, t_s) VALUES (?, ?, ?, ?)",
                           [(rep_id, f.code, f.message, f.t_s) for f in rep.faults])
            return rep_id

    def rep_writer(self, set_id: int) -> Callable[[Event], None]:
        """The callback a live loop calls with each event: records every finished rep at once."""

        def on_event(event: Event) -> None:
            if event.kind == "rep" and event.rep is not None:
                self.add_rep(set_id, event.rep)

        return on_event

    def save_report(self, report: ExerciseReport, kind: str = "analyze", at: datetime | None = None) -> int:
        """Record a whole analysed clip as a session of one set; returns the session id."""
        session = self.start_session(kind, at=at)
        hold = report.options.get("hold_s")
        set_id = self.start_set(session, report.exercise, side=report.options.get("side"), source=report.source.path,
                                hold_target_s=hold, options=report.options, at=at)
        for rep in report.reps:
            self.add_rep(set_id, rep)
        self.end_set(set_id, model=report.model, at=at)
        self.end_session(session, at=at)
        return session

    # -- reading ---------------------------------------------------------------------------------

    def session_lines(self, exercise: str | None = None, limit: int | None = None) -> list[SessionLine]:
        """The latest `limit` sessions (all with None) holding `exercise` (any with None), oldest
        first, one line per exercise each."""
        with self:
            where = "WHERE (:exercise IS NULL OR coalesce(st.exercise, st.name) = :exercise)"
            args = {"exercise": exercise, "limit": -1 if limit is None else limit}
            ids = [row[0] for row in self.db.execute(
                f"SELECT DISTINCT s.id, s.started_at FROM sessions s JOIN sets st ON st.session_id = s.id {where}"
                " ORDER BY s.started_at DESC, s.id DESC LIMIT :limit", args)]
            marks = ",".join("?" * len(ids))
            lines: dict[tuple[int, str], SessionLine] = {}
            for row in self.db.execute(
                f"SELECT s.id, s.started_at, s.kind, s.routine, s.ended_at IS NOT NULL, coalesce(st.exercise, st.name),"
                f" min(st.source), sum(CASE WHEN st.exercise IS NULL THEN st.target_s ELSE 0 END)"
                f" FROM sessions s JOIN sets st ON st.session_id = s.id WHERE s.id IN ({marks})"
                f" GROUP BY s.id, coalesce(st.exercise, st.name) ORDER BY s.started_at, s.id, min(st.n)", ids,
            ):
                key = (row[0], row[5])
                lines[key] = SessionLine(row[0], datetime.fromisoformat(row[1]), row[2], row[3], bool(row[4]), row[5],
                                         row[6] or "", timed_s=row[7] or 0.0)
            for session, name, side, valid, attempted in self.db.execute(
                f"SELECT st.session_id, st.exercise, r.side, sum(r.valid), count(*) FROM reps r"
                f" JOIN sets st ON st.id = r.set_id WHERE st.session_id IN ({marks})"
                f" GROUP BY st.session_id, st.exercise, r.side", ids,
            ):
                lines[(session, name)].counts[side] = (valid, attempted)
            for session, name, code, reps in self.db.execute(
                f"SELECT st.session_id, st.exercise, f.code, count(DISTINCT f.rep_id) FROM faults f"
                f" JOIN reps r ON r.id = f.rep_id JOIN sets st ON st.id = r.set_id WHERE st.session_id IN ({marks})"
                f" GROUP BY st.session_id, st.exercise, f.code ORDER BY count(DISTINCT f.rep_id) DESC", ids,
            ):
                lines[(session, name)].faults[code] = reps
            if exercise is not None:
                return [line for line in lines.values() if line.exercise == exercise]
            return list(lines.values())

    def rep_records(self, exercise: str) -> list[RepRecord]:
        """Every stored rep of `exercise`, in time order."""
        with self:
            rows = self.db.execute(
                "SELECT s.id, s.started_at, r.side, r.valid, r.hold_s, r.measures FROM reps r"
                " JOIN sets st ON st.id = r.set_id JOIN sessions s ON s.id = st.session_id"
                " WHERE st.exercise = ? ORDER BY s.started_at, s.id, st.n, r.n", (exercise,))
            return [RepRecord(sid, datetime.fromisoformat(at), side, bool(valid), hold, json.loads(measures))
                    for sid, at, side, valid, hold, measures in rows]
