"""The form that edits one flashcard note: word, pinyin, meaning, tags; sentences shown.

Signals carry what the user asked for; the Flashcards window applies it to the store.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.flashcards import Note
from reader.ui.flashcards.review_widget import highlighted


class NoteEditor(QWidget):
    """Edits the fields of the selected note.

    Signals:
        save_requested(int, dict): note id and the changed fields.
        delete_requested(): the Delete button was pressed.
    """

    save_requested = Signal(int, dict)
    delete_requested = Signal()

    FIELDS = ("simplified", "traditional", "pinyin", "pinyin_numbers", "tags")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._note: Note | None = None
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        labels = {"simplified": "Simplified", "traditional": "Traditional", "pinyin": "Pinyin",
                  "pinyin_numbers": "Tone numbers", "tags": "Tags"}
        for name in self.FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"edit-{name}")
            self.edits[name] = edit
            form.addRow(labels[name], edit)
        self.meaning = QPlainTextEdit(self)
        self.meaning.setObjectName("edit-meaning")
        self.meaning.setTabChangesFocus(True)
        self.meaning.setMaximumHeight(110)
        form.addRow("Meaning", self.meaning)
        self.sentences = QLabel(self)
        self.sentences.setWordWrap(True)
        self.sentences.setTextFormat(Qt.TextFormat.RichText)
        self.sentences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Sentences", self.sentences)
        self.save_button = QPushButton("Save changes", self)
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.on_save)
        self.delete_button = QPushButton("Delete note", self)
        self.delete_button.clicked.connect(self.delete_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.set_note(None)

    def note(self) -> Note | None:
        return self._note

    def set_note(self, note: Note | None) -> None:
        self._note = note
        for name, edit in self.edits.items():
            value = "" if note is None else getattr(note, name)
            edit.setText(" ".join(value) if name == "tags" else value)
        self.meaning.setPlainText("" if note is None else note.meaning)
        if note is None:
            self.sentences.setText("")
        else:
            lines = []
            for s in note.sentences:
                line = highlighted(s.simplified, s.simplified_range, "#c62828")
                if s.article_title:
                    line += f' <span style="color:#888">— {html.escape(s.article_title)}</span>'
                lines.append(line)
            self.sentences.setText("<br>".join(lines) or "<i>none</i>")
        for widget in (*self.edits.values(), self.meaning, self.save_button, self.delete_button):
            widget.setEnabled(note is not None)

    def changes(self) -> dict:
        """The fields that differ from the note."""
        note = self._note
        if note is None:
            return {}
        out = {}
        for name, edit in self.edits.items():
            value = edit.text().strip()
            current = " ".join(note.tags) if name == "tags" else getattr(note, name)
            if value != current:
                out[name] = value
        meaning = self.meaning.toPlainText().strip()
        if meaning != note.meaning:
            out["meaning"] = meaning
        return out

    def on_save(self) -> None:
        if self._note is not None:
            self.save_requested.emit(self._note.id, self.changes())
