"""Glossary sections of the word popup beyond the entry card: the business sense of an
everyday word, and the fallback for jargon that neither CC-CEDICT nor the glossary knows.

Plain functions from core data to the Qt rich-text subset QLabel renders; every text from
the data is escaped.
"""
from __future__ import annotations

import re
from html import escape

from reader.core.glossary.store import view_text
from reader.core.text.document import Document, Kind
from reader.core.text.scripts import View

ADD_KEY = "G"
_ACRONYM = re.compile(r"^[A-Za-z][A-Za-z0-9&+\-]{1,9}$")
MAX_PART = 4  # the longest dictionary word tried when splitting an unknown word


def business_sense_html(entry, view: View, theme, script=None) -> str:
    """'In business writing: …' under the dictionary sense of an everyday word."""
    muted = theme.muted.name()
    term = escape(view_text(entry.term, view, script))
    return (f'<div style="max-width:420px"><span style="color:{muted}">In business writing:'
            f'</span> <span style="color:{theme.glossary.name()}">{term}</span> — '
            f'{escape(entry.short_meaning)}<div style="margin-top:2px">{escape(entry.en)}'
            f'</div></div>')


def split_parts(word: str, known) -> list[str]:
    """The word cut into the longest pieces `known(piece)` accepts, left to right (single
    characters when nothing longer is known): 主力模型 → 主力, 模型."""
    parts, i = [], 0
    while i < len(word):
        for size in range(min(MAX_PART, len(word) - i), 0, -1):
            piece = word[i:i + size]
            if size == 1 or known(piece):
                parts.append(piece)
                i += size
                break
    return parts


def is_unlisted(document: Document, index: int, dictionary, glossary) -> bool:
    """A Latin acronym or a multi-character word neither CC-CEDICT nor the glossary has,
    and that is not a person's name."""
    kind = document.kind(index)
    start, end = document.span(index)
    word = document.simplified[start:end]
    if kind is Kind.LATIN:
        if not _ACRONYM.match(word) or not any(c.isupper() for c in word[1:] + word[:1]):
            return False
    elif kind is not Kind.WORD or len(word) < 2:
        return False
    if glossary is not None and glossary.match_word(word) is not None:
        return False
    if any(s.start <= start < s.end for s in document.layers.get("people", ())):
        return False  # a person's name: the person card explains it
    return not dictionary.lookup(word)


def unlisted_html(document: Document, index: int, view: View, dictionary, theme) -> str:
    """'Not in the dictionary' with the glosses of the word's parts and the add key."""
    start, end = document.span(index)
    word = document.simplified[start:end]
    muted = theme.muted.name()
    rows = []
    if document.kind(index) is Kind.WORD:
        for part in split_parts(word, lambda piece: bool(dictionary.lookup(piece))):
            gloss = dictionary.first_gloss(part)
            if gloss:
                rows.append(f"<div>{escape(part)}: {escape(gloss)}</div>")
    head = "Not in the dictionary or the glossary" + ("; by parts:" if rows else ".")
    return (f'<div style="color:{muted}">{head}</div>' + "".join(rows)
            + f'<div style="color:{muted}; margin-top:2px">Press {ADD_KEY} to add it to '
              f'your glossary.</div>')
