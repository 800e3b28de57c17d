"""The main window's toolbar: script toggle, pinyin, text size and side-panel buttons."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from reader.ui.script_toggle import ScriptToggle
from reader.ui.toolbar_labels import ToolbarLabels


def build_toolbar(window) -> None:
    """Add the toolbar to `window`; sets toolbar, script_toggle and toolbar_labels."""
    window.toolbar = QToolBar("Toolbar", window)
    window.toolbar.setObjectName("main-toolbar")
    window.toolbar.setMovable(False)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, window.toolbar)
    window.script_toggle = ScriptToggle(window)
    window.toolbar.addWidget(window.script_toggle)
    window.toolbar.addSeparator()
    window.toolbar_labels = ToolbarLabels(window.toolbar, {
        window.actions.ruby: "Pinyin", window.actions.font_smaller: "A−",
        window.actions.font_larger: "A+", window.actions.toggle_panel: "Side Panel"})
    window.toolbar.addActions([window.actions.ruby, window.actions.font_smaller,
                             window.actions.font_larger])
    window.toolbar.addSeparator()
    window.toolbar.addAction(window.actions.toggle_panel)
