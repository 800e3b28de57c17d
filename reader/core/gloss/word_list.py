"""The words of a document by frequency, with pinyin, a short gloss and first occurrence."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from reader.core.text.document import Document, Kind
from reader.core.text.pinyin_marks import han_char, to_tone_marks
from reader.core.text.scripts import Script, View, convert


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


def reading_with_latin(word: str, pinyin_numbers: str) -> str:
    """The reading of a word mixing Latin and Han ('C端', 'B2B平台'): Latin runs kept as
    written, one syllable per Han character ('C duan1'). Other words: unchanged."""
    syllables = pinyin_numbers.split()
    han_class = han_char()
    is_han = han_class.match
    han = len(han_class.findall(word))
    if not han or han == len(word) or han != len(syllables):
        return pinyin_numbers
    out: list[str] = []
    latin = ""
    next_syllable = iter(syllables)
    for ch in word:
        if is_han(ch) or ch.isspace() or ch in "-·":
            if latin:
                out.append(latin)
                latin = ""
            if is_han(ch):
                out.append(next(next_syllable))
        else:
            latin += ch
    if latin:
        out.append(latin)
    return " ".join(out)


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
        WordCount(word, reading_with_latin(word, reading), count, first,
                  (gloss(word) or "") if gloss else "")
        for word, reading, count, first in ordered
    ]


def glossed_word_list(document: Document, glosser) -> list[WordCount]:
    """`word_list` with the best short gloss of each word, in order of trust: its glossary
    entry, the person it names (both from the document's layers), else the offline
    glosser's (`reader.core.gloss.glosser.Glosser`: the CC-CEDICT sense read and written as in
    context, short glosses for function words, names and compounds)."""
    from_layers: dict[str, str] = {}
    text = document.simplified
    for first, (last, gloss, _source) in sorted(glosser.layer_glosses(document).items()):
        start, end = document.span(first)[0], document.span(last)[1]
        from_layers.setdefault(text[start:end].casefold(), gloss)
    traditional_original = document.script is Script.TRADITIONAL
    out = []
    for word in word_list(document):
        gloss = from_layers.get(word.simplified.casefold())
        if gloss is None:
            if traditional_original:  # as the author wrote it: 雲 is a cloud, 云 may say
                t0, t1 = document.span(word.first_index, View.ORIGINAL)
                traditional = document.original[t0:t1]
            else:
                traditional = convert(word.simplified, "s2t")
            gloss = glosser.gloss_word(word.simplified, document.pinyin_numbers(word.first_index),
                                       traditional)[0]
        out.append(replace(word, gloss=gloss))
    return out
