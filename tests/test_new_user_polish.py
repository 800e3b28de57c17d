"""Issue 18: what a new user tripped over in the window, one widget test per bug."""
from __future__ import annotations

from reader.ui.words.feature import WORD_ROLE
from tests.test_main_window import make_window, wait_ready  # noqa: F401 (fixture)


def _open(qtbot, window, article_id):
    window.open_article(article_id)
    wait_ready(qtbot, window, article_id)


def test_library_filter_never_changes_the_open_article(qtbot, make_window):  # noqa: F811
    """Filtering hides the open article's row but keeps reading it; clearing selects it again."""
    window = make_window()
    window.start()
    wait_ready(qtbot, window)
    _open(qtbot, window, "caijing-2019-dowson-tong")
    panel = window.library_panel
    panel.filter_box.setText("开放")
    assert panel.proxy.rowCount() == 1
    panel.filter_box.clear()
    panel.filter_box.setText("私域")
    assert window.current_article().id == "caijing-2019-dowson-tong"
    panel.filter_box.clear()
    assert window.current_article().id == "caijing-2019-dowson-tong"
    current = panel.list_view.currentIndex()
    assert current.isValid() and current.row() == panel.model.row_of("caijing-2019-dowson-tong")


def test_library_filter_matches_shown_fields_in_both_scripts(qtbot, make_window):  # noqa: F811
    """汤道生 lists 湯道生's article; a word only in the hidden note lists nothing."""
    window = make_window()
    window.start()
    wait_ready(qtbot, window)
    panel = window.library_panel
    panel.filter_box.setText("汤道生")
    titles = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert titles and all("湯道生" in t for t in titles)
    panel.filter_box.setText("騰訊开荒")
    assert panel.proxy.rowCount() == 1
    assert any("Degraded" in info.note for info in window.services.library.list())
    panel.filter_box.setText("degraded")  # only in the hidden note
    assert panel.proxy.rowCount() == 0


def test_small_window_keeps_the_article_readable(qtbot, make_window):  # noqa: F811
    """At 800×600 the article keeps ≥ 20 em a line; the side panel gives way, not the text."""
    window = make_window()
    window.start()
    wait_ready(qtbot, window)
    window.resize(1280, 820)
    qtbot.waitUntil(lambda: window.width() == 1280)
    window.side_panel.show()
    window.resize(800, 600)
    need = window.window_fit.article_min_width()
    qtbot.waitUntil(lambda: window.article_view.width() >= need)
    em = window.article_view.font_size() * window.article_view.logicalDpiY() / 72
    assert window.article_view.viewport().width() >= 19 * em
    window.set_font_size(20)  # bigger text: no room for both docks, the side panel goes
    need = window.window_fit.article_min_width()
    qtbot.waitUntil(lambda: window.article_view.width() >= need)
    assert not window.side_panel.isVisible() and window.library_dock.isVisible()
    window.resize(1400, 900)
    qtbot.waitUntil(window.side_panel.isVisible)


def test_f1_lists_every_registered_key(qtbot, make_window):  # noqa: F811
    """F1 lists the menus' shortcuts and the registered keys: S (save), Space paging, review."""
    from PySide6.QtWidgets import QDialog, QTextBrowser

    from reader.ui.flashcards.feature import install

    window = make_window()
    install(window, window.services)
    window.actions.shortcuts.trigger()
    dialog = window.findChild(QDialog, "shortcuts-dialog")
    text = dialog.findChild(QTextBrowser).toPlainText()
    for wanted in ("Ctrl+T", "Save", "Space / Shift+Space", "Page down", "Show the answer",
                   "Rate: Again", "Rate: Easy", "Right / N", "Esc"):
        assert wanted in text, wanted
    rows = window.key_help()
    assert ("Article popup", "Save", "S") in rows
    dialog.close()


def test_words_filter_matches_pinyin_by_prefix(qtbot, make_window):  # noqa: F811
    """yun, yunji, "yun ji", "yún jì" all find 云计算-like words; no result says No matches."""
    window = make_window()
    window.start("zhoutian-2020-third-opening")
    wait_ready(qtbot, window)
    qtbot.waitUntil(lambda: window.words_tab.model.rowCount() > 50, timeout=60_000)
    tab = window.words_tab

    def shown():
        return {tab.proxy.index(r, 0).data(WORD_ROLE).simplified
                for r in range(tab.proxy.rowCount())}

    tab.filter_box.setText("yun")
    with_yun = shown()
    assert "云" in with_yun or any(w.startswith("云") for w in with_yun)
    for typed in ("chanye", "chan ye", "chǎn yè", "chan3 ye4"):
        tab.filter_box.setText(typed)
        assert "产业" in shown(), typed
    tab.filter_box.setText("zzzq")
    assert tab.proxy.rowCount() == 0 and tab.summary.text() == "No matches"
    tab.filter_box.clear()
    assert tab.summary.text() != "No matches"


def _visible_word(window, lowest: bool = False) -> int:
    """A word token painted in the viewport (the lowest one when asked)."""
    view = window.article_view
    document = view.document()
    first, last = view.visible_base_range()
    best, best_y = -1, -1.0
    for index in document.word_indices():
        start, _ = document.span(index)
        if not first <= start < last:
            continue
        rects = view.token_rects(index)
        if not rects or rects[0].bottom() > view.viewport().height():
            continue
        if not lowest:
            return index
        if rects[0].bottom() > best_y:
            best, best_y = index, rects[0].bottom()
    return best


