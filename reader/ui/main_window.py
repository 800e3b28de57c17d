"""The main window: library (left), article (centre), side panel (right), menus, status bar.

Opening an article never blocks: a plain, unsegmented Document (milliseconds) is shown at
once, the annotation runs on a worker thread (after the engines load, at start-up), and
the annotated Document replaces it at the same reading position, when `document_changed`
is emitted. Features plug in through `article_view`, `side_panel.add_tab`, `menu(name)`,
`add_bar`, `toolbar`, `tasks` and the two signals; they never reach into the window's other parts.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar, QVBoxLayout, QWidget

from reader.core.library.corpus import ArticleInfo
from reader.core.settings import clamp_font_size
from reader.core.text.scripts import View
from reader.ui.article_session import ArticleSession, build_plain
from reader.ui.article_title import ArticleTitle
from reader.ui.article_view import ArticleView
from reader.ui.library.panel import LibraryPanel
from reader.ui.notice_bar import NoticeBar
from reader.ui.preparation import PreparationRelay
from reader.ui.script_toggle import ScriptToggle, next_view
from reader.ui.session_guard import SessionGuard, reopen_offer
from reader.ui.settings_bridge import SettingsBridge
from reader.ui.side_panel import SidePanel
from reader.ui.status_bar import StatusBar
from reader.ui.tasks import TaskRunner, error_message
from reader.ui.theme import missing_font_notice, system_prefers_dark
from reader.ui.toolbar_labels import ToolbarLabels
from reader.ui.window_actions import build_actions, build_menus
from reader.ui.window_fit import WindowFit
from reader.ui.window_palette import apply_window_palette
from reader.ui.words.feature import WordsTab

APP_TITLE = "Bilingual Reader"


class MainWindow(QMainWindow):
    """The reader's window. Build it with `Services`; call `start()` once it is shown.

    Signals:
        document_changed(object): the annotated Document of the article now shown.
        view_changed(object): the View (script) now shown.
        engines_ready(): segmentation and pinyin engines are loaded.
        dictionary_ready(object): the CC-CEDICT Dictionary is loaded.
        article_painted(): once, when start-up has painted the first article's text.
        startup_done(): once, when the first article is annotated on screen (hover-ready),
            or start-up could not get there (no article, engines or annotation failed).
    """

    document_changed = Signal(object)
    view_changed = Signal(object)
    engines_ready = Signal()
    dictionary_ready = Signal(object)
    article_painted = Signal()
    startup_done = Signal()

    def __init__(self, services, persist: bool = True, restore: bool = True) -> None:
        super().__init__()
        self.services = services
        self.settings = SettingsBridge(services.settings, persist=persist, parent=self)
        self.tasks = TaskRunner(self)
        self._restore = restore
        self.session = ArticleSession(self.tasks, lambda: services.annotator,
                                      lambda: self._view, parent=self)
        self._document = None  # the annotated Document announced to the features
        self._engines_started = False
        self._first_painted = False
        self._startup_over = False
        self._key_help: list = []  # providers of (where, what, keys) rows for F1
        self._title_in_text = False  # the open text starts with its own title
        self._view = self.settings.view() if restore else View.ORIGINAL
        self._theme = self.settings.theme() if restore else "system"
        self._build()
        self.guard = SessionGuard(self.settings, self.article_view, self)
        self._connect_signals()
        self._apply_preferences()

    # -- construction ---------------------------------------------------------------
    def _build(self) -> None:
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("main-window")
        self.article_view = ArticleView(parent=self)
        self.article_view.setObjectName("article-view")
        self.notice_bar = NoticeBar(self)
        centre = QWidget(self)
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice_bar)
        self.article_title = ArticleTitle(centre)
        layout.addWidget(self.article_title)
        layout.addWidget(self.article_view, 1)
        self._centre_layout = layout
        self.setCentralWidget(centre)

        self.library_panel = LibraryPanel(self)
        self.library_dock = QDockWidget("Library", self)
        self.library_dock.setObjectName("library-dock")
        self.library_dock.setWidget(self.library_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)

        self.side_panel = SidePanel(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.side_panel)
        self.words_tab = WordsTab(self)
        self.side_panel.add_tab(self.words_tab, "Words")
        self.resizeDocks([self.library_dock, self.side_panel], [300, 320], Qt.Orientation.Horizontal)

        self.status = StatusBar(self)
        self.setStatusBar(self.status)

        self._menus = build_menus(self)
        self.actions = build_actions(self, self._menus, self.library_dock, self.side_panel)
        self.toolbar = QToolBar("Toolbar", self)
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.script_toggle = ScriptToggle(self)
        self.toolbar.addWidget(self.script_toggle)
        self.toolbar.addSeparator()
        self.toolbar_labels = ToolbarLabels(self.toolbar, {
            self.actions.ruby: "Pinyin", self.actions.font_smaller: "A−",
            self.actions.font_larger: "A+", self.actions.toggle_panel: "Side Panel"})
        self.toolbar.addActions([self.actions.ruby, self.actions.font_smaller,
                                 self.actions.font_larger])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.actions.toggle_panel)
        self.window_fit = WindowFit(self)

    def _connect_signals(self) -> None:
        a = self.actions
        a.quit.triggered.connect(self.close)
        a.focus_library.triggered.connect(self.on_focus_library)
        a.filter_library.triggered.connect(self.on_filter_library)
        a.focus_article.triggered.connect(self.on_focus_article)
        a.focus_panel.triggered.connect(self.on_focus_panel)
        for view, action in a.views.items():
            action.triggered.connect(lambda _checked=False, v=view: self.set_view(v))
        a.cycle_view.triggered.connect(self.on_cycle_view)
        a.font_larger.triggered.connect(lambda: self.set_font_size(self.font_size() + 1))
        a.font_smaller.triggered.connect(lambda: self.set_font_size(self.font_size() - 1))
        a.font_reset.triggered.connect(
            lambda: self.set_font_size(self.settings.default_font_size()))
        for key, action in a.themes.items():
            action.triggered.connect(lambda _checked=False, k=key: self.set_theme(k))
        a.tone_colours.toggled.connect(self.set_tone_colours)
        a.ruby.triggered.connect(lambda _checked=False: self.cycle_ruby())
        for mode, action in a.ruby_modes.items():
            action.triggered.connect(lambda _checked=False, m=mode: self.set_ruby_mode(m))
        a.toggle_panel.triggered.connect(lambda: self.window_fit.forget(self.side_panel))
        a.toggle_library.triggered.connect(lambda: self.window_fit.forget(self.library_dock))
        a.shortcuts.triggered.connect(self.on_shortcuts)
        a.about.triggered.connect(self.on_about)
        self.script_toggle.view_chosen.connect(self.set_view)
        self.library_panel.article_selected.connect(self.open_article)
        self.words_tab.occurrence_requested.connect(self.on_occurrence_requested)
        self.article_view.position_changed.connect(self.on_position_changed)
        self.tasks.busy_changed.connect(self.on_busy_changed)
        self.preparation = PreparationRelay(self.services, self.status.show_preparing, self)
        self.tasks.labels_changed.connect(self.status.set_busy_labels)
        self.tasks.failed.connect(lambda message: self.show_status(message, 10000))
        self.session.plain_ready.connect(self._on_plain_ready)
        self.session.annotated.connect(self._on_annotated)
        self.session.failed.connect(self._on_annotation_failed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.on_color_scheme_changed)

    def _apply_preferences(self) -> None:
        restore = self._restore
        self.article_view.set_font_size(self.settings.font_size() if restore
                                        else self.settings.default_font_size())
        tone = self.settings.tone_colours() if restore else False
        ruby = self.settings.ruby_mode() if restore else "none"
        self.actions.tone_colours.setChecked(tone)
        self.article_view.set_tone_colours(tone)
        self._show_ruby_mode(ruby)
        self.actions.themes[self._theme].setChecked(True)
        self._apply_theme()
        self._show_view(self._view)
        if restore:
            geometry, state = self.settings.geometry(), self.settings.state()
            if not geometry.isEmpty():
                self.restoreGeometry(geometry)
            else:
                self.resize(1280, 820)
            if not state.isEmpty():
                self.restoreState(state)
        else:
            self.resize(1280, 820)

    # -- public API -------------------------------------------------------------------
    def menu(self, name: str) -> QMenu:
        """One of the top-level menus: "&File", "&Edit", "&View", "&Tools", "&Help"."""
        return self._menus[name]

    def add_bar(self, widget: QWidget) -> None:
        """A feature's bar under the article (the find bar)."""
        self._centre_layout.addWidget(widget)

    def show_status(self, text: str, ms: int = 4000) -> None:
        self.status.showMessage(text, ms)

    def add_key_help(self, provider) -> None:
        """provider() -> [(where, what, keys)]: keys handled outside the menus, for F1."""
        self._key_help.append(provider)

    def key_help(self) -> list[tuple[str, str, str]]:
        """Every key the window handles outside its menus (article, popup, features)."""
        from reader.ui.view_keys import key_help

        rows = key_help(self.article_view)
        for provider in self._key_help:
            rows.extend(provider())
        return rows

    def show_notice(self, text: str) -> None:
        """A non-modal notice above the article, kept until dismissed."""
        self.notice_bar.add_notice(text)

    def current_document(self):
        """The annotated Document shown, or None (nothing open, or still annotating)."""
        return self._document

    def current_article(self) -> ArticleInfo | None:
        return self.session.info

    def current_view(self) -> View:
        return self._view

    def font_size(self) -> int:
        return self.article_view.font_size()

    def refresh_library(self) -> None:
        """Re-list the library (after an import or a deletion)."""
        articles = self.services.library.list()
        info = self.session.info
        self.library_panel.set_articles(articles, info.id if info else None)

    def reannotate(self) -> None:
        """Annotate the open article again, at the same place (feature data changed, e.g.
        a user glossary entry); cached annotations of other articles are dropped."""
        self.session.reannotate()

    def start(self, article_id: str | None = None) -> None:
        """Open `article_id` (else the last article, else the first) and load the engines.

        All off the GUI thread: the library and the plain text come first; the engines
        start loading once that text is painted (then `article_painted` is emitted).
        """
        self._check_notices()
        self.guard.begin()
        last = self.settings.last_article() if self._restore else ""
        skipped = last if last and not article_id and self.guard.unclean else ""
        wanted = [article_id or "", "" if skipped else last]
        services, view = self.services, self._view
        self.tasks.run(lambda: _first_article(services, wanted, view, skipped),
                       self._on_first_article,
                       self._on_first_article_failed, label="Opening…")

    def open_article(self, article_id: str) -> bool:
        """Open a library article by id (False, with a status message, if there is none)."""
        found = self.services.library.get(article_id)
        if found is None:
            self.show_status(f"No article with id {article_id!r} in the library.")
            return False
        info, text = found
        self.open_text(info, text)
        return True

    def open_text(self, info: ArticleInfo, text: str, plain=None) -> None:
        """Show `text` described by `info` (plain at once, annotated when ready).

        `plain` is its plain Document when the caller already built one.
        """
        self._remember_position()
        self._document = None
        if info.source != "scratch":
            self.guard.opening(info.id)  # the last article once it has painted
        self.library_panel.select(info.id)
        self._title_in_text = text.lstrip()[:len(info.title) + 1].rstrip() == info.title.strip()
        self._show_title(info)
        self.status.set_article(info.length, self._view)
        self.words_tab.clear("Waiting for the annotation…")
        position = self.settings.position(info.id) if self._restore else 0
        self.article_view.set_document(None, self._view)  # never the last article's text
        self.session.open(info, text, position, plain)

    def set_view(self, view: View) -> None:
        """Show the article in another script, keeping the reading position."""
        view = View(view)
        if view == self._view:
            self._show_view(view)
            return
        self._show_view(view)
        self.article_view.set_view(view)
        self.words_tab.set_view(view)
        self.settings.set_view(view)
        info = self.session.info
        self.status.set_article(info.length if info else None, view)
        if info is not None:
            self._show_title(info)
        self.view_changed.emit(view)

    def set_font_size(self, points: int) -> None:
        points = clamp_font_size(points)
        self.settings.set_font_size(points)
        self.article_view.set_font_size(points)
        if self.session.info is not None:
            self._show_title(self.session.info)
        self.window_fit.fit()
        self.show_status(f"Text size {self.article_view.font_size()} pt", 1500)

    def set_theme(self, theme: str) -> None:
        """'system' (follow the desktop), 'light' or 'dark'."""
        self._theme = theme
        self.settings.set_theme(theme)
        self.actions.themes[theme].setChecked(True)
        self._apply_theme()

    def is_dark(self) -> bool:
        return self._theme == "dark" or (self._theme == "system" and system_prefers_dark())

    def set_tone_colours(self, on: bool) -> None:
        self.actions.tone_colours.setChecked(on)
        self.settings.set_tone_colours(on)
        self.article_view.set_tone_colours(on)

    def set_ruby(self, on: bool) -> None:
        """Pinyin above every word, or none."""
        self.set_ruby_mode("all" if on else "none")

    def set_ruby_mode(self, mode: str) -> None:
        """"none", "all", or "unknown" (only over words not marked known)."""
        self.settings.set_ruby_mode(mode)
        self._show_ruby_mode(mode)

    def cycle_ruby(self) -> None:
        """Ctrl+P: all → only words I don't know → none → all."""
        order = ("none", "all", "unknown")
        current = self.article_view.ruby_mode()
        self.set_ruby_mode(order[(order.index(current) + 1) % len(order)])

    def _show_ruby_mode(self, mode: str) -> None:
        self.actions.ruby.setChecked(mode != "none")
        self.actions.ruby_modes[mode].setChecked(True)
        self.article_view.set_ruby_mode(mode)
        labels = {"none": "off", "all": "over every word", "unknown": "only over words you don't know"}
        self.actions.ruby.setStatusTip(f"Pinyin above words: {labels[mode]} (Ctrl+P cycles)")

    def on_article_renamed(self, info: ArticleInfo) -> None:
        """Show the new title if the renamed article is the one open."""
        current = self.session.info
        if current is not None and current.id == info.id:
            self._show_title(info)

    def _show_title(self, info: ArticleInfo) -> None:
        self.setWindowTitle(f"{info.title} — {APP_TITLE}")
        # no heading when the text already opens with its title
        title = "" if self._title_in_text else info.title
        self.article_title.set_title(title, self._view, self.font_size())

    # -- slots ------------------------------------------------------------------------
    def on_cycle_view(self) -> None:
        self.set_view(next_view(self._view))

    def on_shortcuts(self) -> None:
        from reader.ui.window_dialogs import show_shortcuts  # not needed for the first paint

        show_shortcuts(self, self._menus, self.key_help())

    def on_about(self) -> None:
        from reader.ui.window_dialogs import show_about

        show_about(self)

    def on_focus_library(self) -> None:
        self.library_dock.show()
        self.library_panel.list_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def on_filter_library(self) -> None:
        self.library_dock.show()
        self.library_panel.focus_filter()

    def on_focus_article(self) -> None:
        self.article_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def on_focus_panel(self) -> None:
        self.side_panel.show()
        current = self.side_panel.tabs.currentWidget()
        (current or self.side_panel.tabs).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def on_occurrence_requested(self, start: int, end: int) -> None:
        self.article_view.scroll_to_base_offset(start, highlight=(start, end))

    def on_position_changed(self, base_offset: int) -> None:
        info = self.session.info
        if info is not None and self.article_view.document() is not None:
            self.settings.set_position(info.id, base_offset)

    def on_busy_changed(self, busy: bool) -> None:
        self.status.set_busy(busy, self.tasks.labels())

    def on_color_scheme_changed(self, _scheme) -> None:
        if self._theme == "system":
            self._apply_theme()

    # -- internals --------------------------------------------------------------------
    def _show_view(self, view: View) -> None:
        self._view = View(view)
        self.script_toggle.set_view(self._view)
        self.actions.views[self._view].setChecked(True)

    def _apply_theme(self) -> None:
        dark = self.is_dark()
        apply_window_palette(dark)
        self.script_toggle.restyle()
        self.article_view.set_dark(dark)

    def _show_library_notice(self) -> None:
        """The index was moved aside or rebuilt: say so once (it clears the pending note)."""
        store = self.services.library.store
        notice = store.take_notice() if store is not None else ""
        if notice:
            self.show_notice(notice)

    def _check_notices(self) -> None:
        for notice in (self.settings.notice, missing_font_notice()):
            if notice:
                self.show_notice(notice)

    def _on_first_article(self, found) -> None:
        articles, info, text, plain, missing, skipped = found
        self.library_panel.set_articles(articles)
        self._show_library_notice()
        if skipped is not None:
            self.show_notice(reopen_offer(skipped.title))
            self.notice_bar.set_action(f"Reopen {skipped.title}",
                                       lambda: self.open_article(skipped.id))
        if missing:
            self.show_status(f"No article with id {missing!r} in the library.", 8000)
        if info is None:
            self._after_first_paint()
            self._end_startup()
            return
        self.article_view.viewport().installEventFilter(self)
        self.open_text(info, text, plain=plain)

    def _on_first_article_failed(self, exc: BaseException) -> None:
        self.show_notice(f"The library could not be read: {error_message(exc)}")
        self._show_library_notice()
        self._after_first_paint()
        self._end_startup()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.Type.Paint and not self._first_painted
                and watched is self.article_view.viewport()
                and self.article_view.document() is not None):
            self._first_painted = True
            QTimer.singleShot(0, self._after_first_paint)
        return super().eventFilter(watched, event)

    def _after_first_paint(self) -> None:
        """The first article is on screen: now load the engines, let features install."""
        self._first_painted = True
        self.article_view.viewport().removeEventFilter(self)
        if self._engines_started:
            return
        self._engines_started = True
        self.tasks.run(self._load_engines, self._on_engines_loaded, self._on_engines_failed,
                       label="Loading segmenter and pinyin…")
        self.tasks.run(lambda: self.services.dictionary, self._on_dictionary_loaded,
                       self._on_dictionary_failed, label="Loading dictionary…")
        self.article_painted.emit()

    def _load_engines(self) -> None:
        """Worker: build the annotator and load jieba and the pinyin model."""
        self.services.annotator.initialize()

    def _on_engines_loaded(self, _result) -> None:
        self.engines_ready.emit()
        self.session.engines_ready()

    def _on_engines_failed(self, exc: BaseException) -> None:
        self.show_notice(f"The segmentation engines could not load: {error_message(exc)}")
        self._end_startup()

    def _on_dictionary_loaded(self, dictionary) -> None:
        self.article_view.set_dictionary(dictionary)
        self.dictionary_ready.emit(dictionary)

    def _on_dictionary_failed(self, exc: BaseException) -> None:
        self.show_notice(f"The dictionary could not load: {error_message(exc)}")

    def _on_plain_ready(self, document, position: int) -> None:
        self.article_view.set_document(document, self._view, position)

    def _on_annotated(self, document, position: int) -> None:
        if self.article_view.document() is not None:  # its plain text, or a re-annotation
            position = self.article_view.reading_position()  # keep the place
        self.article_view.set_document(document, self._view, position)
        # The features hear of it on the next event-loop turn: the article paints first, and
        # on a million characters neither slice of GUI-thread work stalls the window long.
        generation = self.session.generation
        QTimer.singleShot(0, lambda: self._announce(generation, document))

    def _on_annotation_failed(self, message: str) -> None:
        title = self.session.info.title if self.session.info else "the article"
        self.show_status(f"Could not annotate {title}: {message}", 15000)
        self.words_tab.clear("No annotation.")
        self._end_startup()

    def _announce(self, generation: int, document) -> None:
        """The annotated document is on screen: make it current, tell the features."""
        if not self.session.is_current(generation) or self.article_view.document() is not document:
            return
        self._document = document
        self.document_changed.emit(document)
        self._end_startup()
        services = self.services
        self.tasks.run(lambda: _words(document, services),
                       lambda words: self._on_words(generation, document, words),
                       label="Listing words…")

    def _end_startup(self) -> None:
        if not self._startup_over:
            self._startup_over = True
            self.startup_done.emit()

    def _on_words(self, generation: int, document, words) -> None:
        if self.session.is_current(generation) and self._document is document:
            self.words_tab.set_words(document, words, self._view)

    def _remember_position(self) -> None:
        info = self.session.info
        if info is not None and self.article_view.document() is not None:
            self.settings.set_position(info.id, self.article_view.reading_position())

    def save_state(self) -> None:
        """Write layout and reading position now (also done on close)."""
        self._remember_position()
        self.settings.set_layout(self.saveGeometry(), self.saveState())
        self.settings.flush()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.settings.persist:
            self.save_state()
        self.guard.end()
        self.tasks.shutdown()
        super().closeEvent(event)


def _first_article(services, wanted: list[str], view: View, skipped: str = ""):
    """Worker: the library list and the first article to show, with its plain Document.

    `wanted` is [asked-for id, last article id] (either may be ''); then the first article.
    With `skipped` (the last article, after an unclean exit) no article is opened, and its
    info is returned to offer it.
    """
    services.library.clean_up()  # what killed imports left; its notice shows with the list
    articles = services.library.list()
    if skipped:
        info = next((a for a in articles if a.id == skipped), None)
        return articles, None, "", None, "", info
    missing = ""
    for article_id in [w for w in wanted if w] + ([articles[0].id] if articles else []):
        found = services.library.get(article_id)
        if found is None:
            missing = missing or (article_id if article_id == wanted[0] else "")
            continue
        info, text = found
        return articles, info, text, build_plain(text, info, view), missing, None
    return articles, None, "", None, missing, None



def _words(document, services):
    """Worker: the word list with short glosses (waits for the dictionary if it is loading)."""
    from reader.core.gloss.word_list import glossed_word_list

    return glossed_word_list(document, services.glosser)
