"""The article's right-click menu in the real window: every feature's actions, for the word
under the pointer or the selection; the hover popup closes when it opens."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from tests.windows import open_scratch, shown_window, start_and_wait

TEXT = "腾讯公司今天说，騰訊的股价上涨。银行行长很高兴。"


@pytest.fixture
def window(qtbot, services):
    from reader.ui.main import install_features

    window = shown_window(qtbot, services, (1100, 700))
    assert install_features(window, services) == []
    start_and_wait(qtbot, window)
    open_scratch(qtbot, window, TEXT, "scratch-menu", title="menu", idle=True)
    return window


def right_click(window, token: int):
    """The menu a right-click on `token` builds (popping it up would grab the keyboard,
    which the offscreen platform cannot do)."""
    view = window.article_view
    return view.context_menu_at(view.token_rects(token)[0].center())


def labels(menu):
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_menu_lists_every_tool_for_the_word(qtbot, window):
    """Right-click on 腾讯 selects it and offers copy, look-up, find, translate, save,
    glossary and person actions; the popup closes."""
    view = window.article_view
    assert view.show_popup_for(0)
    menu = right_click(window, 0)
    assert not view.popups.visible
    assert view.selected_text() == "腾讯"
    names = labels(menu)
    for wanted in ("Copy", "Copy with Pinyin", "Look Up", "Find in Article",
                   "Translate Selection or Sentence", "Read Aloud", "Save to Flashcards",
                   "Add to Glossary…", "Change Reading…", "Add as Person"):
        assert wanted in names, (wanted, names)
    assert names.index("Copy") < names.index("Look Up") < names.index("Add to Glossary…")


def test_copy_with_pinyin_and_find_from_menu(qtbot, window):
    """Copy with Pinyin puts word(reading) on the clipboard; Find in Article finds both
    spellings of 腾讯."""
    menu = right_click(window, 0)
    action = {a.text().replace("&", ""): a for a in menu.actions()}
    action["Copy with Pinyin"].trigger()
    assert QGuiApplication.clipboard().text() == "腾讯(téng xùn)"
    action["Find in Article"].trigger()
    from reader.ui.find.bar import FindBar

    bar = window.findChild(FindBar, "find-bar")
    assert bar.isVisible() and bar.count.text() == "1 of 2"


def test_look_up_from_menu_opens_the_dictionary_tab(qtbot, window):
    """Look Up shows the word in the Dictionary tab, its entry first."""
    menu = right_click(window, 0)
    next(a for a in menu.actions() if a.text().replace("&", "") == "Look Up").trigger()
    panel = window.side_panel.tabs.currentWidget()
    assert panel.objectName() == "tab-dictionary"
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=30_000)
    assert panel.results.item(0).text().startswith("腾讯")


def test_selection_is_kept_when_clicking_inside_it(qtbot, window):
    """A right-click inside a longer selection acts on the whole selection."""
    view = window.article_view
    view.select_base_range(0, 4)
    right_click(window, 1)
    assert view.selected_text() == "腾讯公司"
    assert view.context_menus.menu is not None
