"""The toolbar's segmented control: Original | 简 | 繁."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QButtonGroup, QHBoxLayout, QToolButton, QWidget

from reader.core.text.scripts import View

SEGMENTS = (
    (View.ORIGINAL, "Original", "Show the article as written"),
    (View.SIMPLIFIED, "简", "Simplified Chinese"),
    (View.TRADITIONAL, "繁", "Traditional Chinese (Taiwan and Hong Kong standards: View menu)"),
)
SEGMENT_STYLE = """
QToolButton {{ padding: 2px 10px; border: 1px solid {mid}; background: {button};
              color: {text}; }}
QToolButton:checked {{ background: {highlight}; color: {highlighted}; }}
QToolButton#script-original {{ border-top-left-radius: 4px; border-bottom-left-radius: 4px; }}
QToolButton#script-traditional {{ border-top-right-radius: 4px;
                                  border-bottom-right-radius: 4px; }}
"""


def segment_style(palette: QPalette) -> str:
    """The segments' style in the palette's colours (a style sheet's palette() is resolved
    once, so the sheet is rebuilt whenever the theme changes)."""
    role = QPalette.ColorRole
    return SEGMENT_STYLE.format(
        mid=palette.color(role.Mid).name(), button=palette.color(role.Button).name(),
        text=palette.color(role.ButtonText).name(),
        highlight=palette.color(role.Highlight).name(),
        highlighted=palette.color(role.HighlightedText).name())
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
        self._style_key = ""
        self.restyle()

    def restyle(self) -> None:
        """Follow the application palette (the theme) now."""
        palette = QApplication.palette()
        style = segment_style(palette)
        if style != self._style_key:
            self._style_key = style
            self.setStyleSheet(style)

    def event(self, event) -> bool:
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self.restyle()
        return super().event(event)

    def set_view(self, view: View) -> None:
        """Reflect the view shown (does not emit)."""
        self._view = View(view)
        segment = View.TRADITIONAL if self._view.is_traditional else self._view
        self.buttons[segment].setChecked(True)

    def view(self) -> View:
        return self._view
