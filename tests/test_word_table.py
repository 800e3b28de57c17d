"""jieba's word list searched where it lies (with the shipped index of its few lines out of
order) answers exactly as the sorted copy does; any other word list gets the sorted copy."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from reader.core.datacache import PREBUILT
from reader.core.paths import assets_dir
from reader.core.text.jieba_words import (
    INDEX_NAME,
    WordTable,
    build,
    in_place_index,
    jieba_dict_file,
)

SHIPPED = assets_dir() / PREBUILT / INDEX_NAME


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    """(in place, sorted copy, the index) over the installed jieba's dict.txt."""
    folder = tmp_path_factory.mktemp("words")
    source = jieba_dict_file()
    index = in_place_index(source)
    assert index is not None
    build(source, folder / "sorted.txt", "test")
    return WordTable(source, index), WordTable(folder / "sorted.txt"), index


def _probes(index: dict) -> list[str]:
    """Every 53rd word of the list, every word and prefix the index answers, and near
    misses (a word plus a character, a word's first half, Latin case variants)."""
    words = [line.split(" ")[0] for line in
             jieba_dict_file().read_text(encoding="utf-8").splitlines() if line]
    probes = set(words[::53]) | set(index["overrides"]) | set(index["prefixes"])
    probes |= {line.split(" ")[0] for line in index["skip"]}
    for word in list(probes)[:3000]:
        probes |= {word + "的", word[: max(1, len(word) // 2)], word.lower(), word.upper()}
    return sorted(probes | {"", "银行", "银", "私域流量", "zzzz", "\U0002a6a5"})


def test_in_place_answers_like_the_sorted_copy(tables):
    """Frequencies, prefixes (0), misses (None), tags and the total all agree."""
    in_place, copy, index = tables
    assert in_place.total == copy.total > 60_000_000
    probes = _probes(index)
    assert len(probes) > 10_000
    for word in probes:
        assert in_place.lookup(word) == copy.lookup(word), word
        assert in_place.tag(word) == copy.tag(word), word
    assert in_place.lookup("T恤") == 4 and in_place.tag("C++") == "nz"  # out of order
    assert in_place.lookup("银") == copy.lookup("银") and in_place.lookup("银行") > 0


def test_the_shipped_index_is_current_or_unused(tmp_path):
    """The shipped index is the one `make prebuilt` computes for this jieba; for any other
    dict.txt it is not used and the sorted copy is built."""
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    computed = in_place_index(jieba_dict_file())
    if computed["digest"] == shipped["digest"]:
        assert shipped == computed, "stale: run `make prebuilt`"
        WordTable.open(tmp_path / "cache")
        assert not (tmp_path / "cache" / "jieba-words.txt").exists()  # searched in place
        assert (tmp_path / "cache" / "jieba-words.checked").exists()
    other = tmp_path / "dict.txt"  # one frequency changed: another file
    text = jieba_dict_file().read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("银行 "))
    new = f"银行 {int(old.split()[1]) + 12345} {old.split()[2]}"
    other.write_text(text.replace(f"\n{old}\n", f"\n{new}\n", 1), encoding="utf-8")
    table = WordTable.open(tmp_path / "other-cache", source=other)
    assert (tmp_path / "other-cache" / "jieba-words.txt").exists()
    assert table.lookup("银行") == int(old.split()[1]) + 12345


def test_a_wrong_or_damaged_check_note_means_checking_again(tmp_path):
    """The note that remembers a checked digest, damaged or for other bytes, is not
    trusted: the file is hashed again (and a mismatch means the sorted copy)."""
    source = tmp_path / "dict.txt"
    shutil.copy(jieba_dict_file(), source)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "jieba-words.checked").write_bytes(b"\xff\xfe garbage")
    table = WordTable.open(cache, source=source, shipped=SHIPPED)
    assert table.lookup("银行") > 0 and not (cache / "jieba-words.txt").exists()
    data = bytearray(source.read_bytes())
    at = data.index("\n银行 ".encode()) + len("\n银行 ".encode())
    data[at] = ord("9") if data[at] != ord("9") else ord("8")  # same size, other bytes
    source.write_bytes(bytes(data))
    os.utime(source, ns=(10**18, 10**18))
    again = WordTable.open(cache, source=source, shipped=SHIPPED)
    assert (cache / "jieba-words.txt").exists()  # the note's stamp no longer matched
    assert str(again.lookup("银行")).startswith(chr(data[at]))
