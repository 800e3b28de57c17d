"""What the library dock shows until its list is built, just after the first article paints.

It looks like the empty list (room for the filter box, then the list's framed base) and
asks for the same room as `LibraryPanel`, so nothing moves when the panel replaces it a
few frames later. It imports nothing the first paint does not already need.
"""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QWidget

MARGIN = 4  # LibraryPanel's layout margins
FILTER_PAD = 8  # a line edit's frame and padding around its text (Fusion)
LIST_GAP = 6  # the layout's spacing between the filter box and the list
LIST_HINT = QSize(256, 192)  # an item view's size hint
LIST_MINIMUM = QSize(70, 70)  # an item view's minimum size hint


class LibraryPlaceholder(QWidget):
    """An empty library list, painted without building one."""

    def _top(self) -> int:
        return MARGIN + self.fontMetrics().height() + FILTER_PAD + LIST_GAP

    def _around(self, list_size: QSize) -> QSize:
        return QSize(list_size.width() + 2 * MARGIN, list_size.height() + self._top() + MARGIN)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self._around(LIST_HINT)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self._around(LIST_MINIMUM)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        rect = self.rect().adjusted(MARGIN, self._top(), -MARGIN - 1, -MARGIN - 1)
        painter = QPainter(self)
        painter.fillRect(rect, self.palette().color(QPalette.ColorRole.Base))
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRect(rect)
        painter.end()


def library_placeholder(parent: QWidget) -> QWidget:
    """The placeholder, named for tests and style sheets."""
    placeholder = LibraryPlaceholder(parent)
    placeholder.setObjectName("library-placeholder")
    return placeholder
