"""Find in an annotated Document: by text in any script, or by pinyin with or without tones.

Text is matched on the Simplified base text (the query converted to Simplified too), so
騰訊 finds 腾讯 whichever view is shown. Pinyin (`tengxun`, `téng xùn`, `teng2xun4`) is
matched on the tokens' readings: one string of every token's tone-number pinyin, built once
per document with C-level joins (a million characters take tens of milliseconds), searched
with one regular expression. Matches are base-offset (start, end) pairs, in order.
"""
from __future__ import annotations

import re
import threading
import unicodedata
import weakref
from itertools import accumulate

from reader.core.text.document import Document
from reader.core.text.scripts import convert_keep_length

MAX_MATCHES = 100_000  # a find never returns more (a one-letter query on a long text)
_TONE_OF_MARK = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_INITIALS = ("zh", "ch", "sh", *"bpmfdtnlgkhjqxrzcsyw")
_FINALS = frozenset(
    "a o e ai ei ao ou an en ang eng ong er i ia ie iao iu ian in iang ing iong u ua uo uai ui"
    " uan un uang ueng ü üe üan ün ue".split())


def parse_pinyin(query: str) -> list[tuple[str, str]] | None:
    """The syllables of a pinyin query as (letters, tone digit or ''), or None if it is not
    pinyin. Tone marks and tone numbers both work; spaces and apostrophes are optional."""
    text = unicodedata.normalize("NFD", query.strip().lower())
    if not text or any(ord(ch) > 0x2E80 for ch in text):
        return None
    syllables: list[tuple[str, str]] = []
    for chunk in re.split(r"[\s'’\-]+", text):
        if not chunk:
            continue
        letters, tones = [], []  # a mark belongs to the syllable being read
        for ch in chunk:
            if ch in _TONE_OF_MARK:
                tones.append((len(letters), _TONE_OF_MARK[ch]))
            elif unicodedata.combining(ch):
                if ch == "\u0308" and letters and letters[-1] == "u":
                    letters[-1] = "ü"
            else:
                letters.append(ch)
        parsed = _split(unicodedata.normalize("NFC", "".join(letters)).replace("v", "ü"))
        if parsed is None:
            return None
        syllables.extend(_place_tones(parsed, tones))
    return syllables or None


def _split(word: str) -> list[tuple[str, str]] | None:
    """Split letters with optional tone digits into syllables, longest first."""
    if not word:
        return []
    for size in range(min(6, len(word)), 0, -1):
        head = word[:size]
        if not _is_syllable(head):
            continue
        rest, tone = word[size:], ""
        if rest[:1] in ("1", "2", "3", "4", "5"):
            tone, rest = rest[0], rest[1:]
        tail = _split(rest)
        if tail is not None:
            return [(head, tone), *tail]
    return None


def _is_syllable(text: str) -> bool:
    if not text.isalpha():
        return False
    for initial in sorted(_INITIALS, key=len, reverse=True):
        if text.startswith(initial) and text[len(initial):] in _FINALS:
            return True
    return text in _FINALS


def _place_tones(parsed: list[tuple[str, str]], marks: list[tuple[int, str]]):
    """Give each syllable the tone mark that fell inside its letters."""
    out, pos = [], 0
    for letters, tone in parsed:
        end = pos + len(letters)
        for at, digit in marks:
            if pos < at <= end:
                tone = digit
        out.append((letters, tone))
        pos = end
    return out


def _syllable_pattern(letters: str, tone: str) -> str:
    body = re.escape(letters).replace("u", "[uü]") if "ü" not in letters else re.escape(letters)
    return body + (tone if tone else "[1-5]")


