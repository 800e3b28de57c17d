"""Keeps the article readable in a small window: docks shrink, then collapse, first.

The article keeps at least `MIN_EM` characters a line. When the window is too narrow for
that and both docks at their narrowest, the side panel is hidden, then the library; they
come back by themselves once the window is wide enough again (unless the user closed them).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

MIN_EM = 20  # characters a line the article keeps
DOCK_MIN = 170  # px a dock may shrink to


SPLITTERS = 8  # px a dock's separator and frame take


def dock_min(dock) -> int:
    """The narrowest `dock` can be (its contents may not shrink below their own minimum)."""
    return max(DOCK_MIN, dock.minimumSizeHint().width())


class WindowFit(QObject):
    """Watches the window's size; shrinks or hides docks so the article keeps `MIN_EM` em."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._hidden_by_us: list = []  # docks collapsed for room, in the order hidden
        for dock in self.docks():
            dock.widget().setMinimumWidth(0)
            dock.setMinimumWidth(DOCK_MIN)
        window.installEventFilter(self)
        window.article_view.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)

    def docks(self) -> list:
        """The docks in the order they give way: the side panel first, then the library."""
        return [self.window.side_panel, self.window.library_dock]

    def article_min_width(self) -> int:
        """`MIN_EM` em of the article's text, plus its margins and scroll bar."""
        view = self.window.article_view
        em = view.font_size() * view.logicalDpiY() / 72
        return int(MIN_EM * em) + view.verticalScrollBar().sizeHint().width() + 24

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize and (
                watched is self.window or watched is self.window.article_view):
            self._timer.start()
        return False

    def fit(self) -> None:
        """Hide or bring back docks for the window's width, then keep the article's minimum."""
        window = self.window
        need = self.article_min_width()
        width = window.width()
        shown = [d for d in self.docks() if d.isVisible() and not d.isFloating()]

        def room(docks) -> int:  # what the docks at their narrowest leave the article
            return width - sum(dock_min(d) for d in docks) - SPLITTERS * len(docks)

        for dock in list(shown):
            if room(shown) >= need:
                break
            dock.hide()
            shown.remove(dock)
            self._hidden_by_us.append(dock)
        while self._hidden_by_us:
            dock = self._hidden_by_us[-1]
            if room([*shown, dock]) - 40 < need:
                break
            self._hidden_by_us.pop()
            dock.show()
            shown.append(dock)
        # No minimum width on the article itself: that would stop the window from being made
        # narrower at all. The docks give way here instead, after each resize.
        if shown and window.centralWidget().width() < need:
            spare = width - need - SPLITTERS * len(shown)
            current = [max(1, d.width()) for d in shown]
            total = sum(current)
            widths = [max(dock_min(d), spare * w // total) for d, w in zip(shown, current,
                                                                           strict=True)]
            window.resizeDocks(shown, widths, Qt.Orientation.Horizontal)

    def forget(self, dock) -> None:
        """The user closed or opened `dock` by hand: never bring it back ourselves."""
        if dock in self._hidden_by_us:
            self._hidden_by_us.remove(dock)
