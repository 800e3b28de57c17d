"""The library list (left dock): a filter box over the articles, two lines each."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QVBoxLayout, QWidget

from reader.core.library.corpus import ArticleInfo
from reader.ui.library.delegate import LibraryDelegate
from reader.ui.library.model import ARTICLE_ID_ROLE, COL_TITLE, LibraryFilterModel, LibraryModel


class LibraryPanel(QWidget):
    """Lists articles; selecting one (mouse or keyboard) asks for it to be opened.

    Signals:
        article_selected(str): the id of the article the user selected.
    """

    article_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(parent=self)
        self.proxy = LibraryFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText("Filter articles…")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setObjectName("library-filter")
        self.list_view = QListView(self)
        self.list_view.setObjectName("library-list")
        self.list_view.setModel(self.proxy)
        self.list_view.setModelColumn(COL_TITLE)
        self.list_view.setItemDelegate(LibraryDelegate(self.list_view))
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.list_view)
        self._quiet = False
        self._open_id: str | None = None  # the article being read: filtering never changes it
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.filter_box.textChanged.connect(self.set_filter_text)
        self.filter_box.returnPressed.connect(self.on_filter_return)
        self.list_view.selectionModel().currentRowChanged.connect(self.on_current_row_changed)

    def set_articles(self, articles: list[ArticleInfo], current_id: str | None = None) -> None:
        self._quiet = True
        try:
            self.model.set_articles(articles)
        finally:
            self._quiet = False
        if current_id:
            self.select(current_id)

    def set_filter_text(self, text: str) -> None:
        """Filter the list. What is being read stays open, selected again once it is listed."""
        self._quiet = True
        try:
            self.proxy.set_filter_text(text)
            if self._open_id is None or not self.select(self._open_id):
                self.list_view.selectionModel().clear()
        finally:
            self._quiet = False

    def select(self, article_id: str) -> bool:
        """Show `article_id` as the selected row without asking to open it again."""
        self._open_id = article_id
        row = self.model.row_of(article_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, COL_TITLE))
        if not index.isValid():
            return False
        quiet, self._quiet = self._quiet, True
        try:
            self.list_view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.list_view.scrollTo(index)
        finally:
            self._quiet = quiet
        return True

    def focus_filter(self) -> None:
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    def on_filter_return(self) -> None:
        """Enter in the filter box opens the first match and moves focus to the list."""
        if self.proxy.rowCount() == 0:
            return
        index = self.proxy.index(0, COL_TITLE)
        self.list_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.list_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )

    def on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        article_id = self.proxy.data(current, ARTICLE_ID_ROLE)
        if article_id:
            self._open_id = article_id
            self.article_selected.emit(article_id)
