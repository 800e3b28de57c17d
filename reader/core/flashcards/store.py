"""The flashcard store: decks, notes, sentences and cards in one SQLite file.

Every change is one transaction, so a save either happened completely or not at all,
even if the process is killed halfway (WAL, synchronous=FULL). One connection is
shared under a lock, so the store may be used from the GUI thread and a worker alike.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reader.core import sqlite_safe
from reader.core.flashcards.notes import (
    Deck,
    Note,
    NoteDraft,
    SaveResult,
    Sentence,
    SentenceDraft,
    word_key,
)
from reader.core.flashcards.schema import LABEL, StoreError, open_database
from reader.core.text.dictionary import pinyin_key
from reader.core.text.scripts import to_simplified

MAX_SENTENCES = 20  # per note; older ones stay, new ones beyond this are not added
_EDITABLE = ("simplified", "traditional", "pinyin", "pinyin_numbers", "meaning", "tags")
_TABLES = ("decks", "notes", "sentences", "cards", "review_log")


@dataclass
class Deleted:
    """Rows removed by a delete, kept so the delete can be undone."""

    description: str
    rows: dict[str, list[dict]] = field(default_factory=dict)


class SearchQuery:
    """What the Flashcards window's search box matches: the word in either script, pinyin
    with or without tones or spaces ('tengxun' finds 腾讯), meaning, tags, sentences."""

    def __init__(self, text: str) -> None:
        text = text.strip()
        self.folded = text.casefold()
        self.simplified = to_simplified(text).casefold() if text else ""
        self.pinyin = pinyin_key(text) if text.isascii() else ""

    def matches(self, note: Note) -> bool:
        haystack = " ".join([note.simplified, note.traditional, note.pinyin,
                             note.pinyin_numbers, note.meaning, " ".join(note.tags), note.deck,
                             *(s.simplified for s in note.sentences)]).casefold()
        if self.folded in haystack or (self.simplified and self.simplified in haystack):
            return True
        return bool(self.pinyin) and self.pinyin in pinyin_key(note.pinyin_numbers)


def _tags(value: str | Iterable[str]) -> str:
    items = value.split() if isinstance(value, str) else list(value)
    seen: list[str] = []
    for tag in items:
        tag = "_".join(str(tag).split())
        if tag and tag not in seen:
            seen.append(tag)
    return " ".join(seen)


class FlashcardStore:
    """Decks and notes over one SQLite database (see `schema` for the tables)."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.clock = clock
        self._lock = threading.RLock()
        self._con, self.notice = open_database(self.path)

    # -- plumbing --------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self._con.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back on error."""
        with self._lock:
            con = self._con
            try:
                sqlite_safe.begin_immediate(con)
            except sqlite3.Error as exc:
                raise StoreError(str(sqlite_safe.unavailable(LABEL, self.path, exc))) from None
            try:
                yield con
                con.execute("COMMIT")
            except BaseException as exc:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):
                    raise StoreError(str(sqlite_safe.unavailable(LABEL, self.path, exc))) from None
                raise

    def query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._con.execute(sql, params).fetchall()

    # -- decks -----------------------------------------------------------------------
    def decks(self) -> list[Deck]:
        rows = self.query(
            "SELECT d.id, d.name, d.created, COUNT(n.id) AS n FROM decks d "
            "LEFT JOIN notes n ON n.deck_id = d.id GROUP BY d.id ORDER BY d.name COLLATE NOCASE")
        return [Deck(r["id"], r["name"], r["created"], r["n"]) for r in rows]

    def deck(self, name: str) -> Deck | None:
        """A deck by name (case-insensitive)."""
        rows = self.query(
            "SELECT d.id, d.name, d.created, (SELECT COUNT(*) FROM notes WHERE deck_id = d.id) "
            "AS n FROM decks d WHERE d.name = ?", (name.strip(),))
        return Deck(rows[0]["id"], rows[0]["name"], rows[0]["created"], rows[0]["n"]) if rows else None

    def ensure_deck(self, name: str) -> Deck:
        """The deck called `name`, created if missing."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("a deck needs a name")
        with self.transaction() as con:
            con.execute("INSERT OR IGNORE INTO decks (name, created) VALUES (?, ?)",
                        (name, self.clock()))
        found = self.deck(name)
        assert found is not None
        return found

    def rename_deck(self, old: str, new: str) -> Deck:
        new = " ".join(new.split())
        deck = self.deck(old)
        if deck is None:
            raise ValueError(f"no deck called {old!r}")
        if not new:
            raise ValueError("a deck needs a name")
        other = self.deck(new)
        if other is not None and other.id != deck.id:
            raise ValueError(f"a deck called {other.name!r} already exists")
        with self.transaction() as con:
            con.execute("UPDATE decks SET name = ? WHERE id = ?", (new, deck.id))
        return self.deck(new)  # type: ignore[return-value]

    # -- notes -----------------------------------------------------------------------
    def add(self, draft: NoteDraft, deck: str) -> SaveResult:
        """Save a word: a new note and card, or a new sentence on the note already there."""
        return self.add_many([draft], deck)[0]

    def add_many(self, drafts: Iterable[NoteDraft], deck: str) -> list[SaveResult]:
        """Save several words in one transaction (all or none); one result per draft."""
        drafts = list(drafts)
        for draft in drafts:
            if not word_key(draft.simplified):
                raise ValueError("nothing to save: the word is empty")
        deck_row = self.ensure_deck(deck)
        now = self.clock()
        outcomes: list[tuple[int, bool, bool]] = []
        with self.transaction() as con:
            for draft in drafts:
                outcomes.append(self._add(con, draft, deck_row.id, now))
        notes = {n.id: n for n in self._notes(
            f"WHERE n.id IN ({','.join('?' * len(outcomes))})", tuple(o[0] for o in outcomes))
        } if outcomes else {}
        return [SaveResult(notes[i], added, sentence) for i, added, sentence in outcomes]

    def _add(self, con: sqlite3.Connection, draft: NoteDraft, deck_id: int,
             now: float) -> tuple[int, bool, bool]:
        key = word_key(draft.simplified)
        row = con.execute("SELECT id FROM notes WHERE key = ?", (key,)).fetchone()
        added = row is None
        if added:
            source = draft.sentence.article_title if draft.sentence else ""
            note_id = con.execute(
                "INSERT INTO notes (deck_id, key, simplified, traditional, pinyin, "
                "pinyin_numbers, meaning, meaning_source, tags, kind, source, created, "
                "modified) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (deck_id, key, draft.simplified, draft.traditional, draft.pinyin,
                 draft.pinyin_numbers, draft.meaning, draft.meaning_source,
                 _tags(draft.tags), draft.kind, source, now, now)).lastrowid
            con.execute("INSERT INTO cards (note_id, state, step, due) VALUES (?, 1, 0, ?)",
                        (note_id, now))
        else:
            note_id = row["id"]
        sentence_added = False
        if draft.sentence is not None:
            sentence_added = self._add_sentence(con, note_id, draft.sentence, now)
            if sentence_added and not added:
                con.execute("UPDATE notes SET modified = ? WHERE id = ?", (now, note_id))
        return note_id, added, sentence_added

    @staticmethod
    def _add_sentence(con: sqlite3.Connection, note_id: int, s: SentenceDraft, now: float) -> bool:
        if not s.simplified.strip():
            return False
        count = con.execute("SELECT COUNT(*) FROM sentences WHERE note_id = ?",
                            (note_id,)).fetchone()[0]
        if count >= MAX_SENTENCES:
            return False
        cur = con.execute(
            "INSERT OR IGNORE INTO sentences (note_id, simplified, traditional, s_start, s_end, "
            "t_start, t_end, article_id, article_title, created) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (note_id, s.simplified, s.traditional, *s.simplified_range, *s.traditional_range,
             s.article_id, s.article_title, now))
        return cur.rowcount == 1

    def find(self, word: str) -> Note | None:
        """The note of a word (either spelling of case or width; Simplified form)."""
        rows = self.query("SELECT id FROM notes WHERE key = ?", (word_key(word),))
        return self.note(rows[0]["id"]) if rows else None

    def note(self, note_id: int) -> Note | None:
        notes = self._notes("WHERE n.id = ?", (note_id,))
        return notes[0] if notes else None

    def notes(self, deck: str | None = None, search: str = "") -> list[Note]:
        """Notes of one deck (or all), oldest first, optionally filtered by `note_matches`."""
        clause, params = ("WHERE d.name = ?", (deck,)) if deck is not None else ("", ())
        notes = self._notes(clause, params)
        if search.strip():
            matcher = SearchQuery(search)
            notes = [n for n in notes if matcher.matches(n)]
        return notes

    def _notes(self, clause: str, params: tuple) -> list[Note]:
        with self._lock:
            rows = self._con.execute(
                f"SELECT n.*, d.name AS deck FROM notes n JOIN decks d ON d.id = n.deck_id "
                f"{clause} ORDER BY n.created, n.id", params).fetchall()
            if not rows:
                return []
            ids = [r["id"] for r in rows]
            sentences: dict[int, list[Sentence]] = {i: [] for i in ids}
            for chunk in range(0, len(ids), 500):
                part = ids[chunk:chunk + 500]
                marks = ",".join("?" * len(part))
                for s in self._con.execute(
                        f"SELECT * FROM sentences WHERE note_id IN ({marks}) ORDER BY id", part):
                    sentences[s["note_id"]].append(Sentence(
                        simplified=s["simplified"], traditional=s["traditional"],
                        simplified_range=(s["s_start"], s["s_end"]),
                        traditional_range=(s["t_start"], s["t_end"]),
                        article_id=s["article_id"], article_title=s["article_title"],
                        id=s["id"], note_id=s["note_id"], created=s["created"]))
        return [Note(
            id=r["id"], deck_id=r["deck_id"], deck=r["deck"], key=r["key"],
            simplified=r["simplified"], traditional=r["traditional"], pinyin=r["pinyin"],
            pinyin_numbers=r["pinyin_numbers"], meaning=r["meaning"],
            meaning_source=r["meaning_source"], tags=tuple(r["tags"].split()), kind=r["kind"],
            source=r["source"], created=r["created"], modified=r["modified"],
            sentences=tuple(sentences[r["id"]])) for r in rows]

    def update(self, note_id: int, **changes) -> Note:
        """Edit a note's word, pinyin, meaning or tags; the modified time moves forward."""
        unknown = set(changes) - set(_EDITABLE) - {"deck"}
        if unknown:
            raise ValueError(f"cannot edit {', '.join(sorted(unknown))}")
        note = self.note(note_id)
        if note is None:
            raise ValueError(f"no note {note_id}")
        sets, params = [], []
        for name in _EDITABLE:
            if name in changes:
                value = changes[name]
                value = _tags(value) if name == "tags" else str(value).strip()
                sets.append(f"{name} = ?")
                params.append(value)
        if "simplified" in changes:
            key = word_key(changes["simplified"])
            if not key:
                raise ValueError("the word cannot be empty")
            other = self.find(changes["simplified"])
            if other is not None and other.id != note_id:
                raise ValueError(f"{other.simplified} is already saved (deck {other.deck})")
            sets.append("key = ?")
            params.append(key)
        if "meaning" in changes:
            sets.append("meaning_source = ?")
            params.append("user")
        if "deck" in changes:
            sets.append("deck_id = ?")
            params.append(self.ensure_deck(changes["deck"]).id)
        if sets:
            sets.append("modified = ?")
            params.append(max(self.clock(), note.modified))
            with self.transaction() as con:
                con.execute(f"UPDATE notes SET {', '.join(sets)} WHERE id = ?", (*params, note_id))
        return self.note(note_id)  # type: ignore[return-value]

    # -- delete and undo -------------------------------------------------------------
    def _snapshot(self, con: sqlite3.Connection, note_ids: list[int]) -> dict[str, list[dict]]:
        rows: dict[str, list[dict]] = {}
        marks = ",".join("?" * len(note_ids))
        rows["notes"] = [dict(r) for r in con.execute(
            f"SELECT * FROM notes WHERE id IN ({marks})", note_ids)]
        rows["sentences"] = [dict(r) for r in con.execute(
            f"SELECT * FROM sentences WHERE note_id IN ({marks})", note_ids)]
        rows["cards"] = [dict(r) for r in con.execute(
            f"SELECT * FROM cards WHERE note_id IN ({marks})", note_ids)]
        card_ids = [c["id"] for c in rows["cards"]]
        cmarks = ",".join("?" * len(card_ids))
        rows["review_log"] = [dict(r) for r in con.execute(
            f"SELECT * FROM review_log WHERE card_id IN ({cmarks})", card_ids)] if card_ids else []
        return rows

    def delete_notes(self, note_ids: Iterable[int]) -> Deleted:
        """Delete notes with their sentences, cards and review log; returns what to undo."""
        ids = [int(i) for i in note_ids]
        if not ids:
            return Deleted("nothing")
        with self.transaction() as con:
            rows = self._snapshot(con, ids)
            con.execute(f"DELETE FROM notes WHERE id IN ({','.join('?' * len(ids))})", ids)
        words = [r["simplified"] for r in rows["notes"]]
        label = words[0] if len(words) == 1 else f"{len(words)} notes"
        return Deleted(label, rows)

    def delete_deck(self, name: str) -> Deleted:
        """Delete a deck and every note in it; returns what to undo."""
        deck = self.deck(name)
        if deck is None:
            raise ValueError(f"no deck called {name!r}")
        with self.transaction() as con:
            ids = [r["id"] for r in con.execute("SELECT id FROM notes WHERE deck_id = ?", (deck.id,))]
            rows = self._snapshot(con, ids) if ids else {}
            rows["decks"] = [dict(r) for r in con.execute("SELECT * FROM decks WHERE id = ?",
                                                          (deck.id,))]
            con.execute("DELETE FROM decks WHERE id = ?", (deck.id,))
        return Deleted(f"deck {deck.name}", rows)

    def restore(self, deleted: Deleted) -> None:
        """Undo a delete: put every removed row back with its old id."""
        try:
            with self.transaction() as con:
                for table in _TABLES:
                    for row in deleted.rows.get(table, []):
                        cols = list(row)
                        con.execute(
                            f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                            f"({', '.join('?' * len(cols))})", [row[c] for c in cols])
        except sqlite3.IntegrityError:
            raise ValueError(f"cannot undo the delete of {deleted.description}: it was saved "
                             "again since") from None

    # -- counts ------------------------------------------------------------------------
    def count(self) -> int:
        return self.query("SELECT COUNT(*) FROM notes")[0][0]
