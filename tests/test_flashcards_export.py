"""Exports: the .apkg checked with the real Anki library, CSV (also through Anki), Pleco."""
from __future__ import annotations

import csv
import io
import os

import pytest
from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportCsvRequest,
)

from reader.core.flashcards import ExportError, FlashcardStore, NoteDraft
from reader.core.flashcards.export import (
    FIELDS,
    MODEL_ID,
    MODEL_NAME,
    PLECO_NEWLINE,
    export_notes,
    note_guid,
)
from reader.core.flashcards.notes import SentenceDraft
from tests.settable_clock import T0, Clock


def _sentence(text: str, trad: str, word: str, title: str = "Article One") -> SentenceDraft:
    i = text.index(word)
    return SentenceDraft(text, trad, (i, i + len(word)), (i, i + len(word)), "a1", title)


DRAFTS = [
    NoteDraft("腾讯", "騰訊", "téng xùn", "teng2 xun4", "Tencent", "cedict", ("company",),
              _sentence("腾讯进入产业互联网。", "騰訊進入產業互聯網。", "腾讯")),
    NoteDraft("To B", "To B", "", "", "to Business\nSelling to companies <P&L> matters", "glossary",
              ("glossary", "business_model"), _sentence("腾讯杀入To B市场。", "騰訊殺入To B市場。", "To B")),
    NoteDraft("生态", "生態", "shēng tài", "sheng1 tai4", "ecosystem", "glossary", (),
              _sentence("建立生态。", "建立生態。", "生态")),
]


@pytest.fixture
def filled(tmp_path):
    clock = Clock()
    store = FlashcardStore(tmp_path / "cards.sqlite3", clock=clock)
    store.add_many(DRAFTS, "Article One")
    yield store, clock
    store.close()


def _collection(tmp_path) -> Collection:
    folder = tmp_path / "anki"
    folder.mkdir()
    return Collection(str(folder / "collection.anki2"))


def _import_apkg(col: Collection, path) -> object:
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def _anki_notes(col: Collection) -> dict[str, dict]:
    out = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        out[note.guid] = {"fields": dict(note.items()), "tags": list(note.tags),
                          "type": note.note_type()["name"], "mid": note.mid,
                          "decks": {col.decks.name(c.did) for c in note.cards()}}
    return out


@pytest.mark.slow
def test_apkg_round_trip_through_anki(filled, tmp_path):
    """Anki imports the .apkg with our note type and fields; a re-export after edits updates
    the same notes (same count, new field values) instead of duplicating them; exporting
    leaves the review state alone."""
    store, clock = filled
    with store.transaction() as con:  # some review state, which exporting must not touch
        con.execute("UPDATE cards SET state = 2, stability = 4.5, last_review = 1.0")
    cards_before = [tuple(r) for r in store.query("SELECT * FROM cards ORDER BY id")]
    apkg = tmp_path / "deck.apkg"
    assert export_notes(store.notes("Article One"), "apkg", apkg, "Article One") == 3
    assert [tuple(r) for r in store.query("SELECT * FROM cards ORDER BY id")] == cards_before
    col = _collection(tmp_path)
    try:
        log = _import_apkg(col, apkg)
        assert len(log.new) == 3 and not log.duplicate
        notes = _anki_notes(col)
        assert set(notes) == {note_guid(n) for n in store.notes()}
        tencent = notes[note_guid(store.find("腾讯"))]
        assert tencent["type"] == MODEL_NAME and tencent["mid"] == MODEL_ID
        assert list(tencent["fields"]) == list(FIELDS)
        assert tencent["fields"]["Simplified"] == "腾讯"
        assert tencent["fields"]["Traditional"] == "騰訊"
        assert tencent["fields"]["Pinyin"] == "téng xùn"
        assert tencent["fields"]["Sentence"] == ("<b>腾讯</b>进入产业互联网。<br>"
                                                 "<b>騰訊</b>進入產業互聯網。")
        assert tencent["fields"]["Source"] == "Article One"
        assert tencent["tags"] == ["company"] and tencent["decks"] == {"Article One"}
        to_b = notes[note_guid(store.find("to b"))]["fields"]
        assert to_b["Meaning"] == "to Business<br>Selling to companies &lt;P&amp;L&gt; matters"

        # Edit one note, add a sentence to another, re-export, re-import.
        clock.now = T0 + 60
        store.update(store.find("生态").id, meaning="business ecosystem (partners around a platform)")
        store.add(NoteDraft("腾讯", "騰訊", sentence=_sentence(
            "腾讯很强。", "騰訊很強。", "腾讯", "Article Two")), "Elsewhere")
        export_notes(store.notes("Article One"), "apkg", apkg, "Article One")
        log = _import_apkg(col, apkg)
        assert len(log.updated) == 2 and not log.new
        assert col.note_count() == 3
        notes = _anki_notes(col)
        assert notes[note_guid(store.find("生态"))]["fields"]["Meaning"] == (
            "business ecosystem (partners around a platform)")
        sentence = notes[note_guid(store.find("腾讯"))]["fields"]["Sentence"]
        assert "<b>腾讯</b>很强。" in sentence and "进入产业互联网" in sentence
        assert notes[note_guid(store.find("腾讯"))]["fields"]["Source"] == "Article One; Article Two"
    finally:
        col.close()


