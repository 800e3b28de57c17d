"""The translation cache: every chunk ever translated, in SQLite in the user data folder.

One row per (engine, target language, source text) with the translation and when it was
fetched; nothing else (no URLs, no article ids). It lives in the data folder, not the
cache folder, because past translations are what the reader has offline. Schema version
in `PRAGMA user_version`; opened through `reader.core.sqlite_safe` (only a file failing
`integrity_check` is moved aside; busy, full or read-only raise `DatabaseUnavailable`).
"""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from reader.core.sqlite_safe import (
    DatabaseUnavailable,
    open_database,
    run_statements,
    take_move_notice,
    unavailable,
)

SCHEMA_VERSION = 1
LABEL = "translation cache"
RETRY_AFTER_S = 30.0  # after a busy/full/unreadable cache, treat it as empty this long

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translation (
    engine TEXT NOT NULL,
    target TEXT NOT NULL,
    source_text TEXT NOT NULL,
    translation TEXT NOT NULL,
    fetched REAL NOT NULL,
    PRIMARY KEY (engine, target, source_text)
) WITHOUT ROWID;
"""


class TranslationCache:
    """Thread-safe get/put of translated chunks, keyed by engine, target and text."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.notice = ""
        self.problem = ""
        self._resting_until = 0.0
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None

    def _con(self) -> sqlite3.Connection:
        if self._connection is None:
            def step(con: sqlite3.Connection, version: int) -> None:
                run_statements(con, _SCHEMA)

            self._connection, self.notice = open_database(self.path, LABEL, SCHEMA_VERSION,
                                                          step)
        return self._connection

    def take_notice(self) -> str:
        """The notice about a cache file moved aside, once ('' when there is none)."""
        pending = take_move_notice(self.path)
        notice, self.notice = self.notice or pending, ""
        return notice

    def _query(self, sql: str, params: tuple) -> tuple | None:
        """One row, or None; a busy, full or unreadable cache is a miss, never an error
        (translations can be fetched again). `problem` keeps the last such message."""
        with self._lock:
            if time.monotonic() < self._resting_until:
                return None
            try:
                return self._con().execute(sql, params).fetchone()
            except DatabaseUnavailable as exc:
                self.problem = str(exc)
            except sqlite3.Error as exc:
                self.problem = str(unavailable(LABEL, self.path, exc))
            self._resting_until = time.monotonic() + RETRY_AFTER_S  # no wait per paragraph
        return None

    def get(self, engine: str, target: str, text: str) -> str | None:
        row = self._query(
            "SELECT translation FROM translation WHERE engine=? AND target=? AND source_text=?",
            (engine, target, text))
        return None if row is None else row[0]

    def get_any(self, target: str, text: str, prefer: str) -> tuple[str, str] | None:
        """(engine, translation) from `prefer` if cached, else from any other engine."""
        row = self._query(
            "SELECT engine, translation FROM translation WHERE target=? AND source_text=? "
            "ORDER BY engine != ?, fetched DESC LIMIT 1", (target, text, prefer))
        return None if row is None else (row[0], row[1])

    def put(self, engine: str, target: str, text: str, translation: str) -> None:
        self._query("INSERT OR REPLACE INTO translation VALUES (?, ?, ?, ?, ?)",
                    (engine, target, text, translation, time.time()))

    def count(self) -> int:
        with self._lock:
            return self._con().execute("SELECT COUNT(*) FROM translation").fetchone()[0]

    def clear(self) -> int:
        """Forget every translation; returns how many there were."""
        with self._lock:
            return self._con().execute("DELETE FROM translation").rowcount

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
