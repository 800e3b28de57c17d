"""Library rows' difficulty in the window: counted on one background thread, cached on disk,
re-scored (also off the GUI thread) a moment after statuses change."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction

from reader.core import paths
from reader.core.study.library import CountsCache, LibraryDifficulty
from reader.ui.library.model import COL_TITLE, DIFFICULTY_SORT_ROLE, SORT_ROLE

RESCORE_MS = 300
QUIET_WAIT_S = 10.0  # the longest an article's count waits for the window's tasks to finish


class LibraryRows(QObject):
    """Fills `library_panel.model`'s difficulty, one article at a time, never on the GUI thread.

    Counting annotates whole articles, the least urgent work there is: each count waits
    (at most QUIET_WAIT_S) until the window's own tasks are done. Running beside them, it
    would be one more thread asking for the interpreter lock, and the window's share of it
    (painting, filling lists) would shrink.

    Signals:
        scored(str, object): an article's Difficulty (delivered on the GUI thread).
        finished(): every listed article has a difficulty.
    """

    scored = Signal(str, object)
    finished = Signal()

    def __init__(self, context, services, study) -> None:
        super().__init__(context.widget)
        self.context, self.services = context, services
        window = context
        self.model = window.library_panel.model
        self.proxy = window.library_panel.proxy
        self.difficulty = LibraryDifficulty(CountsCache(paths.cache_dir() / "study_counts.sqlite3"),
                                            lambda: services.annotator, study)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="library-difficulty")
        self._closed = False
        self._quiet = threading.Event()  # set while the window runs no task
        tasks = getattr(context, "tasks", None)
        if tasks is not None:
            tasks.busy_changed.connect(self._tasks_busy)
            self._tasks_busy(tasks.busy)
        else:
            self._quiet.set()
        self._pending: set[str] = set()
        self.scored.connect(self.model.set_difficulty, Qt.ConnectionType.QueuedConnection)
        self._rescore = QTimer(self)
        self._rescore.setSingleShot(True)
        self._rescore.setInterval(RESCORE_MS)
        self._rescore.timeout.connect(self._submit_rescore)
        self.model.modelReset.connect(self.count_missing)
        window.widget.destroyed.connect(self.close)
        QCoreApplication.instance().aboutToQuit.connect(self.close)
        self.sort_action = QAction("Sort Library by &Difficulty", window.widget, checkable=True)
        self.sort_action.setStatusTip("Easiest first: the most words you know")
        self.sort_action.toggled.connect(self.sort_by_difficulty)
        window.menu("&View").addAction(self.sort_action)
        if not hasattr(window.widget, "idle_checks"):
            window.widget.idle_checks = []
        window.widget.idle_checks.append(self.idle)  # screenshots wait for the rows
        self.count_missing()

    def idle(self) -> bool:
        """Whether every listed article has been counted."""
        return not self._pending

    def close(self) -> None:
        self._closed = True
        self._quiet.set()  # a waiting count ends at once
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _tasks_busy(self, busy: bool) -> None:
        if busy and not self._closed:
            self._quiet.clear()
        else:
            self._quiet.set()

    def count_missing(self) -> None:
        """Queue the listed articles without counts (each one a separate job, in order)."""
        if self._closed:
            return
        for article_id in self.model.article_ids():
            if article_id not in self._pending and not self.difficulty.known(article_id):
                self._pending.add(article_id)
                self._pool.submit(self._count, article_id)

    def _count(self, article_id: str) -> None:
        try:
            self._quiet.wait(QUIET_WAIT_S)
            if self._closed:
                return
            found = self.services.library.get(article_id)
            if found is None:
                return
            self.difficulty.counts(article_id, found[1])
            self.scored.emit(article_id, self.difficulty.score(article_id))
        except Exception:  # one unreadable article must not stop the others
            return
        finally:
            self._pending.discard(article_id)
            if not self._pending:
                self.finished.emit()

    def statuses_changed(self) -> None:
        self._rescore.start()

    def _submit_rescore(self) -> None:
        if not self._closed:
            self._pool.submit(self._score_all)

    def _score_all(self) -> None:
        for article_id, difficulty in self.difficulty.score_all().items():
            self.scored.emit(article_id, difficulty)

    def sort_by_difficulty(self, on: bool) -> None:
        self.proxy.setSortRole(DIFFICULTY_SORT_ROLE if on else SORT_ROLE)
        self.proxy.sort(COL_TITLE if on else -1, Qt.SortOrder.AscendingOrder)
