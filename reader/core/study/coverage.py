"""An article's running words and how much of them the reader knows.

`ArticleWords.of(document)` counts the document's integer token keys with NumPy (no Token
objects, no slicing per token; one Python step per distinct word) and keeps the Han words
by Simplified form with their counts. Excluded, and said so in every report: names (the
people layer), numbers, punctuation, Latin text, and words the reader marked ignored. `coverage(words, statuses)` then needs only the distinct words, so a status
change recomputes it in well under a millisecond, without re-annotating anything.

The article's level is the lowest HSK 3.0 level at which 95 % of its running words are
covered (a word not in the word list counts at its highest character level; past 7–9 the
level is None).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import compress

import numpy as np

from reader.core.study.hsk import LEVELS, Hsk
from reader.core.study.store import Status
from reader.core.text.document import Document, Kind
from reader.core.text.pinyin_marks import han_char

THRESHOLD = 0.95
POSITIONS_SLICE = 50_000  # tokens per step of `ArticleWords.positions`
EXCLUDED_NOTE = "names, numbers, punctuation, Latin text and ignored words are not counted"


def _name_mask(document: Document) -> np.ndarray:
    """One flag per token: inside a person's name (the people layer)."""
    mask = np.zeros(len(document), dtype=bool)
    spans = document.layers.get("people", ())
    if not spans:
        return mask
    starts = _column(document.token_columns()[0])
    bounds = np.array([(span.start, span.end) for span in spans], dtype=np.int64)
    first, last = bounds[:, 0], np.maximum(bounds[:, 0], bounds[:, 1] - 1)
    inside = (first >= 0) & (last < starts[-1])  # both ends on a token
    first = np.searchsorted(starts, first[inside], "right") - 1
    last = np.searchsorted(starts, last[inside], "right") - 1
    for a, b in zip(first.tolist(), last.tolist(), strict=True):
        mask[a:b + 1] = True
    return mask


def _column(values) -> np.ndarray:
    """A read-only NumPy view of an array.array or bytes (no copy)."""
    if isinstance(values, bytes):
        return np.frombuffer(values, dtype=np.uint8)
    return np.frombuffer(values, dtype=np.dtype(values.typecode))


