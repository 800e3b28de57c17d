"""The Study side tab: the article's unknown words by frequency, with actions on a selection."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.study.hsk import level_label
from reader.core.study.session import StudyRow

COLUMNS = ("Word", "Pinyin", "×", "Common", "HSK", "Meaning", "First sentence")
COL_WORD, COL_PINYIN, COL_COUNT, COL_GENERAL, COL_HSK, COL_GLOSS, COL_SENTENCE = range(7)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Details:
    """What the list shows beside a word: its reading as shown, pinyin, gloss, sentence."""

    shown: str
    pinyin: str
    gloss: str
    sentence: str


class StudyModel(QAbstractTableModel):
    """Rows of `StudyRow` with their `Details` (plain text only)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[StudyRow] = []
        self.details: dict[str, Details] = {}

    def set_rows(self, rows: list[StudyRow], details: dict[str, Details]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.details = details
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return {COL_COUNT: "Times in this article",
                    COL_GENERAL: "How common the word is in general (jieba's dictionary count)",
                    COL_HSK: "HSK 3.0 level (7 = 7–9)"}.get(section)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        info = self.details.get(row.word) or Details(row.word, "", "", "")
        if role == Qt.ItemDataRole.DisplayRole:
            return (info.shown, info.pinyin, str(row.count), f"{row.general:,}",
                    level_label(row.hsk) if row.hsk else "–", info.gloss, info.sentence)[column]
        if role == SORT_ROLE:
            if column == COL_COUNT:
                return row.count
            if column == COL_GENERAL:
                return row.general
            if column == COL_HSK:
                return row.hsk or 99
            return self.data(index)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_GLOSS, COL_SENTENCE):
            return (info.gloss if column == COL_GLOSS else info.sentence) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_COUNT, COL_GENERAL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class StudyPanel(QWidget):
    """Summary line, the unknown-word table, and buttons acting on the selection.

    Signals:
        status_requested(list, str): words (Simplified) and the status asked for.
        save_requested(list): words to save to flashcards.
        occurrence_requested(int): token index of a word's first occurrence.
    """

    status_requested = Signal(list, str)
    save_requested = Signal(list)
    occurrence_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import QSortFilterProxyModel

        super().__init__(parent)
        self.setObjectName("tab-study")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.model = StudyModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        em = self.fontMetrics().horizontalAdvance("M")
        for column, ems in ((COL_WORD, 5), (COL_PINYIN, 6), (COL_COUNT, 2.5), (COL_GENERAL, 5),
                            (COL_HSK, 3), (COL_GLOSS, 10)):
            header.resizeSection(column, round(ems * em))
        header.setStretchLastSection(True)
        self.known_button = QPushButton("Mark &Known", self)
        self.learning_button = QPushButton("&Learning", self)
        self.ignore_button = QPushButton("&Ignore", self)
        self.top_n = QSpinBox(self)
        self.top_n.setRange(1, 200)
        self.top_n.setValue(20)
        self.top_n.setPrefix("Top ")
        self.save_button = QPushButton("Save to &Flashcards", self)
        self.save_button.setToolTip("Save the selected words, or the top N when none is selected")
        buttons = QHBoxLayout()
        for widget in (self.known_button, self.learning_button, self.ignore_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        saving = QHBoxLayout()
        saving.addWidget(self.top_n)
        saving.addWidget(self.save_button)
        saving.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addLayout(saving)
        self.known_button.clicked.connect(lambda: self._ask("known"))
        self.learning_button.clicked.connect(lambda: self._ask("learning"))
        self.ignore_button.clicked.connect(lambda: self._ask("ignored"))
        self.save_button.clicked.connect(self._save)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)

    def set_rows(self, rows: list[StudyRow], details: dict[str, Details], summary: str) -> None:
        selected = set(self.selected_words())
        self.model.set_rows(rows, details)
        self.summary.setText(summary)
        if selected:
            selection = self.table.selectionModel()
            for r in range(self.proxy.rowCount()):
                source = self.proxy.mapToSource(self.proxy.index(r, 0))
                if self.model.rows[source.row()].word in selected:
                    selection.select(self.proxy.index(r, 0),
                                     selection.SelectionFlag.Select | selection.SelectionFlag.Rows)

    def clear(self, message: str) -> None:
        self.model.set_rows([], {})
        self.summary.setText(message)

    def words_in_order(self) -> list[str]:
        """Every listed word, in the table's current order."""
        return [self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()].word
                for r in range(self.proxy.rowCount())]

    def selected_words(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()].word
                for r in rows]

    def _ask(self, status: str) -> None:
        words = self.selected_words()
        if words:
            self.status_requested.emit(words, status)

    def _save(self) -> None:
        words = self.selected_words() or self.words_in_order()[: self.top_n.value()]
        if words:
            self.save_requested.emit(words)

    def _activated(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        if 0 <= source.row() < len(self.model.rows):
            self.occurrence_requested.emit(self.model.rows[source.row()].first_index)
