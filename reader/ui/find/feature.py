"""Find in the article: Ctrl+F opens the find bar; every match is tinted, one is current.

The search itself is `reader.core.text.find.find` (text in any script, or pinyin with or
without tones). A long document is searched on a worker; a result for an older query or
document is dropped. F3 / Shift+F3 step through the matches while the bar is open (when it
is closed they keep whatever else they do, e.g. the next mention of a person).
"""
from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from reader.core.text.find import find, prepare
from reader.ui.feature_context import DeclaredServices, feature_context
from reader.ui.find.bar import FindBar
from reader.ui.marks import MarkSet

MARKS, CURRENT = "find", "find-current"
SYNC_CHARS = 100_000  # longer documents are searched off the GUI thread


SERVICES = ()  # what this feature uses of `Services`


class FindFeature(QObject):
    """The find bar and its matches over the article view."""

    def __init__(self, context, services) -> None:
        super().__init__(context.widget)
        self.context = context
        self.view = context.article_view
        self.bar = FindBar(context.widget)
        context.add_bar(self.bar)
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self._serial = 0
        self.action = QAction("&Find in Article…", context.widget)
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.action.triggered.connect(lambda: self.open())
        context.menu("&Edit").addAction(self.action)
        self.bar.query_changed.connect(self.search)
        self.bar.step.connect(self.step)
        self.bar.closed.connect(self._on_closed)
        context.document_changed.connect(lambda _doc: self._refresh())
        self.view.add_context_actions(self.context_actions, 15)
        for widget in (self.view, self.bar.field):
            widget.installEventFilter(self)

    # -- public ---------------------------------------------------------------------------
    def open(self, text: str = "") -> None:
        """Open the bar; with `text` (else the selection), find it at once."""
        text = text or self.view.selected_text().strip()
        if len(text) > 200 or "\n" in text:
            text = ""
        document = self.view.document()
        if document is not None and document.length > SYNC_CHARS and not text:
            self.context.tasks.run(lambda: prepare(document), label="Preparing find…")
        self.bar.open_bar(text)

    def context_actions(self, target) -> list:
        """Right-click: Find in Article (the word or the selection)."""
        if not target.text.strip() or len(target.text) > 200:
            return []
        action = QAction("&Find in Article", self.context.widget)
        action.triggered.connect(lambda: self.open(target.text.strip()))
        return [action]

    def search(self, query: str) -> None:
        """Find `query` in the shown document (on a worker when it is long)."""
        self._serial += 1
        serial, document = self._serial, self.view.document()
        if not query or document is None:
            self._show([], serial, query)
            return
        if document.length <= SYNC_CHARS:
            self._show(find(document, query), serial, query)
            return
        self.bar.set_count(-1, 0, busy=True)

        def work():
            found = find(document, query)
            return found, MarkSet("search", found)

        self.context.tasks.run(work, lambda result: self._show(result[0], serial, query,
                                                              result[1]),
                              label="Finding…")

    def step(self, delta: int) -> None:
        """Go to the next (+1) or previous (-1) match, wrapping at the ends."""
        if not self.matches:
            return
        if self.current < 0:
            self.current = self._first_from_position() - (1 if delta > 0 else 0)
        self.current = (self.current + delta) % len(self.matches)
        self._go()

    # -- internals ----------------------------------------------------------------------
    def _show(self, matches, serial: int, query: str, marks: MarkSet | None = None) -> None:
        if serial != self._serial:
            return  # an older query
        self.matches = matches
        if matches:
            self.view.set_mark_set(MARKS, marks or MarkSet("search", matches))
            self.current = self._first_from_position()
            self._go()
        else:
            self.current = -1
            self.view.clear_marks(MARKS)
            self.view.clear_marks(CURRENT)
            self.bar.set_count(-1, 0)

    def _first_from_position(self) -> int:
        """The first match at or after the top of the viewport (else the first)."""
        index = bisect_left(self.matches, (self.view.reading_position(), -1))
        return index if index < len(self.matches) else 0

    def _go(self) -> None:
        start, end = self.matches[self.current]
        self.view.set_marks(CURRENT, [(start, end)], "highlight")
        visible = self.view.visible_base_range()
        if not visible[0] <= start < visible[1] or not self._on_screen(start, end):
            self.view.scroll_to_base_offset(start)
        self.bar.set_count(self.current, len(self.matches))

    def _on_screen(self, start: int, end: int) -> bool:
        document = self.view.document()
        shown = self.view.view()
        a, b = document.to_view_offset(start, shown), document.to_view_offset(end, shown)
        room = self.view.viewport().height()
        rects = []
        for top, layout in self.view.visible_layouts():
            rects += [r.translated(0, top) for r in layout.range_rects(a, b)]
        return bool(rects) and all(r.top() >= 0 and r.bottom() <= room for r in rects)

    def _refresh(self) -> None:
        if self.bar.isVisible() and self.bar.query():
            self.search(self.bar.query())

    def _on_closed(self) -> None:
        self._serial += 1
        self.matches, self.current = [], -1
        self.view.clear_marks(MARKS)
        self.view.clear_marks(CURRENT)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        """F3 / Shift+F3 step the matches while the bar is open (before any shortcut)."""
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and self.bar.isVisible():
            if event.key() == Qt.Key.Key_F3:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                    self.step(-1 if back else 1)
                return kind == QEvent.Type.KeyPress
            if (kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape
                    and watched is self.view and not self.view.popups.visible
                    and self.view.selected_view_range() is None):
                self.bar.close_bar()
                return True
        return super().eventFilter(watched, event)


def install(window, services) -> FindFeature:
    """Add Edit › Find in Article (Ctrl+F) and the find bar."""
    return FindFeature(feature_context(window), DeclaredServices(services, SERVICES))
