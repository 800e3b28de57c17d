"""Proper names in ruby are capitalised and split as names are written: Mǎ Huàténg."""
from __future__ import annotations

from bisect import bisect_right

from reader.core.text.document import Document

PEOPLE_LAYER = "people"


class NameSpans:
    """The people layer's spans of one document, for asking whether a token is a name."""

    def __init__(self, document: Document) -> None:
        spans = sorted((s.start, s.end) for s in document.layers.get(PEOPLE_LAYER) or ())
        self._starts = [s for s, _ in spans]
        self._spans = spans

    def span_of(self, start: int) -> tuple[int, int] | None:
        """The name span holding base offset `start`, or None."""
        k = bisect_right(self._starts, start) - 1
        if k >= 0 and self._spans[k][0] <= start < self._spans[k][1]:
            return self._spans[k]
        return None


def name_syllables(syllables: tuple[tuple[str, int], ...], at_name_start: bool
                   ) -> tuple[tuple[str, int], ...]:
    """A name's syllables for ruby: the surname (first syllable of the name) capitalised and
    set apart, the given name capitalised once: (mǎ, huà, téng) → (Mǎ␠, Huà, téng)."""
    if not syllables:
        return syllables
    out = list(syllables)
    first, tone = out[0]
    out[0] = (first[:1].upper() + first[1:], tone)
    if at_name_start and len(out) > 1:
        out[0] = (out[0][0] + " ", tone)
        second, tone2 = out[1]
        out[1] = (second[:1].upper() + second[1:], tone2)
    return tuple(out)
