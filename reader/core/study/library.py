"""Article difficulty for library rows: word counts cached on disk, coverage from them.

Counting an article's words needs its annotation (segmentation, names), so the counts are
kept in a rebuildable cache (`cache_dir()/study_counts.sqlite3`), keyed by article id and a
digest of its text; coverage from cached counts takes well under a millisecond per
article, so all rows are re-scored whenever a status changes.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from reader.core.study.coverage import ArticleWords, coverage, profile

SCHEMA = """CREATE TABLE IF NOT EXISTS counts (
    article_id TEXT PRIMARY KEY, digest TEXT NOT NULL, counts TEXT NOT NULL, level INTEGER)"""


@dataclass(frozen=True)
class Difficulty:
    """What a library row shows before the article is opened."""

    coverage: float  # % of running words known
    unknown: int  # distinct words not known
    level: int | None  # HSK 3.0 level covering 95 % of the words (7: 7–9; None: beyond)

    def sort_key(self) -> tuple:
        """Easiest first: most known, fewest unknown words, lowest level."""
        return (-self.coverage, self.unknown, self.level or 8)


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


class CountsCache:
    """Word counts and HSK level per article; a damaged cache is simply rebuilt."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
            con.execute(SCHEMA)
            return con
        except sqlite3.DatabaseError:  # a cache: rebuild it
            self.path.unlink(missing_ok=True)
            con = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
            con.execute(SCHEMA)
            return con

    def get(self, article_id: str, text_digest: str) -> tuple[dict[str, int], int | None] | None:
        with self._lock:
            row = self._con.execute("SELECT digest, counts, level FROM counts WHERE article_id = ?",
                                    (article_id,)).fetchone()
        if row is None or row[0] != text_digest:
            return None
        return json.loads(row[1]), row[2]

    def put(self, article_id: str, text_digest: str, counts: dict[str, int],
            level: int | None) -> None:
        with self._lock, self._con:
            self._con.execute("INSERT OR REPLACE INTO counts VALUES (?, ?, ?, ?)",
                              (article_id, text_digest, json.dumps(counts, ensure_ascii=False),
                               level))

    def close(self) -> None:
        with self._lock:
            self._con.close()


class LibraryDifficulty:
    """Counts (cached, else annotated) and difficulty of library articles."""

    def __init__(self, cache: CountsCache, annotator, study) -> None:
        self.cache = cache
        self.annotator = annotator  # callable → Annotator (built on first use)
        self.study = study
        self._counts: dict[str, tuple[dict[str, int], int | None]] = {}

    def counts(self, article_id: str, text: str) -> tuple[dict[str, int], int | None]:
        """(word counts, HSK level) of an article: memory, disk cache, else annotation."""
        found = self._counts.get(article_id)
        if found is None:
            key = digest(text)
            found = self.cache.get(article_id, key)
            if found is None:
                words = ArticleWords.of(self.annotator().annotate(text))
                found = (words.counts, profile(words, self.study.hsk).level)
                self.cache.put(article_id, key, *found)
            self._counts[article_id] = found
        return found

    def known(self, article_id: str) -> bool:
        """Whether the counts are in memory (scoring needs no annotation)."""
        return article_id in self._counts

    def score(self, article_id: str) -> Difficulty | None:
        """Difficulty from the counts in memory under the current statuses."""
        found = self._counts.get(article_id)
        if found is None:
            return None
        counts, level = found
        cov = coverage(ArticleWords.from_counts(counts), self.study.store.snapshot(), None,
                       self.study.hsk.words())
        return Difficulty(cov.percent, len(cov.unknown), level)

    def score_all(self) -> dict[str, Difficulty]:
        statuses, listed = self.study.store.snapshot(), self.study.hsk.words()
        out = {}
        for article_id, (counts, level) in list(self._counts.items()):
            cov = coverage(ArticleWords.from_counts(counts), statuses, None, listed)
            out[article_id] = Difficulty(cov.percent, len(cov.unknown), level)
        return out
