"""Paints a library row on two lines: the title, then badge · publication · date · length."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.core.library.corpus import format_length
from reader.core.text.scripts import Script
from reader.ui.library.model import (
    ARTICLE_INFO_ROLE,
    DIFFICULTY_ROLE,
    SCRIPT_BADGES,
)

PAD = 6
BADGE_COLOURS = {Script.TRADITIONAL: "#b35c00", Script.SIMPLIFIED: "#1f6fb2",
                 Script.MIXED: "#7a4bb0"}


def two_line_size(option: QStyleOptionViewItem, pad: int) -> QSize:
    """The size of a two-line row (title, then details)."""
    return QSize(200, 2 * QFontMetrics(option.font).height() + 3 * pad)


def paint_title_line(painter: QPainter, option: QStyleOptionViewItem, title: str,
                     pad: int) -> tuple[QRect, int, bool]:
    """Paint a row's background and its bold, elided title line; leave the painter in the
    row's normal font. Returns (content rect, line height, selected)."""
    widget = option.widget
    style = widget.style() if widget else None
    if style is not None:
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    rect = option.rect.adjusted(pad, pad, -pad, -pad)
    line = QFontMetrics(option.font).height()
    bold = QFont(option.font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(option.palette.color(role))
    painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     QFontMetrics(bold).elidedText(title, Qt.TextElideMode.ElideRight,
                                                   rect.width()))
    painter.setFont(QFont(option.font))
    return rect, line, selected


def difficulty_text(difficulty) -> str:
    """'87% known · 120 new · HSK 5' (empty until computed)."""
    if difficulty is None:
        return ""
    level = difficulty.level
    hsk = "HSK 7–9" if level == 7 else f"HSK {level}" if level else "HSK 9+"
    return f"{difficulty.coverage:.0f}% known · {difficulty.unknown} new · {hsk}"


class LibraryDelegate(QStyledItemDelegate):
    """Two-line article rows with a coloured script badge."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802
        return two_line_size(option, PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        info = index.data(ARTICLE_INFO_ROLE)
        if info is None:
            super().paint(painter, option, index)
            return
        painter.save()
        rect, line, selected = paint_title_line(painter, option, info.title, PAD)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        metrics = QFontMetrics(option.font)
        badge = SCRIPT_BADGES.get(info.script, str(info.script))
        badge_width = metrics.horizontalAdvance(badge) + 10
        badge_rect = QRect(rect.left(), rect.top() + line + PAD, badge_width, line)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(BADGE_COLOURS.get(info.script, "#666666")))
        painter.drawRoundedRect(badge_rect, 4, 4)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)
        progress = info.extra.get("progress", 0.0)
        read = f"{progress:.0%} read" if progress > 0 else ""
        details = " · ".join(p for p in (difficulty_text(index.data(DIFFICULTY_ROLE)), read,
                                         info.publication, info.date,
                                         format_length(info.length)) if p)
        muted = palette.color(text_role)
        if not selected:
            muted = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        detail_rect = QRect(badge_rect.right() + PAD, badge_rect.top(),
                            rect.right() - badge_rect.right() - PAD, line)
        painter.drawText(detail_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(details, Qt.TextElideMode.ElideRight, detail_rect.width()))
        if progress > 0:  # a thin reading-progress bar along the bottom of the row
            bar = QRect(rect.left(), option.rect.bottom() - 2, round(rect.width() * progress), 2)
            painter.fillRect(bar, palette.color(QPalette.ColorRole.Highlight if not selected
                                                else QPalette.ColorRole.HighlightedText))
        painter.restore()
