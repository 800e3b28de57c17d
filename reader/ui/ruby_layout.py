"""Ruby for one paragraph layout: the pinyin runs, the spacing they need, their drawing."""
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
from reader.ui.theme import Theme

if TYPE_CHECKING:
    from reader.ui.text_layout import LayoutConfig

RUBY_GAP = 0.5  # minimum space between neighbouring pinyin, in widths of the ruby "n"
RUBY_SHIFT = 0.3  # em a pinyin run may move off its word's centre before the text spreads

# (token index, relative start, relative end, pinyin text, (syllable, tone) pairs)
RubyWord = tuple[int, int, int, str, tuple]


@dataclass(frozen=True, slots=True)
class RubyRun:
    """The pinyin drawn over one word: token, line, centre x, text and tones."""

    token_index: int
    line: int
    center: float
    text: str
    syllables: tuple[tuple[str, int], ...]  # (tone-mark syllable, tone number)


def ruby_gap(config: LayoutConfig) -> float:
    """The least room between two neighbouring pinyin runs, in px."""
    return RUBY_GAP * QFontMetricsF(config.ruby_font).horizontalAdvance("n")


def ruby_words(document: Document, text: str, tokens: list[int], token_starts: list[int],
               config: LayoutConfig, spacing: dict[int, float]) -> list[RubyWord]:
    """The words of a paragraph that get pinyin; adds to `spacing` (relative offset -> px)
    letter spacing between words only where neighbouring pinyin would collide."""
    text_metrics = QFontMetricsF(config.font)
    ruby_metrics = QFontMetricsF(config.ruby_font)
    gap = ruby_gap(config)
    words: list[RubyWord] = []
    ends = [*token_starts[1:], len(text)]
    names = NameSpans(document)
    shift = RUBY_SHIFT * config.em  # pinyin may sit this far off its word's centre
    x = 0.0  # where the current token starts, spacing added so far included
    previous_right = -math.inf  # right edge of the previous pinyin run
    keep = config.ruby_words
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
            ruby_width = ruby_metrics.horizontalAdvance(word)
            left = x + (width - ruby_width) / 2
            needed = previous_right + gap - left - shift  # the rest shifts the pinyin
            if needed > 0 and s > 0:
                spacing[s - 1] = spacing.get(s - 1, 0.0) + needed
                x += needed
                left += needed
            previous_right = left + ruby_width
            words.append((token, s, e, word, syllables))
        x += width
    return words


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
    """Each word's pinyin centred over its glyphs, shifted inwards at a line's edges."""
    metrics = QFontMetricsF(config.ruby_font)
    by_line: dict[int, list[tuple[int, float, float, str, tuple]]] = {}
    for token, s, e, word, syllables in words:
        line_no = line_of(s)
        line = lines[line_no]
        x0 = line.cursorToX(s)[0]
        line_end = line.textStart() + line.textLength()
        x1 = line.cursorToX(min(e, line_end))[0] - spacing.get(min(e, line_end) - 1, 0.0)
        width = metrics.horizontalAdvance(word)
        by_line.setdefault(line_no, []).append(
            (token, (x0 + x1 - width) / 2, width, word, syllables))
    runs_out: list[RubyRun] = []
    for line_no, runs in sorted(by_line.items()):
        lefts = [left for _, left, _, _, _ in runs]
        edge = 0.0  # inwards from the left edge: a run that starts a line sticks out
        for i, (_, _, width, _, _) in enumerate(runs):
            lefts[i] = max(lefts[i], edge)
            edge = lefts[i] + width + gap
        edge = config.width  # and from the right edge
        for i in range(len(runs) - 1, -1, -1):
            width = runs[i][2]
            lefts[i] = max(0.0, min(lefts[i], edge - width))
            edge = lefts[i] - gap
        for (token, _, width, word, syllables), left in zip(runs, lefts, strict=True):
            runs_out.append(RubyRun(token, line_no, left + width / 2, word, syllables))
    return runs_out


def draw_ruby(painter: QPainter, origin: QPointF, runs: list[RubyRun], config: LayoutConfig,
              slot_top: Callable[[int], float], theme: Theme, tone_colours: bool) -> None:
    """Paint the pinyin runs, in tone colours or in the theme's ruby colour."""
    painter.setFont(config.ruby_font)
    metrics = QFontMetricsF(config.ruby_font)
    for run in runs:
        width = metrics.horizontalAdvance(run.text)
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
            x += metrics.horizontalAdvance(syllable)


def ruby_rects(runs: list[RubyRun], config: LayoutConfig,
               slot_top: Callable[[int], float]) -> list[tuple[int, QRectF]]:
    """(token index, local rectangle) of every pinyin run drawn."""
    metrics = QFontMetricsF(config.ruby_font)
    out = []
    for run in runs:
        width = metrics.horizontalAdvance(run.text)
        x = min(max(run.center - width / 2, 0.0), max(0.0, config.width - width))
        top = slot_top(run.line) + config.ruby_baseline - metrics.ascent()
        out.append((run.token_index, QRectF(x, top, width, metrics.height())))
    return out
