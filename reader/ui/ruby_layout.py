"""Ruby for one paragraph layout: the pinyin runs, the spacing they need, their drawing.

Where neighbouring pinyin would collide, pinyin wider than its word is condensed first
(`ruby_ladder`: narrower stretches, then the smallest size allowed), shared between the two;
only what condensing cannot absorb opens the gap between the words below.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QTextCharFormat, QTextLayout, QTextLine

from reader.core.text.document import Document, Kind
from reader.core.text.romanize import ruby_syllables
from reader.ui.ruby_names import NameSpans, name_syllables
from reader.ui.theme import PINYIN_MIN_POINTS, Theme

if TYPE_CHECKING:
    from reader.ui.text_layout import LayoutConfig

RUBY_GAP = 0.5  # minimum space between neighbouring pinyin, in widths of the ruby "n"
RUBY_SHIFT = 0.3  # em a pinyin run may move off its word's centre before the text spreads
SQUEEZE_STRETCHES = (80, 74, 68)  # condensed pinyin (QFont stretch, % of normal width)
RUBY_FLOOR = 0.55  # the smallest pinyin, of the text size (readable)

# (token index, relative start, relative end, pinyin text, (syllable, tone) pairs, squeeze)
RubyWord = tuple[int, int, int, str, tuple, int]


@dataclass(frozen=True, slots=True)
class RubyRun:
    """The pinyin drawn over one word: token, line, centre x, text and tones."""

    token_index: int
    line: int
    center: float
    text: str
    syllables: tuple[tuple[str, int], ...]  # (tone-mark syllable, tone number)
    squeeze: int = 0  # the font: config.ruby_fonts[squeeze] (0: the ruby font itself)


def ruby_ladder(ruby_font: QFont, text_font: QFont) -> tuple[QFont, ...]:
    """The ruby font, then ever more condensed forms of it: narrower stretches, then the
    narrowest at the smallest size allowed (RUBY_FLOOR of the text size)."""
    fonts = [ruby_font]
    own = ruby_font.stretch() or 100  # 0: any stretch (normal width)
    for stretch in SQUEEZE_STRETCHES:
        if stretch < own:
            font = QFont(fonts[-1])
            font.setStretch(stretch)
            fonts.append(font)
    floor = max(RUBY_FLOOR * text_font.pointSizeF(), PINYIN_MIN_POINTS)
    if text_font.pointSizeF() > 0 and floor < ruby_font.pointSizeF():
        font = QFont(fonts[-1])
        font.setPointSizeF(floor)
        fonts.append(font)
    return tuple(fonts)


def ruby_gap(config: LayoutConfig) -> float:
    """The least room between two neighbouring pinyin runs, in px."""
    return RUBY_GAP * QFontMetricsF(config.ruby_font).horizontalAdvance("n")


class _Widths:
    """A pinyin's width in each font of the ladder, measured when first asked."""

    def __init__(self, config: LayoutConfig) -> None:
        self.metrics = [QFontMetricsF(font) for font in config.ruby_fonts]
        self._known: dict[tuple[str, int], float] = {}

    def __call__(self, word: str, squeeze: int) -> float:
        found = self._known.get((word, squeeze))
        if found is None:
            found = self._known[word, squeeze] = self.metrics[squeeze].horizontalAdvance(word)
        return found


def ruby_words(document: Document, text: str, tokens: list[int], token_starts: list[int],
               config: LayoutConfig, spacing: dict[int, float]) -> list[RubyWord]:
    """The words of a paragraph that get pinyin, condensed where neighbours would collide;
    adds to `spacing` (relative offset -> px) letter spacing between words only where
    condensed pinyin still would."""
    text_metrics = QFontMetricsF(config.font)
    widths = _Widths(config)
    found: list[tuple[int, int, int, str, tuple, float, float]] = []  # ..., x, word width
    ends = [*token_starts[1:], len(text)]
    names = NameSpans(document)
    keep = config.ruby_words
    x = 0.0  # where the current token starts
    for token, s, e in zip(tokens, token_starts, ends, strict=True):
        width = text_metrics.horizontalAdvance(text[s:e])
        syllables = (ruby_syllables(document, token, config.romanisation)
                     if document.kind(token) is Kind.WORD and (keep is None or keep(token))
                     else ())
        if syllables:
            base = document.span(token)[0]
            name = names.span_of(base)
            if name is not None:
                syllables = name_syllables(syllables, name[0] == base)
            word = "".join(syllable for syllable, _ in syllables)
            found.append((token, s, e, word, syllables, x, width))
        x += width
    shift = RUBY_SHIFT * config.em  # pinyin may sit this far off its word's centre
    gap = ruby_gap(config)
    squeezes = _squeezes(found, widths, gap - shift)
    words: list[RubyWord] = []
    pushed = 0.0  # spacing added so far
    previous_right = -math.inf  # right edge of the previous pinyin run
    for (token, s, e, word, syllables, x, width), squeeze in zip(found, squeezes, strict=True):
        ruby_width = widths(word, squeeze)
        left = x + pushed + (width - ruby_width) / 2
        needed = previous_right + gap - left - shift  # the rest shifts the pinyin
        if needed > 0 and s > 0:
            spacing[s - 1] = spacing.get(s - 1, 0.0) + needed
            pushed += needed
            left += needed
        previous_right = left + ruby_width
        words.append((token, s, e, word, syllables, squeeze))
    return words


