"""The translation cache: every chunk ever translated, in SQLite in the user data folder.

One row per (engine, target language, source text) with the translation and when it was
fetched; nothing else (no URLs, no article ids). It lives in the data folder, not the
cache folder, because past translations are what the reader has offline. Schema version
in `PRAGMA user_version`; a file that fails `quick_check` is moved aside and started anew.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

SCHEMA_VERSION = 1

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
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None

    def _con(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._connection = self._open()
            except sqlite3.DatabaseError as exc:
                aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
                self.path.replace(aside)
                self.notice = (f"The translation cache could not be read ({exc}); it was "
                               f"moved to {aside.name} and a new one started.")
                self._connection = self._open()
        return self._connection

    def _open(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("integrity check failed")
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"schema version {version} is newer than this app")
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(_SCHEMA)
            con.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError:
            con.close()
            raise
        return con

    def get(self, engine: str, target: str, text: str) -> str | None:
        with self._lock:
            row = self._con().execute(
                "SELECT translation FROM translation WHERE engine=? AND target=? AND source_text=?",
                (engine, target, text)).fetchone()
        return None if row is None else row[0]

    def get_any(self, target: str, text: str, prefer: str) -> tuple[str, str] | None:
        """(engine, translation) from `prefer` if cached, else from any other engine."""
        with self._lock:
            row = self._con().execute(
                "SELECT engine, translation FROM translation WHERE target=? AND source_text=? "
                "ORDER BY engine != ?, fetched DESC LIMIT 1", (target, text, prefer)).fetchone()
        return None if row is None else (row[0], row[1])

    def put(self, engine: str, target: str, text: str, translation: str) -> None:
        with self._lock:
            self._con().execute(
                "INSERT OR REPLACE INTO translation VALUES (?, ?, ?, ?, ?)",
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
