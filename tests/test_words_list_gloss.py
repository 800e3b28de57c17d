"""The Words tab's meanings: glossary entry, then person, then the offline glosser; readings."""
from __future__ import annotations

from reader.core.gloss.word_list import glossed_word_list, reading_with_latin
from reader.core.text.scripts import View

TEXT = "腾讯To B两年，汤道生在会议上说，C端和B端都要做。騰訊雲很大，腾讯云也很大。"


def _by_word(words):
    return {w.simplified: w for w in words}


def test_glossary_terms_people_and_function_words_get_short_glosses(services):
    """To B shows its glossary gloss, 汤道生 his English name, 上 'on' (not a CC-CEDICT cross-reference)."""
    document = services.annotator.annotate(TEXT)
    words = _by_word(glossed_word_list(document, services.glosser))
    assert words["To B"].gloss == "to Business"
    assert words["汤道生"].gloss == "Dowson Tong"
    assert words["上"].gloss == "on"
    assert not any(w.gloss.startswith(("used in", "see ", "variant of")) for w in words.values())


def test_gloss_follows_the_written_form(services):
    """A Traditional article's 騰訊雲 is Tencent's cloud: the gloss reads the word as written."""
    document = services.annotator.annotate("騰訊雲很大。騰訊雲在雲上。")
    words = _by_word(glossed_word_list(document, services.glosser))
    assert "cloud" in words["腾讯云"].gloss.casefold()
    assert "say" not in words["腾讯云"].gloss


def test_mixed_glossary_terms_show_latin_and_pinyin(services):
    """C端 reads 'C duān' in the list (its Han character has pinyin, the letter is kept)."""
    document = services.annotator.annotate(TEXT)
    words = _by_word(glossed_word_list(document, services.glosser))
    assert words["C端"].pinyin == "C duān"
    assert words["B端"].gloss  # a glossary term, never an empty meaning
    assert reading_with_latin("大B大G", "da4 da4") == "da4 B da4 G"
    assert reading_with_latin("腾讯", "teng2 xun4") == "teng2 xun4"
    assert reading_with_latin("To B", "") == ""


def test_words_tab_in_the_window_shows_the_best_gloss(qtbot, services):
    """The window's Words tab lists 'To B' with its glossary meaning once the article is open."""
    from reader.ui.main_window import MainWindow
    from reader.ui.words.feature import COL_GLOSS

    fresh = services
    window = MainWindow(fresh, persist=False, restore=False)
    qtbot.addWidget(window)
    window.show()
    window.start("caijing-2020")
    qtbot.waitUntil(lambda: window.current_document() is not None and not window.tasks.busy
                    and window.words_tab.model.rowCount() > 0, timeout=120_000)
    model = window.words_tab.model
    rows = {model.word(r).simplified: r for r in range(model.rowCount())}
    assert model.data(model.index(rows["To B"], COL_GLOSS)) == "to Business"
    assert model.data(model.index(rows["上"], COL_GLOSS)) == "on"
    window.set_view(View.TRADITIONAL)
    assert model.data(model.index(rows["To B"], COL_GLOSS)) == "to Business"
