"""Study in the window: word statuses from the reader, adaptive ruby, tints, the Study tab.

`install(window, services)` adds:
- popup: the word's HSK level (3.0, and 2.0 where it differs) and status; keys K known,
  L learning, I ignore (pressing a word's own status again makes it new) in the popup and
  in keyboard reading; the same in the text's context menu and Edit ▸ Word Status, with
  "Mark All Remaining New Words Known";
- the ruby filter for "only words I don't know" (View ▸ Pinyin Above Which Words);
- View ▸ Tint Words: words you don't know, or above an HSK level (setting `study.tint`);
- a status-bar field with the article's coverage, unknown words and level;
- the Study side tab (`panel.StudyPanel`).
A status change updates all of these from the distinct words (no re-annotation); a change
made by another process (the command line) is picked up within a few seconds.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel

from reader.core.study import Status, StudyError
from reader.core.study.hsk import level_label
from reader.core.study.session import ArticleStudy
from reader.core.text.pinyin_marks import to_tone_marks
from reader.core.text.scripts import View
from reader.ui.feature_context import DeclaredServices, feature_context
from reader.ui.study.panel import Details, StudyPanel

POPUP_ORDER = 60  # after the dictionary: it never hides the characters section
MARKS = "study"
KEYS = (("Known", "K", Status.KNOWN), ("Learning", "L", Status.LEARNING),
        ("Ignore", "I", Status.IGNORED))
TINT_LABELS = (("off", "&Off"), ("unknown", "Words I &Don't Know"),
               *((f"hsk{n}", f"Above HSK &{n}") for n in range(1, 7)))
POLL_MS = 3000


SERVICES = ("study", "flashcards", "library", "annotator")  # what this feature uses


def install(window, services):
    """Add the study feature to the main window (see the module docstring)."""
    context = feature_context(window)
    declared = DeclaredServices(services, SERVICES)
    try:
        study = declared.study
    except StudyError as exc:
        context.show_notice(str(exc))
        return None
    return StudyFeature(context, declared, study)


def summary_text(article: ArticleStudy) -> str:
    cov, prof = article.coverage(), article.profile()
    level = f"HSK {level_label(prof.level)}" if prof.level else "beyond HSK 7–9"
    return (f"Known {cov.percent:.1f} % of {cov.running:,} words · {len(cov.unknown):,} to "
            f"learn · level {level}")


class StudyFeature(QObject):
    """Wires `services.study` into the window (see the module docstring).

    Signals:
        applied(): statuses were applied to the open article (coverage, ruby, list).
    """

    applied = Signal()
    _store_changed = Signal(object)  # words; emitted on whatever thread changed the store

    def __init__(self, context, services, study) -> None:
        super().__init__(context.widget)
        self.context, self.services, self.study = context, services, study
        window = context  # menus, tasks, signals: the feature context
        self.article: ArticleStudy | None = None
        self._details: dict[str, Details] = {}
        self.panel = StudyPanel(context.widget)
        window.side_panel.add_tab(self.panel, "Study")
        self.label = QLabel(context.widget)
        self.label.setObjectName("status-coverage")
        context.status_bar().addPermanentWidget(self.label)
        self._build_actions()
        view = window.article_view
        view.add_popup_section(self.popup_section, POPUP_ORDER)
        for rank, (label, key, status) in enumerate(KEYS):
            view.add_popup_action(label, key, lambda d, t, v, s=status: self.on_key(t, s),
                                  order=30 + rank)
        view.set_ruby_filter(self.needs_ruby)
        # The store tells its listeners on the thread that wrote (a worker for bulk imports);
        # the signal brings it to the GUI thread (directly when it is already there).
        self._store_changed.connect(self._on_store_changed)
        study.store.add_listener(self._store_changed.emit)
        window.document_changed.connect(self.on_document_changed)
        window.view_changed.connect(lambda _view: self._refresh_details())
        self.panel.status_requested.connect(lambda words, s: self.set_status(words, Status(s)))
        self.panel.save_requested.connect(self.save_to_flashcards)
        self.panel.occurrence_requested.connect(self._go_to)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_other_processes)
        self._poll.start()
        from reader.ui.study.library_rows import LibraryRows

        self.library_rows = LibraryRows(window, services, study)
        notice = study.take_notice()
        if notice:
            window.show_notice(notice)
        self.on_document_changed(window.current_document())

    # -- construction -------------------------------------------------------------------
    def _build_actions(self) -> None:
        window, view = self.context, self.context.article_view
        parent = window.widget
        status_menu = window.menu("&Edit").addMenu("&Word Status")
        self.status_actions: list[QAction] = []
        for label, key, status in KEYS:
            action = QAction(f"Mark Word {label}\t{key}", parent)
            action.triggered.connect(lambda _c=False, s=status: self.on_key(self._target(), s))
            self.status_actions.append(action)
        self.mark_all_action = QAction("Mark All Remaining New Words &Known", parent)
        self.mark_all_action.setStatusTip("Every word of this article still new becomes known")
        self.mark_all_action.triggered.connect(self.mark_remaining_known)
        status_menu.addActions([*self.status_actions, self.mark_all_action])
        view.addActions([*self.status_actions, self.mark_all_action])
        status_menu.addSeparator()
        bulk = (("Mark HSK Levels &Known…", self.ask_hsk_level),
                ("&Import Known Words…", self.ask_word_list),
                ("Word Statuses from &Flashcards", self.sync_flashcards))
        for label, slot in bulk:
            action = QAction(label, parent)
            action.triggered.connect(lambda _c=False, f=slot: f())
            status_menu.addAction(action)
        tint_menu = window.menu("&View").addMenu("T&int Words")
        group = QActionGroup(parent)
        self.tint_actions: dict[str, QAction] = {}
        current = window.settings.study_tint()
        for key, label in TINT_LABELS:
            action = QAction(label, parent, checkable=True)
            action.setChecked(key == current)
            action.triggered.connect(lambda _c=False, k=key: self.set_tint(k))
            group.addAction(action)
            tint_menu.addAction(action)
            self.tint_actions[key] = action

    # -- the open article ---------------------------------------------------------------------
    def on_document_changed(self, document) -> None:
        self.article = None
        self.context.article_view.clear_marks(MARKS)
        if document is None:
            self.panel.clear("Waiting for the annotation…")
            self.label.setText("")
            return
        study = self.study
        self.context.tasks.run(lambda: self._prepare(document, study),
                              lambda result: self._on_prepared(document, result),
                              label="Counting known words…")

    def _prepare(self, document, study):
        """Off the GUI thread: the article's words, its rows and profile (kept by the
        article for `apply`), and the details of its unknown words."""
        article = ArticleStudy(document, study)
        article.profile()
        return article, self._details_for(article, [r.word for r in article.rows()])

    def _details_for(self, article: ArticleStudy, words: list[str]) -> dict[str, Details]:
        dictionary = self.context.article_view.dictionary()
        document, view = article.document, self.context.current_view()
        out = {}
        for word in words:
            index = article.words.first[word]
            start, end = document.span(index, view)
            gloss = dictionary.first_gloss(word) if dictionary is not None else ""
            out[word] = Details(document.text(view)[start:end],
                                to_tone_marks(document.pinyin_numbers(index)), gloss or "",
                                article.first_sentence(word))
        return out

    def _on_prepared(self, document, result) -> None:
        if self.context.current_document() is not document:
            return
        self.article, self._details = result
        self.apply(fresh=True)

    def _on_store_changed(self, words) -> None:
        self.apply(words)
        self.library_rows.statuses_changed()

    def apply(self, words=None, fresh: bool = False) -> None:
        """Statuses of `words` changed (None: any; or the article is ready): coverage, ruby,
        tint, list and label follow. `fresh`: the article was just counted on a worker; its
        rows are reused unless the statuses changed meanwhile."""
        article = self.article
        if article is None:
            return
        if not fresh or article.stale():
            article.statuses_changed(words)
        view = self.context.article_view
        view.refresh_ruby(None if words is None else article.paragraphs_with(words))
        self._apply_tint()
        rows = article.rows()
        missing = [r.word for r in rows if r.word not in self._details]
        if missing:
            self._details.update(self._details_for(article, missing))
        summary = summary_text(article)
        self.label.setText(summary)
        self.panel.set_rows(rows, self._details, summary + "\n(names, numbers, Latin text "
                            "and ignored words are not counted)")
        if view.popups.visible and view.popups.token is not None:
            view.popups.show(view.popups.token)
        self.applied.emit()

    def _refresh_details(self) -> None:
        if self.article is not None:
            self._details = self._details_for(self.article, [r.word for r in self.article.rows()])
            self.apply()

    def _check_other_processes(self) -> None:
        try:
            changed = self.study.store.refresh()
        except Exception:  # a busy file: try again at the next tick
            return
        if changed:
            self.apply()
            self.library_rows.statuses_changed()

    # -- asking and answering -------------------------------------------------------------------
    def needs_ruby(self, token_index: int) -> bool:
        """The ruby filter: pinyin over new and learning words (all words until counted)."""
        article = self.article
        if article is None or article.document is not self.context.article_view.document():
            return True
        return article.needs_ruby(token_index)

    def status_at(self, document, token_index: int) -> Status | None:
        article = self.article
        if article is None or article.document is not document:
            article = ArticleStudy(document, self.study)
        return article.status_at(token_index)

    def popup_section(self, document, token_index: int, view: View) -> str | None:
        status = self.status_at(document, token_index)
        if status is None:
            return None
        start, end = document.span(token_index)
        word = document.simplified[start:end]
        hsk = self.study.hsk
        level3, level2 = hsk.level(word), hsk.level(word, "2.0")
        parts = [f"HSK {level_label(level3)}" if level3 else "not in HSK"]
        if level2 != level3 and level2:
            parts.append(f"HSK 2.0: {level2}")
        muted = self.context.article_view.theme().muted.name()
        keys = "K known · L learning · I ignore"
        return (f'<span style="color:{muted}">{escape(" · ".join(parts))} · '
                f'<b>{escape(status.value)}</b> &nbsp;<small>{escape(keys)}</small></span>')

    def _target(self) -> int | None:
        view = self.context.article_view
        for token in (view.popups.token if view.popups.visible else None, view.word_cursor(),
                      view.hovered_token()):
            if token is not None and token >= 0:
                return token
        return None

    def on_key(self, token_index: int | None, status: Status) -> None:
        """K/L/I on a word: give it that status, or make it new if it has it already."""
        document = self.context.article_view.document()
        if token_index is None or document is None:
            self.context.show_status("Point at a word first.")
            return
        start, end = document.span(token_index)
        word = document.simplified[start:end].strip()
        if not word:
            return
        if self.study.store.explicit(word) is status:
            self.study.store.remove([word])
            self.context.show_status(f"{word}: new")
        else:
            self.set_status([word], status)
            self.context.show_status(f"{word}: {status.value}")

    def set_status(self, words: list[str], status: Status) -> int:
        try:
            return self.study.store.set(words, status)
        except StudyError as exc:
            self.context.show_status(str(exc), 10000)
            return 0

    def mark_remaining_known(self) -> int:
        if self.article is None:
            return 0
        words = self.article.remaining_new()
        changed = self.set_status(words, Status.KNOWN)
        self.context.show_status(f"{changed:,} words marked known.")
        return changed

    # -- bulk sources (each off the GUI thread) -------------------------------------------------
    def _bulk(self, work, describe) -> None:
        def failed(exc: BaseException) -> None:
            self.context.show_status(str(exc), 10000)

        self.context.tasks.run(work, lambda result: self.context.show_status(describe(result)),
                              failed, label="Updating word statuses…")

    def mark_hsk_known(self, level: int, standard: str = "3.0") -> None:
        study = self.study
        self._bulk(lambda: study.mark_level(level, standard),
                   lambda n: f"{n:,} words of HSK {standard} 1–{level} newly known.")

    def import_word_list(self, path: str, field: int | None = None) -> None:
        study = self.study
        self._bulk(lambda: study.import_file(path, field),
                   lambda r: f"{len(r[0].words):,} words read ({r[0].format}); "
                             f"{r[1]:,} newly known.")

    def sync_flashcards(self) -> None:
        study, services = self.study, self.services
        self._bulk(lambda: study.sync_flashcards(services.flashcards.store),
                   lambda r: ", ".join(f"{n:,} newly {s.value}" for s, n in r.items()))

    def ask_hsk_level(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        levels = ["1", "2", "3", "4", "5", "6", "7–9"]
        choice, ok = QInputDialog.getItem(self.context.widget, "Mark HSK Levels Known",
                                          "Every word of HSK 3.0 levels 1 to:", levels, 2, False)
        if ok:
            self.mark_hsk_known(levels.index(choice) + 1)

    def ask_word_list(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QInputDialog

        path, _ = QFileDialog.getOpenFileName(self.context.widget, "Import Known Words", "",
                                              "Word lists and exports (*.txt *.csv *.tsv);;All files (*)")
        if not path:
            return
        field, ok = QInputDialog.getInt(self.context.widget, "Import Known Words",
                                        "Field holding the word (Anki, CSV, Pleco):", 1, 1, 50)
        if ok:
            self.import_word_list(path, field)

    def set_tint(self, mode: str) -> None:
        self.context.settings.set_study_tint(mode)
        self.tint_actions[mode].setChecked(True)
        self._apply_tint()

    def _apply_tint(self) -> None:
        mode = self.context.settings.study_tint()
        view = self.context.article_view
        if self.article is None or mode == "off":
            view.clear_marks(MARKS)
            return
        view.set_marks(MARKS, self.article.tint_spans(mode), "study")

    def save_to_flashcards(self, words: list[str]) -> int:
        """Save words (first occurrence, with its sentence) as flashcards; they become learning."""
        article, window = self.article, self.context
        if article is None:
            return 0
        try:
            flashcards = self.services.flashcards
            saved = 0
            for word in words:
                index = article.words.first.get(word)
                if index is not None:
                    flashcards.save_word(article.document, index, window.current_article())
                    saved += 1
        except Exception as exc:  # a database problem: one line, nothing lost
            window.show_status(f"Could not save to flashcards: {exc}", 10000)
            return 0
        self.study.store.set(words, Status.LEARNING, source="flashcards", only_raise=True)
        window.show_status(f"Saved {saved} word(s) to flashcards.")
        return saved

    def _go_to(self, token_index: int) -> None:
        document = self.context.article_view.document()
        if document is not None:
            start, end = document.span(token_index)
            self.context.article_view.scroll_to_base_offset(start, highlight=(start, end))
