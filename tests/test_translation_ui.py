"""Translation in the window (offscreen), against the local fake engine or the real network."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.core.library.corpus import ArticleInfo
from reader.core.text.scripts import Script
from reader.core.translate import Timeouts, TranslationCache, Translator
from reader.ui.translation.feature import WAITING, TranslationFeature, ask_consent_dialog
from tests.translation_server import fake_translation, sent, serve_google, silent_server
from tests.windows import READY_MS, window_with_translator

TEST_TIMEOUTS = Timeouts(1.0, 2.0)
PARAGRAPHS = [f"第{i}段：腾讯云正在加快产业互联网的布局。" for i in range(80)]
TEXT = "\n".join(PARAGRAPHS)
FIRST_SENTENCE = "第0段：腾讯云正在加快产业互联网的布局。"


@pytest.fixture
def open_reader(qtbot, services, httpserver, reader_home):
    """make(endpoint=..., consent=...) -> (window, feature, consent questions asked).

    endpoint "fake" is the local fake Google, None the real hostnames (offline here), or a URL.
    """
    caches = []

    def make(endpoint="fake", consent=True, timeouts=TEST_TIMEOUTS):
        url = serve_google(httpserver) if endpoint == "fake" else endpoint
        cache = TranslationCache(reader_home / "translations.sqlite3")
        caches.append(cache)
        translator = Translator(cache, services.settings, min_interval=0, backoff=0.01,
                                endpoints={"google": url} if url else None, timeouts=timeouts)
        window, fresh = window_with_translator(qtbot, services, translator)
        asked = []

        def ask(_parent, engine):
            asked.append(engine)
            return consent

        feature = TranslationFeature(window, fresh, ask_consent=ask)
        window.start()
        qtbot.waitUntil(lambda: window.current_document() is not None, timeout=READY_MS)
        info = ArticleInfo("scratch-test", "Test", Script.SIMPLIFIED, len(TEXT), source="scratch")
        window.open_text(info, TEXT)
        qtbot.waitUntil(lambda: window.current_document() is not None
                        and window.current_document().original == TEXT
                        and not window.tasks.busy, timeout=READY_MS)
        return window, feature, asked

    yield make
    for cache in caches:
        cache.close()


def test_installs_through_the_composition_root(qtbot, services):
    """`install_features` adds the Translation tab, menu items with shortcuts, toolbar toggles."""
    from reader.core.services import Services
    from reader.ui.main import install_features
    from reader.ui.main_window import MainWindow
    from reader.ui.window_actions import shortcut_table

    window = MainWindow(Services(), persist=False, restore=False)
    qtbot.addWidget(window)
    from reader.ui.translation import feature

    assert install_features(window, window.services, [feature]) == []
    assert "Translation" in window.side_panel.tab_titles()
    shortcuts = {(action, keys) for _menu, action, keys in shortcut_table(window._menus)}
    assert ("Translate Selection or Sentence", "Ctrl+Return, Ctrl+Enter") in shortcuts
    assert ("Bilingual View", "Ctrl+B") in shortcuts
    assert ("Word Gloss Line", "Ctrl+G") in shortcuts
    labels = {a.iconText(): a.toolTip() for a in window.toolbar.actions()}
    assert "(Ctrl+B)" in labels["Bilingual View"] and "(Ctrl+G)" in labels["Word Gloss Line"]


def test_sentence_translation_asks_once_and_caches(qtbot, open_reader, httpserver):
    """Ctrl+Enter translates the sentence at the cursor into the panel, without blocking;
    consent is asked once; the same sentence again comes from the cache."""
    window, feature, asked = open_reader()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.article_view.setFocus()
    qtbot.keyClick(window.article_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    entry = feature.panel.latest()
    assert entry is not None and entry.source == FIRST_SENTENCE
    qtbot.waitUntil(lambda: entry.state == "done", timeout=10_000)
    assert entry.text == fake_translation(FIRST_SENTENCE)
    assert asked == ["google"] and window.services.settings.get("translate.consented")
    feature.translate_here()
    again = feature.panel.latest()
    assert again is not entry and again.state == "done"
    assert "saved" in again.meta
    assert len(sent(httpserver)) == 1 and asked == ["google"]
    assert window.side_panel.tabs.currentWidget() is feature.panel


def test_selection_and_paragraph(qtbot, open_reader, httpserver):
    """A selection is sent as selected; Ctrl+Shift+Enter sends the whole paragraph."""
    window, feature, _asked = open_reader()
    document = window.current_document()
    start = document.simplified.index("腾讯云")
    window.article_view.select_base_range(start, start + 3)
    feature.translate_here()
    qtbot.waitUntil(lambda: feature.panel.latest().state == "done", timeout=10_000)
    assert feature.panel.latest().source == "腾讯云"
    window.article_view.select_base_range(0, 0)
    feature.translate_paragraph_here()
    qtbot.waitUntil(lambda: feature.panel.latest().state == "done", timeout=10_000)
    assert feature.panel.latest().what == "Paragraph"
    assert [p["q"] for p in sent(httpserver)] == ["腾讯云", PARAGRAPHS[0]]


def test_declining_consent_sends_nothing_and_shows_the_gloss(qtbot, open_reader, httpserver):
    """'Don't Allow' turns online translation off; the panel shows the offline word gloss."""
    window, feature, asked = open_reader(consent=False)
    feature.translate_here()
    entry = feature.panel.latest()
    assert entry.state == "failed" and "off" in entry.text
    qtbot.waitUntil(lambda: bool(entry.gloss), timeout=10_000)
    assert "腾讯云 Tencent Cloud" in entry.gloss
    assert asked == ["google"] and sent(httpserver) == []
    assert window.services.settings.get("translate.enabled") is False
    assert not feature.allow_action.isChecked()
    feature.translate_here()
    assert asked == ["google"]  # asked once only


