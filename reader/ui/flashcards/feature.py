"""Flashcards in the reader window: Save in the hover popup (key S), "Save glossary to
flashcards" (toolbar and Tools menu), the Flashcards window and review; Anki through
AnkiConnect (`anki_ui`: Send to Anki, settings, known words).

`install(window, services)` is called by `reader.ui.main`. Saving and exporting run off
the GUI thread through `window.tasks`; results come back as status-bar messages.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog

from reader.core.flashcards import SaveResult, StoreError, deck_name_for
from reader.core.flashcards.notes import word_key
from reader.core.text.scripts import Script, View
from reader.ui.feature_context import DeclaredServices, feature_context
from reader.ui.flashcards.anki_ui import AnkiActions
from reader.ui.tasks import error_message

SAVE_KEY = "S"


def is_traditional(view: View, document) -> bool:
    """Whether `view` shows Traditional characters (Original of a Traditional article too)."""
    view = View(view)
    if view.is_traditional:
        return True
    return view is View.ORIGINAL and document is not None and document.script is Script.TRADITIONAL


SERVICES = ('flashcards', 'glossary')  # what this feature uses of `Services`


class FlashcardsFeature(QObject):
    """Wires the flashcard core into the main context.

    The store is opened on a worker (its integrity check reads the whole file); until
    `ready` the actions that need it say so instead of blocking the context.

    Signals:
        ready(): the flashcard store is open.
        word_saved(object): the SaveResult of a word saved from the popup.
        glossary_saved(int, int): notes added and already saved by "Save glossary".
    """

    ready = Signal()
    word_saved = Signal(object)
    glossary_saved = Signal(int, int)

    def __init__(self, context, services) -> None:
        context = feature_context(context)
        super().__init__(context.widget)
        self.context = context
        self.services = services
        self.flashcards = None  # opened on a worker, see `ready`
        self.flashcards_window = None
        self._saved_keys: set[str] = set()
        self._build_actions()
        self.anki = AnkiActions(context, self)
        view = context.article_view
        view.add_popup_action("Save", SAVE_KEY, self.on_save_word, order=10)
        view.add_context_actions(self.context_actions, 30)
        view.add_popup_section(self.popup_section, 90)
        context.tasks.run(lambda: _open_store(services), self._on_store_open,
                         self._on_store_failed, label="Opening flashcards…")

    def _on_store_open(self, opened) -> None:
        self.flashcards, self._saved_keys = opened
        notice = self.flashcards.take_notice()
        if notice:
            self.context.show_notice(notice)
        self.ready.emit()
        self.anki.refresh_known_at_start()

    def _on_store_failed(self, exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, StoreError) else error_message(exc)
        self.context.show_notice(f"Flashcards are not available: {message}")

    def _store_or_say(self):
        """The open store, or None after telling the reader it is not open (yet)."""
        if self.flashcards is None:
            self.context.show_status("The flashcards are still opening; try again in a moment.")
        return self.flashcards

    def _build_actions(self) -> None:
        context = self.context
        self.save_glossary_action = QAction("Save &Glossary to Flashcards", context.widget)
        self.save_glossary_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.save_glossary_action.setIconText("Save glossary")
        self.save_glossary_action.setToolTip(
            "Save every glossary term of this article as a flashcard, with its sentence")
        self.save_glossary_action.triggered.connect(lambda: self.save_glossary())
        self.save_glossary_to_action = QAction("Save Glossary to &Deck…", context.widget)
        self.save_glossary_to_action.triggered.connect(self.on_save_glossary_to)
        self.include_people_action = QAction("Also Save &People Mentioned", context.widget)
        self.include_people_action.setCheckable(True)
        self.include_people_action.setChecked(context.settings.save_people_with_glossary())
        self.include_people_action.toggled.connect(context.settings.set_save_people_with_glossary)
        self.open_action = QAction("&Flashcards…", context.widget)
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.open_action.triggered.connect(lambda: self.show_flashcards())
        self.review_action = QAction("&Review Flashcards", context.widget)
        self.review_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.review_action.triggered.connect(self.on_review)
        context.add_key_help(_review_key_help)
        menu = context.menu("&Tools")
        menu.addSeparator()
        menu.addActions([self.save_glossary_action, self.save_glossary_to_action,
                         self.include_people_action])
        menu.addSeparator()
        menu.addActions([self.open_action, self.review_action])
        context.toolbar.addSeparator()
        context.toolbar.addActions([self.save_glossary_action, self.open_action])

    def context_actions(self, target) -> list:
        """Right-click: Save to Flashcards (the word under the pointer, or the selection's
        first word)."""
        index = target.token if target.token >= 0 else target.document.token_index_at(
            target.start)
        if index is None:
            return []
        action = QAction("Save to &Flashcards", self.context.widget)
        action.triggered.connect(
            lambda: self.on_save_word(target.document, index, target.view))
        return [action]

    # -- saving ---------------------------------------------------------------------
    def on_save_word(self, document, token_index: int, view) -> None:
        """Popup action: save the word under the popup with its sentence."""
        info = self.context.current_article()
        flashcards = self._store_or_say()
        if flashcards is None:
            return
        popups = self.context.article_view.popups

        def saved(result: SaveResult) -> None:
            popups.mark_action_done(token_index, SAVE_KEY, "Saved ✓")
            self._on_word_saved(result)

        self.context.tasks.run(lambda: flashcards.save_word(document, token_index, info),
                               saved, self._on_failed, label="Saving word…")

    def _on_word_saved(self, result: SaveResult) -> None:
        note = result.note
        if result.added:
            message = f"Saved {note.headword} to the deck “{note.deck}”."
        elif result.sentence_added:
            message = f"{note.headword} was already saved; this sentence was added to it."
        else:
            message = f"{note.headword} is already saved (deck “{note.deck}”)."
        self._saved_keys.add(note.key)
        self.context.show_status(message, 6000)
        self._refresh_window()
        self.word_saved.emit(result)

    def save_glossary(self, deck: str | None = None) -> None:
        """Save every glossary term of the open article (to its deck, or `deck`)."""
        document = self.context.current_document()
        info = self.context.current_article()
        if document is None:
            self.context.show_status("Open an article first (or wait until it is annotated).")
            return
        deck = deck or deck_name_for(info)
        people = self.include_people_action.isChecked()
        flashcards = self._store_or_say()
        if flashcards is None:
            return
        self.context.tasks.run(
            lambda: flashcards.save_glossary(document, info, deck, people),
            lambda counts: self._on_glossary_saved(deck, *counts), self._on_failed,
            label="Saving glossary to flashcards…")

    def _on_glossary_saved(self, deck: str, added: int, already: int) -> None:
        if added + already == 0:
            message = "This article has no glossary terms to save."
        else:
            message = f"{added} added, {already} already saved (deck “{deck}”)."
        self.context.show_status(message, 8000)
        self.reload_saved_keys()
        self._refresh_window()
        self.glossary_saved.emit(added, already)
        if added + already and self.context.settings.anki("send_after_save"):
            self.anki.send_deck(deck)

    def on_save_glossary_to(self) -> None:
        info = self.context.current_article()
        if self._store_or_say() is None:
            return
        names = [d.name for d in self.flashcards.store.decks()]
        default = deck_name_for(info)
        if default not in names:
            names.insert(0, default)
        deck, ok = QInputDialog.getItem(self.context.widget, "Save glossary to flashcards",
                                        "Deck (choose or type a new name):", names,
                                        names.index(default), True)
        if ok and deck.strip():
            self.save_glossary(deck.strip())

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, (ValueError, StoreError)):
            self.context.show_status(str(exc), 8000)
        else:
            self.context.show_status(f"Could not save: {error_message(exc)}", 10000)

    # -- popup ----------------------------------------------------------------------
    def reload_saved_keys(self) -> None:
        """The keys of every saved word (for the popup's "in your flashcards" line)."""
        if self.flashcards is not None:
            self._saved_keys = saved_keys(self.flashcards)

    def popup_section(self, document, token_index: int, view) -> str | None:
        """A quiet line in the popup when the word (or its glossary term) is saved."""
        if not self._saved_keys:
            return None
        start, end = document.span(token_index)
        keys = {word_key(document.simplified[start:end])}
        glossary = self.services.glossary if "glossary" in document.layers else None
        for span in document.layers.get("glossary", ()):
            if span.start <= start < span.end and glossary is not None:
                entry = glossary.get(span.key)
                if entry is not None:
                    keys.add(word_key(entry.term))
        if keys & self._saved_keys:
            return '<span style="color:#2e7d32">✓ in your flashcards</span>'
        return None

    # -- windows --------------------------------------------------------------------
    def show_flashcards(self, deck: str | None = None):
        """Open (or raise) the Flashcards window, on `deck` if given."""
        from reader.ui.flashcards.window import FlashcardsWindow

        if self._store_or_say() is None:
            return None
        if self.flashcards_window is None:
            self.flashcards_window = FlashcardsWindow(self.flashcards, self.context.tasks,
                                                      self.context.widget)
            self.flashcards_window.status.connect(
                lambda text: self.context.show_status(text, 6000))
            self.flashcards_window.notes_changed.connect(self.reload_saved_keys)
            self.flashcards_window.send_notes.connect(self.anki.send_note_ids)
            self.flashcards_window.send_deck.connect(self.anki.send_deck)
        self.flashcards_window.romanisation = self.context.settings.romanisation()
        view = self.context.current_view()
        self.flashcards_window.set_script(is_traditional(view, self.context.current_document()),
                                          self.context.is_dark())
        self.flashcards_window.refresh()
        if deck is not None:
            self.flashcards_window.select_deck(deck)
        self.flashcards_window.show()
        self.flashcards_window.raise_()
        self.flashcards_window.activateWindow()
        return self.flashcards_window

    def on_review(self) -> None:
        info = self.context.current_article()
        deck = deck_name_for(info) if info is not None else None
        if self._store_or_say() is None:
            return
        if deck is not None and self.flashcards.store.deck(deck) is None:
            deck = None
        self.show_flashcards(deck).start_review(deck)

    def _refresh_window(self) -> None:
        if self.flashcards_window is not None and self.flashcards_window.isVisible():
            self.flashcards_window.refresh()


def saved_keys(flashcards) -> set[str]:
    """The keys of every saved word."""
    return {row["key"] for row in flashcards.store.query("SELECT key FROM notes")}


def _open_store(services):
    """Worker: open (and check) the flashcard store; the saved keys with it."""
    flashcards = services.flashcards
    return flashcards, saved_keys(flashcards)


def _review_key_help() -> list[tuple[str, str, str]]:
    from reader.ui.flashcards.review_widget import review_key_help

    return review_key_help()


def install(window, services) -> FlashcardsFeature:
    """Add flashcards to the window (popup Save, toolbar and Tools actions, windows)."""
    return FlashcardsFeature(feature_context(window), DeclaredServices(services, SERVICES))
