"""Word statuses (new, learning, known, ignored) in one SQLite file, keyed by Simplified form.

A word without a row is new. The whole table is small (tens of thousands of rows at most),
so it is read once into memory; every change is one transaction, then the memory copy is
updated and listeners are told which words changed. Another process (the command line)
writing the same file is noticed through `PRAGMA data_version` and the copy is re-read.

Opening goes through `reader.core.sqlite_safe` like the flashcards: `user_version`,
`integrity_check`, WAL, a busy timeout with retries. Only a file that fails the integrity
check (or is not a database at all) is moved aside, with a notice; a busy or locked file is
an error, never a reason to move it.
"""
from __future__ import annotations

import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path

from reader.core import sqlite_safe
from reader.core.text.scripts import to_simplified

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS word_status (
    word TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('new', 'learning', 'known', 'ignored')),
    source TEXT NOT NULL DEFAULT '',
    updated REAL NOT NULL
) WITHOUT ROWID
"""


class Status(StrEnum):
    """What the reader knows of a word."""

    NEW = "new"
    LEARNING = "learning"
    KNOWN = "known"
    IGNORED = "ignored"


RANK = {Status.NEW: 0, Status.LEARNING: 1, Status.KNOWN: 2}


class StudyError(Exception):
    """The word-status database cannot be opened or written (message is user-facing)."""


def word_keys(words: Iterable[str]) -> list[str]:
    """Normalised keys: NFKC, trimmed, Simplified (one OpenCC call for all), Latin casefolded."""
    cleaned = [" ".join(unicodedata.normalize("NFKC", w).split()) for w in words]
    cleaned = [w for w in cleaned if w and "\n" not in w]
    if not cleaned:
        return []
    joined = "\n".join(cleaned)
    simplified = to_simplified(joined).split("\n") if not joined.isascii() else cleaned
    if len(simplified) != len(cleaned):  # OpenCC kept lines apart; be safe anyway
        simplified = [to_simplified(w) for w in cleaned]
    return [w.casefold() if w.isascii() else w for w in simplified]


LABEL = "word-status database"


def _create(con: sqlite3.Connection, version: int) -> None:
    if version == 0:
        con.execute(SCHEMA)


def open_status_db(path: Path) -> tuple[sqlite3.Connection, str]:
    """(connection, notice) through `sqlite_safe`: the notice is non-empty only when a
    damaged file was moved aside; busy, full, read-only or newer files raise `StudyError`
    (one line, file untouched)."""
    try:
        return sqlite_safe.open_database(Path(path), LABEL, SCHEMA_VERSION, _create)
    except sqlite_safe.DatabaseUnavailable as exc:
        raise StudyError(str(exc)) from None


def take_move_notice(path: Path) -> str:
    """A pending notice about the file having been moved aside (also after a crash)."""
    return sqlite_safe.take_move_notice(Path(path))


Listener = Callable[[frozenset[str]], None]


class WordStatusStore:
    """Statuses of words, persisted; a word with no row is new."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.clock = clock
        self._lock = threading.RLock()
        self._con, self.notice = open_status_db(self.path)
        self._rows: dict[str, Status] = {}
        self._sets: dict[Status, set[str]] = {status: set() for status in Status}
        self._frozen: tuple | None = None  # (version, rows, sets) shared by snapshot_sets
        self._data_version = -1
        self.version = 0  # bumped on every change seen (ours or another process's)
        self._listeners: list[Listener] = []
        self.refresh()

    def close(self) -> None:
        with self._lock:
            self._con.close()

    # -- reading ----------------------------------------------------------------------
    def refresh(self) -> bool:
        """Re-read the table if another connection changed it; True when it did."""
        with self._lock:
            current = self._con.execute("PRAGMA data_version").fetchone()[0]
            if current == self._data_version:
                return False
            rows = self._con.execute("SELECT word, status FROM word_status").fetchall()
            self._rows = {w: Status(s) for w, s in rows}
            self._sets = {status: set() for status in Status}
            for word, status in self._rows.items():
                self._sets[status].add(word)
            self._data_version = current
            self.version += 1
            return True

    def snapshot(self) -> dict[str, Status]:
        """Every explicit status (a copy; words absent are new)."""
        self.refresh()
        with self._lock:
            return dict(self._rows)

    def snapshot_sets(self) -> tuple[dict[str, Status], dict[Status, frozenset[str]]]:
        """`snapshot()` and the words of each status, consistent with each other; shared
        until the next change (read them, never change them)."""
        self.refresh()
        with self._lock:
            frozen = self._frozen
            if frozen is None or frozen[0] != self.version:
                frozen = self._frozen = (self.version, dict(self._rows),
                                         {s: frozenset(w) for s, w in self._sets.items()})
            return frozen[1], frozen[2]

    def explicit(self, word: str) -> Status | None:
        """The status set for `word` (already a key), or None."""
        return self._rows.get(word)

    def status(self, word: str) -> Status:
        keys = word_keys([word])
        return self._rows.get(keys[0], Status.NEW) if keys else Status.NEW

    def items(self, status: Status | None = None) -> list[tuple[str, Status, str, float]]:
        """(word, status, source, updated) rows, oldest first."""
        sql = "SELECT word, status, source, updated FROM word_status"
        params: tuple = ()
        if status is not None:
            sql += " WHERE status = ?"
            params = (str(status),)
        with self._lock:
            rows = self._con.execute(sql + " ORDER BY updated, word", params).fetchall()
        return [(w, Status(s), src, t) for w, s, src, t in rows]

    def counts(self) -> dict[Status, int]:
        with self._lock:
            out = {s: 0 for s in Status}
            for status in self._rows.values():
                out[status] += 1
            return out

    # -- writing ----------------------------------------------------------------------
    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def set(self, words: Iterable[str], status: Status | str, source: str = "user",
            normalised: bool = False, only_raise: bool = False) -> int:
        """Give `words` a status; returns how many changed.

        `only_raise` (bulk imports): never lower a status (known stays known when a list
        says learning) and never touch an ignored word.
        """
        status = Status(status)
        keys = list(dict.fromkeys(words if normalised else word_keys(words)))
        with self._lock:
            self.refresh()
            rows = self._rows
            if only_raise:
                keys = [k for k in keys if rows.get(k) is not Status.IGNORED
                        and RANK.get(rows.get(k, Status.NEW), 0) < RANK.get(status, 0)]
            else:
                keys = [k for k in keys if rows.get(k) is not status]
            if not keys:
                return 0
            now = self.clock()
            self._write("INSERT INTO word_status (word, status, source, updated) VALUES (?,?,?,?) "
                        "ON CONFLICT(word) DO UPDATE SET status = excluded.status, "
                        "source = excluded.source, updated = excluded.updated",
                        [(k, status.value, source, now) for k in keys])
            sets = self._sets
            for k in keys:
                old = rows.get(k)
                if old is not None:
                    sets[old].discard(k)
                rows[k] = status
                sets[status].add(k)
        self._changed(keys)
        return len(keys)

    def remove(self, words: Iterable[str]) -> int:
        """Forget the status of `words` (they are new again); returns how many had one."""
        with self._lock:
            self.refresh()
            keys = [k for k in dict.fromkeys(word_keys(words)) if k in self._rows]
            if not keys:
                return 0
            self._write("DELETE FROM word_status WHERE word = ?", [(k,) for k in keys])
            for k in keys:
                self._sets[self._rows.pop(k)].discard(k)
        self._changed(keys)
        return len(keys)

    def _write(self, sql: str, rows: list[tuple]) -> None:
        con = self._con
        try:
            sqlite_safe.begin_immediate(con)
        except sqlite3.Error as exc:
            raise StudyError(str(sqlite_safe.unavailable(LABEL, self.path, exc))) from None
        try:
            con.executemany(sql, rows)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self._data_version = con.execute("PRAGMA data_version").fetchone()[0]
        self.version += 1

    def _changed(self, keys: list[str]) -> None:
        changed = frozenset(keys)
        for listener in list(self._listeners):
            listener(changed)