def test_offline_message_in_plain_words(qtbot, open_reader):
    """With the real engine (no network here) the panel says 'Offline' and offers Retry."""
    window, feature, _asked = open_reader(endpoint=None)
    feature.translate_here()
    entry = feature.panel.latest()
    qtbot.waitUntil(lambda: entry.state == "failed", timeout=10_000)
    assert entry.text.startswith("Offline: could not reach Google Translate")
    assert feature.panel.retry_button.isEnabled()
    assert window.status.currentMessage().startswith("Offline")
    feature.panel.retry_button.click()
    assert feature.panel.latest() is not entry


def test_silent_server_never_blocks_the_window(qtbot, open_reader):
    """A server that never answers: the request returns at once, 'timed out' comes later."""
    with silent_server() as url:
        window, feature, _asked = open_reader(endpoint=url, timeouts=Timeouts(1.0, 0.5))
        feature.translate_here()
        entry = feature.panel.latest()
        assert entry.state == "pending"  # the GUI thread did not wait
        qtbot.waitUntil(lambda: entry.state == "failed", timeout=10_000)
    assert entry.text == "Timed out: Google Translate did not answer within 0.5 s."


def test_bilingual_view_translates_what_is_shown(qtbot, open_reader, httpserver):
    """Only laid-out paragraphs are sent, one request each; scrolling fetches more;
    turning the view off and on sends no paragraph twice."""
    window, feature, _asked = open_reader()
    view = window.article_view
    document = window.current_document()
    window.activateWindow()
    qtbot.keyClick(view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert feature.bilingual_action.isChecked()
    assert feature.translation_line(document, 0, window.current_view()) in (
        WAITING, fake_translation(PARAGRAPHS[0]))
    qtbot.waitUntil(lambda: feature.translation_line(document, 0, window.current_view())
                    == fake_translation(PARAGRAPHS[0]), timeout=10_000)
    qtbot.waitUntil(lambda: not feature._queue and not feature._fetching, timeout=10_000)
    first_batch = len(sent(httpserver))
    assert 0 < first_batch < len(PARAGRAPHS)
    view.scroll_to_base_offset(document.paragraphs[-1][0])
    qtbot.waitUntil(lambda: feature.translation_line(document, len(PARAGRAPHS) - 1,
                                                     window.current_view())
                    == fake_translation(PARAGRAPHS[-1]), timeout=10_000)
    qtbot.waitUntil(lambda: not feature._queue and not feature._fetching, timeout=10_000)
    total = len(sent(httpserver))
    assert total > first_batch
    assert len({p["q"] for p in sent(httpserver)}) == total  # nothing sent twice
    feature.set_bilingual(False)
    feature.set_bilingual(True)  # the lines come back from memory and the cache
    view.refresh_lines()
    qtbot.wait(300)
    qtbot.waitUntil(lambda: not feature._queue and not feature._fetching, timeout=10_000)
    queries = [p["q"] for p in sent(httpserver)]
    assert len(set(queries)) == len(queries)  # (a shorter layout may show new paragraphs)


def test_bilingual_offline_falls_back_to_gloss_and_retries_on_click(qtbot, open_reader):
    """Offline, each paragraph says why and shows the word gloss; clicking its line retries."""
    window, feature, _asked = open_reader(endpoint=None)
    view = window.article_view
    document = window.current_document()
    feature.set_bilingual(True)
    line = lambda: feature.translation_line(document, 0, window.current_view())  # noqa: E731
    qtbot.waitUntil(lambda: line().startswith("⚠ Not translated: offline.")
                    and "\u2028" in line(), timeout=10_000)
    assert "Click to retry." in line() and "Tencent Cloud" in line()
    assert window.status.currentMessage().startswith("Offline: could not reach")
    retried = []
    feature.paragraph_finished.connect(retried.append)
    last_word = max(i for i in document.word_indices() if document.span(i)[1] <= len(PARAGRAPHS[0]))
    rect = view.token_rects(last_word)[-1]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(int(rect.left()), int(rect.bottom()) + 8))
    qtbot.waitUntil(lambda: PARAGRAPHS[0] in retried, timeout=10_000)
    assert line().startswith("⚠ Not translated: offline.")


