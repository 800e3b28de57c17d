"""The glossary in the reader window: marks, popup section, Glossary tab, user entries, CSV.

`install(window, services)` (called by `reader.ui.main`) loads the glossary off the GUI
thread, then: underlines glossary terms (`view.mark_glossary`, View menu), puts the entry
first in the hover popup (order 10), adds the Glossary side tab (terms with counts by
category; activating one jumps to and highlights its occurrences), "Add to Glossary…" on
the selection (Edit menu and the text's context menu), and CSV import/export (Tools menu).
A user edit re-annotates the open article so new terms become tokens at once.
"""
from __future__ import annotations

from bisect import bisect_right
from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.core.glossary.store import GlossaryError, GlossaryTerms, view_text
from reader.core.text.scripts import View
from reader.ui.feature_context import DeclaredServices, feature_context
from reader.ui.file_watch import UserFileWatcher
from reader.ui.glossary.dialog import GlossaryEntryDialog
from reader.ui.glossary.model import term_rows
from reader.ui.glossary.panel import GlossaryPanel
from reader.ui.glossary.popup import ADD_KEY, business_sense_html, is_unlisted, unlisted_html
from reader.ui.marks import MarkSet
from reader.ui.plain_text import plain_labels
from reader.ui.tasks import error_message

POPUP_ORDER = 10
BUSINESS_SENSE_ORDER = 60  # below the CC-CEDICT section (50)
UNLISTED_ORDER = 45  # before CC-CEDICT: it replaces the by-character glosses
CONTEXT_ORDER = 40  # the right-click menu: after copy, look-up, translate, save
MARKS = "glossary"
FOCUS_MARKS = "glossary-focus"


def entry_html(entry, view: View, theme, user: bool = False, script=None) -> str:
    """The popup section for a glossary entry: term, expansion, category, English, Chinese.

    Term and Chinese are written in the script shown (`script`: the article's).
    """
    muted, accent = theme.muted.name(), theme.glossary.name()
    head = (f'<span style="color:{accent}; font-weight:600">'
            f'{escape(view_text(entry.term, view, script))}</span>')
    if entry.expansion:
        head += f' &nbsp;<span style="font-style:italic">{escape(entry.expansion)}</span>'
    tag = escape(entry.category) + (" · your entry" if user else "")
    return (f'<div style="max-width:420px">{head}'
            f' &nbsp;<span style="color:{muted}; font-size:small">{tag}</span>'
            f'<div style="margin-top:3px">{escape(entry.en)}</div>'
            f'<div style="margin-top:2px">{escape(view_text(entry.zh, view, script))}</div></div>')


SERVICES = ('glossary',)  # what this feature uses of `Services`


