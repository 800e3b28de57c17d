"""The correction dialog: what will change, the parts or the reading, and for which articles."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.corrections.rules import CorrectionError, check_reading, check_split

TITLES = {"word": "Make This One Word", "split": "Split Word", "reading": "Change Reading"}


class CorrectionDialog(QDialog):
    """Asks for one correction of `word`; `value()` and `every_article()` once accepted."""

    def __init__(self, kind: str, word: str, parent: QWidget | None = None, parts: str = "",
                 readings: list[tuple[str, str]] = (), current: str = "") -> None:
        super().__init__(parent)
        self.kind, self.word = kind, word
        self.setObjectName("correction-dialog")
        self.setWindowTitle(TITLES[kind])
        layout = QVBoxLayout(self)
        intro = {"word": f"Always read “{word}” as one word.",
                 "split": f"Split “{word}” into the words below (separate them with spaces).",
                 "reading": f"Read “{word}” as (now: {current or 'no reading'}):"}[kind]
        layout.addWidget(_plain(intro, self))
        self.parts = QLineEdit(parts, self)
        self.parts.setObjectName("correction-parts")
        self.readings = QListWidget(self)
        self.readings.setObjectName("correction-readings")
        self.pinyin = QLineEdit(self)
        self.pinyin.setObjectName("correction-pinyin")
        self.pinyin.setPlaceholderText("or type it: hang2 zhang3 or háng zhǎng")
        for unused in ((self.readings, self.pinyin) if kind != "reading" else ()) + (
                (self.parts,) if kind != "split" else ()):
            unused.hide()  # not in the layout: never shown
        if kind == "split":
            layout.addWidget(self.parts)
        if kind == "reading":
            for marks, numbers in readings:
                self.readings.addItem(marks)
                self.readings.item(self.readings.count() - 1).setData(
                    Qt.ItemDataRole.UserRole, numbers)
            self.readings.currentItemChanged.connect(self._on_reading_chosen)
            self.readings.setMaximumHeight(120)
            layout.addWidget(self.readings)
            layout.addWidget(self.pinyin)
        self.this_article = QRadioButton("In this &article only", self)
        self.all_articles = QRadioButton("In &every article", self)
        group = QButtonGroup(self)
        group.addButton(self.this_article)
        group.addButton(self.all_articles)
        self.this_article.setChecked(True)
        layout.addWidget(self.this_article)
        layout.addWidget(self.all_articles)
        self.error = _plain("", self)
        self.error.setObjectName("correction-error")
        self.error.setStyleSheet("color: #c62828")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _on_reading_chosen(self, item, _previous) -> None:
        if item is not None:
            self.pinyin.setText(item.data(Qt.ItemDataRole.UserRole))

    def value(self) -> str:
        """The parts (split) or the pinyin (reading); '' for one word."""
        if self.kind == "split":
            return self.parts.text().strip()
        if self.kind == "reading":
            return self.pinyin.text().strip()
        return ""

    def every_article(self) -> bool:
        return self.all_articles.isChecked()

    def accept(self) -> None:
        """Check the value first: a bad one is explained here and the dialog stays."""
        try:
            if self.kind == "split":
                check_split(self.word, self.value())
            elif self.kind == "reading":
                check_reading(self.word, self.value())
        except CorrectionError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


def _plain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label
