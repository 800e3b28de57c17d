"""The reading widget: text shown per view, hover popup, keyboard cursor, ruby, marks, scrolling."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from reader.core.settings import FONT_MAX
from reader.core.text.document import Kind
from reader.core.text.scripts import View
from reader.ui.article_view import ArticleView

pytest.importorskip("pytestqt")

READING_VIEWS = [View.ORIGINAL, View.SIMPLIFIED, View.TRADITIONAL, View.TAIWAN, View.HONGKONG]


@pytest.fixture(scope="module")
def documents(annotator, shared_services):
    """Every corpus article, annotated once, keyed by its file number (000..004)."""
    out = {}
    for info in shared_services.corpus.list():
        out[info.path.name[:3]] = annotator.annotate(shared_services.corpus.get(info.id)[1])
    return out


@pytest.fixture
def make_view(qtbot, dictionary):
    """A shown ArticleView of a fixed size holding a document."""
    def _make(document, view=View.ORIGINAL, size=(820, 640), offset=0):
        widget = ArticleView(dictionary)
        qtbot.addWidget(widget)
        widget.resize(*size)
        widget.move(0, 0)
        widget.show()
        qtbot.waitExposed(widget)
        widget.set_document(document, view, offset)
        return widget

    yield _make


def _visible_token(widget, text):
    """Index of the first on-screen token whose text is `text`."""
    document, view = widget.document(), widget.view()
    for _, layout in widget.visible_layouts():
        first = document.token_index_at(layout.start, view)
        last = document.token_index_at(max(layout.start, layout.end - 1), view)
        for index in range(first or 0, (last or 0) + 1):
            if document.token(index, view).text == text and widget.token_rects(index):
                return index
    raise AssertionError(f"{text!r} not on screen")


def _centre(widget, index) -> QPoint:
    return widget.token_rects(index)[0].center().toPoint()


def test_displayed_text_equals_core_view_for_every_article_and_view(documents, make_view):
    """What Qt lays out is exactly the core's text of each view, for all five articles."""
    widget = make_view(documents["000"])
    for document in documents.values():
        for view in READING_VIEWS:
            widget.set_document(document, view)
            assert widget.displayed_text() == document.text(view)


def test_lines_tile_each_paragraph_and_never_split_a_word(documents, make_view):
    """Lines cover each paragraph without gaps, and every line starts on a token boundary."""
    document = documents["000"]
    widget = make_view(document, View.TRADITIONAL)
    for _, layout in widget.visible_layouts():
        pos = layout.start
        for line in range(layout.line_count):
            start, end = layout.line_range(line)
            assert start == pos
            assert document.span(document.token_index_at(start, widget.view()),
                                 widget.view())[0] == start
            pos = end
        if layout.line_count:
            assert pos == layout.end


def test_opening_lays_out_only_what_is_near_the_viewport(documents, make_view):
    """Only the paragraphs on screen are laid out when an article opens."""
    document = documents["000"]
    widget = make_view(document)
    assert len(document.paragraphs) > 100
    assert 0 < widget.laid_out_paragraphs() < 40


def test_hover_highlights_whole_word_then_popup_shows_pinyin_and_sense(documents, make_view, qtbot):
    """Moving the mouse onto 市場 hovers the token; after the settle delay the popup has pinyin and a sense."""
    widget = make_view(documents["000"])
    index = _visible_token(widget, "市場")
    rects = widget.token_rects(index)
    second_char = QPoint(int(rects[0].right() - 4), int(rects[0].center().y()))
    with qtbot.waitSignal(widget.word_hovered, timeout=2000) as hovered:
        qtbot.mouseMove(widget.viewport(), second_char)
    assert hovered.args == [index]
    assert widget.hovered_token() == index
    assert not widget.popup().isVisible()  # not before the settle delay
    qtbot.waitUntil(widget.popup().isVisible, timeout=2000)
    text = widget.popup().text()
    assert "shì chǎng" in text
    assert "market" in text
    assert "市场" in text and "市場" in text
    word = widget.token_global_rect(index)
    assert not widget.popup().geometry().intersects(word)


