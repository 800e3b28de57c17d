"""The cached Jyutping and Zhuyin tables give exactly the libraries' own readings."""
from __future__ import annotations

import sqlite3

from reader.core.text import romanize_tables as rt
from reader.core.text.romanize import _zhuyin_syllable


def _reference(word: str) -> str:
    import ToJyutping

    return " ".join(r.split()[0] for _, r in ToJyutping.get_jyutping_list(word) if r)


def _ours(path, word: str) -> str:
    return " ".join(rt.jyutping_readings(path, word))


def test_jyutping_table_reads_like_tojyutping(tmp_path, services):
    """Corpus text in pieces of 1-7 characters, CC-CEDICT headwords and trie keys wrapped in
    other characters all read the same from the table as from ToJyutping."""
    path = rt.ensure_jyutping(tmp_path)
    words = set()
    for _info, text in services.corpus.items():
        words.update(text[i : i + n] for n in (1, 2, 3, 7) for i in range(0, len(text) - n, 3))
    con = sqlite3.connect(services.dictionary._path)
    try:
        words.update(row[0] for row in con.execute("SELECT traditional FROM entry WHERE id % 5 = 0"))
    finally:
        con.close()
    keys = [key for key, _ in rt.trie_rows()]
    words.update("x" + key + "好的" for key in keys[::11])
    assert len(words) > 30_000
    differ = [w for w in sorted(words) if _ours(path, w) != _reference(w)]
    assert differ == []
    assert _ours(path, "銀行") == "ngan4 hong4" and _ours(path, "abc") == ""


def test_jyutping_table_is_rebuilt_when_damaged_or_stale(tmp_path):
    """A garbage or truncated table is rebuilt; another version's file is removed."""
    path = rt.ensure_jyutping(tmp_path)
    good = path.read_bytes()
    old = tmp_path / "jyutping-0-0.1.sqlite3"
    old.write_bytes(b"old")
    for damaged in (b"garbage" * 100, good[: len(good) // 3], b""):
        path.write_bytes(damaged)
        assert rt.ensure_jyutping(tmp_path) == path
        assert _ours(path, "銀行") == "ngan4 hong4"
    assert not old.exists()


def test_zhuyin_table_equals_pypinyin_and_is_rebuilt_when_damaged(tmp_path, services):
    """Every syllable of the pinyin tables maps to pypinyin's own Bopomofo; a damaged table
    file is rebuilt."""
    table = rt.load_zhuyin(tmp_path, _zhuyin_syllable)
    syllables = rt.syllable_universe(tmp_path)
    assert len(syllables) > 1_000 and set(table) == syllables | {""}
    assert all(table[s] == _zhuyin_syllable(s) for s in syllables)
    assert table["hang2"] == "ㄏㄤˊ" and table["de5"] == "ㄉㄜ˙"
    rt.zhuyin_path(tmp_path).write_bytes(b"\x00garbage")
    assert rt.load_zhuyin(tmp_path, _zhuyin_syllable) == table
