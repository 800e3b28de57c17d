"""Script detection and conversion between Simplified and Traditional Chinese.

Conversion uses upstream OpenCC (the native `opencc` wheel: it passes all 556 of OpenCC
1.4.2's own test cases, at several million characters a second, and converts phrase by
phrase, so 发育 becomes 發育 and never 髮育).
"""
from __future__ import annotations

import enum
import threading
from bisect import bisect_right
from collections.abc import Callable
from functools import cache


class Script(enum.StrEnum):
    """The script an article is written in."""

    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"
    MIXED = "mixed"


class View(enum.StrEnum):
    """A way to show an article: as written, or converted to one standard."""

    ORIGINAL = "original"
    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"
    TAIWAN = "taiwan"
    HONGKONG = "hongkong"

    @property
    def is_traditional(self) -> bool:
        return self in (View.TRADITIONAL, View.TAIWAN, View.HONGKONG)


# OpenCC configurations. The four reading views keep the length of the text; the
# phrase-level Taiwan one (s2twp) does not and is offered only through `convert`.
_CONFIGS = {
    "s2t": "s2t.json",
    "t2s": "t2s.json",
    "s2tw": "s2tw.json",
    "s2hk": "s2hk.json",
    "s2twp": "s2twp.json",
    "tw2sp": "tw2sp.json",
    "t2tw": "t2tw.json",
    "t2hk": "t2hk.json",
}
_lock = threading.Lock()


@cache
def _converter(name: str):
    """OpenCC for one configuration: through its C API, which loads (s2t: 70-130 ms) and
    converts without holding the interpreter lock (see opencc_native), else its Python class."""
    from reader.core.text.opencc_native import open_converter

    with _lock:
        native = open_converter(_CONFIGS[name])
        if native is not None:
            return native
        import opencc

        return opencc.OpenCC(_CONFIGS[name])


# OpenCC's Python class holds the GIL while it converts (~0.2-0.45 s per million
# characters), which would freeze the window while a worker thread converts a long text; so
# long texts are converted in chunks cut at newlines (phrases never span one), letting other
# threads run in between. 8k characters take 1-5 ms (s2twp on a busy machine: ~10 ms),
# short enough that the GUI thread never waits long for the GIL. (Through the C API the
# lock is released anyway; the chunks cost nothing.)
CONVERT_CHUNK = 8_000


def convert(text: str, config: str) -> str:
    """Convert `text` with one OpenCC configuration (s2t, t2s, s2tw, s2hk, s2twp, tw2sp)."""
    if not text:
        return text
    converter = _converter(config)
    if len(text) <= CONVERT_CHUNK:
        return converter.convert(text)
    pieces = []
    start = 0
    while start < len(text):
        cut = text.find("\n", start + CONVERT_CHUNK)
        end = len(text) if cut < 0 else cut + 1
        pieces.append(converter.convert(text[start:end]))
        start = end
    return "".join(pieces)


def to_simplified(text: str) -> str:
    return convert(text, "t2s")


def to_traditional(text: str) -> str:
    return convert(text, "s2t")


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


# A script counts as present in a mixed text when it holds at least this share of the
# script-specific characters (and a few of them): seed 001 has ~5 %, seed 000 (a
# Traditional article using the variants 着/里 that both scripts share) has < 1 %.
MIXED_MINORITY_SHARE = 0.03
MIXED_MINORITY_MIN = 8


DETECT_SAMPLE = 40_000


def script_counts(text: str) -> tuple[int, int]:
    """Count characters only Traditional writes and characters only Simplified writes."""
    han = "".join(ch for ch in text if _is_han(ch))
    if not han:
        return 0, 0
    if len(han) > DETECT_SAMPLE:  # eight evenly spread slices are plenty, and keep every
        step = len(han) // 8     # OpenCC call short (it holds the GIL)
        size = DETECT_SAMPLE // 8
        han = "".join(han[k * step : k * step + size] for k in range(8))
    simplified = to_simplified(han)
    traditional = to_traditional(han)
    trad_only = sum(1 for a, b in zip(han, simplified, strict=False) if a != b)
    simp_only = sum(1 for a, b in zip(han, traditional, strict=False) if a != b)
    return trad_only, simp_only


