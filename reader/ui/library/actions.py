"""The library list's own commands: Rename… (F2) and Remove (Delete) from a context menu or
the keyboard, and each article's reading progress kept up to date while you read.

Renaming and removing go through `services.library` on the GUI thread (one small SQLite
write each); bundled articles can be renamed but not removed.
"""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from reader.core.library.catalog import LibraryError
from reader.core.library.corpus import ArticleInfo
from reader.ui.feature_context import feature_context
from reader.ui.library.model import ARTICLE_INFO_ROLE
from reader.ui.plain_text import plain_labels

PROGRESS_DELAY_MS = 1500  # after scrolling stops, the current row's progress is updated


class LibraryActions(QObject):
    """Context menu and shortcuts on the library list; progress refresh.

    Signals:
        renamed(str, str): an article id and its new title.
        removed(str): the id of a removed article.
    """

    renamed = Signal(str, str)
    removed = Signal(str)

    def __init__(self, context, services, parent: QObject | None = None) -> None:
        context = feature_context(context)
        super().__init__(parent or context.widget)
        self.context = context
        self.library = services.library
        self.dialog = None  # the rename dialog or removal question being shown
        view = context.library_panel.list_view
        self.view = view
        self.rename_action = QAction("&Rename…", view)
        self.rename_action.setShortcut(QKeySequence("F2"))
        self.remove_action = QAction("Re&move from Library", view)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        for action in (self.rename_action, self.remove_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            view.addAction(action)
        self.rename_action.triggered.connect(self.on_rename_requested)
        self.remove_action.triggered.connect(self.on_remove_requested)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self.on_context_menu)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_DELAY_MS)
        self._progress_timer.timeout.connect(self.update_current_progress)
        context.article_view.position_changed.connect(lambda _offset: self._progress_timer.start())

    def selected(self) -> ArticleInfo | None:
        index = self.view.currentIndex()
        return index.data(ARTICLE_INFO_ROLE) if index.isValid() else None

    def on_context_menu(self, point) -> None:
        index = self.view.indexAt(point)
        if index.isValid():
            self.view.setCurrentIndex(index)
        info = self.selected()
        if info is None:
            return
        self.remove_action.setEnabled(info.source == "imported")
        menu = QMenu(self.view)
        menu.addActions([self.rename_action, self.remove_action])
        source = info.extra.get("source_file")
        if source:
            details = menu.addAction(f"From: {source} ({info.extra.get('encoding', '')})")
            details.setEnabled(False)
        menu.popup(self.view.viewport().mapToGlobal(point))

    def on_rename_requested(self) -> None:
        info = self.selected()
        if info is None:
            return
        dialog = QInputDialog(self.context.widget)
        dialog.setObjectName("rename-dialog")
        dialog.setWindowTitle("Rename article")
        dialog.setLabelText("Title:")
        dialog.setTextValue(info.title)
        dialog.textValueSelected.connect(lambda title: self.rename(info.id, title))
        self.dialog = dialog
        dialog.open()

    def rename(self, article_id: str, title: str) -> None:
        try:
            info = self.library.rename(article_id, title)
        except LibraryError as exc:
            self.context.show_status(str(exc), 6000)
            return
        self.context.refresh_library()
        self.context.article_renamed(info)
        self.context.show_status(f"Renamed to “{info.title}”.")
        self.renamed.emit(article_id, info.title)

    def on_remove_requested(self) -> None:
        info = self.selected()
        if info is None:
            return
        if info.source != "imported":
            self.context.show_status("Bundled articles cannot be removed.", 5000)
            return
        question = QMessageBox(QMessageBox.Icon.Question, "Remove article",
                               f"Remove “{info.title}” from the library?\n"
                               "Its copy in the library folder is deleted; the original "
                               "file is not touched.",
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                               self.context.widget)
        question.setObjectName("remove-question")
        plain_labels(question)  # the title is the document's: never a clickable link
        question.accepted.connect(lambda: self.remove(info.id))
        self.dialog = question
        question.open()

    def remove(self, article_id: str) -> None:
        try:
            self.library.remove(article_id)
        except LibraryError as exc:
            self.context.show_status(str(exc), 6000)
            return
        current = self.context.current_article()
        self.context.refresh_library()
        if current is not None and current.id == article_id:
            articles = self.library.list()
            if articles:
                self.context.open_article(articles[0].id)
        self.context.show_status("Removed from the library.")
        self.removed.emit(article_id)

    def update_current_progress(self) -> None:
        """Show the open article's reading progress in its row (positions live in settings)."""
        info = self.context.current_article()
        model = self.context.library_panel.model
        row = model.row_of(info.id) if info is not None else -1
        if row < 0:
            return
        listed = model.article(row)
        offset = self.context.article_view.reading_position()
        progress = min(1.0, offset / listed.length) if listed.length else 0.0
        extra = dict(listed.extra, position=offset, progress=progress)
        model.update_article(dataclasses.replace(listed, extra=extra))
