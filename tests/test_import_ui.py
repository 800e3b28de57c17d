"""Import in the window: menu and shortcuts, background import with progress, the encoding
and duplicate dialogs, paste, drag and drop, rename/remove, full-text search, progress."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from reader.ui.library.import_dialogs import DuplicatePrompt, EncodingDialog

WAIT_MS = 60_000


@pytest.fixture
def window_and_import(qtbot, services):
    """A MainWindow over this test's own library (engines shared) with the import feature."""
    from reader.ui.library.import_feature import install
    from reader.ui.main_window import MainWindow

    fresh = services
    window = MainWindow(fresh, persist=False, restore=False)
    qtbot.addWidget(window)
    controller = install(window, fresh)
    window.show()
    with qtbot.waitSignal(window.engines_ready, timeout=WAIT_MS):
        window.start()
    return window, controller, fresh


def _titles(window):
    model = window.library_panel.model
    return [model.article(row).title for row in range(model.rowCount())]


def test_menu_entries_and_shortcuts(window_and_import):
    """File has Import… (Ctrl+O) and Paste as New Article (Ctrl+Shift+V) first."""
    window, controller, _ = window_and_import
    actions = window.menu("&File").actions()
    assert actions[0] is controller.import_action
    assert actions[1] is controller.paste_action
    assert controller.import_action.shortcut().toString() == "Ctrl+O"
    assert controller.paste_action.shortcut().toString() == "Ctrl+Shift+V"


def test_import_in_background_with_progress(qtbot, window_and_import, tmp_path):
    """A GB18030 file imports off the GUI thread with rising progress, is listed and opened,
    and the status bar names the encoding; the progress bar hides when done."""
    window, controller, _ = window_and_import
    path = tmp_path / "gb.txt"
    path.write_bytes("腾讯的新战略\n腾讯宣布成立云与智慧产业事业群。\n".encode("gb18030") * 2000)
    seen = []
    controller.progress.connect(lambda fraction, _stage: seen.append(fraction))
    with qtbot.waitSignal(controller.imported, timeout=WAIT_MS) as signal:
        controller.import_files([path])
    info = signal.args[0]
    assert info.extra["encoding"] == "gb18030"
    assert "腾讯的新战略" in _titles(window)
    assert window.current_article().id == info.id
    assert "gb18030" in window.statusBar().currentMessage()
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 4
    qtbot.waitUntil(lambda: not controller.progress_bar.isVisible(), timeout=WAIT_MS)


def test_uncertain_encoding_asks(qtbot, window_and_import, tmp_path):
    """Two Big5 characters are ambiguous: the encoding dialog opens, its preview follows the
    chosen encoding, and accepting Big5 imports 騰訊."""
    window, controller, services = window_and_import
    path = tmp_path / "short.txt"
    path.write_bytes("騰訊".encode("big5"))
    controller.import_files([path])
    qtbot.waitUntil(lambda: isinstance(controller.dialog, EncodingDialog), timeout=WAIT_MS)
    dialog = controller.dialog
    dialog.set_encoding("big5")
    assert dialog.preview.toPlainText() == "騰訊"
    with qtbot.waitSignal(controller.imported, timeout=WAIT_MS) as signal:
        dialog.accept()
    assert services.library.get(signal.args[0].id)[1] == "騰訊\n"
    assert signal.args[0].extra["encoding"] == "big5"


def test_duplicate_prompt_keep_and_replace(qtbot, window_and_import, tmp_path):
    """The same file twice asks; Keep Both adds an entry, Replace does not."""
    window, controller, services = window_and_import
    path = tmp_path / "a.txt"
    path.write_text("重复的文章标题\n内容。\n", encoding="utf-8")
    with qtbot.waitSignal(controller.imported, timeout=WAIT_MS):
        controller.import_files([path])
    count = len(services.library.list())
    for button, expected in (("keep_button", count + 1), ("replace_button", count + 1)):
        controller.import_files([path])
        qtbot.waitUntil(lambda: isinstance(controller.dialog, DuplicatePrompt), timeout=WAIT_MS)
        with qtbot.waitSignal(controller.imported, timeout=WAIT_MS):
            getattr(controller.dialog, button).click()
        assert len(services.library.list()) == expected
        assert window.library_panel.model.rowCount() == expected


