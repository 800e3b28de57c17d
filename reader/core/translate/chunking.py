"""Split text for an engine's size limit, at sentence boundaries where possible.

Paragraphs (lines) are translated separately, so a paragraph's translation is cached
under the same key whether it was asked for alone (bilingual view) or as part of a whole
article (CLI). Within a paragraph, sentences are packed into chunks no larger than the
limit; a sentence longer than the limit is cut at clause punctuation, then at spaces,
and only as a last resort anywhere.
"""
from __future__ import annotations

import re
from collections.abc import Callable

Measure = Callable[[str], int]

_SENTENCE = re.compile(r"[^。！？!?；;…]*(?:[。！？!?；;…]+[”’」』)）\"']*|$)")
_CLAUSE = re.compile(r"[^，、,：:]*(?:[，、,：:]+|$)")
_WORDS = re.compile(r"\S*\s*")


def char_count(text: str) -> int:
    return len(text)


def utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def paragraphs(text: str) -> list[str]:
    """The lines of `text` (newlines normalised), blank ones kept as ''."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _pieces(pattern: re.Pattern, text: str) -> list[str]:
    return [m.group(0) for m in pattern.finditer(text) if m.group(0)]


def _cut(piece: str, limit: int, measure: Measure, level: int) -> list[str]:
    """`piece` as parts each within `limit`, cutting at the coarsest level that works."""
    if measure(piece) <= limit:
        return [piece]
    patterns = (_CLAUSE, _WORDS)
    if level < len(patterns):
        parts = _pieces(patterns[level], piece)
        if len(parts) > 1:
            return _pack(parts, limit, measure, level + 1)
        return _cut(piece, limit, measure, level + 1)
    out, current = [], ""
    for ch in piece:  # no punctuation, no spaces: cut anywhere
        if current and measure(current + ch) > limit:
            out.append(current)
            current = ""
        current += ch
    return out + ([current] if current else [])


def _pack(parts: list[str], limit: int, measure: Measure, level: int) -> list[str]:
    chunks: list[str] = []
    current = ""
    for part in parts:
        for piece in _cut(part, limit, measure, level):
            if current and measure(current + piece) > limit:
                chunks.append(current)
                current = ""
            current += piece
    if current:
        chunks.append(current)
    return chunks


def split_paragraph(text: str, limit: int, measure: Measure = char_count) -> list[str]:
    """One paragraph as stripped chunks within `limit`, split at sentence ends if possible."""
    if limit < 1:
        raise ValueError("limit must be positive")
    text = text.strip()
    if not text:
        return []
    chunks = _pack(_pieces(_SENTENCE, text), limit, measure, 0)
    return [c.strip() for c in chunks if c.strip()]
