"""Anki, live: sending notes through AnkiConnect into a real Anki collection (served on
127.0.0.1 by tests/anki_server.py), known words from card intervals, and every failure."""
from __future__ import annotations

import socket
import sqlite3

import pytest

from reader.core.anki import (
    AnkiActionError,
    AnkiAddressError,
    AnkiBusy,
    AnkiConnect,
    AnkiKeyError,
    AnkiNotConnect,
    AnkiNotRunning,
    AnkiSender,
    AnkiVersionError,
    MappingError,
    anki_word_statuses,
    mapping_from_settings,
    parse_field_map,
    sent_states,
)
from reader.core.anki.known import import_known, word_in
from reader.core.anki.records import save_word_statuses
from reader.core.flashcards import FlashcardStore, NoteDraft
from reader.core.flashcards.export import FIELDS, MODEL_NAME
from reader.core.flashcards.notes import SentenceDraft
from reader.core.flashcards.schema import SCHEMA_V1, run_script
from tests.anki_server import anki_server
from tests.settable_clock import Clock
from tests.translation_server import silent_server


def _sentence(text: str, word: str) -> SentenceDraft:
    i = text.index(word)
    return SentenceDraft(text, text, (i, i + len(word)), (i, i + len(word)), "a1", "Article One")


DRAFTS = [
    NoteDraft("腾讯", "騰訊", "téng xùn", "teng2 xun4", "Tencent", "cedict", ("company",),
              _sentence("腾讯进入产业互联网。", "腾讯")),
    NoteDraft("To B", "To B", "", "", "to Business\nSelling <P&L>", "glossary", ("glossary",),
              _sentence("腾讯杀入To B市场。", "To B")),
    NoteDraft("生态", "生態", "shēng tài", "sheng1 tai4", "ecosystem", "glossary", (),
              _sentence("建立生态。", "生态")),
]


@pytest.fixture
def store(tmp_path):
    clock = Clock()
    s = FlashcardStore(tmp_path / "cards.sqlite3", clock=clock)
    s.add_many(DRAFTS, "Article One")
    s.clock_ = clock
    yield s
    s.close()


@pytest.fixture
def server(tmp_path):
    with anki_server(tmp_path / "anki") as srv:
        yield srv


def _send(server, store, mapping=None, **client_options):
    client = AnkiConnect(server.url, **client_options)
    return AnkiSender(client, store, mapping).send(store.notes())


def _refused_url() -> str:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"


def test_notes_arrive_with_our_note_type_deck_and_fields(server, store):
    """A first send creates the deck and our note type (the .apkg's fields) and adds every
    note with the same HTML fields and tags; every note is then marked sent."""
    report = _send(server, store)
    assert (report.added, report.updated, report.unchanged, report.failed) == (3, 0, 0, 0)
    assert report.error == ""
    with server.lock:
        assert server.col.models.field_names(server.col.models.by_name(MODEL_NAME)) == list(FIELDS)
    notes = server.notes(MODEL_NAME)
    assert set(notes) == {"腾讯", "To B", "生态"}
    tencent = notes["腾讯"]
    assert tencent["Traditional"] == "騰訊" and tencent["Pinyin"] == "téng xùn"
    assert tencent["Sentence"] == "<b>腾讯</b>进入产业互联网。" and tencent["Source"] == "Article One"
    assert tencent["deck"] == "Article One" and tencent["tags"] == ["company"]
    assert notes["To B"]["Meaning"] == "to Business<br>Selling &lt;P&amp;L&gt;"
    assert set(sent_states(store).values()) == {"sent"} and len(sent_states(store)) == 3