class ArticleWords:
    """The counted words of one document: Simplified form → running count (in order of first
    occurrence), and, built on first use, each word's first token and each token's word."""

    def __init__(self, counts: dict[str, int], tokens: tuple | None = None,
                 names: np.ndarray | None = None,
                 excluded: dict[str, int] | None = None) -> None:
        self.counts = counts
        self.keyset = frozenset(counts)  # for set operations with the statuses
        self.excluded = excluded or {}
        self._tokens = tokens  # (counted token indices, their keys, key → text)
        self._names = names  # one flag per token
        self._first: dict[str, int] | None = None
        self._positions: dict[int, str] | None = None

    @classmethod
    def of(cls, document: Document) -> ArticleWords:
        """Counted with integer arrays over the document's token keys: no slicing per token,
        one Python step per distinct word."""
        simp = document.simplified
        starts_column, kinds_column = document.token_columns()
        starts, kinds = _column(starts_column), _column(kinds_column)
        keys, texts = document.token_keys()
        keys = _column(keys)
        words = kinds == int(Kind.WORD)
        seen = np.zeros(len(kinds), dtype=bool)
        seen[keys[words]] = True
        distinct = np.flatnonzero(seen)  # keys of the words, in order of first occurrence
        forms = list(map(texts.__getitem__, distinct.tolist()))
        codes = np.frombuffer(simp.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        lead = codes[starts[distinct]]  # each word's first character
        han = (lead >= 0x4E00) & (lead <= 0x9FFF)
        for at in np.flatnonzero(~han).tolist():  # rare: kana, hangul, a Han character later
            han[at] = han_char().search(forms[at]) is not None
        seen[:] = False
        seen[distinct[han]] = True
        counted = words & seen[keys]  # Han words ...
        names = _name_mask(document)
        named = int(np.count_nonzero(counted & names))
        counted &= ~names  # ... not inside a name
        totals = np.bincount(keys[counted], minlength=len(kinds))[distinct]
        present = han & (totals > 0)
        counts = dict(zip(compress(forms, present.tolist()), totals[present].tolist(),
                          strict=True))
        excluded = {"names": named, "numbers": kinds_column.count(int(Kind.NUMBER)),
                    "latin": kinds_column.count(int(Kind.LATIN)),
                    "punctuation": kinds_column.count(int(Kind.PUNCTUATION))}
        indices = np.flatnonzero(counted)
        tokens = (indices, keys[indices], texts)
        return cls(counts, tokens, names, excluded)

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> ArticleWords:
        """Rebuilt from cached counts (library rows): no token positions."""
        return cls(dict(counts))

    @property
    def first(self) -> dict[str, int]:
        """Word → token index of its first occurrence."""
        if self._first is None:
            self._first = {w: i for i, w in reversed(self.positions().items())}
        return self._first

    def word_at(self, index: int) -> str | None:
        """The counted word at token `index` (None: a name, number, punctuation, Latin...)."""
        return self.positions().get(index)

    def positions(self) -> dict[int, str]:
        """Token index → counted word, for every counted token."""
        if self._positions is None:
            self._positions = {}
            if self._tokens is not None:
                indices, keys, texts = self._tokens
                positions, word = self._positions, texts.__getitem__
                # In slices: one C call over a long article's ~0.5M tokens would hold the
                # interpreter lock (and the GUI thread) for ~0.1 s.
                for a in range(0, len(indices), POSITIONS_SLICE):
                    b = a + POSITIONS_SLICE
                    positions.update(zip(indices[a:b].tolist(), map(word, keys[a:b].tolist()),
                                         strict=True))
        return self._positions

    @property
    def names(self) -> frozenset[int]:
        """Token indices inside a person's name."""
        if self._names is None:
            return frozenset()
        return frozenset(np.flatnonzero(self._names).tolist())

    def is_name(self, index: int) -> bool:
        return self._names is not None and bool(self._names[index])

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
    get = statuses.get
    if len(word) == 2:  # most compounds: both characters known words
        return get(word[0]) is known and get(word[1]) is known
    reach = [True] + [False] * len(word)  # reach[i]: word[:i] splits into known pieces
    for end in range(1, len(word) + 1):
        for start in range(end):
            if reach[start] and (end - start) < len(word) and get(word[start:end]) is known:
                reach[end] = True
                break
    return reach[-1]


def splits_into(word: str, known: AbstractSet[str]) -> bool:
    """Whether `word` splits into two or more pieces that are all in `known` (a set: the
    fast form of `composed_of_known` for a whole article's words)."""
    n = len(word)
    if n == 2:
        return word[0] in known and word[1] in known
    if n == 3:
        return ((word[0] in known and (word[1:] in known or (word[1] in known
                                                             and word[2] in known)))
                or (word[:2] in known and word[2] in known))
    if n == 4:  # r_i: word[:i] splits into known pieces (the loop below, unrolled)
        r1 = word[0] in known
        r2 = word[:2] in known or (r1 and word[1] in known)
        r3 = word[:3] in known or (r1 and word[1:3] in known) or (r2 and word[2] in known)
        return (r1 and word[1:] in known) or (r2 and word[2:] in known) or (
            r3 and word[3] in known)
    reach = [True] + [False] * n
    for end in range(1, n + 1):
        for start in range(end):
            if reach[start] and end - start < n and word[start:end] in known:
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
    level_of, char_level = hsk.lookup().get, hsk.char_level
    for word, count in words.counts.items():
        own = level_of(word)
        if own:
            histogram[str(own)] += 1
            by_grade[own] = by_grade.get(own, 0) + count
            continue
        histogram["none"] += 1
        graded = char_level(word)
        if graded is not None:
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
    if listed is None:
        def status_of(word: str) -> Status:
            return statuses.get(word, Status.NEW)
    else:
        def status_of(word: str) -> Status:
            return effective_status(word, statuses, listed)
    return coverage_by(words, status_of, general)


def coverage_by(words: ArticleWords, status_of: Callable[[str], Status],
                general: Mapping[str, int] | None = None) -> Coverage:
    """Coverage given each word's effective status."""
    running = known = ignored = 0
    unknown: list[str] = []
    ignored_status, known_status = Status.IGNORED, Status.KNOWN
    for word, count in words.counts.items():
        status = status_of(word)
        if status is ignored_status:
            ignored += count
            continue
        running += count
        if status is known_status:
            known += count
        else:
            unknown.append(word)
    general = general or {}
    counts = words.counts  # in order of first occurrence: the stable sort keeps it for ties
    unknown.sort(key=lambda w: (-counts[w], -general.get(w, 0)))
    return Coverage(running, known, ignored, tuple(unknown))
