"""Anki, live: sending 500 notes through AnkiConnect to a local server backed by the real
`anki` Collection (tests/anki_server.py), then again (all unchanged), then with 50 edited;
known words read back from 500 cards. Baseline: exporting the same notes as an .apkg (the
manual path this replaces). Wall-clock, one run each (a fresh collection every time).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

N = 500


def _timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, (time.perf_counter() - started) * 1000


def main() -> int:
    try:
        from tests.anki_server import anki_server
    except ImportError:
        print("anki: the `anki` package (a test dependency) is not installed; skipped")
        return 0
    from reader.core.anki import AnkiConnect, AnkiSender
    from reader.core.anki.known import import_known
    from reader.core.flashcards import FlashcardStore, NoteDraft
    from reader.core.flashcards.export import export_notes
    from reader.core.flashcards.notes import SentenceDraft

    with tempfile.TemporaryDirectory() as folder, anki_server(Path(folder) / "anki") as server:
        store = FlashcardStore(Path(folder) / "cards.sqlite3")
        sentence = SentenceDraft("这是一个例句。", "這是一個例句。", (2, 4), (2, 4), "a", "Bench")
        words = [chr(0x4E00 + i) + chr(0x4E00 + 7 * i % 20000 + 1) for i in range(N)]
        store.add_many([NoteDraft(w, w, f"pinyin {i}", f"pin1 {i}", f"word {i}",
                                  sentence=sentence) for i, w in enumerate(words)], "Bench")
        notes = store.notes()
        _, apkg_ms = _timed(lambda: export_notes(notes, "apkg", Path(folder) / "b.apkg"))
        client = AnkiConnect(server.url)
        first, first_ms = _timed(lambda: AnkiSender(client, store).send(notes))
        again, again_ms = _timed(lambda: AnkiSender(client, store).send(store.notes()))
        for note in notes[:50]:
            store.update(note.id, meaning=note.meaning + " (edited)")
        edited, edited_ms = _timed(lambda: AnkiSender(client, store).send(store.notes()))
        server.set_interval("deck:Bench", 30)
        known, known_ms = _timed(lambda: import_known(client, store, ["Bench"], "Simplified"))
        store.close()
    print(f"anki: baseline .apkg export of {N} notes: {apkg_ms:.0f} ms (then a manual import)")
    print(f"anki: send {N} notes (new deck + note type): {first_ms:.0f} ms ({first.summary()})")
    print(f"anki: send again: {again_ms:.0f} ms ({again.summary()})")
    print(f"anki: send with 50 edited: {edited_ms:.0f} ms ({edited.summary()})")
    print(f"anki: known words from {known.cards} cards: {known_ms:.0f} ms ({known.summary()})")
    return 0 if first.added == N and again.unchanged == N and edited.updated == 50 else 1


if __name__ == "__main__":
    sys.exit(main())
