"""Word segmentation with jieba, always on the Simplified view of a text.

jieba is fast and accurate on Simplified text (~40k chars/s with part-of-speech tags, far
more without) and poor on Traditional text, so callers pass the Simplified view. Extra
multi-word terms (glossary terms such as `To B`, which contain spaces jieba would split at)
are passed in as protected spans: they become single tokens, and jieba segments the gaps.
"""
from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path


def import_jieba():
    """Import jieba without `pkg_resources`.

    jieba finds its data files through `pkg_resources` when it can (deprecated, and 165 ms
    of every start-up) and otherwise opens them beside its own module, which is all we
    need. The block applies only while jieba is imported.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return jieba


class Segmenter:
    """A private jieba tokenizer whose cache lives in our cache folder."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        jieba = import_jieba()

        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        if cache_dir is not None:
            self._tokenizer.tmp_dir = str(cache_dir)
        self._lock = threading.Lock()
        self._ready = False

    def initialize(self) -> None:
        """Load the prefix dictionary now (it otherwise loads on first use)."""
        with self._lock:
            if not self._ready:
                self._tokenizer.initialize()
                self._ready = True

    @property
    def tokenizer(self):
        """The underlying jieba tokenizer (for part-of-speech tagging)."""
        self.initialize()
        return self._tokenizer

    def add_words(self, words: Iterable[str]) -> None:
        """Teach jieba extra Han words (names, terms) so it keeps them whole."""
        self.initialize()
        for word in words:
            if word and " " not in word:
                self._tokenizer.add_word(word, freq=None)

    def cut(self, text: str) -> list[str]:
        """Segment text; the pieces concatenate back to `text` exactly.

        jieba's words that mix Latin and Han are upper case (T恤, A股, C盘) and its look-up
        is case-sensitive, so jieba sees ASCII letters upper-cased: 't恤' stays one word.
        """
        self.initialize()
        probe = text.translate(_ASCII_UPPER)
        if probe == text:
            return self._tokenizer.lcut(text, HMM=True)
        pieces, pos = [], 0
        for piece in self._tokenizer.lcut(probe, HMM=True):
            pieces.append(text[pos:pos + len(piece)])
            pos += len(piece)
        return pieces

    def cut_with_spans(
        self, text: str, protected: Sequence[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Token spans over `text`; each protected (start, end) span is one token.

        `protected` must be sorted and non-overlapping.
        """
        spans: list[tuple[int, int]] = []
        pos = 0
        for start, end in protected:
            if start < pos:
                continue
            if start > pos:
                _extend(spans, pos, self.cut(text[pos:start]))
            spans.append((start, end))
            pos = end
        if pos < len(text):
            _extend(spans, pos, self.cut(text[pos:]))
        return spans


_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _extend(spans: list[tuple[int, int]], offset: int, pieces: list[str]) -> None:
    for piece in pieces:
        end = offset + len(piece)
        spans.append((offset, end))
        offset = end
