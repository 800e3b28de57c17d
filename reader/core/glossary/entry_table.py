"""The bundled glossary as compact rows, made into `Entry` objects on first use.

Reading ~15,000 pickled `Entry` dataclasses back from the data cache cost ~65 ms at every
start (one Python object built per entry); rows of plain strings and tuples unpickle in C
in a few milliseconds. An `Entry` is built (a few µs) when something asks for it: an
annotation asks for the few hundred it matched, the glossary list for all of them.
The surfaces' matching keys, needed only to build a matcher, are cached apart and read
only then.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from reader.core.glossary.data import Entry, glossary_files, load_glossary_folder

FIELDS = tuple(f.name for f in fields(Entry))
_CORPUS_ONLY = FIELDS.index("corpus_only_variants")
_LOCATION = FIELDS.index("location")
TABLE_VERSION = 11  # bump when Entry's fields change (older caches of this name used 1-2)


def entry_rows(entries: list[Entry]) -> dict[str, tuple]:
    """Each entry's field values in `FIELDS` order, by id (a later id replaces an earlier)."""
    return {entry.id: tuple(getattr(entry, name) for name in FIELDS) for entry in entries}


class EntryTable(Mapping):
    """Entries by id, kept as rows; each `Entry` is made once, on first access."""

    def __init__(self, rows: dict[str, tuple]) -> None:
        self._rows = rows
        self._made: dict[str, Entry] = {}

    @classmethod
    def of(cls, entries: list[Entry]) -> EntryTable:
        return cls(entry_rows(entries))

    def __getitem__(self, key: str) -> Entry:
        entry = self._made.get(key)
        if entry is None:
            entry = Entry(*self._rows[key])
            entry.__dict__["id"] = key  # what the cached property would compute
            self._made[key] = entry
        return entry

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def has_corpus_only(self) -> bool:
        """Whether any entry has corpus-only variants (without building the entries)."""
        return any(row[_CORPUS_ONLY] for row in self._rows.values())


@dataclass
class BundledTable:
    """The bundled glossary files: entries, deletions, problems; `keys()` gives the
    surfaces' matching keys (read from their own cache only when a matcher is built)."""

    entries: EntryTable
    deleted: list[str]
    problems: list[str]
    keys: Callable[[], dict[str, str]]


def load_bundled(path: Path, source: str = "bundled") -> BundledTable:
    """Every `*.toml` of a folder (or one file), from the data cache while unchanged."""
    from reader.core.datacache import cached

    path = Path(path)
    files = glossary_files(path)
    parsed: list = []

    def parse() -> tuple:
        result = load_glossary_folder(path, source)
        parsed.append(result)
        rows = entry_rows(result.entries)
        folder = f"{path if path.is_dir() else path.parent}{os.sep}"
        for key, row in rows.items():  # 'general.toml:12': no path of this machine is kept
            rows[key] = (*row[:_LOCATION], row[_LOCATION].removeprefix(folder),
                         *row[_LOCATION + 1:])
        return rows, list(result.deleted), list(result.problems)

    rows, deleted, problems = cached(f"glossary-{source}", files, parse,
                                     version=TABLE_VERSION)
    table = EntryTable(rows)

    def keys() -> dict[str, str]:
        def compute() -> dict[str, str]:
            if parsed:
                return parsed[0].keys
            from reader.core.glossary.match import surface_keys

            return surface_keys(s for e in table.values() for s in (
                *e.surfaces, *e.exclude, *e.corpus_only_variants))

        return cached(f"glossary-keys-{source}", files, compute, version=TABLE_VERSION)

    return BundledTable(table, deleted, problems, keys)
