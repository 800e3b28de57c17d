"""The window's menus and actions (File, Edit, View, Tools, Help), each with its shortcut.

Built here so `main_window.py` stays about behaviour; the window connects them in its
`_connect_signals()`. Features add their own actions to `window.menu(name)`.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from reader.core.text.scripts import View

MENU_NAMES = ("&File", "&Edit", "&View", "&Tools", "&Help")
VIEW_ACTION_TEXT = {
    View.ORIGINAL: "&Original (as written)",
    View.SIMPLIFIED: "&Simplified 简",
    View.TRADITIONAL: "&Traditional 繁",
    View.TAIWAN: "Traditional, T&aiwan standard",
    View.HONGKONG: "Traditional, &Hong Kong standard",
}
THEMES = (("system", "Follow &system"), ("light", "&Light"), ("dark", "&Dark"))
RUBY_MODE_LABELS = (("none", "&None"), ("all", "&All Words"),
                    ("unknown", "Only Words I &Don't Know"))


@dataclass
class WindowActions:
    """Every action the window itself owns, by name."""

    quit: QAction
    focus_library: QAction
    focus_article: QAction
    focus_panel: QAction
    filter_library: QAction
    views: dict[View, QAction]
    cycle_view: QAction
    font_larger: QAction
    font_smaller: QAction
    font_reset: QAction
    themes: dict[str, QAction]
    tone_colours: QAction
    ruby: QAction
    ruby_modes: dict[str, QAction]  # none / all / unknown, radio items
    toggle_library: QAction
    toggle_panel: QAction
    shortcuts: QAction
    about: QAction


def _action(window: QMainWindow, text: str, shortcut=None, checkable: bool = False,
            tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setCheckable(checkable)
    if tip:
        action.setStatusTip(tip)
    return action


def _choices(window: QMainWindow, menu: QMenu, labels) -> dict[str, QAction]:
    """One checkable action per (key, text) in `menu`, exclusive, each holding its key."""
    group = QActionGroup(window)
    actions: dict[str, QAction] = {}
    for key, text in labels:
        action = _action(window, text, checkable=True)
        action.setData(key)
        group.addAction(action)
        menu.addAction(action)
        actions[key] = action
    return actions


def build_menus(window: QMainWindow) -> dict[str, QMenu]:
    """The five top-level menus, in order, keyed by their names (with '&')."""
    return {name: window.menuBar().addMenu(name) for name in MENU_NAMES}


def build_actions(window: QMainWindow, menus: dict[str, QMenu], library_dock, side_panel) -> WindowActions:
    """Create the actions and put them in the menus (toolbar placement is the window's)."""
    quit_action = _action(window, "&Quit", "Ctrl+Q")
    focus_library = _action(window, "Go to &Library", "Ctrl+1")
    focus_article = _action(window, "Go to &Article", "Ctrl+2")
    focus_panel = _action(window, "Go to Side &Panel", "Ctrl+3")
    filter_library = _action(window, "&Filter Library…", "Ctrl+L")
    file_menu = menus["&File"]
    file_menu.addActions([filter_library])
    file_menu.addSeparator()
    file_menu.addAction(quit_action)

    view_menu = menus["&View"]
    script_menu = view_menu.addMenu("&Script")
    group = QActionGroup(window)
    views: dict[View, QAction] = {}
    for view, text in VIEW_ACTION_TEXT.items():
        action = _action(window, text, checkable=True)
        action.setData(view.value)
        group.addAction(action)
        script_menu.addAction(action)
        views[view] = action
    cycle_view = _action(window, "&Cycle Original / 简 / 繁", "Ctrl+T")
    view_menu.addAction(cycle_view)
    view_menu.addSeparator()
    font_larger = _action(window, "&Larger Text", ["Ctrl+=", "Ctrl++"], tip="Larger text")
    font_smaller = _action(window, "S&maller Text", "Ctrl+-", tip="Smaller text")
    font_reset = _action(window, "&Reset Text Size", "Ctrl+0")
    view_menu.addActions([font_larger, font_smaller, font_reset])
    view_menu.addSeparator()
    themes = _choices(window, view_menu.addMenu("T&heme"), THEMES)
    tone_colours = _action(window, "&Tone Colours", checkable=True,
                           tip="Colour pinyin by tone: 1 red, 2 orange, 3 green, 4 blue")
    ruby = _action(window, "&Pinyin Above Words", "Ctrl+P", checkable=True,
                   tip="Cycle pinyin above words: all, only words you don't know, none")
    view_menu.addActions([tone_colours, ruby])
    ruby_modes = _choices(window, view_menu.addMenu("Pinyin Above &Which Words"),
                          RUBY_MODE_LABELS)
    view_menu.addSeparator()
    toggle_library = library_dock.toggleViewAction()
    toggle_library.setText("Show &Library")
    toggle_library.setShortcut(QKeySequence("F8"))
    toggle_panel = side_panel.toggleViewAction()
    toggle_panel.setText("Show Side &Panel")
    toggle_panel.setShortcut(QKeySequence("F9"))
    toggle_panel.setStatusTip("Show or hide the Words, Glossary, People and Translation tabs")
    view_menu.addActions([toggle_library, toggle_panel])
    view_menu.addSeparator()
    view_menu.addActions([focus_library, focus_article, focus_panel])

    shortcuts = _action(window, "&Keyboard Shortcuts", "F1")
    about = _action(window, "&About")
    menus["&Help"].addActions([shortcuts, about])
    return WindowActions(
        quit=quit_action, focus_library=focus_library, focus_article=focus_article,
        focus_panel=focus_panel, filter_library=filter_library, views=views,
        cycle_view=cycle_view, font_larger=font_larger, font_smaller=font_smaller,
        font_reset=font_reset, themes=themes, tone_colours=tone_colours, ruby=ruby,
        ruby_modes=ruby_modes,
        toggle_library=toggle_library, toggle_panel=toggle_panel, shortcuts=shortcuts,
        about=about,
    )


def shortcut_table(menus: dict[str, QMenu]) -> list[tuple[str, str, str]]:
    """(menu, action, shortcut) for every action with a shortcut, features' included."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path} › {action.menu().title().replace('&', '')}")
            elif not action.isSeparator() and action.shortcuts():
                keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                                 for s in action.shortcuts())
                rows.append((path, action.text().replace("&", ""), keys))

    for name, menu in menus.items():
        walk(menu, name.replace("&", ""))
    return rows
