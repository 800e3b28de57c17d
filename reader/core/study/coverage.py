"""An article's running words and how much of them the reader knows.

`ArticleWords.of(document)` walks the tokens once (column arrays, no Token objects) and
keeps the Han words by Simplified form with their counts. Excluded, and said so in every
report: names (the people layer), numbers, punctuation, Latin text, and words the reader
marked ignored. `coverage(words, statuses)` then needs only the distinct words, so a status
change recomputes it in well under a millisecond, without re-annotating anything.

The article's level is the lowest HSK 3.0 level at which 95 % of its running words are
covered (a word not in the word list counts at its highest character level; past 7–9 the
level is None).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from reader.core.study.hsk import LEVELS, Hsk
from reader.core.study.store import Status
from reader.core.text.document import Document, Kind

THRESHOLD = 0.95
EXCLUDED_NOTE = "names, numbers, punctuation, Latin text and ignored words are not counted"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def name_tokens(document: Document) -> frozenset[int]:
    """Token indices inside a person's name (the people layer)."""
    out: set[int] = set()
    for span in document.layers.get("people", ()):
        first = document.token_index_at(span.start)
        last = document.token_index_at(max(span.start, span.end - 1))
        if first is not None and last is not None:
            out.update(range(first, last + 1))
    return frozenset(out)


@dataclass
class ArticleWords:
    """The counted words of one document: Simplified form → running count, first token."""

    counts: dict[str, int]
    first: dict[str, int]
    names: frozenset[int] = frozenset()
    excluded: dict[str, int] = field(default_factory=dict)
    _keys: dict[int, str] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, document: Document) -> ArticleWords:
        names = name_tokens(document)
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        keys: dict[int, str] = {}
        excluded = {"names": 0, "numbers": 0, "latin": 0, "punctuation": 0}
        simp = document.simplified
        starts, kinds = document.token_columns()
        han = _HAN.search
        word_kind, number, latin, punct = Kind.WORD, Kind.NUMBER, Kind.LATIN, Kind.PUNCTUATION
        for index in range(len(kinds)):
            kind = kinds[index]
            if kind == word_kind:
                word = simp[starts[index]:starts[index + 1]]
                if not han(word):
                    continue
                if index in names:
                    excluded["names"] += 1
                    continue
                keys[index] = word
                if word in counts:
                    counts[word] += 1
                else:
                    counts[word] = 1
                    first[word] = index
            elif kind == number:
                excluded["numbers"] += 1
            elif kind == latin:
                excluded["latin"] += 1
            elif kind == punct:
                excluded["punctuation"] += 1
        return cls(counts, first, names, excluded, keys)

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> ArticleWords:
        """Rebuilt from cached counts (library rows): no token positions."""
        counts = dict(counts)
        return cls(counts, {w: i for i, w in enumerate(counts)})

    def word_at(self, index: int) -> str | None:
        """The counted word at token `index` (None: a name, number, punctuation, Latin...)."""
        return self._keys.get(index)

    def positions(self) -> dict[int, str]:
        """Token index → counted word, for every counted token."""
        return self._keys

    def is_name(self, index: int) -> bool:
        return index in self.names

    @property
    def running(self) -> int:
        return sum(self.counts.values())


def token_status(document: Document, index: int, words: ArticleWords,
                 statuses: Mapping[str, Status],
                 listed: Mapping[str, int] | None = None) -> Status | None:
    """The status a token shows: explicit, else ignored for names and numbers, else known
    when composed of known words (with `listed`, the HSK word list), else new.

    None for punctuation and spaces (they have none)."""
    kind = document.kind(index)
    if kind in (Kind.PUNCTUATION, Kind.SPACE):
        return None
    start, end = document.span(index)
    word = document.simplified[start:end]
    key = word.casefold() if kind is Kind.LATIN else word
    found = statuses.get(key)
    if found is not None:
        return found
    if kind is Kind.NUMBER or words.is_name(index):
        return Status.IGNORED
    if listed is not None and kind is Kind.WORD and composed_of_known(key, statuses, listed):
        return Status.KNOWN
    return Status.NEW


def composed_of_known(word: str, statuses: Mapping[str, Status], listed: Mapping[str, int]) -> bool:
    """Whether an unlisted word of 2–4 characters splits wholly into known words (一个, 两年,
    很多: jieba keeps them whole, a reader who knows 一 and 个 knows them). Words in the
    HSK word list are graded as words and never derived."""
    if not 2 <= len(word) <= 4 or word in listed:
        return False
    known = Status.KNOWN
    reach = [True] + [False] * len(word)  # reach[i]: word[:i] splits into known pieces
    for end in range(1, len(word) + 1):
        for start in range(end):
            if reach[start] and (end - start) < len(word) and statuses.get(word[start:end]) is known:
                reach[end] = True
                break
    return reach[-1]


def effective_status(word: str, statuses: Mapping[str, Status],
                     listed: Mapping[str, int]) -> Status:
    """The explicit status, else known when composed of known words, else new."""
    found = statuses.get(word)
    if found is not None:
        return found
    return Status.KNOWN if composed_of_known(word, statuses, listed) else Status.NEW


@dataclass(frozen=True)
class Profile:
    """What does not depend on the reader: HSK histogram and the article's level."""

    histogram: dict[str, int]  # "1".."7" and "none" → distinct words
    level: int | None


def profile(words: ArticleWords, hsk: Hsk) -> Profile:
    histogram = {str(level): 0 for level in LEVELS["3.0"]}
    histogram["none"] = 0
    by_grade: dict[int, int] = {}
    beyond = 0
    for word, count in words.counts.items():
        own = hsk.level(word)
        histogram[str(own) if own else "none"] += 1
        graded = own or hsk.char_level(word)
        if graded is None:
            beyond += count
        else:
            by_grade[graded] = by_grade.get(graded, 0) + count
    total = words.running
    level = None
    if total:
        covered = 0
        for lv in LEVELS["3.0"]:
            covered += by_grade.get(lv, 0)
            if covered >= THRESHOLD * total:
                level = lv
                break
    return Profile(histogram, level)


@dataclass(frozen=True)
class Coverage:
    """How much of an article the reader knows."""

    running: int  # running words counted (names, numbers... and ignored words excluded)
    known: int  # of them, known
    ignored: int  # running words left out because the reader ignores them
    unknown: tuple[str, ...]  # distinct new or learning words, most frequent first

    @property
    def percent(self) -> float:
        return round(100.0 * self.known / self.running, 1) if self.running else 100.0


def coverage(words: ArticleWords, statuses: Mapping[str, Status],
             general: Mapping[str, int] | None = None,
             listed: Mapping[str, int] | None = None) -> Coverage:
    """Coverage of `words` given explicit `statuses` (absent: new, or known when composed of
    known words and not in `listed`, the HSK word list)."""
    running = known = ignored = 0
    unknown: list[str] = []
    ignored_status, known_status = Status.IGNORED, Status.KNOWN
    get = statuses.get
    for word, count in words.counts.items():
        status = get(word)
        if status is None and listed is not None and composed_of_known(word, statuses, listed):
            status = known_status
        if status is ignored_status:
            ignored += count
            continue
        running += count
        if status is known_status:
            known += count
        else:
            unknown.append(word)
    general = general or {}
    counts, first = words.counts, words.first
    unknown.sort(key=lambda w: (-counts[w], -general.get(w, 0), first.get(w, 0)))
    return Coverage(running, known, ignored, tuple(unknown))
