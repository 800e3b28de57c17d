"""The pickle cache of parsed data files: reused while files are unchanged, bounded on disk."""
from __future__ import annotations

import os

from reader.core import datacache, paths


def _counting_parse(calls: list, value):
    def parse():
        calls.append(1)
        return value
    return parse


def test_reused_while_unchanged_and_reparsed_after_an_edit(tmp_path):
    """The second call reads the cache; editing the file parses again."""
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n", encoding="utf-8")
    calls: list = []
    assert datacache.cached("t-reuse", [source], _counting_parse(calls, {"a": 1})) == {"a": 1}
    assert datacache.cached("t-reuse", [source], _counting_parse(calls, {"a": 9})) == {"a": 1}
    assert len(calls) == 1
    source.write_text("a = 22\n", encoding="utf-8")
    assert datacache.cached("t-reuse", [source], _counting_parse(calls, {"a": 22})) == {"a": 22}
    assert len(calls) == 2


def test_a_garbage_cache_file_means_parsing_again(tmp_path):
    """An unreadable cache file is not fatal: the data is parsed and the file rewritten."""
    source = tmp_path / "data.toml"
    source.write_text("x\n", encoding="utf-8")
    datacache.cached("t-garbage", [source], lambda: [1])
    (target,) = paths.cache_dir().glob("t-garbage-*.pickle")
    target.write_bytes(b"\x80garbage")
    assert datacache.cached("t-garbage", [source], lambda: [2]) == [2]
    assert datacache.cached("t-garbage", [source], lambda: [3]) == [2]


def test_old_files_of_a_name_are_pruned(tmp_path):
    """Each edit makes a new file; only the KEEP newest of that name stay, others' are untouched."""
    source = tmp_path / "data.toml"
    datacache.cached("t-prune-other", [source], lambda: 0)
    for n in range(datacache.KEEP + 3):
        source.write_text("v" * (n + 1), encoding="utf-8")
        os.utime(source, ns=(n * 10**9, n * 10**9))
        datacache.cached("t-prune", [source], lambda n=n: n)
    kept = list(paths.cache_dir().glob("t-prune-*.pickle"))
    assert len([p for p in kept if not p.name.startswith("t-prune-other")]) == datacache.KEEP
    assert len(list(paths.cache_dir().glob("t-prune-other-*.pickle"))) == 1
    assert datacache.cached("t-prune", [source], lambda: -1) == datacache.KEEP + 2
