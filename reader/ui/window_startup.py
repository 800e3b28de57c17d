"""Start-up of the main window: the first article, first paint, engines and dictionary."""
from __future__ import annotations

from PySide6.QtCore import QTimer

from reader.core.text.scripts import View
from reader.ui.article_session import build_plain
from reader.ui.session_guard import reopen_offer
from reader.ui.tasks import error_message
from reader.ui.theme import missing_font_notice


class WindowStartup:
    """MainWindow's start-up and annotation hand-over (a mixin: uses the window's parts)."""

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
        self._first_articles = articles  # listed once the article has painted
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

    def _after_first_paint(self) -> None:
        """The first article is on screen: now load the engines, let features install."""
        self._first_painted = True
        self.article_view.viewport().removeEventFilter(self)
        self._list_first_articles()
        self._words.get()  # the Words tab, after the article's paint (see BuiltLater)
        document = self.article_view.document()
        if document is not None and not document.has_simplified:  # see build_plain
            self.tasks.run(lambda: document.simplified)
        if self._engines_started:
            return
        self._engines_started = True
        self.tasks.run(self._load_engines, self._on_engines_loaded, self._on_engines_failed,
                       label="Loading segmenter and pinyin…")
        self.tasks.run(lambda: self.services.dictionary, self._on_dictionary_loaded,
                       self._on_dictionary_failed, label="Loading dictionary…")
        self.article_painted.emit()

    def _list_first_articles(self) -> None:
        """Build the library list after the article's first paint and fill it (its rows
        cost ~10 ms to lay out and paint), unless the library was re-listed meanwhile."""
        panel = self.library_panel  # built now even when the library could not be read
        articles, self._first_articles = self._first_articles, None
        if articles is not None:
            info = self.session.info
            panel.set_articles(articles, info.id if info else None)

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
        return (articles, info, text, build_plain(text, info, view, convert_later=True),
                missing, None)
    return articles, None, "", None, missing, None


def _words(document, services):
    """Worker: the word list with short glosses (waits for the dictionary if it is loading)."""
    from reader.core.gloss.word_list import glossed_word_list

    return glossed_word_list(document, services.glosser)
