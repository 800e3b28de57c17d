"""First-run builds (dictionary index, pinyin tables) report progress to the status bar.

The builds run on worker threads and call `Services.progress(what, fraction)`; this relays
each call to the GUI thread through a queued signal, where the status bar shows it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal


class PreparationRelay(QObject):
    """Hands `services.progress` calls from any thread to `show(what, fraction)` on the GUI
    thread (StatusBar.show_preparing)."""

    progressed = Signal(str, float)

    def __init__(self, services, show, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.progressed.connect(show, Qt.ConnectionType.QueuedConnection)
        services.progress = self.report

    def report(self, what: str, fraction: float) -> None:
        """Worker side: never touches a widget."""
        try:
            self.progressed.emit(what, float(fraction))
        except RuntimeError:  # the window is gone; the build goes on
            pass
