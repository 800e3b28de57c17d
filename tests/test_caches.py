"""First-run caches: built once, rebuilt when from an older version or damaged, never fatal."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from reader.core.text.cedict_index import index_is_current
from reader.core.text.dictionary import INDEX_VERSION, Dictionary
from reader.core.text.jieba_words import WordTable
from reader.core.text.pinyin_data import PinyinData


@pytest.fixture
def index_copy(tmp_path, dictionary, shared_cache):
    """A private copy of the session's built dictionary index."""
    path = tmp_path / "cedict.sqlite3"
    shutil.copy(shared_cache / "cedict.sqlite3", path)
    return path


def _stamp_of(path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT value FROM meta WHERE key='stamp'").fetchone()[0]
    finally:
        con.close()


def test_index_from_an_older_version_is_rebuilt(index_copy, dictionary):
    """An index stamped by an older INDEX_VERSION is rebuilt on open, then answers."""
    current = _stamp_of(index_copy)
    con = sqlite3.connect(index_copy)
    con.execute("UPDATE meta SET value = ? WHERE key = 'stamp'",
                (current.replace(f"{INDEX_VERSION}:", f"{INDEX_VERSION - 1}:", 1),))
    con.commit()
    con.close()
    assert not index_is_current(index_copy, current)
    fresh = Dictionary(index_copy, words=lambda: dictionary.words)
    assert _stamp_of(index_copy) == current
    assert fresh.lookup("银行")[0].pinyin == "yín háng"


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_damaged_index_is_rebuilt(index_copy, dictionary, damage):
    """A truncated, overwritten or empty index file is rebuilt, not an error."""
    data = index_copy.read_bytes()
    index_copy.write_bytes({"truncated": data[: len(data) // 2], "garbage": b"\x13" * 5000,
                            "empty": b""}[damage])
    fresh = Dictionary(index_copy, words=lambda: dictionary.words)
    assert fresh.lookup("行长")
    assert fresh.lookup_english("bank")


def test_progress_is_reported_while_the_index_builds(tmp_path, dictionary):
    """A first build reports increasing fractions, ending at 1.0."""
    seen: list[float] = []
    Dictionary(tmp_path / "cedict.sqlite3", words=lambda: dictionary.words, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(set(seen)) > 5


@pytest.fixture
def pinyin_copy(tmp_path, services, shared_cache):
    """A private copy of the session's pinyin tables."""
    for path in shared_cache.glob("pinyin-*"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


@pytest.mark.parametrize("which", [".npz", ".marshal", ".sqlite3"])
def test_damaged_pinyin_tables_are_rebuilt(pinyin_copy, which):
    """Any of the three pinyin cache files overwritten with garbage: rebuilt on load."""
    (target,) = pinyin_copy.glob(f"pinyin-*{which}")
    target.write_bytes(b"not a cache file")
    data = PinyinData.load(pinyin_copy)
    assert data.reading("银行") == "yin2 hang2"
    assert "in_fw" in data.arrays


def test_pinyin_tables_of_another_version_are_replaced(pinyin_copy):
    """Tables named for another version are removed when the current ones are built."""
    for path in list(pinyin_copy.glob("pinyin-*")):
        path.rename(path.with_name(path.name.replace("pinyin-", "pinyin-0-old-")))
    PinyinData.load(pinyin_copy)
    names = [p.name for p in pinyin_copy.glob("pinyin-*")]
    assert len(names) == 3 and not any("-old-" in name for name in names)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "stale"])
def test_word_table_rebuilt_when_damaged_or_stale(tmp_path, services, damage):
    """The sorted copy of jieba's word list (built when no shipped index fits it)
    truncated, overwritten or from another version: rebuilt."""
    no_index = tmp_path / "no-index.json"
    reference = WordTable.open(tmp_path / "reference", shipped=no_index)
    path = tmp_path / "jieba-words.txt"
    shutil.copy(tmp_path / "reference" / "jieba-words.txt", path)
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        path.write_bytes(b"\xff\xfe garbage\n")
    else:
        header, _, body = data.partition(b"\n")
        path.write_bytes(header.replace(b"stamp=1-", b"stamp=0-") + b"\n" + body)
    table = WordTable.open(tmp_path, shipped=no_index)
    assert table.lookup("银行") == reference.lookup("银行") == \
        services.jieba_words.lookup("银行") > 0
    assert table.tag("银行") == "n"
    assert path.read_bytes() == data


def test_pypinyin_json_read_in_pieces_equals_one_parse(monkeypatch):
    """pypinyin's phrase and character files read ~64 KB at a time (so no single parse holds
    the interpreter lock long) give the same dicts, in the same order, as one json.loads;
    a text that cannot be cut between members is parsed whole."""
    import importlib.util
    import json
    from pathlib import Path

    from reader.core.text import pinyin_data

    folder = Path(importlib.util.find_spec("pypinyin").origin).parent
    for name in ("phrases_dict.json", "pinyin_dict.json"):
        text = (folder / name).read_text(encoding="utf-8")
        whole, pieces = json.loads(text), pinyin_data._json_in_pieces(text)
        assert pieces == whole and list(pieces) == list(whole)
    monkeypatch.setattr(pinyin_data, "JSON_PIECE", 4)
    odd = '{\n"a": 1,\n"b\\"": ["x",\n"y"],\n"c": {"d": 2}}'
    assert pinyin_data._json_in_pieces(odd) == json.loads(odd)
    assert pinyin_data._json_in_pieces('[1, 2]') == [1, 2]
