"""ArticleView's hover handling: the word under the pointer and its popup."""
from __future__ import annotations

from PySide6.QtCore import QPointF


class ViewHoverMixin:
    """Tracks the hovered word and drives the popup controller."""

    def add_popup_section(self, provider, order: int) -> None:
        """provider(document, token_index, view) -> rich-text HTML or None; lower order first."""
        self.popups.add_section(provider, order)

    def add_popup_action(self, label: str, key: str, callback, order: int = 100) -> None:
        """A popup button and key; callback(document, token_index, view). Buttons go by
        `order` (then first added), whichever feature happens to install first."""
        self.popups.add_action(label, key, callback, order)

    def show_popup_for(self, token_index: int) -> bool:
        """Scroll the word into view and show its popup at once."""
        if self._document is None or not 0 <= token_index < len(self._document):
            return False
        self._ensure_token_visible(token_index)
        return self.popups.show(token_index)

    def popup(self):
        """The popup widget (for screenshots and tests)."""
        return self.popups.popup

    def hovered_token(self) -> int:
        return self._hover

    def _set_hover(self, token: int) -> None:
        if token == self._hover:
            return
        old = self._hover
        self._hover = token
        for index in (old, token):
            if index >= 0:
                for rect in self.token_rects(index):
                    self.viewport().update(rect.adjusted(-3, -3, 3, 3).toAlignedRect())
        self.word_hovered.emit(token)
        self.popups.on_hover(token)

    def enterEvent(self, event) -> None:  # noqa: N802
        """Coming back onto a word shows its popup without a second mouse move."""
        pos = self.viewport().mapFromGlobal(event.globalPosition().toPoint())
        if self.viewport().rect().contains(pos):
            self._set_hover(self.token_at(QPointF(pos)))
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._set_hover(-1)
        self.popups.on_view_left()
        super().leaveEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802
        super().wheelEvent(event)
        self._set_hover(self.token_at(event.position()))