def test_bad_file_reports_and_changes_nothing(qtbot, window_and_import, tmp_path):
    """A binary file is refused with a one-line message; the list is unchanged."""
    window, controller, _ = window_and_import
    path = tmp_path / "bin.txt"
    path.write_bytes(bytes(range(256)) * 8)
    before = _titles(window)
    with qtbot.waitSignal(controller.failed, timeout=WAIT_MS) as signal:
        controller.import_files([path])
    assert signal.args[0] == "bin.txt was not imported: this looks like a binary file, not text"
    assert _titles(window) == before


def test_paste_as_new_article(qtbot, window_and_import):
    """Ctrl+Shift+V's action imports the clipboard's text as a pasted article."""
    _, controller, _ = window_and_import
    QGuiApplication.clipboard().setText("粘贴的标题\n粘贴的内容。")
    with qtbot.waitSignal(controller.imported, timeout=WAIT_MS) as signal:
        controller.paste_action.trigger()
    assert signal.args[0].title == "粘贴的标题"
    assert signal.args[0].extra["source_file"] == "pasted"


def test_drop_files_on_the_window(qtbot, window_and_import, tmp_path):
    """Dragging a file over the window is accepted, and dropping it imports it."""
    window, controller, _ = window_and_import
    path = tmp_path / "dropped.md"
    path.write_text("# 拖进来的文章\n\n正文。\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(controller.imported, timeout=WAIT_MS) as signal:
        QApplication.sendEvent(window, drop)
    assert signal.args[0].title == "拖进来的文章"


def test_rename_and_remove_from_the_list(qtbot, window_and_import):
    """F2 renames the selected article; Delete asks, then removes an imported one; a
    bundled article cannot be removed."""
    window, controller, services = window_and_import
    with qtbot.waitSignal(controller.imported, timeout=WAIT_MS) as signal:
        controller.import_text("要改名的文章\n内容。")
    article_id = signal.args[0].id
    actions = controller.library_actions
    window.library_panel.select(article_id)
    actions.rename_action.trigger()
    assert isinstance(actions.dialog, QInputDialog)
    actions.dialog.setTextValue("新的名字")
    actions.dialog.accept()
    assert "新的名字" in _titles(window)
    assert services.library.get(article_id)[0].title == "新的名字"
    window.library_panel.select(article_id)
    actions.remove_action.trigger()
    assert isinstance(actions.dialog, QMessageBox)
    with qtbot.waitSignal(actions.removed, timeout=WAIT_MS):
        actions.dialog.button(QMessageBox.StandardButton.Yes).click()
    assert services.library.get(article_id) is None
    assert "新的名字" not in _titles(window)
    window.library_panel.select("caijing-2020-to-b-two-years")
    actions.dialog = None
    actions.remove_action.trigger()
    assert actions.dialog is None
    assert "cannot be removed" in window.statusBar().currentMessage()


def test_full_text_search_opens_the_match(qtbot, window_and_import):
    """Typing a Simplified phrase in the library box lists the Traditional article that
    contains it with its matching line; choosing it opens that article."""
    window, controller, _ = window_and_import
    with qtbot.waitSignal(controller.imported, timeout=WAIT_MS) as signal:
        controller.import_text("會議紀要\n第一段。\n騰訊會議的用戶很多。\n")
    article_id = signal.args[0].id
    window.open_article("caijing-2020-to-b-two-years")
    search = controller.library_search
    with qtbot.waitSignal(search.results_shown, timeout=WAIT_MS) as shown:
        window.library_panel.filter_box.setText("腾讯会议的用户")
    assert shown.args == [1]
    item = search.results.item(0)
    assert item.text() == "會議紀要\n騰訊會議的用戶很多。"
    assert search.header.text() == "Found in 1 text"
    with qtbot.waitSignal(window.document_changed, timeout=WAIT_MS):
        search.on_result_chosen(item)
    assert window.current_article().id == article_id


def test_progress_shown_in_the_list(qtbot, window_and_import, tmp_path):
    """Reading into an imported article updates its row's progress."""
    window, controller, _ = window_and_import
    path = tmp_path / "long.txt"
    path.write_text("".join(f"第{i}段：腾讯进入企业服务市场。\n" for i in range(3000)),
                    encoding="utf-8")
    with qtbot.waitSignal(controller.imported, timeout=WAIT_MS) as signal:
        controller.import_files([path])
    info = signal.args[0]
    qtbot.waitUntil(lambda: window.current_document() is not None, timeout=WAIT_MS)
    window.article_view.scroll_to_base_offset(info.length // 2)
    controller.library_actions.update_current_progress()
    model = window.library_panel.model
    progress = model.article(model.row_of(info.id)).extra["progress"]
    assert 0.3 < progress < 0.7
