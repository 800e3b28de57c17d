"""Never reopen an article that froze or crashed the window: the last-article setting is
written only once an article has painted, and after an unclean exit the next start shows
the library instead, with a notice offering to reopen the article.

`window.running` holds the process id of the open window and is cleared when it closes
normally; if it still names a process that is gone at start-up, that window was killed or
crashed (a window still open in another process is not an unclean exit).
"""
from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject, QTimer

from reader.ui.settings_bridge import SettingsBridge


class SessionGuard(QObject):
    """Tracks the article being opened and whether the previous session ended cleanly."""

    def __init__(self, settings: SettingsBridge, article_view, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._view = article_view
        self._pending = ""  # the id written as the last article once it has painted
        self.unclean = False  # the previous window did not close normally

    def begin(self) -> None:
        """At start-up: note an unclean previous exit, and mark this session as running."""
        if not self._settings.persist:
            return
        previous = self._settings.running()
        self.unclean = bool(previous) and previous != os.getpid() and not _alive(previous)
        self._settings.set_running(os.getpid())

    def end(self) -> None:
        """The window closes normally."""
        if self._settings.persist:
            self._settings.set_running(0)

    def opening(self, article_id: str) -> None:
        """`article_id` is being opened: it becomes the last article when it has painted."""
        if not self._settings.persist:
            return
        self._pending = article_id
        self._view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.Type.Paint and self._pending
                and self._view.document() is not None):
            QTimer.singleShot(0, self._painted)
        return super().eventFilter(watched, event)

    def _painted(self) -> None:
        if self._pending:
            self._settings.set_last_article(self._pending)
            self._pending = ""
            self._view.viewport().removeEventFilter(self)


def _alive(pid: int) -> bool:
    """Whether process `pid` exists (signal 0 tests without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def reopen_offer(title: str) -> str:
    """The notice shown instead of reopening `title` after an unclean exit."""
    return (f"Reader did not close normally last time, while “{title}” was open, so the "
            "library is shown instead. Choose the article in the library to reopen it.")
