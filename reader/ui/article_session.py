"""One open article's lifecycle: plain text → annotated Document → re-annotation.

The window shows what this session emits; it keeps no flags of its own about it. Work runs
on the window's `TaskRunner`; a result that arrives after another article was opened (an
older generation) is dropped here, so the window never shows a stale document.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from reader.core.library.corpus import ArticleInfo
from reader.core.text.document import prepare_views
from reader.core.text.scripts import View
from reader.ui.tasks import error_message

CACHE_CHARS = 2_500_000  # annotated documents kept for instant re-opening (total characters)


class ArticleSession(QObject):
    """The article being read: its plain and annotated Documents, and a small cache.

    Call `engines_ready()` once the annotator can run; until then an opened article shows
    its plain Document and waits.

    Signals:
        plain_ready(object, int): the plain Document of the current article, and the
            reading position (base offset) to show it at.
        annotated(object, int): the annotated Document of the current article, and the
            position to use when nothing of it is on screen yet.
        failed(str): annotating the current article failed (a one-line reason).
    """

    plain_ready = Signal(object, int)
    annotated = Signal(object, int)
    failed = Signal(str)

    def __init__(self, tasks, annotator: Callable[[], object], view: Callable[[], View],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._annotator = annotator  # called on a worker: it may build the engines
        self._view = view
        self.info: ArticleInfo | None = None
        self.text = ""
        self.document = None  # the annotated Document, None until it is ready
        self._generation = 0
        self._position = 0
        self._engines_ready = False
        self._annotating = -1  # the generation whose annotation has been started
        self._cache: OrderedDict[tuple[str, int], object] = OrderedDict()

    @property
    def generation(self) -> int:
        """Increases with every `open`; results of older generations are dropped."""
        return self._generation

    def is_current(self, generation: int) -> bool:
        return generation == self._generation

    def open(self, info: ArticleInfo, text: str, position: int = 0, plain=None) -> None:
        """Show `text`: plain at once (or `plain`, already built), annotated when ready."""
        self._generation += 1
        generation = self._generation
        self.info, self.text, self.document, self._position = info, text, None, position
        cached = self._cache.get((info.id, len(text)))
        if cached is not None:
            self._cache.move_to_end((info.id, len(text)))
            self.document = cached
            self.annotated.emit(cached, position)
            return
        if plain is not None:
            self._on_plain(generation, plain)
            self._annotate_if_ready(generation)
            return
        view = self._view()

        def plain_done(document) -> None:
            self._on_plain(generation, document)
            self._annotate_if_ready(generation)

        # One worker at a time: annotating while the plain text is being built would make
        # both compete with the GUI thread for the interpreter lock.
        self._tasks.run(lambda: build_plain(text, info, view), plain_done,
                        lambda _exc: self._annotate_if_ready(generation), label="Opening…")

    def engines_ready(self) -> None:
        """The annotator is loaded: annotate the article waiting for it, if any."""
        self._engines_ready = True
        if self.info is not None and self.document is None:
            self._annotate_if_ready(self._generation)

    def reannotate(self) -> None:
        """Annotate the open article again (its data changed); drop every cached one."""
        self._cache.clear()
        if self.info is not None and self._engines_ready:
            self._annotating = -1  # a fresh run for the same article
            self._annotate_if_ready(self._generation)

    # -- internals --------------------------------------------------------------------
    def _on_plain(self, generation: int, document) -> None:
        if self.is_current(generation) and self.document is None:
            self.plain_ready.emit(document, self._position)

    def _annotate_if_ready(self, generation: int) -> None:
        if not (self._engines_ready and self.is_current(generation)):
            return
        if self._annotating == generation:
            return  # already under way
        self._annotating = generation
        info, text, view, annotator = self.info, self.text, self._view(), self._annotator

        def work():
            document = annotator().annotate(text, info.script, info.id)
            # The shown view here, not on the GUI thread; the others (~0.1 s) right after
            # it is on screen, Traditional first (`_on_annotated`).
            prepare_views(document, view, rest=False)
            return document

        self._tasks.run(work, lambda document: self._on_annotated(generation, info, text, document),
                        lambda exc: self._on_failed(generation, exc), label="Annotating…")

    def _on_annotated(self, generation: int, info: ArticleInfo, text: str, document) -> None:
        self._store((info.id, len(text)), document)  # also when another article is open now
        if self.is_current(generation):
            self.document = document
            self.annotated.emit(document, self._position)
        view = self._view()
        self._tasks.run(lambda: prepare_views(document, view), label="Preparing the other scripts…")

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if self.is_current(generation):
            self._annotating = -1
            self.failed.emit(error_message(exc))

    def _store(self, key: tuple[str, int], document) -> None:
        self._cache[key] = document
        self._cache.move_to_end(key)
        while len(self._cache) > 1 and sum(k[1] for k in self._cache) > CACHE_CHARS:
            self._cache.popitem(last=False)


def build_plain(text: str, info: ArticleInfo, view: View, convert_later: bool = False):
    """Worker: the plain Document, with the shown view built (see `plain_document` for
    `convert_later`)."""
    from reader.core.text.plain_document import plain_document

    document = plain_document(text, info.script, convert_later)
    document.view(view)
    return document
