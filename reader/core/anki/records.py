"""What the flashcard database remembers about Anki: which notes are in it, and the word
statuses learnt from it (tables `anki_notes` and `anki_word_status`, schema version 2).

`anki_word_statuses(store)` is the hand-over to the known-words store (docs/design/anki.md):
{simplified word: "known" | "learning"}.
"""
from __future__ import annotations

from collections.abc import Iterable

from reader.core.flashcards.store import FlashcardStore

SENT = "sent"
CHANGED = "changed"  # sent, then edited here: the next send updates it
KNOWN = "known"
LEARNING = "learning"


def mark_sent(store: FlashcardStore, pairs: Iterable[tuple[int, int]], url: str, model: str,
              when: float) -> int:
    """Record (our note id, Anki note id) pairs as in Anki as of `when`; one transaction.

    Notes deleted here meanwhile are skipped. Returns how many were recorded.
    """
    pairs = list(pairs)
    if not pairs:
        return 0
    with store.transaction() as con:
        before = con.total_changes
        con.executemany(
            "INSERT OR REPLACE INTO anki_notes (note_id, anki_id, url, model, sent) "
            "SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM notes WHERE id = ?)",
            [(note_id, anki_id, url, model, when, note_id) for note_id, anki_id in pairs])
        return con.total_changes - before


def sent_states(store: FlashcardStore, note_ids: Iterable[int] | None = None) -> dict[int, str]:
    """{note id: "sent" | "changed"}; a note missing from the result is not yet in Anki."""
    sql = ("SELECT a.note_id, CASE WHEN n.modified > a.sent THEN ? ELSE ? END AS state "
           "FROM anki_notes a JOIN notes n ON n.id = a.note_id")
    if note_ids is None:
        return {r[0]: r[1] for r in store.query(sql, (CHANGED, SENT))}
    ids = list(note_ids)
    states: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        rows = store.query(f"{sql} WHERE a.note_id IN ({','.join('?' * len(part))})",
                           (CHANGED, SENT, *part))
        states.update({r[0]: r[1] for r in rows})
    return states


def save_word_statuses(store: FlashcardStore, statuses: dict[str, str], when: float) -> None:
    """Replace the statuses learnt from Anki with `statuses` (one transaction)."""
    bad = {s for s in statuses.values() if s not in (KNOWN, LEARNING)}
    if bad:
        raise ValueError(f"unknown word status {sorted(bad)[0]!r}")
    with store.transaction() as con:
        con.execute("DELETE FROM anki_word_status")
        con.executemany("INSERT INTO anki_word_status (word, status, updated) VALUES (?, ?, ?)",
                        [(word, status, when) for word, status in statuses.items()])


def anki_word_statuses(store: FlashcardStore) -> dict[str, str]:
    """{simplified word: "known" | "learning"} as last imported from Anki."""
    return {r[0]: r[1] for r in store.query("SELECT word, status FROM anki_word_status")}
