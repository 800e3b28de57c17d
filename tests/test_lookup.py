"""Look up anything: core search over glossary, people and CC-CEDICT, the Dictionary tab and
the `lookup` command giving the same results."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from reader.core.lookup import search


def heads(results, n=3):
    return [(r.source, r.simplified) for r in results[:n]]


@pytest.fixture
def sources(services):
    return services.dictionary, services.glossary, services.people


@pytest.mark.parametrize("query", ["騰訊", "腾讯", "tengxun", "téng xùn", "teng2 xun4",
                                   "Teng Xun"])
def test_either_script_and_any_pinyin_put_the_word_first(sources, query):
    """Chinese in either script, pinyin with or without tones or spaces: 腾讯 first (its
    glossary card when the glossary lists it), CC-CEDICT's entry among the results."""
    results = search(query, *sources)
    assert results[0].simplified == "腾讯"
    assert ("dictionary", "腾讯") in heads(results, len(results))


def test_wrong_tones_do_not_rank_exact(sources):
    """téng xún has the wrong second tone: 腾讯 is not an exact match then."""
    results = search("teng2 xun2", *sources)
    assert all(not (r.simplified == "腾讯" and r.quality == 0) for r in results)


def test_english_finds_the_common_word(sources):
    """English 'bank' puts 银行 first (a meaning match, most common word first)."""
    assert heads(search("bank", *sources), 1) == [("dictionary", "银行")]


def test_prefix_as_you_type(sources):
    """A partly typed reading or word already offers the word on its way."""
    assert "腾讯" in [r.simplified for r in search("tengx", *sources)]
    assert "银行家" in [r.simplified for r in search("银行", *sources)]


def test_glossary_and_people_come_with_the_dictionary(sources):
    """A glossary term and a person rank before CC-CEDICT's entry for the same word."""
    term = search("赛道", *sources)
    assert term[0].source == "glossary" and "dictionary" in {r.source for r in term}
    person = search("马化腾", *sources)
    assert person[0].source == "person" and person[0].simplified == "马化腾"
    assert search("Ma Huateng", *sources)[0].source == "person"


def test_nothing_for_nonsense(sources):
    """A query nothing knows gives no results, not an error."""
    assert search("qqqqzzzz", *sources) == []
    assert search("   ", *sources) == []


def test_cli_gives_the_same_results(run_cli, services):
    """`lookup --json` lists the same ranked results as the core search."""
    status, out, _ = run_cli("lookup", "--json", "tengxun")
    assert status == 0
    data = json.loads(out)
    expected = [r.to_json() for r in search("tengxun", services.dictionary, services.glossary,
                                            services.people, 20)]
    assert data["results"] == expected
    status, out, _ = run_cli("lookup", "銀行")
    assert status == 0 and out.splitlines()[0].startswith("[dictionary] 银行 [銀行]  yín háng")
    status, out, _ = run_cli("lookup", "qqqqzzzz")
    assert status == 1 and "no entry" in out


# -- the Dictionary tab ---------------------------------------------------------------------
@pytest.fixture
def tab(qtbot, services):
    from reader.ui.lookup.feature import install
    from reader.ui.main_window import MainWindow

    window = MainWindow(services, persist=False, restore=False)
    qtbot.addWidget(window)
    window.show()
    return window, install(window, services)


def test_ctrl_d_types_and_shows_card(qtbot, tab, services):
    """Ctrl+D opens the tab; typing pinyin lists 腾讯 first with its card; Save adds a note."""
    window, feature = tab
    qtbot.keyClick(window.article_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    panel = feature.panel
    assert window.side_panel.tabs.currentWidget() is panel
    assert panel.field.hasFocus()
    qtbot.keyClicks(panel.field, "tengxun")
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=60_000)
    assert panel.results.item(0).text().startswith("腾讯 [騰訊]  téng xùn")
    card = panel.card.toPlainText()
    assert "腾讯" in card and "téng xùn" in card
    panel.save_button.click()
    qtbot.waitUntil(lambda: "Saved 腾讯" in window.statusBar().currentMessage(), timeout=30_000)
    note = services.flashcards.store.find("腾讯")
    assert note is not None and note.pinyin == "téng xùn"


def test_choosing_a_glossary_result_shows_its_card(qtbot, tab):
    """A glossary result's card shows the glossary's explanation."""
    window, feature = tab
    feature.look_up("PaaS")
    panel = feature.panel
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=60_000)
    assert feature.results[0].source == "glossary"
    assert "Platform as a Service" in panel.card.toPlainText()
    feature.look_up("qqqqzzzz")
    qtbot.waitUntil(lambda: panel.status.text() == "Nothing found for qqqqzzzz.")
    assert panel.results.count() == 0 and not panel.save_button.isEnabled()


def test_a_new_glossary_entry_is_found_at_once(services):
    """The look-up index follows the glossary: an entry the user adds is found by its term,
    a prefix of it and a word of its explanation on the next keystroke."""
    glossary = services.glossary
    assert not [r for r in search("Zorblax", None, glossary) if r.source == "glossary"]
    glossary.save_entry({"term": "Zorblax", "category": "metric", "short": "a test metric",
                         "en": "An invented quuxification ratio.", "zh": "测试。"})
    assert [(r.simplified, r.quality) for r in search("Zorblax", None, glossary)] == [
        ("Zorblax", 0)]
    assert [r.simplified for r in search("zorb", None, glossary)] == ["Zorblax"]
    assert [r.simplified for r in search("quuxification", None, glossary)] == ["Zorblax"]
