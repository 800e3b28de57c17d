"""Opening an SQLite database with care: temporary errors never cost the user a file.

`open_database(path, label, latest, migrate)` is shared by the flashcards, the library
index and the translation cache:

* busy or locked (another Reader window or process) → `busy_timeout`, then retries, then
  `DatabaseUnavailable` ("the flashcards database is in use by another Reader window…");
  the file is untouched;
* disk full, read-only file or folder, or an I/O error → `DatabaseUnavailable`, nothing moved;
* a file that is not SQLite, or fails `PRAGMA integrity_check` → moved aside to
  `<name>.corrupt-<time>` and a new database started, with a notice. A pending-notice file
  (`<name>.moved-aside`) stays until the notice was taken (`take_move_notice`); while it
  is there, a second move is refused: files are never moved aside twice in a row unseen;
* creation and migration run inside `BEGIN IMMEDIATE` and re-read `user_version` there,
  so several processes opening a new database at once create it exactly once.
"""
from __future__ import annotations

import errno
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

BUSY_TIMEOUT_S = 5.0
OPEN_DEADLINE_S = 15.0
_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")
_DAMAGED = ("SQLITE_NOTADB", "SQLITE_CORRUPT")
_READONLY = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")


class DatabaseUnavailable(Exception):
    """The database cannot be used right now; the message is one user-facing line."""


class Damaged(sqlite3.DatabaseError):
    """The file is not an SQLite database we can read (integrity check failed)."""


def kind_of(exc: BaseException) -> str:
    """'busy', 'full', 'readonly', 'damaged' or 'other' for an sqlite3 or OS error."""
    if isinstance(exc, Damaged):
        return "damaged"
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "full"
        return "readonly" if exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM) else "other"
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(_BUSY) or "locked" in text or "busy" in text:
        return "busy"
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return "full"
    if name.startswith(_READONLY) or "readonly" in text or "unable to open" in text:
        return "readonly"
    if name.startswith(_DAMAGED) or "not a database" in text or "malformed" in text:
        return "damaged"
    return "other"


def unavailable(label: str, path: Path, exc: BaseException) -> DatabaseUnavailable:
    """The one-line message for an error that is not damage."""
    kind = kind_of(exc)
    if kind == "other" and _disk_full(path):  # SQLite reports some ENOSPC as I/O errors
        kind = "full"
    if kind == "busy":
        text = (f"the {label} is in use by another Reader window or process; close it or "
                f"try again ({path.name} was not changed)")
    elif kind == "full":
        text = f"the disk holding the {label} is full; nothing was changed ({path})"
    elif kind == "readonly":
        text = f"the {label} cannot be written (read-only or no permission): {path}"
    else:
        reason = getattr(exc, "strerror", None) or str(exc)
        text = f"the {label} cannot be used ({reason}): {path}"
    return DatabaseUnavailable(text[0].upper() + text[1:])


def _disk_full(path: Path) -> bool:
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return os.statvfs(folder).f_bavail == 0
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        return False


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".moved-aside")


def take_move_notice(path: Path) -> str:
    """The pending notice about `path` having been moved aside ('' if none); clears it."""
    marker = _marker(path)
    try:
        notice = marker.read_text(encoding="utf-8")
        marker.unlink()
    except (OSError, UnicodeDecodeError):
        return ""
    return notice


def move_aside(path: Path, label: str, reason: str) -> str:
    """Rename a damaged database (and its -wal/-shm) aside; returns the notice."""
    marker = _marker(path)
    if marker.exists():
        raise DatabaseUnavailable(
            f"The {label} {path.name} cannot be read ({reason}); it was already moved aside "
            f"once and that notice was not seen yet ({marker.name}), so nothing was moved now")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        path.replace(aside)
        for suffix in ("-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if extra.exists():
                extra.replace(aside.with_name(aside.name + suffix))
        notice = (f"The {label} could not be read ({reason}); it was moved to {aside.name} "
                  "and a new one was started.")
        marker.write_text(notice, encoding="utf-8")
    except OSError as exc:
        raise unavailable(label, path, exc) from None
    return notice


def run_statements(con: sqlite3.Connection, script: str) -> None:
    """Run `;`-separated statements inside the caller's transaction (`executescript`
    would commit first)."""
    for statement in script.split(";"):
        if statement.strip():
            con.execute(statement)


def connect(path: Path, wal: bool = True) -> sqlite3.Connection:
    """A connection with a busy timeout, WAL, foreign keys and full sync."""
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                          check_same_thread=False)
    try:
        con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        con.execute("PRAGMA foreign_keys = ON")
        if wal:
            con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
    except BaseException:
        con.close()
        raise
    return con


def check(con: sqlite3.Connection, label: str, path: Path, latest: int) -> int:
    """Raise `Damaged` unless the file passes `integrity_check`; returns `user_version`.

    A file from a newer app version is not damaged: `DatabaseUnavailable`, left as it is.
    """
    rows = con.execute("PRAGMA integrity_check").fetchall()
    if [tuple(r) for r in rows] != [("ok",)]:
        raise Damaged("integrity check failed: " + "; ".join(str(r[0]) for r in rows[:3]))
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version > latest:
        raise DatabaseUnavailable(f"The {label} {path} was written by a newer version of "
                                  f"Reader (schema {version}); it was left unchanged")
    return version


def migrate_locked(con: sqlite3.Connection, latest: int,
                   step: Callable[[sqlite3.Connection, int], None]) -> int:
    """Run `step(con, version)` for each version below `latest`, each in BEGIN IMMEDIATE.

    `user_version` is re-read inside the transaction, so a process that lost the race
    finds the work done. Returns the version found first.
    """
    first = con.execute("PRAGMA user_version").fetchone()[0]
    while first < latest:
        con.execute("BEGIN IMMEDIATE")
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version >= latest:
                con.execute("COMMIT")
                return first
            step(con, version)
            con.execute(f"PRAGMA user_version = {version + 1}")
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
    return first


def begin_immediate(con: sqlite3.Connection, deadline_s: float = OPEN_DEADLINE_S) -> None:
    """`BEGIN IMMEDIATE`, retried while another process holds the write lock."""
    deadline = time.monotonic() + deadline_s
    while True:
        try:
            con.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if kind_of(exc) != "busy" or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def open_database(path: Path, label: str, latest: int,
                  step: Callable[[sqlite3.Connection, int], None],
                  before_migrate: Callable[[sqlite3.Connection, int], None] | None = None,
                  wal: bool = True) -> tuple[sqlite3.Connection, str]:
    """Open, check, create or migrate `path`; returns (connection, notice).

    Raises `DatabaseUnavailable` (one line, file untouched) for anything but damage.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unavailable(label, path, exc) from None
    notice = ""
    deadline = time.monotonic() + OPEN_DEADLINE_S
    delay = 0.05
    while True:
        con = None
        try:
            con = connect(path, wal)
            version = check(con, label, path, latest)
            if before_migrate is not None and 0 < version < latest:
                before_migrate(con, version)
            migrate_locked(con, latest, step)
            return con, notice
        except (sqlite3.Error, OSError) as exc:
            if con is not None:
                con.close()
            kind = kind_of(exc)
            if kind == "damaged" and not notice:
                notice = move_aside(path, label, str(exc))
                continue
            if kind == "busy" and time.monotonic() < deadline:
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
                continue
            raise unavailable(label, path, exc) from None
        except BaseException:
            if con is not None:
                con.close()
            raise
