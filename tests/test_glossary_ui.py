"""The glossary in the window (offscreen): marks, popup, Glossary tab, user entries, CSV."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.core.glossary.store import term_counts
from reader.core.text.scripts import View
from reader.ui.glossary.dialog import GlossaryEntryDialog
from reader.ui.glossary.feature import FOCUS_MARKS, MARKS, install

READY_MS = 120_000
DOWSON = "caijing-2019-dowson-tong"
TWO_YEARS = "caijing-2020-to-b-two-years"


@pytest.fixture
def open_window(qtbot, services):
    """A MainWindow over fresh Services (own glossary and annotator, shared engines) with
    the glossary feature installed, showing an annotated article."""
    from reader.ui.main_window import MainWindow

    def make(article_id: str):
        fresh = services
        window = MainWindow(fresh, persist=False, restore=False)
        qtbot.addWidget(window)
        window.show()
        feature = install(window, fresh)
        window.start(article_id)
        wait_annotated(qtbot, window, feature)
        return window, feature

    return make


def wait_annotated(qtbot, window, feature) -> None:
    def ready():
        document = window.current_document()
        return (feature.glossary is not None and document is not None
                and not window.tasks.busy and "glossary" in document.layers
                and window.article_view.document() is document
                and not feature.panel.is_filling())  # a long term list fills in slices

    qtbot.waitUntil(ready, timeout=READY_MS)


def token_of(document, text: str) -> int:
    return next(i for i in document.word_indices() if document.token(i).text == text)


def test_tab_lists_the_terms_the_text_contains(open_window):
    """The Glossary tab shows exactly the article's terms, grouped, with their counts."""
    window, feature = open_window(DOWSON)
    document = window.current_document()
    counts = term_counts(document)
    panel = feature.panel
    rows = {row.entry_id: row.count for row in panel.model.term_rows()}
    assert rows == counts
    visible = panel.visible_terms()
    assert len(visible) == len(counts)
    assert {"To G", "To B", "CSIG", "C2B", "GMV"} <= set(visible)
    assert any(c.startswith("business model (") for c in panel.categories())
    assert "Glossary" in window.side_panel.tab_titles()


def test_filter_box_narrows_by_english_and_chinese(open_window):
    """Filtering by an English or a Chinese word keeps only matching terms."""
    window, feature = open_window(DOWSON)
    panel = feature.panel
    everything = len(panel.visible_terms())
    panel.filter_edit.setText("government")
    assert "To G" in panel.visible_terms() and len(panel.visible_terms()) < everything
    panel.filter_edit.setText("政府")
    assert "To G" in panel.visible_terms()
    panel.filter_edit.setText("zzz-no-such-term")
    assert panel.visible_terms() == []


def test_filter_by_pinyin_counts_follow_and_no_matches(open_window):
    """The filter finds terms by pinyin prefix (with or without spaces and tones); category
    headings count what is shown; an empty result says "No matches"."""
    window, feature = open_window(DOWSON)
    panel = feature.panel
    everything = len(panel.visible_terms())
    for typed in ("chanye", "chan ye", "chǎn yè", "chan3ye4"):
        panel.filter_edit.setText(typed)
        shown = panel.visible_terms()
        assert shown and len(shown) < everything, typed
        assert any("产业" in t or "產業" in t for t in shown), typed
    shown = len(panel.visible_terms())
    assert sum(int(c.split("(")[1].split(")")[0]) for c in panel.categories()) == shown
    assert panel.status.text().startswith(f"{shown} terms")
    panel.filter_edit.setText("zzz-no-such-term")
    assert panel.status.text() == "No matches"


def test_clicking_a_term_jumps_to_and_highlights_its_occurrences(qtbot, open_window):
    """A click marks every occurrence and jumps to one; the next click goes to the next."""
    window, feature = open_window(DOWSON)
    panel, view = feature.panel, window.article_view
    window.side_panel.show_tab(panel)
    qtbot.waitExposed(panel.tree)
    index = panel.index_of("tog")
    assert index.isValid()
    panel.tree.scrollTo(index)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.tree.visualRect(index).center())
    spans = list(panel.model.row_for("tog").spans)
    assert len(spans) == 4
    assert view.marks(FOCUS_MARKS) == spans
    first = view.marks("jump")
    assert first and first[0] in spans
    feature.show_occurrences("tog")
    second = view.marks("jump")
    assert second and second[0] in spans and second != first


