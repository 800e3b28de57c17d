"""jieba's part-of-speech tagger without its one-second start-up.

`jieba.posseg` builds a global tagger when imported, and every `POSTokenizer` re-parses
jieba's whole 350k-line dictionary for word tags (~0.7 s each). The name detector tags a
few short windows per article, so here the tags come from the dictionary index in our
cache (one SQLite look-up per word, `Dictionary.jieba_tag`) and the import-time global is
pointed at an empty word list while the module loads. The tagging itself (jieba's HMM over
unknown words) is jieba's own, unchanged.
"""
from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable

_lock = threading.Lock()


class _TagTable:
    """The mapping jieba.posseg reads word tags from, backed by a look-up function."""

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        self._lookup = lookup
        self._memo: dict[str, str | None] = {}

    def get(self, word: str, default: str | None = None) -> str | None:
        if word not in self._memo:
            if len(self._memo) > 100_000:
                self._memo.clear()
            self._memo[word] = self._lookup(word)
        tag = self._memo[word]
        return default if tag is None else tag

    def update(self, other) -> None:  # user words added to the tokenizer
        self._memo.update(other)


def _import_posseg():
    from reader.core.text.segment import import_jieba

    jieba = import_jieba()

    with _lock:
        import sys

        if "jieba.posseg" in sys.modules:
            return sys.modules["jieba.posseg"]
        saved = jieba.dt.dictionary
        with tempfile.NamedTemporaryFile(suffix=".txt") as empty:
            jieba.dt.dictionary = empty.name  # the import-time global tagger parses nothing
            try:
                import jieba.posseg as posseg
            finally:
                jieba.dt.dictionary = saved
        return posseg


def make_tagger(tokenizer, tag_lookup: Callable[[str], str | None]):
    """A `jieba.posseg.POSTokenizer` over `tokenizer`, with tags from `tag_lookup`."""
    posseg = _import_posseg()
    tagger = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
    tagger.tokenizer = tokenizer
    tagger.word_tag_tab = _TagTable(tag_lookup)
    return tagger
