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
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QVBoxLayout, QWidget

from reader.core.library.corpus import ArticleInfo
from reader.core.text.scripts import View
from reader.ui.article_session import ArticleSession
from reader.ui.article_title import ArticleTitle
from reader.ui.article_view import ArticleView
from reader.ui.built_later import BuiltLater
from reader.ui.library.placeholder import library_placeholder
from reader.ui.notice_bar import NoticeBar
from reader.ui.preparation import PreparationRelay
from reader.ui.script_toggle import next_view
from reader.ui.session_guard import SessionGuard
from reader.ui.settings_bridge import SettingsBridge
from reader.ui.side_panel import SidePanel
from reader.ui.status_bar import StatusBar
from reader.ui.tasks import TaskRunner
from reader.ui.window_actions import build_actions, build_menus
from reader.ui.window_fit import WindowFit
from reader.ui.window_preferences import WindowPreferences
from reader.ui.window_startup import WindowStartup
from reader.ui.window_toolbar import build_toolbar

APP_TITLE = "Bilingual Reader"
WAITING = "Waiting for the annotation…"


class MainWindow(WindowStartup, WindowPreferences, QMainWindow):
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
        self._first_articles = None  # start-up's library list, until the article has painted
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

        self._library = BuiltLater(self._build_library_panel)
        self.library_dock = QDockWidget("Library", self)
        self.library_dock.setObjectName("library-dock")
        self.library_dock.setWidget(library_placeholder(self.library_dock))
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)

        self.side_panel = SidePanel(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.side_panel)
        self._words = BuiltLater(self._build_words_tab)
        self.side_panel.add_tab(QWidget(self.side_panel), "Words")  # until it is built
        self.resizeDocks([self.library_dock, self.side_panel], [300, 320], Qt.Orientation.Horizontal)

        self.status = StatusBar(self)
        self.setStatusBar(self.status)

        self._menus = build_menus(self)
        self.actions = build_actions(self, self._menus, self.library_dock, self.side_panel)
        build_toolbar(self)
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
        self.article_view.position_changed.connect(self.on_position_changed)
        self.tasks.busy_changed.connect(self.on_busy_changed)
        self.preparation = PreparationRelay(self.services, self.status.show_preparing, self)
        self.tasks.labels_changed.connect(self.status.set_busy_labels)
        self.tasks.failed.connect(lambda message: self.show_status(message, 10000))
        self.session.plain_ready.connect(self._on_plain_ready)
        self.session.annotated.connect(self._on_annotated)
        self.session.failed.connect(self._on_annotation_failed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.on_color_scheme_changed)

    # -- public API -------------------------------------------------------------------
    @property
    def library_panel(self):
        """The library list (a LibraryPanel), built on first use (see `BuiltLater`)."""
        return self._library.get()

    @property
    def words_tab(self):
        """The Words tab (a WordsTab), built on first use (see `BuiltLater`)."""
        return self._words.get()

    def _build_library_panel(self):
        from reader.ui.library.panel import LibraryPanel

        panel = LibraryPanel(self.library_dock)
        panel.article_selected.connect(self.open_article)
        info = self.session.info
        if info is not None:
            panel.select(info.id)
        placeholder = self.library_dock.widget()
        self.library_dock.setWidget(panel)
        placeholder.deleteLater()
        return panel

    def _build_words_tab(self):
        from reader.ui.words.feature import WordsTab

        tab = WordsTab(self)
        tab.occurrence_requested.connect(self.on_occurrence_requested)
        tab.set_view(self._view)
        if self.session.info is not None and self._document is None:
            tab.clear(WAITING)
        tabs = self.side_panel.tabs
        current = tabs.currentIndex()
        placeholder = tabs.widget(0)
        tabs.removeTab(0)
        tabs.insertTab(0, tab, "Words")
        tabs.setCurrentIndex(max(current, 0))
        placeholder.deleteLater()
        return tab

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
        self._first_articles = None  # a fresher list than start-up's
        info = self.session.info
        self.library_panel.set_articles(articles, info.id if info else None)

    def reannotate(self) -> None:
        """Annotate the open article again, at the same place (feature data changed, e.g.
        a user glossary entry); cached annotations of other articles are dropped."""
        self.session.reannotate()

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
        if self._library.built is not None:  # else it selects it once built
            self._library.built.select(info.id)
        self._title_in_text = text.lstrip()[:len(info.title) + 1].rstrip() == info.title.strip()
        self._show_title(info)
        self.status.set_article(info.length, self._view)
        if self._words.built is not None:  # else it says so once built
            self._words.built.clear(WAITING)
        position = self.settings.position(info.id) if self._restore else 0
        self.article_view.set_document(None, self._view)  # never the last article's text
        self.session.open(info, text, position, plain)

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

    # -- internals --------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.Type.Paint and not self._first_painted
                and watched is self.article_view.viewport()
                and self.article_view.document() is not None):
            self._first_painted = True
            QTimer.singleShot(0, self._after_first_paint)
        return super().eventFilter(watched, event)

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
        self.services.close()  # the segmentation helper ends with the window
        super().closeEvent(event)


