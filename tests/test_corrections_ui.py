"""Corrections from the text's right-click menu, in the real window: the dialog, the scope,
the re-annotation at the same place."""
from __future__ import annotations

import pytest

from tests.windows import READY_MS, open_scratch, shown_window, start_and_wait

LINE = "他是银行行长。"


@pytest.fixture
def window(qtbot, services):
    from reader.ui.corrections.feature import install

    window = shown_window(qtbot, services, (1000, 700))
    feature = install(window, services)
    start_and_wait(qtbot, window)
    return window, feature


def open_text(qtbot, window, text, article_id="scratch-fix"):
    return open_scratch(qtbot, window, text, article_id, title="fix", idle=True)


def token_of(document, text, nth=0):
    found = [i for i in document.word_indices() if document.token(i).text == text]
    return found[nth]


def menu_for(window, token, char=0):
    view = window.article_view
    view._ensure_token_visible(token)
    rects = view.token_rects(token)
    rect = rects[0]
    width = rect.width() / (view.document().span(token)[1] - view.document().span(token)[0])
    pos = rect.topLeft().toPoint()
    pos.setX(int(rect.left() + width * (char + 0.9)))
    pos.setY(int(rect.center().y()))
    menu = view.context_menu_at(pos.toPointF())
    return menu, {a.text().replace("&", ""): a for a in menu.actions()}


def words(document):
    return [t.text for t in document.tokens() if t.is_word]


def test_split_here_for_this_article_keeps_the_place(qtbot, window, services):
    """Split Here cuts the word at the pointer; the article re-annotates where it was read."""
    window, feature = window
    document = open_text(qtbot, window, "\n".join([LINE] * 400))
    view = window.article_view
    view.scroll_to_base_offset(document.paragraphs[200][0])
    before = document.paragraph_index_at(view.reading_position())
    token = token_of(document, "银行行长", 200)
    menu, actions = menu_for(window, token, char=1)
    assert {"Split Here…", "Change Reading…"} <= set(actions)
    actions["Split Here…"].trigger()
    dialog = feature.dialog
    assert dialog.parts.text() == "银行 行长"  # cut after the second character
    with qtbot.waitSignal(window.document_changed, timeout=READY_MS):
        dialog.accept()
    document = window.current_document()
    assert words(document)[:4] == ["他", "是", "银行", "行长"]
    assert document.paragraph_index_at(view.reading_position()) == before
    assert services.corrections.rows("scratch-fix") == [
        ("scratch-fix", "split", "银行行长", "银行 行长")]
    assert services.corrections.rows() == services.corrections.rows("scratch-fix")


def test_change_reading_for_every_article(qtbot, window, services):
    """Change Reading offers CC-CEDICT's readings; the chosen one holds in other articles."""
    window, feature = window
    services.corrections.add("split", "银行行长", "银行 行长")
    document = open_text(qtbot, window, LINE)
    _, actions = menu_for(window, token_of(document, "行长"))
    actions["Change Reading…"].trigger()
    dialog = feature.dialog
    readings = [dialog.readings.item(i).text() for i in range(dialog.readings.count())]
    assert "xíng zhǎng" in readings or "háng zhǎng" in readings
    dialog.pinyin.setText("hang")  # wrong: refused in the dialog, which stays open
    dialog.accept()
    assert dialog.isVisible() and "syllables" in dialog.error.text()
    dialog.pinyin.setText("xíng zhǎng")
    dialog.all_articles.setChecked(True)
    with qtbot.waitSignal(window.document_changed, timeout=READY_MS):
        dialog.accept()
    reading = {t.text: t.pinyin for t in window.current_document().tokens()}
    assert reading["行长"] == "xíng zhǎng"
    other = open_text(qtbot, window, "王行长来了。" + LINE, "scratch-other")
    assert {t.text: t.pinyin for t in other.tokens()}["行长"] == "xíng zhǎng"


def test_make_one_word_from_a_selection(qtbot, window):
    """Selecting two words offers Make This One Word; after it they are one token."""
    window, feature = window
    document = open_text(qtbot, window, LINE)
    start = document.simplified.index("是银")
    window.article_view.select_base_range(start, start + 2)
    menus = window.article_view.context_menus
    actions = {a.text().replace("&", ""): a for a in menus.build(menus.target()).actions()}
    actions["Make This One Word"].trigger()
    with qtbot.waitSignal(window.document_changed, timeout=READY_MS):
        feature.dialog.accept()
    assert "是银" in words(window.current_document())
