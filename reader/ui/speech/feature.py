"""Read aloud, offline: the word (R in the popup), the sentence (Ctrl+R), the paragraph,
or the right-clicked text, at an adjustable speed; Esc stops.

Speech is made by eSpeak NG (`reader.core.speech.espeak`) on a worker into a temporary WAV
file, then played by the system's audio player in a child process: the window never
waits. Without an engine or a player the action says why in the status bar.
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from reader.core.speech.espeak import SpeechError, shared_speech, write_wav
from reader.ui.feature_context import DeclaredServices, feature_context
from reader.ui.speech.player import Player
from reader.ui.tasks import error_message

SERVICES = ()  # what this feature uses of `Services`
SPEED = {"Slow": 120, "Normal": 175, "Fast": 240}
MAX_CHARS = 3000  # one request: a long paragraph, not a whole article
READ_KEY = "R"


class SpeechFeature(QObject):
    """Read-aloud actions, the background synthesis and the player."""

    def __init__(self, context, services) -> None:
        super().__init__(context.widget)
        self.context = context
        self.view = context.article_view
        self.player = Player(self)
        self.rate = context.settings.speech_rate()
        self.last_file: Path | None = None
        self._serial = 0
        self._folder = Path(tempfile.mkdtemp(prefix="reader-speech-"))
        atexit.register(shutil.rmtree, self._folder, True)  # the WAV files go with the app
        self._build_actions()
        self.view.add_popup_action("Read", READ_KEY,
                                   lambda document, token, view: self.read_token(token), order=40)
        self.view.add_context_actions(self.context_actions, 25)
        self.view.installEventFilter(self)

    def _build_actions(self) -> None:
        widget = self.context.widget
        menu = self.context.menu("&Tools").addMenu("Read &Aloud")
        self.sentence_action = QAction("Read &Sentence", widget)
        self.sentence_action.setShortcut(QKeySequence("Ctrl+R"))
        self.sentence_action.triggered.connect(lambda: self.read_here("sentence"))
        self.paragraph_action = QAction("Read &Paragraph", widget)
        self.paragraph_action.triggered.connect(lambda: self.read_here("paragraph"))
        self.stop_action = QAction("S&top Reading", widget)
        self.stop_action.triggered.connect(self.stop)
        menu.addActions([self.sentence_action, self.paragraph_action, self.stop_action])
        menu.addSeparator()
        group = QActionGroup(self)
        for label, rate in SPEED.items():
            action = QAction(f"{label} Speech", widget)
            action.setCheckable(True)
            action.setChecked(rate == self.rate)
            action.triggered.connect(lambda _checked=False, r=rate: self.set_rate(r))
            group.addAction(action)
            menu.addAction(action)

    # -- what to read ---------------------------------------------------------------------
    def context_actions(self, target) -> list:
        action = QAction("Read &Aloud", self.context.widget)
        action.triggered.connect(lambda: self.read(target.text))
        return [action]

    def read_token(self, token: int) -> None:
        document = self.view.document()
        if document is not None and 0 <= token < len(document):
            self.read(document.token(token).simplified)

    def read_here(self, unit: str) -> None:
        """The sentence or paragraph at the selection, the word cursor, the popup's word,
        or the top of the view."""
        document = self.view.document()
        if document is None:
            return
        selected = self.view.selected_base_range()
        token = self.view.word_cursor()
        if token is None and self.view.popups.visible:
            token = self.view.popups.token
        if selected is not None:
            offset = selected[0]
        elif token is not None:
            offset = document.span(token)[0]
        else:
            offset = self.view.reading_position()
        if unit == "sentence":
            start, end = document.sentence_bounds(offset)
        else:
            start, end = document.paragraphs[document.paragraph_index_at(offset)]
        self.read(document.simplified[start:end])

    def set_rate(self, rate: int) -> None:
        """Words per minute for the next reading (kept in the settings)."""
        self.rate = rate
        self.context.settings.set_speech_rate(rate)

    # -- speaking -------------------------------------------------------------------------
    def read(self, text: str) -> None:
        """Speak `text` (made on a worker, then played)."""
        text = " ".join(text.split())[:MAX_CHARS]
        if not text:
            return
        self.stop()
        self._serial += 1
        serial, rate = self._serial, self.rate
        path = self._folder / f"speech-{serial}.wav"

        def work():
            write_wav(shared_speech(), text, path, "cmn", rate)
            return path

        self.context.tasks.run(work, lambda done: self._play(serial, done),
                               self._failed, label="Preparing speech…")

    def _play(self, serial: int, path: Path) -> None:
        if serial != self._serial:
            path.unlink(missing_ok=True)
            return  # stopped, or something newer was asked for
        if self.last_file is not None and self.last_file != path:
            self.last_file.unlink(missing_ok=True)
        self.last_file = path
        problem = self.player.play(str(path))
        if problem:
            self.context.show_status(f"Read aloud: {problem}", 10000)

    def _failed(self, exc: BaseException) -> None:
        reason = str(exc) if isinstance(exc, SpeechError) else error_message(exc)
        self.context.show_status(f"Read aloud is not available: {reason}", 10000)

    def stop(self) -> bool:
        """Stop speaking (and drop speech still being made)."""
        self._serial += 1
        return self.player.stop()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        """Esc stops speech first (then it hides the popup, as before)."""
        if (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape
                and self.player.playing):
            self.stop()
            return True
        return super().eventFilter(watched, event)


def install(window, services) -> SpeechFeature:
    """Add Tools › Read Aloud, R in the popup and Read Aloud in the right-click menu."""
    return SpeechFeature(feature_context(window), DeclaredServices(services, SERVICES))
