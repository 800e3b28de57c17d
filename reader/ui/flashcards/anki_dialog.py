"""The "Anki (AnkiConnect)" settings dialog: address, key, Test connection, note type and
field mapping, and the two Anki options. Every request to Anki runs on `tasks` (off the GUI
thread); answers and errors are shown as plain text.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.anki import (
    AnkiConnect,
    AnkiError,
    MappingError,
    is_loopback,
    make_mapping,
    normalise_url,
)
from reader.core.flashcards.export import FIELDS, MODEL_NAME
from reader.ui.tasks import error_message

OURS_LABEL = f"{MODEL_NAME} (ours, created when missing)"
NOT_SENT = "(not sent)"
GUESSES = {  # our field -> usual names of the matching field in Chinese note types
    "Simplified": ("simplified", "hanzi", "chinese", "word", "expression", "front"),
    "Traditional": ("traditional",),
    "Pinyin": ("pinyin", "reading"),
    "Meaning": ("meaning", "english", "definition", "back"),
    "Sentence": ("sentence", "example", "examples"),
    "Source": ("source",),
}


def confirm_remote(parent: QWidget | None, settings, url: str) -> bool:
    """True if `url` is loopback or was confirmed; else ask once and remember a yes."""
    url = normalise_url(url)
    if is_loopback(url) or settings.anki("confirmed_remote") == url:
        return True
    answer = QMessageBox.question(
        parent, "Send cards over the network?",
        f"{url} is not this computer. Your flashcards (words, meanings, sentences) would be "
        "sent to it over the network. Send to this address?")
    if answer == QMessageBox.StandardButton.Yes:
        settings.set_anki("confirmed_remote", url)
        return True
    return False


def guess_field(ours: str, theirs: list[str]) -> str:
    """The Anki field our field most likely goes to ('' when none fits)."""
    folded = {name.casefold(): name for name in theirs}
    for candidate in GUESSES.get(ours, (ours.casefold(),)):
        if candidate in folded:
            return folded[candidate]
    return ""


class AnkiSettingsDialog(QDialog):
    """Edit the anki.* settings (through the window's SettingsBridge); Test connection shows
    the version or the reason why not.

    Signals:
        tested(str): the text shown after a connection test (for tests and the status bar).
    """

    tested = Signal(str)

    def __init__(self, settings, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.tasks = tasks
        self.setWindowTitle("Anki (AnkiConnect)")
        self.setObjectName("anki-settings")
        self._build()
        self._load()

    def _build(self) -> None:
        self.url = QLineEdit(self)
        self.key = QLineEdit(self)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText("only if AnkiConnect is set to need one")
        self.test_button = QPushButton("Test connection", self)
        self.result = QLabel("", self)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setWordWrap(True)
        self.model = QComboBox(self)
        self.load_models_button = QPushButton("Load note types from Anki", self)
        form = QFormLayout()
        form.addRow("Address:", self.url)
        form.addRow("API key:", self.key)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.result, 1)
        form.addRow("", row)
        models = QHBoxLayout()
        models.addWidget(self.model, 1)
        models.addWidget(self.load_models_button)
        form.addRow("Note type:", models)
        self.mapping_box = QGroupBox("Our field → the note type's field", self)
        mapping_form = QFormLayout(self.mapping_box)
        self.field_boxes: dict[str, QComboBox] = {}
        for name in FIELDS:
            box = QComboBox(self.mapping_box)
            self.field_boxes[name] = box
            mapping_form.addRow(f"{name}:", box)
        self.send_after_save = QCheckBox("“Save glossary to flashcards” also sends the deck "
                                         "to Anki", self)
        self.refresh_known = QCheckBox("Refresh known words from Anki at start-up", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.send_after_save)
        layout.addWidget(self.refresh_known)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.test_button.clicked.connect(self.test_connection)
        self.load_models_button.clicked.connect(self.load_models)
        self.model.currentIndexChanged.connect(lambda _: self._on_model_changed())

    def _load(self) -> None:
        s = self.settings
        self.url.setText(s.anki("url"))
        self.key.setText(s.anki("key"))
        self.model.blockSignals(True)  # opening the dialog asks Anki nothing
        self.model.addItem(OURS_LABEL, "")
        if s.anki("model") and s.anki("model") != MODEL_NAME:
            self.model.addItem(s.anki("model"), s.anki("model"))
            self.model.setCurrentIndex(1)
        self.model.blockSignals(False)
        self._set_fields(list(s.anki("field_map").values()), s.anki("field_map"))
        self.send_after_save.setChecked(s.anki("send_after_save"))
        self.refresh_known.setChecked(s.anki("refresh_known_at_start"))
        self.mapping_box.setEnabled(bool(self.model.currentData()))

    # -- talking to Anki ------------------------------------------------------------------
    def client(self) -> AnkiConnect | None:
        """A client for the address typed here (after the remote confirmation), or None."""
        try:
            if not confirm_remote(self, self.settings, self.url.text()):
                self._show("Not tested: the address is not confirmed.")
                return None
            return AnkiConnect(self.url.text(), self.key.text(),
                               confirmed_remote=self.settings.anki("confirmed_remote"))
        except AnkiError as exc:
            self._show(str(exc))
            return None

    def _show(self, text: str) -> None:
        self.result.setText(text)
        self.tested.emit(text)

    def _failed(self, exc: BaseException) -> None:
        self._show(str(exc) if isinstance(exc, AnkiError) else error_message(exc))

    def test_connection(self) -> None:
        client = self.client()
        if client is None:
            return
        self.result.setText("Testing…")
        self.tasks.run(client.version, lambda v: self._show(f"Connected: AnkiConnect version "
                                                            f"{v} at {client.url}"),
                       self._failed, label="Testing the connection to Anki…")

    def load_models(self) -> None:
        client = self.client()
        if client is not None:
            self.tasks.run(lambda: client.invoke("modelNames"), self._set_models, self._failed,
                           label="Loading Anki's note types…")

    def _set_models(self, names: list[str]) -> None:
        current = self.model.currentData()
        self.model.blockSignals(True)
        self.model.clear()
        self.model.addItem(OURS_LABEL, "")
        for name in names:
            if name != MODEL_NAME:
                self.model.addItem(name, name)
        index = self.model.findData(current)
        self.model.setCurrentIndex(max(index, 0))
        self.model.blockSignals(False)
        self._on_model_changed()

    def _on_model_changed(self) -> None:
        model = self.model.currentData()
        self.mapping_box.setEnabled(bool(model))
        if not model:
            return
        client = self.client()
        if client is not None:
            self.tasks.run(lambda: client.invoke("modelFieldNames", modelName=model),
                           lambda names: self._set_fields(names, {}), self._failed,
                           label="Loading the note type's fields…")

    def _set_fields(self, theirs: list[str], chosen: dict[str, str]) -> None:
        for ours, box in self.field_boxes.items():
            box.clear()
            box.addItem(NOT_SENT, "")
            for name in theirs:
                box.addItem(name, name)
            pick = chosen.get(ours) or guess_field(ours, theirs)
            box.setCurrentIndex(max(box.findData(pick), 0))

    def field_map(self) -> dict[str, str]:
        return {ours: box.currentData() for ours, box in self.field_boxes.items()
                if box.currentData()}

    # -- saving ---------------------------------------------------------------------------
    def accept(self) -> None:
        try:
            url = normalise_url(self.url.text())
            model = self.model.currentData() or ""
            field_map = self.field_map() if model else {}
            if model:
                theirs = [self.field_boxes[FIELDS[0]].itemData(i)
                          for i in range(1, self.field_boxes[FIELDS[0]].count())]
                make_mapping(model, field_map, theirs)
        except (AnkiError, MappingError) as exc:
            self._show(str(exc))
            return
        if not confirm_remote(self, self.settings, url):
            return
        s = self.settings
        s.set_anki("url", url, save=False)
        s.set_anki("key", self.key.text().strip(), save=False)
        s.set_anki("model", model, save=False)
        s.set_anki("field_map", field_map, save=False)
        s.set_anki("send_after_save", self.send_after_save.isChecked(), save=False)
        s.set_anki("refresh_known_at_start", self.refresh_known.isChecked())
        super().accept()
