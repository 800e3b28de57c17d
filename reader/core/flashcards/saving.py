"""Turning what the reader points at into notes: a word with its sentence, or an
article's whole glossary (and optionally its people).

A word inside a glossary term is saved as that term (its canonical spelling, so To B,
ToB and 2B are one note) with the glossary's explanation as its meaning; other words get
the CC-CEDICT senses of the reading used in the text. The sentence comes from
`Document.sentence_bounds`, in the Simplified and Traditional views, with the word's
place in each so it can be highlighted.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reader.core.flashcards.notes import (
    MEANING_DICTIONARY,
    MEANING_GLOSSARY,
    MEANING_PERSON,
    NoteDraft,
    SaveResult,
    SentenceDraft,
    word_key,
)
from reader.core.flashcards.store import FlashcardStore
from reader.core.library.corpus import ArticleInfo
from reader.core.text.document import Document, Span
from reader.core.text.pinyin_marks import has_han, to_tone_marks
from reader.core.text.scripts import View, convert

MAX_SENTENCE = 240  # characters; longer sentences are cut around the word
DEFAULT_DECK = "Unsorted"


def _attr(obj: Any, *names: str, default: Any = "") -> Any:
    """The first present, non-empty attribute (or mapping key) of `obj`."""
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value:
            return value
    return default


_SEE = re.compile(r"^see (?:also )?([^|\[\s]+)(?:\|([^\[\s]+))?(?:\[[^\]]*\])?$")


def _reading_key(numbers: str) -> str:
    return "".join(numbers.lower().replace("u:", "ü").replace("v", "ü").split())


def deck_name_for(article: ArticleInfo | None) -> str:
    """The deck an article's words go to by default: its title (or id)."""
    if article is None:
        return DEFAULT_DECK
    name = " ".join((article.title or article.id or "").split())
    return name[:120] or DEFAULT_DECK


@dataclass(frozen=True)
class Lookups:
    """Where meanings and readings come from; each is called only when needed.

    `glossary` and `people` may return None (the feature is absent); the glossary has
    `get(entry_id)` giving an entry with `.term`, `.en`, `.zh` (and maybe `.expansion`,
    `.category`); people has `person(person_id)` giving a person with `.name`,
    `.traditional`, `.pinyin`, `.english`, `.role`, `.organisation`.
    """

    dictionary: Callable[[], Any]
    pinyin: Callable[[], Any] | None = None
    glossary: Callable[[], Any] | None = None
    people: Callable[[], Any] | None = None


