"""Matching typed pinyin against words: with or without spaces and tones, by prefix.

"yunji", "yun ji", "yún jì" and "yun2ji4" all find 云计算 (yún jì suàn). A row's search
text carries its key (`pinyin_search_key`); `pinyin_needle` turns typed text into the
needle that only matches at the start of such a key.
"""
from __future__ import annotations

import re
import unicodedata

KEY_MARK = "\x1f"  # starts a pinyin key inside a search text: needles match from here
_PINYIN_LIKE = re.compile(r"^[a-zü:\s1-5'’]+$")


def pinyin_key(pinyin: str) -> str:
    """'yún jì suàn' or 'yun2 ji4 suan4' → 'yunjisuan' (no tones, spaces; ü written v)."""
    text = pinyin.casefold().replace("u:", "v").replace("ü", "v")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(ch))
    return re.sub(r"[^a-z]", "", text)


def pinyin_search_key(pinyin: str) -> str:
    """The part of a row's search text that `pinyin_needle` finds ('' for no pinyin)."""
    key = pinyin_key(pinyin)
    return f" {KEY_MARK}{key}" if key else ""


def pinyin_needle(text: str) -> str:
    """The needle for typed text that reads as pinyin, matching keys by prefix; else ''."""
    plain = "".join(ch for ch in unicodedata.normalize("NFD", text.casefold())
                    if not unicodedata.combining(ch))
    if not plain.strip() or not _PINYIN_LIKE.match(plain.replace("v", "ü")):
        return ""
    key = pinyin_key(text)
    return f"{KEY_MARK}{key}" if key else ""