def detect_script(text: str) -> Script:
    """Say whether `text` is Simplified, Traditional, or a mix of both."""
    trad_only, simp_only = script_counts(text)
    total = trad_only + simp_only
    if total == 0:
        return Script.SIMPLIFIED
    minority = min(trad_only, simp_only)
    if minority >= MIXED_MINORITY_MIN and minority / total >= MIXED_MINORITY_SHARE:
        return Script.MIXED
    return Script.TRADITIONAL if trad_only > simp_only else Script.SIMPLIFIED

def convert_keep_length(text: str, config: str) -> str:
    """Convert paragraph by paragraph; where a paragraph changes length, go char by char."""
    whole = convert(text, config)
    if len(whole) == len(text):
        return whole
    out = []
    for line in text.split("\n"):
        converted = convert(line, config)
        if len(converted) != len(line):
            chars = [convert(ch, config) for ch in line]
            converted = "".join(c if len(c) == 1 else o for c, o in zip(chars, line, strict=True))
        out.append(converted)
    return "\n".join(out)


@cache
def _char_conversion(ch: str, config: str) -> str:
    converted = convert(ch, config)
    return converted if len(converted) == 1 else ch


PHRASE_WINDOW = 4  # the longest phrase looked for around a leftover character


def _kept_by_phrase(simplified: str, i: int, kept: str, config: str) -> tuple[int, int] | None:
    """The shortest window around `i` whose own conversion keeps `kept` there (a phrase)."""
    for size in range(2, PHRASE_WINDOW + 1):
        for a in range(max(0, i - size + 1), min(i, len(simplified) - size) + 1):
            piece = convert(simplified[a : a + size], config)
            if len(piece) == size and piece[i - a] == kept:
                return a, a + size
    return None


def fix_leftovers(view: str, simplified: str, starts, config: str,
                  is_word: Callable[[str], bool] | None = None) -> str:
    """Convert characters the phrase conversion left Simplified, one by one.

    OpenCC keeps a Simplified-looking character when a phrase says so (公里, 有云), but its
    phrases are matched greedily and can straddle two words (公有|云 read as 有云 "it is
    said"). A kept character stays only when the phrase keeping it lies inside one token
    (`starts`: the sorted token starts) and no dictionary word of that token (`is_word`)
    crosses its edge (without `is_word`, text not yet segmented, every phrase is trusted); any other converts character by character (公有云 → 公有雲, since 公有
    is a word, while 五公里 keeps 公里). `view` and `simplified` have the same length.
    """
    if len(view) != len(simplified):
        return view
    leftovers = {ch: target for ch in set(view)
                 if _is_han(ch) and (target := _char_conversion(ch, config)) != ch}
    if not leftovers:
        return view
    chars = list(view)
    for ch, target in leftovers.items():
        i = view.find(ch)
        while i >= 0:
            phrase = _kept_by_phrase(simplified, i, ch, config)
            if phrase is None or not _lines_up(phrase, simplified, starts, is_word):
                chars[i] = target
            i = view.find(ch, i + 1)
    return "".join(chars)


CROSSING_WORD = 4  # the longest word looked for across a phrase's edge


def _lines_up(phrase: tuple[int, int], simplified: str, starts, is_word) -> bool:
    """Whether the phrase sits in one token with no word of that token crossing its edges."""
    if is_word is None:  # no segmentation yet (the plain document): trust the phrase
        return True
    a, b = phrase
    k = bisect_right(starts, a) - 1
    t0 = starts[k] if k >= 0 else 0
    t1 = starts[k + 1] if k + 1 < len(starts) else len(simplified)
    if b > t1:
        return False  # the phrase straddles two tokens
    for x in range(max(t0, a - CROSSING_WORD + 1), a):  # words that cut in from the left
        if any(is_word(simplified[x:y]) for y in range(a + 1, min(b, x + CROSSING_WORD + 1))):
            return False
    for y in range(b + 1, min(t1, b + CROSSING_WORD - 1) + 1):  # ...and out to the right
        if any(is_word(simplified[x:y]) for x in range(max(a + 1, y - CROSSING_WORD), b)):
            return False
    return True
