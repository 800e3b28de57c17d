"""The status bar: messages, article length, script shown, a busy indicator."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from reader.core.text.scripts import View
from reader.ui.library.model import format_length

VIEW_LABELS = {
    View.ORIGINAL: "Original",
    View.SIMPLIFIED: "Simplified 简",
    View.TRADITIONAL: "Traditional 繁",
    View.TAIWAN: "Traditional (Taiwan) 繁",
    View.HONGKONG: "Traditional (Hong Kong) 繁",
}


class StatusBar(QStatusBar):
    """Permanent fields on the right; temporary messages on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status-bar")
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("status-busy")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("status-progress")
        self.progress.setRange(0, 0)  # indeterminate
        self.progress.setMaximumWidth(90)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.length_label = QLabel(self)
        self.length_label.setObjectName("status-length")
        self.script_label = QLabel(self)
        self.script_label.setObjectName("status-script")
        for widget in (self.busy_label, self.progress, self.length_label, self.script_label):
            self.addPermanentWidget(widget)
        self.set_busy(False)

    def set_busy(self, busy: bool, labels: list[str] | None = None) -> None:
        self.progress.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.set_busy_labels(labels or [])

    def set_busy_labels(self, labels: list[str]) -> None:
        self.busy_label.setText(" · ".join(dict.fromkeys(labels)))

    def set_article(self, length: int | None, view: View | None) -> None:
        self.length_label.setText("" if length is None else format_length(length))
        self.script_label.setText("" if view is None else VIEW_LABELS.get(View(view), str(view)))
