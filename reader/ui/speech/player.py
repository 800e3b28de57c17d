"""Playing a WAV file without blocking: the system's audio player in a QProcess.

The command is `READER_AUDIO_PLAYER` if set (the file's path is appended), else the first
of paplay (PulseAudio), pw-play (PipeWire), aplay (ALSA) or afplay (macOS) found on PATH.
`stop()` ends playback at once.
"""
from __future__ import annotations

import os
import shlex
import shutil

from PySide6.QtCore import QObject, QProcess, Signal

PLAYERS = ("paplay", "pw-play", "aplay", "afplay")
ENV = "READER_AUDIO_PLAYER"


def player_command() -> list[str]:
    """The command that plays a WAV file given as its last argument ([] when none)."""
    configured = os.environ.get(ENV, "").strip()
    if configured:
        return shlex.split(configured)
    for name in PLAYERS:
        found = shutil.which(name)
        if found:
            return [found]
    return []


class Player(QObject):
    """Plays one file at a time in a child process.

    Signals:
        finished(): playback ended (or was stopped).
    """

    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: QProcess | None = None

    @property
    def playing(self) -> bool:
        return self._process is not None and self._process.state() != QProcess.ProcessState.NotRunning

    def play(self, path: str) -> str:
        """Start playing `path`; '' when started, else why not (one line)."""
        self.stop()
        command = player_command()
        if not command:
            return ("no audio player found (install paplay, pw-play or aplay, or set "
                    f"{ENV})")
        process = QProcess(self)
        process.finished.connect(lambda *_: self._on_finished(process))
        process.start(command[0], [*command[1:], path])
        self._process = process
        return ""

    def _on_finished(self, process: QProcess) -> None:
        try:
            if process is self._process:
                self._process = None
                self.finished.emit()
            process.deleteLater()
        except RuntimeError:  # the player went with its window while the child ran
            pass

    def stop(self) -> bool:
        """Stop playback; True if something was playing."""
        process, self._process = self._process, None
        if process is None:
            return False
        running = process.state() != QProcess.ProcessState.NotRunning
        if running:
            process.kill()
            process.waitForFinished(1000)
        self.finished.emit()
        return running
