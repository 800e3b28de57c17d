"""Corrections in the window: "Make This One Word", "Split Here…", "Change Reading…".

Offered in the text's right-click menu for the word under the pointer or the selection.
Each asks (in `CorrectionDialog`) whether it holds for this article or every article,
saves it through `services.corrections` and re-annotates the article in the background at
the same place (`context.reannotate()`). Tools › Corrections imports and exports CSV.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from reader.core.corrections.rules import MAX_WORD, CorrectionError
from reader.core.text.document import Kind
from reader.core.text.pinyin_marks import to_tone_marks
from reader.ui.corrections.dialog import CorrectionDialog
from reader.ui.feature_context import DeclaredServices, feature_context

CONTEXT_ORDER = 50


SERVICES = ('corrections',)  # what this feature uses of `Services`


class CorrectionsFeature(QObject):
    """Wires the correction actions, the dialog and the store into the window."""

    def __init__(self, context, services) -> None:
        super().__init__(context.widget)
        self.context = context
        self.services = services
        self.dialog: CorrectionDialog | None = None
        context.article_view.add_context_actions(self.context_actions, CONTEXT_ORDER)
        menu = context.menu("&Tools").addMenu("&Corrections")
        self.import_action = QAction("&Import Corrections (CSV)…", context.widget)
        self.import_action.triggered.connect(self.on_import)
        self.export_action = QAction("&Export Corrections (CSV)…", context.widget)
        self.export_action.triggered.connect(self.on_export)
        menu.addActions([self.import_action, self.export_action])

    # -- the menu ---------------------------------------------------------------------------
    def context_actions(self, target) -> list:
        """The corrections that make sense for the target."""
        document, actions = target.document, []
        if not 0 < target.end - target.start <= MAX_WORD or "\n" in target.text:
            return []
        first = document.token_index_at(target.start)
        last = document.token_index_at(target.end - 1)
        if first is None or last is None:
            return []
        if last > first:
            actions.append(self._action("Make This One &Word", lambda: self.ask("word", target)))
        if first == last and document.kind(first) is Kind.WORD:
            start, end = document.span(first)
            if end - start > 1:
                actions.append(self._action("&Split Here…", lambda: self.ask("split", target)))
            actions.append(self._action("Change &Reading…", lambda: self.ask("reading", target)))
        return actions

    def _action(self, text: str, slot) -> QAction:
        action = QAction(text, self.context.widget)
        action.triggered.connect(slot)
        return action

    # -- the dialog -------------------------------------------------------------------------
    def ask(self, kind: str, target) -> CorrectionDialog:
        """Open the dialog for one correction (window-modal, not blocking)."""
        document = target.document
        index = document.token_index_at(target.start)
        start, end = (target.start, target.end) if kind == "word" else document.span(index)
        word = document.text(target.view)[document.to_view_offset(start, target.view):
                                          document.to_view_offset(end, target.view)]
        parts, readings, current = "", [], ""
        if kind == "split":
            cut = target.point if start < target.point < end else start + (end - start) // 2
            cut -= start
            parts = f"{word[:cut]} {word[cut:]}"
        if kind == "reading":
            current = to_tone_marks(document.pinyin_numbers(index))
            readings = self._readings(document.simplified[start:end])
        dialog = CorrectionDialog(kind, word, self.context.widget, parts, readings, current)
        dialog.accepted.connect(lambda: self.apply(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _readings(self, word: str) -> list[tuple[str, str]]:
        """CC-CEDICT's readings of the word: (tone marks, tone numbers), each once."""
        dictionary = self.context.article_view.dictionary()
        if dictionary is None:
            return []
        found: dict[str, str] = {}
        for entry in dictionary.lookup(word):
            numbers = " ".join(s.lower().replace("u:", "ü") for s in entry.pinyin_numbers.split())
            found.setdefault(numbers, to_tone_marks(numbers))
        return [(marks, numbers) for numbers, marks in found.items()]

    def apply(self, dialog: CorrectionDialog) -> bool:
        """Save the dialog's correction and re-annotate at the same place."""
        info = self.context.current_article()
        article = "" if dialog.every_article() or info is None else info.id
        try:
            done = self.services.corrections.add(dialog.kind, dialog.word, dialog.value(), article)
        except (CorrectionError, OSError) as exc:
            self.context.show_status(f"Correction not saved: {exc}", 10000)
            return False
        where = "in every article" if not article else "in this article"
        self.context.show_status(f"{done} {where}. Re-annotating…")
        self.context.reannotate()
        return True

    # -- CSV ------------------------------------------------------------------------------
    def on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.context.widget, "Export Corrections",
                                              "corrections.csv", "CSV files (*.csv)")
        if path:
            try:
                count = self.services.corrections.export_csv(Path(path))
                self.context.show_status(f"Exported {count} corrections.")
            except OSError as exc:
                self.context.show_status(f"Could not export: {exc}", 10000)

    def on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.context.widget, "Import Corrections", "",
                                              "CSV files (*.csv)")
        if not path:
            return
        try:
            added, problems = self.services.corrections.import_csv(Path(path))
        except (CorrectionError, OSError) as exc:
            self.context.show_status(f"Could not import: {exc}", 10000)
            return
        for problem in problems[:5]:
            self.context.show_notice(f"Corrections: {problem}")
        self.context.show_status(f"Imported {added} corrections. Re-annotating…")
        self.context.reannotate()


def install(window, services) -> CorrectionsFeature:
    """Add the corrections to the text's right-click menu and Tools › Corrections."""
    return CorrectionsFeature(feature_context(window), DeclaredServices(services, SERVICES))
