"""Keyboard reading in the article view, Zhongwen-style.

Left/Right or B/N step a word cursor (punctuation and spaces skipped) and show the word's
popup; C copies the word; Enter keeps the popup open (again releases it); Esc hides the
popup, then clears the selection; Ctrl+C copies the selection; a popup action's key runs
it; Space and Shift+Space page. Everything else falls through to the scroll area.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSlider

if TYPE_CHECKING:
    from reader.ui.article_view import ArticleView

_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def _pin(view: ArticleView) -> None:
    popups = view.popups
    target = view.word_cursor()
    if target is None and popups.token is not None and popups.visible:
        target = popups.token
    popups.toggle_pin(target)


def _page(view: ArticleView, back: bool) -> None:
    action = (QAbstractSlider.SliderAction.SliderPageStepSub if back
              else QAbstractSlider.SliderAction.SliderPageStepAdd)
    view.verticalScrollBar().triggerAction(action)


_K = Qt.Key
# The reading keys: (keys, shift allowed, what the Keyboard Shortcuts list says, handler).
# `handle_key` runs them and F1 lists them, from this one table.
READING_KEYS = (
    ((_K.Key_Right, _K.Key_N), False, "Right / N", "Next word (shows its popup)",
     lambda view, _shift: view.move_word_cursor(1)),
    ((_K.Key_Left, _K.Key_B), False, "Left / B", "Previous word (shows its popup)",
     lambda view, _shift: view.move_word_cursor(-1)),
    ((_K.Key_C,), False, "C", "Copy the word under the cursor",
     lambda view, _shift: copy_word(view)),
    ((_K.Key_Return, _K.Key_Enter), False, "Enter", "Keep the popup open (again: release it)",
     lambda view, _shift: _pin(view)),
    ((_K.Key_Space,), True, "Space / Shift+Space", "Page down / page up",
     lambda view, shift: _page(view, shift)),
)
OTHER_KEYS = (("Esc", "Close the popup, then clear the selection"),
              ("Ctrl+C", "Copy the selection (or the word)"))


def key_help(view: ArticleView) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every key the article view handles, popup actions included."""
    rows = [("Article", what, keys) for _, _, keys, what, _ in READING_KEYS]
    rows += [("Article", what, keys) for keys, what in OTHER_KEYS]
    rows += [("Article popup", label, key) for label, key in view.popups.action_labels()]
    return rows


def handle_key(view: ArticleView, event: QKeyEvent) -> bool:
    """Handle a key press; False lets the scroll area have it."""
    if view.document() is None:
        return False
    key = event.key()
    plain = event.modifiers() in _PLAIN
    shift_only = event.modifiers() == Qt.KeyboardModifier.ShiftModifier
    popups = view.popups
    if event.matches(QKeySequence.StandardKey.Copy):
        if not copy_selection(view):
            copy_word(view)
        return True
    if key == Qt.Key.Key_Escape:
        if popups.visible:
            popups.hide()
            return True
        return view.clear_selection()
    if not plain and not shift_only:
        return False
    for keys, shift_ok, _, _, run in READING_KEYS:
        if key in keys and (plain or shift_ok):
            run(view, shift_only)
            return True
    if plain and event.text().upper() in popups.action_keys() and popups.visible:
        popups.trigger(event.text().upper())
        return True
    return False


def copy_word(view: ArticleView) -> str:
    """Copy the word under the cursor (or in the popup) to the clipboard."""
    index = view.word_cursor()
    if index is None:
        index = view.popups.token
    document = view.document()
    if index is None or document is None:
        return ""
    start, end = document.span(index, view.view())
    word = document.text(view.view())[start:end]
    QGuiApplication.clipboard().setText(word)
    return word


def copy_selection(view: ArticleView) -> str:
    """Copy the selected text to the clipboard ('' when nothing is selected)."""
    text = view.selected_text()
    if text:
        QGuiApplication.clipboard().setText(text)
    return text
