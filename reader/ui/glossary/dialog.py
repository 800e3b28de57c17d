"""The dialog to add or edit one of the user's glossary entries."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader.core.glossary.data import CATEGORIES
from reader.ui.plain_text import plain_label


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace("，", ",").split(",") if part.strip()]


class GlossaryEntryDialog(QDialog):
    """A form over an entry's fields; OK calls `save(fields)`, which may raise ValueError.

    The error's one-line message is shown in the dialog, which stays open.
    """

    def __init__(self, title: str, fields: dict, save: Callable[[dict], object],
                 note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.result_value = None
        self.term_edit = QLineEdit(fields.get("term", ""), self)
        self.variants_edit = QLineEdit(", ".join(fields.get("variants", ())), self)
        self.variants_edit.setPlaceholderText("other spellings, comma-separated (ToB, 2B…)")
        self.category_box = QComboBox(self)
        self.category_box.addItems(list(CATEGORIES))
        category = fields.get("category") or "business model"
        self.category_box.setCurrentIndex(max(0, self.category_box.findText(category)))
        self.expansion_edit = QLineEdit(fields.get("expansion", ""), self)
        self.expansion_edit.setPlaceholderText("e.g. Platform as a Service")
        self.en_edit = QPlainTextEdit(fields.get("en", ""), self)
        self.en_edit.setPlaceholderText("Plain English, 1–3 sentences")
        self.en_edit.setTabChangesFocus(True)
        self.zh_edit = QPlainTextEdit(fields.get("zh", ""), self)
        self.zh_edit.setPlaceholderText("简短的中文解释")
        self.zh_edit.setTabChangesFocus(True)
        for box in (self.en_edit, self.zh_edit):
            box.setFixedHeight(box.fontMetrics().lineSpacing() * 4 + 12)
        self.related_edit = QLineEdit(", ".join(fields.get("related", ())), self)
        self.example_edit = QLineEdit(fields.get("example", ""), self)
        form = QFormLayout()
        form.addRow("&Term:", self.term_edit)
        form.addRow("&Variants:", self.variants_edit)
        form.addRow("&Category:", self.category_box)
        form.addRow("E&xpansion:", self.expansion_edit)
        form.addRow("&English:", self.en_edit)
        form.addRow("&Chinese:", self.zh_edit)
        form.addRow("&Related:", self.related_edit)
        form.addRow("Exa&mple:", self.example_edit)
        self.error_label = plain_label(QLabel("", self))  # quotes the user's rows
        self.error_label.setObjectName("glossary-dialog-error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if note:
            hint = plain_label(QLabel(note, self))
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        (self.en_edit if fields.get("term") else self.term_edit).setFocus()

    def fields(self) -> dict:
        """The form's current content as entry fields."""
        return {
            "term": self.term_edit.text().strip(),
            "variants": _split(self.variants_edit.text()),
            "category": self.category_box.currentText(),
            "expansion": self.expansion_edit.text().strip(),
            "en": self.en_edit.toPlainText().strip(),
            "zh": self.zh_edit.toPlainText().strip(),
            "related": _split(self.related_edit.text()),
            "example": self.example_edit.text().strip(),
        }

    def accept(self) -> None:
        try:
            self.result_value = self._save(self.fields())
        except ValueError as exc:
            self.error_label.setText(str(exc))
            return
        super().accept()
