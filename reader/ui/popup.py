"""The word popup: a frameless tool-tip-like window that never takes focus or covers the word.

It is placed below the word, or above it when there is no room below, and kept inside the
screen's available area; when neither side has room for all of it, it takes the larger
side and scrolls. It only shows what it is given: the reading view builds the content.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPainter, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reader.ui.theme import LIGHT, Theme, popup_font

MAX_WIDTH = 380  # px of content
GAP = 4  # px between the word and the popup
MARGIN = 10  # px of padding inside the frame


class WordPopup(QFrame):
    """Shows rich text about one word, with optional action buttons.

    Signals:
        link_activated(str): a link in the content was clicked (e.g. "more").
        action_triggered(str): an action button was clicked; carries the action's key.
        mouse_entered(): the pointer moved onto the popup.
        mouse_left(): the pointer left the popup.
    """

    link_activated = Signal(str)
    action_triggered = Signal(str)
    mouse_entered = Signal()
    mouse_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        flags = (Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint
                 | Qt.WindowType.WindowDoesNotAcceptFocus)
        super().__init__(parent, flags)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("WordPopup")
        self.paint_count = 0
        self.pinned = False
        self.anchor = QRect()
        self._label = QLabel()
        self._label.setTextFormat(Qt.TextFormat.RichText)
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self._label.linkActivated.connect(self.link_activated)
        self._label.setContentsMargins(0, 0, 0, 0)
        self._label.setFont(popup_font())
        self._scroll = QScrollArea()
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(self._label)
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._buttons = QHBoxLayout()
        self._buttons.setContentsMargins(0, 4, 0, 0)
        self._buttons.setSpacing(6)
        box = QVBoxLayout(self)
        box.setContentsMargins(MARGIN, MARGIN - 2, MARGIN, MARGIN - 2)
        box.setSpacing(2)
        box.addWidget(self._scroll)
        box.addLayout(self._buttons)
        self._actions: list[tuple[str, str]] = []
        self._theme = LIGHT
        self.set_theme(LIGHT)

    # -- content --------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        bg, border, text = (theme.popup_background.name(), theme.popup_border.name(),
                            theme.popup_text.name())
        self.setStyleSheet(
            f"QFrame#WordPopup {{ background: {bg}; border: 1px solid {border};"
            f" border-radius: 6px; }}"
            f" QFrame#WordPopup QLabel {{ color: {text}; background: transparent; }}"
            f" QFrame#WordPopup QScrollArea, QFrame#WordPopup QScrollArea > QWidget > QWidget"
            f" {{ background: transparent; }}"
            f" QFrame#WordPopup QPushButton {{ color: {text}; background: transparent;"
            f" border: 1px solid {border}; border-radius: 4px; padding: 2px 8px; }}"
            f" QFrame#WordPopup QPushButton:hover {{ border-color: {theme.link.name()}; }}")

    def set_actions(self, actions: list[tuple[str, str]]) -> None:
        """Buttons for (label, key) pairs, e.g. ("Save", "S")."""
        if actions == self._actions:
            return
        self._actions = list(actions)
        while self._buttons.count():
            item = self._buttons.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for label, key in actions:
            button = QPushButton(f"{label} ({key})")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self.action_triggered.emit(k))
            self._buttons.addWidget(button)
        self._buttons.addStretch(1)

    def html(self) -> str:
        return self._label.text()

    def text(self) -> str:
        """The content as plain text (what a reader sees)."""
        document = QTextDocument()
        document.setHtml(self._label.text())
        return document.toPlainText()

    # -- showing --------------------------------------------------------------------
    def show_at(self, html: str, anchor: QRect) -> None:
        """Show `html` next to `anchor` (the word's rectangle in global coordinates)."""
        self.anchor = QRect(anchor)
        self._label.setText(html)
        width = self._content_width(html)
        self._label.setFixedWidth(width)
        content_height = self._label.heightForWidth(width)
        if content_height <= 0:
            content_height = self._label.sizeHint().height()
        self._place(QSize(width, content_height))
        if not self.isVisible():
            self.show()

    def _content_width(self, html: str) -> int:
        measure = QTextDocument()
        measure.setDefaultFont(self._label.font())
        measure.setDocumentMargin(0)
        measure.setHtml(html)
        measure.setTextWidth(MAX_WIDTH)
        return max(160, min(MAX_WIDTH, math.ceil(measure.idealWidth()) + 4))

    def _place(self, content: QSize) -> None:
        anchor = self.anchor
        screen = QGuiApplication.screenAt(anchor.center()) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        buttons = self._buttons.sizeHint().height() if self._actions else 0
        chrome_w = 2 * MARGIN + 2
        chrome_h = 2 * (MARGIN - 2) + 2 + buttons + (2 if self._actions else 0)
        width = content.width() + chrome_w
        wanted = content.height() + chrome_h
        below = area.bottom() - (anchor.bottom() + GAP)
        above = (anchor.top() - GAP) - area.top()
        if wanted <= below:
            height, y = wanted, anchor.bottom() + GAP + 1
        elif wanted <= above:
            height, y = wanted, anchor.top() - GAP - wanted
        elif below >= above:
            height, y = max(60, below), anchor.bottom() + GAP + 1
        else:
            height = max(60, above)
            y = anchor.top() - GAP - height
        x = min(max(anchor.left(), area.left() + 2), area.right() - width - 2)
        self._scroll.setFixedHeight(max(20, height - chrome_h))
        self.setFixedSize(width, height)
        self.move(QPoint(x, y))

    def hide_popup(self) -> None:
        self.pinned = False
        self.hide()

    # -- events ---------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.paint_count += 1
        super().paintEvent(event)

    def enterEvent(self, event) -> None:  # noqa: N802
        self.mouse_entered.emit()
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        self.mouse_left.emit()
        super().leaveEvent(event)


def grab_with_popup(widget: QWidget, popup: WordPopup | None) -> QPixmap:
    """A picture of `widget` with the popup drawn where it shows on screen (screenshots)."""
    pixmap = widget.grab()
    if popup is not None and popup.isVisible():
        top_left = widget.mapFromGlobal(popup.pos())
        painter = QPainter(pixmap)
        painter.drawPixmap(top_left, popup.grab())
        painter.end()
    return pixmap
