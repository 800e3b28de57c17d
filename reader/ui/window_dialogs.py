"""Small non-modal dialogs of the Help menu: keyboard shortcuts and About."""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.ui.window_actions import shortcut_table


def shortcuts_html(menus, keys=()) -> str:
    """The shortcut table as HTML: the menus' actions, then `keys` (where, what, keys) rows,
    both generated from what is registered (see `MainWindow.key_help`)."""
    rows = [*shortcut_table(menus), *keys]
    body = "".join(
        f"<tr><td>{escape(menu)}</td><td>{escape(action)}</td><td><b>{escape(keys)}</b></td></tr>"
        for menu, action, keys in rows
    )
    return ("<table cellspacing='0' cellpadding='4'><tr><th align='left'>Where</th>"
            f"<th align='left'>Action</th><th align='left'>Keys</th></tr>{body}</table>")


def show_shortcuts(parent: QWidget, menus, keys=()) -> QDialog:
    """A non-modal list of every shortcut, features' included."""
    dialog = QDialog(parent)
    dialog.setObjectName("shortcuts-dialog")
    dialog.setWindowTitle("Keyboard Shortcuts")
    browser = QTextBrowser(dialog)
    browser.setHtml(shortcuts_html(menus, keys))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.resize(560, 520)
    dialog.setModal(False)
    dialog.show()
    return dialog


def show_about(parent: QWidget) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("About Bilingual Reader")
    box.setText("<b>Bilingual Reader</b><br>A Chinese → English reading aid for business "
                "and tech news.<br>Dictionary: CC-CEDICT (CC BY-SA 4.0). Conversion: OpenCC.")
    box.setModal(False)
    box.show()
