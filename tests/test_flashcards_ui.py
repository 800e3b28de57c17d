"""Flashcards in the window (offscreen): popup Save on S, Save glossary, the Flashcards
window (search, edit, delete and undo) and in-app review on keys."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from reader.core.text.scripts import View

READY_MS = 120_000


@pytest.fixture
def window(qtbot, services):
    """A MainWindow over fresh Services (this test's READER_HOME) sharing the loaded engines,
    with the flashcards feature installed, on the first corpus article."""
    from reader.ui.flashcards.feature import install
    from reader.ui.main_window import MainWindow

    fresh = services
    win = MainWindow(fresh, persist=False, restore=False)
    qtbot.addWidget(win)
    win.feature = install(win, fresh)
    win.show()
    win.start("caijing-2020")
    qtbot.waitUntil(lambda: win.current_document() is not None and not win.tasks.busy,
                    timeout=READY_MS)
    yield win
    if win.feature.flashcards_window is not None:
        win.feature.flashcards_window.close()
    fresh.flashcards.store.close()


def _word(document, word: str) -> list[int]:
    text = document.simplified
    return [i for i in document.word_indices()
            if document.span(i)[1] - document.span(i)[0] == len(word)
            and text.startswith(word, document.span(i)[0])]


def test_save_from_popup_with_s_and_button(qtbot, window):
    """S in the popup saves the word with its sentence; again: no duplicate; the popup then
    says the word is saved; the popup's Save button does the same."""
    view = window.article_view
    document = window.current_document()
    first, second = _word(document, "行业")[:2]
    assert view.show_popup_for(first)
    view.setFocus()
    with qtbot.waitSignal(window.feature.word_saved, timeout=10_000) as saved:
        qtbot.keyClick(view, Qt.Key.Key_S)
    result = saved.args[0]
    assert result.added and result.note.simplified == "行业"
    store = window.services.flashcards.store
    note = store.find("行业")
    assert store.count() == 1 and note.pinyin == "háng yè"
    assert note.sentences[0].simplified[slice(*note.sentences[0].simplified_range)] == "行业"
    assert "Saved 行业 [行業]" in window.statusBar().currentMessage()
    save_button = view.popup().action_button("S")
    assert save_button.text() == "Saved ✓" and not save_button.isEnabled()

    assert view.show_popup_for(first)
    assert "in your flashcards" in view.popup().html()
    with qtbot.waitSignal(window.feature.word_saved, timeout=10_000) as saved:
        qtbot.keyClick(view, Qt.Key.Key_S)
    assert not saved.args[0].added and store.count() == 1
    assert "already saved" in window.statusBar().currentMessage()

    assert view.show_popup_for(second)
    button = next(b for b in view.popup().findChildren(QPushButton) if "Save" in b.text())
    with qtbot.waitSignal(window.feature.word_saved, timeout=10_000):
        button.click()
    assert store.count() == 1
    same_sentence = (document.sentence_bounds(document.span(first)[0])
                     == document.sentence_bounds(document.span(second)[0]))
    assert len(store.find("行业").sentences) == (1 if same_sentence else 2)


def test_save_glossary_action_counts_without_duplicates(qtbot, window):
    """The toolbar/Tools action saves each glossary term once to the article's deck and
    reports 'N added, M already saved'; a second run adds nothing."""
    feature = window.feature
    action = feature.save_glossary_action
    assert action in window.menu("&Tools").actions() and action in window.toolbar.actions()
    document = window.current_document()
    terms = {s.key for s in document.layers["glossary"]}
    with qtbot.waitSignal(feature.glossary_saved, timeout=20_000) as saved:
        action.trigger()
    added, already = saved.args
    assert already == 0 and added == len(feature.flashcards.saver.glossary_drafts(
        document, window.current_article())) and added >= len(terms) - 5
    assert window.statusBar().currentMessage().startswith(f"{added} added, 0 already saved")
    deck = feature.flashcards.store.deck(window.current_article().title)
    assert deck is not None and deck.note_count == added
    with qtbot.waitSignal(feature.glossary_saved, timeout=20_000) as saved:
        action.trigger()
    assert tuple(saved.args) == (0, added)
    assert feature.flashcards.store.count() == added


def test_flashcards_window_search_edit_delete_undo(qtbot, window):
    """The Flashcards window lists saved notes, filters by pinyin, saves an edit, deletes with
    Delete and brings the note back with Ctrl+Z."""
    feature = window.feature
    with qtbot.waitSignal(feature.glossary_saved, timeout=20_000):
        feature.save_glossary_action.trigger()
    flash = feature.show_flashcards()
    qtbot.waitExposed(flash)
    total = feature.flashcards.store.count()
    assert flash.notes_model.rowCount() == total
    assert flash.decks_model.rowCount() == 2  # All decks + the article's deck
    flash.search.setText("foxi")  # 佛系 by toneless pinyin
    qtbot.waitUntil(lambda: flash.notes_model.rowCount() == 1, timeout=3000)
    note = flash.notes_model.note(0)
    assert note.simplified == "佛系" and flash.editor.note().id == note.id
    flash.editor.meaning.setPlainText("laid-back, Buddha-like")
    flash.editor.save_button.click()
    assert feature.flashcards.store.note(note.id).meaning == "laid-back, Buddha-like"
    flash.table.setFocus()
    qtbot.keyClick(flash.table, Qt.Key.Key_Delete)
    assert feature.flashcards.store.note(note.id) is None
    assert flash.notes_model.rowCount() == 0 and flash.undo_button.isEnabled()
    qtbot.keyClick(flash.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = feature.flashcards.store.note(note.id)
    assert restored is not None and restored.meaning == "laid-back, Buddha-like"
    assert flash.notes_model.rowCount() == 1 and not flash.undo_button.isEnabled()


def test_export_from_the_window_and_a_clear_error(qtbot, window, tmp_path):
    """Export runs in the background and reports the count in the Flashcards window (not the
    main status bar), as a 0644 file; an unwritable target gives a one-line warning, not a
    traceback."""
    import os

    from PySide6.QtWidgets import QMessageBox

    feature = window.feature
    with qtbot.waitSignal(feature.glossary_saved, timeout=20_000) as saved:
        feature.save_glossary_action.trigger()
    flash = feature.show_flashcards(window.current_article().title)
    target = tmp_path / "deck.apkg"
    window.statusBar().clearMessage()
    old_umask = os.umask(0o022)
    try:
        flash.export_to(flash.selected_deck(), "apkg", str(target))
        qtbot.waitUntil(lambda: flash.message.text().startswith("Exported"), timeout=20_000)
    finally:
        os.umask(old_umask)
    assert flash.message.text().startswith(f"Exported {saved.args[0]} notes")
    assert target.stat().st_size and (target.stat().st_mode & 0o777) == 0o644
    assert "Exported" not in window.statusBar().currentMessage()
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    flash.export_to(None, "csv", str(blocker / "x.csv"))
    qtbot.waitUntil(lambda: flash.message.text().startswith("cannot write"), timeout=20_000)
    boxes = [b for b in flash.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "cannot write" in boxes[0].text() and "\n" not in boxes[0].text()
    boxes[0].close()


def test_review_in_the_current_script_with_keys(qtbot, window):
    """Review shows the word in the reader's script with its sentence highlighted; Space shows
    pinyin, meaning and the other script; 3 (Good) stores a rating and moves on."""
    feature = window.feature
    document = window.current_document()
    index = _word(document, "行业")[0]
    with qtbot.waitSignal(feature.word_saved, timeout=10_000):
        feature.on_save_word(document, index, window.current_view())
    window.set_view(View.TRADITIONAL)
    feature.review_action.trigger()
    flash = feature.flashcards_window
    review = flash.review
    qtbot.waitExposed(flash)
    assert flash.tabs.currentWidget() is review
    note = review.current_note()
    assert note is not None and note.simplified == "行业"
    front = review.card.text()
    assert "行業" in front and "<b " in front and "háng yè" not in front
    review.setFocus()
    qtbot.keyClick(review, Qt.Key.Key_Space)
    assert review.is_revealed()
    back = review.card.text()
    assert "háng yè" in back and "industry" in back and "行业" in back  # Simplified on the back
    assert "·" in review.rating_buttons[3].text()
    with qtbot.waitSignal(review.reviewed, timeout=3000) as rated:
        qtbot.keyClick(review, Qt.Key.Key_3)
    assert tuple(rated.args) == (note.id, 3)
    assert [r["rating"] for r in feature.flashcards.review.history(note.id)] == [3]
    assert review.current_note() is None or review.current_note().id != note.id
    assert "Nothing due" in review.card.text() or review.current_note() is not None


def test_review_tab_opened_directly_starts_or_says_nothing_due(qtbot, window):
    """Clicking the Review tab starts the review; with nothing due it says so, buttons disabled."""
    feature = window.feature
    flash = feature.show_flashcards(None)
    qtbot.waitExposed(flash)
    buttons = [flash.review.show_button, *flash.review.rating_buttons.values()]
    flash.tabs.setCurrentWidget(flash.review)
    assert "Nothing due" in flash.review.card.text()
    assert not any(b.isEnabled() for b in buttons)
    flash.tabs.setCurrentIndex(0)
    document = window.current_document()
    with qtbot.waitSignal(feature.word_saved, timeout=10_000):
        feature.on_save_word(document, _word(document, "行业")[0], window.current_view())
    flash.tabs.setCurrentWidget(flash.review)
    assert flash.review.current_note() is not None and flash.review.show_button.isEnabled()
    assert not any(b.isEnabled() for b in flash.review.rating_buttons.values())


def test_an_option_toggled_with_persist_off_is_not_written(window, reader_home):
    """A window with persist=False (screenshots) never writes the "also save people" option."""
    settings_file = reader_home / "settings.json"
    before = settings_file.read_bytes() if settings_file.exists() else None
    window.feature.include_people_action.toggle()
    assert window.settings.save_people_with_glossary() == window.feature.include_people_action.isChecked()
    after = settings_file.read_bytes() if settings_file.exists() else None
    assert after == before
