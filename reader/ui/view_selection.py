"""ArticleView's selection, word cursor, mouse clicks and right-click menu glue."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt

from reader.core.text.document import Kind
from reader.ui.selection import ordered, to_base_range

WORD_KINDS = (Kind.WORD, Kind.LATIN)  # tokens the pointer and the word cursor stop on


class ViewSelectionMixin:
    """Selection in view offsets, the keyboard word cursor, clicks and the context menu."""

    def add_context_actions(self, provider, order: int) -> None:
        """provider(MenuTarget) -> actions for the right-click menu (None: a separator)."""
        self.context_menus.add(provider, order)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Right-click: the menu for the word under the pointer or the selection."""
        menu = self.context_menu_at(QPointF(event.pos()))
        if menu is not None:
            menu.popup(event.globalPos())

    def context_menu_at(self, pos: QPointF):
        """The right-click menu for viewport position `pos`, built but not shown."""
        return self.context_menus.menu_at(pos)

    def selected_base_range(self) -> tuple[int, int] | None:
        rng = self.selected_view_range()
        return None if rng is None else to_base_range(self._document, self._view, *rng)

    def selected_view_range(self) -> tuple[int, int] | None:
        """The selection in view offsets (start, end), or None."""
        return ordered(self._selection)

    def selected_text(self) -> str:
        rng = self.selected_view_range()
        if rng is None or self._document is None:
            return ""
        return self._document.text(self._view)[rng[0]:rng[1]]

    def select_base_range(self, start: int, end: int) -> None:
        doc = self._document
        if doc is None:
            return
        self._selection = (doc.to_view_offset(start, self._view), doc.to_view_offset(end, self._view))
        self.viewport().update()
        self.selection_changed.emit()

    def word_cursor(self) -> int | None:
        return self._cursor

    def move_word_cursor(self, delta: int) -> None:
        """Step the word cursor over `delta` words (skipping punctuation and space)."""
        doc = self._document
        if doc is None or delta == 0 or len(doc) == 0:
            return
        step = 1 if delta > 0 else -1
        if self._cursor is None:
            first = doc.token_index_at(self.reading_position()) or 0
            index, remaining = first - step, abs(delta)
        else:
            index, remaining = self._cursor, abs(delta)
        found = self._cursor
        while remaining and 0 <= index + step < len(doc):
            index += step
            if doc.kind(index) in WORD_KINDS:
                found, remaining = index, remaining - 1
        if found is None:
            return
        self._cursor = found
        self.show_popup_for(found)
        self.viewport().update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        pos = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            end = self.boundary_at(pos)
            if end is not None and (self._selection is None or self._selection[1] != end):
                self._selection = (self._press, end)
                self.viewport().update()
                self.selection_changed.emit()
            return
        self._set_hover(self.token_at(pos))

    def viewportEvent(self, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ContextMenu:
            self._before_context_menu(QPointF(event.pos()))
        return super().viewportEvent(event)

    def _before_context_menu(self, pos: QPointF) -> None:
        """Right-click: the hover popup goes first; with no selection, the word under the
        pointer becomes the selection, so the menu's actions apply to it."""
        self.popups.hide()
        if self.selected_view_range() is None and self._document is not None:
            token = self.token_at(pos)
            if token >= 0 and self._document.token(token).is_word:
                start, end = self._document.span(token)
                self.select_base_range(start, end)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self._press = self.boundary_at(event.position())
        if self._selection is not None:
            self._selection = None
            self.viewport().update()
            self.selection_changed.emit()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseReleaseEvent(event)
        self._press = None
        if self.selected_view_range() is None:
            token = self.token_at(event.position())
            if token >= 0:
                self._cursor = token
                self.popups.show(token)
                self.viewport().update()
                self.word_clicked.emit(token)
            else:
                hit = self._hit(event.position())
                if hit is not None and hit[0].in_extra_lines(hit[2]):
                    self.line_clicked.emit(hit[0].paragraph)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        token = self.token_at(event.position())
        if token >= 0:
            self._selection = self._document.span(token, self._view)
            self.viewport().update()
            self.selection_changed.emit()

    def clear_selection(self) -> bool:
        if self._selection is None:
            return False
        self._selection = None
        self.viewport().update()
        self.selection_changed.emit()
        return True
