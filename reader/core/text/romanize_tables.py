"""Jyutping and Zhuyin from small tables in the cache, without loading their libraries.

ToJyutping parses its whole character trie into ~95k Python objects when imported
(0.7-3 s), and Zhuyin needs pypinyin, whose import reads its phrase table (~0.5 s); the
command line paid both on every `annotate --json`. The first use builds, once per library
version, a SQLite copy of ToJyutping's trie (each node: its key and the first reading of
each of its characters, or NULL for a node that only leads on) and a table of the Zhuyin
of every syllable of the pinyin tables. Look-ups then walk the trie the way ToJyutping's
`get` does (longest match at each position), so the readings are the library's own; a
syllable outside the table is converted by pypinyin itself. Missing, stale or damaged
tables are rebuilt.
"""
from __future__ import annotations

import marshal
import os
import sqlite3
import sys
import threading
from pathlib import Path

from reader.core.atomic import temp_sqlite, write_bytes_atomic
from reader.core.versions import NotInstalled
from reader.core.versions import version as installed_version

FORMAT = 1
_lock = threading.Lock()
_local = threading.local()
_builds: dict[Path, int] = {}  # rebuilds of each table in this process (stale connections)


def _version(package: str) -> str:
    try:
        return installed_version(package)
    except NotInstalled:
        return "0"


# -- Jyutping ----------------------------------------------------------------------------
def jyutping_path(cache_dir: Path) -> Path:
    return cache_dir / f"jyutping-{FORMAT}-{_version('ToJyutping')}.sqlite3"


def trie_rows():
    """(key, readings) of every node of ToJyutping's trie (imports it: seconds)."""
    import ToJyutping  # noqa: F401  (loads the trie)

    root = sys.modules["ToJyutping.Trie"].root
    stack = [("", root)]
    while stack:
        key, node = stack.pop()
        if key:
            yield key, _node_readings(key, node.v)
        stack.extend((key + ch, child) for ch, child in node.items())


def _node_readings(key: str, values) -> str | None:
    """The first reading of each character of `key` as ToJyutping.get picks it, or None."""
    if not values:
        return None
    first = values[0]
    if len(key) == 1:
        return str(first.jyutping).split()[0]
    return " ".join(first[i].jyutping for i in range(len(key)))


def build_jyutping(path: Path) -> None:
    """Write the Jyutping table atomically."""
    tmp, con = temp_sqlite(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("CREATE TABLE node (key TEXT PRIMARY KEY, readings TEXT) WITHOUT ROWID")
    con.executemany("INSERT INTO node VALUES (?, ?)", sorted(trie_rows()))
    con.execute("CREATE TABLE meta (format INTEGER)")
    con.execute("INSERT INTO meta VALUES (?)", (FORMAT,))
    con.commit()
    con.close()
    os.replace(tmp, path)


def _readable(path: Path) -> bool:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT format FROM meta").fetchone()
            con.execute("SELECT readings FROM node WHERE key = '好'").fetchone()
        finally:
            con.close()
        return row == (FORMAT,)
    except sqlite3.Error:
        return False


def _remove_stale(cache_dir: Path, prefix: str, keep: Path) -> None:
    for old in cache_dir.glob(f"{prefix}-*"):
        if old != keep:
            old.unlink(missing_ok=True)


def ensure_jyutping(cache_dir: Path) -> Path:
    """The Jyutping table's path, built first if missing, stale or damaged."""
    path = jyutping_path(cache_dir)
    with _lock:
        if not (path.is_file() and _readable(path)):
            _remove_stale(cache_dir, "jyutping", path)
            build_jyutping(path)
            _builds[path] = _builds.get(path, 0) + 1
    return path


def _node(path: Path, key: str) -> tuple[str | None] | None:
    cons = getattr(_local, "jyutping", None)
    if cons is None:
        cons = _local.jyutping = {}
    con = cons.get((path, _builds.get(path, 0)))
    if con is None:
        con = cons[(path, _builds.get(path, 0))] = sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                           check_same_thread=False)
    return con.execute("SELECT readings FROM node WHERE key = ?", (key,)).fetchone()


def jyutping_readings(path: Path, word: str) -> list[str]:
    """The reading of each character of `word` that has one, as ToJyutping.get gives them:
    at each position the longest key of the trie that starts there and has a reading."""
    out: list[str] = []
    i = 0
    while i < len(word):
        best, end = None, i
        for j in range(i, len(word)):
            row = _node(path, word[i : j + 1])
            if row is None:
                break
            if row[0] is not None:
                best, end = row[0], j
        if best is None:
            i += 1
            continue
        out.extend(best.split(" ") if end > i else [best])
        i = end + 1
    return out


# -- Zhuyin ------------------------------------------------------------------------------
def zhuyin_path(cache_dir: Path) -> Path:
    return cache_dir / f"zhuyin-{FORMAT}-{_version('pypinyin')}.marshal"


def syllable_universe(cache_dir: Path) -> set[str]:
    """Every tone-number syllable of the pinyin tables (readings and the tagger's classes)."""
    from reader.core.text.pinyin_data import PinyinData

    data = PinyinData.load(cache_dir)
    con = sqlite3.connect(f"file:{data.readings_path}?mode=ro", uri=True)
    try:
        found = {s for (reading,) in con.execute("SELECT pinyin FROM reading")
                 for s in reading.split()}
    finally:
        con.close()
    return found | {s for c in data.classes for s in c.split()}


def load_zhuyin(cache_dir: Path, convert) -> dict[str, str]:
    """syllable -> Zhuyin for the universe, built with `convert` if missing or damaged."""
    path = zhuyin_path(cache_dir)
    with _lock:
        try:
            with open(path, "rb") as handle:
                table = marshal.load(handle)
            if isinstance(table, dict) and table.get("") == str(FORMAT):
                return table
        except (OSError, EOFError, ValueError, TypeError):
            pass
        _remove_stale(cache_dir, "zhuyin", path)
        table = {s: convert(s) for s in sorted(syllable_universe(cache_dir))}
        table[""] = str(FORMAT)
        write_bytes_atomic(path, marshal.dumps(table))
        return table
