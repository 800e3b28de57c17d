"""Where imported articles live: `data_dir()/library/<id>.txt` plus one SQLite index.

The index (`library.sqlite3`, schema versioned by `PRAGMA user_version`, WAL) holds each
imported article's metadata, the titles users gave bundled articles, and an FTS5 full-text index with the trigram tokenizer
over the *Simplified* form of titles and texts, so a query in either script finds both.

Text files are written atomically before the index row that points at them; a row whose
file is missing is skipped. An index that fails `quick_check` on open is moved aside and
rebuilt from the text files (titles from their first lines), so imports are never lost.
Connections are opened per operation, so the store can be used from any thread.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.atomic import write_text_atomic
from reader.core.text.scripts import Script, to_simplified

SCHEMA_VERSION = 1
_ID_SHAPE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    source_file TEXT NOT NULL,
    imported TEXT NOT NULL,
    script TEXT NOT NULL,
    encoding TEXT NOT NULL,
    format TEXT NOT NULL,
    length INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    chapters TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS articles_sha256 ON articles(sha256);
CREATE TABLE IF NOT EXISTS titles (id TEXT PRIMARY KEY, title TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(id UNINDEXED, title, body,
    tokenize = 'trigram');
"""


@dataclass(frozen=True)
class StoredArticle:
    """One imported article's metadata as kept in the index."""

    id: str
    title: str
    source_file: str
    imported: str
    script: Script
    encoding: str
    format: str
    length: int
    sha256: str
    chapters: list[tuple[str, int]] = field(default_factory=list, compare=False)


