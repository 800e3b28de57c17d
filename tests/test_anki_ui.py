"""Anki in the window (offscreen, pytest-qt): Send to Anki from the Flashcards window through
the real widgets into the real-collection AnkiConnect server; the settings dialog's Test
connection; the known-words import dialog; the start-up refresh; failures leave notes unsent."""
from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from reader.core.anki import anki_word_statuses, sent_states
from reader.core.anki.records import save_word_statuses
from reader.core.flashcards import NoteDraft
from reader.ui.flashcards.model import COL_ANKI, COL_WORD
from tests.anki_server import anki_server

DRAFTS = [NoteDraft("腾讯", "騰訊", "téng xùn", "teng2 xun4", "Tencent"),
          NoteDraft("生态", "生態", "shēng tài", "sheng1 tai4", "ecosystem"),
          NoteDraft("行业", "行業", "háng yè", "hang2 ye4", "industry")]


@pytest.fixture
def server(tmp_path):
    with anki_server(tmp_path / "anki") as srv:
        yield srv


@pytest.fixture
def services(reader_home, server):
    """Fresh services whose settings point at the test server, with three saved notes."""
    from reader.core.services import Services

    svc = Services()
    svc.settings.set("anki.url", server.url)
    svc.flashcards.store.add_many(DRAFTS, "Reading")
    yield svc
    svc.flashcards.store.close()


@pytest.fixture
def window(qtbot, services):
    """A MainWindow (no article opened, persist off) with the flashcards feature installed
    and its store open."""
    from reader.ui.flashcards.feature import install
    from reader.ui.main_window import MainWindow

    win = MainWindow(services, persist=False, restore=False)
    qtbot.addWidget(win)
    win.feature = install(win, services)
    win.show()
    qtbot.waitUntil(lambda: win.feature.flashcards is not None, timeout=30_000)
    yield win
    qtbot.waitUntil(lambda: not win.tasks.busy, timeout=30_000)  # no worker outlives it
    if win.feature.flashcards_window is not None:
        win.feature.flashcards_window.close()


def _select(flashcards_window, words: list[str]) -> None:
    model, table = flashcards_window.notes_model, flashcards_window.table
    selection = table.selectionModel()
    selection.clearSelection()
    for row in range(model.rowCount()):
        if model.note(row).simplified in words:
            selection.select(model.index(row, COL_WORD), QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)


def test_send_selected_notes_with_the_button(qtbot, window, server, services):
    """The Send to Anki button sends just the selected notes (off the GUI thread), the
    status bar gives the counts, and the Anki column then says which notes are in Anki."""
    flashcards_window = window.feature.show_flashcards("Reading")
    _select(flashcards_window, ["腾讯", "生态"])
    with qtbot.waitSignal(window.feature.anki.sent, timeout=30_000) as sent:
        qtbot.mouseClick(flashcards_window.send_button, Qt.MouseButton.LeftButton)
    report = sent.args[0]
    assert (report.added, report.failed, report.error) == (2, 0, "")
    assert set(server.notes()) == {"腾讯", "生态"}
    assert "Sent 2 notes to Anki: 2 added, 0 updated, 0 unchanged, 0 failed" in \
        window.statusBar().currentMessage()
    model = flashcards_window.notes_model
    column = {model.note(r).simplified: model.index(r, COL_ANKI).data() for r in range(3)}
    assert column == {"腾讯": "✓ in Anki", "生态": "✓ in Anki", "行业": ""}

    with qtbot.waitSignal(window.feature.anki.sent, timeout=30_000) as sent:
        qtbot.mouseClick(flashcards_window.send_deck_button, Qt.MouseButton.LeftButton)
    assert (sent.args[0].added, sent.args[0].unchanged) == (1, 2)
    assert len(sent_states(services.flashcards.store)) == 3


def test_send_when_anki_is_not_running_marks_nothing(qtbot, window, services):
    """With nothing listening the send ends with the reason in the status bar; the notes
    stay 'not yet in Anki'."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    services.settings.set("anki.url", f"http://127.0.0.1:{port}")
    flashcards_window = window.feature.show_flashcards("Reading")
    _select(flashcards_window, ["腾讯"])
    flashcards_window.activateWindow()
    qtbot.waitUntil(flashcards_window.isActiveWindow, timeout=5_000)
    with qtbot.waitSignal(window.feature.anki.sent, timeout=30_000) as sent:
        qtbot.keyClick(flashcards_window.table, Qt.Key.Key_A,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert sent.args[0].failed == 1 and "Anki is not running" in sent.args[0].error
    assert "not fully sent" in window.statusBar().currentMessage()
    assert sent_states(services.flashcards.store) == {}


def test_settings_dialog_tests_the_connection_and_saves(qtbot, window, server, services):
    """Test connection shows the version (or the reason); OK saves the address, key and
    the mapping onto Anki's Basic note type (fields loaded from Anki)."""
    dialog = window.feature.anki.show_settings()
    with qtbot.waitSignal(dialog.tested, timeout=30_000) as tested:
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert tested.args[0] == f"Connected: AnkiConnect version 6 at {server.url}"
    dialog.load_models()
    qtbot.waitUntil(lambda: dialog.model.findData("Basic") >= 0, timeout=30_000)
    dialog.model.setCurrentIndex(dialog.model.findData("Basic"))
    qtbot.waitUntil(lambda: dialog.field_boxes["Simplified"].count() > 1, timeout=30_000)
    assert dialog.field_map() == {"Simplified": "Front", "Meaning": "Back"}
    dialog.key.setText("k")
    dialog.accept()
    assert services.settings.get("anki.model") == "Basic"
    assert services.settings.get("anki.field_map") == {"Simplified": "Front", "Meaning": "Back"}
    assert services.settings.get("anki.key") == "k"

    dialog = window.feature.anki.show_settings()
    with qtbot.waitSignal(dialog.tested, timeout=30_000) as tested:
        dialog.test_connection()
    assert "refused the API key" in tested.args[0]


