"""The Words tab: the article's words by frequency with pinyin and first gloss."""
from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.gloss.word_list import WordCount
from reader.core.text.pinyin_search import pinyin_needle, pinyin_search_key
from reader.core.text.scripts import View
from reader.ui.plain_text import plain_label, plain_tip
from reader.ui.search_filter import SearchTextFilter

COL_WORD, COL_PINYIN, COL_COUNT, COL_GLOSS = range(4)
HEADERS = {COL_WORD: "Word", COL_PINYIN: "Pinyin", COL_COUNT: "×", COL_GLOSS: "Meaning"}
WORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the WordCount
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


class WordsModel(QAbstractTableModel):
    """Rows of `WordCount`; the Word column shows each word in the current view's script."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[WordCount] = []
        self._document = None
        self._view = View.ORIGINAL
        self._shown: dict[int, str] = {}

    def set_words(self, document, words: list[WordCount], view: View) -> None:
        self.beginResetModel()
        self._document = document
        self._words = list(words)
        self._view = View(view)
        self._shown = {}
        self.endResetModel()

    def set_view(self, view: View) -> None:
        self._view = View(view)
        self._shown = {}
        if self._words:
            self.dataChanged.emit(self.index(0, COL_WORD), self.index(len(self._words) - 1, COL_WORD))

    def word(self, row: int) -> WordCount:
        return self._words[row]

    def document(self):
        return self._document

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._words)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS.get(section)
        return None

    def shown_word(self, row: int) -> str:
        """The word as written in the current view (its first occurrence)."""
        text = self._shown.get(row)
        if text is None:
            entry = self._words[row]
            if self._document is None:
                text = entry.simplified
            else:
                start, end = self._document.span(entry.first_index, self._view)
                text = self._document.text(self._view)[start:end]
            self._shown[row] = text
        return text

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._words):
            return None
        entry = self._words[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_WORD:
                return self.shown_word(index.row())
            if column == COL_PINYIN:
                return entry.pinyin
            if column == COL_COUNT:
                return str(entry.count)
            if column == COL_GLOSS:
                return entry.gloss
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_PINYIN, COL_GLOSS):
            return plain_tip(entry.pinyin if column == COL_PINYIN else entry.gloss) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == WORD_ROLE:
            return entry
        if role == SEARCH_TEXT_ROLE:
            return " ".join((entry.simplified, self.shown_word(index.row()), entry.pinyin,
                             entry.pinyin_numbers, entry.gloss)).casefold() + pinyin_search_key(
                                 entry.pinyin_numbers)
        if role == SORT_ROLE:
            return entry.count if column == COL_COUNT else self.data(index)
        return None


class WordsFilterModel(SearchTextFilter):
    """Keeps words whose characters or meaning contain the typed text, or whose pinyin
    starts with it (with or without spaces and tones: yunji, yun ji, yún jì)."""

    def __init__(self, parent=None) -> None:
        super().__init__(COL_WORD, SEARCH_TEXT_ROLE, SORT_ROLE, parent)

    @staticmethod
    def needles(text: str) -> list[str]:
        needle = text.strip().casefold()
        if not needle:
            return []
        pinyin = pinyin_needle(needle)
        return [(needle, pinyin) if pinyin else needle]


class WordsTab(QWidget):
    """A filterable word list; clicking (or Enter on) a word jumps to its first occurrence.

    Signals:
        occurrence_requested(int, int): base (start, end) of the word's first occurrence.
    """

    occurrence_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab-words")
        self.model = WordsModel(self)
        self.proxy = WordsFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText("Filter words, pinyin, meaning…")
        self.filter_box.setClearButtonEnabled(True)
        self.summary = plain_label(QLabel(self))
        self._words_summary = ""
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # never measure all rows
        em = self.fontMetrics().horizontalAdvance("M")
        for column, ems in ((COL_WORD, 6), (COL_PINYIN, 7.5)):
            header.resizeSection(column, round(ems * em))
        metrics = self.fontMetrics()
        header.resizeSection(COL_COUNT, max(metrics.horizontalAdvance("99999"),
                                            metrics.horizontalAdvance(HEADERS[COL_COUNT])) + 2 * em)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.filter_box.textChanged.connect(self.on_filter_changed)
        self.table.clicked.connect(self.on_row_activated)
        self.table.activated.connect(self.on_row_activated)

    def set_words(self, document, words: list[WordCount], view: View) -> None:
        self.model.set_words(document, words, view)
        self._words_summary = ""
        if words:
            total = sum(w.count for w in words)
            self._words_summary = f"{len(words):,} distinct words, {total:,} in all"
        self._show_summary()

    def on_filter_changed(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._show_summary()

    def _show_summary(self) -> None:
        filtered = bool(self.filter_box.text().strip())
        if filtered and self.model.rowCount() and not self.proxy.rowCount():
            self.summary.setText("No matches")
        else:
            self.summary.setText(self._words_summary)

    def clear(self, message: str = "") -> None:
        self.model.set_words(None, [], View.ORIGINAL)
        self._words_summary = message
        self.summary.setText(message)

    def set_view(self, view: View) -> None:
        self.model.set_view(view)

    def on_row_activated(self, index: QModelIndex) -> None:
        entry = self.proxy.data(index, WORD_ROLE)
        document = self.model.document()
        if entry is None or document is None:
            return
        start, end = document.span(entry.first_index)
        self.occurrence_requested.emit(start, end)
