"""The Dictionary tab's widgets: a search field, ranked results, the chosen result's card."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

DEBOUNCE_MS = 120
SOURCE_LABEL = {"glossary": "glossary", "person": "person", "dictionary": ""}


class LookupPanel(QWidget):
    """Shows what it is given; emits what the reader typed and chose.

    Signals:
        query_changed(str): the text to look up, once typing settles.
        result_chosen(int): the row of the result whose card should show (-1: none).
        save_requested(int): Save was pressed for that row.
    """

    query_changed = Signal(str)
    result_chosen = Signal(int)
    save_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setObjectName("lookup-field")
        self.field.setPlaceholderText("Chinese, pinyin (tengxun, téng xùn) or English")
        self.field.setClearButtonEnabled(True)
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.results = QListWidget(self)
        self.results.setObjectName("lookup-results")
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.card = QTextBrowser(self)
        self.card.setObjectName("lookup-card")
        self.card.setOpenLinks(False)
        self.save_button = QPushButton("&Save to Flashcards", self)
        self.save_button.setEnabled(False)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.results)
        card_box = QWidget(splitter)
        card_layout = QVBoxLayout(card_box)
        card_layout.setContentsMargins(0, 0, 0, 0)
        card_layout.addWidget(self.card, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        card_layout.addLayout(buttons)
        splitter.addWidget(card_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self.flush)
        self.results.currentRowChanged.connect(self._on_row)
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.results.currentRow()))

    def flush(self) -> None:
        """Emit the query now."""
        self._timer.stop()
        self.query_changed.emit(self.field.text().strip())

    def set_results(self, results, status: str = "") -> None:
        """Rows for `results` (LookupResult), the first one chosen."""
        self.results.blockSignals(True)
        self.results.clear()
        for result in results:
            tag = SOURCE_LABEL[result.source]
            head = result.simplified + (f" [{result.traditional}]" if result.traditional
                                        not in ("", result.simplified) else "")
            text = f"{head}  {result.pinyin}" + (f"  · {tag}" if tag else "")
            item = QListWidgetItem(f"{text}  — {result.summary}")
            item.setToolTip(result.summary)
            self.results.addItem(item)
        self.results.blockSignals(False)
        self.status.setText(status)
        if results:
            self.results.setCurrentRow(0)
        else:
            self._on_row(-1)

    def set_card(self, html: str) -> None:
        self.card.setHtml(html)

    def _on_row(self, row: int) -> None:
        self.save_button.setEnabled(row >= 0)
        if row < 0:
            self.card.clear()
        self.result_chosen.emit(row)