class GlossaryFeature(QObject):
    """Wires `services.glossary` into the main window once it has loaded.

    Signals:
        ready(): the glossary loaded and the feature is wired.
        entries_changed(): the user added, edited, deleted or imported entries.
    """

    ready = Signal()
    entries_changed = Signal()

    def __init__(self, context, services) -> None:
        context = feature_context(context)
        super().__init__(context.widget)
        self.context = context
        self.services = services
        self.glossary = None
        self.panel = GlossaryPanel(context.widget)
        self.panel.setObjectName("tab-glossary")
        self.panel.clear("Loading the glossary…")
        context.side_panel.add_tab(self.panel, "Glossary")
        self._focus_id = ""
        self._focus_next = 0
        self._starts: tuple[object, list[int]] | None = None  # (document, span starts)
        self._build_actions()
        context.tasks.run(lambda: services.glossary, self._on_loaded, self._on_load_failed,
                         label="Loading glossary…")

    # -- construction -------------------------------------------------------------------
    def _build_actions(self) -> None:
        context, view = self.context, self.context.article_view
        self.mark_action = QAction("Mark &Glossary Terms", context.widget)
        self.mark_action.setCheckable(True)
        self.mark_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.mark_action.setStatusTip("Underline glossary terms in the text")
        self.mark_action.setChecked(context.settings.glossary_marks())
        self.mark_action.toggled.connect(self.set_marking)
        context.menu("&View").addAction(self.mark_action)
        self.add_action = QAction("Add to &Glossary…", context.widget)
        self.add_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.add_action.setStatusTip("Add the selected words as your own glossary entry")
        self.add_action.triggered.connect(self.on_add_selection)
        context.menu("&Edit").addAction(self.add_action)
        view.add_context_actions(lambda _target: [self.add_action], CONTEXT_ORDER)
        tools = context.menu("&Tools")
        tools.addSeparator()
        self.import_action = QAction("&Import Glossary Entries (CSV)…", context.widget)
        self.import_action.triggered.connect(self.on_import)
        self.export_action = QAction("E&xport My Glossary Entries (CSV)…", context.widget)
        self.export_action.triggered.connect(self.on_export)
        tools.addActions([self.import_action, self.export_action])
        for action in (self.add_action, self.import_action, self.export_action):
            action.setEnabled(False)

    def _on_loaded(self, glossary) -> None:
        self.glossary = glossary
        for problem in glossary.problems[:5]:
            self.context.show_notice(f"Glossary: {problem}")
        context = self.context
        context.article_view.add_popup_section(self.popup_section, POPUP_ORDER)
        context.article_view.add_popup_section(self.business_sense_section, BUSINESS_SENSE_ORDER)
        context.article_view.add_popup_section(self.unlisted_section, UNLISTED_ORDER)
        context.article_view.add_popup_action("Add to glossary", ADD_KEY, self.on_add_word,
                                              order=20)
        context.document_changed.connect(self.on_document_changed)
        context.view_changed.connect(self.on_view_changed)
        context.article_view.selection_changed.connect(self._update_actions)
        self.panel.term_activated.connect(self.show_occurrences)
        self.panel.add_requested.connect(lambda: self.open_entry_dialog({}))
        self.panel.edit_requested.connect(self.edit_entry)
        self.panel.delete_requested.connect(self.delete_entry)
        glossary.add_listener(self.on_entries_changed)
        self.watcher = UserFileWatcher(self, glossary.user_path, lambda: glossary.file_stamp,
                                       glossary.reload)  # hand or CLI edits show at once
        self.import_action.setEnabled(True)
        self.export_action.setEnabled(True)
        self._update_actions()
        self.on_document_changed(context.current_document())
        self.ready.emit()

    def _on_load_failed(self, exc: BaseException) -> None:
        self.panel.clear("The glossary could not be loaded.")
        self.context.show_notice(f"The glossary could not be loaded: {error_message(exc)}")

    # -- document and view ----------------------------------------------------------------
    def on_document_changed(self, document) -> None:
        self._focus_id = ""
        if document is None or GlossaryTerms.name not in document.layers:
            self.panel.clear("Waiting for the annotation…" if document is None
                             else "No glossary terms in this article.")
            self.context.article_view.clear_marks(MARKS)
            return
        # Marks and rows are built off the GUI thread: a million characters hold tens of
        # thousands of glossary hits (~0.3 s of Python); only applying them happens here.
        glossary, view = self.glossary, self.context.current_view()
        self.context.tasks.run(lambda: _prepare(document, glossary, view),
                              lambda prepared: self._apply_prepared(document, *prepared),
                              label="Listing glossary terms…")

    def _apply_prepared(self, document, marks: MarkSet, rows) -> None:
        if self.context.current_document() is not document:
            return  # another article (or a new annotation) came meanwhile
        if self.mark_action.isChecked():
            self.context.article_view.set_mark_set(MARKS, marks)
        else:
            self.context.article_view.clear_marks(MARKS)
        self.panel.set_rows(rows)

    def on_view_changed(self, view) -> None:
        document = self.context.current_document()
        if document is not None and self.glossary is not None:
            self.panel.set_rows(term_rows(document, self.glossary, View(view)))

    def spans(self, document=None) -> list[tuple[int, int]]:
        document = document or self.context.current_document()
        if document is None:
            return []
        return [(s.start, s.end) for s in document.layers.get(GlossaryTerms.name, [])]

    def apply_marks(self) -> None:
        view = self.context.article_view
        if self.mark_action.isChecked() and self.context.current_document() is not None:
            view.set_marks(MARKS, self.spans(), "glossary")
        else:
            view.clear_marks(MARKS)

    def set_marking(self, on: bool) -> None:
        """Switch the underlining of glossary terms (saved in `view.mark_glossary`)."""
        self.mark_action.setChecked(on)
        self.context.settings.set_glossary_marks(on)
        self.apply_marks()

    # -- popup ----------------------------------------------------------------------------
    def entry_at(self, document, token_index: int):
        """The glossary entry whose span covers token `token_index`, or None."""
        spans = document.layers.get(GlossaryTerms.name) if document is not None else None
        if not spans or self.glossary is None:
            return None
        if self._starts is None or self._starts[0] is not document:
            self._starts = (document, [s.start for s in spans])
        start, _end = document.span(token_index)
        i = bisect_right(self._starts[1], start) - 1
        if i >= 0 and spans[i].start <= start < spans[i].end:
            return self.glossary.get(spans[i].key)
        return None

    def popup_section(self, document, token_index: int, view: View) -> str | None:
        entry = self.entry_at(document, token_index)
        if entry is None:
            return None
        return entry_html(entry, view, self.context.article_view.theme(),
                          user=entry.source == "user", script=document.script)

    def business_sense_section(self, document, token_index: int, view: View) -> str | None:
        """An everyday word the glossary also has (not marked here): its business sense."""
        if self.glossary is None or self.entry_at(document, token_index) is not None:
            return None
        start, end = document.span(token_index)
        entry = self.glossary.match_word(document.simplified[start:end])
        if entry is None:
            return None
        return business_sense_html(entry, view, self.context.article_view.theme(),
                                   document.script)

    def unlisted_section(self, document, token_index: int, view: View) -> str | None:
        """Jargon neither CC-CEDICT nor the glossary knows: parts' glosses, add key."""
        dictionary = self.context.article_view.dictionary()
        if dictionary is None or self.entry_at(document, token_index) is not None:
            return None
        if not is_unlisted(document, token_index, dictionary, self.glossary):
            return None
        return unlisted_html(document, token_index, view, dictionary,
                             self.context.article_view.theme())

    def on_add_word(self, document, token_index: int, view: View) -> None:
        """The popup's add key: a new entry for the word (or edit its existing one)."""
        if self.glossary is None or document is None:
            return
        start, end = document.span(token_index)
        term = document.simplified[start:end].strip()
        existing = self.glossary.match_word(term)
        if existing is not None:
            self.edit_entry(existing.id)
            return
        dictionary = self.context.article_view.dictionary()
        gloss = dictionary.first_gloss(term) if dictionary is not None else ""
        sentence = document.original[slice(*document.sentence_bounds(start))].strip()
        self.open_entry_dialog({"term": term, "en": gloss, "example": sentence})

    # -- occurrences ----------------------------------------------------------------------
    def show_occurrences(self, entry_id: str) -> None:
        """Highlight every occurrence of a term; each activation jumps to the next one."""
        row = self.panel.model.row_for(entry_id)
        if row is None or not row.spans:
            return
        view = self.context.article_view
        if entry_id != self._focus_id:
            self._focus_id = entry_id
            position = view.reading_position()
            later = [i for i, (s, _) in enumerate(row.spans) if s >= position]
            self._focus_next = later[0] if later else 0
        start, end = row.spans[self._focus_next % len(row.spans)]
        self._focus_next = (self._focus_next + 1) % len(row.spans)
        view.set_marks(FOCUS_MARKS, list(row.spans), "search")
        view.scroll_to_base_offset(start, highlight=(start, end))
        self.context.show_status(
            f"{row.term}: occurrence {(self._focus_next - 1) % len(row.spans) + 1} "
            f"of {row.count}", 3000)

    # -- user entries ---------------------------------------------------------------------
    def _update_actions(self) -> None:
        selected = self.context.article_view.selected_base_range()
        self.add_action.setEnabled(self.glossary is not None and selected is not None)

    def on_add_selection(self) -> None:
        document = self.context.current_document()
        selected = self.context.article_view.selected_base_range()
        if document is None or selected is None or self.glossary is None:
            self.context.show_status("Select the words to add to the glossary first.")
            return
        start, end = selected
        term = document.simplified[start:end].strip()
        existing = self.glossary.match_word(term)
        if existing is not None:
            self.edit_entry(existing.id)
            return
        gloss = ""
        dictionary = self.context.article_view.dictionary()
        if dictionary is not None:
            gloss = dictionary.first_gloss(term)
        sentence = document.original[slice(*document.sentence_bounds(start))].strip()
        self.open_entry_dialog({"term": term, "en": gloss, "example": sentence})

    def open_entry_dialog(self, fields: dict, replaces: str | None = None,
                          note: str = "") -> GlossaryEntryDialog:
        """Open the add/edit dialog (non-blocking); saving writes the user file."""
        title = "Edit Glossary Entry" if replaces else "Add to Glossary"
        dialog = GlossaryEntryDialog(
            title, fields, lambda f: self.glossary.save_entry(f, replaces=replaces), note,
            self.context.widget)
        dialog.setObjectName("glossary-entry-dialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.context.show_status(
            f"Saved “{dialog.result_value.term}” in your glossary."))
        dialog.open()
        return dialog

    def edit_entry(self, entry_id: str) -> GlossaryEntryDialog | None:
        entry = self.glossary.get(entry_id) if self.glossary else None
        if entry is None:
            return None
        note = ("" if entry.source == "user" else
                "This is a bundled entry: your edit is saved as your own entry, which takes "
                "its place.")
        return self.open_entry_dialog(entry.to_fields(), replaces=entry_id, note=note)

    def delete_entry(self, entry_id: str, confirm: bool = True) -> bool:
        entry = self.glossary.get(entry_id) if self.glossary else None
        if entry is None:
            return False
        if confirm:
            what = "your entry" if entry.source == "user" else "the bundled entry"
            box = QMessageBox(
                QMessageBox.Icon.Question, "Delete Glossary Entry",
                f"Delete {what} “{entry.term}”?" + (
                    "" if entry.source == "user" else " (It is hidden; you can add it again.)"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.context.widget)
            if plain_labels(box).exec() != QMessageBox.StandardButton.Yes:
                return False
        self.glossary.delete(entry_id)
        self.context.show_status(f"Deleted “{entry.term}” from the glossary.")
        return True

    def on_entries_changed(self) -> None:
        """The glossary changed: re-annotate so new terms become tokens and marks."""
        self.entries_changed.emit()
        self.context.reannotate()

    # -- CSV ------------------------------------------------------------------------------
    def on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.context.widget, "Import Glossary Entries", "",
                                              "CSV files (*.csv);;All files (*)")
        if path:
            self.import_csv(Path(path))

    def on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.context.widget, "Export My Glossary Entries",
                                              "glossary.csv", "CSV files (*.csv)")
        if path:
            self.export_csv(Path(path))

    def import_csv(self, path: Path) -> int:
        try:
            count, problems = self.glossary.import_user_csv(path)
        except GlossaryError as exc:
            self.context.show_status(str(exc), 10000)
            return 0
        for problem in problems[:5]:
            self.context.show_notice(f"Glossary import: {problem}")
        self.context.show_status(f"Imported {count} glossary entries.", 6000)
        return count

    def export_csv(self, path: Path) -> int:
        try:
            count = self.glossary.export_user_csv(path)
        except OSError as exc:
            self.context.show_status(f"Could not write {path}: {exc.strerror or exc}", 10000)
            return 0
        self.context.show_status(f"Exported {count} of your glossary entries to {path}.", 6000)
        return count


def _prepare(document, glossary, view: View) -> tuple[MarkSet, list]:
    """Worker: the mark set of every glossary hit and the panel's rows."""
    spans = [(s.start, s.end) for s in document.layers.get(GlossaryTerms.name, [])]
    return MarkSet("glossary", spans), term_rows(document, glossary, view)


def install(window, services) -> GlossaryFeature:
    """Add the glossary to the main window (see the module docstring)."""
    return GlossaryFeature(feature_context(window), DeclaredServices(services, SERVICES))