def test_popup_hides_on_escape_and_when_the_mouse_leaves(documents, make_view, qtbot):
    """Esc hides the popup; leaving the view hides it after the grace period."""
    widget = make_view(documents["000"])
    index = _visible_token(widget, "騰訊")
    qtbot.mouseMove(widget.viewport(), _centre(widget, index))
    qtbot.waitUntil(widget.popup().isVisible, timeout=2000)
    qtbot.keyClick(widget, Qt.Key.Key_Escape)
    assert not widget.popup().isVisible()
    qtbot.mouseMove(widget.viewport(), _centre(widget, index) + QPoint(0, 1))
    widget.show_popup_for(index)
    assert widget.popup().isVisible()
    widget.leaveEvent(None)
    assert widget.hovered_token() == -1
    qtbot.waitUntil(lambda: not widget.popup().isVisible(), timeout=2000)


def test_keyboard_cursor_skips_punctuation_copies_and_pins(documents, make_view, qtbot):
    """Right/N/Left/B step over words only, show the popup, C copies, Enter pins."""
    document = documents["000"]
    widget = make_view(document)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Right)
    first = widget.word_cursor()
    assert first is not None and document.kind(first) in (Kind.WORD, Kind.LATIN)
    assert widget.popup().isVisible()
    steps = [first]
    for _ in range(30):
        qtbot.keyClick(widget, Qt.Key.Key_N)
        steps.append(widget.word_cursor())
    assert all(document.kind(i) in (Kind.WORD, Kind.LATIN) for i in steps)
    assert steps == sorted(steps) and len(set(steps)) == len(steps)
    skipped = set(range(steps[0], steps[-1] + 1)) - set(steps)
    assert skipped and all(document.kind(i) not in (Kind.WORD, Kind.LATIN) for i in skipped)
    qtbot.keyClick(widget, Qt.Key.Key_B)
    qtbot.keyClick(widget, Qt.Key.Key_Left)
    assert widget.word_cursor() == steps[-3]
    assert widget.popups.token == steps[-3]
    qtbot.keyClick(widget, Qt.Key.Key_C)
    assert QGuiApplication.clipboard().text() == document.token(steps[-3], widget.view()).text
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert widget.popups.pinned
    widget.leaveEvent(None)
    qtbot.wait(450)
    assert widget.popup().isVisible()


def test_ruby_pinyin_matches_core_and_never_overlaps(documents, make_view):
    """Ruby mode draws each word's core pinyin over it (names capitalised, the surname set
    apart), in both scripts, without overlaps."""
    document = documents["000"]
    for view in (View.SIMPLIFIED, View.TRADITIONAL):
        widget = make_view(document, view)
        widget.set_ruby(True)
        runs = 0
        for _, layout in widget.visible_layouts():
            by_line: dict[int, list] = {}
            for token, rect in layout.ruby_rects():
                expected = document.token(token, view).pinyin_word
                run = next(r for r in layout.ruby_runs if r.token_index == token)
                assert run.text.replace(" ", "").casefold() == expected.casefold()
                by_line.setdefault(run.line, []).append(rect)
                runs += 1
            for rects in by_line.values():
                rects.sort(key=lambda r: r.left())
                for left, right in zip(rects, rects[1:], strict=False):
                    assert left.right() <= right.left() + 0.5
        assert runs > 50
        widget.grab()


def test_ruby_keeps_each_word_under_its_pinyin(documents, make_view):
    """Each pinyin run is centred over its word's glyphs and sits above that line's text."""
    document = documents["004"]
    widget = make_view(document, View.SIMPLIFIED)
    widget.set_ruby(True)
    for top, layout in widget.visible_layouts()[:4]:
        for token, rect in layout.ruby_rects():
            word = widget.token_rects(token)[0]
            if rect.left() > 0.5:  # runs clamped at the left margin are not centred
                assert abs((rect.center().x() + widget._x0) - word.center().x()) < word.width() / 2
            assert rect.bottom() + top <= word.top() + layout.config.em * 0.35


def test_set_marks_tints_the_text_and_clear_removes_it(documents, make_view):
    """A "highlight" mark changes the pixels behind its word; clearing restores them."""
    document = documents["000"]
    widget = make_view(document)
    index = _visible_token(widget, "市場")
    rect = widget.token_rects(index)[0]
    probe = QPoint(int(rect.left() + 2), int(rect.top() + 2))
    before = widget.viewport().grab().toImage().pixelColor(probe)
    widget.set_marks("test", [document.span(index)], "highlight")
    marked = widget.viewport().grab().toImage().pixelColor(probe)
    assert marked != before
    widget.clear_marks("test")
    assert widget.viewport().grab().toImage().pixelColor(probe) == before
    with pytest.raises(ValueError):
        widget.set_marks("bad", [(0, 1)], "sparkle")


