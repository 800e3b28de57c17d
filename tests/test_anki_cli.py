"""The Anki commands: `anki check`, `deck send` (with a field mapping) and `known import-anki`,
against the real-collection AnkiConnect server on 127.0.0.1."""
from __future__ import annotations

import socket

import pytest

from reader.core.anki import anki_word_statuses, sent_states
from reader.core.flashcards import NoteDraft
from tests.anki_server import anki_server

DRAFTS = [NoteDraft("腾讯", "騰訊", "téng xùn", "teng2 xun4", "Tencent"),
          NoteDraft("生态", "生態", "shēng tài", "sheng1 tai4", "ecosystem")]


@pytest.fixture
def services(reader_home):
    """Fresh services in this test's READER_HOME (no engines needed: nothing is annotated)."""
    from reader.core.services import Services

    svc = Services()
    svc.flashcards.store.add_many(DRAFTS, "Reading")
    yield svc
    svc.flashcards.store.close()


@pytest.fixture
def cli(services, capsys):
    from reader.cli import run

    def _run(*argv: str):
        status = run(list(argv), services)
        out, err = capsys.readouterr()
        return status, out, err

    return _run


@pytest.fixture
def server(tmp_path):
    with anki_server(tmp_path / "anki") as srv:
        yield srv


def test_anki_check(cli, server):
    """`anki check` prints the version; nothing listening: one line, exit 1."""
    status, out, err = cli("anki", "check", "--url", server.url)
    assert status == 0 and out.strip() == f"AnkiConnect version 6 at {server.url}"
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    status, out, err = cli("anki", "check", "--url", f"127.0.0.1:{port}")
    assert status == 1 and err.strip() == (f"error: Anki is not running at http://127.0.0.1:{port} "
                                           "(start Anki with the AnkiConnect add-on)")


def test_deck_send_counts_then_nothing_new(cli, server, services):
    """`deck send` prints added/updated/unchanged/failed; a second run adds nothing."""
    status, out, err = cli("deck", "send", "Reading", "--url", server.url)
    assert status == 0, err
    assert out.startswith("2 added, 0 updated, 0 unchanged, 0 failed (deck Reading")
    assert set(server.notes()) == {"腾讯", "生态"}
    status, out, _ = cli("deck", "send", "reading", "--url", server.url)
    assert status == 0 and out.startswith("0 added, 0 updated, 2 unchanged, 0 failed")
    status, _, err = cli("deck", "send", "Nope", "--url", server.url)
    assert status == 2 and "no deck called 'Nope'" in err


def test_deck_send_with_model_and_map(cli, server):
    """--model/--map fill Anki's Basic type: Simplified → Front, Meaning → Back."""
    status, out, err = cli("deck", "send", "Reading", "--url", server.url, "--model", "Basic",
                           "--map", "Simplified=Front,Meaning=Back")
    assert status == 0, err
    assert "note type Basic" in out
    notes = server.notes("Basic")
    assert notes["腾讯"]["Back"] == "Tencent" and notes["生态"]["Front"] == "生态"
    status, _, err = cli("deck", "send", "Reading", "--url", server.url, "--model", "Basic",
                         "--map", "Meaning=Back")
    assert status == 2 and "map Simplified" in err


def test_deck_send_failure_exits_1_and_marks_nothing(cli, server, services):
    """An error reply ends the send with exit 1 and the reason; no note is marked sent."""
    server.fail["addNotes"] = "collection is not available"
    status, out, err = cli("deck", "send", "Reading", "--url", server.url)
    assert status == 1 and out.startswith("0 added, 0 updated, 0 unchanged, 2 failed")
    assert "error: Anki answered: collection is not available" in err
    assert sent_states(services.flashcards.store) == {}


def test_remote_url_needs_allow_remote_once(cli, services):
    """A non-loopback --url is refused until --allow-remote, which is remembered."""
    status, _, err = cli("anki", "check", "--url", "http://192.0.2.1:8765")
    assert status == 1 and "not on this computer" in err
    cli("anki", "check", "--url", "http://192.0.2.1:8765", "--allow-remote")
    assert services.settings.get("anki.confirmed_remote") == "http://192.0.2.1:8765"


def test_known_import_anki(cli, server, services):
    """`known import-anki` stores statuses from intervals and remembers deck and field."""
    cli("deck", "send", "Reading", "--url", server.url)
    server.set_interval('"Simplified:腾讯"', 40)
    status, out, err = cli("known", "import-anki", "--deck", "Reading", "--field", "Simplified",
                           "--url", server.url)
    assert status == 0, err
    assert out.strip() == "1 known, 0 learning from 1 cards (0 without a word)"
    assert anki_word_statuses(services.flashcards.store) == {"腾讯": "known"}
    assert services.study.store.snapshot() == {"腾讯": "known"}  # adopted as word statuses
    assert "word statuses: 1 newly known" in err
    assert services.settings.get("anki.known_decks") == ["Reading"]
    assert services.settings.get("anki.known_field") == "Simplified"
