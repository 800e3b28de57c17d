"""First-run builds (dictionary index, pinyin tables) report progress to the status bar.

The builds run on worker threads and call `Services.progress(what, fraction)`; this relays
each call to the GUI thread through a queued signal, where the status bar shows it. Only
steps of STEP percent or more are relayed (and the end): every relayed step re-lays out the
status bar, which cost the first run ~0.1 s of CPU when all ~60 were.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

STEP = 0.05  # the smallest progress step shown (5 %)


class PreparationRelay(QObject):
    """Hands `services.progress` calls from any thread to `show(what, fraction)` on the GUI
    thread (StatusBar.show_preparing)."""

    progressed = Signal(str, float)

    def __init__(self, services, show, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.progressed.connect(show, Qt.ConnectionType.QueuedConnection)
        services.progress = self.report
        self._shown: dict[str, float] = {}  # the last fraction relayed, by build

    def report(self, what: str, fraction: float) -> None:
        """Worker side: never touches a widget."""
        fraction = float(fraction)
        last = self._shown.get(what)
        if fraction < 1.0 and last is not None and 0 <= fraction - last < STEP:
            return
        self._shown[what] = fraction
        try:
            self.progressed.emit(what, fraction)
        except RuntimeError:  # the window is gone; the build goes on
            pass
