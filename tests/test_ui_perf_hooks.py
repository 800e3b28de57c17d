"""Hooks added to keep the GUI thread short: prepared mark sets, no conversion while warming."""
from __future__ import annotations

import pytest

from reader.core.text.plain_document import plain_document
from reader.core.text.scripts import View
from reader.ui.article_view import ArticleView
from reader.ui.font_warmer import warm_jobs
from reader.ui.marks import MarkSet

TEXT = "騰訊雲在2019年進入產業互聯網。\n\n這是第二段，講企業服務。"


def test_prepared_mark_set_shows_like_set_marks(qtbot):
    """A MarkSet built elsewhere (a worker) is shown exactly as set_marks would show it."""
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_document(plain_document(TEXT), View.ORIGINAL)
    spans = [(9, 12), (0, 4)]
    view.set_marks("a", spans, "glossary")
    view.set_mark_set("b", MarkSet("glossary", spans))
    assert view.marks("b") == view.marks("a") == [(0, 4), (9, 12)]


def test_font_warming_never_converts_on_the_gui_thread(qtbot):
    """Warm-up jobs use only views already computed; a missing view stays uncomputed."""
    document = plain_document(TEXT)
    document.view(View.ORIGINAL)
    warm_jobs(document, View.ORIGINAL, 0, len(document.paragraphs) - 1, 16)
    assert not document.has_view(View.TRADITIONAL) and not document.has_view(View.HONGKONG)
    for view in (View.TRADITIONAL, View.HONGKONG):
        document.view(view)
    jobs = warm_jobs(document, View.SIMPLIFIED, 0, len(document.paragraphs) - 1, 16)
    assert jobs and all(text.strip() for _, text in jobs)


def test_a_plain_document_converted_later_matches_one_converted_now():
    """convert_later leaves OpenCC out until `simplified` is read, then gives the same text."""
    later = plain_document(TEXT, convert_later=True)
    now = plain_document(TEXT)
    assert now.has_simplified and not later.has_simplified
    assert later.text(View.ORIGINAL) == TEXT
    assert later.paragraphs == now.paragraphs
    assert not later.has_simplified  # the original view converted nothing
    assert later.simplified == now.simplified != TEXT
    assert later.has_simplified


def test_font_warming_leaves_a_text_converted_later_unconverted(qtbot):
    """Warming for the Simplified face never converts the text on the GUI thread."""
    document = plain_document(TEXT, convert_later=True)
    jobs = warm_jobs(document, View.ORIGINAL, 0, len(document.paragraphs) - 1, 16)
    assert jobs == [] and not document.has_simplified
    document.simplified  # noqa: B018 (a worker reads it, in the window)
    jobs = warm_jobs(document, View.ORIGINAL, 0, len(document.paragraphs) - 1, 16)
    assert [text for _, text in jobs] == [document.simplified]


def test_a_part_built_later_is_built_once_and_never_from_inside_its_own_build():
    """BuiltLater builds on the first get() only; a build that asks for its own part fails
    loudly rather than building a second one."""
    from reader.ui.built_later import BuiltLater

    made = []
    part = BuiltLater(lambda: made.append(object()) or made[-1])
    assert part.built is None
    assert part.get() is part.get() is part.built and len(made) == 1

    looping: BuiltLater = BuiltLater(lambda: looping.get())
    with pytest.raises(RuntimeError, match="while it was being built"):
        looping.get()
    assert looping.built is None
