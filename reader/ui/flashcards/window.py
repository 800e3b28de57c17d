"""The Flashcards window: decks on the left; notes (searchable, editable, deletable with
undo) and the in-app review as two tabs on the right; export of the selected deck; "Send to
Anki" for the selected notes or the deck (the sending itself is `ui.flashcards.anki_ui`).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.anki import sent_states
from reader.core.flashcards import Deleted, ExportError, Flashcards
from reader.ui.flashcards.model import COL_DECK, COL_MEANING, COL_WORD, DecksModel, NotesModel
from reader.ui.flashcards.note_editor import NoteEditor
from reader.ui.flashcards.review_widget import ReviewWidget
from reader.ui.plain_text import plain_labels

EXPORT_FILTERS = {
    "Anki package (*.apkg)": ("apkg", ".apkg"),
    "Anki CSV (*.csv)": ("csv", ".csv"),
    "Pleco flashcards (*.txt)": ("pleco", ".txt"),
}


class FlashcardsWindow(QWidget):
    """Browse, edit, delete (and undo), review and export flashcards.

    Signals:
        status(str): a one-line message for the main window's status bar.
        notes_changed(): notes were edited, deleted or restored here.
        send_notes(list): "Send to Anki" for these note ids (the selection).
        send_deck(object): "Send deck to Anki" for this deck name (None: every deck).
    """

    status = Signal(str)
    notes_changed = Signal()
    send_notes = Signal(list)
    send_deck = Signal(object)

    def __init__(self, flashcards: Flashcards, tasks=None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.flashcards = flashcards
        self.tasks = tasks
        self._last_deleted: Deleted | None = None
        self._traditional = False
        self._dark = False
        self.romanisation = "pinyin"  # how exports write readings (the window's setting)
        self.setWindowTitle("Flashcards")
        self.setObjectName("flashcards-window")
        self.resize(1000, 640)
        self._build()
        self._connect_signals()
        self.refresh()

    # -- construction ---------------------------------------------------------------
    def _build_decks(self) -> QWidget:
        """The left column: the deck list and its buttons."""
        self.decks_model = DecksModel(self)
        self.deck_list = QListView(self)
        self.deck_list.setObjectName("deck-list")
        self.deck_list.setModel(self.decks_model)
        self.deck_list.setSpacing(2)
        font = self.deck_list.font()  # CJK metrics first, so two-line rows are tall enough
        font.setFamilies(["Noto Sans CJK SC", "Source Han Sans SC", *font.families()])
        self.deck_list.setFont(font)
        self.deck_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.review_button = QPushButton("Review", self)
        self.export_button = QPushButton("Export…", self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>Decks</b>", self))
        left_layout.addWidget(self.deck_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.review_button)
        row.addWidget(self.export_button)
        left_layout.addLayout(row)
        self.send_deck_button = QPushButton("Send deck to Anki", self)
        self.send_deck_button.setToolTip("Send every note of this deck to Anki (AnkiConnect)")
        left_layout.addWidget(self.send_deck_button)
        return left

    def _build(self) -> None:
        left = self._build_decks()
        self.search = QLineEdit(self)
        self.search.setObjectName("flashcards-search")
        self.search.setPlaceholderText("Search word, pinyin (tengxun), meaning, sentence…")
        self.search.setClearButtonEnabled(True)
        self.notes_model = NotesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("notes-table")
        self.table.setModel(self.notes_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_MEANING, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_DECK, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_DECK, 170)
        self.editor = NoteEditor(self)
        self.undo_button = QPushButton("Undo delete", self)
        self.undo_button.setEnabled(False)
        self.send_button = QPushButton("Send to Anki", self)
        self.send_button.setObjectName("send-to-anki")
        self.send_button.setToolTip("Send the selected notes to Anki (Ctrl+Shift+A)")
        notes_page = QWidget(self)
        notes_layout = QVBoxLayout(notes_page)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.send_button)
        top.addWidget(self.undo_button)
        notes_layout.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Vertical, notes_page)
        splitter.addWidget(self.table)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        notes_layout.addWidget(splitter, 1)

        self.review = ReviewWidget(self.flashcards, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(notes_page, "Notes")
        self.tabs.addTab(self.review, "Review")

        outer = QSplitter(Qt.Orientation.Horizontal, self)
        outer.addWidget(left)
        outer.addWidget(self.tabs)
        outer.setStretchFactor(1, 1)
        outer.setSizes([240, 760])
        self.message = QLabel(self)  # this window's own confirmations (export, …)
        self.message.setObjectName("flashcards-message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(outer)
        layout.addWidget(self.message)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)

    def _connect_signals(self) -> None:
        self.deck_list.selectionModel().currentChanged.connect(lambda *_: self.on_deck_chosen())
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self._search_timer.timeout.connect(self.reload_notes)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.editor.set_note(self.notes_model.note(current.row())))
        self.editor.save_requested.connect(self.on_save_note)
        self.editor.delete_requested.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo_delete)
        self.review_button.clicked.connect(lambda: self.start_review(self.selected_deck()))
        self.export_button.clicked.connect(self.on_export)
        self.send_button.clicked.connect(self.on_send_selected)
        self.send_deck_button.clicked.connect(lambda: self.send_deck.emit(self.selected_deck()))
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, self.on_send_selected,
                  context=Qt.ShortcutContext.WindowShortcut)
        self.review.counts_changed.connect(self.refresh_decks)
        self.tabs.currentChanged.connect(self.on_tab_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.delete_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self, self.undo_delete,
                  context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus,
                  context=Qt.ShortcutContext.WindowShortcut)

    # -- public API -------------------------------------------------------------------
    def set_script(self, traditional: bool, dark: bool = False) -> None:
        """Show words in Traditional (or Simplified), like the article being read."""
        self._traditional, self._dark = traditional, dark
        self.notes_model.set_traditional(traditional)

    def selected_deck(self) -> str | None:
        return self.decks_model.deck_name(self.deck_list.currentIndex().row())

    def select_deck(self, name: str | None) -> None:
        row = self.decks_model.row_of(name)
        self.deck_list.setCurrentIndex(self.decks_model.index(row))

    def refresh(self) -> None:
        """Re-read decks and notes from the store (after saves made elsewhere)."""
        self.refresh_decks()
        self.reload_notes()

    def refresh_decks(self) -> None:
        current = self.selected_deck()
        review = self.flashcards.review
        self.decks_model.set_decks(self.flashcards.store.decks(), review.due_by_deck(),
                                   review.due_counts())
        blocker = self.deck_list.selectionModel().blockSignals(True)
        self.deck_list.setCurrentIndex(self.decks_model.index(self.decks_model.row_of(current)))
        self.deck_list.selectionModel().blockSignals(blocker)

    def reload_notes(self) -> None:
        selected = self.editor.note()
        notes = self.flashcards.store.notes(self.selected_deck(), self.search.text())
        self.notes_model.set_notes(notes, sent_states(self.flashcards.store, [n.id for n in notes]))
        row = self.notes_model.row_of(selected.id) if selected else -1
        if row < 0 and notes:
            row = 0
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.notes_model.index(row, COL_WORD),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.editor.set_note(self.notes_model.note(row))
        else:
            self.editor.set_note(None)

    def start_review(self, deck: str | None) -> None:
        """Switch to the Review tab on `deck` (None: every deck)."""
        self.tabs.setCurrentWidget(self.review)
        self.review.start(deck, self._traditional, self._dark)
        self.review.setFocus(Qt.FocusReason.OtherFocusReason)

    def warn(self, message: str) -> QMessageBox:
        """A one-line warning that does not block (window-modal, closes itself)."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Flashcards", message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("flashcards-warning")
        plain_labels(box)  # messages quote deck names and file paths
        box.open()
        return box

    # -- slots ------------------------------------------------------------------------
    def on_deck_chosen(self) -> None:
        self.reload_notes()
        if self.tabs.currentWidget() is self.review:
            self.start_review(self.selected_deck())

    def on_save_note(self, note_id: int, changes: dict) -> None:
        if not changes:
            self.status.emit("Nothing changed.")
            return
        try:
            note = self.flashcards.store.update(note_id, **changes)
        except ValueError as exc:
            self.warn(str(exc))
            return
        self.status.emit(f"Saved {note.simplified}.")
        self.notes_changed.emit()
        self.refresh_decks()
        self.reload_notes()

    def selected_note_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows and self.editor.note() is not None:
            return [self.editor.note().id]
        return [self.notes_model.note(r).id for r in rows if self.notes_model.note(r)]

    def on_send_selected(self) -> None:
        ids = self.selected_note_ids()
        if ids:
            self.send_notes.emit(ids)
        else:
            self.status.emit("Select the notes to send to Anki.")

    def delete_selected(self) -> None:
        """Delete the selected notes (no confirmation: Undo brings them back)."""
        ids = self.selected_note_ids()
        if not ids:
            return
        row = self.table.currentIndex().row()
        self._last_deleted = self.flashcards.store.delete_notes(ids)
        self.undo_button.setEnabled(True)
        self.undo_button.setText(f"Undo delete of {self._last_deleted.description}")
        self.editor.set_note(None)
        self.refresh_decks()
        self.reload_notes()
        if self.notes_model.rowCount():
            row = min(max(row, 0), self.notes_model.rowCount() - 1)
            self.table.selectRow(row)
        self.status.emit(f"Deleted {self._last_deleted.description} (Ctrl+Z to undo).")
        self.notes_changed.emit()

    def undo_delete(self) -> None:
        deleted = self._last_deleted
        if deleted is None:
            return
        try:
            self.flashcards.store.restore(deleted)
        except ValueError as exc:
            self.warn(str(exc))
            return
        finally:
            self._last_deleted = None
            self.undo_button.setEnabled(False)
            self.undo_button.setText("Undo delete")
        self.refresh_decks()
        self.reload_notes()
        self.status.emit(f"Restored {deleted.description}.")
        self.notes_changed.emit()

    def on_tab_changed(self, _index: int) -> None:
        """Opening the Review tab starts the review (or says nothing is due)."""
        if self.tabs.currentWidget() is self.review and self.review.current_note() is None:
            self.start_review(self.selected_deck())

    def on_export(self) -> None:
        deck = self.selected_deck()
        suggested = (deck or "flashcards").replace("/", "-").replace(":", "-")[:60]
        path, chosen = QFileDialog.getSaveFileName(
            self, f"Export {deck or 'all decks'}", str(Path.home() / f"{suggested}.apkg"),
            ";;".join(EXPORT_FILTERS))
        if not path:
            return
        fmt, suffix = EXPORT_FILTERS.get(chosen, ("apkg", ".apkg"))
        if not Path(path).suffix:
            path += suffix
        self.export_to(deck, fmt, path)

    def export_to(self, deck: str | None, fmt: str, path: str) -> None:
        """Export off the GUI thread; the result (or a one-line error) is reported."""
        flashcards = self.flashcards

        def done(count: int) -> None:
            self.message.setText(f"Exported {count} notes to {path}.")

        def failed(exc: BaseException) -> None:
            message = str(exc) if isinstance(exc, ExportError) else f"Export failed: {exc}"
            self.message.setText(message)
            self.warn(message)

        if self.tasks is None:
            try:
                done(flashcards.export(deck, fmt, path, self.romanisation))
            except ExportError as exc:
                failed(exc)
            return
        romanisation = self.romanisation
        self.tasks.run(lambda: flashcards.export(deck, fmt, path, romanisation), done, failed,
                       label="Exporting flashcards…")
