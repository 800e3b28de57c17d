"""Details found by looking at screenshots: popup characters, Glossary tab columns, screenshot options."""
from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QModelIndex, Qt

from reader.core.text.scripts import View
from reader.ui.theme import LIGHT
from tests.test_main_window_xvfb import check_png, run_app

READY_MS = 120_000


def test_character_fallback_is_written_in_the_view_script(annotator, dictionary):
    """A word CC-CEDICT lacks is explained character by character as shown: 湯, not 汤, in 繁."""
    from reader.ui.popup_content import dictionary_html

    document = annotator.annotate("湯道生說。")
    index = next(i for i in document.word_indices()
                 if document.token(i, View.SIMPLIFIED).text == "汤道生")
    html = dictionary_html(dictionary, document, index, View.TRADITIONAL, LIGHT, False, False)
    assert "湯:" in html and "汤:" not in html
    html = dictionary_html(dictionary, document, index, View.SIMPLIFIED, LIGHT, False, False)
    assert "汤:" in html


def test_popup_buttons_are_never_clipped_under_a_short_entry(qtbot):
    """A one-character entry makes a narrow popup; its action buttons still show their
    whole labels (the popup is as wide as the button row needs)."""
    from PySide6.QtCore import QRect

    from reader.ui.popup import WordPopup

    popup = WordPopup()
    qtbot.addWidget(popup)
    popup.set_actions([("Add to glossary", "G"), ("Save", "S"), ("Known", "K"),
                       ("Learning", "L"), ("Ignore", "I"), ("Read", "R")])
    popup.show_at("<b>的</b><br>de", QRect(100, 100, 20, 20))
    qtbot.waitExposed(popup)
    buttons = [popup.action_button(key) for key in "GSKLIR"]
    assert all(b is not None and b.isVisible() for b in buttons)
    clipped = [b.text() for b in buttons if b.width() < b.sizeHint().width()]
    assert clipped == []


def test_popup_buttons_keep_their_order_whoever_installs_first(qtbot):
    """Features add popup buttons as they install (the glossary only once it has loaded);
    the buttons follow their declared order, not that timing."""
    from reader.ui.article_view import ArticleView

    view = ArticleView()
    qtbot.addWidget(view)
    view.add_popup_action("Read", "R", lambda *a: None, order=40)
    view.add_popup_action("Add to glossary", "G", lambda *a: None, order=20)
    view.add_popup_action("Save", "S", lambda *a: None, order=10)
    view.add_popup_action("Other", "O", lambda *a: None)
    view.add_popup_action("Save again", "S", lambda *a: None, order=10)  # replaces Save
    assert view.popups.action_labels() == [("Save again", "S"), ("Add to glossary", "G"),
                                           ("Read", "R"), ("Other", "O")]


def test_glossary_tab_shows_short_meanings_and_a_narrow_term_column(qtbot, services):
    """Glossary rows show a short meaning (full text in the tooltip); categories span the row."""
    from reader.ui.glossary.feature import install
    from reader.ui.glossary.model import COL_TERM
    from reader.ui.main_window import MainWindow

    fresh = services
    window = MainWindow(fresh, persist=False, restore=False)
    qtbot.addWidget(window)
    window.show()
    feature = install(window, fresh)
    window.start("caijing-2020")
    panel = feature.panel
    qtbot.waitUntil(lambda: window.current_document() is not None and not window.tasks.busy
                    and bool(panel.model.term_rows()) and not panel.is_filling(),
                    timeout=READY_MS)  # a long term list fills in slices
    index = panel.index_of("tob")
    meaning = index.siblingAtColumn(2)
    assert meaning.data() == "to Business"
    assert len(meaning.data(Qt.ItemDataRole.ToolTipRole)) > 60  # the full explanation
    assert panel.tree.isFirstColumnSpanned(0, QModelIndex())
    assert panel.categories()[0].startswith("business model (")
    label_width = panel.tree.fontMetrics().horizontalAdvance(panel.categories()[0])
    assert panel.tree.header().sectionSize(COL_TERM) < label_width


def test_screenshot_tab_and_review_options_parse():
    """--tab NAME and --review are screenshot options; alone they are a one-line error."""
    from reader.ui.window_options import OptionsError, parse_options

    options = parse_options(["--screenshot", "x.png", "--tab", "People", "--review"])
    assert options.tab == "People" and options.review
    for bad in (["--tab", "People"], ["--review"]):
        with pytest.raises(OptionsError):
            parse_options(bad)


@pytest.mark.slow
def test_screenshots_of_a_tab_and_of_the_flashcard_review(qapp, tmp_path, reader_home,
                                                           shared_cache):
    """`--tab People` pictures the window on that tab; `--review` pictures the review window."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", READER_HOME=str(reader_home),
               READER_CACHE=str(shared_cache))
    saved = run_app(["glossary", "save", "--article", "nbd"], env)
    assert saved.returncode == 0 and "added" in saved.stdout
    out = tmp_path / "people.png"
    result = run_app(["--screenshot", str(out), "--article", "nbd", "--tab", "people",
                      "--size", "900x640"], env)
    assert result.returncode == 0, result.stderr[-2000:]
    check_png(qapp, out, 900, 640)
    result = run_app(["--screenshot", str(tmp_path / "x.png"), "--article", "nbd",
                      "--tab", "no-such-tab"], env)
    assert result.returncode == 2 and "no side-panel tab" in result.stderr
    out = tmp_path / "review.png"
    result = run_app(["--screenshot", str(out), "--article", "nbd", "--review"], env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert out.exists() and out.stat().st_size > 10_000
