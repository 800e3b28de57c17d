"""Study in the real window (offscreen): adaptive ruby, K/L/I keys, tints, Study tab, coverage."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.core.library.corpus import ArticleInfo
from reader.core.study import Status
from reader.core.text.scripts import Script

READY_MS = 120_000
TEXT = "我喜欢学习中文。我喜欢马化腾。他有3只猫。"


@pytest.fixture
def reader(qtbot, services):
    """A MainWindow with the study feature over this test's own word-status file."""
    from reader.ui.main_window import MainWindow
    from reader.ui.study.feature import install

    window = MainWindow(services, persist=False, restore=False)
    qtbot.addWidget(window)
    feature = install(window, services)
    window.resize(1100, 760)
    window.show()
    window.start()  # loads the engines once the first article is painted
    qtbot.waitUntil(lambda: window.current_document() is not None, timeout=READY_MS)
    return window, feature


def open_text(qtbot, window, feature, text=TEXT):
    info = ArticleInfo(id="scratch-study", title="study", script=Script.SIMPLIFIED,
                       length=len(text), source="scratch")
    window.open_text(info, text)
    qtbot.waitUntil(lambda: feature.article is not None and not window.tasks.busy
                    and feature.article.document.original == text, timeout=READY_MS)


def words_with_ruby(window) -> list[str]:
    view = window.article_view
    document = view.document()
    return [document.simplified[slice(*document.span(i))] for i in view.ruby_tokens()]


def test_adaptive_ruby_shows_pinyin_over_exactly_the_unknown_words(qtbot, reader, services):
    """Only new and learning words get pinyin; names and numbers never; marking a word known
    removes its pinyin at once, without re-annotating."""
    window, feature = reader
    services.study.store.set(["我", "喜欢", "学习"], Status.KNOWN)
    services.study.store.set(["有"], Status.LEARNING)
    open_text(qtbot, window, feature)
    window.set_ruby_mode("unknown")
    assert words_with_ruby(window) == ["中文", "他", "有", "只", "猫"]
    document = window.current_document()
    feature.set_status(["猫"], Status.KNOWN)
    assert window.current_document() is document  # no new annotation
    assert words_with_ruby(window) == ["中文", "他", "有", "只"]
    window.set_ruby_mode("all")
    assert "我" in words_with_ruby(window) and "马化腾" in words_with_ruby(window)
    window.set_ruby_mode("none")
    assert words_with_ruby(window) == []


def test_ctrl_p_cycles_three_modes(qtbot, reader):
    """Ctrl+P: none → all → only unknown → none."""
    window, _feature = reader
    seen = []
    for _ in range(3):
        window.actions.ruby.trigger()
        seen.append(window.article_view.ruby_mode())
    assert seen == ["all", "unknown", "none"]
    assert window.actions.ruby_modes["none"].isChecked()


def test_keys_in_keyboard_reading_set_status_and_update_coverage(qtbot, reader, services):
    """Right arrow to a word, K marks it known (coverage and the Study tab follow), K again
    makes it new; L learning; I ignore."""
    window, feature = reader
    open_text(qtbot, window, feature)
    view = window.article_view
    view.setFocus()
    before = feature.article.coverage().known
    qtbot.keyClick(view, Qt.Key.Key_Right)  # first word: 我
    assert view.popups.visible
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert services.study.store.snapshot() == {"我": Status.KNOWN}
    assert feature.article.coverage().known == before + 2
    assert "我" not in feature.panel.words_in_order()
    assert "known" in view.popups.popup.html()
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert services.study.store.snapshot() == {}
    qtbot.keyClick(view, Qt.Key.Key_L)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_I)
    assert services.study.store.snapshot() == {"我": Status.LEARNING, "喜欢": Status.IGNORED}


def test_popup_shows_hsk_levels_and_status(qtbot, reader):
    """产业: HSK 3.0 level 5, HSK 2.0 level 6, status new."""
    window, feature = reader
    open_text(qtbot, window, feature, "发展产业。")
    document = window.current_document()
    index = next(i for i in document.word_indices()
                 if document.simplified[slice(*document.span(i))] == "产业")
    html = feature.popup_section(document, index, window.current_view())
    assert "HSK 5" in html and "HSK 2.0: 6" in html and "new" in html


