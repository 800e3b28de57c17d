"""Flashcards benchmark: saving an article's glossary, saving one word, exporting, review.

Uses the largest corpus article, a fresh database in a temporary folder, and the real
glossary. Times are wall-clock medians (each save is a durable SQLite commit, so disk
sync time is part of the figure, as it is for the user).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from common import median_ms

from reader.core.flashcards import Flashcards, Lookups
from reader.core.services import Services


def main() -> int:
    services = Services()
    info = max(services.library.list(), key=lambda a: a.length)
    _, text = services.library.get(info.id)
    document = services.annotator.annotate(text)
    lookups = Lookups(dictionary=lambda: services.dictionary, pinyin=lambda: services.pinyin,
                      glossary=lambda: services.glossary)
    with tempfile.TemporaryDirectory() as folder:
        flashcards = Flashcards(Path(folder) / "cards.sqlite3", lookups)
        started = time.perf_counter()
        added, already = flashcards.save_glossary(document, info)
        first = (time.perf_counter() - started) * 1000
        again = median_ms(lambda: flashcards.save_glossary(document, info), 5)
        print(f"flashcards: save glossary of {info.id} ({info.length:,} chars): {added} terms "
              f"added in {first:.0f} ms; again (all {added} already saved) {again:.0f} ms")
        words = [i for i in document.word_indices()][:400:20]
        per_word = median_ms(lambda: [flashcards.save_word(document, i, info) for i in words],
                              3) / len(words)
        print(f"flashcards: save one word with its sentence (popup S): {per_word:.1f} ms median")
        deck = flashcards.store.decks()[0].name
        for fmt in ("apkg", "csv", "pleco"):
            target = Path(folder) / f"out.{fmt}"
            ms = median_ms(lambda f=fmt, t=target: flashcards.export(deck, f, t), 3)
            print(f"flashcards: export {flashcards.store.deck(deck).note_count} notes as "
                  f"{fmt}: {ms:.0f} ms ({target.stat().st_size:,} bytes)")
        note = flashcards.review.next()
        ms = median_ms(lambda: (flashcards.review.due_counts(), flashcards.review.next(),
                                 flashcards.review.preview(note.id)), 20)
        print(f"flashcards: due counts + next card + interval preview: {ms:.1f} ms")
        flashcards.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
