"""Building the CC-CEDICT SQLite index once, fast, in short slices, and checking it later.

The first run parses ~122k lines with one regex per 256 KB slice (each slice holds the GIL
~5 ms, so the window keeps painting), inserts them, then builds the look-up indexes.
Senses are stored as CC-CEDICT writes them ("a/b/c"). Two search indexes go in files of
their own, each built on its first use on a worker, as reading needs neither: the English
full-text index (~0.35 s of CPU, `build_english`) and the toneless pinyin keys (~0.3 s,
`build_pinyin`; they cost the first run a third of its dictionary build when they lived in
the main file). An index from another version, or a damaged or truncated file, is rebuilt.
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
        id INTEGER PRIMARY KEY, traditional TEXT, simplified TEXT, pinyin TEXT, senses TEXT);
"""
_STEPS = [  # (what, share of the build's time so far when done)
    ("CREATE INDEX entry_simplified ON entry(simplified)", 0.85),
    ("CREATE INDEX entry_traditional ON entry(traditional)", 1.0),
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
    """(traditional, simplified, pinyin, senses) rows, parsed slice by slice. The file is
    read as bytes (zlib lets go of the interpreter lock) and each slice decoded on its own:
    decoding all ~30 MB at once held the lock ~30-50 ms."""
    opener = gzip.open if source.suffix == ".gz" else open
    with opener(source, "rb") as handle:
        data = handle.read()
    done = 0
    while done < len(data):
        end = data.find(b"\n", done + SLICE)
        end = len(data) if end < 0 else end + 1
        yield from _LINES.findall(data[done:end].decode("utf-8"))
        done = end
        progress(0.7 * done / len(data))


def build_index(source: Path, path: Path, stamp: str,
                progress: Callable[[float], None] = lambda fraction: None) -> None:
    """Build the index from the CC-CEDICT file `source` into `path` (atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.building{os.getpid()}-{threading.get_ident()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        con.executemany("INSERT INTO entry (traditional, simplified, pinyin, senses)"
                        " VALUES (?,?,?,?)", _entries(source, progress))
        for statement, share in _STEPS:
            con.execute(statement)
            progress(share)
        con.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)


def _build_side(index: Path, path: Path, stamp: str, schema: str,
                fill: Callable[[sqlite3.Connection], None]) -> None:
    """A search index beside `index` (attached as `source`) into `path`, atomically, with
    the index's stamp: `schema` creates its tables, `fill` fills them."""
    tmp = path.with_name(f".{path.name}.building{os.getpid()}-{threading.get_ident()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(f"file:{tmp}", uri=True)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                          "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);" + schema)
        con.execute("ATTACH ? AS source", (f"file:{index}?mode=ro",))
        fill(con)
        con.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
        con.commit()
        con.execute("DETACH source")
    finally:
        con.close()
    os.replace(tmp, path)


def build_english(index: Path, path: Path, stamp: str) -> None:
    """The English full-text index of `index`'s senses: a contentless FTS5 table (the
    senses are read from the index) whose rowids are the entries' ids."""
    _build_side(index, path, stamp,
                "CREATE VIRTUAL TABLE entry_en USING fts5(senses, content='');",
                lambda con: con.execute("INSERT INTO entry_en(rowid, senses)"
                                        " SELECT id, senses FROM source.entry"))


def build_pinyin(index: Path, path: Path, stamp: str) -> None:
    """Each entry's toneless pinyin key ('yinhang'), by the entry's id, with the keys
    indexed for exact and prefix look-ups."""
    from reader.core.text.dictionary import pinyin_key

    @cache
    def syllable_key(syllable: str) -> str:
        return pinyin_key(syllable)

    def fill(con: sqlite3.Connection) -> None:
        rows = con.execute("SELECT id, pinyin FROM source.entry").fetchall()
        con.executemany("INSERT INTO entry_pinyin (id, pinyin_key) VALUES (?, ?)",
                        ((entry, "".join(map(syllable_key, reading.split(" "))))
                         for entry, reading in rows))
        con.execute("CREATE INDEX entry_pinyin_key ON entry_pinyin(pinyin_key)")

    _build_side(index, path, stamp,
                "CREATE TABLE entry_pinyin (id INTEGER PRIMARY KEY, pinyin_key TEXT);", fill)
