"""The People tab in the real window (offscreen): highlights, scripts, F3, sort, popup, corrections."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from reader.core import paths
from reader.core.library.corpus import ArticleInfo
from reader.core.people.layer import People
from reader.core.people.layer import install as install_people
from reader.core.people.user_file import USER_FILE
from reader.core.text.pipeline import Annotator
from reader.core.text.scripts import Script, View
from reader.ui.people.panel import SUBTITLE_ROLE

READY_MS = 120_000


@pytest.fixture
def make_window(qtbot, services, reader_home):
    """A MainWindow with the People feature, over this test's own people file."""
    from reader.core.services import Services
    from reader.ui.main_window import MainWindow
    from reader.ui.people.feature import install

    def make():
        people = People(paths.assets_dir() / "people", paths.data_dir() / USER_FILE,
                        tokenizer=lambda: services.segmenter.tokenizer,
                        dictionary=lambda: services.dictionary)
        annotator = Annotator(services.segmenter, services.pinyin)
        install_people(annotator, people)
        fresh = Services(segmenter=services.segmenter, pinyin=services.pinyin,
                         dictionary=services.dictionary, people=people, annotator=annotator)
        window = MainWindow(fresh, persist=False, restore=False)
        qtbot.addWidget(window)
        feature = install(window, fresh)
        window.resize(1200, 800)
        window.show()
        return window, feature

    return make


def open_and_wait(qtbot, window, article_id=None, text=None):
    if text is not None:
        info = ArticleInfo(id="scratch-people", title="test", script=Script.SIMPLIFIED,
                           length=len(text), source="scratch")
        window.open_text(info, text)
    elif window.current_article() is None:
        window.start(article_id)
    else:
        window.open_article(article_id)

    def ready():
        info = window.current_article()
        return (window.current_document() is not None and not window.tasks.busy
                and (article_id is None or info.id.startswith(article_id)))

    qtbot.waitUntil(ready, timeout=READY_MS)


