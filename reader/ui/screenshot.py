"""`--screenshot`: render the real window offscreen (popup included) to a PNG, then exit."""
from __future__ import annotations

import atexit
import json
import os
import sys
import tempfile
import time
from pathlib import Path

TIMEOUT_S = 180.0


def prepare_offscreen(size: tuple[int, int]) -> None:
    """Before QApplication exists: without a display, use Qt's offscreen platform with a
    virtual screen larger than the window, so the popup is placed as on a real desktop."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if platform != "offscreen" and not (platform == "" and headless):
        return
    width, height = size
    config = {"screens": [{"name": "screenshot", "x": 0, "y": 0, "width": width + 400,
                           "height": height + 400, "logicalDpi": 96, "logicalBaseDpi": 96,
                           "dpr": 1}]}
    handle, path = tempfile.mkstemp(prefix="reader-offscreen-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(config, out)
    atexit.register(lambda: Path(path).unlink(missing_ok=True))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"


def wait_until(condition, timeout_s: float = TIMEOUT_S) -> bool:
    """Run the event loop until `condition()` holds, checked every 10 ms (False on timeout)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return True
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    outcome = {"ok": False}

    def check():
        if condition():
            outcome["ok"] = True
            loop.quit()
        elif time.monotonic() > deadline:
            loop.quit()

    poll = QTimer()
    poll.setInterval(10)
    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    return outcome["ok"]


def settle(ms: int) -> None:
    """Let timers (hover settle, layout) fire for `ms` milliseconds."""
    deadline = time.monotonic() + ms / 1000
    wait_until(lambda: time.monotonic() >= deadline, ms / 1000 + 1)


def nth_word_index(document, n: int) -> int | None:
    """Token index of the n-th word (0-based) of the document."""
    for count, index in enumerate(document.word_indices()):
        if count == n:
            return index
    return None


def show_tab(window, title: str) -> bool:
    """Bring the side-panel tab called `title` (case and '&' ignored) to the front."""
    tabs = window.side_panel.tabs
    for index in range(tabs.count()):
        if tabs.tabText(index).replace("&", "").casefold() == title.casefold():
            window.side_panel.show_tab(tabs.widget(index))
            settle(250)
            return True
    return False


def grab_review(window, out: Path) -> int:
    """Tools › Review Flashcards, the answer shown; the Flashcards window is the picture."""
    from PySide6.QtWidgets import QWidget

    from reader.ui.flashcards.window import FlashcardsWindow

    action = next((a for a in window.menu("&Tools").actions()
                   if a.text().replace("&", "") == "Review Flashcards"), None)
    if action is None:
        print("error: the flashcards feature is not installed", file=sys.stderr)
        return 1
    action.trigger()
    review = window.findChild(FlashcardsWindow)
    if review is None or not wait_until(review.isVisible, 10):
        print("error: the Flashcards window did not open", file=sys.stderr)
        return 1
    settle(300)
    reviewer = getattr(review, "review", None)
    if reviewer is not None and reviewer.current_note() is not None:
        reviewer.reveal()
        settle(150)
    return save_and_close(QWidget.grab(review), out, window)


def take_screenshot(window, services, options) -> int:
    """Show the window at the asked size, wait for the article, grab it with its popup."""
    from reader.ui.popup import grab_with_popup

    article_id = options.article or next((a.id for a in services.library.list()), None)
    if article_id is None or services.library.get(article_id) is None:
        print(f"error: no article {article_id!r} in the library", file=sys.stderr)
        return 2
    width, height = options.size
    window.resize(width, height)
    window.show()
    window.start(article_id)
    if not wait_until(lambda: window.current_document() is not None and not window.tasks.busy
                      and getattr(window, "features_ready", True)):
        print("error: the article was not ready in time", file=sys.stderr)
        return 1
    for idle in getattr(window, "idle_checks", ()):  # features' background work (library rows)
        wait_until(idle)
    window.resize(width, height)
    settle(150)
    if options.tab is not None and not show_tab(window, options.tab):
        titles = ", ".join(window.side_panel.tab_titles())
        print(f"error: no side-panel tab {options.tab!r} (tabs: {titles})", file=sys.stderr)
        return 2
    if options.review:
        return grab_review(window, options.screenshot)
    popup = None
    if options.hover is not None:
        index = nth_word_index(window.current_document(), options.hover)
        if index is None:
            print(f"error: the article has fewer than {options.hover + 1} words", file=sys.stderr)
            return 2
        view = window.article_view
        rects = view.token_rects(index)
        if not rects or rects[0].bottom() > 0.55 * view.viewport().height():
            # a third of the way down, so the popup below the word fits in the picture
            view.scroll_to_base_offset(window.current_document().span(index)[0])
            settle(100)
        view.show_popup_for(index)
        settle(250)
        popup = window.article_view.popup()
    return save_and_close(grab_with_popup(window, popup), options.screenshot, window)


def save_and_close(pixmap, out, window) -> int:
    """Write the PNG, say where and how big, close the window; 1 if it cannot be written."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not pixmap.save(str(out), "PNG"):
        print(f"error: could not write {out}", file=sys.stderr)
        return 1
    print(f"{out} ({pixmap.width()}x{pixmap.height()})")
    window.close()
    return 0
