"""A document as a vertical flow of paragraph layouts, laid out lazily around an anchor.

Every paragraph has an estimated height (a `HeightIndex`) until it is laid out; laid-out
paragraphs are kept in a bounded LRU cache. The scroll position is an anchor: a paragraph
and the pixels of it above the viewport's top, so refining the heights of paragraphs above
never moves the text on screen; the scroll bar value is derived from it.

The unit of layout is a block: a paragraph, or, in a paragraph over SPLIT_OVER characters,
a piece of at most CHUNK, cut after a sentence end where there is one (else at a token
start), so a million-character paragraph costs one screenful of layout, not a million
characters'.
Only a paragraph's last block carries the paragraph gap and the providers' extra lines.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable

from reader.core.text.document import Document
from reader.core.text.scripts import View
from reader.ui.height_index import HeightIndex
from reader.ui.text_layout import LayoutConfig, ParagraphLayout

CACHE_SIZE = 400  # paragraph layouts kept
CHUNK = 1000  # characters laid out at once in a long paragraph, at most
SPLIT_OVER = 4000  # paragraphs up to this length stay one block (no early line break)
_SENTENCE_ENDS = ("。", "！", "？", "!", "?", "；", ";", "…", ". ")
_CLOSING = "”’」』）)"
LineProvider = Callable[[Document, int, View], "str | None"]


class ParagraphFlow:
    """Layouts, heights and the anchor of one document in one view and configuration."""

    def __init__(self, document: Document, view: View, config: LayoutConfig,
                 line_providers: dict[str, LineProvider],
                 on_heights_changed: Callable[[], None]) -> None:
        self.document = document
        self.view = view
        self.config = config
        self._providers = line_providers
        self._on_heights_changed = on_heights_changed
        self.cache: OrderedDict[int, ParagraphLayout] = OrderedDict()
        self.anchor = 0
        self.anchor_y = 0.0
        self.lead = 1.2 * config.em
        self.blocks = blocks(document)  # (paragraph index, base start, base end)
        self._block_starts = [b0 for _, b0, _ in self.blocks]
        heights = _estimates(document, self.blocks, config)
        if heights:
            heights[0] += self.lead
        self.heights = HeightIndex(heights)

    def __len__(self) -> int:
        return len(self.heights)

    def paragraph(self, index: int) -> ParagraphLayout:
        """The layout of paragraph `index` (built on first use; records its exact height)."""
        found = self.cache.get(index)
        if found is not None:
            self.cache.move_to_end(index)
            return found
        doc, view = self.document, self.view
        paragraph, b0, b1 = self.blocks[index]
        start, end = doc.to_view_offset(b0, view), doc.to_view_offset(b1, view)
        text = doc.text(view)[start:end]
        last_block = b1 == doc.paragraphs[paragraph][1]
        extra = []
        if last_block and (text.strip() or b0 != doc.paragraphs[paragraph][0]):
            for provider in self._providers.values():
                line = provider(doc, paragraph, view)
                if line:
                    extra.append(line)
        lead = self.lead if index == 0 else 0.0
        trail = 2.0 * self.config.em if index == len(self.blocks) - 1 else 0.0
        layout = ParagraphLayout(index, start, text, doc, view, self.config, extra, lead, trail,
                                 paragraph=paragraph, gap=last_block)
        self.cache[index] = layout
        if len(self.cache) > CACHE_SIZE:
            self.cache.popitem(last=False)
        if self.heights.set(index, layout.height):
            self._on_heights_changed()
        return layout

    # -- the anchor -------------------------------------------------------------------
    def normalize(self, room: float) -> None:
        """Keep the anchor inside its paragraph, and the viewport filled at the end."""
        n = len(self.heights)
        if n == 0:
            return
        self._pull_back()
        while self.anchor < n - 1 and self.anchor_y >= self.paragraph(self.anchor).height:
            self.anchor_y -= self.paragraph(self.anchor).height
            self.anchor += 1
        y, index = -self.anchor_y, self.anchor
        while index < n and y < room:
            y += self.paragraph(index).height
            index += 1
        if index >= n and y < room and (self.anchor > 0 or self.anchor_y > 0):
            self.anchor_y -= room - y  # the last paragraph's bottom meets the viewport's
            self._pull_back()

    def _pull_back(self) -> None:
        while self.anchor_y < 0 and self.anchor > 0:
            self.anchor -= 1
            self.anchor_y += self.paragraph(self.anchor).height
        self.anchor_y = max(0.0, self.anchor_y)

    def place(self, base_offset: int, from_top: float, room: float) -> None:
        """Anchor so that the line holding `base_offset` is `from_top` px below the top."""
        doc = self.document
        if not doc.paragraphs:
            return
        base_offset = max(0, min(base_offset, doc.length))
        index = self.block_at(base_offset)
        y = self.paragraph(index).y_of(doc.to_view_offset(base_offset, self.view))
        self.anchor, self.anchor_y = index, y - from_top
        self.normalize(room)

    def visible(self, room: float) -> list[tuple[float, ParagraphLayout]]:
        """(top y in the viewport, layout) of each paragraph on screen."""
        placed = []
        y, index, n = -self.anchor_y, self.anchor, len(self.heights)
        while index < n and y < room:
            layout = self.paragraph(index)
            placed.append((y, layout))
            y += layout.height
            index += 1
        return placed

    def position_and_delta(self) -> tuple[int, float]:
        """(base offset of the top line, px of that line's slot above the viewport top)."""
        doc = self.document
        if not len(self.heights):
            return 0, 0.0
        layout = self.paragraph(self.anchor)
        line = layout.line_at_y(self.anchor_y)
        if line is None:
            if self.anchor_y < layout.lead or not layout.line_count:
                return self.blocks[self.anchor][1], self.anchor_y - layout.lead
            line = layout.line_count - 1
        start, _ = layout.line_range(line)
        return doc.to_base_offset(start, self.view), self.anchor_y - layout.slot_top(line)

    def block_at(self, base_offset: int) -> int:
        """Index of the block holding `base_offset` (a newline: the block before it)."""
        return max(0, bisect_right(self._block_starts, base_offset) - 1)

    def base_range(self, first: int, last: int) -> tuple[int, int]:
        """Base offsets (start, end) of blocks first..last."""
        return self.blocks[first][1], self.blocks[last][2]

    def shown_text(self) -> str:
        """Every block's shown text, paragraphs joined by newlines (lays out everything)."""
        parts = []
        for index, (paragraph, _, _) in enumerate(self.blocks):
            if index and paragraph != self.blocks[index - 1][0]:
                parts.append("\n")
            parts.append(self.paragraph(index).shown_text())
        return "".join(parts)

    # -- the scroll bar ---------------------------------------------------------------
    def value(self) -> float:
        return self.heights.top(self.anchor) + self.anchor_y if len(self.heights) else 0.0

    def total(self) -> float:
        return self.heights.total()

    def set_value(self, value: float, room: float) -> None:
        """Anchor at scroll-bar position `value` (pixels from the top, estimated above)."""
        if not len(self.heights):
            return
        index = self.heights.find(value)
        self.anchor, self.anchor_y = index, value - self.heights.top(index)
        self.normalize(room)


def blocks(document: Document) -> list[tuple[int, int, int]]:
    """(paragraph index, base start, base end) of each layout block, in order."""
    out = []
    for index, (p0, p1) in enumerate(document.paragraphs):
        if p1 - p0 > SPLIT_OVER:
            while p1 - p0 > CHUNK:
                cut = _cut(document, p0, p0 + CHUNK)
                out.append((index, p0, cut))
                p0 = cut
        out.append((index, p0, p1))
    return out


def _cut(document: Document, start: int, limit: int) -> int:
    """Where a block starting at `start` ends: after the last sentence end in the last
    eighth of [start, limit), else at the start of the token holding `limit`."""
    text = document.original  # base offsets, punctuation as in the Simplified text
    end = max(text.rfind(mark, limit - CHUNK // 8, limit - 1) for mark in _SENTENCE_ENDS)
    cut = limit
    if end >= 0:
        cut = end + 1
        while cut < limit and text[cut] in _CLOSING:
            cut += 1
    token = document.token_index_at(cut)
    if token is not None:
        token_start = document.span(token)[0]
        if token_start > start:
            cut = token_start
    return cut


def _estimates(document: Document, blocks: list[tuple[int, int, int]],
               config: LayoutConfig) -> list[float]:
    """`config.estimate` of every block (0 for a blank one), in one pass: a million
    characters have ~20k paragraphs and this runs on the GUI thread."""
    text = document.original  # base offsets, spaces as in the Simplified text
    per_line = max(1, int(config.width / (config.em * (1.25 if config.ruby else 0.95))))
    pitch, gap = config.pitch, config.paragraph_gap
    paragraphs = document.paragraphs
    return [0.0 if e <= s or text[s:e].isspace() else
            -(-(e - s) // per_line) * pitch + (gap if e == paragraphs[p][1] else 0.0)
            for p, s, e in blocks]
