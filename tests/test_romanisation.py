"""Romanisations (pinyin marks/numbers, Zhuyin, Jyutping) and character components: the core,
`annotate --json`, the popup, ruby, flashcard export and the View menu."""
from __future__ import annotations

import csv
import json

import pytest

from reader.core.text.romanize import components, jyutping, romanize, syllables, zhuyin
from tests.windows import READY_MS, open_scratch, shown_window, start_and_wait

TEXT = "他在银行工作。好"


def test_zhuyin_and_numbers_follow_the_reading_in_context():
    """Zhuyin is made from the Mandarin reading, tone marks included (neutral tone too)."""
    assert zhuyin("hang2 zhang3") == "ㄏㄤˊ ㄓㄤˇ"
    assert zhuyin("de5") == "ㄉㄜ˙"
    assert romanize("行长", "hang2 zhang3", "pinyin_numbers") == "hang2 zhang3"
    assert romanize("行长", "hang2 zhang3", "pinyin") == "háng zhǎng"
    assert syllables("银行", "yin2 hang2", "zhuyin") == (("ㄧㄣˊ", 2), ("ㄏㄤˊ", 2))


def test_jyutping_and_components_come_from_shipped_data():
    """Cantonese readings for 銀行 and 好's components come from the packages' data."""
    assert jyutping("銀行") == "ngan4 hong4"
    assert components("好") == ["女", "子"]
    assert components("好好") == []


def test_annotate_json_tokens_carry_zhuyin_and_jyutping(run_cli):
    """`annotate --json` tokens gain "zhuyin" and "jyutping"."""
    status, out, _ = run_cli("annotate", "-", "--json", stdin="银行".encode())
    assert status == 0
    token = json.loads(out)["tokens"][0]
    assert token["zhuyin"] == "ㄧㄣˊ ㄏㄤˊ" and token["jyutping"] == "ngan4 hong4"


def test_flashcard_csv_export_writes_the_chosen_romanisation(services, tmp_path):
    """A CSV export in Zhuyin writes Zhuyin in the reading column."""
    from reader.core.flashcards import deck_name_for
    from reader.core.lookup import draft, search

    result = search("银行", services.dictionary)[0]
    services.flashcards.store.add(draft(result), deck_name_for(None))
    path = tmp_path / "cards.csv"
    assert services.flashcards.export(None, "csv", path, "zhuyin") == 1
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t"))
    assert ["银行", "銀行", "ㄧㄣˊ ㄏㄤˊ"] in [row[:3] for row in rows]


@pytest.fixture
def window(qtbot, services):
    from reader.ui.romanisation.feature import install

    window = shown_window(qtbot, services, (900, 600))
    feature = install(window, services)
    start_and_wait(qtbot, window)
    open_scratch(qtbot, window, TEXT, "scratch-rom", title="rom")
    qtbot.waitUntil(lambda: window.article_view.dictionary() is not None, timeout=READY_MS)
    return window, feature


def token_of(document, text):
    return next(i for i in document.word_indices() if document.token(i).text == text)


def test_menu_switches_ruby_and_popup_to_zhuyin_then_jyutping(qtbot, window, services):
    """View › Romanisation › Zhuyin shows Zhuyin over the words and in the popup; Jyutping
    loads off the GUI thread, then shows Cantonese."""
    window, feature = window
    view = window.article_view
    window.set_ruby(True)
    feature.actions["zhuyin"].trigger()
    assert services.settings.get("view.romanisation") == "zhuyin"
    document = view.document()
    bank = token_of(document, "银行")
    runs = [run for _, layout in view.visible_layouts() for run in layout.ruby_runs]
    assert "ㄧㄣˊㄏㄤˊ" in [run.text for run in runs]
    assert "ㄧㄣˊ ㄏㄤˊ" in view.popups.content(bank)
    feature.actions["jyutping"].trigger()
    qtbot.waitUntil(lambda: view.romanisation() == "jyutping", timeout=60_000)
    assert "ngan4 hong4" in view.popups.content(bank)
    assert "Parts: " in view.popups.content(token_of(document, "好"))