def test_failures_pause_the_bilingual_view_until_retry(qtbot, open_reader, httpserver):
    """After a failure, paragraphs scrolled into view are not sent; a retry that works
    sends the failed ones again."""
    failing = {"on": True}
    url = serve_google(httpserver, status=lambda n: 503 if failing["on"] else 200)
    window, feature, _asked = open_reader(endpoint=url)
    view = window.article_view
    document = window.current_document()
    line = lambda i: feature.translation_line(document, i, window.current_view())  # noqa: E731
    feature.set_bilingual(True)
    qtbot.waitUntil(lambda: line(0).startswith("⚠ Not translated: the engine failed"),
                    timeout=10_000)
    assert len(sent(httpserver)) == 2  # one paragraph, tried twice
    view.scroll_to_base_offset(document.paragraphs[-1][0])
    qtbot.wait(300)
    assert line(len(PARAGRAPHS) - 1).startswith("⚠ Not translated")
    assert len(sent(httpserver)) == 2
    failing["on"] = False
    feature.retry_failed_paragraphs()
    qtbot.waitUntil(lambda: line(len(PARAGRAPHS) - 1) == fake_translation(PARAGRAPHS[-1]),
                    timeout=10_000)


def test_gloss_line_toggles_like_ruby(qtbot, open_reader):
    """Ctrl+G shows the word gloss under each paragraph (setting view.gloss_line); again hides it."""
    window, feature, _asked = open_reader()
    document = window.current_document()
    window.activateWindow()
    qtbot.keyClick(window.article_view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert window.services.settings.get("view.gloss_line") is True
    qtbot.waitUntil(lambda: feature.gloss_line(document, 0, window.current_view()) is not None,
                    timeout=20_000)
    assert feature.gloss_line(document, 0, window.current_view()).startswith("第 (ordinal)")
    qtbot.keyClick(window.article_view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert window.services.settings.get("view.gloss_line") is False
    assert "gloss" not in window.article_view._line_providers


def test_consent_dialog_says_what_goes_where(qtbot):
    """The real consent dialog names the engine and its host; Allow returns True."""
    seen = {}

    def answer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "Allow").click()

    QTimer.singleShot(200, answer)
    assert ask_consent_dialog(None, "mymemory") is True
    assert "MyMemory" in seen["text"] and "api.mymemory.translated.net" in seen["text"]
    assert "never sent twice" in seen["text"]
