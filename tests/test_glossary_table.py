"""The bundled glossary read as compact rows: same entries and keys as a parse, built lazily."""
from __future__ import annotations

from reader.core import paths
from reader.core.glossary.data import load_glossary_folder
from reader.core.glossary.entry_table import EntryTable, load_bundled


def test_rows_give_back_every_entry():
    """Each bundled entry made from its row equals the parsed one, id included."""
    parsed = load_glossary_folder(paths.assets_dir() / "glossary", "bundled")
    table = EntryTable.of(parsed.entries)
    by_id = {entry.id: entry for entry in parsed.entries}
    assert len(table) == len(by_id) > 1000
    for key, entry in by_id.items():
        made = table[key]
        assert made == entry and made.id == key and made.source == entry.source


def test_cached_table_and_keys_equal_a_fresh_parse():
    """The first load parses and caches; the second reads rows and keys back unchanged,
    and builds no entry until one is asked for."""
    folder = paths.assets_dir() / "glossary"
    parsed = load_glossary_folder(folder, "bundled")
    first = load_bundled(folder)
    assert first.keys() == parsed.keys
    second = load_bundled(folder)
    assert len(second.entries._made) == 0
    assert second.keys() == parsed.keys
    assert second.problems == parsed.problems == []
    some = parsed.entries[len(parsed.entries) // 2]
    assert second.entries[some.id] == some
    assert len(second.entries._made) == 1
    assert second.entries.has_corpus_only() == any(e.corpus_only_variants for e in parsed.entries)
