"""The one-time consent question before text is sent to an online translator."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from reader.core.translate import ENGINES


def consent_text(engine: str) -> str:
    spec = ENGINES[engine]
    host = spec.default_url.split("/")[2]
    return (f"<p>To translate, the reader sends the text you ask for to <b>{spec.label}</b> "
            f"({host}) over the internet: the selection, sentence or paragraph, or in the "
            "bilingual view each paragraph as it comes into view. Nothing else is sent: no "
            "file names, no account, no other text.</p>"
            "<p>Translations are kept on this computer, so the same text is never sent "
            "twice and past translations work offline.</p>"
            "<p>You can turn online translation off at any time in Tools ▸ Translation.</p>")


def ask_consent_dialog(parent, engine: str) -> bool:
    """The one-time question: may text be sent to the engine?"""
    box = QMessageBox(parent)
    box.setObjectName("translation-consent")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Send text to an online translator?")
    box.setText(consent_text(engine))
    allow = box.addButton("Allow", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Don't Allow", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(allow)
    box.exec()
    return box.clickedButton() is allow