def test_second_send_adds_nothing_and_an_edit_updates_only_that_note(server, store):
    """Sending again adds nothing and changes nothing; after an edit the note is 'changed'
    and the next send updates just the changed field in Anki (same Anki note id)."""
    _send(server, store)
    before = server.notes(MODEL_NAME)
    again = _send(server, store)
    assert (again.added, again.updated, again.unchanged, again.failed) == (0, 0, 3, 0)
    assert server.notes(MODEL_NAME) == before
    assert "addNotes" not in server.actions()[-3:]

    note = store.find("生态")
    store.clock_.now += 60
    store.update(note.id, meaning="ecosystem; ecology")
    assert sent_states(store)[note.id] == "changed"
    with server.lock:
        anki_id = list(server.col.find_notes('"Simplified:生态"'))
    third = _send(server, store)
    assert (third.added, third.updated, third.unchanged, third.failed) == (0, 1, 2, 0)
    updates = [r["params"] for r in server.requests if r["action"] == "updateNoteFields"]
    assert updates == [{"note": {"id": anki_id[0], "fields": {"Meaning": "ecosystem; ecology"}}}]
    after = server.notes(MODEL_NAME)
    assert after["生态"]["Meaning"] == "ecosystem; ecology"
    assert after["腾讯"] == before["腾讯"] and len(after) == 3
    with server.lock:
        assert list(server.col.find_notes('"Simplified:生态"')) == anki_id
    assert sent_states(store)[note.id] == "sent"


def test_mapping_onto_an_existing_note_type(server, store):
    """Our fields fill another note type (Hanzi / Pinyin / Meaning); unmapped fields are not
    sent; the user's existing note of the word (with formatting) is found by a targeted
    search and updated, a longer word containing it is left alone; a second send changes
    nothing."""
    with server.lock:
        mm = server.col.models
        model = mm.new("Chinese (Basic)")
        for name in ("Hanzi", "Pinyin", "Meaning", "Notes"):
            mm.add_field(model, mm.new_field(name))
        template = mm.new_template("Card 1")
        template["qfmt"], template["afmt"] = "{{Hanzi}}", "{{Pinyin}}<br>{{Meaning}}"
        mm.add_template(model, template)
        mm.add(model)
        for hanzi in ("<b>腾讯</b>", "腾讯公司"):  # the user's own notes of that type
            note = server.col.new_note(mm.by_name("Chinese (Basic)"))
            note["Hanzi"], note["Meaning"] = hanzi, "theirs"
            server.col.add_note(note, server.col.decks.id("Mine"))
    client = AnkiConnect(server.url)
    mapping = mapping_from_settings(client, "Chinese (Basic)",
                                    parse_field_map("simplified=Hanzi, Pinyin=pinyin,Meaning=Meaning"))
    assert mapping.fields == {"Simplified": "Hanzi", "Pinyin": "Pinyin", "Meaning": "Meaning"}
    report = AnkiSender(client, store, mapping).send(store.notes())
    assert (report.added, report.updated, report.failed) == (2, 1, 0)
    queries = [r["params"]["query"] for r in server.requests if r["action"] == "findNotes"]
    assert queries == ['"note:Chinese (Basic)" ("Hanzi:*腾讯*" OR "Hanzi:*To B*" OR "Hanzi:*生态*")']
    notes = server.notes("Chinese (Basic)")
    assert notes["<b>腾讯</b>"] == {"Hanzi": "<b>腾讯</b>", "Pinyin": "téng xùn",
                                    "Meaning": "Tencent", "Notes": "", "deck": "Mine",
                                    "tags": []}  # their note: updated, their bold kept
    assert notes["腾讯公司"]["Meaning"] == "theirs" and "腾讯" not in notes
    assert notes["生态"] == {"Hanzi": "生态", "Pinyin": "shēng tài", "Meaning": "ecosystem",
                             "Notes": "", "deck": "Article One", "tags": []}
    assert MODEL_NAME not in [m.name for m in server.col.models.all_names_and_ids()]
    again = AnkiSender(client, store, mapping).send(store.notes())
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    with pytest.raises(MappingError, match="Simplified"):
        mapping_from_settings(client, "Chinese (Basic)", {"Pinyin": "Pinyin"})
    with pytest.raises(MappingError, match="no field 'Hanzi2'"):
        mapping_from_settings(client, "Chinese (Basic)", {"Simplified": "Hanzi2"})
    with pytest.raises(AnkiActionError, match="no note type"):
        mapping_from_settings(client, "Nope", {"Simplified": "Hanzi"})


