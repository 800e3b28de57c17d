"""Flashcards: words and glossary terms saved while reading, reviewed with FSRS, exported.

    store.py    FlashcardStore: decks, notes, sentences, cards in one SQLite file
    schema.py   the tables, migrations, safe opening (integrity check, move aside)
    saving.py   Saver: a word or an article's glossary -> notes with their sentences
    review.py   Reviewer: due counts, next card, ratings (FSRS)
    export.py   .apkg (genanki), Anki CSV, Pleco text

`Flashcards` bundles them; `Services.flashcards` builds one over `data_dir()`.
"""
from __future__ import annotations

import os
from pathlib import Path

from reader.core.flashcards.export import FORMATS, ExportError, export_notes
from reader.core.flashcards.notes import Deck, DueCounts, Note, NoteDraft, SaveResult
from reader.core.flashcards.review import Reviewer
from reader.core.flashcards.saving import Lookups, Saver, deck_name_for
from reader.core.flashcards.schema import StoreError, take_move_notice
from reader.core.flashcards.store import Deleted, FlashcardStore
from reader.core.library.corpus import ArticleInfo
from reader.core.text.document import Document

DB_NAME = "flashcards.sqlite3"

__all__ = [
    "FORMATS", "Deck", "Deleted", "DueCounts", "ExportError", "FlashcardStore", "Flashcards",
    "Lookups", "Note", "NoteDraft", "Reviewer", "SaveResult", "Saver", "StoreError",
    "deck_name_for",
]


class Flashcards:
    """The flashcard feature's core: store, saving helpers, review and export."""

    def __init__(self, path: Path, lookups: Lookups, new_per_day: int = 20) -> None:
        self.store = FlashcardStore(path)
        self.saver = Saver(self.store, lookups)
        self.review = Reviewer(self.store, new_per_day=new_per_day)

    @property
    def notice(self) -> str:
        """Non-empty when a damaged database was moved aside on open."""
        return self.store.notice

    def take_notice(self) -> str:
        """The notice, once: whoever shows it to the user clears it."""
        pending = take_move_notice(self.store.path)  # also one a crash kept from being seen
        notice, self.store.notice = self.store.notice or pending, ""
        return notice

    def save_word(self, document: Document, token_index: int, article_info: ArticleInfo | None,
                  deck: str | None = None) -> SaveResult:
        return self.saver.save_word(document, token_index, article_info, deck)

    def save_glossary(self, document: Document, article_info: ArticleInfo | None,
                      deck: str | None = None, include_people: bool = False) -> tuple[int, int]:
        return self.saver.save_glossary(document, article_info, deck, include_people)

    def export(self, deck: str | None, fmt: str, path: str | os.PathLike[str],
               romanisation: str = "pinyin") -> int:
        """Export one deck (or every deck when None); returns the number of notes. Readings
        are written in `romanisation` (see reader.core.text.romanize)."""
        if deck is not None:
            found = self.store.deck(deck)
            if found is None:
                raise ExportError(f"no deck called {deck!r}")
            deck = found.name
        return export_notes(self.store.notes(deck), fmt, path, deck, romanisation)
