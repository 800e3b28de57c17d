"""One paragraph of the reading view laid out with QTextLayout: lines, ruby, hit-testing.

Lines sit on a fixed pitch (1.7 × the font's em) so the reading rhythm is even; in ruby
mode each line slot grows by the pinyin line. Line breaks never fall inside a word: where
Qt would break inside a token, the line is ended before that token. In ruby mode each
word's pinyin is centred over its glyphs and may overhang narrower neighbours,
punctuation and Latin text. Where two pinyin runs would come closer than RUBY_GAP, those
wider than their words are drawn condensed (down to 55 % of the text size); only what
that cannot absorb opens the gap between the two words, by letter spacing on the last
character before the second word, just enough. So the text stays as tight as the pinyin allows, a word's
glyphs always stay together, and wrapping stays exact because Qt lays out the spaced text
itself. At a line's edges the pinyin is shifted inwards (and its neighbours with it);
the ruby itself is computed and drawn in `ruby_layout`.
All offsets in and out are view offsets.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QTextLayout, QTextLine, QTextOption

from reader.core.text.document import Document
from reader.core.text.scripts import View
from reader.ui.ruby_layout import (
    RubyRun,
    RubyWord,
    draw_ruby,
    place_ruby,
    ruby_gap,
    ruby_ladder,
    ruby_rects,
    ruby_words,
    spacing_formats,
)
from reader.ui.theme import Theme

LINE_HEIGHT = 1.7  # line pitch in ems
_OPENERS = set("（(“‘「『《〈【〔[{")
_MAX_OVERHANG = 32  # characters a token may run past Qt's line break and still be tried
_CLOSERS = set("）)”’」』》〉】〕]},，。、；：！？.;:!?…·")


@dataclass(frozen=True)
class LayoutConfig:
    """Everything a paragraph layout depends on; a new config invalidates every layout."""

    font: QFont
    ruby_font: QFont
    line_font: QFont
    width: float
    ruby: bool
    em: float
    ascent: float
    pitch: float
    line_top: float  # y of a line's box inside its slot
    ruby_baseline: float  # y of the pinyin baseline inside a line slot
    paragraph_gap: float
    line_pitch_extra: float  # pitch of the lines added by line providers
    # In ruby mode, which words get pinyin (token index -> bool); None: every word.
    ruby_words: Callable[[int], bool] | None = field(default=None, compare=False)
    romanisation: str = "pinyin"  # what ruby shows (reader.core.text.romanize.SYSTEMS)
    ruby_fonts: tuple[QFont, ...] = ()  # ruby_font, then condensed forms (ruby_ladder)

    @classmethod
    def make(cls, font: QFont, ruby_font: QFont, line_font: QFont, width: float,
             ruby: bool, ruby_words: Callable[[int], bool] | None = None,
             romanisation: str = "pinyin") -> LayoutConfig:
        metrics = QFontMetricsF(font)
        em = metrics.horizontalAdvance("中") or metrics.height()
        box = metrics.height()
        leading = max(0.0, LINE_HEIGHT * em - box)
        ruby_metrics = QFontMetricsF(ruby_font)
        if ruby:
            ruby_box = ruby_metrics.height()
            pitch = LINE_HEIGHT * em + ruby_box * 0.85
            line_top = pitch - box - leading / 2
            # CJK ink starts ~0.88 em above the baseline; the pinyin sits just above it.
            ink_top = line_top + metrics.ascent() - 0.9 * em
            ruby_baseline = ink_top - ruby_metrics.descent() - 0.05 * em
        else:
            pitch = LINE_HEIGHT * em
            line_top = leading / 2
            ruby_baseline = 0.0
        extra = QFontMetricsF(line_font).height() * 1.35
        return cls(font, ruby_font, line_font, float(width), ruby, em, metrics.ascent(),
                   pitch, line_top, ruby_baseline, 0.9 * em, extra, ruby_words, romanisation,
                   ruby_ladder(ruby_font, font))

    def estimate(self, length: int) -> float:
        """A paragraph's height before it is laid out (exact for an empty one)."""
        if length <= 0:
            return 0.0  # (a blank line holding only spaces is over-estimated once)
        per_line = max(1, int(self.width / (self.em * (1.25 if self.ruby else 0.95))))
        return math.ceil(length / per_line) * self.pitch + self.paragraph_gap