def test_terms_are_marked_and_marking_can_be_switched_off(open_window):
    """Glossary spans are underlined; the View menu toggle clears and restores them."""
    window, feature = open_window(TWO_YEARS)
    view = window.article_view
    spans = [(s.start, s.end) for s in window.current_document().layers["glossary"]]
    assert view.marks(MARKS) == spans and len(spans) > 300
    assert feature.mark_action in window.menu("&View").actions()
    feature.mark_action.trigger()
    assert view.marks(MARKS) == []
    assert window.services.settings.get("view.mark_glossary") is False
    feature.mark_action.trigger()
    assert view.marks(MARKS) == spans


def test_popup_shows_the_entry_before_the_dictionary(open_window):
    """Hovering 賽道 shows the glossary entry (Traditional Chinese) above 'race course'."""
    window, feature = open_window(TWO_YEARS)
    document, view = window.current_document(), window.article_view
    track = token_of(document, "賽道")
    assert view.show_popup_for(track)
    html = view.popup().html()
    assert "market segment" in html and "細分市場" in html and "internet slang" in html
    assert html.index("market segment") < html.index("race course")
    assert view.show_popup_for(token_of(document, "To B"))
    html = view.popup().html()
    assert "to Business" in html and "Selling products" in html
    window.set_view(View.SIMPLIFIED)
    assert view.show_popup_for(track)
    assert "细分市场" in view.popup().html()


def test_add_to_glossary_from_a_selection(qtbot, open_window):
    """Edit › Add to Glossary on a selection opens a filled dialog; saving marks the term."""
    window, feature = open_window(TWO_YEARS)
    document = window.current_document()
    assert feature.glossary.match_word("牌局") is None  # a word the glossary does not have
    start = document.simplified.index("牌局")
    window.article_view.select_base_range(start, start + 2)
    assert feature.add_action.isEnabled()
    assert feature.add_action in window.menu("&Edit").actions()
    menus = window.article_view.context_menus
    assert feature.add_action in menus.build(menus.target()).actions()  # the context menu
    feature.add_action.trigger()
    dialog = window.findChild(GlossaryEntryDialog)
    assert dialog is not None and dialog.term_edit.text() == "牌局"
    assert "牌局" in dialog.example_edit.text()
    dialog.en_edit.setPlainText("The game being played: how a competition stands.")
    dialog.zh_edit.setPlainText("竞争的局面")
    dialog.category_box.setCurrentText("idiom & metaphor")
    dialog.accept()
    assert feature.glossary.get("牌局").source == "user"

    def marked():
        doc = window.current_document()
        return doc is not document and any(s.key == "牌局" for s in doc.layers["glossary"])

    qtbot.waitUntil(marked, timeout=READY_MS)
    wait_annotated(qtbot, window, feature)
    assert "牌局" in feature.panel.visible_terms()
    new_doc = window.current_document()
    hits = [(s.start, s.end) for s in new_doc.layers["glossary"] if s.key == "牌局"]
    assert set(hits) <= set(window.article_view.marks(MARKS))
    assert all(new_doc.token_index_at(s) is not None for s, _ in hits)


def test_dialog_keeps_invalid_input_open_with_the_message(open_window):
    """Saving without an English explanation shows the error and saves nothing."""
    window, feature = open_window(DOWSON)
    dialog = feature.open_entry_dialog({"term": "新词"})
    dialog.zh_edit.setPlainText("解释")
    dialog.accept()
    assert dialog.isVisible() and "'en'" in dialog.error_label.text()
    assert feature.glossary.get("新词") is None
    dialog.reject()


def test_edit_and_delete_from_the_tab(qtbot, open_window):
    """Editing a bundled entry makes a user entry; deleting hides the term from the tab."""
    window, feature = open_window(DOWSON)
    dialog = feature.edit_entry("tog")
    assert "bundled entry" in " ".join(w.text() for w in dialog.findChildren(type(
        dialog.error_label)))
    dialog.en_edit.setPlainText("Government as a customer (my note).")
    dialog.accept()
    assert feature.glossary.get("tog").en == "Government as a customer (my note)."
    assert feature.delete_entry("赛马", confirm=False)
    qtbot.waitUntil(lambda: "賽馬" not in feature.panel.visible_terms()
                    and "赛马" not in feature.panel.visible_terms()
                    and not window.tasks.busy, timeout=READY_MS)
    wait_annotated(qtbot, window, feature)
    assert "To G" in feature.panel.visible_terms()


def test_csv_export_and_import_through_the_window(tmp_path, open_window):
    """The Tools menu's CSV export writes the user's entries; import reads them back."""
    window, feature = open_window(DOWSON)
    feature.glossary.save_entry({"term": "北极星指标", "category": "metric",
                                 "en": "North-star metric.", "zh": "核心指标"})
    path = tmp_path / "mine.csv"
    assert feature.export_csv(path) == 1 and "北极星指标" in path.read_text(encoding="utf-8")
    feature.glossary.delete("北极星指标")
    assert feature.import_csv(path) == 1
    assert feature.glossary.get("北极星指标").en == "North-star metric."
    assert feature.import_csv(tmp_path / "missing.csv") == 0
    texts = [a.text().replace("&", "") for a in window.menu("&Tools").actions()]
    assert any("Import Glossary" in t for t in texts) and any("Export My Glossary" in t
                                                               for t in texts)