class _PinyinIndex:
    """Every token's tone-number reading in one string, where each token starts in it, and
    how many spaces (syllable breaks) come before each token (numpy arrays)."""

    def __init__(self, document: Document) -> None:
        import numpy as np

        readings = [p or "#" for p in document._pinyin]
        self.text = " ".join(readings) + " "  # every reading ends with a space
        self.starts = np.fromiter(accumulate((len(r) + 1 for r in readings), initial=0),
                                  dtype=np.int64, count=len(readings) + 1)
        raw = np.frombuffer(self.text.encode("latin-1", errors="replace"), dtype=np.uint8)
        self.spaces = np.flatnonzero(raw == 32)
        self.spaces_before = np.searchsorted(self.spaces, self.starts)
        self.chars = np.frombuffer(document._starts, dtype=np.int64) \
            if document._starts.itemsize == 8 else np.array(document._starts, dtype=np.int64)


_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def prepare(document: Document) -> _PinyinIndex:
    """Build (once per document) the pinyin index a pinyin find needs; call it off the GUI
    thread on a long document (~0.3 s per million characters)."""
    with _LOCK:
        found = _INDEXES.get(document)
        if found is None:
            found = _INDEXES[document] = _PinyinIndex(document)
        return found


def find_text(document: Document, query: str, limit: int = MAX_MATCHES) -> list[tuple[int, int]]:
    """Base-offset matches of `query` written in any script (Latin letters ignore case)."""
    query = query.strip()
    if not query:
        return []
    wanted = convert_keep_length(query, "t2s")
    pattern = re.compile(re.escape(wanted), re.IGNORECASE)
    out = []
    for match in pattern.finditer(document.simplified):
        out.append((match.start(), match.end()))
        if len(out) >= limit:
            break
    return out


def find_pinyin(document: Document, query: str, limit: int = MAX_MATCHES) -> list[tuple[int, int]]:
    """Base-offset matches of a pinyin query over the tokens' readings (whole syllables)."""
    syllables = parse_pinyin(query)
    if not syllables:
        return []
    index = prepare(document)
    body = " ".join(_syllable_pattern(s, t) for s, t in syllables)
    pattern = re.compile(body + r"(?= |$)")  # a literal start: re scans for it quickly
    text = index.text
    hits = [(m.start(), m.end()) for m in pattern.finditer(text)
            if not m.start() or text[m.start() - 1] == " "]  # not inside a syllable
    return _to_offsets(index, hits[:limit])


def _to_offsets(index: _PinyinIndex, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pinyin-string (start, end) pairs → base offsets, vectorised (tens of thousands of
    matches map in milliseconds)."""
    import numpy as np

    if not hits:
        return []
    at = np.array(hits, dtype=np.int64)
    first = np.searchsorted(index.starts, at[:, 0], side="right") - 1
    last = np.searchsorted(index.starts, at[:, 1] - 1, side="right") - 1
    return list(zip(_chars(index, first, at[:, 0], 0).tolist(),
                    _chars(index, last, at[:, 1], 1).tolist(), strict=True))


def _chars(index: _PinyinIndex, tokens, at, end: int):
    """Base offsets of syllable boundaries `at` inside `tokens`: a token whose syllables
    map one to one to its characters gives the syllable's character, any other its edge."""
    import numpy as np

    start, stop = index.chars[tokens], index.chars[tokens + 1]
    before = index.spaces_before[tokens]
    syllables = index.spaces_before[tokens + 1] - before  # spaces inside + the one after
    inside = np.searchsorted(index.spaces, at) - before + end
    one_to_one = syllables == stop - start
    mapped = start + np.minimum(inside, stop - start)
    return np.where(one_to_one, mapped, stop if end else start)


def find(document: Document, query: str, limit: int = MAX_MATCHES) -> list[tuple[int, int]]:
    """All matches of what the reader typed: text in any script, and pinyin when it reads as
    pinyin. Sorted base-offset (start, end) pairs, at most `limit`."""
    query = query.strip()
    if not query:
        return []
    found = set(find_text(document, query, limit))
    if not any(ord(ch) > 0x2E80 for ch in query):
        found.update(find_pinyin(document, query, limit))
    return sorted(found)[:limit]
