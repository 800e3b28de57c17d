"""Bringing text into the reader: File > Import… (Ctrl+O), drag and drop onto the window,
and File > Paste as New Article (Ctrl+Shift+V).

`install(window, services)` (called by `reader.ui.main`) also adds the library's context
menu (rename, remove, progress: `reader.ui.library.actions`) and its full-text search
(`reader.ui.library.search`). Files are imported one after another on a worker thread
(`window.tasks`), with a progress bar in the status bar; an uncertain encoding opens
`EncodingDialog`, a text already in the library opens `DuplicatePrompt`. The new article is
listed and opened when it is stored.
"""
from __future__ import annotations

from collections import deque
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QProgressBar

from reader.core.library.catalog import DuplicateArticle
from reader.core.library.corpus import ArticleInfo
from reader.core.library.extract import SUFFIXES
from reader.core.library.importer import Prepared
from reader.ui.feature_context import DeclaredServices, feature_context
from reader.ui.library.import_dialogs import DuplicatePrompt, EncodingDialog
from reader.ui.tasks import error_message

FILE_FILTER = ("Texts and documents (" + " ".join(f"*{s}" for s in SUFFIXES) + ");;"
               "All files (*)")


SERVICES = ('library',)  # what this feature uses of `Services`


class ImportController(QObject):
    """Runs imports for the window, one file at a time, and reports on the status bar.

    Signals:
        imported(object): the ArticleInfo of an article just stored.
        failed(str): a one-line message about a text that was not imported.
        idle(): the queue is empty and nothing is being imported.
        progress(float, str): the running import's progress (emitted on the GUI thread).
    """

    imported = Signal(object)
    failed = Signal(str)
    idle = Signal()
    progress = Signal(float, str)
    _worker_progress = Signal(float, str)

    def __init__(self, context, services) -> None:
        context = feature_context(context)
        super().__init__(context.widget)
        self.context = context
        self.library = services.library
        self.dialog = None  # the EncodingDialog or DuplicatePrompt waiting for an answer
        self._queue: deque[tuple[str, object]] = deque()
        self._busy = False
        self.progress_bar = QProgressBar(context.widget)
        self.progress_bar.setObjectName("import-progress")
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setVisible(False)
        context.status_bar().addPermanentWidget(self.progress_bar)
        self._worker_progress.connect(self.on_progress, Qt.ConnectionType.QueuedConnection)
        self._build_actions()
        context.widget.setAcceptDrops(True)
        context.widget.installEventFilter(self)

    def _build_actions(self) -> None:
        context = self.context
        self.import_action = QAction("&Import…", context.widget)
        self.import_action.setShortcut(QKeySequence("Ctrl+O"))
        self.import_action.setStatusTip("Import .txt, .md, .html, .epub or .pdf files")
        self.import_action.triggered.connect(self.on_import_requested)
        self.paste_action = QAction("&Paste as New Article", context.widget)
        self.paste_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.paste_action.triggered.connect(self.on_paste_requested)
        menu = context.menu("&File")
        first = menu.actions()[0] if menu.actions() else None
        menu.insertActions(first, [self.import_action, self.paste_action])
        menu.insertSeparator(first)
        context.widget.addActions([self.import_action, self.paste_action])

    # ------------------------------------------------------------ entry points

    def import_files(self, paths) -> None:
        """Queue files for import (the UI's File > Import… and drops end here)."""
        for path in paths:
            self._queue.append(("file", Path(path)))
        self._next()

    def import_text(self, text: str) -> None:
        """Queue pasted text as a new article."""
        self._queue.append(("text", text))
        self._next()

    def on_import_requested(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.context.widget, "Import into the library", "",
                                                FILE_FILTER)
        if paths:
            self.import_files(paths)

    def on_paste_requested(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.context.show_status("The clipboard holds no text to import.")
            return
        self.import_text(text)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if watched is self.context.widget and kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if _local_files(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif watched is self.context.widget and kind == QEvent.Type.Drop:
            paths = _local_files(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.import_files(paths)
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ the queue

    def _next(self) -> None:
        if self._busy:
            return
        if not self._queue:
            self.progress_bar.setVisible(False)
            self.idle.emit()
            return
        self._busy = True
        kind, item = self._queue.popleft()
        if kind == "file":
            self._prepare(item, None)
        else:
            self._run(lambda: self.library.import_text(item, progress=self._report),
                      self._on_stored, lambda exc: self._on_store_error("The pasted text", exc),
                      "Importing the pasted text…")

    def _done(self) -> None:
        self._busy = False
        self.dialog = None
        self._next()

    def _run(self, fn, on_done, on_error, label: str) -> None:
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(True)
        self.context.tasks.run(fn, on_done, on_error, label=label)

    def _report(self, fraction: float, stage: str) -> None:
        """Worker side: hand progress to the GUI thread through a queued signal."""
        self._worker_progress.emit(fraction, stage)

    def on_progress(self, fraction: float, stage: str) -> None:
        self.progress_bar.setValue(round(fraction * 100))
        self.progress_bar.setFormat(f"{stage} %p%")
        self.context.show_status(stage, 2000)
        self.progress.emit(fraction, stage)

    # ------------------------------------------------------------ one file

    def _prepare(self, path: Path, encoding: str | None) -> None:
        self._run(lambda: self.library.prepare_file(path, encoding=encoding,
                                                    progress=self._report),
                  lambda prepared: self._on_prepared(path, encoding, prepared),
                  lambda exc: self._on_failed(path.name, exc),
                  f"Importing {path.name}…")

    def _on_prepared(self, path: Path, chosen: str | None, prepared: Prepared) -> None:
        if chosen is None and not prepared.confident:
            self._ask_encoding(path, prepared)
            return
        self._store(path.name, prepared, "ask")

    def _ask_encoding(self, path: Path, prepared: Prepared) -> None:
        dialog = EncodingDialog(path, prepared.encoding, prepared.alternatives, self.context.widget)
        self.dialog = dialog

        def chosen(codec: str) -> None:
            if codec == prepared.encoding:
                self._store(path.name, prepared, "ask")
            else:
                self._prepare(path, codec)

        dialog.encoding_chosen.connect(chosen)
        dialog.rejected.connect(lambda: self._skipped(f"{path.name} was not imported."))
        dialog.open()

    def _store(self, name: str, prepared: Prepared, on_duplicate: str) -> None:
        self.dialog = None
        self._run(lambda: self.library.store_prepared(prepared, on_duplicate, self._report),
                  self._on_stored, lambda exc: self._on_store_error(name, exc),
                  f"Storing {name}…")

    def _on_store_error(self, name: str, exc: BaseException) -> None:
        if not isinstance(exc, DuplicateArticle):
            self._on_failed(name, exc)
            return
        prompt = DuplicatePrompt(exc.existing, name, self.context.widget)
        self.dialog = prompt
        answered = []

        def decided(choice: str) -> None:
            answered.append(choice)
            self._store(name, exc.prepared, choice)

        def finished(_result: int) -> None:
            if not answered:
                self._skipped(f"{name} is already in the library as “{exc.existing.title}”.")

        prompt.decided.connect(decided)
        prompt.finished.connect(finished)
        prompt.open()

    def _on_stored(self, info: ArticleInfo) -> None:
        context = self.context
        context.refresh_library()
        context.open_article(info.id)
        encoding = info.extra.get("encoding", "")
        context.show_status(f"Imported “{info.title}” ({encoding}, {info.script}, "
                           f"{info.length:,} characters).", 8000)
        self.imported.emit(info)
        self._done()

    def _on_failed(self, name: str, exc: BaseException) -> None:
        message = f"{name} was not imported: {error_message(exc)}"
        self.context.show_status(message, 12000)
        self.failed.emit(message)
        self._done()

    def _skipped(self, message: str) -> None:
        self.context.show_status(message, 6000)
        self._done()


def _local_files(mime) -> list[str]:
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def install(window, services) -> ImportController:
    """Add import, paste, drag and drop, and the library's rename/remove/search/progress."""
    from reader.ui.library.actions import LibraryActions
    from reader.ui.library.search import LibrarySearch

    context, declared = feature_context(window), DeclaredServices(services, SERVICES)
    controller = ImportController(context, declared)
    controller.library_actions = LibraryActions(context, declared, controller)
    controller.library_search = LibrarySearch(context, declared, controller)
    return controller