def click_person(qtbot, feature, person_id):
    feature.context.side_panel.show_tab(feature.panel)
    tree = feature.panel.tree
    qtbot.waitUntil(tree.isVisible)
    index = feature.panel.model.index_for(person_id)
    rect = tree.visualRect(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def names(feature):
    return [r.name for r in feature.rows()]


def test_clicking_a_person_highlights_exactly_their_mentions(qtbot, make_window):
    """002: clicking 汤道生 tints his 27 mentions (唐道生, 道森, 唐骏 included) and scrolls there."""
    window, feature = make_window()
    open_and_wait(qtbot, window, "36kr")
    assert window.side_panel.tab_titles().count("People") == 1
    tang = feature.row("tang-daosheng")
    assert tang is not None and tang.count == 27
    assert set(tang.aliases) == {"唐道生", "道森", "唐骏"}
    click_person(qtbot, feature, "tang-daosheng")
    view = window.article_view
    assert view.marks("person") == sorted(tang.mentions)
    text = window.current_document().simplified
    assert {text[s:e] for s, e in view.marks("person")} == {"唐道生", "道森", "唐骏", "汤道生"}
    first = tang.mentions[0][0]
    low, high = view.visible_base_range()
    assert low <= first < high
    assert feature.current_mention() == tang.mentions[0]


def test_names_follow_the_script_and_marks_stay(qtbot, make_window):
    """000: 湯道生 as written, 汤道生 in Simplified; the tinted mentions do not move."""
    window, feature = make_window()
    open_and_wait(qtbot, window, "caijing-2020")
    assert names(feature)[:3] == ["謝麗容", "陳瀟瀟", "劉以秦"]
    click_person(qtbot, feature, "tang-daosheng")
    marks = window.article_view.marks("person")
    window.set_view(View.SIMPLIFIED)
    qtbot.waitUntil(lambda: names(feature)[:1] == ["谢丽容"], timeout=READY_MS)
    assert "汤道生" in names(feature) and "湯道生" not in names(feature)
    assert window.article_view.marks("person") == marks
    cell = feature.panel.model.index_for("tang-daosheng")
    assert cell.data() == "汤道生  Tāng Dàoshēng"
    assert cell.data(SUBTITLE_ROLE).startswith("Dowson Tong · Senior Executive Vice President")


def test_f3_and_shift_f3_step_through_mentions(qtbot, make_window):
    """F3 goes to the next mention, Shift+F3 back, wrapping at the ends."""
    window, feature = make_window()
    open_and_wait(qtbot, window, "36kr")
    feature.show_person("zhong-xiangping")
    row = feature.row("zhong-xiangping")
    assert row.count == 3
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.article_view.setFocus()
    qtbot.keyClick(window.article_view, Qt.Key.Key_F3)
    assert feature.current_mention() == row.mentions[1]
    qtbot.keyClick(window.article_view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.article_view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert feature.current_mention() == row.mentions[2]
    feature.panel.next_button.click()
    assert feature.current_mention() == row.mentions[0]


def test_sort_by_mention_count_is_a_setting(qtbot, make_window):
    """"By mentions" puts 汤道生 (27) first in 002 and is saved as people.sort."""
    window, feature = make_window()
    open_and_wait(qtbot, window, "36kr")
    assert names(feature)[0] == "马化腾"
    feature.panel.sort_box.setCurrentIndex(feature.panel.sort_box.findData("count"))
    assert names(feature)[:2] == ["汤道生", "张喜安"]
    assert window.services.settings.get("people.sort") == "count"


def test_hovering_a_name_shows_the_person_card(qtbot, make_window):
    """The popup section (order 20) for 唐道生 is 汤道生's card with his English name."""
    window, feature = make_window()
    open_and_wait(qtbot, window, "36kr")
    document = window.current_document()
    start = feature.row("tang-daosheng").mentions[0][0]
    index = document.token_index_at(start)
    html = feature.popup_section(document, index, View.ORIGINAL)
    assert "汤道生" in html and "Dowson Tong" in html and "唐道生" in html
    assert "27 mentions" in html
    assert feature.popup_section(document, index + 1, View.ORIGINAL) is None


def test_corrections_from_the_panel_and_the_selection(qtbot, make_window):
    """Not a person (panel), Add as Person and Same Person As… (selection) apply and persist."""
    window, feature = make_window()
    text = "记者王小明报道。副总裁张大伟说:好。老钟也来了,老钟说很好。"
    open_and_wait(qtbot, window, "nbd")  # starts the window and its engines
    open_and_wait(qtbot, window, text=text)
    assert {r.person_id for r in feature.rows()} == {"detected:王小明", "detected:张大伟"}
    assert feature.row("detected:张大伟").detected

    feature.on_correction("not-person", "detected:张大伟")
    qtbot.waitUntil(lambda: feature.row("detected:张大伟") is None and not window.tasks.busy,
                    timeout=READY_MS)

    start = text.index("老钟")
    window.article_view.select_base_range(start, start + 2)
    assert feature.add_action.isEnabled()
    feature.add_action.trigger()
    qtbot.waitUntil(lambda: feature.row("user:老钟") is not None, timeout=READY_MS)
    assert feature.row("user:老钟").count == 2

    start = text.index("王小明")
    window.article_view.select_base_range(start, start + 3)
    feature.same_action.trigger()
    dialog = window.findChild(QInputDialog, "people-same-as")
    assert dialog is not None
    dialog.setTextValue(next(i for i in dialog.comboBoxItems() if i.startswith("老钟")))
    dialog.accept()
    qtbot.waitUntil(lambda: feature.row("detected:王小明") is None and not window.tasks.busy,
                    timeout=READY_MS)
    assert feature.row("user:老钟").count == 3

    restarted = People(paths.assets_dir() / "people", paths.data_dir() / USER_FILE)
    assert "张大伟" in restarted.user.not_person
    assert restarted.user.aliases == {"王小明": "user:老钟"}



def test_feature_card_replaces_character_glosses(qtbot, services):
    """A card from a feature section (a person) replaces the by-character glosses of a name
    CC-CEDICT lacks; without a card they are shown."""
    from reader.core.text.scripts import View
    from reader.ui.article_view import ArticleView

    view = ArticleView(services.dictionary)
    qtbot.addWidget(view)
    text = "汤道生表示，腾讯会继续投入。"
    document = services.annotator.annotate(text)
    view.set_document(document, View.SIMPLIFIED)
    index = document.token_index_at(0, View.SIMPLIFIED)
    assert document.token(index, View.SIMPLIFIED).text == "汤道生"
    assert "by character" in view.popups.content(index)
    view.add_popup_section(lambda doc, i, shown: "<b>Dowson Tong</b>" if i == index else None, 20)
    with_card = view.popups.content(index)
    assert "Dowson Tong" in with_card and "by character" not in with_card
