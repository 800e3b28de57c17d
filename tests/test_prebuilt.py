"""The prebuilt results shipped in assets/prebuilt: current, read on a first run, never
trusted for data they were not built from."""
from __future__ import annotations

import importlib.util
import os
import pickle
import shutil
from pathlib import Path

import pytest

from reader.core import datacache, paths
from reader.core.glossary.store import Glossary
from reader.core.services import Services

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("glossary-bundled", "glossary-keys-bundled", "glossary-matcher", "people-directory")


def _prebuild():
    spec = importlib.util.spec_from_file_location("prebuild", ROOT / "tools" / "prebuild.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shipped(name: str) -> tuple[bytes, object]:
    with datacache.prebuilt_path(name).open("rb") as handle:
        return handle.readline(), pickle.load(handle)


def test_shipped_results_are_current():
    """Each shipped file is what `make prebuilt` makes from today's data and code (if this
    fails after a data edit: run `make prebuilt`)."""
    tool = _prebuild()
    fresh = tool.collect()
    assert sorted(fresh) == sorted(NAMES)
    for name in NAMES:
        header, value = _shipped(name)
        data, library = header.split()[2:], fresh[name][0].split()[2:]
        assert data[0] == library[0], f"{name} is stale: run `make prebuilt`"
        if data[1] != library[1]:  # built with another pyahocorasick: not used here
            assert name == "glossary-matcher"
            continue
        assert tool.comparable(value) == tool.comparable(fresh[name][1]), name


def test_shipped_results_hold_no_path_of_the_build_machine():
    """Locations are kept relative to the data folder ('general.toml:12')."""
    for name in NAMES:
        assert str(ROOT).encode() not in datacache.prebuilt_path(name).read_bytes(), name
    entry = Services().glossary.get("tob")
    assert entry.location.startswith("general.toml:")


def test_a_first_run_reads_the_shipped_results_instead_of_parsing(tmp_path, monkeypatch):
    """With an empty cache nothing is parsed or written for the bundled glossary and
    people, and they work."""
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "empty-cache"))
    services = Services()
    assert [hit.entry_id for hit in services.glossary.find("做To B生意")] == ["tob"]
    assert len(services.glossary) > 10_000 and len(services.people.people()) > 1_000
    cache = paths.cache_dir()
    written = [p.name for p in cache.glob("*.pickle")] if cache.exists() else []
    assert not written


def test_edited_data_is_parsed_not_read_from_the_shipped_results(tmp_path, monkeypatch):
    """A copy of the glossary with one entry changed gets the change (the shipped result
    is keyed by the files' bytes, not their names), and is cached as usual."""
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "glossary"
    shutil.copytree(paths.assets_dir() / "glossary", folder)
    general = folder / "general.toml"
    text = general.read_text(encoding="utf-8")
    assert text.count('term = "To B"') == 1
    general.write_text(text.replace('term = "To B"', 'term = "To Bee"'), encoding="utf-8")
    glossary = Glossary(folder, tmp_path / "user.toml")
    assert glossary.get("tobee") is not None and glossary.get("tob") is None
    assert list(paths.cache_dir().glob("glossary-bundled-*.pickle"))
    assert list(paths.cache_dir().glob("glossary-matcher-*.pickle"))


@pytest.mark.parametrize("damage", [b"", b"\x80 not a pickle", b"(truncated"])
def test_a_damaged_or_foreign_prebuilt_file_means_parsing(tmp_path, monkeypatch, damage):
    """A shipped file with the right header but a damaged body, or another header, is
    ignored: the data is parsed and the result is right."""
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n", encoding="utf-8")
    shipped = tmp_path / "t-prebuilt.pickle"
    monkeypatch.setattr(datacache, "prebuilt_path", lambda name: shipped)
    shipped.write_bytes(datacache.prebuilt_header("t-prebuilt", [source]) + damage)
    assert datacache.cached("t-prebuilt", [source], lambda: "parsed") == "parsed"
    shipped.write_bytes(b"reader-prebuilt t-prebuilt 00 -\n" + pickle.dumps("stale"))
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "other-cache"))
    assert datacache.cached("t-prebuilt", [source], lambda: "parsed again") == "parsed again"


def test_a_matching_prebuilt_file_is_read_and_a_native_one_needs_its_library(tmp_path,
                                                                             monkeypatch):
    """The header binds a result to its files' bytes (and, for a native result, to the
    compiled library): the same bytes under another name or time still match."""
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n", encoding="utf-8")
    shipped = tmp_path / "t-native.pickle"
    monkeypatch.setattr(datacache, "prebuilt_path", lambda name: shipped)
    shipped.write_bytes(datacache.prebuilt_header("t-native", [source], native=True)
                        + pickle.dumps("shipped"))
    assert datacache.cached("t-native", [source], lambda: "parsed", native=True) == "shipped"
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache-2"))
    assert datacache.cached("t-native", [source], lambda: "parsed") == "parsed"  # not native
    copy = tmp_path / "elsewhere" / "data.toml"
    copy.parent.mkdir()
    copy.write_bytes(source.read_bytes())
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache-3"))
    assert datacache.cached("t-native", [copy], lambda: "parsed", native=True) == "shipped"


def test_a_checked_prebuilt_file_is_remembered_and_a_damaged_note_is_not(tmp_path,
                                                                         monkeypatch):
    """Once a shipped file matched, later starts skip hashing the data files (a note in the
    cache remembers it); a damaged note, or data with another stamp, means checking again."""
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n", encoding="utf-8")
    shipped = tmp_path / "t-note.pickle"
    monkeypatch.setattr(datacache, "prebuilt_path", lambda name: shipped)
    shipped.write_bytes(datacache.prebuilt_header("t-note", [source]) + pickle.dumps("shipped"))
    assert datacache.cached("t-note", [source], lambda: "parsed") == "shipped"
    (note,) = paths.cache_dir().glob("t-note-*.prebuilt")
    calls = []
    real = datacache.prebuilt_header
    monkeypatch.setattr(datacache, "prebuilt_header",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    assert datacache.cached("t-note", [source], lambda: "parsed") == "shipped"
    assert calls == []  # remembered: not hashed again
    note.write_bytes(b"\x00damaged")
    assert datacache.cached("t-note", [source], lambda: "parsed") == "shipped"
    assert calls == [1]
    source.write_text("a = 2\n", encoding="utf-8")  # other bytes: the shipped file is not theirs
    os.utime(source, ns=(10**18, 10**18))  # (a clock tick may be coarser than two writes)
    assert datacache.cached("t-note", [source], lambda: "parsed") == "parsed"


def test_a_native_result_from_another_library_version_is_not_read(tmp_path, monkeypatch):
    """The same data, a matcher pickled with another pyahocorasick: parsed instead."""
    source = tmp_path / "data.toml"
    source.write_text("a = 1\n", encoding="utf-8")
    shipped = tmp_path / "t-other.pickle"
    monkeypatch.setattr(datacache, "prebuilt_path", lambda name: shipped)
    name, data, _library = datacache.prebuilt_header("t-other", [source], native=True).split()[1:]
    shipped.write_bytes(b" ".join([b"reader-prebuilt", name, data, b"0123456789abcdef"]) + b"\n"
                        + pickle.dumps("from another library"))
    assert datacache.cached("t-other", [source], lambda: "parsed", native=True) == "parsed"
