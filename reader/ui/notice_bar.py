"""A dismissible one-line notice above the article (settings reset, missing CJK font)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class NoticeBar(QFrame):
    """Shows notices one per line until closed; never modal, never blocks start-up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._notices: list[str] = []
        self.close_button.clicked.connect(self.dismiss)
        self.hide()

    def add_notice(self, text: str) -> None:
        if not text or text in self._notices:
            return
        self._notices.append(text)
        self.label.setText("\n".join(self._notices))
        self.show()

    def notices(self) -> list[str]:
        return list(self._notices)

    def dismiss(self) -> None:
        self._notices.clear()
        self.label.clear()
        self.hide()