def test_batches_of_the_given_size_and_progress(server, store):
    """Notes go in batches (canAddNotes + addNotes per batch) with progress after each."""
    store.add_many([NoteDraft(f"词{i}", f"詞{i}", meaning=str(i)) for i in range(7)], "Big")
    seen = []
    client = AnkiConnect(server.url)
    report = AnkiSender(client, store, batch=4,
                        progress=lambda done, total: seen.append((done, total))).send(store.notes())
    assert report.added == 10 and server.actions().count("addNotes") == 3
    assert seen[-1] == (10, 10) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert set(server.notes(MODEL_NAME)["词3"]) >= set(FIELDS)


def test_known_words_come_back_from_card_intervals(server, store):
    """Cards with an interval of 21+ days give known words, younger studied cards learning,
    new cards nothing; the word is read from the chosen field (Traditional → Simplified)."""
    _send(server, store)
    assert server.set_interval('"Simplified:腾讯"', 30) == 1
    assert server.set_interval('"Simplified:生态"', 5) == 1
    with server.lock:  # a card of another note type whose field holds Traditional + HTML
        model = server.col.models.by_name("Basic")
        note = server.col.new_note(model)
        note["Front"], note["Back"] = "<div>經濟</div> (economy)", "x"
        server.col.add_note(note, server.col.decks.id("Article One::Sub"))
    server.set_interval('"Front:*經濟*"', 100)
    client = AnkiConnect(server.url)
    result = import_known(client, store, ["Article One"], "Simplified")
    assert result.statuses == {"腾讯": "known", "生态": "learning"}
    assert anki_word_statuses(store) == {"腾讯": "known", "生态": "learning"}
    both = import_known(client, store, ["Article One"], "Front")
    assert both.statuses == {"经济": "known"} and anki_word_statuses(store) == {"经济": "known"}
    assert word_in("<b>學習</b>[sound:x.mp3]") == "学习" and word_in("no Chinese") == ""
    assert word_in("腾讯[騰訊]") == "腾讯" and word_in("3D打印 (3D printing)") == "3D打印"
    assert word_in("&nbsp;To B&nbsp;<br>生態") == "生态"
    with pytest.raises(AnkiActionError, match="no card in those decks has a field 'Hanzi'"):
        import_known(client, store, ["Article One"], "Hanzi")
    assert anki_word_statuses(store) == {"经济": "known"}  # a failed import keeps the last one


def test_connection_refused_says_anki_is_not_running(store):
    """Nothing listening: 'Anki is not running', and no note is marked sent."""
    url = _refused_url()
    with pytest.raises(AnkiNotRunning, match="Anki is not running"):
        AnkiConnect(url).version()
    report = AnkiSender(AnkiConnect(url), store).send(store.notes())
    assert report.failed == 3 and report.added == 0 and "not running" in report.error
    assert sent_states(store) == {}


def test_a_server_that_never_answers_times_out_within_budget(store):
    """A server that accepts but never answers: 'did not answer within' the read timeout
    given to the client; nothing is marked sent."""
    with silent_server() as url:
        base = url.rsplit("/", 1)[0]
        client = AnkiConnect(base, connect_timeout=0.5, read_timeout=0.3)
        with pytest.raises(AnkiBusy, match="did not answer within 0.3 s"):
            client.version()
        report = AnkiSender(client, store).send(store.notes())
    assert report.failed == 3 and "did not answer" in report.error
    assert sent_states(store) == {}


def test_an_error_reply_mid_send_leaves_the_batch_unsent(server, store):
    """Anki answering addNotes with an error: a clear message, no note marked sent; once
    Anki works again a re-send adds them."""
    server.fail["addNotes"] = "collection is not available"
    report = _send(server, store)
    assert report.error == "Anki answered: collection is not available"
    assert (report.added, report.failed) == (0, 3) and sent_states(store) == {}
    del server.fail["addNotes"]
    again = _send(server, store)
    assert (again.added, again.failed) == (3, 0) and len(sent_states(store)) == 3