def test_known_import_dialog_and_start_up_refresh(qtbot, window, server, services):
    """The import dialog lists Anki's decks, imports statuses from intervals and remembers
    the choice; with the start-up option on, a new window refreshes them by itself."""
    with qtbot.waitSignal(window.feature.anki.sent, timeout=30_000):
        window.feature.anki.send_deck("Reading")
    server.set_interval('"Simplified:行业"', 25)
    server.set_interval('"Simplified:生态"', 3)
    dialog = window.feature.anki.show_known_import()
    qtbot.waitUntil(lambda: dialog.decks.count() >= 2, timeout=30_000)
    dialog.set_chosen(["Reading"], "Simplified")
    with qtbot.waitSignal(dialog.imported, timeout=30_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].statuses == {"行业": "known", "生态": "learning"}
    assert "1 known, 1 learning" in dialog.status.text()
    assert services.settings.get("anki.known_decks") == ["Reading"]

    save_word_statuses(services.flashcards.store, {}, 0)
    assert anki_word_statuses(services.flashcards.store) == {}
    assert not window.feature.anki.refresh_known_at_start()  # the option is off
    services.settings.set("anki.refresh_known_at_start", True)
    with qtbot.waitSignal(window.feature.anki.known_imported, timeout=30_000) as refreshed:
        assert window.feature.anki.refresh_known_at_start()
    assert refreshed.args[0] is not None
    assert anki_word_statuses(services.flashcards.store) == {"行业": "known", "生态": "learning"}


def test_saved_glossary_is_also_sent_when_the_option_is_on(qtbot, window, server, services):
    """With "Also Send Saved Glossary to Anki" ticked, a finished Save glossary sends the
    deck; with it off, nothing goes to Anki."""
    feature = window.feature
    assert not feature.anki.also_send_action.isChecked()
    feature._on_glossary_saved("Reading", 3, 0)
    assert server.notes() == {} and not feature.anki.sending
    feature.anki.also_send_action.setChecked(True)
    assert services.settings.get("anki.send_after_save")
    with qtbot.waitSignal(feature.anki.sent, timeout=30_000) as sent:
        feature._on_glossary_saved("Reading", 3, 0)
    assert sent.args[0].added == 3 and set(server.notes()) == {"腾讯", "生态", "行业"}


def test_options_with_persist_off_are_not_written(window, reader_home):
    """A window with persist=False never writes the Anki options it toggles."""
    settings_file = reader_home / "settings.json"
    before = settings_file.read_bytes() if settings_file.exists() else None
    window.feature.anki.also_send_action.toggle()
    assert window.settings.anki("send_after_save") is True
    after = settings_file.read_bytes() if settings_file.exists() else None
    assert after == before


def test_start_up_refresh_runs_when_the_store_opens(qtbot, services, server):
    """With the start-up option on, installing the feature refreshes the known words from
    Anki by itself once the store is open, off the GUI thread."""
    from reader.core.anki import AnkiConnect, AnkiSender
    from reader.ui.flashcards.feature import install
    from reader.ui.main_window import MainWindow

    store = services.flashcards.store
    AnkiSender(AnkiConnect(server.url), store).send(store.notes())
    server.set_interval('"Simplified:腾讯"', 60)
    for key, value in (("refresh_known_at_start", True), ("known_decks", ["Reading"]),
                       ("known_field", "Simplified")):
        services.settings.set(f"anki.{key}", value)
    win = MainWindow(services, persist=False, restore=False)
    qtbot.addWidget(win)
    feature = install(win, services)  # the store opens on a worker, the refresh follows
    # (both results come back through the GUI event loop, which runs only inside waitSignal)
    with qtbot.waitSignal(feature.anki.known_imported, timeout=30_000) as refreshed:
        pass
    assert refreshed.args[0] is not None
    assert anki_word_statuses(store) == {"腾讯": "known"}
    assert "Known words from Anki: 1 known" in win.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not win.tasks.busy, timeout=30_000)
