"""Text from documents and user files shown as plain text, never as Qt rich text.

Qt treats a label's, message box's or tooltip's text as HTML when it merely looks like HTML
(`Qt.mightBeRichText`), so a title such as `<img src=x><a href="file:///…">` would load an
image or show a link. Labels and message boxes get `Qt.PlainText`; tooltips, which have
no format setting, are escaped and marked as rich text only when they look like HTML.
"""
from __future__ import annotations

from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget


def plain_tip(text: str) -> str:
    """A tooltip string that Qt shows exactly as `text`."""
    if not text or not GuiQt.mightBeRichText(text):
        return text
    import html  # here: its entity table is not needed before the first paint

    body = html.escape(text).replace("\n", "<br>")
    return f'<p style="white-space:pre-wrap">{body}</p>'


def plain_labels(widget: QWidget) -> QWidget:
    """Every QLabel inside `widget` (a dialog) shows its text as plain text."""
    if isinstance(widget, QtWidgets.QMessageBox):  # its type is made on first use
        widget.setTextFormat(Qt.TextFormat.PlainText)
    for label in widget.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setOpenExternalLinks(False)
    return widget


def plain_label(label: QLabel) -> QLabel:
    """`label` shows plain text (its text may quote a title, a file row or a query)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
