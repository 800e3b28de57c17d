"""When and what the word popup shows: settle delay, sections, actions, pinning, hiding.

The reading view tells it which token the mouse is over; after the pointer has rested on
one word for `SETTLE_MS` it builds the content (the word header, then every registered
section by `order`: glossary 10, people 20, CC-CEDICT 50) and shows the popup next to the
word. Moving to another word keeps the popup until the new word settles, unless the popup
would cover the new word. Leaving the view hides it after a short grace period, so the
pointer can travel onto the popup to click "more" or an action.

The popup widget (and the HTML it renders) is built on first use, not at start-up: its
modules are not needed to paint the first article.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from reader.core.text.document import Document
from reader.core.text.scripts import View

if TYPE_CHECKING:
    from reader.ui.article_view import ArticleView
    from reader.ui.popup import WordPopup

SETTLE_MS = 100
LEAVE_GRACE_MS = 300
DICTIONARY_ORDER = 50

Provider = Callable[[Document, int, View], "str | None"]
Action = Callable[[Document, int, View], object]
_log = logging.getLogger(__name__)


class PopupController(QObject):
    """Owns the `WordPopup` of one `ArticleView` and decides when it shows."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)
        self._view = view
        self._popup: WordPopup | None = None
        self.token: int | None = None  # the token the popup shows
        self._expanded = False
        self._explained = False  # a feature card (glossary, person) is in the popup
        self._sections: list[tuple[int, int, Provider]] = []
        self._actions: list[tuple[str, str, Action]] = []
        self._orders: dict[str, tuple[int, int]] = {}  # key -> (order, when added)
        self._added = 0
        self._pending = -1
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.on_settled)
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        self._grace.setInterval(LEAVE_GRACE_MS)
        self._grace.timeout.connect(self._hide_unless_pinned)
        self._over_popup = False
        self.add_section(self._dictionary_section, DICTIONARY_ORDER)

    @property
    def popup(self) -> WordPopup:
        """The popup widget, built on first use."""
        if self._popup is None:
            from reader.ui.popup import WordPopup

            popup = self._popup = WordPopup(self._view)
            popup.link_activated.connect(self._on_link)
            popup.action_triggered.connect(self.trigger)
            popup.mouse_entered.connect(self._on_popup_entered)
            popup.mouse_left.connect(self._on_popup_left)
            popup.set_actions([(label, k) for label, k, _ in self._actions])
            popup.set_theme(self._view.theme())
        return self._popup

    def apply_theme(self) -> None:
        """The view's theme changed (applied at the next show if the popup is not built)."""
        if self._popup is not None:
            self._popup.set_theme(self._view.theme())

    # -- registration ---------------------------------------------------------------
    def add_section(self, provider: Provider, order: int) -> None:
        self._sections.append((order, len(self._sections), provider))
        self._sections.sort(key=lambda item: (item[0], item[1]))

    def add_action(self, label: str, key: str, callback: Action, order: int = 100) -> None:
        key = key.upper()
        kept = [a for a in self._actions if a[1] != key]
        self._orders[key] = (order, self._added)
        self._added += 1
        self._actions = sorted([*kept, (label, key, callback)], key=lambda a: self._orders[a[1]])
        if self._popup is not None:
            self._popup.set_actions([(label, k) for label, k, _ in self._actions])

    def action_labels(self) -> list[tuple[str, str]]:
        """(label, key) of every popup action, in order."""
        return [(label, key) for label, key, _ in self._actions]

    def action_keys(self) -> set[str]:
        return {key for _, key, _ in self._actions}

    # -- hover ----------------------------------------------------------------------
    @property
    def visible(self) -> bool:
        return self._popup is not None and self._popup.isVisible()

    @property
    def pinned(self) -> bool:
        return self.visible and self._popup.pinned

    def on_hover(self, token: int) -> None:
        """The mouse moved onto `token` (-1: onto no word)."""
        self._grace.stop()
        self._pending = token
        if self.pinned:
            return
        if token < 0:
            self._settle.stop()
            return
        if self.visible and token != self.token:
            rect = self._view.token_global_rect(token)
            if rect is None or rect.intersects(self.popup.geometry()):
                self.popup.hide()
        self._settle.start()

    def on_settled(self) -> None:
        """The pointer rested on a word: show its popup (the settle timer's slot)."""
        if self._pending >= 0 and not self.pinned:
            self.show(self._pending)

    def on_view_left(self) -> None:
        self._settle.stop()
        self._pending = -1
        if self.visible and not self.pinned:
            self._grace.start()

    def _on_popup_entered(self) -> None:
        self._over_popup = True
        self._grace.stop()

    def _on_popup_left(self) -> None:
        self._over_popup = False
        if not self.pinned:
            self._grace.start()

    def _hide_unless_pinned(self) -> None:
        if not self.pinned and not self._over_popup and self._view.hovered_token() < 0:
            self.hide()

    # -- showing ----------------------------------------------------------------------
    def show(self, token: int) -> bool:
        """Build and show the popup for `token`; False when there is nothing to show."""
        document = self._view.document()
        if document is None or not 0 <= token < len(document):
            return False
        rect = self._view.token_global_rect(token)
        if rect is None:
            return False
        if token != self.token:
            self._expanded = False
            if self._popup is not None:
                self._popup.reset_actions()
        self.token = token
        html = self.content(token)
        if not html:
            self.popup.hide()
            return False
        self.popup.set_theme(self._view.theme())
        self.popup.show_at(html, rect)
        self._view.viewport().update()
        return True

    def content(self, token: int) -> str:
        """The popup's HTML for `token`: header, then each section that has something."""
        from reader.ui.popup_content import header_html

        view = self._view
        document, shown = view.document(), view.view()
        parts = [header_html(document, token, shown, view.theme(), view.tone_colours(),
                             view.cjk_family(), view.romanisation())]
        rule = '<div style="font-size:4pt">&nbsp;</div>'
        self._explained = False  # set once a feature's card (glossary, person) shows
        for order, _, provider in self._sections:
            try:
                section = provider(document, token, shown)
            except Exception:  # a feature's bug must not take hover down with it
                _log.exception("popup section %r failed", provider)
                continue
            if section:
                parts.append(rule + section)
                if order < DICTIONARY_ORDER:
                    self._explained = True
        return "".join(parts)

    def _dictionary_section(self, document: Document, token: int, view: View) -> str | None:
        from reader.ui.popup_content import dictionary_html

        return dictionary_html(self._view.dictionary(), document, token, view,
                               self._view.theme(), self._view.tone_colours(), self._expanded,
                               characters=not self._explained)

    def _on_link(self, link: str) -> None:
        from reader.ui.popup_content import MORE_LINK

        if link == MORE_LINK and self.token is not None:
            self._expanded = True
            self.show(self.token)

    def reposition(self) -> None:
        """After scrolling: follow the word if pinned, otherwise hide."""
        if not self.visible:
            return
        if self.pinned and self.token is not None:
            rect = self._view.token_global_rect(self.token)
            if rect is not None:
                self.popup.show_at(self.popup.html(), rect)
                return
        self.hide()

    def hide(self) -> None:
        self._settle.stop()
        self._grace.stop()
        if self.visible:
            self._popup.hide_popup()
            self._view.viewport().update()

    def toggle_pin(self, token: int | None) -> None:
        """Enter: keep the popup open (showing it for `token` first if needed), or release it."""
        if self.pinned:
            self.popup.pinned = False
            return
        if token is not None and (not self.visible or self.token != token):
            if not self.show(token):
                return
        if self.visible:
            self.popup.pinned = True

    def mark_action_done(self, token: int, key: str, label: str) -> None:
        """`key`'s action finished for `token`: if the popup still shows it, say so there."""
        if self._popup is not None and self.token == token:
            self._popup.mark_action_done(key.upper(), label)

    def trigger(self, key: str) -> bool:
        """Run the action bound to `key` for the popup's word; False if none."""
        key = key.upper()
        document = self._view.document()
        if document is None or self.token is None:
            return False
        for _, action_key, callback in self._actions:
            if action_key == key:
                callback(document, self.token, self._view.view())
                return True
        return False
