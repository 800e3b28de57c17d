"""One way to run slow work off the GUI thread: `TaskRunner.run(fn, on_done, on_error)`.

`fn` runs on a small thread pool; its result (or exception) comes back to the GUI thread
through a queued signal, where `on_done(result)` / `on_error(exc)` run. Workers never touch a
widget. `busy_changed` lets the status bar show a progress indicator while anything runs.
"""
from __future__ import annotations

import traceback
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal

LANE_WORKERS = 3


class _Dispatcher(QObject):
    """Carries results from workers to the GUI thread; lives as long as the application.

    Workers never emit on a `TaskRunner` itself: a window (and its runner) may be deleted
    on the GUI thread while a worker is finishing, and emitting on a deleted object crashes
    the process. They emit here instead, and delivery checks that the runner still exists.
    """

    finished = Signal(object, object, object, bool)  # runner weakref, task, value, ok

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def _deliver(self, ref, task, value, ok: bool) -> None:
        runner = ref()
        if runner is not None and shiboken6.isValid(runner):
            runner._deliver(task, value, ok)


_DISPATCHER: _Dispatcher | None = None


def _dispatcher() -> _Dispatcher:
    """The one dispatcher, created on the GUI thread with the first TaskRunner."""
    global _DISPATCHER
    if _DISPATCHER is None:
        _DISPATCHER = _Dispatcher()
    return _DISPATCHER


class TaskRunner(QObject):
    """Runs callables in worker threads and delivers their outcome on the GUI thread.

    Signals:
        busy_changed(bool): True when the first task starts, False when the last one ends.
        labels_changed(list): descriptions of the running tasks (for the status bar).
        failed(str): a one-line message for a task that raised and had no `on_error`.
    """

    busy_changed = Signal(bool)
    labels_changed = Signal(list)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, workers: int = 2) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="reader-task")
        self._running: list[_Task] = []
        self._closed = False
        self._dispatcher = _dispatcher()
        self._ref = weakref.ref(self)
        self._lanes: dict[str, ThreadPoolExecutor] = {}  # slow network work, apart

    @property
    def busy(self) -> bool:
        """Whether any task is running or waiting for its callback."""
        return bool(self._running)

    def labels(self) -> list[str]:
        return [task.label for task in self._running if task.label]

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        label: str = "",
        lane: str = "",
    ) -> Future | None:
        """Run `fn()` off the GUI thread; call `on_done(result)` or `on_error(exc)` on it later.

        With a `lane` ("network"), `fn` runs on that lane's own LANE_WORKERS threads, so
        slow requests never hold up the workers that annotate and load.
        """
        if self._closed:
            return None
        task = _Task(on_done, on_error, label)
        was_busy = self.busy
        self._running.append(task)
        if not was_busy:
            self.busy_changed.emit(True)
        self.labels_changed.emit(self.labels())
        executor = self._executor
        if lane:
            executor = self._lanes.get(lane) or self._lanes.setdefault(
                lane, ThreadPoolExecutor(max_workers=LANE_WORKERS, thread_name_prefix=lane))
        future = executor.submit(fn)
        future.add_done_callback(lambda f: self._report(task, f))
        return future

    def _report(self, task: _Task, future: Future) -> None:
        """Worker side: hand the outcome to the GUI thread (never touches widgets)."""
        if future.cancelled():
            return
        exc = future.exception()
        value = exc if exc is not None else future.result()
        self._dispatcher.finished.emit(self._ref, task, value, exc is None)

    def _deliver(self, task: _Task, value: Any, ok: bool) -> None:
        if task in self._running:
            self._running.remove(task)
        try:
            if self._closed:
                return
            if ok:
                if task.on_done is not None:
                    task.on_done(value)
            elif task.on_error is not None:
                task.on_error(value)
            else:
                self.failed.emit(error_message(value))
        finally:
            if not self._closed:
                self.labels_changed.emit(self.labels())
                if not self._running:
                    self.busy_changed.emit(False)

    def shutdown(self) -> None:
        """Drop pending work and stop delivering results (the window is closing)."""
        self._closed = True
        for executor in (self._executor, *self._lanes.values()):
            executor.shutdown(wait=False, cancel_futures=True)


class _Task:
    __slots__ = ("on_done", "on_error", "label")

    def __init__(self, on_done, on_error, label: str) -> None:
        self.on_done = on_done
        self.on_error = on_error
        self.label = label


def error_message(exc: BaseException) -> str:
    """One line describing an exception raised by a task."""
    text = str(exc).strip().splitlines()
    detail = text[0] if text else type(exc).__name__
    if not isinstance(exc, (OSError, ValueError, LookupError)):
        frames = traceback.extract_tb(exc.__traceback__)
        where = f" ({frames[-1].name})" if frames else ""
        return f"{type(exc).__name__}{where}: {detail}"
    return detail
