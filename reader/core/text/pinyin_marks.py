"""Pinyin notation: tone numbers to tone marks, syllables, Han detection.

Small and free of the reading engine's data, so the window's first paint (which shows
pinyin-less plain text, but imports `Document`) does not load the engine's modules.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK Ext. A, Unified, Compatibility


@cache
def han_char() -> re.Pattern:
    """One Han character, compiled on first use: a class spanning ~28k code points takes
    `re` ~4 ms to compile, paid at import (before the window's first paint) otherwise."""
    return re.compile(f"[{HAN_RANGES}]")


_TONE_MARKS = {"1": "\u0304", "2": "\u0301", "3": "\u030c", "4": "\u0300"}


def has_han(text: str) -> bool:
    """Whether `text` holds at least one Han character."""
    return han_char().search(text) is not None


def _mark_syllable(syllable: str) -> str:
    """'hang2' -> 'háng': the tone goes on a or e, on the o of ou, else on the last vowel."""
    if not syllable or not syllable[-1].isdigit():
        return syllable
    body, tone = syllable[:-1], syllable[-1]
    mark = _TONE_MARKS.get(tone)
    if mark is None:
        return body
    lower = body.lower()
    if "a" in lower:
        at = lower.index("a")
    elif "e" in lower:
        at = lower.index("e")
    elif "ou" in lower:
        at = lower.index("o")
    else:
        vowels = [k for k, ch in enumerate(lower) if ch in "iouü"]
        at = vowels[-1] if vowels else (0 if body else -1)
    if at < 0:
        return body
    return unicodedata.normalize("NFC", body[: at + 1] + mark + body[at + 1 :])


@lru_cache(maxsize=8192)
def to_tone_marks(numbered: str) -> str:
    """'yin2 hang2' -> 'yín háng' (syllables keep their spaces)."""
    if not numbered:
        return ""
    return " ".join(_mark_syllable(s) for s in numbered.split(" "))


def join_syllables(marked: str) -> str:
    """'yín háng' -> 'yínháng', the way words are written in running pinyin."""
    return marked.replace(" ", "")


def syllables_of(numbered: str) -> tuple[tuple[str, int], ...]:
    """('yín', 2), ('háng', 2) from 'yin2 hang2'."""
    if not numbered:
        return ()
    marks = to_tone_marks(numbered).split(" ")
    tones = [int(s[-1]) if s[-1:].isdigit() else 5 for s in numbered.split(" ")]
    return tuple(zip(marks, tones, strict=False))
