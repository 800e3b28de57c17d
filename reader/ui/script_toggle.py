"""The toolbar's segmented control: Original | 简 | 繁."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

from reader.core.text.scripts import View

SEGMENTS = (
    (View.ORIGINAL, "Original", "Show the article as written"),
    (View.SIMPLIFIED, "简", "Simplified Chinese"),
    (View.TRADITIONAL, "繁", "Traditional Chinese (Taiwan and Hong Kong standards: View menu)"),
)
SEGMENT_STYLE = """
QToolButton { padding: 2px 10px; border: 1px solid palette(mid); background: palette(button); }
QToolButton:checked { background: palette(highlight); color: palette(highlighted-text); }
QToolButton#script-original { border-top-left-radius: 4px; border-bottom-left-radius: 4px; }
QToolButton#script-traditional { border-top-right-radius: 4px; border-bottom-right-radius: 4px; }
"""
CYCLE = (View.ORIGINAL, View.SIMPLIFIED, View.TRADITIONAL)


def next_view(view: View) -> View:
    """The view Ctrl+T moves to: Original → 简 → 繁 → Original (Taiwan/HK count as 繁)."""
    current = View.TRADITIONAL if view.is_traditional else view
    return CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)]


class ScriptToggle(QWidget):
    """Three exclusive buttons; the 繁 button stays lit for the Taiwan and Hong Kong views.

    Signals:
        view_chosen(object): the View the user clicked.
    """

    view_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("script-toggle")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[View, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for view, text, tip in SEGMENTS:
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(f"{tip} (Ctrl+T cycles)")
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setObjectName(f"script-{view.value}")
            button.setMinimumWidth(34)
            self.group.addButton(button)
            self.buttons[view] = button
            layout.addWidget(button)
            button.clicked.connect(lambda _checked=False, v=view: self.view_chosen.emit(v))
        self._view = View.ORIGINAL
        self.buttons[View.ORIGINAL].setChecked(True)
        self.setStyleSheet(SEGMENT_STYLE)

    def set_view(self, view: View) -> None:
        """Reflect the view shown (does not emit)."""
        self._view = View(view)
        segment = View.TRADITIONAL if self._view.is_traditional else self._view
        self.buttons[segment].setChecked(True)

    def view(self) -> View:
        return self._view
