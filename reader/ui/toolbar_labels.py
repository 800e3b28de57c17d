"""Clear toolbar labels: plain English words, each with a tooltip naming its shortcut.

Every action put on the toolbar (the window's and the features') gets the same treatment
as it is added: its label is its menu text without the '&' and '…' (a long one keeps the
short label its owner gave), and its tooltip says what it does and which keys do it.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence

LONGEST_LABEL = 16


def clean(text: str) -> str:
    return text.replace("&", "").rstrip("…").rstrip(".").strip()


def toolbar_tooltip(action: QAction) -> str:
    """'Pinyin Above Words — Show pinyin above the words (Ctrl+P)'."""
    keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                     for s in action.shortcuts())
    tip = clean(action.text())
    detail = action.statusTip() or action.whatsThis()
    if detail and detail.casefold() != tip.casefold():
        tip += f" — {detail}"
    return f"{tip} ({keys})" if keys else tip


def label_action(action: QAction, label: str | None = None) -> None:
    """Give `action` its toolbar label (or `label`) and a tooltip with its shortcut."""
    if action.isSeparator():
        return
    name = label or clean(action.text())
    if len(name) > LONGEST_LABEL and not label:
        name = clean(action.iconText()) or name
    if name and action.iconText() != name:
        action.setIconText(name)
    tooltip = toolbar_tooltip(action)
    if action.toolTip() != tooltip:
        action.setToolTip(tooltip)


class ToolbarLabels(QObject):
    """Labels the toolbar's actions now and every action added later."""

    def __init__(self, toolbar, labels: dict | None = None) -> None:
        super().__init__(toolbar)
        self.toolbar = toolbar
        self.labels = dict(labels or {})  # action → a chosen short label
        for action in toolbar.actions():
            label_action(action, self.labels.get(action))
        toolbar.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.toolbar and event.type() == QEvent.Type.ActionAdded:
            action = event.action()
            label_action(action, self.labels.get(action))
        return False
