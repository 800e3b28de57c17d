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
    if plain and key in (Qt.Key.Key_Right, Qt.Key.Key_N):
        view.move_word_cursor(1)
    elif plain and key in (Qt.Key.Key_Left, Qt.Key.Key_B):
        view.move_word_cursor(-1)
    elif plain and key == Qt.Key.Key_C:
        copy_word(view)
    elif plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        target = view.word_cursor()
        if target is None and popups.token is not None and popups.visible:
            target = popups.token
        popups.toggle_pin(target)
    elif key == Qt.Key.Key_Space:
        action = (QAbstractSlider.SliderAction.SliderPageStepSub if shift_only
                  else QAbstractSlider.SliderAction.SliderPageStepAdd)
        view.verticalScrollBar().triggerAction(action)
    elif plain and event.text().upper() in popups.action_keys() and popups.visible:
        popups.trigger(event.text().upper())
    else:
        return False
    return True


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
