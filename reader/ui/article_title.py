"""The open article's title as a heading above its text, in the script being read."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from reader.core.text.scripts import View, convert

_CONFIG = {View.SIMPLIFIED: "t2s", View.TRADITIONAL: "s2t", View.TAIWAN: "s2tw",
           View.HONGKONG: "s2hk"}


class ArticleTitle(QLabel):
    """A bold heading, plain text (titles come from documents), elided to one line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("article-title")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setContentsMargins(28, 10, 28, 4)
        self._title = ""
        self._view = View.ORIGINAL
        self.hide()

    def set_title(self, title: str, view: View, points: int) -> None:
        self._title, self._view = title, View(view)
        font = self.font()
        font.setPointSizeF(max(11.0, points * 1.2))
        font.setBold(True)
        self.setFont(font)
        self.setVisible(bool(title))
        self._update()

    def title(self) -> str:
        """The heading as shown (in the view's script)."""
        config = _CONFIG.get(self._view)
        return convert(self._title, config) if config and self._title else self._title

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._update()

    def _update(self) -> None:
        shown = self.title()
        room = max(0, self.width() - 56)
        self.setText(self.fontMetrics().elidedText(shown, Qt.TextElideMode.ElideRight, room)
                     if room else shown)
        self.setToolTip(shown)