class ParagraphLayout:
    """A laid-out paragraph: its lines, ruby runs and extra lines, in local coordinates."""

    def __init__(self, index: int, start: int, text: str, document: Document, view: View,
                 config: LayoutConfig, extra_lines: list[str], lead: float = 0.0,
                 trail: float = 0.0, paragraph: int | None = None, gap: bool = True) -> None:
        self.index = index  # of the layout block (a paragraph, or a piece of a long one)
        self.paragraph = index if paragraph is None else paragraph  # of the document's
        self.start = start
        self.end = start + len(text)
        self.text = text
        self.config = config
        self.lead = lead
        self._spacing: dict[int, float] = {}  # letter spacing (relative offset -> px)
        self.ruby_runs: list[RubyRun] = []
        self._ruby_words: list[RubyWord] = []
        self._ruby_gap = 0.0
        self._layout = QTextLayout(text, config.font)
        self._layout.setCacheEnabled(True)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        option.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self._layout.setTextOption(option)
        self._token_starts: list[int] = []  # relative starts of the tokens in this paragraph
        self._tokens: list[int] = []
        if text:
            self._collect_tokens(document, view)
            if config.ruby:
                self._prepare_ruby(document)
        self._lines: list[QTextLine] = []
        if text.strip():  # a blank line between paragraphs takes no room
            self._run_layout()
        if config.ruby:
            self._place_ruby()
        self._extra = [self._layout_extra(line) for line in extra_lines if line]
        text_height = len(self._lines) * config.pitch
        self.extra_top = lead + text_height
        y = self.extra_top
        for layout in self._extra:
            for i in range(layout.lineCount()):
                layout.lineAt(i).setPosition(QPointF(0.0, y))
                y += config.line_pitch_extra
        self.extra_height = extra_height = y - self.extra_top
        gap = config.paragraph_gap if self._lines and gap else 0.0
        self.height = lead + text_height + extra_height + gap + trail

    def in_extra_lines(self, y: float) -> bool:
        """Whether local `y` falls on the lines added by line providers."""
        return bool(self._extra) and self.extra_top <= y < self.extra_top + self.extra_height

    # -- building -------------------------------------------------------------------
    def _collect_tokens(self, document: Document, view: View) -> None:
        first = document.token_index_at(self.start, view)
        last = document.token_index_at(self.end - 1, view)
        if first is None or last is None:
            return
        self._tokens = list(range(first, last + 1))
        origin = self.start
        self._token_starts = [max(0, s - origin)
                              for s in document.starts_between(first, last, view)]

    def _prepare_ruby(self, document: Document) -> None:
        """Letter spacing between words only where neighbouring pinyin would collide."""
        self._ruby_gap = ruby_gap(self.config)
        self._ruby_words = ruby_words(document, self.text, self._tokens, self._token_starts,
                                      self.config, self._spacing)
        self._layout.setFormats(spacing_formats(self._spacing))

    def _token_start_before(self, rel: int) -> int:
        """Relative start of the token holding relative offset `rel`."""
        i = bisect_right(self._token_starts, rel) - 1
        return self._token_starts[i] if i >= 0 else 0

    def _run_layout(self) -> None:
        config = self.config
        layout = self._layout
        layout.beginLayout()
        y = self.lead
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(config.width)
            line_start = line.textStart()
            end = line_start + line.textLength()
            if end < len(self.text) and self._token_starts:
                self._end_line_between_tokens(line, line_start, end)
            line.setPosition(QPointF(0.0, y + config.line_top))
            self._lines.append(line)
            y += config.pitch
        layout.endLayout()

    def _end_line_between_tokens(self, line: QTextLine, line_start: int, end: int) -> None:
        """Where Qt ended the line inside a token, end it after that token if the line still
        fits (Qt also glues a word to the quote that follows it: 次“CSIG), else before it.
        A line never starts with closing punctuation, nor ends with an opening one."""
        width = self.config.width
        cut = self._token_start_before(end)
        if cut == end:
            return  # Qt broke between two tokens
        i = bisect_right(self._token_starts, cut)
        after = self._token_starts[i] if i < len(self._token_starts) else len(self.text)
        while after < len(self.text) and self.text[after] in _CLOSERS:
            after += 1
        # A token running far past Qt's break cannot fit: measuring it for every line
        # would make a long token's layout quadratic.
        fits = after - end <= _MAX_OVERHANG
        if fits:
            line.setNumColumns(after - line_start)  # (with a width, Qt would cap it to fit)
        if fits and line.naturalTextWidth() <= width + 0.5:
            line.setNumColumns(after - line_start, width)
            return
        if cut > line_start:
            if cut - 1 > line_start and self.text[cut - 1] in _OPENERS:
                cut -= 1
            line.setNumColumns(cut - line_start, width)
        else:  # one token wider than the line: Qt's break is the only one
            line.setNumColumns(end - line_start, width)

    def _place_ruby(self) -> None:
        self.ruby_runs.extend(place_ruby(self._ruby_words, self._lines, self._line_of,
                                         self._spacing, self.config, self._ruby_gap))

    def _layout_extra(self, text: str) -> QTextLayout:
        layout = QTextLayout(text, self.config.line_font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(self.config.width)
        layout.endLayout()
        return layout

    # -- geometry -------------------------------------------------------------------
    def shown_text(self) -> str:
        """The text Qt lays out and draws for this paragraph."""
        return self._layout.text()

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def _line_of(self, rel: int) -> int:
        """Index of the line holding relative offset `rel` (the last line past the end)."""
        lo, hi = 0, len(self._lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._lines[mid].textStart() <= rel:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def slot_top(self, line_no: int) -> float:
        """Top of a line's slot (ruby included), local y."""
        return self.lead + line_no * self.config.pitch

    def line_range(self, line_no: int) -> tuple[int, int]:
        """View offsets (start, end) of one line."""
        line = self._lines[line_no]
        return self.start + line.textStart(), self.start + line.textStart() + line.textLength()

    def y_of(self, offset: int) -> float:
        """Top of the slot of the line holding view `offset`."""
        if not self._lines:
            return 0.0
        return self.slot_top(self._line_of(max(0, offset - self.start)))

    def line_at_y(self, y: float) -> int | None:
        """The line whose slot holds local `y`, or None outside the text lines."""
        if not self._lines or y < self.lead:
            return None
        line_no = int((y - self.lead) // self.config.pitch)
        return line_no if line_no < len(self._lines) else None

    def range_rects(self, a: int, b: int) -> list[QRectF]:
        """Rectangles (local) covering view offsets [a, b) within this paragraph."""
        a, b = max(a, self.start) - self.start, min(b, self.end) - self.start
        rects: list[QRectF] = []
        if a >= b or not self._lines:
            return rects
        for line_no in range(self._line_of(a), len(self._lines)):
            line = self._lines[line_no]
            ls, le = line.textStart(), line.textStart() + line.textLength()
            if ls >= b:
                break
            s, e = max(a, ls), min(b, le)
            if s >= e:
                continue
            x0 = line.cursorToX(s)[0]
            x1 = line.cursorToX(e)[0] - self._spacing.get(e - 1, 0.0)
            rects.append(QRectF(x0, line.y(), max(1.0, x1 - x0), line.height()))
        return rects

    def char_at(self, x: float, y: float) -> int | None:
        """View offset of the character under local (x, y), or None."""
        line_no = self.line_at_y(y)
        if line_no is None or x < 0:
            return None
        line = self._lines[line_no]
        ls, le = line.textStart(), line.textStart() + line.textLength()
        if le <= ls or x >= line.cursorToX(le)[0]:
            return None
        rel = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
        return self.start + min(max(rel, ls), le - 1)

    def boundary_at(self, x: float, y: float) -> int:
        """View offset of the character boundary nearest local (x, y) (for selections)."""
        if not self._lines or y < self.lead:
            return self.start
        line_no = int((y - self.lead) // self.config.pitch)
        if line_no >= len(self._lines):
            return self.end
        line = self._lines[line_no]
        rel = line.xToCursor(max(0.0, x), QTextLine.CursorPosition.CursorBetweenCharacters)
        return self.start + min(max(rel, line.textStart()), line.textStart() + line.textLength())

    # -- painting -------------------------------------------------------------------
    def draw(self, painter: QPainter, origin: QPointF, theme: Theme, tone_colours: bool) -> None:
        """Text, ruby and extra lines; backgrounds are painted by the view beforehand."""
        painter.setPen(theme.text)
        self._layout.draw(painter, origin)
        if self.ruby_runs:
            self._draw_ruby(painter, origin, theme, tone_colours)
        if self._extra:
            painter.setPen(theme.muted)
            for layout in self._extra:
                layout.draw(painter, origin)

    def _draw_ruby(self, painter: QPainter, origin: QPointF, theme: Theme,
                   tone_colours: bool) -> None:
        draw_ruby(painter, origin, self.ruby_runs, self.config, self.slot_top, theme,
                  tone_colours)

    def ruby_rects(self) -> list[tuple[int, QRectF]]:
        """(token index, local rectangle) of every pinyin run drawn (for tests and checks)."""
        return ruby_rects(self.ruby_runs, self.config, self.slot_top)
