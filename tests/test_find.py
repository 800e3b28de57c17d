"""Find in the article: the core search (scripts, pinyin) and the find bar in the real window."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.core.text.find import find, find_pinyin, parse_pinyin
from reader.core.text.scripts import View
from tests.windows import open_scratch, shown_window, start_and_wait

TEXT = "腾讯公司今天说，騰訊的股价上涨。\n银行行长很高兴。绿色的车。Tencent 很大。"


@pytest.fixture(scope="module")
def document(annotator):
    return annotator.annotate(TEXT)


def found(document, query):
    return [document.simplified[s:e] for s, e in find(document, query)]


def test_traditional_query_finds_simplified_text(document):
    """騰訊 and 腾讯 both find both occurrences, whatever script each was written in."""
    assert found(document, "騰訊") == ["腾讯", "腾讯"]
    assert find(document, "腾讯") == find(document, "騰訊")


@pytest.mark.parametrize("query", ["tengxun", "téng xùn", "teng2xun4", "Teng Xun", "teng2 xun"])
def test_pinyin_with_or_without_tones(document, query):
    """Pinyin with marks, numbers, spaces or none finds 腾讯 by its reading."""
    assert found(document, query) == ["腾讯", "腾讯"]


def test_wrong_tone_finds_nothing(document):
    """A tone that is given must match: teng3 is not 腾 (téng)."""
    assert find_pinyin(document, "teng3xun") == []


def test_pinyin_matches_single_syllables_inside_words(document):
    """A syllable inside a word maps to its own character: hang2 finds the 行 of 银行 and of
    行长 (háng zhǎng), each one character; zhang3 finds 涨 and 长."""
    spans = find_pinyin(document, "hang2")
    assert [document.simplified[s:e] for s, e in spans] == ["行", "行"]
    assert document.simplified[spans[0][0] - 1] == "银"
    assert [document.simplified[s:e] for s, e in find_pinyin(document, "zhang3")] == ["涨", "长"]


def test_u_umlaut_spellings(document):
    """lüse, lvse and lu:se all find 绿色."""
    for query in ("lüse", "lvse", "lü4 se4"):
        assert found(document, query) == ["绿色"], query


def test_latin_text_ignores_case(document):
    """Latin words are found case-insensitively."""
    assert found(document, "tencent") == ["Tencent"]


def test_parse_pinyin_rejects_non_pinyin():
    """English words that are not syllables are not read as pinyin."""
    assert parse_pinyin("xyz") is None
    assert parse_pinyin("teng2xun4") == [("teng", "2"), ("xun", "4")]


# -- the find bar --------------------------------------------------------------------------
@pytest.fixture
def window(qtbot, services):
    from reader.ui.find.feature import install

    window = shown_window(qtbot, services, (1000, 700))
    feature = install(window, services)
    start_and_wait(qtbot, window)
    open_scratch(qtbot, window, TEXT, "scratch-find", title="find")
    return window, feature


def test_ctrl_f_opens_bar_and_counts(qtbot, window):
    """Ctrl+F opens the bar; typing shows '1 of 2' and tints both matches; Esc closes."""
    window, feature = window
    window.article_view.setFocus()
    qtbot.keyClick(window.article_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert feature.bar.isVisible()
    assert feature.bar.field.hasFocus()
    feature.bar.field.insert("騰訊")  # QTest cannot type CJK characters
    qtbot.waitUntil(lambda: feature.bar.count.text() == "1 of 2")
    assert len(window.article_view.marks("find")) == 2
    qtbot.keyClick(feature.bar.field, Qt.Key.Key_Return)
    assert feature.bar.count.text() == "2 of 2"
    current = window.article_view.marks("find-current")
    assert current == [feature.matches[1]]
    qtbot.keyClick(feature.bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert feature.bar.count.text() == "1 of 2"
    qtbot.keyClick(feature.bar.field, Qt.Key.Key_F3)
    assert feature.bar.count.text() == "2 of 2"
    qtbot.keyClick(feature.bar.field, Qt.Key.Key_Escape)
    assert not feature.bar.isVisible()
    assert window.article_view.marks("find") == []


def test_pinyin_and_no_matches_in_traditional_view(qtbot, window):
    """In the Traditional view, tengxun still finds both; a missing word says so."""
    window, feature = window
    window.set_view(View.TRADITIONAL)
    feature.open("tengxun")
    assert feature.bar.count.text() == "1 of 2"
    feature.bar.field.setText("火星")
    feature.bar.flush()
    assert feature.bar.count.text() == "No matches"
    assert window.article_view.marks("find") == []


def test_long_document_is_searched_off_the_gui_thread(qtbot, window, annotator):
    """Over the synchronous limit, the count says Searching… and the worker's answer lands."""
    from reader.ui.find import feature as find_feature

    window, feature = window
    copies = find_feature.SYNC_CHARS // len(TEXT) + 5
    text = (TEXT + "\n") * copies
    open_scratch(qtbot, window, text, "scratch-long", title="long")
    feature.open("腾讯")
    assert feature.bar.count.text() == "Searching…"
    total = 2 * copies
    qtbot.waitUntil(lambda: feature.bar.count.text() == f"1 of {total}", timeout=30_000)
