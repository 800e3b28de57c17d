"""One open article seen through the reader's statuses: what gets pinyin, what is tinted,
coverage and the study list, all recomputed from the distinct words when a status changes
(no re-annotation; a few milliseconds for a long article).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.study.coverage import (
    ArticleWords,
    Coverage,
    Profile,
    composed_of_known,
    profile,
    splits_into,
    token_status,
)
from reader.core.study.store import Status
from reader.core.text.document import Document, Kind

_NO_STATUS = (int(Kind.PUNCTUATION), int(Kind.SPACE))
UNKNOWN = (Status.NEW, Status.LEARNING)
TINTS = ("off", "unknown", "hsk1", "hsk2", "hsk3", "hsk4", "hsk5", "hsk6")


@dataclass(frozen=True)
class StudyRow:
    """One unknown word of the article for the study list."""

    word: str  # Simplified
    count: int  # in this article
    general: int  # jieba's dictionary count (0: not listed)
    hsk: int | None
    status: Status
    first_index: int  # token index of the first occurrence


class ArticleStudy:
    """Statuses applied to one document (see the module doc)."""

    def __init__(self, document: Document, study, words: ArticleWords | None = None) -> None:
        self.document = document
        self.study = study
        self.words = words if words is not None else ArticleWords.of(document)
        self.listed = study.hsk.words()
        self._statuses, self._sets = study.store.snapshot_sets()
        self._effective: dict[str, Status] = {}
        self._coverage: Coverage | None = None
        self._rows: list[StudyRow] | None = None
        self._profile: Profile | None = None
        self._kinds = document.token_columns()[1]

    def statuses_changed(self, words: Iterable[str] | None = None) -> None:
        """Re-read the statuses after a change of `words` (None: any); coverage follows.

        Only the answers that can depend on those words are forgotten: the words
        themselves and the words containing them (a compound's derived status)."""
        self._statuses, self._sets = self.study.store.snapshot_sets()
        self._coverage = self._rows = None
        if words is None:
            self._effective = {}
            return
        changed = [w for w in words if w]
        effective = self._effective
        for word in [w for w in effective if any(c in w for c in changed)]:
            del effective[word]

    def stale(self) -> bool:
        """Whether the statuses changed since this article last read them."""
        return self.study.store.snapshot_sets()[0] is not self._statuses

    # -- per word -------------------------------------------------------------------------
    def status_of_word(self, word: str) -> Status:
        """Explicit status, else known when composed of known words, else new."""
        found = self._effective.get(word)
        if found is None:
            found = self._statuses.get(word)
            if found is None:
                found = (Status.KNOWN if composed_of_known(word, self._statuses, self.listed)
                         else Status.NEW)
            self._effective[word] = found
        return found

    def status_at(self, index: int) -> Status | None:
        """The status token `index` shows (names and numbers: ignored unless set)."""
        word = self.words.word_at(index)
        if word is not None:
            return self.status_of_word(word)
        kind = self._kinds[index]
        if kind in _NO_STATUS:
            return None
        return token_status(self.document, index, self.words, self._statuses, self.listed)

    def needs_ruby(self, index: int) -> bool:
        """Pinyin in "only words I don't know" mode: counted words that are new or learning."""
        word = self.words.word_at(index)
        return word is not None and self.status_of_word(word) in UNKNOWN

    def word_at(self, index: int) -> str:
        """The Simplified form of token `index` (any kind)."""
        start, end = self.document.span(index)
        return self.document.simplified[start:end]

    # -- whole article ----------------------------------------------------------------------
    def coverage(self) -> Coverage:
        if self._coverage is None:
            self._coverage = self._count()
        return self._coverage

    def _count(self) -> Coverage:
        """Coverage with set operations over the distinct words (C loops); only words with
        no status of their own are looked at one by one (are they made of known words?).
        Unknown words are ordered by count here; `rows()` breaks ties by general frequency."""
        counts, sets = self.words.counts, self._sets
        words = self.words.keyset
        known_set = sets[Status.KNOWN]
        known_words = words & known_set
        ignored_words = words & sets[Status.IGNORED]
        rest = words.difference(self._statuses)  # no status of their own
        composed = set()
        if known_set:  # unlisted words of 2–4 characters made of known words
            for word in rest.difference(self.listed):
                n = len(word)
                if n == 2:  # most: both characters known (splits_into, inlined)
                    if word[0] in known_set and word[1] in known_set:
                        composed.add(word)
                elif 2 < n <= 4 and splits_into(word, known_set):
                    composed.add(word)
        count = counts.__getitem__
        known = sum(map(count, known_words)) + sum(map(count, composed))
        ignored = sum(map(count, ignored_words))
        running = sum(counts.values()) - ignored
        known_or_ignored = known_words | ignored_words | composed
        unknown = [w for w in counts if w not in known_or_ignored]  # in order of first occurrence
        unknown.sort(key=count, reverse=True)  # stable: ties keep that order
        return Coverage(running, known, ignored, tuple(unknown))

    def profile(self) -> Profile:
        if self._profile is None:
            self._profile = profile(self.words, self.study.hsk)
        return self._profile

    def rows(self) -> list[StudyRow]:
        """The unknown words, most frequent in the article first (ties: most common first);
        kept until the statuses change (a worker can compute them before the GUI shows them)."""
        if self._rows is None:
            self._rows = self._list_rows()
        return list(self._rows)

    def _list_rows(self) -> list[StudyRow]:
        counts, first, general = self.words.counts, self.words.first, self.study.general()
        hsk = self.study.hsk
        ordered = sorted(self.coverage().unknown, key=lambda w: (-counts[w], -general.get(w, 0)))
        return [StudyRow(w, counts[w], general.get(w, 0), hsk.level(w), self.status_of_word(w),
                         first[w]) for w in ordered]

    def tint_spans(self, mode: str) -> list[tuple[int, int]]:
        """Base spans to tint: "unknown" (new or learning), "hskN" (above HSK N or not in
        the list; names and numbers never), "off" (none)."""
        if mode not in TINTS:
            raise ValueError(f"unknown tint {mode!r}; use one of {', '.join(TINTS)}")
        if mode == "off":
            return []
        if mode == "unknown":
            def wanted(word: str) -> bool:
                return self.status_of_word(word) in UNKNOWN
        else:
            top, hsk = int(mode[3:]), self.study.hsk

            def wanted(word: str) -> bool:
                level = hsk.level(word)
                return level is None or level > top
        answers: dict[str, bool] = {}
        spans = []
        for index, word in self.words.positions().items():
            ok = answers.get(word)
            if ok is None:
                ok = answers[word] = wanted(word)
            if ok:
                spans.append(self.document.span(index))
        return spans

    def remaining_new(self) -> list[str]:
        """Words still new (not learning, known or ignored): "mark all remaining known"."""
        return [w for w in self.coverage().unknown if self.status_of_word(w) is Status.NEW]

    def paragraphs_with(self, words: Iterable[str]) -> set[int]:
        """Indices of the paragraphs where `words` (or compounds containing them) occur."""
        changed = [w for w in words if w]
        if not changed:
            return set()
        document = self.document
        hit = {w for w in self.words.counts if any(c in w for c in changed)}
        starts = document.token_columns()[0]
        return {document.paragraph_index_at(starts[i])
                for i, w in self.words.positions().items() if w in hit}

    def first_sentence(self, word: str) -> str:
        index = self.words.first.get(word)
        if index is None:
            return ""
        start, end = self.document.sentence_bounds(self.document.span(index)[0])
        return self.document.simplified[start:end].strip()
