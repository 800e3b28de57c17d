"""A look-up index over the glossary's entries, rebuilt when the glossary changes.

Look-up runs on every keystroke; scanning ~8,000 entries (case-folding every surface,
searching every explanation) cost 30–80 ms a search. The index keeps the entries in the
glossary's order, their folded surfaces sorted for prefix search, and their English text in
one string for the word search, so a keystroke costs a bisect and one regex pass.
"""
from __future__ import annotations

import re
import threading
import weakref
from bisect import bisect_left, bisect_right

_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


class GlossaryIndex:
    """Entries of one glossary version: exact/prefix surface search and English word search."""

    def __init__(self, glossary) -> None:
        self.version = glossary.version
        self.entries = glossary.entries()
        pairs = sorted((s.casefold(), i) for i, e in enumerate(self.entries)
                       for s in e.surfaces if s)
        self._names = [name for name, _ in pairs]
        self._owners = [i for _, i in pairs]
        texts = [f"{e.en} {e.expansion}" for e in self.entries]
        self._blob = "\n".join(texts)
        self._starts = []
        position = 0
        for text in texts:
            self._starts.append(position)
            position += len(text) + 1

    def by_surface(self, query: str, exact: int, prefix: int) -> dict[int, int]:
        """Entry index -> `exact` or `prefix`, for surfaces equal to / starting with `query`."""
        folded = query.casefold()
        found: dict[int, int] = {}
        for k in range(bisect_left(self._names, folded), len(self._names)):
            name = self._names[k]
            if not name.startswith(folded):
                break
            quality = exact if name == folded else prefix
            owner = self._owners[k]
            found[owner] = min(quality, found.get(owner, quality))
        return found

    def by_words(self, pattern: re.Pattern[str]) -> set[int]:
        """Indexes of entries whose English explanation or expansion matches `pattern`."""
        return {bisect_right(self._starts, m.start()) - 1 for m in pattern.finditer(self._blob)}


def glossary_index(glossary) -> GlossaryIndex:
    """The index of the glossary's current version (built on first use after a change)."""
    with _LOCK:
        index = _INDEXES.get(glossary)
    if index is None or index.version != glossary.version:
        index = GlossaryIndex(glossary)
        with _LOCK:
            _INDEXES[glossary] = index
    return index