def test_right_click_closes_the_popup_and_takes_the_word(qtbot, make_window):  # noqa: F811
    """A right-click hides the hover popup first; with no selection the word under the
    pointer becomes the selection the menu acts on."""
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    window = make_window()
    window.start("zhoutian-2020-third-opening")
    wait_ready(qtbot, window)
    view = window.article_view
    token = _visible_word(window)
    assert view.popups.show(token) and view.popups.visible
    centre = view.token_rects(token)[0].center().toPoint()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre,
                              view.viewport().mapToGlobal(centre))
    QApplication.sendEvent(view.viewport(), event)
    assert not view.popups.visible
    start, end = view.document().span(token, view.view())
    assert view.selected_view_range() == (start, end)


def test_popup_stays_in_the_window_and_flips_above(qtbot, make_window):  # noqa: F811
    """A popup for a word low in the window opens above it, inside the window."""
    from PySide6.QtCore import QPoint, QRect

    window = make_window()
    window.resize(1000, 700)
    window.start("zhoutian-2020-third-opening")
    wait_ready(qtbot, window)
    view = window.article_view
    token = _visible_word(window, lowest=True)
    assert view.popups.show(token)
    popup = view.popup().geometry()
    frame = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
    anchor = view.token_global_rect(token)
    assert frame.contains(popup), (frame, popup)
    assert popup.bottom() <= anchor.top() or popup.top() >= anchor.bottom()


def test_entering_onto_a_word_shows_its_popup(qtbot, make_window):  # noqa: F811
    """Coming back into the window onto a word shows its popup without another move."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QEnterEvent
    from PySide6.QtWidgets import QApplication

    window = make_window()
    window.start("zhoutian-2020-third-opening")
    wait_ready(qtbot, window)
    view = window.article_view
    token = _visible_word(window)
    local = view.token_rects(token)[0].center()
    global_pos = QPointF(view.viewport().mapToGlobal(local.toPoint()))
    QApplication.sendEvent(view, QEnterEvent(QPointF(view.mapFromGlobal(global_pos.toPoint())),
                                             QPointF(view.viewport().mapTo(window, local.toPoint())),
                                             global_pos))
    qtbot.waitUntil(lambda: view.popups.visible and view.popups.token == token, timeout=3000)


def test_toolbar_is_labelled_and_themed(qtbot, make_window):  # noqa: F811
    """Toolbar labels are plain words with shortcut tooltips; the 繁 segment turns dark too."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    window = make_window()
    labels = {a.iconText(): a.toolTip() for a in window.toolbar.actions() if not a.isSeparator()}
    assert {"Pinyin", "A−", "A+", "Side Panel"} <= set(labels)
    assert "(Ctrl+P)" in labels["Pinyin"] and "(F9)" in labels["Side Panel"]
    window.set_theme("light")
    light = QApplication.palette().color(QPalette.ColorRole.Button)
    assert light.name() in window.script_toggle.styleSheet()
    window.set_theme("dark")
    dark = QApplication.palette().color(QPalette.ColorRole.Button)
    assert dark.name() in window.script_toggle.styleSheet()
    assert dark.lightness() < light.lightness() - 80
    window.set_theme("light")


def test_article_change_clears_highlights_people_and_translations(qtbot, make_window):  # noqa: F811
    """One highlight owner (a person replaces a glossary highlight); a new article starts
    with no person chosen, no person marks and an empty Translation tab."""
    from reader.ui.glossary import feature as glossary_feature
    from reader.ui.people import feature as people_feature
    from reader.ui.translation import feature as translation_feature

    window = make_window()
    glossary = glossary_feature.install(window, window.services)
    people = people_feature.install(window, window.services)
    translation = translation_feature.install(window, window.services)
    window.start("caijing-2020-to-b-two-years")
    wait_ready(qtbot, window)
    qtbot.waitUntil(lambda: bool(glossary.panel.model.term_rows() and people.rows()),
                    timeout=60_000)
    view = window.article_view
    glossary.show_occurrences(glossary.panel.model.term_rows()[0].entry_id)
    assert view.marks(glossary_feature.FOCUS_MARKS)
    ids = [row.person_id for row in people.rows()]
    people.show_person("guo-haozhe" if "guo-haozhe" in ids else ids[0])  # in both articles
    assert view.marks(people_feature.MARKS) and not view.marks(glossary_feature.FOCUS_MARKS)
    translation.panel.add_pending("Sentence", "騰訊")
    window.open_article("zhoutian-2020-third-opening")
    wait_ready(qtbot, window, "zhoutian-2020-third-opening")
    qtbot.waitUntil(lambda: bool(people.rows()) and not window.tasks.busy, timeout=60_000)
    assert "guo-haozhe" in [row.person_id for row in people.rows()]
    assert not view.marks(people_feature.MARKS) and view.selected_view_range() is None
    assert translation.panel.entries() == []


def test_article_title_heads_the_text_in_the_view_script(qtbot, make_window):  # noqa: F811
    """The open article's title is a heading above the text, converted with the script."""
    from reader.core.text.scripts import View

    window = make_window()
    window.start("caijing-2019-dowson-tong")
    wait_ready(qtbot, window)
    heading = window.article_title
    assert heading.isVisible() and heading.title().startswith("湯道生")
    assert heading.geometry().bottom() <= window.article_view.geometry().top()
    window.set_view(View.SIMPLIFIED)
    assert heading.title().startswith("汤道生")
    window.open_article("caijing-2020-to-b-two-years")
    wait_ready(qtbot, window, "caijing-2020-to-b-two-years")
    assert heading.isVisible() and heading.title().startswith("腾讯To B两年")
    window.open_article("36kr-2019-81-trials")  # its text opens with the title: no repeat
    wait_ready(qtbot, window, "36kr-2019-81-trials")
    assert not heading.isVisible()
