"""The Dictionary tab (Ctrl+D): look up Chinese, pinyin or English as you type.

Results come from `reader.core.lookup.search` (glossary, people and CC-CEDICT, ranked), the
same function the `lookup` command uses. Once the sources are loaded a search takes a few
milliseconds and runs as the reader types (debounced); before that it runs on a worker.
Each result shows the popup's card for it, with Save (to flashcards).
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from reader.core.lookup import draft, search
from reader.ui.feature_context import DeclaredServices, feature_context
from reader.ui.lookup.panel import LookupPanel
from reader.ui.tasks import error_message

SOURCES = ("dictionary", "glossary", "people")


SERVICES = ('dictionary', 'glossary', 'people', 'flashcards')  # what this feature uses of `Services`


class LookupFeature(QObject):
    """Wires `LookupPanel` to the core search and to flashcards."""

    def __init__(self, context, services) -> None:
        super().__init__(context.widget)
        self.context = context
        self.services = services
        self.results: list = []
        self._serial = 0
        self.panel = LookupPanel(context.widget)
        self.panel.setObjectName("tab-dictionary")
        context.side_panel.add_tab(self.panel, "Dictionary")
        self.action = QAction("&Look Up…", context.widget)
        self.action.setShortcut(QKeySequence("Ctrl+D"))
        self.action.setStatusTip("Look up Chinese, pinyin or English in the Dictionary tab")
        self.action.triggered.connect(lambda: self.look_up())
        context.menu("&Tools").addAction(self.action)
        context.article_view.add_context_actions(self.context_actions, 10)
        self.panel.query_changed.connect(self.search)
        self.panel.result_chosen.connect(self.show_card)
        self.panel.save_requested.connect(self.save)

    def look_up(self, text: str = "") -> None:
        """Open the tab with the field focused; with `text`, look it up at once."""
        self.context.side_panel.show_tab(self.panel)
        field = self.panel.field
        if text:
            field.setText(text)
            self.panel.flush()
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    def context_actions(self, target) -> list:
        """Right-click: Look Up (the word or the selection, in the Dictionary tab)."""
        text = target.text.strip()
        if not text or len(text) > 100:
            return []
        action = QAction("&Look Up", self.context.widget)
        action.triggered.connect(lambda: self.look_up(text))
        return [action]

    def search(self, query: str) -> None:
        self._serial += 1
        serial, services = self._serial, self.services
        if not query:
            self._show(serial, [])
            return

        def work():
            return search(query, services.dictionary, services.glossary, services.people)

        if all(services.is_built(name) for name in SOURCES):
            self._show(serial, work())  # milliseconds: answer as the reader types
        else:
            self.panel.status.setText("Loading the dictionary…")
            self.context.tasks.run(work, lambda found: self._show(serial, found),
                                  lambda exc: self._failed(serial, exc), label="Looking up…")

    def _show(self, serial: int, results: list) -> None:
        if serial != self._serial:
            return
        self.results = results
        query = self.panel.field.text().strip()
        status = "" if results or not query else f"Nothing found for {query}."
        self.panel.set_results(results, status)

    def _failed(self, serial: int, exc: BaseException) -> None:
        if serial == self._serial:
            self.panel.set_results([], f"Look-up failed: {error_message(exc)}")

    def show_card(self, row: int) -> None:
        if 0 <= row < len(self.results):
            self.panel.set_card(self.card_html(self.results[row]))

    def card_html(self, result) -> str:
        """The popup's card for a result: the word, its reading, every sense or explanation."""
        view = self.context.article_view
        theme, tones, family = view.theme(), view.tone_colours(), view.cjk_family()
        if result.source == "dictionary":
            from reader.ui.popup_content import entry_card_html

            return entry_card_html(result.item, self.services.dictionary, theme, tones, family,
                                   self.context.current_view().is_traditional)
        if result.source == "glossary":
            from reader.ui.glossary.feature import entry_html

            return entry_html(result.item, self.context.current_view(), theme)
        person = result.item
        muted = theme.muted.name()
        lines = [f'<div style="font-size:18pt">{escape(person.name)}'
                 f'&nbsp;&nbsp;<span style="color:{muted}">{escape(person.name_in(True))}</span>'
                 f'</div>', f"<div>{escape(person.pinyin)}</div>"]
        lines += [f"<div>{escape(x)}</div>" for x in (person.english, person.role,
                                                     person.organisation, person.context) if x]
        return "".join(lines)

    def save(self, row: int) -> None:
        if not 0 <= row < len(self.results):
            return
        result = self.results[row]
        flashcards = self.services.flashcards

        def work():
            from reader.core.flashcards import deck_name_for

            return flashcards.store.add(draft(result), deck_name_for(None))

        self.context.tasks.run(work, self._saved, lambda exc: self.context.show_status(
            f"Could not save {result.simplified}: {error_message(exc)}"), label="Saving…")

    def _saved(self, saved) -> None:
        note = saved.note
        if saved.added:
            self.context.show_status(f"Saved {note.headword} to the deck “{note.deck}”.")
        else:
            self.context.show_status(f"{note.headword} was already saved.")


def install(window, services) -> LookupFeature:
    """Add the Dictionary tab and Tools › Look Up (Ctrl+D)."""
    return LookupFeature(feature_context(window), DeclaredServices(services, SERVICES))
