"""The "Translation" side-panel tab: recent translations, newest first, with their source."""
from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

MAX_ENTRIES = 30
HINT = ("Select text or point at a sentence and press <b>Ctrl+Enter</b>; "
        "<b>Ctrl+Shift+Enter</b> translates the paragraph. Online translation sends only "
        "that text; past translations and the word gloss work offline.")


@dataclass
class PanelEntry:
    """One request shown in the panel: what was asked, and how it ended (so far)."""

    number: int
    what: str  # "Selection", "Sentence", "Paragraph"
    source: str
    state: str = "pending"  # pending | done | failed
    text: str = ""  # the translation, or the failure message
    meta: str = ""  # engine, cache
    gloss: str = ""  # the offline word gloss, shown when translation failed
    range: tuple[int, int] = (0, 0)  # base offsets of the source in the document


class TranslationPanel(QWidget):
    """Lists translation requests and their results; Retry and Copy for the latest.

    Signals:
        retry_requested(): the user asked to retry the latest failed request.
    """

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab-translation")
        self._entries: list[PanelEntry] = []
        self._counter = 0
        self.hint = QLabel(HINT, self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("translation-hint")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("translation-browser")
        self.browser.setOpenLinks(False)
        self.retry_button = QPushButton("&Retry", self)
        self.retry_button.setToolTip("Send the latest failed request again")
        self.retry_button.clicked.connect(self.retry_requested)
        self.copy_button = QPushButton("&Copy", self)
        self.copy_button.setToolTip("Copy the latest translation")
        self.copy_button.clicked.connect(self.copy_latest)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self._render()

    # -- entries ----------------------------------------------------------------------
    def add_pending(self, what: str, source: str, span: tuple[int, int] = (0, 0)) -> PanelEntry:
        self._counter += 1
        entry = PanelEntry(self._counter, what, source, range=span)
        self._entries.insert(0, entry)
        del self._entries[MAX_ENTRIES:]
        self._render()
        return entry

    def show_done(self, entry: PanelEntry, text: str, meta: str) -> None:
        entry.state, entry.text, entry.meta, entry.gloss = "done", text, meta, ""
        self._render()

    def show_failed(self, entry: PanelEntry, message: str, gloss: str = "") -> None:
        entry.state, entry.text, entry.gloss = "failed", message, gloss
        self._render()

    def set_gloss(self, entry: PanelEntry, gloss: str) -> None:
        entry.gloss = gloss
        self._render()

    def clear(self) -> None:
        """Forget the entries (another article is open: its sentences are not these)."""
        self._entries.clear()
        self._render()

    def entries(self) -> list[PanelEntry]:
        return list(self._entries)

    def latest(self) -> PanelEntry | None:
        return self._entries[0] if self._entries else None

    def copy_latest(self) -> None:
        latest = self.latest()
        if latest is not None and latest.state == "done":
            QGuiApplication.clipboard().setText(latest.text)

    # -- rendering --------------------------------------------------------------------
    def _render(self) -> None:
        latest = self.latest()
        self.retry_button.setEnabled(latest is not None and latest.state == "failed")
        self.copy_button.setEnabled(latest is not None and latest.state == "done")
        self.browser.setHtml("".join(self._entry_html(e) for e in self._entries))

    @staticmethod
    def _entry_html(entry: PanelEntry) -> str:
        head = html.escape(entry.what + (f" · {entry.meta}" if entry.meta else ""))
        parts = [f'<p style="color:#888; margin-bottom:2px">{head}</p>',
                 f'<p style="font-size:large; margin-top:0">{html.escape(entry.source)}</p>']
        if entry.state == "pending":
            parts.append('<p style="color:#888"><i>Translating…</i></p>')
        elif entry.state == "done":
            parts.append(f"<p>{html.escape(entry.text)}</p>")
        else:
            parts.append(f'<p style="color:#c62828">⚠ {html.escape(entry.text)}</p>')
        if entry.gloss:
            parts.append('<p style="color:#888; margin-bottom:0">Word by word (offline):</p>'
                         f"<p style=\"margin-top:0\">{html.escape(entry.gloss)}</p>")
        parts.append("<hr/>")
        return "".join(parts)
