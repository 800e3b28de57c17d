"""The flashcard database file: schema, forward migrations, and safe opening.

Opening goes through `reader.core.sqlite_safe`: only a file that is not a database or
fails `PRAGMA integrity_check` is moved aside (never deleted), with a notice; busy,
full, read-only or newer-version files are left untouched with a one-line `StoreError`. Before a migration the
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

Version 2 adds what AnkiConnect needs (see docs/design/anki.md):

    anki_notes        note_id → notes (primary key; cascades), anki_id (the note's id in
                      Anki), url, model (the Anki note type), sent (when its fields were read
                      for the send that put them in Anki). No row: "not yet in Anki"; a note
                      modified after `sent`: "changed since sent".
    anki_word_status  word (Simplified, primary key), status ('known' | 'learning'),
                      updated: word statuses learnt from Anki's review intervals.

Times are REAL Unix seconds. Deleting a note cascades to its sentences, card and log.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.core import sqlite_safe

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

SCHEMA_V2 = """
CREATE TABLE IF NOT EXISTS anki_notes (
    note_id INTEGER PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
    anki_id INTEGER NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    sent REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS anki_word_status (
    word TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('known', 'learning')),
    updated REAL NOT NULL
)
"""

Migration = Callable[[sqlite3.Connection], None]


run_script = sqlite_safe.run_statements

def _create_v1(con: sqlite3.Connection) -> None:
    run_script(con, SCHEMA_V1)


def _anki_v2(con: sqlite3.Connection) -> None:
    run_script(con, SCHEMA_V2)


# MIGRATIONS[i] takes a database from user_version i to i + 1.
MIGRATIONS: tuple[Migration, ...] = (_create_v1, _anki_v2)


class StoreError(Exception):
    """The flashcard database cannot be opened or written (message is user-facing)."""


LABEL = "flashcards database"


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the pragmas every use needs (busy timeout, WAL, foreign keys)."""
    con = sqlite_safe.connect(path)
    con.row_factory = sqlite3.Row
    return con


def _backup(path: Path) -> Callable[[sqlite3.Connection, int], None]:
    def copy(con: sqlite3.Connection, old: int) -> None:
        backup = sqlite3.connect(path.with_name(f"{path.name}.v{old}.bak"))
        try:
            con.backup(backup)  # a consistent copy, WAL contents included
        finally:
            backup.close()
    return copy


def open_database(path: Path, migrations: Sequence[Migration] = MIGRATIONS
                  ) -> tuple[sqlite3.Connection, str]:
    """Open (creating or migrating) the database; returns (connection, notice).

    Each migration step runs in its own `BEGIN IMMEDIATE` transaction with its
    `user_version` bump (see `sqlite_safe`); a file with data is copied to
    `<name>.v<old>.bak` first. The notice is empty unless a damaged file was moved aside.
    Raises `StoreError` (one line, file untouched) when busy, full, read-only or newer.
    """
    try:
        con, notice = sqlite_safe.open_database(
            path, LABEL, len(migrations), lambda con, version: migrations[version](con),
            before_migrate=_backup(path))
    except sqlite_safe.DatabaseUnavailable as exc:
        raise StoreError(str(exc)) from None
    con.row_factory = sqlite3.Row
    return con, notice


def take_move_notice(path: Path) -> str:
    return sqlite_safe.take_move_notice(path)
