"""Keeps the article readable in a small window: docks shrink, then collapse, first.

The article keeps at least `MIN_EM` characters a line. When the window is too narrow for
that and both docks at their narrowest, the side panel is hidden, then the library; they
come back by themselves once the window is wide enough again (unless the user closed them).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

MIN_EM = 20  # characters a line the article keeps
DOCK_MIN = 170  # px a dock may shrink to


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
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def fit(self) -> None:
        """Hide or bring back docks for the window's width, then keep the article's minimum."""
        window = self.window
        need = self.article_min_width()
        width = window.width()
        shown = [d for d in self.docks() if d.isVisible() and not d.isFloating()]
        for dock in list(shown):
            if width - DOCK_MIN * len(shown) >= need:
                break
            dock.hide()
            shown.remove(dock)
            self._hidden_by_us.append(dock)
        while self._hidden_by_us:
            dock = self._hidden_by_us[-1]
            if width - DOCK_MIN * (len(shown) + 1) - 40 < need:
                break
            self._hidden_by_us.pop()
            dock.show()
            shown.append(dock)
        window.article_view.setMinimumWidth(max(0, min(need, width - DOCK_MIN * len(shown))))
        room = width - need
        if shown and window.centralWidget().width() < need:
            share = max(DOCK_MIN, room // len(shown))
            window.resizeDocks(shown, [share] * len(shown), Qt.Orientation.Horizontal)

    def forget(self, dock) -> None:
        """The user closed or opened `dock` by hand: never bring it back ourselves."""
        if dock in self._hidden_by_us:
            self._hidden_by_us.remove(dock)
