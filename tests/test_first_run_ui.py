"""The first run (empty cache) in the real window: builds off the GUI thread, with progress."""
from __future__ import annotations

from PySide6.QtCore import QTimer


def test_event_loop_keeps_turning_while_the_first_run_builds(qtbot, tmp_path, monkeypatch):
    """With an empty cache the dictionary index and pinyin tables build on workers: a 10 ms
    timer keeps firing meanwhile and sees the status bar's progress move step by step."""
    from reader.core.services import Services
    from reader.ui.main_window import MainWindow

    monkeypatch.setenv("READER_CACHE", str(tmp_path / "empty-cache"))
    window = MainWindow(Services(), persist=False, restore=False)
    qtbot.addWidget(window)
    window.show()
    ticks = [0]
    seen: dict[str, int] = {}  # progress text -> tick count when the timer first saw it

    def tick():
        ticks[0] += 1
        label = window.status.busy_label
        if label.isVisible() and "%" in label.text():
            seen.setdefault(label.text(), ticks[0])

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    loaded = []
    window.dictionary_ready.connect(loaded.append)
    window.start()
    qtbot.waitUntil(lambda: bool(loaded) and window.current_document() is not None
                    and not window.tasks.busy, timeout=300_000)
    timer.stop()
    dictionary = [text for text in seen if text.startswith("Preparing the dictionary…")]
    assert len(dictionary) >= 3, seen  # the loop turned between progress steps
    assert any(text.startswith("Preparing the pinyin tables…") for text in seen), seen
    during = max(seen.values()) - min(seen.values())
    assert during >= len(seen) - 1  # the timer fired all through the build
    assert (tmp_path / "empty-cache" / "cedict.sqlite3").exists()
    assert not window.status.busy_label.isVisible()  # progress gone when all is done
    assert window.current_document().tokens  # annotated with the fresh caches
