"""The article view's right-click menu, built from what the features register.

A right-click on a word outside the selection selects that word first, so every action
works on "the selection": the word under the pointer or the text the reader selected.
The view itself offers Copy and Copy with Pinyin; features add theirs with
`ArticleView.add_context_actions(provider, order)`, where `provider(target)` returns the
actions (QAction, or None for a separator) for a `MenuTarget`. The hover popup closes
when the menu opens.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu

from reader.core.text.document import Document, Kind
from reader.core.text.scripts import View

_log = logging.getLogger(__name__)
COPY_ORDER = 0


@dataclass(frozen=True)
class MenuTarget:
    """What the menu acts on: base range, its text in the shown view, the token under the
    pointer (-1 when none), and the document and view."""

    document: Document
    view: View
    start: int
    end: int
    text: str
    token: int = -1
    point: int = -1  # base offset of the character boundary nearest the pointer

    @property
    def simplified(self) -> str:
        return self.document.simplified[self.start:self.end]

    def pinyin(self) -> str:
        """The range's words with their readings: '腾讯(téng xùn) 公司(gōng sī)'."""
        doc = self.document
        first = doc.token_index_at(self.start)
        if first is None:
            return self.text
        parts, index = [], first
        while index < len(doc) and doc.span(index)[0] < self.end:
            token = doc.token(index, self.view)
            if token.kind is Kind.WORD and token.pinyin_numbers:
                parts.append(f"{token.text}({token.pinyin})")
            elif token.kind is not Kind.SPACE:
                parts.append(token.text)
            index += 1
        return " ".join(parts)


Provider = Callable[[MenuTarget], "list[QAction | None]"]


class ContextMenus:
    """The registered providers of one view, in order; builds the menu for a target."""

    def __init__(self, view) -> None:
        self._view = view
        self._providers: list[tuple[int, int, Provider]] = []
        self.menu: QMenu | None = None  # the menu open last
        self.add(self._copy_actions, COPY_ORDER)

    def add(self, provider: Provider, order: int) -> None:
        self._providers.append((order, len(self._providers), provider))
        self._providers.sort(key=lambda item: (item[0], item[1]))

    def target(self, token: int = -1, point: int = -1) -> MenuTarget | None:
        """The target from the view's selection (None when nothing is selected)."""
        view = self._view
        document, rng = view.document(), view.selected_base_range()
        if document is None or rng is None or rng[0] >= rng[1]:
            return None
        return MenuTarget(document, view.view(), rng[0], rng[1], view.selected_text(), token,
                          point)

    def menu_at(self, pos) -> QMenu | None:
        """The menu for viewport position `pos` (None when nothing is there): the word under
        the pointer is selected unless it is inside the selection; the hover popup closes."""
        view = self._view
        document = view.document()
        if document is None:
            return None
        view.popups.hide()
        token = view.token_at(pos)
        selected = view.selected_base_range()
        if token >= 0:
            start, end = document.span(token)
            if selected is None or not (selected[0] <= start < selected[1]):
                view.select_base_range(start, end)
        boundary = view.boundary_at(pos)
        point = -1 if boundary is None else document.to_base_offset(boundary, view.view())
        target = self.target(token, point)
        return None if target is None else self.open(target)

    def open(self, target: MenuTarget) -> QMenu:
        """Build the menu for `target` (the view pops it up; it never blocks)."""
        if self.menu is not None:
            self.menu.deleteLater()
        self.menu = self.build(target)
        return self.menu

    def build(self, target: MenuTarget) -> QMenu:
        """The menu for `target`, one section per provider."""
        menu = QMenu(self._view)
        menu.setObjectName("article-context-menu")
        for _order, _, provider in self._providers:
            try:
                actions = provider(target) or []
            except Exception:  # a feature's bug must not take the menu down
                _log.exception("context menu provider %r failed", provider)
                continue
            if actions and menu.actions() and not menu.actions()[-1].isSeparator():
                menu.addSeparator()
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
        return menu

    def _copy_actions(self, target: MenuTarget) -> list[QAction]:
        menu_parent = self._view
        copy = QAction("&Copy", menu_parent)
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(target.text))
        with_pinyin = QAction("Copy with &Pinyin", menu_parent)
        with_pinyin.triggered.connect(
            lambda: QGuiApplication.clipboard().setText(target.pinyin()))
        return [copy, with_pinyin]
