""""Import known words from Anki": choose the deck(s) and the field that holds the word;
the decks and fields are read from Anki, and the import runs, off the GUI thread."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.anki import AnkiError
from reader.core.anki.known import KNOWN_DAYS, field_names, import_known
from reader.ui.flashcards.anki_ui import client_for
from reader.ui.tasks import error_message


class KnownImportDialog(QDialog):
    """Pick decks and a field, then import; the outcome stays shown until closed.

    Signals:
        imported(object): the KnownImport of a finished import.
        message(str): every line shown (loading, errors, the outcome).
    """

    imported = Signal(object)
    message = Signal(str)

    def __init__(self, settings, tasks, store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.tasks = tasks
        self.store = store
        self.setWindowTitle("Import known words from Anki")
        self.setObjectName("anki-known-import")
        self.decks = QListWidget(self)
        self.field = QComboBox(self)
        self.field.setEditable(True)
        self.field.setEditText(settings.anki("known_field"))
        self.load_fields_button = QPushButton("Read fields of these decks", self)
        self.status = QLabel(f"A card with an interval of {KNOWN_DAYS} days or more counts as "
                             "known; a studied, younger card as learning.", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton("Import",
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Anki decks (sub-decks included):", self))
        layout.addWidget(self.decks, 1)
        layout.addWidget(QLabel("Field that holds the word:", self))
        layout.addWidget(self.field)
        layout.addWidget(self.load_fields_button)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.start_import)
        self.load_fields_button.clicked.connect(self.load_fields)

    def _show(self, text: str) -> None:
        self.status.setText(text)
        self.message.emit(text)

    def _failed(self, exc: BaseException) -> None:
        self._show(str(exc) if isinstance(exc, (AnkiError, ValueError)) else error_message(exc))

    def _client(self):
        try:
            return client_for(self.settings)
        except AnkiError as exc:
            self._show(str(exc))
            return None

    def load_decks(self) -> None:
        """Fill the deck list from Anki (the decks chosen last time are ticked)."""
        client = self._client()
        if client is not None:
            self._show("Reading Anki's decks…")
            self.tasks.run(lambda: client.invoke("deckNames"), self._set_decks, self._failed,
                           label="Reading Anki's decks…")

    def _set_decks(self, names: list[str]) -> None:
        chosen = set(self.settings.anki("known_decks"))
        self.decks.clear()
        for name in sorted(names, key=str.casefold):
            item = QListWidgetItem(name, self.decks)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked)
        self._show(f"{len(names)} decks in Anki. Tick the ones that hold your words.")

    def chosen_decks(self) -> list[str]:
        return [self.decks.item(i).text() for i in range(self.decks.count())
                if self.decks.item(i).checkState() == Qt.CheckState.Checked]

    def set_chosen(self, decks: list[str], field: str) -> None:
        """Tick `decks` and set the field (for scripted use and tests)."""
        for i in range(self.decks.count()):
            item = self.decks.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in decks
                               else Qt.CheckState.Unchecked)
        self.field.setEditText(field)

    def load_fields(self) -> None:
        decks, client = self.chosen_decks(), self._client()
        if not decks:
            self._show("Tick at least one deck first.")
        elif client is not None:
            self.tasks.run(lambda: field_names(client, decks), self._set_fields, self._failed,
                           label="Reading the decks' fields…")

    def _set_fields(self, names: list[str]) -> None:
        current = self.field.currentText()
        self.field.clear()
        self.field.addItems(names)
        self.field.setEditText(current if current in names else (names[0] if names else ""))

    def start_import(self) -> None:
        decks, field, client = self.chosen_decks(), self.field.currentText().strip(), None
        if not decks or not field:
            self._show("Tick at least one deck and name the field that holds the word.")
            return
        client = self._client()
        if client is None:
            return
        store = self.store
        self.import_button.setEnabled(False)
        self._show("Importing…")
        self.tasks.run(lambda: import_known(client, store, decks, field),
                       lambda result: self._done(result, decks, field), self._import_failed,
                       label="Importing known words from Anki…")

    def _done(self, result, decks: list[str], field: str) -> None:
        self.import_button.setEnabled(True)
        self.settings.set_anki("known_decks", list(decks), save=False)
        self.settings.set_anki("known_field", field)
        self._show(f"Imported: {result.summary()}.")
        self.imported.emit(result)

    def _import_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        self._failed(exc)
