"""Rich text where plain text belongs (issue 12 §6): a hostile title or user row is shown
literally in every widget that quotes it, never as an image, a link or markup."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox

HOSTILE = '<img src=x><a href="file:///etc/passwd">x</a>'
WAIT_MS = 60_000


def shown(text: str, fmt=Qt.TextFormat.AutoText) -> str:
    """What a user reads when Qt shows `text` in format `fmt` (AutoText: Qt's guess)."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def assert_literal_labels(widget) -> None:
    """Every label in `widget` quoting the hostile text shows it literally, links off."""
    quoting = [label for label in widget.findChildren(QLabel) if "passwd" in label.text()]
    assert quoting, "no label quotes the text"
    for label in quoting:
        assert HOSTILE in shown(label.text(), label.textFormat()), label.text()
        assert not label.openExternalLinks() or label.textFormat() == Qt.TextFormat.PlainText


@pytest.fixture
def window(qtbot, services):
    """A MainWindow with the import feature, over this test's own library."""
    from reader.ui.library.import_feature import install
    from reader.ui.main_window import MainWindow

    win = MainWindow(services, persist=False, restore=False)
    qtbot.addWidget(win)
    win.import_controller = install(win, services)
    win.show()
    return win


def test_remove_confirmation_shows_the_title_as_text(qtbot, window):
    """The remove question (whose label opens external links) quotes the title literally."""
    info = window.services.library.import_text("标题测试的正文。\n", title=HOSTILE)
    window.refresh_library()
    assert info.title == HOSTILE
    actions = window.import_controller.library_actions
    window.library_panel.select(info.id)
    actions.remove_action.trigger()
    box = actions.dialog
    assert isinstance(box, QMessageBox)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert_literal_labels(box)
    box.reject()


def test_duplicate_prompt_and_encoding_dialog(qtbot, window, tmp_path):
    """The duplicate prompt quotes the file name and the title literally; the encoding
    dialog escapes the file name inside its rich text."""
    from reader.ui.library.import_dialogs import DuplicatePrompt, EncodingDialog

    info = window.services.library.import_text("重复的正文。\n", title=HOSTILE)
    prompt = DuplicatePrompt(info, HOSTILE + ".txt", window)
    qtbot.addWidget(prompt)
    assert prompt.textFormat() == Qt.TextFormat.PlainText
    assert_literal_labels(prompt)
    path = tmp_path / "a<b>c.txt"
    path.write_bytes("中文".encode("gb18030"))
    dialog = EncodingDialog(path, "gb18030", ("big5",), window)
    qtbot.addWidget(dialog)
    assert "a<b>c.txt" in shown(dialog.label.text(), dialog.label.textFormat())


def test_tooltips_show_the_text_literally(qtbot, window):
    """Tooltips of library rows, search hits, glossary rows, people and flashcards decks."""
    from reader.ui.glossary.model import GlossaryTreeModel, TermRow
    from reader.ui.library.model import LibraryModel
    from reader.ui.people.panel import PeopleModel, PersonRow

    info = window.services.library.import_text("搜索用的正文独特词。\n", title=HOSTILE)
    library = LibraryModel([info])
    tip = library.data(library.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert HOSTILE in shown(tip)

    search = window.import_controller.library_search
    search._show(window.services.library.search("独特词"), "独特词")
    item = search.results.item(0)
    assert item is not None and HOSTILE in shown(item.toolTip())

    glossary = GlossaryTreeModel()
    glossary.set_rows([TermRow("user:x", HOSTILE, "tech", HOSTILE, HOSTILE, "", "", ((0, 1),))])
    head = glossary.item(0)
    term = head.child(0, 0) if head.rowCount() else head
    assert HOSTILE in shown(term.toolTip())
    assert HOSTILE in shown(head.child(0, 2).toolTip())

    people = PeopleModel()
    people.set_rows([PersonRow("p", HOSTILE, "", "", "", True, False, (HOSTILE,), ((0, 1),))])
    assert shown(people.item(0, 0).toolTip()).startswith(HOSTILE)


def test_notice_bar_glossary_dialog_and_flashcards_warning(qtbot, window):
    """A bad CSV row quoted in the notice bar, the glossary dialog's error line and the
    flashcards window's warning all show the text literally."""
    from reader.ui.flashcards.window import FlashcardsWindow
    from reader.ui.glossary.dialog import GlossaryEntryDialog

    window.show_notice(f"Row 3 skipped: {HOSTILE}")
    assert window.notice_bar.label.textFormat() == Qt.TextFormat.PlainText
    assert_literal_labels(window.notice_bar)

    def refuse(_fields):
        raise ValueError(f"bad row {HOSTILE}")

    dialog = GlossaryEntryDialog("Add", {"term": "x"}, refuse, note=HOSTILE, parent=window)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert_literal_labels(dialog)

    cards = FlashcardsWindow(window.services.flashcards)
    qtbot.addWidget(cards)
    box = cards.warn(f"Could not export {HOSTILE}")
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert_literal_labels(box)
    box.close()
