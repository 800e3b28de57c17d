"""Look up anything the reader types: glossary, people and CC-CEDICT together, ranked.

Chinese in either script, pinyin with or without tones or spaces, or English. The same
`search()` answers the window's Dictionary tab (as you type) and the `lookup` command.
Ranking: exact headwords before prefixes before English matches; at equal quality the
glossary first, then people, then CC-CEDICT (most common words first).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.text.dictionary import Entry, pinyin_key
from reader.core.text.find import parse_pinyin
from reader.core.text.pinyin_marks import to_tone_marks
from reader.core.text.scripts import convert_keep_length

EXACT, PREFIX, OTHER, GUESS = 0, 1, 2, 3  # GUESS: the start of a reading, not pinyin yet
SOURCE_ORDER = {"glossary": 0, "person": 1, "dictionary": 2}
ENGLISH_ORDER = {"dictionary": 0, "person": 1, "glossary": 2}  # matches inside a meaning
MAX_QUERY = 100
MAX_RESULTS = 40
MIN_ENGLISH = 3  # letters before English meanings are searched
MIN_PREFIX = 3  # letters before readings that only begin with the query are searched


@dataclass(frozen=True)
class LookupResult:
    """One result: where it comes from, its headword, reading and a one-line meaning."""

    source: str  # glossary | person | dictionary
    simplified: str
    traditional: str
    pinyin_numbers: str
    summary: str
    quality: int = OTHER
    item: object = field(default=None, compare=False, repr=False)  # the Entry / Person

    @property
    def pinyin(self) -> str:
        if not any(ch.isdigit() for ch in self.pinyin_numbers):
            return self.pinyin_numbers  # already written with marks (a person's name)
        return to_tone_marks(self.pinyin_numbers.lower().replace("u:", "ü"))

    def to_json(self) -> dict:
        return {"source": self.source, "simplified": self.simplified,
                "traditional": self.traditional, "pinyin": self.pinyin,
                "pinyin_numbers": self.pinyin_numbers, "summary": self.summary,
                "match": ("exact", "prefix", "meaning", "reading-start")[self.quality]}

    def line(self) -> str:
        """One line for the command line."""
        head = self.simplified if self.traditional in ("", self.simplified) else (
            f"{self.simplified} [{self.traditional}]")
        reading = f"  {self.pinyin}" if self.pinyin_numbers else ""
        return f"[{self.source}] {head}{reading}  {self.summary}"


def _has_han(text: str) -> bool:
    return any(ord(ch) > 0x2E80 for ch in text)


def search(query: str, dictionary, glossary=None, people=None,
           limit: int = MAX_RESULTS) -> list[LookupResult]:
    """Ranked results for `query` from every source given (None sources are skipped)."""
    query = " ".join(query.split())[:MAX_QUERY]
    if not query:
        return []
    results: list[LookupResult] = []
    if glossary is not None:
        results += _glossary(query, glossary)
    if people is not None:
        results += _people(query, people)
    if dictionary is not None:
        results += _dictionary(query, dictionary)
    seen: set[tuple] = set()
    ranked = []
    for position, result in enumerate(results):
        key = (result.source, result.simplified, result.traditional,
               result.pinyin_numbers.lower())
        if key not in seen:
            seen.add(key)
            order = ENGLISH_ORDER[result.source] if result.quality == OTHER else (
                SOURCE_ORDER[result.source])
            ranked.append(((result.quality, order, position), result))
    ranked.sort(key=lambda pair: pair[0])
    return [result for _, result in ranked[:limit]]


def _quality(candidates, query: str) -> int | None:
    folded = query.casefold()
    names = [c.casefold() for c in candidates if c]
    if folded in names:
        return EXACT
    if any(n.startswith(folded) for n in names):
        return PREFIX
    return None


def _glossary(query: str, glossary) -> list[LookupResult]:
    from reader.core.glossary.lookup_index import glossary_index

    index = glossary_index(glossary)
    wanted = convert_keep_length(query, "t2s") if _has_han(query) else query
    qualities = index.by_surface(wanted, EXACT, PREFIX)
    if not _has_han(query) and len(query) >= 3:
        words = re.compile(r"\b" + re.escape(query) + r"\b", re.IGNORECASE)
        for i in index.by_words(words):
            qualities.setdefault(i, OTHER)
    out = []
    for i in sorted(qualities):  # the glossary's own order, as before
        entry = index.entries[i]
        summary = (f"({entry.expansion}) " if entry.expansion else "") + entry.en
        out.append(LookupResult("glossary", entry.term, convert_keep_length(entry.term, "s2t")
                                if _has_han(entry.term) else entry.term, "", summary,
                                qualities[i], entry))
    return out


def _people(query: str, people) -> list[LookupResult]:
    han = _has_han(query)
    wanted = convert_keep_length(query, "t2s") if han else query
    key = pinyin_key(query) if not han else ""
    out = []
    for person in people.people():
        if han:
            quality = _quality(person.all_names(), wanted)
        else:
            quality = _quality([person.english, *[a for a in person.aliases if a.isascii()]],
                               query)
            if quality is None and key and pinyin_key(person.pinyin) == key:
                quality = EXACT
        if quality is not None:
            summary = ", ".join(x for x in (person.english, person.role, person.organisation) if x)
            out.append(LookupResult("person", person.name, person.name_in(True),
                                    person.pinyin, summary, quality, person))
    return out


def _dictionary(query: str, dictionary) -> list[LookupResult]:
    entries: list[tuple[int, Entry]] = [(EXACT, e) for e in dictionary.lookup(query)]
    if _has_han(query):
        entries += [(PREFIX, e) for e in dictionary.lookup_prefix(
            convert_keep_length(query, "t2s"), 20)]
    else:
        entries += _by_reading(query, dictionary)
        if len(query) >= MIN_ENGLISH:  # 't', 'to': thousands of senses, no use as you type
            entries += [(OTHER, e) for e in dictionary.lookup_english(query, 25)]
    return [LookupResult("dictionary", e.simplified, e.traditional, e.pinyin_numbers,
                         "; ".join(e.senses[:3]), quality, e) for quality, e in entries]


def _by_reading(query: str, dictionary) -> list[tuple[int, Entry]]:
    """Entries read as `query` (exact when the whole reading matches, with its tones if
    any were typed), then readings it begins ('tengx' is on its way to tengxun)."""
    key = pinyin_key(query)
    if not key or not all(ch.isascii() or ch.isalpha() or ch in "12345 '" for ch in query):
        return []
    syllables = parse_pinyin(query)
    tones = "".join(t for _, t in syllables) if syllables else ""
    if len(key) < MIN_PREFIX and not syllables:
        return []  # 's', 'zh': ten thousand readings begin so, none worth showing yet
    out = []
    found = dictionary.lookup_pinyin(query, 40) if len(key) < MIN_PREFIX else (
        dictionary.lookup_pinyin_prefix(query, 40))
    for entry in found:
        exact = pinyin_key(entry.pinyin_numbers) == key
        if exact and tones and not _tones_match(entry.pinyin_numbers, syllables):
            exact = False
        out.append((EXACT if exact else PREFIX if syllables else GUESS, entry))
    return out


def _tones_match(numbered: str, syllables) -> bool:
    read = numbered.split()
    if len(read) != len(syllables):
        return False
    return all(not tone or r[-1:] == tone for r, (_, tone) in zip(read, syllables, strict=True))


def draft(result: LookupResult):
    """A flashcard draft for a result (saved without a sentence: it was looked up)."""
    from reader.core.flashcards.notes import (
        MEANING_DICTIONARY,
        MEANING_GLOSSARY,
        MEANING_PERSON,
        NoteDraft,
    )

    kind, source = {"glossary": ("term", MEANING_GLOSSARY), "person": ("person", MEANING_PERSON),
                    "dictionary": ("word", MEANING_DICTIONARY)}[result.source]
    numbers = result.pinyin_numbers.lower().replace("u:", "ü") if result.source == "dictionary" \
        else ""
    return NoteDraft(simplified=result.simplified, traditional=result.traditional,
                     pinyin=result.pinyin, pinyin_numbers=numbers, meaning=result.summary,
                     meaning_source=source, kind=kind)
