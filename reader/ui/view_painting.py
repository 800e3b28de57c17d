"""Painting the reading view's decorations around a paragraph's text.

Behind the text: tints of marks (person, highlight, search), the selection and the hovered
word. Over it: glossary terms' dotted underline and the keyboard word cursor's outline.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from reader.ui.text_layout import ParagraphLayout

if TYPE_CHECKING:
    from reader.ui.article_view import ArticleView

_TINTS = ("study", "person", "search", "highlight")  # painted in this order, strongest last
RADIUS = 3.0


def _mark_rects(view: ArticleView, layout: ParagraphLayout, style_names: tuple[str, ...]):
    """(style, local rect) of every mark of those styles in the paragraph."""
    doc, shown = view.document(), view.view()
    p0, p1 = doc.to_base_offset(layout.start, shown), doc.to_base_offset(layout.end, shown)
    for style in style_names:
        for marks in view.mark_sets().values():
            if marks.style != style:
                continue
            for start, end in marks.overlapping(p0, max(p1, p0 + 1)):
                a, b = doc.to_view_offset(start, shown), doc.to_view_offset(end, shown)
                for rect in layout.range_rects(a, b):
                    yield style, rect


def paint_backgrounds(view: ArticleView, painter: QPainter, origin: QPointF,
                      layout: ParagraphLayout) -> None:
    theme = view.theme()
    painter.setPen(Qt.PenStyle.NoPen)
    for style, rect in _mark_rects(view, layout, _TINTS):
        painter.setBrush(theme.mark_colour(style))
        painter.drawRoundedRect(rect.translated(origin), RADIUS, RADIUS)
    selection = view.selected_view_range()
    if selection is not None and selection[0] < layout.end and selection[1] > layout.start:
        painter.setBrush(theme.selection)
        for rect in layout.range_rects(*selection):
            painter.drawRect(rect.translated(origin))
    hover = view.hovered_token()
    if hover < 0 and view.popups.visible and view.popups.token is not None:
        hover = view.popups.token  # the word the popup is about (keyboard, pinned)
    if hover >= 0:
        start, end = view.document().span(hover, view.view())
        if start < layout.end and end > layout.start:
            painter.setBrush(theme.hover)
            for rect in layout.range_rects(start, end):
                painter.drawRoundedRect(_pad(rect).translated(origin), RADIUS, RADIUS)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def paint_foregrounds(view: ArticleView, painter: QPainter, origin: QPointF,
                      layout: ParagraphLayout) -> None:
    theme = view.theme()
    config = layout.config
    underline = QPen(theme.glossary)
    underline.setWidthF(max(1.2, config.em / 14))
    underline.setStyle(Qt.PenStyle.DotLine)
    painter.setPen(underline)
    for _, rect in _mark_rects(view, layout, ("glossary",)):
        y = rect.top() + config.ascent + 0.2 * config.em
        painter.drawLine(QPointF(rect.left(), y) + origin, QPointF(rect.right(), y) + origin)
    cursor = view.word_cursor()
    if cursor is not None:
        start, end = view.document().span(cursor, view.view())
        if start < layout.end and end > layout.start:
            pen = QPen(theme.cursor)
            pen.setWidthF(1.6)
            painter.setPen(pen)
            for rect in layout.range_rects(start, end):
                painter.drawRoundedRect(_pad(rect).translated(origin), RADIUS, RADIUS)


def _pad(rect: QRectF) -> QRectF:
    return rect.adjusted(-1.5, 0.0, 1.5, 0.0)