def test_tree_model_is_consistent(qtmodeltester, annotator):
    """The tree model and its filter pass Qt's model tester with real rows."""
    from reader.core import paths
    from reader.core.glossary.store import Glossary
    from reader.ui.glossary.model import GlossaryFilterModel, GlossaryTreeModel, term_rows

    glossary = Glossary(paths.assets_dir() / "glossary", paths.assets_dir() / "none.toml")
    document = annotator.annotate("公司的To B和To C，产业互联网与私域流量，云计算和SaaS。")
    rows = term_rows(document, glossary, View.TRADITIONAL)
    assert {r.term for r in rows} == {"To B", "To C", "產業互聯網", "私域流量", "雲計算", "SaaS"}
    model = GlossaryTreeModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    proxy = GlossaryFilterModel()
    proxy.setSourceModel(model)
    proxy.set_text("cloud")
    qtmodeltester.check(proxy)


def test_popup_business_sense_and_unlisted_fallback(open_window, annotator):
    """An unmarked everyday word gets 'In business writing' below its dictionary sense; an
    acronym nobody lists gets 'Not in the dictionary' and the add key opens a filled dialog."""
    from reader.ui.glossary.popup import split_parts

    window, feature = open_window(DOWSON)
    maths = annotator.annotate("矩阵的行列式等于其所有特征值的乘积。")
    matrix = token_of(maths, "矩阵")
    assert feature.popup_section(maths, matrix, View.SIMPLIFIED) is None
    html = feature.business_sense_section(maths, matrix, View.SIMPLIFIED)
    assert "In business writing" in html and "product matrix" in html
    text = annotator.annotate("这家公司今年推出了XQZW平台，用户增长很快。")
    acronym = token_of(text, "XQZW")
    html = feature.unlisted_section(text, acronym, View.SIMPLIFIED)
    assert "Not in the dictionary" in html and "Press G" in html
    assert feature.unlisted_section(text, token_of(text, "公司"), View.SIMPLIFIED) is None
    named = annotator.annotate("记者谢丽容报道。谢丽容说，这家公司今年增长很快。")
    assert feature.unlisted_section(named, token_of(named, "谢丽容"), View.SIMPLIFIED) is None
    assert "G" in window.article_view.popups.action_keys()
    feature.on_add_word(text, acronym, View.SIMPLIFIED)
    dialog = window.findChild(GlossaryEntryDialog)
    assert dialog is not None and dialog.term_edit.text() == "XQZW"
    dialog.reject()
    known = {"主力", "模型"}
    assert split_parts("主力模型", known.__contains__) == ["主力", "模型"]
    assert split_parts("主力x", known.__contains__) == ["主力", "x"]


def test_long_term_list_fills_in_slices_and_the_latest_list_wins(qtbot, annotator):
    """A list longer than one slice is added over several event-loop turns and then shown
    whole; a newer list (or clearing) given meanwhile replaces the unfinished one."""
    from reader.core import paths
    from reader.core.glossary.store import Glossary
    from reader.ui.glossary.model import term_rows
    from reader.ui.glossary.panel import GlossaryPanel

    glossary = Glossary(paths.assets_dir() / "glossary", paths.assets_dir() / "none.toml")
    document = annotator.annotate("公司的To B和To C，产业互联网与私域流量，云计算和SaaS。")
    rows = term_rows(document, glossary, View.SIMPLIFIED)
    panel = GlossaryPanel()
    qtbot.addWidget(panel)
    panel.fill_step = 2  # six terms: three slices
    panel.set_rows(rows)
    assert panel.is_filling()
    qtbot.waitUntil(lambda: not panel.is_filling())
    assert sorted(panel.visible_terms()) == sorted(r.term for r in rows)
    assert panel.status.text().startswith(f"{len(rows)} terms")
    panel.set_rows(rows)
    panel.set_rows(rows[:1])
    qtbot.waitUntil(lambda: not panel.is_filling())
    qtbot.wait(50)  # the dropped fill's next turn has come and gone
    assert panel.visible_terms() == [rows[0].term]
    panel.set_rows(rows)
    panel.clear("Waiting for the annotation…")
    qtbot.wait(50)
    assert panel.visible_terms() == [] and not panel.is_filling()
    assert panel.status.text() == "Waiting for the annotation…"