def test_mark_remaining_known_and_study_list(qtbot, reader, services):
    """The Study tab lists unknown words by frequency; mark-all leaves learning words alone."""
    window, feature = reader
    services.study.store.set(["有"], Status.LEARNING)
    open_text(qtbot, window, feature)
    assert feature.panel.words_in_order()[:2] == ["我", "喜欢"]  # twice each
    assert feature.mark_remaining_known() == 7
    assert feature.panel.words_in_order() == ["有"]
    assert feature.article.coverage().percent == 90.0
    assert "90.0 %" in feature.label.text()


def test_tint_unknown_words(qtbot, reader, services):
    """Tint "unknown" marks exactly the new and learning words; off clears it."""
    window, feature = reader
    services.study.store.set(["我", "喜欢", "学习", "中文", "他", "有", "只"], Status.KNOWN)
    open_text(qtbot, window, feature)
    feature.set_tint("unknown")
    document = window.current_document()
    assert [document.simplified[s:e] for s, e in window.article_view.marks("study")] == ["猫"]
    feature.set_tint("off")
    assert window.article_view.marks("study") == []


def test_library_rows_show_difficulty_and_sort_by_it(qtbot, reader, services):
    """Every library row gets coverage, unknown count and level off the GUI thread; a status
    change re-scores the rows; sorting by difficulty puts the easiest first."""
    from reader.ui.library.model import DIFFICULTY_ROLE

    window, feature = reader
    rows = feature.library_rows
    model = window.library_panel.model
    ids = model.article_ids()
    assert len(ids) >= 2
    qtbot.waitUntil(lambda: all(model.difficulty(i) is not None for i in ids), timeout=READY_MS)
    before = {i: model.difficulty(i) for i in ids}
    assert all(0 <= d.coverage <= 100 and d.unknown > 0 for d in before.values())
    services.study.mark_level(3)
    qtbot.waitUntil(lambda: all(model.difficulty(i).coverage > before[i].coverage for i in ids),
                    timeout=READY_MS)
    rows.sort_action.setChecked(True)
    proxy = window.library_panel.proxy
    shown = [proxy.data(proxy.index(r, 0), DIFFICULTY_ROLE).coverage
             for r in range(proxy.rowCount())]
    assert shown == sorted(shown, reverse=True)


def test_library_counts_wait_while_the_window_works(qtbot, services):
    """Counting the library (whole articles annotated) waits until the window's own tasks
    are done, so it never competes with them for the interpreter lock."""
    import threading

    from reader.ui.main_window import MainWindow
    from reader.ui.study.feature import install

    window = MainWindow(services, persist=False, restore=False)
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.current_document() is not None and not window.tasks.busy,
                    timeout=READY_MS)
    release = threading.Event()
    window.tasks.run(lambda: release.wait(60))
    feature = install(window, services)
    model = window.library_panel.model
    ids = model.article_ids()
    assert ids and window.tasks.busy and not feature.library_rows._quiet.is_set()
    qtbot.wait(400)
    assert all(model.difficulty(i) is None for i in ids)
    release.set()
    qtbot.waitUntil(lambda: all(model.difficulty(i) is not None for i in ids), timeout=READY_MS)


def test_bulk_sources_from_the_window_update_the_article(qtbot, reader, services, tmp_path):
    """Mark HSK 1 known and import a list from the window: the work runs off the GUI thread
    and coverage follows."""
    window, feature = reader
    open_text(qtbot, window, feature)
    feature.mark_hsk_known(1)
    qtbot.waitUntil(lambda: not window.tasks.busy and feature.article.coverage().known == 8,
                    timeout=READY_MS)
    words = tmp_path / "mine.txt"
    words.write_text("隻\n貓\n", encoding="utf-8")
    feature.import_word_list(str(words))
    qtbot.waitUntil(lambda: not window.tasks.busy and feature.article.coverage().percent == 100.0,
                    timeout=READY_MS)
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    feature.import_word_list(str(bad))
    qtbot.waitUntil(lambda: "empty" in window.status.currentMessage(), timeout=READY_MS)
