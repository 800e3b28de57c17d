"""Building the CC-CEDICT SQLite index once, fast, in short slices, and checking it later.

The first run parses ~122k lines with one regex per 256 KB slice (each slice holds the GIL
~5 ms, so the window keeps painting), inserts them, then builds the look-up indexes.
Senses are stored as CC-CEDICT writes them ("a/b/c"). The English full-text index (~0.35 s
of CPU) goes in a file of its own, built on the first English look-up (`build_english`):
reading never needs it. An index from another version, or a damaged or truncated file, is
rebuilt.
"""
from __future__ import annotations

import gzip
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

# One CC-CEDICT line: TRADITIONAL SIMPLIFIED [pin1 yin1] /sense/sense/
_LINES = re.compile(r"^([^#\s]\S*) (\S+) \[([^\]\n]*)\] /(.*)/[ \t\r]*$", re.MULTILINE)
SLICE = 256 * 1024

_SCHEMA = """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE entry (
        id INTEGER PRIMARY KEY, traditional TEXT, simplified TEXT,
        pinyin TEXT, pinyin_key TEXT, senses TEXT);
"""
_STEPS = [  # (what, share of the build's time so far when done)
    ("CREATE INDEX entry_simplified ON entry(simplified)", 0.75),
    ("CREATE INDEX entry_traditional ON entry(traditional)", 0.88),
    ("CREATE INDEX entry_pinyin_key ON entry(pinyin_key)", 1.0),
]


def senses_of(stored: str) -> tuple[str, ...]:
    """The senses of a stored "a/b/c" field."""
    return tuple(s for s in stored.split("/") if s)


def index_is_current(path: Path, stamp: str) -> bool:
    """Whether `path` is a complete index built with `stamp` (else it must be rebuilt)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        if not header.startswith(b"SQLite format 3\0") or \
                page_size * int.from_bytes(header[28:32], "big") != size:
            return False  # not SQLite, or truncated
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key='stamp'").fetchone()
        finally:
            con.close()
        return bool(row) and row[0] == stamp
    except (OSError, sqlite3.DatabaseError):
        return False


def _entries(source: Path, progress: Callable[[float], None]) -> Iterator[tuple]:
    """(traditional, simplified, pinyin, pinyin key, senses) rows, parsed slice by slice."""
    from reader.core.text.dictionary import pinyin_key

    @cache
    def syllable_key(syllable: str) -> str:
        return pinyin_key(syllable)

    opener = gzip.open if source.suffix == ".gz" else open
    with opener(source, "rt", encoding="utf-8") as handle:
        text = handle.read()
    done = 0
    while done < len(text):
        end = text.find("\n", done + SLICE)
        end = len(text) if end < 0 else end + 1
        for trad, simp, pinyin, senses in _LINES.findall(text, done, end):
            yield trad, simp, pinyin, "".join(map(syllable_key, pinyin.split(" "))), senses
        done = end
        progress(0.6 * done / len(text))


def build_index(source: Path, path: Path, stamp: str,
                progress: Callable[[float], None] = lambda fraction: None) -> None:
    """Build the index from the CC-CEDICT file `source` into `path` (atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.building{os.getpid()}-{threading.get_ident()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        con.executemany("INSERT INTO entry (traditional, simplified, pinyin, pinyin_key, senses)"
                        " VALUES (?,?,?,?,?)", _entries(source, progress))
        for statement, share in _STEPS:
            con.execute(statement)
            progress(share)
        con.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)


def build_english(index: Path, path: Path, stamp: str) -> None:
    """The English full-text index of `index`'s senses into `path` (atomically): a
    contentless FTS5 table (the senses are read from the index) whose rowids are the
    entries' ids, with the index's stamp."""
    tmp = path.with_name(f".{path.name}.building{os.getpid()}-{threading.get_ident()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(f"file:{tmp}", uri=True)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                          "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
                          "CREATE VIRTUAL TABLE entry_en USING fts5(senses, content='');")
        con.execute("ATTACH ? AS source", (f"file:{index}?mode=ro",))
        con.execute("INSERT INTO entry_en(rowid, senses) SELECT id, senses FROM source.entry")
        con.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
        con.commit()
        con.execute("DETACH source")
    finally:
        con.close()
    os.replace(tmp, path)
