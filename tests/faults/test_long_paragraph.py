"""Long paragraphs (issue 12 §3): jieba never sees an unbroken run, tokens of normal text
are unchanged, a huge paragraph is laid out in bounded blocks, the Markdown patterns
survive bracket floods, and a crash while opening never reopens the article."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from reader.core.library.extract import markdown_to_text
from reader.core.text import segment
from reader.core.text.plain_document import plain_document
from reader.core.text.scripts import View


@pytest.fixture(scope="module")
def long_paragraph() -> str:
    """The corpus as one paragraph (~50k characters of real text, no line breaks)."""
    from reader.core.library.corpus import Corpus
    from reader.core.paths import corpus_dir

    corpus = Corpus(corpus_dir())
    return "".join(corpus.get(info.id)[1].replace("\n", "") for info in corpus.list())


def test_tokens_of_normal_text_are_unchanged(services, long_paragraph, monkeypatch):
    """Cutting into pieces only where jieba would cut anyway changes no token."""
    segmenter = services.segmenter
    pieces = segmenter.cut(long_paragraph)
    monkeypatch.setattr(segment, "MAX_PIECE", len(long_paragraph) + 1)  # jieba on it whole
    assert pieces == segmenter.cut(long_paragraph)
    assert len(long_paragraph) > 10 * 500


def test_jieba_never_sees_a_long_run(services):
    """A run without any punctuation is fed in pieces of at most MAX_PIECE characters,
    and the tokens still tile the text."""
    text = "中" * 5_000 + "QUJD" * 1_000
    spans = list(segment.bounded_pieces(text))
    assert max(b - a for a, b in spans) <= segment.MAX_PIECE
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:], strict=False))
    document = services.annotator.annotate(text)
    assert "".join(document.token(i).text for i in range(len(document))) == text


def test_plain_document_has_no_long_token(long_paragraph):
    """The provisional document holds one token per character (Qt's breaks are kept)."""
    document = plain_document(long_paragraph)
    assert len(document) == len(long_paragraph)
    assert document.span(len(document) - 1) == (len(long_paragraph) - 1, len(long_paragraph))


def test_a_huge_paragraph_is_laid_out_in_bounded_blocks(qtbot, services, long_paragraph):
    """Opening a 100k-character paragraph lays out a few blocks of at most CHUNK
    characters, not the paragraph; every block together shows the text exactly."""
    from reader.core.text.document import prepare_views
    from reader.ui.article_view import ArticleView
    from reader.ui.paragraph_flow import CHUNK

    text = (long_paragraph * 2)[:100_000]
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    for document in (plain_document(text), services.annotator.annotate(text)):
        prepare_views(document, View.ORIGINAL)
        view.set_document(document, View.ORIGINAL, 50_000)
        layouts = view.visible_layouts()
        assert 0 < view.laid_out_paragraphs() <= 6
        assert all(layout.end - layout.start <= CHUNK for _, layout in layouts)
        assert all(layout.paragraph == 0 for _, layout in layouts)
    assert view.displayed_text() == text


def test_markdown_patterns_survive_bracket_floods():
    """Unclosed brackets, parentheses and emphasis marks by the ten thousand pass through
    as text; real links and emphasis are still stripped."""
    for flood in ("[" * 50_000, "[a](" * 20_000, "_a " * 20_000, "![" * 20_000, "`a " * 20_000):
        text, _ = markdown_to_text(flood)
        assert text == flood.rstrip()
    text, title = markdown_to_text("# 标题 ##\n**重要**的[链接](http://a.b/c_(d))和`代码`\n")
    assert title == "标题" and text == "标题\n重要的链接和代码\n"


def test_last_article_is_written_after_paint_and_not_after_a_crash(qtbot, services,
                                                                   reader_home):
    """The last article is recorded only once it painted; after an unclean exit the next
    start shows the library with an offer to reopen it, which works."""
    from reader.core.services import Services
    from reader.ui.main_window import MainWindow

    def make():
        fresh = Services(segmenter=services.segmenter, pinyin=services.pinyin,
                         dictionary=services.dictionary)  # its own settings, read from disk
        window = MainWindow(fresh)
        qtbot.addWidget(window)
        window.show()
        return window

    def saved() -> dict:
        return json.loads((reader_home / "data" / "settings.json").read_text())

    first = make()
    first.start()
    qtbot.waitUntil(lambda: first.current_document() is not None, timeout=120_000)
    ids = [info.id for info in first.services.library.list()]
    opened = first.current_article().id
    qtbot.waitUntil(lambda: saved().get("library.last_article") == opened, timeout=10_000)
    other = next(i for i in ids if i != opened)
    first.open_article(other)  # "crashes" before this one paints: no event loop turn
    assert saved()["library.last_article"] == opened
    assert saved().get("window.running") == os.getpid()
    # The first window "crashes": it is never closed, and the process that wrote the
    # marker is gone (a process that has exited stands in for it).
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    marker = saved()
    marker["window.running"] = gone.pid
    (reader_home / "data" / "settings.json").write_text(json.dumps(marker))
    second = make()  # reads the settings at once, before the first window can write again
    second.start()
    qtbot.waitUntil(lambda: second.notice_bar.action_button.isVisible(), timeout=30_000)
    assert second.current_article() is None and second.article_view.document() is None
    assert "did not close normally" in " ".join(second.notice_bar.notices())
    second.notice_bar.action_button.click()
    qtbot.waitUntil(lambda: second.current_article() is not None
                    and second.current_article().id == opened, timeout=30_000)
    second.close()
    assert saved().get("window.running", 0) == 0
