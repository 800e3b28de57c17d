"""Anki in the window: "Send to Anki" (selected notes, a deck, after "Save glossary"), the
"Anki (AnkiConnect)" settings and "Import known words from Anki" (Tools menu), and the
optional refresh of known words at start-up.

Every request runs on `context.tasks`, never on the GUI thread; sending reports progress in
the status bar ("Sending to Anki… 500/1200") and ends with the added / updated / unchanged /
failed counts, or the reason it stopped.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from reader.core.anki import (
    AnkiConnect,
    AnkiError,
    AnkiSender,
    MappingError,
    SendReport,
    mapping_from_settings,
)
from reader.core.anki.known import import_known
from reader.ui.tasks import error_message


def client_for(settings) -> AnkiConnect:
    """A client for the configured address (`settings`: the window's SettingsBridge)."""
    return AnkiConnect(settings.anki("url"), settings.anki("key"),
                       confirmed_remote=settings.anki("confirmed_remote"))


class _Progress(QObject):
    """Carries a worker's progress to the GUI thread (queued signal)."""

    changed = Signal(int, int)


class AnkiActions(QObject):
    """The Anki actions of the flashcards feature.

    Signals:
        sent(object): the SendReport of a finished send (its `error` set when it stopped).
        known_imported(object): the KnownImport of the start-up refresh.
    """

    sent = Signal(object)
    known_imported = Signal(object)

    def __init__(self, context, feature) -> None:
        super().__init__(context.widget)
        self.context = context  # the window's FeatureContext
        self.settings = context.settings  # the SettingsBridge (respects persist=False)
        self.feature = feature
        self.sending = False
        self._progress = _Progress(self)
        self._progress.changed.connect(self._on_progress)
        self._build_actions()

    def _build_actions(self) -> None:
        context, parent = self.context, self.context.widget
        self.settings_action = QAction("&Anki (AnkiConnect)…", parent)
        self.settings_action.triggered.connect(self.show_settings)
        self.known_action = QAction("Import &Known Words from Anki…", parent)
        self.known_action.triggered.connect(self.show_known_import)
        self.also_send_action = QAction("Also Send Saved Glossary to &Anki", parent)
        self.also_send_action.setCheckable(True)
        self.also_send_action.setChecked(self.settings.anki("send_after_save"))
        self.also_send_action.toggled.connect(
            lambda on: self.settings.set_anki("send_after_save", bool(on)))
        menu = context.menu("&Tools")
        menu.addSeparator()
        menu.addActions([self.also_send_action, self.settings_action, self.known_action])

    def _store(self):
        """The flashcard store once open (None, after saying so, while it opens)."""
        flashcards = self.feature._store_or_say()
        return flashcards.store if flashcards is not None else None

    # -- sending --------------------------------------------------------------------------
    def send_note_ids(self, note_ids: list[int]) -> None:
        store = self._store()
        if store is None:
            return
        notes = [n for n in (store.note(i) for i in note_ids) if n is not None]
        label = notes[0].headword if len(notes) == 1 else f"{len(notes)} notes"
        self.send(notes, label)

    def send_deck(self, deck: str | None) -> None:
        store = self._store()
        if store is not None:
            self.send(store.notes(deck), f"deck “{deck}”" if deck else "every deck")

    def send(self, notes: list, label: str) -> None:
        """Send `notes` off the GUI thread; the outcome comes as `sent(report)`."""
        if not notes:
            self.context.show_status("Nothing to send to Anki.")
            return
        if self.sending:
            self.context.show_status("Already sending to Anki; wait for it to finish.")
            return
        try:
            client = client_for(self.settings)
        except AnkiError as exc:
            self._finish(SendReport(total=len(notes), failed=len(notes), error=str(exc)), label)
            return
        model, field_map = self.settings.anki("model"), self.settings.anki("field_map")
        store, progress = self.feature.flashcards.store, self._progress.changed.emit

        def work() -> SendReport:
            try:
                mapping = mapping_from_settings(client, model, field_map)
                return AnkiSender(client, store, mapping, progress=progress).send(notes)
            except (AnkiError, MappingError) as exc:
                return SendReport(total=len(notes), failed=len(notes), error=str(exc))
            finally:
                client.close()

        self.sending = True
        self.context.show_status(f"Sending {label} to Anki…", 0)
        self.context.tasks.run(work, lambda report: self._finish(report, label),
                              lambda exc: self._finish(SendReport(
                                  total=len(notes), failed=len(notes),
                                  error=error_message(exc)), label),
                              label="Sending to Anki…")

    def _on_progress(self, done: int, total: int) -> None:
        if self.sending:
            self.context.show_status(f"Sending to Anki… {done}/{total}", 0)

    def _finish(self, report: SendReport, label: str) -> None:
        self.sending = False
        if report.error:
            message = f"Anki: {label} not fully sent ({report.summary()})"
        else:
            message = f"Sent {label} to Anki: {report.summary()}."
        self.context.show_status(message, 15000)
        flashcards_window = self.feature.flashcards_window
        if flashcards_window is not None and flashcards_window.isVisible():
            flashcards_window.reload_notes()
        self.sent.emit(report)

    # -- dialogs --------------------------------------------------------------------------
    def show_settings(self):
        from reader.ui.flashcards.anki_dialog import AnkiSettingsDialog

        dialog = AnkiSettingsDialog(self.settings, self.context.tasks, self.context.widget)
        dialog.accepted.connect(
            lambda: self.also_send_action.setChecked(self.settings.anki("send_after_save")))
        dialog.open()
        return dialog

    def show_known_import(self):
        from reader.ui.flashcards.anki_known_dialog import KnownImportDialog

        store = self._store()
        if store is None:
            return None
        dialog = KnownImportDialog(self.settings, self.context.tasks, store, self.context.widget)
        dialog.open()
        dialog.load_decks()
        return dialog

    # -- known words at start-up ----------------------------------------------------------
    def refresh_known_at_start(self) -> bool:
        """If the setting is on (and decks and field were chosen), re-import in the
        background; a failure is one quiet status line. Returns whether it started."""
        s = self.settings
        decks = [d for d in s.anki("known_decks") if isinstance(d, str) and d.strip()]
        field = s.anki("known_field")
        if not (s.anki("refresh_known_at_start") and decks and field):
            return False
        if self.feature.flashcards is None:
            return False
        try:
            client = client_for(s)
        except AnkiError as exc:
            self.context.show_status(f"Known words not refreshed from Anki: {exc}", 10000)
            return False
        store = self.feature.flashcards.store

        def done(result) -> None:
            self.context.show_status(f"Known words from Anki: {result.summary()}.", 8000)
            self.known_imported.emit(result)

        def failed(exc: BaseException) -> None:
            reason = str(exc) if isinstance(exc, (AnkiError, ValueError)) else error_message(exc)
            self.context.show_status(f"Known words not refreshed from Anki: {reason}", 10000)
            self.known_imported.emit(None)

        self.context.tasks.run(lambda: import_known(client, store, decks, field), done, failed,
                              label="Refreshing known words from Anki…")
        return True
