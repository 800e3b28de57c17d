"""Where imported articles live: `data_dir()/library/<id>.txt` plus one SQLite index.

The index (`library.sqlite3`, schema versioned by `PRAGMA user_version`, WAL) holds each
imported article's metadata, the titles users gave bundled articles, and an FTS5 full-text index with the trigram tokenizer
over the *Simplified* form of titles and texts, so a query in either script finds both.

Text files are written atomically before the index row that points at them; a row whose
file is missing is skipped. The index is opened through `reader.core.sqlite_safe`: only
a file that fails `integrity_check` is moved aside; it, or an empty (0-byte, schema-less)
index, is rebuilt from the text files (titles from their first lines), with a notice.
Connections are opened per operation, so the store can be used from any thread.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.atomic import write_text_atomic
from reader.core.library.titles import clean_title
from reader.core.sqlite_safe import (
    DatabaseUnavailable,
    begin_immediate,
    connect,
    open_database,
    run_statements,
    take_move_notice,
    unavailable,
)
from reader.core.text.scripts import Script, to_simplified

SCHEMA_VERSION = 2  # 2: web_pages (an index made by version 1 gains it when opened)
LABEL = "library index"
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
CREATE TABLE IF NOT EXISTS web_pages (id TEXT PRIMARY KEY, url TEXT NOT NULL,
    outlet TEXT NOT NULL, published TEXT NOT NULL);
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
        """Open (create, migrate) the index once; rebuild it from the text files when it
        was moved aside, or is empty (0 bytes, no schema) while text files exist."""
        if self.folder.exists() and not self.folder.is_dir():
            raise DatabaseUnavailable(f"The library folder {self.folder} is a file, not a "
                                      "folder; move it away and try again")
        existed = self.db_path.exists()
        created = []

        def step(con: sqlite3.Connection, version: int) -> None:
            if version == 0:
                created.append(True)
            run_statements(con, _SCHEMA)

        con, moved = open_database(self.db_path, LABEL, SCHEMA_VERSION, step)
        con.close()
        self._opened = True
        if moved or (existed and created):
            recovered = self._recover_orphans()
            if moved:
                self.notice = (f"{moved} The index was rebuilt: {recovered} article(s) "
                               "re-indexed from their text files.")
            elif recovered:
                self.notice = (f"The library index was empty; it was rebuilt from {recovered} "
                               "article file(s) (titles from their first lines).")

    def take_notice(self) -> str:
        """The notice about the index (moved aside, rebuilt) once; '' when there is none."""
        pending = take_move_notice(self.db_path)
        notice, self.notice = self.notice or pending, ""
        return notice

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        with self._write_lock:  # re-entrant: _open itself connects while recovering
            if not self._opened:
                self._open()
        try:
            con = connect(self.db_path)
        except sqlite3.Error as exc:
            raise unavailable(LABEL, self.db_path, exc) from None
        try:
            if write:
                begin_immediate(con)
            else:
                con.execute("BEGIN")
            yield con
            con.execute("COMMIT")
        except sqlite3.IntegrityError:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        except sqlite3.Error as exc:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise unavailable(LABEL, self.db_path, exc) from None
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        finally:
            con.close()

    def _recover_orphans(self) -> int:
        """Index text files that have no row (after an index was rebuilt); how many."""
        from reader.core.library.importer import content_hash, title_from_text
        from reader.core.text.scripts import detect_script

        with self._connect() as con:
            known = {row[0] for row in con.execute("SELECT id FROM articles")}
        count = 0
        for path in sorted(self.folder.glob("*.txt")):
            if path.stem in known or not _ID_SHAPE.match(path.stem):
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            article = StoredArticle(
                id=path.stem, title=clean_title(title_from_text(text))[:80],
                source_file="recovered",
                imported=_dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(
                    timespec="seconds"),
                script=detect_script(text[:300_000]), encoding="utf-8", format="text",
                length=len(text), sha256=content_hash(text))
            try:
                self._insert(article, text, replace=False)
            except sqlite3.IntegrityError:  # another process indexed it meanwhile
                continue
            count += 1
        return count

    def ensure_open(self) -> None:
        """Open the index now (raises `DatabaseUnavailable` when it cannot be used)."""
        with self._write_lock:
            if not self._opened:
                self._open()

    def clean_up(self) -> str:
        """Remove what killed imports left (temporary files, text files without a row) and
        drop rows whose text file is missing; a one-line notice, '' when nothing was found.
        The caller holds the import lock, so no import is half-done right now."""
        with self._write_lock:
            temps = list(self.folder.glob(".*.tmp"))
            with self._connect() as con:
                rows = dict(con.execute("SELECT id, title FROM articles").fetchall())
            orphans = [p for p in self.folder.glob("*.txt")
                       if _ID_SHAPE.match(p.stem) and p.stem not in rows]
            for path in temps + orphans:
                path.unlink(missing_ok=True)
            missing = [i for i in rows if not self.text_path(i).exists()]
            if missing:
                with self._connect(write=True) as con:
                    for article_id in missing:
                        con.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                        con.execute("DELETE FROM search WHERE id = ?", (article_id,))
        parts = []
        if temps or orphans:
            parts.append(f"Removed {len(orphans)} unfinished import(s) and {len(temps)} "
                         "temporary file(s) left by interrupted imports.")
        if missing:
            titles = ", ".join(repr(rows[i]) for i in missing[:3])
            more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            parts.append(f"{len(missing)} article(s) whose text file was missing were dropped "
                         f"from the library: {titles}{more}.")
        return " ".join(parts)

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
        with self._write_lock, self._connect(write=True) as con:
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
        with self._write_lock, self._connect(write=True) as con:
            gone = con.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount
            con.execute("DELETE FROM search WHERE id = ?", (article_id,))
            con.execute("DELETE FROM web_pages WHERE id = ?", (article_id,))
        if gone:
            self.text_path(article_id).unlink(missing_ok=True)
        return bool(gone)

    def rename(self, article_id: str, title: str) -> bool:
        with self._write_lock, self._connect(write=True) as con:
            changed = con.execute("UPDATE articles SET title = ? WHERE id = ?",
                                  (title, article_id)).rowcount
            con.execute("UPDATE search SET title = ? WHERE id = ?",
                        (to_simplified(title), article_id))
        return bool(changed)

    # ------------------------------------------------------------ web pages

    def set_web_page(self, article_id: str, url: str, outlet: str, published: str) -> None:
        """Where an article imported from the web came from."""
        with self._write_lock, self._connect() as con:
            con.execute("INSERT OR REPLACE INTO web_pages VALUES (?, ?, ?, ?)",
                        (article_id, url, outlet, published))

    def web_pages(self) -> dict[str, tuple[str, str, str]]:
        """article id -> (url, outlet, published date) of the articles fetched from the web."""
        with self._connect() as con:
            rows = con.execute("SELECT id, url, outlet, published FROM web_pages").fetchall()
        return {row[0]: tuple(row[1:]) for row in rows}

    # ------------------------------------------------------------ bundled-article titles

    def title_overrides(self) -> dict[str, str]:
        with self._connect() as con:
            return dict(con.execute("SELECT id, title FROM titles").fetchall())

    def set_title_override(self, article_id: str, title: str) -> None:
        with self._write_lock, self._connect(write=True) as con:
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
