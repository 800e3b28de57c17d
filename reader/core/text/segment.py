"""Word segmentation (jieba's words, by rjieba), always on the Simplified view of a text.

jieba is fast and accurate on Simplified text (~40k chars/s with part-of-speech tags, far
more without) and poor on Traditional text, so callers pass the Simplified view. Extra
multi-word terms (glossary terms such as `To B`, which contain spaces jieba would split at)
are passed in as protected spans: they become single tokens, and jieba segments the gaps.
No run reaches the cutter whole: text goes in pieces of at most MAX_PIECE characters, cut
where jieba itself would cut (Python jieba's HMM is quadratic in the length of a run of
unknown characters; rjieba's is not, and the pieces cost it nothing).
"""
from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
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
    """Word segmentation by rjieba (jieba-rs: jieba's dictionary and HMM, in Rust).

    rjieba loads in ~0.1 s where jieba takes ~0.7 s (1 s on a first run) and cuts text
    ~10x faster; the few places where it splits differently from jieba (Latin runs such as
    `0700.HK`, `To-B`; Han characters outside U+4E00..U+9FD5) are split here as jieba does,
    so the words are jieba's. `tokenizer` is a jieba Tokenizer for part-of-speech tagging,
    built on first use over `words` (a `WordTable`; see `reader.core.text.jieba_words`).
    """

    def __init__(self, cache_dir: Path | None = None, words=None) -> None:
        self._cache_dir = cache_dir
        self._words = words  # a callable returning the WordTable, or None: built in cache_dir
        self._lock = threading.Lock()
        self._cutter = None
        self._tokenizer = None

    def initialize(self) -> None:
        """Load rjieba's dictionary now (it otherwise loads on first use)."""
        with self._lock:
            if self._cutter is None:
                self._cutter = _claim_cutter()

    @property
    def tokenizer(self):
        """A jieba tokenizer with the same added words, for part-of-speech tagging."""
        self.initialize()
        with self._lock:
            if self._tokenizer is None:
                from reader.core.text.jieba_words import WordTable, jieba_tokenizer

                if self._words is not None:
                    table = self._words()
                else:
                    from reader.core import paths

                    table = WordTable.open(self._cache_dir or paths.cache_dir())
                # rjieba holds the same dictionary: its has_word answers most misses
                self._tokenizer = jieba_tokenizer(table, self._cutter.has_word)
            return self._tokenizer

    def is_word(self, text: str) -> bool:
        """Whether jieba's dictionary (with the words taught) holds `text` as a word."""
        self.initialize()
        return self._tokenizer.FREQ.get(text, 0) > 0

    def add_words(self, words: Iterable[str]) -> None:
        """Teach the segmenter extra Han words (names, terms) so it keeps them whole.

        rjieba and the tagger's jieba tokenizer each give a word the frequency that keeps
        it whole (rjieba computes it in log space, so a borderline word can differ by one).
        """
        tokenizer = self.tokenizer
        with self._lock:
            for word in words:
                if word and " " not in word:
                    tokenizer.add_word(word, freq=None)
                    self._cutter.add_word(word, None, None)

    def cut(self, text: str) -> list[str]:
        """Segment text; the pieces concatenate back to `text` exactly.

        jieba's words that mix Latin and Han are upper case (T恤, A股, C盘) and its look-up
        is case-sensitive, so the segmenter sees ASCII letters upper-cased: 't恤' stays one word.
        """
        self.initialize()
        if len(text) > MAX_PIECE:
            return [word for a, b in bounded_pieces(text) for word in self.cut(text[a:b])]
        probe = text.translate(_ASCII_UPPER)
        if probe == text:
            return self._cut(text)
        pieces, pos = [], 0
        for piece in self._cut(probe):
            pieces.append(text[pos:pos + len(piece)])
            pos += len(piece)
        return pieces

    def _cut(self, text: str) -> list[str]:
        """jieba's `lcut(text, HMM=True)`, computed by rjieba."""
        out: list[str] = []
        cutter = self._cutter
        for block in _JIEBA_BLOCK.split(text):
            if not block:
                continue
            if _JIEBA_BLOCK.match(block):
                for word in cutter.cut(block, True):
                    if len(word) > 1 and not _JIEBA_HAN.search(word) and not cutter.has_word(word):
                        out.extend(p for p in _JIEBA_SKIP.split(word) if p)  # 0700 . HK
                    else:
                        out.append(word)
            else:  # jieba: '\r\n' or one whitespace a token, anything else character by character
                for piece in _JIEBA_SPACE.split(block):
                    if _JIEBA_SPACE.fullmatch(piece):
                        out.append(piece)
                    else:
                        out.extend(piece)
        return out

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


_claimed = threading.Lock()


def _claim_cutter():
    """rjieba's module-level instance (built when rjieba is imported, ~0.1 s) for the first
    segmenter; a fresh one for any other (each has its own added words)."""
    import rjieba

    default = getattr(rjieba, "_DEFAULT_JIEBA", None)
    if default is not None and _claimed.acquire(blocking=False):
        return default
    return rjieba.Jieba()


# jieba's own patterns (jieba.re_han_default, finalseg.re_han, finalseg.re_skip).
_JIEBA_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_JIEBA_HAN = re.compile("[\u4E00-\u9FD5]")
_JIEBA_SPACE = re.compile("(\r\n|\\s)")
_JIEBA_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


MAX_PIECE = 500  # characters jieba sees at once (its HMM costs O(n²) in an unknown run)
FORCED_PIECE = 100  # where no safe cut exists
# jieba joins only characters of this class into words (its `re_han_default`): after any
# other character its output is the same whether the text is cut there or not.
_JOINABLE = "\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-"
_SAFE_CUT = re.compile(f"[^{_JOINABLE}]")


def bounded_pieces(text: str, limit: int = MAX_PIECE) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of at most `limit` characters tiling `text`, each ending after
    the last character jieba never joins (punctuation, space) in its second half; a run
    without one is cut every FORCED_PIECE characters (the HMM's cost per character grows
    with the run's length)."""
    pos, n = 0, len(text)
    while n - pos > limit:
        cut = pos + min(limit, FORCED_PIECE)
        for match in _SAFE_CUT.finditer(text, pos + limit // 2, pos + limit):
            cut = match.end()
        yield pos, cut
        pos = cut
    if pos < n:
        yield pos, n


_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _extend(spans: list[tuple[int, int]], offset: int, pieces: list[str]) -> None:
    for piece in pieces:
        end = offset + len(piece)
        spans.append((offset, end))
        offset = end