def test_scroll_to_base_offset_brings_it_on_screen(documents, make_view):
    """Jumping to an offset deep in the article shows its paragraph and highlights the range."""
    document = documents["004"]
    widget = make_view(document)
    target = len(document.simplified) * 3 // 4
    positions = []
    widget.position_changed.connect(positions.append)
    widget.scroll_to_base_offset(target, highlight=(target, target + 2))
    start, end = widget.visible_base_range()
    assert start <= target < end
    assert widget.marks("jump") == [(target, target + 2)]
    assert positions and positions[-1] == widget.reading_position() <= target
    assert widget.verticalScrollBar().value() > 0


def test_script_switch_keeps_the_paragraph_in_view(documents, make_view):
    """Switching Original → Simplified → Traditional keeps the same paragraph at the top."""
    document = documents["000"]
    widget = make_view(document)
    target = document.paragraphs[len(document.paragraphs) // 2][0] + 5
    widget.scroll_to_base_offset(target)
    top_paragraph = document.paragraph_index_at(widget.reading_position())
    for view in (View.SIMPLIFIED, View.TRADITIONAL, View.HONGKONG, View.ORIGINAL):
        widget.set_view(view)
        assert document.paragraph_index_at(widget.reading_position()) == top_paragraph
        start, end = widget.visible_base_range()
        assert start <= target < end


def test_hover_works_the_same_after_a_script_switch(documents, make_view, qtbot):
    """In the Traditional view the mouse finds the same token it found in the Simplified one."""
    document = documents["004"]
    widget = make_view(document, View.SIMPLIFIED)
    index = _visible_token(widget, "腾讯")
    widget.set_view(View.TRADITIONAL)
    assert document.token(index, View.TRADITIONAL).text == "騰訊"
    qtbot.mouseMove(widget.viewport(), _centre(widget, index))
    assert widget.hovered_token() == index


def test_drag_selects_and_ctrl_c_copies(documents, make_view, qtbot):
    """Dragging across words selects those characters; Ctrl+C copies them."""
    document = documents["000"]
    widget = make_view(document, View.SIMPLIFIED)
    a = _visible_token(widget, "市场")
    ra = widget.token_rects(a)[0]
    start = QPoint(int(ra.left() + 1), int(ra.center().y()))
    finish = QPoint(int(ra.left() + 1 + 4 * ra.width()), int(ra.center().y()))
    qtbot.mousePress(widget.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(widget.viewport(), finish)
    qtbot.mouseRelease(widget.viewport(), Qt.MouseButton.LeftButton, pos=finish)
    selected = widget.selected_text()
    assert selected.startswith("市场") and len(selected) >= 4
    s, e = widget.selected_base_range()
    assert document.simplified[s:e] == selected
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == selected


def test_popup_sections_come_in_order_and_actions_get_the_word(documents, make_view, qtbot):
    """A section of order 10 shows above the senses; an action key calls back with the word."""
    document = documents["000"]
    widget = make_view(document)
    widget.add_popup_section(lambda doc, i, view: f"<b>GLOSSARY {doc.token(i, view).text}</b>", 10)
    widget.add_popup_section(lambda doc, i, view: None, 20)
    calls = []
    widget.add_popup_action("Save", "S", lambda doc, i, view: calls.append((doc, i, view)))
    index = _visible_token(widget, "市場")
    assert widget.show_popup_for(index)
    text = widget.popup().text()
    assert text.index("GLOSSARY 市場") < text.index("market")
    assert "Save (S)" in [b.text() for b in widget.popup().findChildren(QPushButton)]
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_S)
    assert calls == [(document, index, View.ORIGINAL)]


def test_more_link_expands_the_senses(documents, make_view):
    """A word with many senses shows a few, and "more" shows them all."""
    document = documents["000"]
    widget = make_view(document, View.SIMPLIFIED)
    index = _visible_token(widget, "市场")
    for i in document.word_indices():
        if document.token(i).simplified in ("打", "行", "发") and widget.token_rects(i):
            index = i
            break
    widget.show_popup_for(index)
    short = widget.popup().text()
    if "more…" in short:
        widget.popup().link_activated.emit("more")
        assert len(widget.popup().text()) > len(short)
        assert "more…" not in widget.popup().text()


def test_popup_stays_on_screen_and_off_the_word_near_the_bottom(documents, make_view):
    """For a word on the last visible line the popup goes above it and stays on the screen."""
    document = documents["000"]
    widget = make_view(document, size=(820, 640))
    room = widget.viewport().height()
    on_screen = [i for i in document.word_indices()
                 if widget.token_rects(i) and widget.token_rects(i)[-1].bottom() <= room]
    token = max(on_screen, key=lambda i: widget.token_rects(i)[-1].bottom())
    assert widget.token_rects(token)[-1].bottom() > room * 0.8
    assert widget.show_popup_for(token)
    popup, word = widget.popup().geometry(), widget.token_global_rect(token)
    area = widget.screen().availableGeometry()
    assert area.contains(popup)
    assert not popup.intersects(word)


def test_line_provider_adds_a_line_under_each_paragraph(documents, make_view):
    """A line provider's text makes paragraphs taller; removing it restores their height."""
    document = documents["003"]
    widget = make_view(document)
    _, layout = next((t, lay) for t, lay in widget.visible_layouts() if lay.line_count)
    plain = layout.height
    widget.set_line_provider("gloss", lambda doc, p, view: f"gloss line {p}")
    taller = next(lay for _, lay in widget.visible_layouts() if lay.index == layout.index)
    assert taller.height > plain
    widget.set_line_provider("gloss", None)
    again = next(lay for _, lay in widget.visible_layouts() if lay.index == layout.index)
    assert again.height == pytest.approx(plain)


def test_font_size_and_dark_theme_change_what_is_painted(documents, make_view):
    """A bigger font makes taller lines; dark mode paints a dark background."""
    widget = make_view(documents["001"])
    pitch = widget.visible_layouts()[0][1].config.pitch
    widget.set_font_size(28)
    assert widget.font_size() == 28
    assert widget.visible_layouts()[0][1].config.pitch > pitch
    widget.set_font_size(500)
    assert widget.font_size() == FONT_MAX  # the one range, as in the settings
    widget.set_dark(True)
    colour = widget.viewport().grab().toImage().pixelColor(QPoint(3, 3))
    assert colour.lightness() < 60
    widget.set_dark(False)
    assert widget.viewport().grab().toImage().pixelColor(QPoint(3, 3)).lightness() > 200


def test_no_document_paints_and_ignores_input(make_view, qtbot):
    """Without a document the view paints, and keys and mouse do nothing."""
    widget = make_view(None)
    widget.grab()
    qtbot.keyClick(widget, Qt.Key.Key_Right)
    qtbot.mouseMove(widget.viewport(), QPoint(100, 100))
    assert widget.word_cursor() is None and widget.hovered_token() == -1
    assert widget.reading_position() == 0 and widget.selected_base_range() is None
    assert widget.token_at(QPointF(100, 100)) == -1


def test_screenshots_with_popup_ruby_and_dark(documents, make_view, tmp_path):
    """Pictures with the popup open, ruby on and the dark theme are written at the widget's size."""
    from PySide6.QtGui import QImage

    from reader.ui.popup import grab_with_popup

    widget = make_view(documents["000"], size=(900, 700))
    widget.set_ruby(True)
    widget.set_dark(True)
    widget.set_tone_colours(True)
    widget.show_popup_for(list(documents["000"].word_indices())[40])
    path = tmp_path / "view.png"
    assert grab_with_popup(widget, widget.popup()).save(str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (900, 700)


def test_cedict_references_read_in_the_script_shown(dictionary):
    """A "see X|Y[pinyin]" sense shows X or Y with tone marks, followed by its first gloss."""
    from reader.ui.popup_content import pretty_sense

    sense = "see 騰訊控股有限公司|腾讯控股有限公司[Teng2 xun4 Kong4 gu3 You3 xian4 Gong1 si1]"
    traditional = pretty_sense(sense, True, dictionary)
    assert traditional.startswith("see 騰訊控股有限公司 (Téng xùn Kòng gǔ")
    assert "Tencent" in traditional
    assert pretty_sense("CL:個|个[ge4]", False) == "CL:个 (gè)"
