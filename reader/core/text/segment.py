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

import logging
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

    The cutting itself is done by a cutter: rjieba in this process (`LocalCutter`), or, given
    a `helper` (`reader.core.text.segment_helper`), rjieba in a helper process, which keeps
    rjieba's dictionary load (~0.1 s holding the interpreter lock) out of the window's
    process. If the helper fails, cutting moves into this process, with the words taught.
    """

    def __init__(self, cache_dir: Path | None = None, words=None, helper=None) -> None:
        self._cache_dir = cache_dir
        self._words = words  # a callable returning the WordTable, or None: built in cache_dir
        self._helper = helper
        self._lock = threading.Lock()
        self._cutter = None
        self._tokenizer = None
        self._taught: dict[str, None] = {}  # words taught, in order (replayed on a fallback)

    def initialize(self) -> None:
        """Load rjieba's dictionary now (it otherwise loads on first use)."""
        with self._lock:
            if self._cutter is None:
                self._cutter = self._first_cutter()

    def _first_cutter(self):
        if self._helper is not None:
            try:
                self._helper.wait_ready()
                return self._helper
            except OSError as exc:
                _log.warning("segmentation helper unavailable, cutting in-process: %s", exc)
        return LocalCutter()

    @property
    def in_helper(self) -> bool:
        """Whether the cutting is done by the helper process now."""
        self.initialize()
        return self._cutter is self._helper

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
                # rjieba in this process holds the same dictionary: its has_word answers
                # most misses without the table
                known = getattr(self._cutter, "has_word", None)
                self._tokenizer = jieba_tokenizer(table, known)
                for word in self._taught:
                    self._tokenizer.add_word(word, freq=None)
            return self._tokenizer

    def is_word(self, text: str) -> bool:
        """Whether jieba's dictionary (with the words taught) holds `text` as a word."""
        return self.tokenizer.FREQ.get(text, 0) > 0

    def add_words(self, words: Iterable[str]) -> None:
        """Teach the segmenter extra Han words (names, terms) so it keeps them whole.

        rjieba and the tagger's jieba tokenizer each give a word the frequency that keeps
        it whole (rjieba computes it in log space, so a borderline word can differ by one).
        """
        new = [w for w in words if w and " " not in w and w not in self._taught]
        if not new:
            return
        tokenizer = self.tokenizer
        with self._lock:
            for word in new:
                self._taught[word] = None
                tokenizer.add_word(word, freq=None)
        self._run(lambda cutter: cutter.add_words(new))

    def cut(self, text: str) -> list[str]:
        """Segment text; the pieces concatenate back to `text` exactly.

        jieba's words that mix Latin and Han are upper case (T恤, A股, C盘) and its look-up
        is case-sensitive, so the segmenter sees ASCII letters upper-cased: 't恤' stays one word.
        """
        return self.cut_many([text])[0]

    def cut_many(self, texts: Sequence[str]) -> list[list[str]]:
        """`cut` of each text, in one call to the cutter (one exchange with a helper)."""
        probes: list[str] = []
        ranges: list[tuple[int, int]] = []  # each text's probes
        for text in texts:
            first = len(probes)
            if len(text) > MAX_PIECE:
                probes.extend(text[a:b].translate(_ASCII_UPPER) for a, b in bounded_pieces(text))
            elif text:
                probes.append(text.translate(_ASCII_UPPER))
            ranges.append((first, len(probes)))
        cuts = self._run(lambda cutter: cutter.cut_many(probes)) if probes else []
        out: list[list[str]] = []
        for text, (first, last) in zip(texts, ranges, strict=True):
            words = [w for cut in cuts[first:last] for w in cut]
            if "".join(words) != text:  # ASCII letters were upper-cased: the text's own
                words = split_at_lengths(text, map(len, words))
            out.append(words)
        return out

    def _cut(self, text: str) -> list[str]:
        """jieba's `lcut(text, HMM=True)`, computed by rjieba (no pieces, no upper-casing)."""
        return self._run(lambda cutter: cutter.cut_many([text]))[0]

    def _run(self, work):
        """`work(cutter)`; when the helper fails, again on rjieba in this process."""
        self.initialize()
        cutter = self._cutter
        try:
            return work(cutter)
        except HelperFailed as exc:
            if getattr(cutter, "closed", False):
                raise  # the window is closing: no need to cut anything any more
            with self._lock:
                if self._cutter is cutter:
                    _log.warning("segmentation helper failed, cutting in-process: %s", exc)
                    local = LocalCutter()
                    local.add_words(list(self._taught))
                    self._cutter = local
                cutter = self._cutter
            return work(cutter)

    def cut_with_spans(
        self, text: str, protected: Sequence[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Token spans over `text`; each protected (start, end) span is one token.

        `protected` must be sorted and non-overlapping.
        """
        return self.spans_many([(text, protected)])[0]

    def spans_many(
        self, items: Sequence[tuple[str, Sequence[tuple[int, int]]]]
    ) -> list[list[tuple[int, int]]]:
        """`cut_with_spans` of each (text, protected) item, in one call to the cutter."""
        plans: list[list[tuple[int, int, bool]]] = []  # (start, end, is_protected) in order
        gaps: list[str] = []
        for text, protected in items:
            plan: list[tuple[int, int, bool]] = []
            pos = 0
            for start, end in protected:
                if start < pos:
                    continue
                if start > pos:
                    plan.append((pos, start, False))
                    gaps.append(text[pos:start])
                plan.append((start, end, True))
                pos = end
            if pos < len(text):
                plan.append((pos, len(text), False))
                gaps.append(text[pos:])
            plans.append(plan)
        cuts = iter(self.cut_many(gaps))
        out: list[list[tuple[int, int]]] = []
        for plan in plans:
            spans: list[tuple[int, int]] = []
            for start, end, whole in plan:
                if whole:
                    spans.append((start, end))
                else:
                    _extend(spans, start, next(cuts))
            out.append(spans)
        return out


class HelperFailed(OSError):
    """The segmentation helper process died, hung or answered nonsense."""


class LocalCutter:
    """jieba's `lcut(text, HMM=True)` by rjieba in this process (jieba's own splitting of
    Latin runs and of characters jieba never joins applied on top)."""

    def __init__(self) -> None:
        self._jieba = _claim_cutter()
        self.has_word = self._jieba.has_word

    def add_words(self, words: Iterable[str]) -> None:
        for word in words:
            self._jieba.add_word(word, None, None)

    def cut_many(self, texts: Iterable[str]) -> list[list[str]]:
        return [self.cut(text) for text in texts]

    def cut(self, text: str) -> list[str]:
        out: list[str] = []
        jieba = self._jieba
        for block in _JIEBA_BLOCK.split(text):
            if not block:
                continue
            if _JIEBA_BLOCK.match(block):
                for word in jieba.cut(block, True):
                    if len(word) > 1 and not _JIEBA_HAN.search(word) and not jieba.has_word(word):
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


_log = logging.getLogger(__name__)
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


def split_at_lengths(text: str, lengths: Iterable[int]) -> list[str]:
    """`text` cut into consecutive pieces of the given lengths."""
    pieces, pos = [], 0
    for n in lengths:
        pieces.append(text[pos:pos + n])
        pos += n
    return pieces


def _extend(spans: list[tuple[int, int]], offset: int, pieces: list[str]) -> None:
    for piece in pieces:
        end = offset + len(piece)
        spans.append((offset, end))
        offset = end
