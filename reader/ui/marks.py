"""Named sets of marked ranges (glossary terms, people, search hits) with fast range queries.

Plain Python, no Qt: the reading view asks which marks overlap the paragraph it paints.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

STYLES = ("glossary", "person", "highlight", "search", "study")


@dataclass
class MarkSet:
    """Sorted (start, end) base-offset ranges painted in one style."""

    style: str
    spans: list[tuple[int, int]]
    _starts: list[int] = field(default_factory=list, repr=False)
    _longest: int = 0

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"unknown mark style {self.style!r}; use one of {', '.join(STYLES)}")
        self.spans = sorted((int(s), int(e)) for s, e in self.spans if e > s)
        self._starts = [s for s, _ in self.spans]
        self._longest = max((e - s for s, e in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> Iterable[tuple[int, int]]:
        """The ranges that overlap [start, end), in order."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        for s, e in self.spans[lo:hi]:
            if e > start:
                yield s, e
