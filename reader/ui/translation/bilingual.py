"""The bilingual view's paragraph queue: line states, fetching with a slow-fetch bypass, retries."""
from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from reader.ui.translation.messages import plain_error, short_reason, this_paragraph_only

WAITING = "⋯ translating…"
IN_FLIGHT = 3  # bilingual paragraphs fetched at once, at most
SLOW_MS = 2500  # a fetch running this long no longer holds up the next


def has_han(text: str) -> bool:
    """Whether `text` has a Chinese character (else there is nothing to translate)."""
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


class BilingualLines:
    """TranslationFeature's bilingual-view lines and paragraph queue (a mixin: uses its state)."""

    def translation_line(self, document, index: int, view) -> str | None:
        """The bilingual view's line under paragraph `index`: English, or a marker."""
        if document is not self._document:
            return None  # the plain document shown while annotating
        source = self._paragraph_source(document, index)
        if not source:
            return None
        state, text = self._paragraph_state(source)
        if state == "done":
            return text
        if state in ("queued", "fetching"):
            return WAITING
        fallback = "" if self.gloss_line_on() else self._gloss_text(document, index, view)
        marker = f"⚠ {text}" + (" Click to retry." if state == "failed" else "")
        return f"{marker}\u2028{fallback}" if fallback else marker  # U+2028: a line break

    @staticmethod
    def _paragraph_source(document, index: int) -> str:
        p0, p1 = document.paragraphs[index]
        text = document.original[p0:p1].strip()
        return text if has_han(text) else ""

    def _paragraph_state(self, source: str) -> tuple[str, str]:
        found = self._paragraphs.get(source)
        if found is not None:
            return found
        cached = self.services.translator.cached(source)
        if cached is not None:
            found = ("done", cached)
        elif self._paused:
            found = ("failed", self._paused)
        elif self._online_ready():
            found = ("queued", "")
            self._queue.append(source)
            QTimer.singleShot(0, self._pump)
        elif not self.settings.online_translation():
            found = ("off", "Not translated: online translation is off.")
        else:
            found = ("off", "Not translated: online translation was not allowed.")
        self._paragraphs[source] = found
        return found

    def _pump(self) -> None:
        """Fetch queued paragraphs one after another on the network lane; a fetch running
        longer than SLOW_MS no longer counts, so the next starts beside it (IN_FLIGHT at
        most): one slow paragraph never holds up the others."""
        translator = self.services.translator
        while self._queue and self.bilingual_action.isChecked():
            now = time.monotonic()
            young = [t for t in self._started.values() if now - t < SLOW_MS / 1000]
            if young or len(self._started) >= IN_FLIGHT:
                if young:
                    self._slow.start(int(SLOW_MS - (now - max(young)) * 1000) + 1)
                return
            source = self._queue.pop(0)
            if self._paragraphs.get(source, ("queued",))[0] != "queued" or (
                    source in self._started):
                continue  # queued twice, or no longer wanted
            self._paragraphs[source] = ("fetching", "")
            self._started[source] = now
            self._fetching = len(self._started)
            self.context.tasks.run(lambda s=source: translator.translate(s),
                                   lambda result, s=source: self._on_paragraph(
                                       s, "done", result.text),
                                   lambda exc, s=source: self._on_paragraph_failed(s, exc),
                                   label="Translating paragraphs…", lane="network")

    def _on_paragraph(self, source: str, state: str, text: str) -> None:
        self._started.pop(source, None)
        self._fetching = len(self._started)
        if state == "done" and any(v[0] == "failed" for v in self._paragraphs.values()):
            self._forget_failures()  # a retry worked: the others may go now
        self._paragraphs[source] = (state, text)
        self._refresh.start()
        self.paragraph_finished.emit(source)
        self._pump()

    def _on_paragraph_failed(self, source: str, exc: BaseException) -> None:
        self.context.show_status(plain_error(exc), 8000)
        message = f"Not translated: {short_reason(exc)}."
        if this_paragraph_only(exc):
            self._on_paragraph(source, "failed", message)  # the others go on
            return
        # The same failure would hit every waiting paragraph: mark them all, and stop
        # asking (also for paragraphs scrolled into view later) until the user retries.
        self._paused = message
        for waiting in self._queue:
            self._paragraphs[waiting] = ("failed", message)
        self._queue.clear()
        self._on_paragraph(source, "failed", message)

    def on_line_clicked(self, index: int) -> None:
        """Clicking a failed paragraph's line retries it."""
        document = self._document
        if document is None or not self.bilingual_action.isChecked():
            return
        source = self._paragraph_source(document, index)
        if source and self._paragraphs.get(source, ("",))[0] in ("failed", "off"):
            if self._may_go_online():
                self._paused = ""
                self._paragraphs.pop(source, None)
                self._refresh.start()
            else:
                self.context.show_status("Online translation is off (Tools ▸ Translation).")

    def retry_failed_paragraphs(self) -> None:
        if self._may_go_online():
            self._forget_failures()

    def _forget_failures(self) -> None:
        self._paused = ""
        self._paragraphs = {s: v for s, v in self._paragraphs.items() if v[0] == "done"}
        self._refresh.start()
