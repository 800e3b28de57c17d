"""Shared set-up of window tests: a shown MainWindow, started, and a scratch text opened in it."""
from __future__ import annotations

from reader.core.library.corpus import ArticleInfo
from reader.core.text.scripts import Script

READY_MS = 120_000


def shown_window(qtbot, services, size: tuple[int, int] | None = None):
    """A MainWindow over `services` that persists nothing, shown (features not yet added)."""
    from reader.ui.main_window import MainWindow

    window = MainWindow(services, persist=False, restore=False)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    return window


def start_and_wait(qtbot, window) -> None:
    """Start the window and wait until its first article is open and nothing runs."""
    window.start()
    qtbot.waitUntil(lambda: window.current_article() is not None and not window.tasks.busy,
                    timeout=READY_MS)


def open_scratch(qtbot, window, text: str, article_id: str, title: str = "scratch",
                 idle: bool = False):
    """Open `text` as a scratch article and wait for its annotated Document (and, with
    `idle`, for every task to end); returns the Document."""
    info = ArticleInfo(id=article_id, title=title, script=Script.SIMPLIFIED,
                       length=len(text), source="scratch")
    window.open_text(info, text)
    qtbot.waitUntil(lambda: window.current_document() is not None
                    and window.current_article().id == article_id
                    and (not idle or not window.tasks.busy), timeout=READY_MS)
    return window.current_document()


def window_with_translator(qtbot, services, translator):
    """A shown window over the loaded engines of `services` with `translator` (a real
    Translator aimed at a local fake server); returns (window, its Services)."""
    from reader.core.services import Services

    fresh = Services(segmenter=services.segmenter, pinyin=services.pinyin,
                     dictionary=services.dictionary, settings=services.settings,
                     translator=translator)
    return shown_window(qtbot, fresh), fresh
