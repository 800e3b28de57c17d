"""The word popup: a frameless tool-tip-like window that never takes focus or covers the word.

It is placed below the word, or above it when there is no room below, and kept inside the
screen's available area; when neither side has room for all of it, it takes the larger
side and scrolls. It only shows what it is given: the reading view builds the content.
The content is one QTextDocument, measured once and painted directly (a QLabel would lay
the same rich text out two more times on every show).
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QGuiApplication,
    QPainter,
    QPalette,
    QPixmap,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reader.ui.theme import LIGHT, Theme, popup_font

MAX_WIDTH = 380  # px of content
BUTTONS_PER_ROW = 3
MIN_WIDTH = 160
GAP = 4  # px between the word and the popup
MARGIN = 10  # px of padding inside the frame


class RichText(QWidget):
    """Paints one rich-text document; its links are clickable.

    Signals:
        link_activated(str): a link was clicked.
    """

    link_activated = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.document = QTextDocument(self)
        self.document.setDocumentMargin(0)
        self.document.setDefaultFont(popup_font())
        self.setMouseTracking(True)

    def set_html(self, html: str, max_width: int) -> QSize:
        """Lay `html` out at most `max_width` wide; returns (and takes) its size."""
        document = self.document
        document.setHtml(html)
        document.setTextWidth(max_width)
        width = max(MIN_WIDTH, min(max_width, math.ceil(document.idealWidth()) + 2))
        document.setTextWidth(width)
        size = QSize(width, math.ceil(document.size().height()))
        self.setFixedSize(size)
        self.update()
        return size

    def _anchor_at(self, pos: QPointF) -> str:
        return self.document.documentLayout().anchorAt(pos)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text,
                                 self.palette().color(QPalette.ColorRole.WindowText))
        context.clip = event.rect().toRectF()
        self.document.documentLayout().draw(painter, context)
        painter.end()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        link = self._anchor_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if link else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        link = self._anchor_at(event.position())
        if link and event.button() == Qt.MouseButton.LeftButton:
            self.link_activated.emit(link)


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
        self.paint_count = 0
        self.pinned = False
        self.anchor = QRect()
        self._html = ""
        self._content = RichText()
        self._content.link_activated.connect(self.link_activated)
        self._scroll = QScrollArea()
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(self._content)
        self._scroll.setWidgetResizable(False)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._buttons = QGridLayout()  # rows of BUTTONS_PER_ROW: labels are never clipped
        self._buttons.setContentsMargins(0, 4, 0, 0)
        self._buttons.setHorizontalSpacing(6)
        self._buttons.setVerticalSpacing(0)
        box = QVBoxLayout(self)
        box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # we size the window
        box.setContentsMargins(MARGIN, MARGIN - 2, MARGIN, MARGIN - 2)
        box.setSpacing(2)
        box.addWidget(self._scroll)
        box.addLayout(self._buttons)
        self._actions: list[tuple[str, str]] = []
        self._theme: Theme | None = None
        self.set_theme(LIGHT)

    # -- content --------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        if theme is self._theme:
            return
        self._theme = theme
        palette = self.palette()
        for role, colour in ((QPalette.ColorRole.Window, theme.popup_background),
                             (QPalette.ColorRole.Base, theme.popup_background),
                             (QPalette.ColorRole.Button, theme.popup_background),
                             (QPalette.ColorRole.WindowText, theme.popup_text),
                             (QPalette.ColorRole.Text, theme.popup_text),
                             (QPalette.ColorRole.ButtonText, theme.popup_text),
                             (QPalette.ColorRole.Link, theme.link)):
            palette.setColor(role, colour)
        self.setPalette(palette)
        self._scroll.viewport().setAutoFillBackground(False)
        self._scroll.setAutoFillBackground(False)
        self.update()

    def set_actions(self, actions: list[tuple[str, str]]) -> None:
        """Buttons for (label, key) pairs, e.g. ("Save", "S")."""
        if actions == self._actions:
            return
        self._actions = list(actions)
        while self._buttons.count():
            item = self._buttons.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for index, (label, key) in enumerate(actions):
            button = QPushButton(f"{label} ({key})")
            button.setObjectName(f"popup-action-{key}")
            button.setProperty("action_label", f"{label} ({key})")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFlat(True)
            button.clicked.connect(lambda _=False, k=key: self.action_triggered.emit(k))
            self._buttons.addWidget(button, index // BUTTONS_PER_ROW, index % BUTTONS_PER_ROW,
                                    Qt.AlignmentFlag.AlignLeft)
        self._buttons.setColumnStretch(BUTTONS_PER_ROW, 1)

    def action_button(self, key: str) -> QPushButton | None:
        return self.findChild(QPushButton, f"popup-action-{key}")

    def mark_action_done(self, key: str, label: str) -> None:
        """Show that `key`'s action is done for this word (e.g. "Saved ✓"), disabled."""
        button = self.action_button(key)
        if button is not None:
            button.setText(label)
            button.setEnabled(False)

    def reset_actions(self) -> None:
        """Every action button back to its own label, enabled (a new word is shown)."""
        for index in range(self._buttons.count()):
            button = self._buttons.itemAt(index).widget()
            if isinstance(button, QPushButton) and button.property("action_label"):
                button.setText(button.property("action_label"))
                button.setEnabled(True)

    def html(self) -> str:
        return self._html

    def text(self) -> str:
        """The content as plain text (what a reader sees)."""
        return self._content.document.toPlainText()

    # -- showing --------------------------------------------------------------------
    def show_at(self, html: str, anchor: QRect) -> None:
        """Show `html` next to `anchor` (the word's rectangle in global coordinates)."""
        self.anchor = QRect(anchor)
        self._html = html
        self._place(self._content.set_html(html, MAX_WIDTH))
        self._scroll.verticalScrollBar().setValue(0)
        if not self.isVisible():
            self.show()

    def _area(self, wanted: int) -> QRect:
        """Where the popup may go: inside the window when it fits above or below the word
        there, else the window's screen."""
        anchor = self.anchor
        window = self.parentWidget().window() if self.parentWidget() is not None else None
        screen = ((window.screen() if window is not None else None)
                  or QGuiApplication.screenAt(anchor.center()) or QGuiApplication.primaryScreen())
        area = screen.availableGeometry()
        if window is None:
            return area
        inside = QRect(window.mapToGlobal(QPoint(0, 0)), window.size()).intersected(area)
        room = max(inside.bottom() - (anchor.bottom() + GAP), (anchor.top() - GAP) - inside.top())
        return inside if room >= wanted and inside.width() >= MAX_WIDTH else area

    def _place(self, content: QSize) -> None:
        anchor = self.anchor
        buttons = self._buttons.sizeHint().height() + 2 if self._actions else 0
        chrome_w = 2 * MARGIN
        chrome_h = 2 * (MARGIN - 2) + buttons
        # never narrower than the action buttons' row: a short entry must not clip them
        row = self._buttons.minimumSize().width() if self._actions else 0
        width = max(content.width(), row) + chrome_w
        wanted = content.height() + chrome_h
        area = self._area(wanted)
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
        scrolls = height < wanted
        if scrolls:
            width += self._scroll.verticalScrollBar().sizeHint().width()
        x = min(max(anchor.left(), area.left() + 2), area.right() - width - 2)
        self._scroll.setFixedSize(width - chrome_w, max(20, height - chrome_h))
        self.setGeometry(QRect(QPoint(x, y), QSize(width, height)))

    def hide_popup(self) -> None:
        self.pinned = False
        self.hide()

    # -- events ---------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.paint_count += 1
        painter = QPainter(self)
        theme = self._theme or LIGHT
        painter.fillRect(self.rect(), theme.popup_background)
        painter.setPen(theme.popup_border)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

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