@pytest.mark.slow
def test_guids_depend_only_on_the_word(filled, tmp_path):
    """A second database with the same words (other ids, other order) exports the same GUIDs,
    so importing it into Anki adds nothing."""
    store, _ = filled
    other = FlashcardStore(tmp_path / "other.sqlite3")
    other.add_many(list(reversed(DRAFTS)), "Renamed later")
    assert {note_guid(n) for n in other.notes()} == {note_guid(n) for n in store.notes()}
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    export_notes(store.notes(), "apkg", first)
    export_notes(other.notes(), "apkg", second)
    col = _collection(tmp_path)
    try:
        _import_apkg(col, first)
        log = _import_apkg(col, second)
        assert not log.new and col.note_count() == 3
    finally:
        col.close()
        other.close()


def _read_csv(path) -> tuple[list[str], list[list[str]]]:
    text = path.read_text(encoding="utf-8")
    headers = [line for line in text.splitlines() if line.startswith("#")]
    body = "".join(line for line in io.StringIO(text) if not line.startswith("#"))
    return headers, list(csv.reader(io.StringIO(body), delimiter="\t"))


def test_csv_has_anki_headers_and_parses_back(filled, tmp_path):
    """The CSV starts with Anki's header lines and its rows parse back to the notes' fields."""
    store, _ = filled
    path = tmp_path / "deck.csv"
    export_notes(store.notes(), "csv", path, "Article One")
    headers, rows = _read_csv(path)
    assert headers[:2] == ["#separator:tab", "#html:false"]
    assert "#deck:Article One" in headers and f"#notetype:{MODEL_NAME}" in headers
    columns = next(h for h in headers if h.startswith("#columns:"))[len("#columns:"):].split("\t")
    assert columns == [*FIELDS, "Tags", "GUID"]
    assert f"#tags column:{columns.index('Tags') + 1}" in headers
    assert len(rows) == 3 and all(len(r) == len(columns) for r in rows)
    by_word = {r[0]: dict(zip(columns, r, strict=True)) for r in rows}
    assert by_word["To B"]["Meaning"] == "to Business\nSelling to companies <P&L> matters"
    assert by_word["腾讯"]["Sentence"] == "腾讯进入产业互联网。\n騰訊進入產業互聯網。"
    assert by_word["To B"]["Tags"] == "glossary business_model"
    assert by_word["生态"]["GUID"] == note_guid(store.find("生态"))


@pytest.mark.slow
def test_anki_reads_the_csv_headers_and_updates_by_guid(filled, tmp_path):
    """Anki's own CSV importer reads our headers, maps columns to our note type after an .apkg
    import, and updates those notes by GUID instead of adding new ones."""
    store, clock = filled
    apkg, path = tmp_path / "deck.apkg", tmp_path / "deck.csv"
    export_notes(store.notes(), "apkg", apkg, "Article One")
    clock.now = T0 + 60
    store.update(store.find("腾讯").id, meaning="Tencent Holdings")
    export_notes(store.notes(), "csv", path, "Article One")
    col = _collection(tmp_path)
    try:
        _import_apkg(col, apkg)
        metadata = col.get_csv_metadata(str(path), delimiter=None)
        assert list(metadata.column_labels) == [*FIELDS, "Tags", "GUID"]
        assert metadata.global_notetype.id == MODEL_ID
        assert metadata.guid_column == 8 and metadata.tags_column == 7
        log = col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log
        assert len(log.updated) == 3 and not log.new and col.note_count() == 3
        fields = _anki_notes(col)[note_guid(store.find("腾讯"))]["fields"]
        assert fields["Meaning"] == "Tencent Holdings"
    finally:
        col.close()


def test_pleco_lines_parse_back(filled, tmp_path):
    """Pleco text: a //category line, then 简体[繁體] TAB pinyin TAB definition per note."""
    store, _ = filled
    path = tmp_path / "pleco.txt"
    export_notes(store.notes(), "pleco", path, "Article One")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "//Article One"
    parsed = {}
    for line in lines[1:]:
        head, pinyin, definition = line.split("\t")
        simplified, _, traditional = head.partition("[")
        parsed[simplified] = (traditional.rstrip("]"), pinyin, definition)
    assert parsed["腾讯"] == ("騰訊", "teng2xun4", "Tencent" + PLECO_NEWLINE + "腾讯进入产业互联网。")
    assert parsed["生态"][:2] == ("生態", "sheng1tai4")
    assert parsed["To B"][0] == ""  # same in both scripts: no [..] part
    assert parsed["To B"][2].startswith("to Business; Selling to companies")


def test_unwritable_targets_give_one_line_errors(filled, tmp_path):
    """A folder, a path under a file, a read-only folder, an unknown format: ExportError with
    a one-line message, and no partial file left behind."""
    store, _ = filled
    with pytest.raises(ExportError, match="is a folder"):
        export_notes(store.notes(), "csv", tmp_path, None)
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="cannot write") as caught:
        export_notes(store.notes(), "apkg", plain / "x.apkg", None)
    assert "\n" not in str(caught.value)
    with pytest.raises(ExportError, match="unknown export format"):
        export_notes(store.notes(), "docx", tmp_path / "x.docx", None)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if not os.access(locked, os.W_OK):  # root can write anywhere; skip only this part
            with pytest.raises(ExportError, match="cannot write"):
                export_notes(store.notes(), "apkg", locked / "x.apkg", None)
            assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_export_replaces_atomically(filled, tmp_path):
    """Exporting over an existing file replaces it whole and leaves no temp files."""
    store, _ = filled
    path = tmp_path / "deck.csv"
    path.write_text("old contents", encoding="utf-8")
    export_notes(store.notes(), "csv", path, "Article One")
    assert path.read_text(encoding="utf-8").startswith("#separator:tab")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".deck")) == []