def test_one_update_refused_is_counted_failed_the_others_go_through(server, store):
    """An updateNoteFields error for notes inside multi fails only those notes; they stay
    'changed' and are updated by the next send."""
    _send(server, store)
    store.clock_.now += 60
    for word in ("腾讯", "生态"):
        store.update(store.find(word).id, meaning=f"{word} edited")
    server.fail["updateNoteFields"] = "note is being edited"
    report = _send(server, store)
    assert (report.updated, report.failed, report.unchanged) == (0, 2, 1)
    assert report.problems[0].endswith("note is being edited")
    assert sorted(sent_states(store).values()) == ["changed", "changed", "sent"]


def test_wrong_key_and_missing_key(tmp_path, store):
    """AnkiConnect with an API key: no key or a wrong one gives 'refused the API key' and
    nothing is sent; the right key works."""
    with anki_server(tmp_path / "anki", key="s3cret") as server:
        with pytest.raises(AnkiKeyError, match="refused the API key"):
            AnkiConnect(server.url).version()
        report = _send(server, store, key="wrong")
        assert "refused the API key" in report.error and report.failed == 3
        assert sent_states(store) == {} and server.notes() == {}
        assert _send(server, store, key="s3cret").added == 3


def test_old_version_and_something_else_answering(tmp_path, httpserver):
    """AnkiConnect older than 6 is named too old; a web page at the address is 'not
    AnkiConnect' (the add-on is missing)."""
    with anki_server(tmp_path / "anki", version=5) as server:
        with pytest.raises(AnkiVersionError, match="version 5 is too old"):
            AnkiConnect(server.url).version()
    httpserver.expect_request("/").respond_with_data("<html>hello</html>",
                                                     content_type="text/html")
    with pytest.raises(AnkiNotConnect, match="not AnkiConnect"):
        AnkiConnect(httpserver.url_for("/")).version()
    httpserver.clear()
    httpserver.expect_request("/").respond_with_json({"ok": True})
    with pytest.raises(AnkiNotConnect, match="add-on installed"):
        AnkiConnect(httpserver.url_for("/")).version()


def test_remote_address_needs_a_confirmation():
    """Loopback addresses need no confirmation; any other host does, once, per address."""
    AnkiConnect("localhost:8765")
    AnkiConnect("http://[::1]:8765")
    with pytest.raises(AnkiAddressError, match="not on this computer"):
        AnkiConnect("http://192.168.1.20:8765")
    AnkiConnect("http://192.168.1.20:8765", confirmed_remote="192.168.1.20:8765")
    with pytest.raises(AnkiAddressError):
        AnkiConnect("http://10.0.0.2:8765", confirmed_remote="192.168.1.20:8765")
    with pytest.raises(AnkiAddressError, match="not an AnkiConnect address"):
        AnkiConnect("ftp://127.0.0.1")


def test_schema_v1_database_migrates_and_statuses_validate(tmp_path):
    """A version-1 flashcard file gains the Anki tables on open with its notes kept;
    only 'known' / 'learning' statuses are stored."""
    path = tmp_path / "old.sqlite3"
    con = sqlite3.connect(path, isolation_level=None)
    run_script(con, SCHEMA_V1)
    con.execute("INSERT INTO decks (name, created) VALUES ('d', 0)")
    con.execute("INSERT INTO notes (deck_id, key, simplified, traditional, created, modified) "
                "VALUES (1, '生态', '生态', '生態', 0, 0)")
    con.execute("PRAGMA user_version = 1")
    con.close()
    store = FlashcardStore(path)
    try:
        assert store.count() == 1 and sent_states(store) == {}
        assert (tmp_path / "old.sqlite3.v1.bak").exists()
        with pytest.raises(ValueError, match="unknown word status"):
            save_word_statuses(store, {"生态": "mastered"}, 0)
        save_word_statuses(store, {"生态": "known"}, 1.0)
        assert anki_word_statuses(store) == {"生态": "known"}
    finally:
        store.close()
