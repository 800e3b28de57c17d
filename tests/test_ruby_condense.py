"""Ruby in the reading view: pinyin much wider than its word is condensed, not the text spread."""
from __future__ import annotations

import pytest

from reader.core.text.scripts import View
from reader.ui.article_view import ArticleView

pytest.importorskip("pytestqt")

# The places a new user saw gaps in (調整 中, 分 兵種, 騰訊 向, 上 百款, 想 聽).
TEXT = ("在這次調整中,新成立的雲與智慧產業事業羣被認為是騰訊向產業互聯網進軍的標誌。"
        "並且不再是內部賽馬式的分兵種作戰,而是集團軍作戰。上百款產品,我想聽聽你的想法。")


@pytest.fixture
def shown(qtbot, dictionary, annotator):
    """The text in a shown reading view, in Traditional, ruby off."""
    widget = ArticleView(dictionary)
    qtbot.addWidget(widget)
    widget.resize(820, 640)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_document(annotator.annotate(TEXT), View.TRADITIONAL)
    return widget


def _gaps(widget) -> dict[int, float]:
    """Token index → room between it and the next token, where both share a line."""
    rects = [widget.token_rects(i) for i in range(len(widget.document()))]
    return {i: after[0].left() - this[-1].right()
            for i, (this, after) in enumerate(zip(rects, rects[1:], strict=False))
            if this and after and abs(after[0].top() - this[-1].top()) < 1}


def test_long_pinyin_is_condensed_before_the_text_spreads(shown):
    """With pinyin over every word, no gap between two words grows by more than 0.12 em (all
    of them together by a quarter em): the wide pinyin is drawn condensed (never under 55 %
    of the text size) instead, without overlapping its neighbours or leaving the column."""
    plain = _gaps(shown)
    shown.set_ruby(True)
    spaced = _gaps(shown)
    layouts = [layout for _, layout in shown.visible_layouts() if layout.ruby_runs]
    config = layouts[0].config
    grown = [spaced[i] - plain[i] for i in plain.keys() & spaced.keys()]
    assert len(grown) > 30
    assert max(grown) <= 0.12 * config.em, max(grown) / config.em
    assert sum(grown) <= 0.25 * config.em, sum(grown) / config.em
    runs = [run for layout in layouts for run in layout.ruby_runs]
    assert len(runs) > 30
    assert any(run.squeeze > 0 for run in runs)  # the case this test is about
    text_points = config.font.pointSizeF()
    for font in config.ruby_fonts:
        assert font.pointSizeF() >= 0.55 * text_points - 1e-6
    for layout in layouts:
        by_line: dict[int, list] = {}
        for (_, rect), run in zip(layout.ruby_rects(), layout.ruby_runs, strict=True):
            assert 0.0 <= rect.left() and rect.right() <= config.width + 0.5  # not clipped
            by_line.setdefault(run.line, []).append(rect)
        for rects in by_line.values():
            rects.sort(key=lambda r: r.left())
            for left, right in zip(rects, rects[1:], strict=False):
                assert left.right() <= right.left() + 0.5  # no overlap