class Saver:
    """Builds note drafts from a document and saves them into a `FlashcardStore`."""

    def __init__(self, store: FlashcardStore, lookups: Lookups) -> None:
        self.store = store
        self.lookups = lookups

    # -- sentences -------------------------------------------------------------------
    def sentence(self, document: Document, start: int, end: int,
                 article: ArticleInfo | None) -> SentenceDraft:
        """The sentence around base range [start, end) in both scripts, the word located."""
        s0, s1 = document.sentence_bounds(start)
        s1 = max(s1, end)
        if s1 - s0 > MAX_SENTENCE:
            s0 = max(s0, start - MAX_SENTENCE // 2)
            s1 = min(s1, max(end, s0 + MAX_SENTENCE))
            s0 = document.span(document.token_index_at(s0) or 0)[0]
            last = document.token_index_at(max(s0, s1 - 1))
            s1 = document.span(last)[1] if last is not None else s1
        out = {}
        for view in (View.SIMPLIFIED, View.TRADITIONAL):
            text = document.text(view)
            v0, v1 = document.to_view_offset(s0, view), document.to_view_offset(s1, view)
            w0, w1 = document.to_view_offset(start, view), document.to_view_offset(end, view)
            sentence = text[v0:v1].rstrip()
            trim = len(sentence) - len(sentence.lstrip())
            out[view] = (sentence.strip(), (w0 - v0 - trim, w1 - v0 - trim))
        return SentenceDraft(
            simplified=out[View.SIMPLIFIED][0], traditional=out[View.TRADITIONAL][0],
            simplified_range=out[View.SIMPLIFIED][1], traditional_range=out[View.TRADITIONAL][1],
            article_id=article.id if article else "", article_title=deck_name_for(article)
            if article else "")

    # -- drafts ----------------------------------------------------------------------
    def _span_reading(self, document: Document, start: int, end: int) -> str:
        first = document.token_index_at(start)
        if first is None:
            return ""
        readings, index = [], first
        while index < len(document) and document.span(index)[0] < end:
            if document.pinyin_numbers(index):
                readings.append(document.pinyin_numbers(index))
            index += 1
        return " ".join(readings)

    def _reading(self, word: str) -> str:
        """Tone-number pinyin of a word out of context (for canonical terms and names)."""
        if self.lookups.pinyin is None or not has_han(word):
            return ""
        return self.lookups.pinyin().read(word, [(0, len(word))])[0]

    def dictionary_meaning(self, word: str, reading: str) -> tuple[str, str]:
        """(meaning, pinyin numbers) from CC-CEDICT, preferring the reading used."""
        entries = self.lookups.dictionary().lookup(word)
        if not entries:
            return "", reading
        wanted = _reading_key(reading)
        matching = [e for e in entries if _reading_key(e.pinyin_numbers) == wanted]
        if matching:
            senses = [s for e in matching for s in self._senses(e)]
            return "; ".join(dict.fromkeys(senses)), reading
        lines = [f"{e.pinyin}: {'; '.join(self._senses(e))}" for e in entries[:4]]
        numbers = reading or entries[0].pinyin_numbers.replace("u:", "ü")
        return "\n".join(lines), numbers

    def _senses(self, entry) -> list[str]:
        """An entry's senses, with 'see X' references replaced by X's senses."""
        out = []
        for sense in entry.senses:
            match = _SEE.match(sense)
            if match is None:
                out.append(sense)
                continue
            target = match.group(2) or match.group(1)
            referred = [s for e in self.lookups.dictionary().lookup(target) for s in e.senses
                        if not _SEE.match(s)]
            out.append(f"{'; '.join(referred)} ({target})" if referred else sense)
        return out

    def word_draft(self, document: Document, token_index: int,
                   article: ArticleInfo | None) -> NoteDraft:
        """A draft for the token at `token_index` (a glossary term if it is inside one)."""
        if not 0 <= token_index < len(document):
            raise ValueError("no word there")
        token = document.token(token_index, View.SIMPLIFIED)
        if not token.is_word:
            raise ValueError(f"{token.text!r} is not a word")
        start, end = document.span(token_index)
        for layer, builder in (("glossary", self.glossary_draft), ("people", self.person_draft)):
            for span in document.layers.get(layer, ()):
                if span.start <= start < span.end:
                    draft = builder(document, span, article)
                    if draft is not None:
                        return draft
        trad_token = document.token(token_index, View.TRADITIONAL)
        meaning, numbers = self.dictionary_meaning(token.simplified, token.pinyin_numbers)
        return NoteDraft(
            simplified=token.simplified, traditional=trad_token.text, pinyin=to_tone_marks(numbers),
            pinyin_numbers=numbers, meaning=meaning,
            meaning_source=MEANING_DICTIONARY if meaning else "",
            sentence=self.sentence(document, start, end, article), kind="word")

    def glossary_draft(self, document: Document, span: Span,
                       article: ArticleInfo | None) -> NoteDraft | None:
        """A draft for a glossary hit: canonical term, glossary explanation as meaning."""
        entry = self._glossary_entry(span)
        text = document.simplified[span.start:span.end]
        term = str(_attr(entry, "term", default="") or _attr(span.data, "term", default="") or text)
        simplified = convert(term, "t2s")
        traditional = str(_attr(entry, "traditional", default="")) or convert(simplified, "s2t")
        en = str(_attr(entry, "en", "english", default="") or _attr(span.data, "en", default=""))
        zh = str(_attr(entry, "zh", "chinese", default="") or _attr(span.data, "zh", default=""))
        expansion = str(_attr(entry, "expansion", default="") or "")
        lines = [line for line in (expansion, en, zh) if line]
        numbers = str(_attr(entry, "pinyin_numbers", default=""))
        if not numbers:
            numbers = (self._span_reading(document, span.start, span.end) if text == simplified
                       else self._reading(simplified))
        if not lines:  # a glossary hit without an explanation: fall back to the dictionary
            meaning, numbers = self.dictionary_meaning(simplified, numbers)
            source = MEANING_DICTIONARY if meaning else ""
        else:
            meaning, source = "\n".join(lines), MEANING_GLOSSARY
        category = str(_attr(entry, "category", default="") or _attr(span.data, "category",
                                                                     default=""))
        tags = ("glossary", category) if category else ("glossary",)
        w0, w1 = saved_word_span(text, simplified, span.start, span.end)
        return NoteDraft(
            simplified=simplified, traditional=traditional, pinyin=to_tone_marks(numbers),
            pinyin_numbers=numbers, meaning=meaning, meaning_source=source, tags=tags,
            sentence=self.sentence(document, w0, w1, article), kind="term")

    def person_draft(self, document: Document, span: Span,
                     article: ArticleInfo | None) -> NoteDraft | None:
        """A draft for a person mention: canonical name, English name and role as meaning."""
        person = None
        people = self.lookups.people() if self.lookups.people else None
        find = getattr(people, "person", None) or getattr(people, "get", None)
        if find is not None:
            try:
                person = find(span.key)
            except (KeyError, LookupError):
                person = None
        data = person if person is not None else span.data
        text = document.simplified[span.start:span.end]
        name = str(_attr(data, "simplified", "name", default="") or text)
        simplified = convert(name, "t2s")
        traditional = str(_attr(data, "traditional", default="")) or convert(simplified, "s2t")
        numbers = str(_attr(data, "pinyin_numbers", default=""))
        if not numbers:
            numbers = (self._span_reading(document, span.start, span.end) if text == simplified
                       else self._reading(simplified))
        pinyin = str(_attr(data, "pinyin", default="")) or to_tone_marks(numbers)
        role = str(_attr(data, "role", default=""))
        organisation = str(_attr(data, "organisation", "organization", "org", default=""))
        if organisation and organisation not in role:
            role = f"{role}, {organisation}" if role else organisation
        meaning = "\n".join(str(x) for x in (_attr(data, "english", default=""), role,
                                             _attr(data, "context", default="")) if x)
        return NoteDraft(
            simplified=simplified, traditional=traditional, pinyin=pinyin,
            pinyin_numbers=numbers, meaning=meaning, meaning_source=MEANING_PERSON,
            tags=("person",), sentence=self.sentence(document, span.start, span.end, article),
            kind="person")

    def _glossary_entry(self, span: Span):
        glossary = self.lookups.glossary() if self.lookups.glossary else None
        if glossary is None or not hasattr(glossary, "get"):
            return None
        try:
            return glossary.get(span.key)
        except (KeyError, LookupError):
            return None

    # -- saving ----------------------------------------------------------------------
    def save_word(self, document: Document, token_index: int, article: ArticleInfo | None,
                  deck: str | None = None) -> SaveResult:
        """Save the word at `token_index` with its sentence (deck: the article's by default)."""
        draft = self.word_draft(document, token_index, article)
        return self.store.add(draft, deck or deck_name_for(article))

    def glossary_drafts(self, document: Document, article: ArticleInfo | None,
                        include_people: bool = False) -> list[NoteDraft]:
        """One draft per distinct glossary term (and person) in the document, first hit each."""
        drafts: list[NoteDraft] = []
        keys: set[str] = set()
        layers = [("glossary", self.glossary_draft)]
        if include_people:
            layers.append(("people", self.person_draft))
        for layer, builder in layers:
            seen: set[str] = set()
            for span in sorted(document.layers.get(layer, ()), key=lambda s: s.start):
                if span.key in seen:
                    continue
                seen.add(span.key)
                draft = builder(document, span, article)
                if draft is not None and word_key(draft.simplified) not in keys:
                    keys.add(word_key(draft.simplified))
                    drafts.append(draft)
        return drafts

    def save_glossary(self, document: Document, article: ArticleInfo | None,
                      deck: str | None = None, include_people: bool = False) -> tuple[int, int]:
        """Save every glossary term of the article (one transaction); (added, already saved)."""
        drafts = self.glossary_drafts(document, article, include_people)
        if not drafts:  # nothing to save: no empty deck either
            return 0, 0
        results = self.store.add_many(drafts, deck or deck_name_for(article))
        added = sum(1 for r in results if r.added)
        return added, len(results) - added


def saved_word_span(hit: str, word: str, start: int, end: int) -> tuple[int, int]:
    """Where the saved word is inside a hit at [start, end): a variant like B端市场 holds the
    term B端, and the sentence highlights just that; otherwise the whole hit."""
    at = hit.casefold().find(word.casefold()) if word else -1
    if at < 0 or len(hit.casefold()) != len(hit):
        return start, end
    return start + at, start + at + len(word)
