"""Ruby (pinyin above words) layout: no break inside a token, tight spacing, no collisions."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF

from reader.core.text.scripts import View
from reader.ui.text_layout import LayoutConfig, ParagraphLayout
from reader.ui.theme import pinyin_font, reading_font, ruby_font

pytest.importorskip("pytestqt")


def _config(document, width: float, ruby: bool = True) -> LayoutConfig:
    font = reading_font(View.SIMPLIFIED, document.script, 18)
    return LayoutConfig.make(font, ruby_font(9), pinyin_font(13), width, ruby)


def _paragraph(document, width: float, ruby: bool = True) -> ParagraphLayout:
    start, end = document.paragraphs[0]
    return ParagraphLayout(0, start, document.simplified[start:end], document, View.SIMPLIFIED,
                           _config(document, width, ruby), [])


def _token_starts(document) -> set[int]:
    return {document.span(i)[0] for i in range(len(document))}


def test_t_shirt_is_one_token(annotator):
    """白色t恤: jieba's T恤 is found in lower case too, so 't恤' is one word (never 't' + '恤')."""
    document = annotator.annotate("穿着白色t恤的高管在舞台上。")
    words = [t.text for t in document.tokens(View.SIMPLIFIED)]
    assert "t恤" in words and "恤" not in words


def test_lines_never_break_inside_a_token_at_any_width(qtbot, annotator):
    """At every width from 5 to 20 ems, with and without ruby, each line starts on a token start."""
    document = annotator.annotate("在第一次“CSIG正在谈话”的高管会议上,穿着白色t恤的高管们在舞台上排成一排。")
    starts = _token_starts(document)
    em = _config(document, 100).em
    for ruby in (False, True):
        for ems in range(5, 21):
            layout = _paragraph(document, ems * em, ruby)
            assert layout.line_count > 1 or ems > 12
            for line in range(layout.line_count):
                assert layout.line_range(line)[0] in starts, (ruby, ems, line)


def test_pinyin_overhangs_punctuation_instead_of_spacing_the_text(qtbot, annotator):
    """A word whose pinyin is wider than it, between quotes, gets no extra spacing at all."""
    document = annotator.annotate("“成为”")
    layout = _paragraph(document, 2000)
    runs = {document.token(r.token_index, View.SIMPLIFIED).text: r for r in layout.ruby_runs}
    ruby_width = QFontMetricsF(layout.config.ruby_font).horizontalAdvance(runs["成为"].text)
    text_width = QFontMetricsF(layout.config.font).horizontalAdvance("成为")
    assert ruby_width > text_width  # the case this test is about
    assert layout._spacing == {}


def test_wide_neighbours_get_just_enough_room(qtbot, annotator):
    """Side by side wide pinyin never overlaps, and the gap between runs stays under a space and a half."""
    document = annotator.annotate("这种情况转向企业双创孵化装配式建筑状况庄重")
    layout = _paragraph(document, 4000)
    rects = sorted((rect for _, rect in layout.ruby_rects()), key=lambda r: r.left())
    assert len(rects) >= 6
    assert layout._spacing  # some words did need room
    space = QFontMetricsF(layout.config.ruby_font).horizontalAdvance(" ")
    for left, right in zip(rects, rects[1:], strict=False):
        assert left.right() <= right.left() + 0.5
    tight = [right.left() - left.right() for left, right in zip(rects, rects[1:], strict=False)]
    assert min(tight) < 1.5 * space


def test_ruby_capitalises_names_and_is_readable(qtbot, services):
    """A person's name reads Mǎ Huàténg in ruby; the window's pinyin is ≥ 55 % of the text."""
    from reader.ui.view_appearance import RUBY_SCALE

    document = services.annotator.annotate("马化腾在会上说,腾讯要做好数字化助手。")
    assert document.layers.get("people")
    layout = _paragraph(document, 4000)
    runs = [run.text for run in layout.ruby_runs]
    assert "Mǎ Huàténg" in runs or ("Mǎ " in runs and "Huàténg" in runs), runs
    assert RUBY_SCALE >= 0.55


def test_ruby_spreads_the_text_less(qtbot, annotator, monkeypatch):
    """Monosyllables with wide pinyin (上 百款): the pinyin shifts before the text spreads."""
    import reader.ui.ruby_layout as ruby_layout

    document = annotator.annotate("上百款产品,我想听听你的想法。")
    layout = _paragraph(document, 4000)
    monkeypatch.setattr(ruby_layout, "RUBY_SHIFT", 0.0)
    centred = _paragraph(document, 4000)
    assert sum(layout._spacing.values()) < 0.7 * sum(centred._spacing.values())
    rects = sorted((rect for _, rect in layout.ruby_rects()), key=lambda r: r.left())
    for left, right in zip(rects, rects[1:], strict=False):
        assert left.right() <= right.left() + 0.5  # still no overlap
