"""The window's view of `services.settings`: every key the window uses, typed, in one place.

Reading positions change while scrolling, so they are written at most once a second.
With `persist=False` (screenshots) nothing is written to disk.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QTimer

from reader.core.settings import clamp_font_size
from reader.core.text.scripts import View

MAX_POSITIONS = 300


class SettingsBridge(QObject):
    """Typed getters/setters over the declared settings the window needs."""

    def __init__(self, settings, persist: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.persist = persist
        self._positions: dict[str, int] = self._settings.get("library.positions")
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(1000)
        self._position_timer.timeout.connect(self.flush)

    def _set(self, key: str, value) -> None:
        self._settings.set(key, value, save=self.persist)

    @property
    def notice(self) -> str:
        """Why the settings file was set aside at start-up ('' when it was fine)."""
        return self._settings.notice

    # -- view ---------------------------------------------------------------------
    def view(self) -> View:
        return View(self._settings.get("view.script"))

    def set_view(self, view: View) -> None:
        self._set("view.script", View(view).value)

    def theme(self) -> str:
        return self._settings.get("view.theme")

    def set_theme(self, theme: str) -> None:
        self._set("view.theme", theme)

    def font_size(self) -> int:
        return clamp_font_size(self._settings.get("view.font_size"))

    def set_font_size(self, points: int) -> None:
        self._set("view.font_size", clamp_font_size(points))

    def default_font_size(self) -> int:
        from reader.core.settings import SETTINGS

        return SETTINGS["view.font_size"].default

    def tone_colours(self) -> bool:
        return self._settings.get("view.tone_colours")

    def set_tone_colours(self, on: bool) -> None:
        self._set("view.tone_colours", bool(on))

    def ruby(self) -> bool:
        return self._settings.get("view.ruby")

    def set_ruby(self, on: bool) -> None:
        self._set("view.ruby", bool(on))

    def ruby_mode(self) -> str:
        """"none", "all" or "unknown" (pinyin only over words not known)."""
        return self._settings.get("view.ruby_mode") if self.ruby() else "none"

    def set_ruby_mode(self, mode: str) -> None:
        self._set("view.ruby", mode != "none")
        if mode != "none":
            self._set("view.ruby_mode", mode)

    # -- window layout ----------------------------------------------------------------
    def geometry(self) -> QByteArray:
        return QByteArray.fromBase64(self._settings.get("window.geometry").encode("ascii"))

    def state(self) -> QByteArray:
        return QByteArray.fromBase64(self._settings.get("window.state").encode("ascii"))

    def set_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.set("window.geometry", bytes(geometry.toBase64()).decode("ascii"), save=False)
        self._set("window.state", bytes(state.toBase64()).decode("ascii"))

    # -- articles --------------------------------------------------------------------
    def last_article(self) -> str:
        return self._settings.get("library.last_article")

    def set_last_article(self, article_id: str) -> None:
        self._set("library.last_article", article_id)

    def running(self) -> int:
        return int(self._settings.get("window.running"))

    def set_running(self, pid: int) -> None:
        self._set("window.running", int(pid))

    def position(self, article_id: str) -> int:
        value = self._positions.get(article_id, 0)
        return value if isinstance(value, int) and value >= 0 else 0

    def set_position(self, article_id: str, base_offset: int) -> None:
        """Remember where the reader is (written within a second, and on `flush`)."""
        if self._positions.get(article_id) == base_offset:
            return
        self._positions.pop(article_id, None)
        self._positions[article_id] = int(base_offset)
        while len(self._positions) > MAX_POSITIONS:
            self._positions.pop(next(iter(self._positions)))
        self._position_timer.start()

    # -- features ------------------------------------------------------------------
    def glossary_marks(self) -> bool:
        return bool(self._settings.get("view.mark_glossary"))

    def set_glossary_marks(self, on: bool) -> None:
        self._set("view.mark_glossary", bool(on))

    def people_sort(self) -> str:
        return self._settings.get("people.sort")

    def set_people_sort(self, key: str) -> None:
        self._set("people.sort", key)

    def save_people_with_glossary(self) -> bool:
        return bool(self._settings.get("flashcards.save_people"))

    def set_save_people_with_glossary(self, on: bool) -> None:
        self._set("flashcards.save_people", bool(on))

    def anki(self, name: str):
        """The setting `anki.<name>` (see docs/design/anki.md)."""
        return self._settings.get(f"anki.{name}")

    def set_anki(self, name: str, value, save: bool = True) -> None:
        """Set `anki.<name>`; `save=False` defers the write to the next save."""
        self._settings.set(f"anki.{name}", value, save=self.persist and save)

    def study_tint(self) -> str:
        """"off", "unknown" or "hsk1"…"hsk6": which words the study feature tints."""
        return self._settings.get("study.tint")

    def set_study_tint(self, mode: str) -> None:
        self._set("study.tint", mode)
    def romanisation(self) -> str:
        """pinyin, pinyin_numbers, zhuyin or jyutping (reader.core.text.romanize)."""
        return self._settings.get("view.romanisation")

    def set_romanisation(self, system: str) -> None:
        self._set("view.romanisation", system)

    def speech_rate(self) -> int:
        return max(80, min(400, int(self._settings.get("speech.rate"))))

    def set_speech_rate(self, rate: int) -> None:
        self._set("speech.rate", int(rate))

    # -- translation ------------------------------------------------------------------
    def online_translation(self) -> bool:
        return bool(self._settings.get("translate.enabled"))

    def set_online_translation(self, on: bool) -> None:
        self._set("translate.enabled", bool(on))

    def set_translation_engine(self, name: str) -> None:
        self._set("translate.engine", name)

    def translation_engine(self) -> str:
        return self._settings.get("translate.engine")

    def consented_engines(self, current: str) -> list[str]:
        """Engines the reader agreed to send text to (an agreement given before consent was
        kept per engine counts for `current`, and is recorded so)."""
        agreed = [e for e in self._settings.get("translate.consented_engines").split(",") if e]
        if not agreed and self._settings.get("translate.consented"):
            agreed = [current]
            self._set("translate.consented_engines", current)
        return agreed

    def add_consented_engine(self, engine: str) -> None:
        agreed = [e for e in self._settings.get("translate.consented_engines").split(",") if e]
        self._set("translate.consented_engines", ",".join(dict.fromkeys([*agreed, engine])))
        self._set("translate.consented", True)

    def gloss_line(self) -> bool:
        return bool(self._settings.get("view.gloss_line"))

    def set_gloss_line(self, on: bool) -> None:
        self._set("view.gloss_line", bool(on))

    def flush(self) -> None:
        """Write pending reading positions now."""
        self._position_timer.stop()
        self._set("library.positions", dict(self._positions))

