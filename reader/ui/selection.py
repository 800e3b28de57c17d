"""The reading view's selection: a character range in view offsets, mapped to base offsets."""
from __future__ import annotations

from reader.core.text.document import Document
from reader.core.text.scripts import View


def ordered(selection: tuple[int, int] | None) -> tuple[int, int] | None:
    """(start, end) of a (fixed end, moving end) selection; None when it is empty."""
    if selection is None:
        return None
    a, b = sorted(selection)
    return (a, b) if b > a else None


def to_base_range(document: Document, view: View, start: int, end: int) -> tuple[int, int]:
    """Map a view range to base offsets (exact wherever the view keeps the base's length)."""
    return document.to_base_offset(start, view), _to_base_end(document, view, end)


def _to_base_end(document: Document, view: View, view_end: int) -> int:
    if document.view(view).starts is None or view_end <= 0:
        return view_end
    index = document.token_index_at(view_end - 1, view)
    start, end = document.span(index, view)
    base_start, base_end = document.span(index)
    if view_end >= end:
        return base_end
    return base_start + min(view_end - start, base_end - base_start)
