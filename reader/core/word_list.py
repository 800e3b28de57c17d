"""The words of a document by frequency, with pinyin, first gloss and first occurrence."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.core.document import Document, Kind
from reader.core.pinyin import to_tone_marks


@dataclass(frozen=True, slots=True)
class WordCount:
    """One distinct word of a document (keyed by its Simplified form)."""

    simplified: str
    pinyin_numbers: str
    count: int
    first_index: int  # token index of the first occurrence
    gloss: str = ""

    @property
    def pinyin(self) -> str:
        return to_tone_marks(self.pinyin_numbers)


def word_list(document: Document, gloss: Callable[[str], str] | None = None) -> list[WordCount]:
    """Distinct Han and Latin words, most frequent first (ties: first seen first).

    Latin words are merged case-insensitively; the reading shown is the first one met.
    `gloss(simplified)` (e.g. `Dictionary.first_gloss`) fills in the English.
    """
    counts: dict[str, list] = {}
    text = document.simplified
    for index in document.word_indices():
        start, end = document.span(index)
        word = text[start:end]
        key = word.casefold() if document.kind(index) is Kind.LATIN else word
        found = counts.get(key)
        if found is None:
            counts[key] = [word, document.pinyin_numbers(index), 1, index]
        else:
            found[2] += 1
    ordered = sorted(counts.values(), key=lambda row: (-row[2], row[3]))
    return [
        WordCount(word, reading, count, first, (gloss(word) or "") if gloss else "")
        for word, reading, count, first in ordered
    ]
