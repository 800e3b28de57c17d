"""A dismissible one-line notice above the article (settings reset, missing CJK font)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class NoticeBar(QFrame):
    """Shows notices one per line until closed; never modal, never blocks start-up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # notices quote file rows, titles
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.action_button = QPushButton(self)
        self.action_button.hide()
        self.action_button.clicked.connect(self._run_action)
        self._action = None
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignTop)
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

    def set_action(self, label: str, callback) -> None:
        """One button beside the notices (e.g. "Reopen …"); it dismisses them when pressed."""
        self._action = callback
        self.action_button.setText(label)
        self.action_button.show()

    def _run_action(self) -> None:
        callback = self._action
        self.dismiss()
        if callback is not None:
            callback()

    def notices(self) -> list[str]:
        return list(self._notices)

    def dismiss(self) -> None:
        self._notices.clear()
        self.label.clear()
        self._action = None
        self.action_button.hide()
        self.hide()
