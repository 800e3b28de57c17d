"""Paints a library row on two lines: the title, then badge · publication · date · length."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.core.scripts import Script
from reader.ui.library_model import ARTICLE_INFO_ROLE, SCRIPT_BADGES, format_length

PAD = 6
BADGE_COLOURS = {Script.TRADITIONAL: "#b35c00", Script.SIMPLIFIED: "#1f6fb2",
                 Script.MIXED: "#7a4bb0"}


class LibraryDelegate(QStyledItemDelegate):
    """Two-line article rows with a coloured script badge."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802
        metrics = QFontMetrics(option.font)
        return QSize(200, 2 * metrics.height() + 3 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        info = index.data(ARTICLE_INFO_ROLE)
        if info is None:
            super().paint(painter, option, index)
            return
        painter.save()
        style = option.widget.style() if option.widget else None
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                option.widget)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        metrics = QFontMetrics(option.font)
        line = metrics.height()
        title_font = QFont(option.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(palette.color(text_role))
        title = QFontMetrics(title_font).elidedText(info.title, Qt.TextElideMode.ElideRight,
                                                     rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(QFont(option.font))
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
        details = " · ".join(p for p in (read, info.publication, info.date,
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
