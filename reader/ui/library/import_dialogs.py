"""Small dialogs of the import flow: choose an encoding (with a live preview), and what to
do with a text that is already in the library.

Both are window-modal and asynchronous (`open()`), so the window keeps painting and tests
can drive them like a user: pick, then accept.
"""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.library.corpus import ArticleInfo
from reader.core.library.encodings import ENCODINGS, SAMPLE_BYTES
from reader.ui.plain_text import plain_labels

PREVIEW_CHARS = 600


class EncodingDialog(QDialog):
    """Shows the detected encoding and lets the user pick another, previewing the text.

    Signals:
        encoding_chosen(str): the codec name the user accepted.
    """

    encoding_chosen = Signal(str)

    def __init__(self, path: Path, detected: str, alternatives: tuple[str, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("encoding-dialog")
        self.setWindowTitle("Choose the text encoding")
        self._sample = _read_sample(path)
        self.label = QLabel(
            f"<b>{html.escape(path.name)}</b>: the encoding looks like "
            f"<b>{html.escape(_label(detected))}</b>, but "
            "detection is not certain. Pick the one whose preview reads as Chinese.", self)
        self.label.setTextFormat(Qt.TextFormat.RichText)  # the file name is escaped
        self.label.setWordWrap(True)
        self.combo = QComboBox(self)
        self.combo.setObjectName("encoding-combo")
        ordered = [detected, *alternatives] + [c for c, _ in ENCODINGS
                                               if c not in (detected, *alternatives)]
        for codec in ordered:
            self.combo.addItem(_label(codec), codec)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("encoding-preview")
        self.preview.setReadOnly(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 360)
        self.combo.currentIndexChanged.connect(self.on_encoding_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.accepted.connect(lambda: self.encoding_chosen.emit(self.encoding()))
        self.on_encoding_changed()

    def encoding(self) -> str:
        return self.combo.currentData()

    def set_encoding(self, codec: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(codec))

    def on_encoding_changed(self, _index: int = 0) -> None:
        text = self._sample.decode(self.encoding(), errors="replace")
        self.preview.setPlainText(text[:PREVIEW_CHARS])


def _read_sample(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(SAMPLE_BYTES)
    except OSError:
        return b""


def _label(codec: str) -> str:
    return dict(ENCODINGS).get(codec, codec)


REPLACE, KEEP = "replace", "keep"


class DuplicatePrompt(QMessageBox):
    """Asks whether to replace the copy already in the library or keep both.

    Signals:
        decided(str): "replace" or "keep" (nothing is emitted on Cancel).
    """

    decided = Signal(str)

    def __init__(self, existing: ArticleInfo, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicate-prompt")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle("Already in the library")
        self.setText(f"{name} is already in the library as “{existing.title}”.")
        self.setInformativeText("Replace that copy, or keep both?")
        self.replace_button: QPushButton = self.addButton(
            "&Replace", QMessageBox.ButtonRole.AcceptRole)
        self.keep_button: QPushButton = self.addButton(
            "&Keep Both", QMessageBox.ButtonRole.ActionRole)
        if existing.source != "imported":  # a bundled article cannot be replaced
            self.replace_button.setEnabled(False)
            self.setDefaultButton(self.keep_button)
        else:
            self.setDefaultButton(self.replace_button)
        self.addButton(QMessageBox.StandardButton.Cancel)
        plain_labels(self)  # the file name and the title are the user's
        self.buttonClicked.connect(self.on_clicked)

    def on_clicked(self, button) -> None:
        if button is self.replace_button:
            self.decided.emit(REPLACE)
        elif button is self.keep_button:
            self.decided.emit(KEEP)