class LibraryStore:
    """The imported articles' files and the SQLite index beside them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db_path = folder / "library.sqlite3"
        self.notice = ""
        self._write_lock = threading.RLock()
        self._opened = False

    # ------------------------------------------------------------ connection

    def _open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._opened = True
        if self.db_path.exists() and not self._healthy():
            aside = self.db_path.with_name(f"{self.db_path.name}.corrupt-{int(time.time())}")
            self.db_path.replace(aside)
            for suffix in ("-wal", "-shm"):
                self.db_path.with_name(self.db_path.name + suffix).unlink(missing_ok=True)
            self.notice = (f"The library index was damaged; it was moved to {aside.name} "
                           "and rebuilt from the article files.")
            self._create()
            self._recover_orphans()
        else:
            self._create()

    def _healthy(self) -> bool:
        try:
            con = sqlite3.connect(self.db_path)
            try:
                ok = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                version = con.execute("PRAGMA user_version").fetchone()[0]
            finally:
                con.close()
        except sqlite3.DatabaseError:
            return False
        return ok and version <= SCHEMA_VERSION

    def _create(self) -> None:
        con = sqlite3.connect(self.db_path)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(_SCHEMA)
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            con.commit()
        finally:
            con.close()

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with self._write_lock:  # re-entrant: _open itself connects while recovering
            if not self._opened:
                self._open()
        con = sqlite3.connect(self.db_path, timeout=30)
        try:
            with con:
                yield con
        finally:
            con.close()

    def _recover_orphans(self) -> None:
        """Index text files that have no row (after an index was rebuilt)."""
        from reader.core.library.importer import content_hash, title_from_text
        from reader.core.text.scripts import detect_script

        with self._connect() as con:
            known = {row[0] for row in con.execute("SELECT id FROM articles")}
        for path in sorted(self.folder.glob("*.txt")):
            if path.stem in known or not _ID_SHAPE.match(path.stem):
                continue
            text = path.read_text(encoding="utf-8")
            article = StoredArticle(
                id=path.stem, title=title_from_text(text)[:80], source_file="recovered",
                imported=_dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(
                    timespec="seconds"),
                script=detect_script(text[:300_000]), encoding="utf-8", format="text",
                length=len(text), sha256=content_hash(text))
            self._insert(article, text, replace=False)

    # ------------------------------------------------------------ articles

    def text_path(self, article_id: str) -> Path:
        if not _ID_SHAPE.match(article_id):
            raise ValueError(f"not a library id: {article_id!r}")
        return self.folder / f"{article_id}.txt"

    def add(self, article: StoredArticle, text: str, simplified: str, replace: bool = False) -> None:
        """Store a new article (or overwrite `article.id` when `replace`)."""
        write_text_atomic(self.text_path(article.id), text)
        self._insert(article, text, replace, simplified)

    def _insert(self, article: StoredArticle, text: str, replace: bool,
                simplified: str | None = None) -> None:
        if simplified is None:
            simplified = to_simplified(text)
        with self._write_lock, self._connect() as con:
            if replace:
                con.execute("DELETE FROM articles WHERE id = ?", (article.id,))
                con.execute("DELETE FROM search WHERE id = ?", (article.id,))
            con.execute(
                "INSERT INTO articles (id, title, source_file, imported, script, encoding,"
                " format, length, sha256, chapters) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (article.id, article.title, article.source_file, article.imported,
                 str(article.script), article.encoding, article.format, article.length,
                 article.sha256, json.dumps(article.chapters, ensure_ascii=False)),
            )
            con.execute("INSERT INTO search (id, title, body) VALUES (?,?,?)",
                        (article.id, to_simplified(article.title), simplified))

    def list(self) -> list[StoredArticle]:
        """Imported articles, oldest first, whose text file exists."""
        with self._connect() as con:
            rows = con.execute("SELECT * FROM articles ORDER BY imported, id").fetchall()
        return [a for a in map(_row_to_article, rows) if self.text_path(a.id).exists()]

    def get(self, article_id: str) -> StoredArticle | None:
        if not _ID_SHAPE.match(article_id):
            return None
        with self._connect() as con:
            row = con.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _row_to_article(row) if row else None

    def ids(self) -> set[str]:
        with self._connect() as con:
            return {row[0] for row in con.execute("SELECT id FROM articles")}

    def read_text(self, article_id: str) -> str | None:
        try:
            return self.text_path(article_id).read_text(encoding="utf-8")
        except (FileNotFoundError, ValueError):
            return None

    def find_by_hash(self, sha256: str) -> list[StoredArticle]:
        with self._connect() as con:
            rows = con.execute("SELECT * FROM articles WHERE sha256 = ? ORDER BY imported",
                               (sha256,)).fetchall()
        return [_row_to_article(r) for r in rows]

    def remove(self, article_id: str) -> bool:
        """Delete an imported article, its index entries and its file."""
        with self._write_lock, self._connect() as con:
            gone = con.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount
            con.execute("DELETE FROM search WHERE id = ?", (article_id,))
        if gone:
            self.text_path(article_id).unlink(missing_ok=True)
        return bool(gone)

    def rename(self, article_id: str, title: str) -> bool:
        with self._write_lock, self._connect() as con:
            changed = con.execute("UPDATE articles SET title = ? WHERE id = ?",
                                  (title, article_id)).rowcount
            con.execute("UPDATE search SET title = ? WHERE id = ?",
                        (to_simplified(title), article_id))
        return bool(changed)

    # ------------------------------------------------------------ bundled-article titles

    def title_overrides(self) -> dict[str, str]:
        with self._connect() as con:
            return dict(con.execute("SELECT id, title FROM titles").fetchall())

    def set_title_override(self, article_id: str, title: str) -> None:
        with self._write_lock, self._connect() as con:
            con.execute("INSERT OR REPLACE INTO titles (id, title) VALUES (?, ?)",
                        (article_id, title))

    # ------------------------------------------------------------ search

    def search_candidates(self, query: str, limit: int = 200) -> list[tuple[str, str, str]]:
        """(id, simplified title, simplified body) of imported articles containing `query`
        (already Simplified) in title or text, case-insensitively."""
        if len(query) >= 3:
            phrase = '"' + query.replace('"', '""') + '"'
            sql = ("SELECT id, title, body FROM search WHERE search MATCH ? LIMIT ?")
            params: tuple = (phrase, limit)
        else:  # trigrams need three characters: scan (still in C, ~50 ms per 20 MB)
            sql = ("SELECT id, title, body FROM search WHERE instr(lower(title), ?) > 0"
                   " OR instr(lower(body), ?) > 0 LIMIT ?")
            params = (query.lower(), query.lower(), limit)
        with self._connect() as con:
            return con.execute(sql, params).fetchall()


def _row_to_article(row) -> StoredArticle:
    (article_id, title, source_file, imported, script, encoding, fmt, length, sha256,
     chapters) = row
    return StoredArticle(
        id=article_id, title=title, source_file=source_file, imported=imported,
        script=Script(script), encoding=encoding, format=fmt, length=length, sha256=sha256,
        chapters=[(str(t), int(o)) for t, o in json.loads(chapters or "[]")],
    )


def now_iso() -> str:
    """The import timestamp format: local time, seconds."""
    return _dt.datetime.now().isoformat(timespec="seconds")
