"""The flashcard database file: schema, forward migrations, and safe opening.

Opening checks `PRAGMA integrity_check`; a file that is not a database, is damaged, or
was written by a newer version of the app is moved aside (never deleted) and a fresh
database created, with a notice saying where the old file went. Before a migration the
file is copied to `<name>.v<old>.bak`. The schema version is `PRAGMA user_version`.

Schema (version 1):

    decks       id, name (unique, case-insensitive), created
    notes       id, deck_id → decks, key (unique: the word, normalised), simplified,
                traditional, pinyin (tone marks), pinyin_numbers, meaning, meaning_source
                (glossary|cedict|people|user), tags (space-separated), kind
                (word|term|person), source (first article title), created, modified
    sentences   id, note_id → notes, simplified, traditional, s_start, s_end, t_start,
                t_end (the word's place in each script), article_id, article_title,
                created; unique (note_id, simplified)
    cards       id, note_id → notes (unique: one card per note), state, step, stability,
                difficulty, due, last_review (FSRS card state; times in Unix seconds UTC)
    review_log  id, card_id → cards, rating (1-4), reviewed_at, duration_ms, state,
                stability, difficulty, due (the card's state after the review)

Times are REAL Unix seconds. Deleting a note cascades to its sentences, card and log.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path

SCHEMA_V1 = """
CREATE TABLE decks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created REAL NOT NULL
);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
    key TEXT NOT NULL UNIQUE,
    simplified TEXT NOT NULL,
    traditional TEXT NOT NULL,
    pinyin TEXT NOT NULL DEFAULT '',
    pinyin_numbers TEXT NOT NULL DEFAULT '',
    meaning TEXT NOT NULL DEFAULT '',
    meaning_source TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'word',
    source TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    modified REAL NOT NULL
);
CREATE INDEX notes_deck ON notes(deck_id);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    simplified TEXT NOT NULL,
    traditional TEXT NOT NULL,
    s_start INTEGER NOT NULL DEFAULT 0,
    s_end INTEGER NOT NULL DEFAULT 0,
    t_start INTEGER NOT NULL DEFAULT 0,
    t_end INTEGER NOT NULL DEFAULT 0,
    article_id TEXT NOT NULL DEFAULT '',
    article_title TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    UNIQUE (note_id, simplified)
);
CREATE TABLE cards (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL UNIQUE REFERENCES notes(id) ON DELETE CASCADE,
    state INTEGER NOT NULL DEFAULT 1,
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due REAL NOT NULL,
    last_review REAL
);
CREATE INDEX cards_due ON cards(due);
CREATE TABLE review_log (
    id INTEGER PRIMARY KEY,
    card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    rating INTEGER NOT NULL,
    reviewed_at REAL NOT NULL,
    duration_ms INTEGER,
    state INTEGER,
    stability REAL,
    difficulty REAL,
    due REAL
);
CREATE INDEX review_log_card ON review_log(card_id);
"""

Migration = Callable[[sqlite3.Connection], None]


def run_script(con: sqlite3.Connection, script: str) -> None:
    """Run `;`-separated statements inside the caller's transaction.

    (`executescript` would commit first, breaking the one-transaction-per-step rule.)
    """
    for statement in script.split(";"):
        if statement.strip():
            con.execute(statement)


def _create_v1(con: sqlite3.Connection) -> None:
    run_script(con, SCHEMA_V1)


# MIGRATIONS[i] takes a database from user_version i to i + 1.
MIGRATIONS: tuple[Migration, ...] = (_create_v1,)


class StoreError(Exception):
    """The flashcard database cannot be opened or written (message is user-facing)."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the pragmas every use needs (WAL, foreign keys, full sync)."""
    con = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    return con


def _check(con: sqlite3.Connection, latest: int) -> None:
    """Raise sqlite3.DatabaseError unless the file is a sound database we can read."""
    rows = con.execute("PRAGMA integrity_check").fetchall()
    if [tuple(r) for r in rows] != [("ok",)]:
        raise sqlite3.DatabaseError("integrity check failed: " + "; ".join(str(r[0]) for r in rows[:3]))
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version > latest:
        raise sqlite3.DatabaseError(f"it was written by a newer version of the app (schema {version})")


def move_aside(path: Path, reason: str) -> Path:
    """Rename a bad database (and its -wal/-shm files) to `<name>.corrupt-<time>`."""
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
    except OSError as exc:
        raise StoreError(f"The flashcard database {path} cannot be read ({reason}) and could "
                         f"not be moved aside: {exc.strerror or exc}") from None
    return aside


def migrate(con: sqlite3.Connection, path: Path | None,
            migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the schema up to `len(migrations)`; copy the file first if it has data.

    Each step runs in its own transaction together with its `user_version` bump, so an
    interrupted migration leaves the previous version intact. Returns the old version.
    """
    old = con.execute("PRAGMA user_version").fetchone()[0]
    if old < len(migrations) and old > 0 and path is not None:
        backup = sqlite3.connect(path.with_name(f"{path.name}.v{old}.bak"))
        try:
            con.backup(backup)  # a consistent copy, WAL contents included
        finally:
            backup.close()
    for version in range(old, len(migrations)):
        con.execute("BEGIN IMMEDIATE")
        try:
            migrations[version](con)
            con.execute(f"PRAGMA user_version = {version + 1}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return old


def open_database(path: Path, migrations: Sequence[Migration] = MIGRATIONS
                  ) -> tuple[sqlite3.Connection, str]:
    """Open (creating or migrating) the database; returns (connection, notice).

    The notice is empty unless a bad file was moved aside.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    notice = ""
    if path.exists():
        con = None
        try:
            con = connect(path)
            _check(con, len(migrations))
            migrate(con, path, migrations)
            return con, notice
        except sqlite3.DatabaseError as exc:
            if con is not None:
                con.close()
            aside = move_aside(path, str(exc))
            notice = (f"The flashcard database could not be read ({exc}); it was moved to "
                      f"{aside.name} and a new, empty one was created.")
        except OSError as exc:
            if con is not None:
                con.close()
            raise StoreError(f"The flashcard database {path} cannot be opened: "
                             f"{exc.strerror or exc}") from None
    try:
        con = connect(path)
        migrate(con, path, migrations)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"The flashcard database {path} cannot be created: {exc}") from None
    return con, notice
