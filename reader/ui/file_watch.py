"""Noticing outside edits of a user file (hand edits, the CLI, another window) while open."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from reader.core.userfile import stamp


class UserFileWatcher(QObject):
    """Calls `reload()` when `path` changes on disk and differs from `known()`'s stamp.

    The folder is watched (atomic replaces remove the old file), changes are debounced,
    and the app's own writes, whose stamp the owner records, cause no reload.
    """

    def __init__(self, parent: QObject, path: Path, known: Callable[[], object],
                 reload: Callable[[], None]) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._known, self._reload = known, reload
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self.check)
        self._watcher = QFileSystemWatcher(self)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._watcher.addPath(str(self.path.parent))
        self._watcher.directoryChanged.connect(lambda _p: self._timer.start())

    def check(self) -> bool:
        """Reload if the file is not what the owner last read or wrote; True if it did."""
        if stamp(self.path) == self._known():
            return False
        self._reload()
        return True
