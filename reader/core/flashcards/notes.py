"""Plain records of the flashcard store: decks, notes, their sentences, due counts.

These are immutable snapshots read from SQLite; changes go through `FlashcardStore`.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

MEANING_GLOSSARY = "glossary"
MEANING_DICTIONARY = "cedict"
MEANING_PERSON = "people"
MEANING_USER = "user"


def word_key(word: str) -> str:
    """The identity of a saved word: NFKC, case-folded, inner whitespace collapsed.

    '腾讯', 'To B', 'to  b' and 'ｔｏ Ｂ' give one key each word, so saving a word twice
    (in any spelling of its case or width) finds the note already there.
    """
    folded = unicodedata.normalize("NFKC", word).casefold()
    return " ".join(folded.split())


@dataclass(frozen=True)
class SentenceDraft:
    """A sentence a word was met in, in both scripts, with the word's place in each."""

    simplified: str
    traditional: str
    simplified_range: tuple[int, int] = (0, 0)
    traditional_range: tuple[int, int] = (0, 0)
    article_id: str = ""
    article_title: str = ""


@dataclass(frozen=True)
class Sentence(SentenceDraft):
    """A stored sentence."""

    id: int = 0
    note_id: int = 0
    created: float = 0.0

    def text(self, traditional: bool) -> str:
        return self.traditional if traditional else self.simplified

    def word_range(self, traditional: bool) -> tuple[int, int]:
        return self.traditional_range if traditional else self.simplified_range


@dataclass(frozen=True)
class NoteDraft:
    """What is needed to save a word: the word, its reading, meaning and where it was met."""

    simplified: str
    traditional: str
    pinyin: str = ""
    pinyin_numbers: str = ""
    meaning: str = ""
    meaning_source: str = ""
    tags: tuple[str, ...] = ()
    sentence: SentenceDraft | None = None
    kind: str = "word"  # word | term | person


@dataclass(frozen=True)
class Note:
    """A saved word with its sentences; one note has exactly one review card."""

    id: int
    deck_id: int
    deck: str
    key: str
    simplified: str
    traditional: str
    pinyin: str
    pinyin_numbers: str
    meaning: str
    meaning_source: str
    tags: tuple[str, ...]
    kind: str
    source: str
    created: float
    modified: float
    sentences: tuple[Sentence, ...] = field(default=())

    def word(self, traditional: bool) -> str:
        return self.traditional if traditional else self.simplified

    @property
    def headword(self) -> str:
        """'腾讯 [騰訊]', or just the word when both scripts agree."""
        if self.simplified == self.traditional:
            return self.simplified
        return f"{self.simplified} [{self.traditional}]"


@dataclass(frozen=True)
class Deck:
    """A named group of notes."""

    id: int
    name: str
    created: float
    note_count: int = 0


@dataclass(frozen=True)
class DueCounts:
    """How many cards of a deck (or of all decks) can be studied now."""

    new: int = 0
    learning: int = 0
    review: int = 0

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


@dataclass(frozen=True)
class SaveResult:
    """The outcome of one save: the note, and whether it was new or already there."""

    note: Note
    added: bool
    sentence_added: bool
