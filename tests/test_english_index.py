"""The search indexes built apart on first use (English full text, toneless pinyin) answer
exactly as the indexes inside the dictionary did."""
from __future__ import annotations

import re
import shutil
import sqlite3

import pytest

from reader.core.text.dictionary import Dictionary, pinyin_key

OLD_QUERY = ("SELECT e.traditional, e.simplified, e.pinyin, e.senses FROM entry_en"
             " JOIN entry e ON e.id = entry_en.rowid WHERE entry_en MATCH ?"
             " ORDER BY bm25(entry_en) LIMIT 400")
NEW_QUERY = OLD_QUERY.replace("JOIN entry e", "JOIN idx.entry e")


def test_english_index_is_built_on_first_use_and_ranks_as_before(tmp_path, dictionary):
    """No English index until the first English look-up; then its rows (bm25 order, ties
    included) equal those of the old in-index FTS table for hundreds of queries."""
    index = tmp_path / "cedict.sqlite3"
    shutil.copy(dictionary._path, index)
    fresh = Dictionary(index, words=lambda: dictionary.words)
    english = tmp_path / "cedict-en.sqlite3"
    assert not english.exists()
    assert fresh.lookup("银行") and not english.exists()
    assert any(e.simplified == "银行" for e in fresh.lookup_english("bank"))
    assert english.exists()
    old = sqlite3.connect(tmp_path / "old.sqlite3")
    old.execute("ATTACH ? AS src", (str(index),))
    old.executescript(
        "CREATE TABLE entry (id INTEGER PRIMARY KEY, traditional TEXT, simplified TEXT,"
        " pinyin TEXT, senses TEXT);"
        "INSERT INTO entry SELECT * FROM src.entry;"
        "CREATE VIRTUAL TABLE entry_en USING fts5(senses, content='entry', content_rowid='id');"
        "INSERT INTO entry_en(rowid, senses) SELECT id, senses FROM entry;")
    senses = [row[0] for row in old.execute("SELECT senses FROM entry WHERE id % 300 = 0")]
    queries = {" ".join(f'"{w}"' for w in re.findall(r"[A-Za-z0-9']+", s)[:k])
               for s in senses for k in (1, 2)} - {""}
    assert len(queries) > 300
    new = fresh._side_con("en")
    for query in sorted(queries):
        assert new.execute(NEW_QUERY, (query,)).fetchall() == \
            old.execute(OLD_QUERY, (query,)).fetchall(), query


@pytest.mark.parametrize("kind", ["en", "pinyin"])
def test_damaged_search_index_is_rebuilt(tmp_path, dictionary, kind):
    """A garbage English or pinyin index file is rebuilt on the next such look-up."""
    index = tmp_path / "cedict.sqlite3"
    shutil.copy(dictionary._path, index)
    (tmp_path / f"cedict-{kind}.sqlite3").write_bytes(b"garbage" * 1000)
    fresh = Dictionary(index, words=lambda: dictionary.words)
    found = fresh.lookup_english("bank") if kind == "en" else fresh.lookup_pinyin("yinhang")
    assert any(e.simplified == "银行" for e in found)
    assert (tmp_path / f"cedict-{kind}.sqlite3").read_bytes()[:16] == b"SQLite format 3\0"


def test_pinyin_index_is_built_on_first_use_and_finds_what_a_scan_finds(tmp_path, dictionary):
    """No pinyin file until the first pinyin look-up; then exact and prefix look-ups give
    the entries a scan of every reading gives, shortest headwords first."""
    index = tmp_path / "cedict.sqlite3"
    shutil.copy(dictionary._path, index)
    fresh = Dictionary(index, words=lambda: dictionary.words)
    side = tmp_path / "cedict-pinyin.sqlite3"
    assert fresh.lookup("银行") and not side.exists()
    assert any(e.simplified == "银行" for e in fresh.lookup_pinyin("yin2 hang2"))
    assert side.exists()
    rows = sqlite3.connect(index).execute(
        "SELECT id, simplified, pinyin FROM entry").fetchall()
    keys = {}
    for entry_id, simplified, reading in rows:
        keys.setdefault(pinyin_key(reading), []).append((len(simplified), entry_id, simplified))
    for key in sorted(keys)[::997]:
        expected = [s for _n, _i, s in sorted(keys[key])[:50]]
        assert sorted(e.simplified for e in fresh.lookup_pinyin(key)) == sorted(expected), key
    starts = [(n, i, s) for key, found in keys.items() if key.startswith("tengx")
              for n, i, s in found]
    assert {e.simplified for e in fresh.lookup_pinyin_prefix("tengx")} == \
        {s for _n, _i, s in sorted(starts)[:300]}
