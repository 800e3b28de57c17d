"""The main window end to end (offscreen): articles, script toggle, words, settings, start-up."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from reader.core.text.scripts import View

READY_MS = 120_000


@pytest.fixture
def make_window(qtbot, services):
    """A MainWindow over fresh Services (this test's READER_HOME) sharing the loaded engines."""
    from reader.core.services import Services
    from reader.ui.main_window import MainWindow

    def make(share_engines: bool = True, **kwargs):
        fresh = services if share_engines else Services()
        window = MainWindow(fresh, **kwargs)
        qtbot.addWidget(window)
        window.show()
        return window

    return make


def wait_ready(qtbot, window, article_id: str | None = None) -> None:
    """Until the article is annotated, shown, and background work is done."""
    def ready():
        info = window.current_article()
        return (window.current_document() is not None and not window.tasks.busy
                and (article_id is None or (info is not None and info.id == article_id)))

    qtbot.waitUntil(ready, timeout=READY_MS)


def focus_article(qtbot, window) -> None:
    """Make the window active (shortcuts need it) and focus the article."""
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.article_view.setFocus()


def test_opens_every_corpus_article(qtbot, make_window):
    """Each corpus article opens annotated; the view shows exactly the core's text; words listed."""
    window = make_window()
    window.start()
    wait_ready(qtbot, window)
    for info in window.services.library.list():
        window.open_article(info.id)
        wait_ready(qtbot, window, info.id)
        document = window.current_document()
        assert window.article_view.document() is document
        assert document.length == info.length
        assert window.article_view.displayed_text() == document.text(window.current_view())
        assert window.words_tab.model.rowCount() > 50
        assert window.status.length_label.text().startswith(f"{info.length:,}")
        assert info.title in window.windowTitle()
        current = window.library_panel.list_view.currentIndex()
        assert current.row() == window.library_panel.model.row_of(info.id)


def test_script_toggle_shows_each_core_view(qtbot, make_window):
    """Toolbar buttons, Ctrl+T and the View menu switch scripts; the text is the core's view."""
    window = make_window()
    window.start("caijing-2019")
    wait_ready(qtbot, window)
    document = window.current_document()
    seen = []
    window.view_changed.connect(seen.append)
    window.script_toggle.buttons[View.SIMPLIFIED].click()
    assert window.article_view.view() is View.SIMPLIFIED
    assert window.article_view.displayed_text() == document.text(View.SIMPLIFIED)
    focus_article(qtbot, window)
    qtbot.keyClick(window.article_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.article_view.view() is View.TRADITIONAL
    assert window.script_toggle.buttons[View.TRADITIONAL].isChecked()
    for view in (View.TAIWAN, View.HONGKONG, View.ORIGINAL):
        window.actions.views[view].trigger()
        assert window.article_view.view() is view
        assert window.article_view.displayed_text() == document.text(view)
        assert window.actions.views[view].isChecked()
    assert seen == [View.SIMPLIFIED, View.TRADITIONAL, View.TAIWAN, View.HONGKONG, View.ORIGINAL]
    assert window.status.script_label.text() == "Original"


def test_words_tab_click_jumps_to_first_occurrence(qtbot, make_window):
    """Clicking a word in the Words tab scrolls to and highlights its first occurrence."""
    window = make_window()
    window.start("zhoutian")
    wait_ready(qtbot, window)
    tab = window.words_tab
    entry = tab.model.word(5)
    document = window.current_document()
    start, end = document.span(entry.first_index)
    row = tab.proxy.mapFromSource(tab.model.index(5, 0))
    tab.table.scrollTo(row)
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.table.visualRect(row).center())
    assert window.article_view.marks("jump") == [(start, end)]
    first, last = window.article_view.visible_base_range()
    assert first <= start < last


def test_settings_survive_a_restart(qtbot, make_window, reader_home):
    """Script, theme, size, ruby, tone colours, last article and its position come back."""
    window = make_window()
    window.start("36kr")
    wait_ready(qtbot, window)
    article_id = window.current_article().id
    window.set_view(View.TRADITIONAL)
    window.set_theme("dark")
    window.set_font_size(23)
    window.set_ruby(True)
    window.set_tone_colours(True)
    target = window.current_document().paragraphs[20][0]
    window.article_view.scroll_to_base_offset(target)
    position = window.article_view.reading_position()
    assert position > 0
    window.close()
    assert json.loads((reader_home / "data" / "settings.json").read_text())["view.ruby"] is True

    again = make_window()
    again.start()
    wait_ready(qtbot, again)
    assert again.current_article().id == article_id
    assert again.article_view.view() is View.TRADITIONAL
    assert again.article_view.is_dark() and again.actions.themes["dark"].isChecked()
    assert again.article_view.font_size() == 23
    assert again.article_view.ruby() and again.actions.ruby.isChecked()
    assert again.article_view.tone_colours()
    document = again.current_document()
    assert document.paragraph_index_at(again.article_view.reading_position()) == \
        document.paragraph_index_at(position)


def test_corrupt_settings_file_does_not_stop_start_up(qtbot, make_window, reader_home):
    """Garbage in settings.json: a notice is shown, defaults are used, the article opens."""
    path = reader_home / "data" / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    window = make_window()
    window.start()
    wait_ready(qtbot, window)
    assert window.notice_bar.isVisible()
    assert "could not be read" in window.notice_bar.notices()[0]
    assert window.current_view() is View.ORIGINAL
    assert list(path.parent.glob("settings.json.corrupt-*"))


def test_an_unreadable_library_still_gets_its_list_after_start_up(qtbot, make_window,
                                                                  reader_home):
    """The library folder is a file: a notice says so, and the dock's stand-in is replaced
    by the (empty) library list all the same."""
    folder = reader_home / "data" / "library"
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder", encoding="utf-8")
    window = make_window()
    with qtbot.waitSignal(window.article_painted, timeout=READY_MS):
        window.start()
    assert any("library could not be read" in n for n in window.notice_bar.notices())
    assert window.library_dock.widget() is window.library_panel
    assert window.library_panel.model.rowCount() == 0
    assert folder.read_text(encoding="utf-8") == "not a folder"  # left as it was


def test_window_shows_text_before_the_engines_load(qtbot, make_window):
    """With cold engines the plain text is painted first; engines load after; then annotation."""
    window = make_window(share_engines=False)
    painted = []
    window.article_painted.connect(lambda: painted.append(window.current_document()))
    window.start("nbd")
    qtbot.waitUntil(lambda: window.article_view.document() is not None, timeout=READY_MS)
    shown = window.article_view.document()
    assert window.current_document() is None  # still the plain text
    assert window.article_view.displayed_text() == shown.text(View.ORIGINAL)
    assert list(shown.word_indices()) == []
    qtbot.waitUntil(lambda: bool(painted), timeout=READY_MS)
    assert painted == [None]
    assert window.status.progress.isVisible()
    wait_ready(qtbot, window)
    assert list(window.current_document().word_indices())
    assert not window.status.progress.isVisible()


def test_font_size_and_theme_from_the_keyboard(qtbot, make_window):
    """Ctrl+= / Ctrl+- / Ctrl+0 change the text size; the theme actions switch palettes."""
    window = make_window()
    focus_article(qtbot, window)
    size = window.article_view.font_size()
    qtbot.keyClick(window.article_view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.article_view.font_size() == size + 1
    qtbot.keyClick(window.article_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.article_view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.article_view.font_size() == size - 1
    qtbot.keyClick(window.article_view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.article_view.font_size() == window.settings.default_font_size()
    window.actions.themes["dark"].trigger()
    assert window.article_view.is_dark()
    qtbot.waitUntil(lambda: window.palette().window().color().lightness() < 80)
    window.actions.themes["light"].trigger()
    assert not window.article_view.is_dark()
    qtbot.waitUntil(lambda: window.palette().window().color().lightness() > 180)


def test_menus_show_shortcuts_and_library_filter_opens(qtbot, make_window):
    """Every documented shortcut is on a menu action; filter + Enter opens the match."""
    from reader.ui.window_actions import shortcut_table

    window = make_window()
    keys = {row[2] for row in shortcut_table(window._menus)}
    for wanted in ("Ctrl+T", "Ctrl+P", "Ctrl+0", "Ctrl+-", "Ctrl+L", "Ctrl+Q"):
        assert any(wanted in k for k in keys), wanted
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&View",
                                                              "&Tools", "&Help"]
    window.start()
    wait_ready(qtbot, window)
    window.actions.filter_library.trigger()
    qtbot.keyClicks(window.library_panel.filter_box, "36kr")  # the shown publication
    assert window.library_panel.proxy.rowCount() == 1
    qtbot.keyClick(window.library_panel.filter_box, Qt.Key.Key_Return)
    wait_ready(qtbot, window, "36kr-2019-81-trials")


def test_a_broken_feature_does_not_stop_the_window(qtbot, make_window):
    """A feature whose install fails is named in a notice; the window still works."""
    from reader.ui.main import install_features

    window = make_window()
    import types

    broken = types.ModuleType("reader.ui.broken.feature")

    def install(_window, _services):
        raise RuntimeError("no data")

    broken.install = install
    failed = install_features(window, window.services, [broken])
    assert failed == ["reader.ui.broken.feature"]
    assert "broken could not start: no data" in window.notice_bar.notices()[0]


def test_screenshot_rejects_an_unknown_article(capsys):
    """`--screenshot` with a bad article id exits 2 with one line on stderr."""
    from reader.ui.main import run_window

    assert run_window(["--screenshot", "x.png", "--article", "no-such-id"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "\n" not in err