def _squeezes(found: list, widths: _Widths, room: float) -> list[int]:
    """How condensed each word's pinyin is drawn (an index into the ladder): where two
    neighbours would come closer than `room` allows, the less condensed of the two (at a
    tie, the one overhanging its word more) is condensed a step, until they fit or neither
    can go further: both share it, neither shrinks far. A pinyin no wider than its word is
    never condensed."""
    squeezes = [0] * len(found)
    top = len(widths.metrics) - 1
    if not top:
        return squeezes
    for b in range(1, len(found)):
        a = b - 1
        while True:
            ruby_a, ruby_b = widths(found[a][3], squeezes[a]), widths(found[b][3], squeezes[b])
            centre_a = found[a][5] + found[a][6] / 2
            centre_b = found[b][5] + found[b][6] / 2
            if centre_a + ruby_a / 2 + room <= centre_b - ruby_b / 2:
                break
            over = {k: ruby - found[k][6] for k, ruby in ((a, ruby_a), (b, ruby_b))
                    if squeezes[k] < top and ruby > found[k][6]}
            if not over:
                break
            k = min(over, key=lambda k: (squeezes[k], -over[k]))
            squeezes[k] += 1
    return squeezes


def spacing_formats(spacing: dict[int, float]) -> list[QTextLayout.FormatRange]:
    """Letter-spacing format ranges, one character each, for a QTextLayout."""
    formats = []
    for position, extra in sorted(spacing.items()):
        fmt = QTextCharFormat()
        fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        fmt.setFontLetterSpacing(extra)
        rng = QTextLayout.FormatRange()
        rng.start, rng.length, rng.format = position, 1, fmt
        formats.append(rng)
    return formats


def place_ruby(words: list[RubyWord], lines: list[QTextLine], line_of: Callable[[int], int],
               spacing: dict[int, float], config: LayoutConfig, gap: float) -> list[RubyRun]:
    """Each word's pinyin centred over its glyphs, shifted inwards at a line's edges; a
    condensed pinyin whose neighbour went to another line is widened again where it fits."""
    widths = _Widths(config)
    by_line: dict[int, list[list]] = {}  # [token, centre, word, syllables, squeeze]
    for token, s, e, word, syllables, squeeze in words:
        line_no = line_of(s)
        line = lines[line_no]
        x0 = line.cursorToX(s)[0]
        line_end = line.textStart() + line.textLength()
        x1 = line.cursorToX(min(e, line_end))[0] - spacing.get(min(e, line_end) - 1, 0.0)
        by_line.setdefault(line_no, []).append([token, (x0 + x1) / 2, word, syllables, squeeze])
    runs_out: list[RubyRun] = []
    for line_no, runs in sorted(by_line.items()):
        _relax(runs, widths, gap, config.width)
        sizes = [widths(word, squeeze) for _, _, word, _, squeeze in runs]
        lefts = [centre - width / 2 for (_, centre, _, _, _), width in zip(runs, sizes,
                                                                          strict=True)]
        edge = 0.0  # inwards from the left edge: a run that starts a line sticks out
        for i, width in enumerate(sizes):
            lefts[i] = max(lefts[i], edge)
            edge = lefts[i] + width + gap
        edge = config.width  # and from the right edge
        for i in range(len(runs) - 1, -1, -1):
            lefts[i] = max(0.0, min(lefts[i], edge - sizes[i]))
            edge = lefts[i] - gap
        for (token, _, word, syllables, squeeze), left, width in zip(runs, lefts, sizes,
                                                                    strict=True):
            runs_out.append(RubyRun(token, line_no, left + width / 2, word, syllables, squeeze))
    return runs_out


def _relax(runs: list[list], widths: _Widths, gap: float, line_width: float) -> None:
    """Step condensed pinyin back towards its normal width while, centred, it stays inside
    the line and `gap` away from its neighbours on the line (as they are drawn)."""
    for i, run in enumerate(runs):
        while run[4] > 0:
            half = widths(run[2], run[4] - 1) / 2
            left, right = run[1] - half, run[1] + half
            if i:
                before = runs[i - 1]
                left -= before[1] + widths(before[2], before[4]) / 2 + gap
            if i + 1 < len(runs):
                after = runs[i + 1]
                right -= after[1] - widths(after[2], after[4]) / 2 - gap
            else:
                right -= line_width
            if left < 0 or right > 0:
                break
            run[4] -= 1


def draw_ruby(painter: QPainter, origin: QPointF, runs: list[RubyRun], config: LayoutConfig,
              slot_top: Callable[[int], float], theme: Theme, tone_colours: bool) -> None:
    """Paint the pinyin runs, in tone colours or in the theme's ruby colour."""
    fonts = config.ruby_fonts
    metrics = [QFontMetricsF(font) for font in fonts]
    current = -1
    for run in runs:
        if run.squeeze != current:
            current = run.squeeze
            painter.setFont(fonts[current])
        measure = metrics[current]
        width = measure.horizontalAdvance(run.text)
        x = min(max(run.center - width / 2, 0.0), max(0.0, config.width - width))
        y = origin.y() + slot_top(run.line) + config.ruby_baseline
        x += origin.x()
        if not tone_colours:
            painter.setPen(theme.ruby)
            painter.drawText(QPointF(x, y), run.text)
            continue
        for syllable, tone in run.syllables:
            painter.setPen(theme.tone_colour(tone))
            painter.drawText(QPointF(x, y), syllable)
            x += measure.horizontalAdvance(syllable)


def ruby_rects(runs: list[RubyRun], config: LayoutConfig,
               slot_top: Callable[[int], float]) -> list[tuple[int, QRectF]]:
    """(token index, local rectangle) of every pinyin run drawn."""
    metrics = [QFontMetricsF(font) for font in config.ruby_fonts]
    out = []
    for run in runs:
        measure = metrics[run.squeeze]
        width = measure.horizontalAdvance(run.text)
        x = min(max(run.center - width / 2, 0.0), max(0.0, config.width - width))
        top = slot_top(run.line) + config.ruby_baseline - measure.ascent()
        out.append((run.token_index, QRectF(x, top, width, measure.height())))
    return out
