"""Known words from Anki: the cards of chosen decks say which words the reader knows.

A card whose interval is at least `KNOWN_DAYS` days counts as known; any other card that
has been studied (learning, young review, relearning) as learning; new cards say nothing.
A word with several cards takes its best status. The word is the first chunk of the chosen
field (HTML removed; chunks end at spaces, brackets or punctuation) that holds a Chinese
character, in Simplified: '腾讯[騰訊]' → 腾讯, '3D打印 (3D printing)' → 3D打印.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reader.core.anki.client import AnkiActionError, AnkiConnect, escape_search
from reader.core.anki.records import KNOWN, LEARNING, save_word_statuses
from reader.core.flashcards.store import FlashcardStore
from reader.core.text.pinyin_marks import HAN_RANGES
from reader.core.text.scripts import to_simplified

KNOWN_DAYS = 21
BATCH = 500
_TAG = re.compile(r"<[^>]*>|\[sound:[^\]]*\]")
_HAN = re.compile(f"[{HAN_RANGES}\U00020000-\U0002ffff]")  # and the supplementary planes
_CUT = re.compile(r"[\s\[\](){}（）【】「」<>,，、;；/|:：。.!！?？\"']+")


@dataclass
class KnownImport:
    """The outcome of one import: statuses by word, and what was looked at."""

    statuses: dict[str, str] = field(default_factory=dict)
    cards: int = 0
    skipped: int = 0  # cards whose field held no Chinese word
    fields_seen: set[str] = field(default_factory=set)

    @property
    def known(self) -> int:
        return sum(1 for s in self.statuses.values() if s == KNOWN)

    @property
    def learning(self) -> int:
        return sum(1 for s in self.statuses.values() if s == LEARNING)

    def summary(self) -> str:
        return (f"{self.known} known, {self.learning} learning from {self.cards} cards "
                f"({self.skipped} without a word)")


def search_quote(text: str) -> str:
    """A value quoted for Anki's search syntax (wildcards and quotes escaped)."""
    return f'"{escape_search(text)}"'


def deck_query(decks: Sequence[str]) -> str:
    """Studied cards of any of `decks` (their sub-decks included)."""
    if not decks:
        raise ValueError("choose at least one Anki deck")
    return "(" + " OR ".join(search_quote(f"deck:{d}") for d in decks) + ") -is:new"


def word_in(value: str) -> str:
    """The word a field holds, in Simplified ('' when no chunk has a Chinese character)."""
    for chunk in _CUT.split(html.unescape(_TAG.sub(" ", value))):
        if _HAN.search(chunk):
            return to_simplified(chunk)
    return ""


def card_status(card: dict, known_days: int = KNOWN_DAYS) -> str | None:
    """'known', 'learning', or None for a new (never studied) card."""
    if card.get("type", 0) == 0:
        return None
    return KNOWN if int(card.get("interval", 0)) >= known_days else LEARNING


def fetch_known(client: AnkiConnect, decks: Sequence[str], word_field: str,
                known_days: int = KNOWN_DAYS,
                progress: Callable[[int, int], None] | None = None) -> KnownImport:
    """Read the studied cards of `decks` and classify the word in `word_field` of each."""
    if not word_field.strip():
        raise ValueError("choose the field that holds the word")
    client.version()
    ids = client.invoke("findCards", query=deck_query(decks))
    result = KnownImport()
    for start in range(0, len(ids), BATCH):
        for card in client.invoke("cardsInfo", cards=ids[start:start + BATCH]):
            _take(result, card, word_field, known_days)
        if progress is not None:
            progress(min(start + BATCH, len(ids)), len(ids))
    if result.cards and not result.statuses and word_field not in result.fields_seen:
        raise AnkiActionError(f"no card in those decks has a field {word_field!r} (their "
                              f"fields: {', '.join(sorted(result.fields_seen))})")
    return result


def _take(result: KnownImport, card: dict, word_field: str, known_days: int) -> None:
    fields = card.get("fields") or {}
    result.fields_seen.update(fields)
    result.cards += 1
    status = card_status(card, known_days)
    value = fields.get(word_field, {}).get("value", "")
    word = word_in(value)
    if not word:
        result.skipped += 1
        return
    if status is not None and result.statuses.get(word) != KNOWN:
        result.statuses[word] = status


def import_known(client: AnkiConnect, store: FlashcardStore, decks: Sequence[str],
                 word_field: str, known_days: int = KNOWN_DAYS,
                 progress: Callable[[int, int], None] | None = None) -> KnownImport:
    """Fetch the statuses and replace the ones stored from the last import."""
    result = fetch_known(client, decks, word_field, known_days, progress)
    save_word_statuses(store, result.statuses, store.clock())
    return result


def field_names(client: AnkiConnect, decks: Sequence[str], sample: int = 20) -> list[str]:
    """Field names of some notes in `decks` (to offer in the import dialog)."""
    query = "(" + " OR ".join(search_quote(f"deck:{d}") for d in decks) + ")"
    ids = client.invoke("findNotes", query=query)[:sample]
    names: list[str] = []
    for info in client.invoke("notesInfo", notes=ids) if ids else []:
        for name, _value in sorted((info.get("fields") or {}).items(),
                                  key=lambda item: item[1].get("order", 0)):
            if name not in names:
                names.append(name)
    return names
