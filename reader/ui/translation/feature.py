"""Translation in the reader window: on request, the bilingual view, and the word gloss line.

* Tools ▸ Translation: translate the selection or the sentence under the pointer or word
  cursor (Ctrl+Enter), or the paragraph (Ctrl+Shift+Enter); the result goes to the
  "Translation" side tab with its source. Engine choice; "Allow Online Translation".
* View ▸ Bilingual View (Ctrl+B): each paragraph's English under it, translated as the
  paragraph is laid out (i.e. scrolls into view), one request at a time, cached. Paragraphs
  waiting show "⋯"; failed ones say why and retry when their line is clicked; when nothing
  can be fetched (offline, turned off) the line falls back to the offline word gloss.
* View ▸ Word Gloss Line (Ctrl+G, setting `view.gloss_line`): the offline gloss under
  every paragraph, computed for the whole article off the GUI thread.

Privacy: nothing is sent before the user has agreed once (`translate.consented`) in a
dialog that says what is sent where; declining turns online translation off.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from reader.core.gloss.glosser import inline_gloss
from reader.core.translate import ENGINES, TranslationDisabledError
from reader.ui.feature_context import DeclaredServices, feature_context
from reader.ui.tasks import error_message
from reader.ui.translation.bilingual import WAITING, BilingualLines, has_han
from reader.ui.translation.consent import ask_consent_dialog, consent_text
from reader.ui.translation.messages import plain_error
from reader.ui.translation.panel import TranslationPanel

__all__ = ["WAITING", "TranslationFeature", "ask_consent_dialog", "consent_text", "install"]

LINE_TRANSLATION = "translation"
LINE_GLOSS = "gloss"
REFRESH_MS = 120

SERVICES = ('translator', 'glosser')  # what this feature uses of `Services`


class TranslationFeature(BilingualLines, QObject):
    """Wires `services.translator` and `services.glosser` into the main context.

    Signals:
        request_finished(object): a panel entry (PanelEntry) was answered or failed.
        paragraph_finished(str): a bilingual-view paragraph (its source text) was answered
            or failed.
        gloss_ready(): the word gloss of the current document was computed.
    """

    request_finished = Signal(object)
    paragraph_finished = Signal(str)
    gloss_ready = Signal()

    def __init__(self, context, services, ask_consent=ask_consent_dialog) -> None:
        context = feature_context(context)
        super().__init__(context.widget)
        self.context = context
        self.services = services
        self.settings = context.settings  # the window's SettingsBridge
        self.ask_consent = ask_consent
        self.panel = TranslationPanel(context.widget)
        context.side_panel.add_tab(self.panel, "Translation")
        self._document = None
        self._gloss: dict[int, list] = {}  # paragraph index -> glossed sentences
        self._gloss_for = None  # the document _gloss belongs to
        self._paragraphs: dict[str, tuple[str, str]] = {}  # source -> (state, text)
        self._queue: list[str] = []
        self._fetching = 0  # paragraphs being fetched, at most IN_FLIGHT
        self._started: dict[str, float] = {}  # source being fetched -> monotonic start
        self._slow = QTimer(self)  # when a fetch turns slow, the next may start
        self._slow.setSingleShot(True)
        self._slow.timeout.connect(self._pump)
        self._paused = ""  # after a failure, new paragraphs wait for a retry: why
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(context.article_view.refresh_lines)
        self._build_actions()
        self.panel.retry_requested.connect(self.retry_latest)
        context.document_changed.connect(self.on_document_changed)
        context.article_view.line_clicked.connect(self.on_line_clicked)
        if self.gloss_line_on():
            context.article_view.set_line_provider(LINE_GLOSS, self.gloss_line)

    # -- actions ----------------------------------------------------------------------
    def _action(self, text: str, shortcut=None, checkable=False, tip: str = "") -> QAction:
        action = QAction(text, self.context.widget)
        if shortcut:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.setCheckable(checkable)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.translate_action = a("Translate &Selection or Sentence", ["Ctrl+Return", "Ctrl+Enter"],
                                  tip="Translate the selection, or the sentence under the pointer")
        self.translate_action.triggered.connect(self.translate_here)
        self.paragraph_action = a("Translate &Paragraph", ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"])
        self.paragraph_action.triggered.connect(self.translate_paragraph_here)
        self.context.article_view.add_context_actions(
            lambda _target: [self.translate_action], 20)
        self.retry_action = a("&Retry Failed Paragraphs")
        self.retry_action.triggered.connect(self.retry_failed_paragraphs)
        self.allow_action = a("&Allow Online Translation", checkable=True,
                              tip="Send text to the online translator when you ask")
        self.allow_action.setChecked(self.settings.online_translation())
        self.allow_action.toggled.connect(self.set_online_allowed)
        engines = QActionGroup(self)
        self.engine_actions: dict[str, QAction] = {}
        for name, spec in ENGINES.items():
            action = a(spec.label, checkable=True)
            action.setChecked(self.settings.translation_engine() == name)
            action.triggered.connect(lambda _checked=False, n=name: self.set_engine(n))
            engines.addAction(action)
            self.engine_actions[name] = action
        menu = self.context.menu("&Tools").addMenu("&Translation")
        menu.addActions([self.translate_action, self.paragraph_action, self.retry_action])
        menu.addSeparator()
        menu.addActions(list(self.engine_actions.values()))
        menu.addSeparator()
        menu.addAction(self.allow_action)

        self.bilingual_action = a("&Bilingual View", "Ctrl+B", checkable=True,
                                  tip="Show each paragraph's English under it")
        self.bilingual_action.setIconText("EN")
        self.bilingual_action.toggled.connect(self.set_bilingual)
        self.gloss_action = a("Word &Gloss Line", "Ctrl+G", checkable=True,
                              tip="Show a word-by-word English gloss under each paragraph")
        self.gloss_action.setIconText("Gloss")
        self.gloss_action.setChecked(self.gloss_line_on())
        self.gloss_action.toggled.connect(self.set_gloss_line)
        view_menu = self.context.menu("&View")
        view_menu.addSeparator()
        view_menu.addActions([self.bilingual_action, self.gloss_action])
        self.context.toolbar.addActions([self.bilingual_action, self.gloss_action])

    # -- settings -----------------------------------------------------------------------
    def gloss_line_on(self) -> bool:
        return self.settings.gloss_line()

    def set_online_allowed(self, on: bool) -> None:
        self.settings.set_online_translation(on)
        if self.allow_action.isChecked() != on:
            self.allow_action.setChecked(on)
        self._forget_failures()
        self.context.show_status("Online translation " + ("allowed." if on else "turned off."))

    def set_engine(self, name: str) -> None:
        """Switch engines; consent is asked again for an engine not agreed to yet."""
        self.settings.set_translation_engine(name)
        self.engine_actions[name].setChecked(True)
        self._forget_failures()
        if self.settings.online_translation():
            self._may_go_online()

    def _consented(self, engine: str) -> bool:
        return engine in self.settings.consented_engines(engine)

    def set_gloss_line(self, on: bool) -> None:
        self.settings.set_gloss_line(on)
        if self.gloss_action.isChecked() != on:
            self.gloss_action.setChecked(on)
        self.context.article_view.set_line_provider(LINE_GLOSS, self.gloss_line if on else None)
        if on:
            self._ensure_gloss()

    def set_bilingual(self, on: bool) -> None:
        if self.bilingual_action.isChecked() != on:
            self.bilingual_action.setChecked(on)
        if on:
            self._may_go_online()  # the first use asks for consent
            self._forget_failures()
        else:
            self._queue.clear()
        self.context.article_view.set_line_provider(
            LINE_TRANSLATION, self.translation_line if on else None)
        if on:
            self._ensure_gloss()

    def _may_go_online(self) -> bool:
        """Online allowed, asking the one-time consent question if it was never asked."""
        if not self.settings.online_translation():
            return False
        engine = self.services.translator.engine_name()
        if self._consented(engine):
            return True
        if self.ask_consent(self.context.widget, engine):
            self.settings.add_consented_engine(engine)
            return True
        self.set_online_allowed(False)
        return False

    def _online_ready(self) -> bool:
        return bool(self.settings.online_translation()
                    and self._consented(self.services.translator.engine_name()))

    # -- document -----------------------------------------------------------------------
    def on_document_changed(self, document) -> None:
        info = self.context.current_article()
        article = info.id if info is not None else None
        if article != getattr(self, "_article_id", None):
            self._article_id = article
            self.panel.clear()  # the last article's sentences do not belong here
        self._document = document
        self._queue.clear()
        self._gloss, self._gloss_for = {}, None
        if self.gloss_line_on() or self.bilingual_action.isChecked():
            self._ensure_gloss()

    def _ensure_gloss(self) -> None:
        """Gloss the whole current document off the GUI thread (once per document)."""
        document = self._document
        if document is None or self._gloss_for is document:
            return
        self._gloss_for = document
        glosser = self.services.glosser

        def work():
            by_paragraph: dict[int, list] = {}
            for sentence in glosser.sentences(document):
                by_paragraph.setdefault(document.paragraph_index_at(sentence.start),
                                        []).append(sentence)
            return by_paragraph

        def done(by_paragraph) -> None:
            if document is self._document:
                self._gloss = by_paragraph
                self._refresh.start()
                self.gloss_ready.emit()

        def failed(exc: BaseException) -> None:
            self._gloss_for = None
            self.context.show_status(f"The word gloss failed: {error_message(exc)}", 8000)

        self.context.tasks.run(work, done, failed, label="Glossing words…")

    def _gloss_text(self, document, index: int, view) -> str:
        if document is not self._document or index not in self._gloss:
            return ""
        return inline_gloss(document, self._gloss[index], view)

    # -- line providers --------------------------------------------------------------------
    def gloss_line(self, document, index: int, view) -> str | None:
        """The offline word gloss under paragraph `index` (None until computed)."""
        return self._gloss_text(document, index, view) or None

    # -- translating on request ------------------------------------------------------------------
    def translate_here(self) -> None:
        """The selection if there is one, else the sentence under the pointer or cursor."""
        view = self.context.article_view
        document = view.document()
        if document is None:
            self.context.show_status("Open an article first.")
            return
        selected = view.selected_base_range()
        if selected is not None:
            self.translate_range("Selection", *selected)
            return
        start, end = document.sentence_bounds(self._focus_offset())
        self.translate_range("Sentence", start, end)

    def translate_paragraph_here(self) -> None:
        document = self.context.article_view.document()
        if document is None:
            self.context.show_status("Open an article first.")
            return
        p0, p1 = document.paragraphs[document.paragraph_index_at(self._focus_offset())]
        self.translate_range("Paragraph", p0, p1)

    def _focus_offset(self) -> int:
        view = self.context.article_view
        document = view.document()
        for token in (view.hovered_token(), view.word_cursor()):
            if token is not None and token >= 0:
                return document.span(token)[0]
        return view.reading_position()

    def translate_range(self, what: str, start: int, end: int):
        """Translate base range [start, end) of the shown document into the panel."""
        document = self.context.article_view.document()
        source = document.original[start:end].strip()
        if not has_han(source):
            self.context.show_status("Nothing to translate there.")
            return None
        self.context.side_panel.show_tab(self.panel)
        entry = self.panel.add_pending(what, source, (start, end))
        translator = self.services.translator
        cached = translator.cached(source)
        if cached is not None:
            self.panel.show_done(entry, cached, "from your saved translations")
            self.request_finished.emit(entry)
            return entry
        if not self._may_go_online():
            error = TranslationDisabledError("Online translation is off; showing the word gloss.")
            self._request_failed(entry, document, error)
            return entry
        label = ENGINES[translator.engine_name()].label
        self.context.tasks.run(
            lambda: translator.translate(source),
            lambda result: self._request_done(entry, result, label),
            lambda exc: self._request_failed(entry, document, exc),
            label="Translating…")
        return entry

    def _request_done(self, entry, result, label: str) -> None:
        meta = label + (" · saved earlier" if result.sent == 0 else "")
        self.panel.show_done(entry, result.text, meta)
        self.request_finished.emit(entry)

    def _request_failed(self, entry, document, exc: BaseException) -> None:
        message = plain_error(exc)
        self.panel.show_failed(entry, message)
        self.context.show_status(message, 8000)
        self.request_finished.emit(entry)
        start, end = entry.range
        glosser = self.services.glosser
        view = self.context.current_view()
        self.context.tasks.run(
            lambda: inline_gloss(document, glosser.sentences(document, view, start, end), view),
            lambda gloss: self.panel.set_gloss(entry, gloss))

    def retry_latest(self) -> None:
        entry = self.panel.latest()
        document = self.context.article_view.document()
        if entry is None or entry.state != "failed" or document is None:
            return
        if document.original[entry.range[0]:entry.range[1]].strip() != entry.source:
            self.context.show_status("That text is no longer open; translate it again.")
            return
        self.translate_range(entry.what, *entry.range)


def install(window, services) -> TranslationFeature:
    """Add translation, the bilingual view and the gloss line to the context."""
    return TranslationFeature(feature_context(window), DeclaredServices(services, SERVICES))
