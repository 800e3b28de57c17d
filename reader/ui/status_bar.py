"""The status bar: messages, article length, script shown, a busy indicator (with the
progress of first-run builds: "Preparing the dictionary… 40 %")."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from reader.core.library.corpus import format_length
from reader.core.text.scripts import View
from reader.ui.plain_text import plain_label

VIEW_LABELS = {
    View.ORIGINAL: "Original",
    View.SIMPLIFIED: "Simplified 简",
    View.TRADITIONAL: "Traditional 繁",
    View.TAIWAN: "Traditional (Taiwan) 繁",
    View.HONGKONG: "Traditional (Hong Kong) 繁",
}
BUSY_EMS = 24  # the busy indicator's widest (longer text is cut)


class StatusBar(QStatusBar):
    """Permanent fields on the right; temporary messages on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status-bar")
        self.busy_label = plain_label(QLabel(self))
        self.busy_label.setObjectName("status-busy")
        # Several tasks' labels at once must not widen the window (and re-flow the text).
        em = self.busy_label.fontMetrics().horizontalAdvance("M")
        self.busy_label.setMaximumWidth(BUSY_EMS * em)
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
        self._busy = False
        self._labels: list[str] = []
        self._preparing: dict[str, float] = {}  # first-run builds under way -> fraction
        self.set_busy(False)

    def set_busy(self, busy: bool, labels: list[str] | None = None) -> None:
        self._busy = busy
        self.set_busy_labels(labels or [])

    def set_busy_labels(self, labels: list[str]) -> None:
        self._labels = list(dict.fromkeys(labels))
        self._refresh_busy()

    def show_preparing(self, what: str, fraction: float) -> None:
        """A first-run build's progress: "Preparing the dictionary… 40 %" (done at 1.0)."""
        if fraction >= 1.0:
            self._preparing.pop(what, None)
        else:
            self._preparing[what] = fraction
        self._refresh_busy()

    def busy_text(self) -> str:
        """What the busy indicator says now ('' when idle)."""
        return self.busy_label.text() if self.busy_label.isVisible() or self._busy else ""

    def _refresh_busy(self) -> None:
        if self._preparing:
            what, fraction = next(reversed(self._preparing.items()))
            self.progress.setRange(0, 100)
            self.progress.setValue(int(fraction * 100))
            self.busy_label.setText(f"{what}… {int(fraction * 100)} %")
        else:
            self.progress.setRange(0, 0)  # indeterminate
            self.busy_label.setText(" · ".join(self._labels))
        shown = self._busy or bool(self._preparing)
        self.progress.setVisible(shown)
        self.busy_label.setVisible(shown)

    def set_article(self, length: int | None, view: View | None) -> None:
        self.length_label.setText("" if length is None else format_length(length))
        self.script_label.setText("" if view is None else VIEW_LABELS.get(View(view), str(view)))
