"""User settings: declared once here with type, default and description; stored as JSON.

Only values that differ from their defaults are written (atomically). A corrupt settings
file is moved aside, `Settings.notice` says so, and defaults are used.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.atomic import write_text_atomic


@dataclass(frozen=True)
class Setting:
    """One declared option."""

    key: str
    type: type
    default: Any
    description: str
    choices: tuple | None = None
    minimum: int | None = None


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in [
        Setting("view.script", str, "original", "Script shown: original, simplified, "
                "traditional, taiwan or hongkong",
                ("original", "simplified", "traditional", "taiwan", "hongkong")),
        Setting("view.theme", str, "system", "Colour theme", ("system", "light", "dark")),
        Setting("view.font_size", int, 18, "Article font size in points"),
        Setting("view.tone_colours", bool, False, "Colour pinyin by tone"),
        Setting("view.ruby", bool, False, "Show pinyin above words"),
        Setting("view.ruby_mode", str, "all", "Which words get pinyin above them when it is on: "
                "all, or unknown (only words not marked known)", ("all", "unknown")),
        Setting("study.tint", str, "off", "Tint words: off, unknown (not known), or above "
                "HSK level 1-6 (hsk1 ... hsk6)",
                ("off", "unknown", "hsk1", "hsk2", "hsk3", "hsk4", "hsk5", "hsk6")),
        Setting("view.romanisation", str, "pinyin", "How readings are written: pinyin, "
                "pinyin_numbers, zhuyin or jyutping",
                ("pinyin", "pinyin_numbers", "zhuyin", "jyutping")),
        Setting("speech.rate", int, 175, "Read-aloud speed in words per minute (80-400)"),
        Setting("view.mark_glossary", bool, True, "Underline glossary terms in the text"),
        Setting("view.gloss_line", bool, False, "Show the offline word-by-word gloss"),
        Setting("window.geometry", str, "", "Saved window geometry (base64)"),
        Setting("window.state", str, "", "Saved dock and toolbar layout (base64)"),
        Setting("library.last_article", str, "", "The article open when the app closed "
                "(written once an article has painted)"),
        Setting("window.running", int, 0, "Process id of the open window, or of the last one "
                "if it did not close normally (then the next start opens the library, not the "
                "last article); 0 after a normal close"),
        Setting("library.positions", dict, {}, "Reading position per article id"),
        Setting("translate.enabled", bool, True, "Allow online translation on request"),
        Setting("translate.consented", bool, False, "The user agreed to send text online"),
        Setting("translate.consented_engines", str, "",
                "Engines the user agreed to send text to (comma-separated)"),
        Setting("translate.engine", str, "google", "Online translation engine",
                ("google", "mymemory")),
        Setting("translate.target", str, "en", "Translation target language"),
        Setting("people.sort", str, "first", "People panel order", ("first", "count")),
        Setting("import.max_mb", int, 100, "Largest file the importer accepts, in MB "
                "(1 MB = 1,000,000 bytes)", minimum=1),
        Setting("flashcards.new_per_day", int, 20, "New flashcards introduced per day"),
        Setting("flashcards.save_people", bool, False,
                "Save glossary to flashcards also saves the article's people"),
        Setting("anki.url", str, "http://127.0.0.1:8765", "AnkiConnect address (loopback "
                "by default; another host asks for confirmation once)"),
        Setting("anki.key", str, "", "AnkiConnect API key (empty: none)"),
        Setting("anki.confirmed_remote", str, "",
                "The non-loopback AnkiConnect address the user agreed to send cards to"),
        Setting("anki.model", str, "", "Anki note type to fill (empty: our own note type)"),
        Setting("anki.field_map", dict, {}, "Our field -> the Anki note type's field "
                "(e.g. Simplified -> Hanzi); used with anki.model"),
        Setting("anki.send_after_save", bool, False,
                "Save glossary to flashcards also sends the deck to Anki"),
        Setting("anki.refresh_known_at_start", bool, False,
                "Re-import known words from Anki when the app starts"),
        Setting("anki.known_decks", list, [], "Anki decks whose cards say which words are known"),
        Setting("anki.known_field", str, "", "The field of those cards that holds the word"),
    ]
}


class Settings:
    """Typed access to the declared settings, backed by one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.notice = ""
        self.problem = ""  # the last save that failed (disk full, read-only), one line
        self._keep_out = False
        self._values: dict[str, Any] = {}
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("not a JSON object")
        except RecursionError:  # nested thousands deep: not settings we wrote
            self._set_aside("nested too deeply")
            return
        except OSError as exc:  # unreadable, not damaged: leave it, never overwrite it
            self._keep_out = True
            self.notice = (f"The settings file {self.path} cannot be read ({exc.strerror or exc});"
                           " defaults are used and the file is left as it is.")
            return
        except (ValueError, UnicodeDecodeError) as exc:
            self._set_aside(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            return
        for key, value in raw.items():
            setting = SETTINGS.get(key)
            if setting is not None and self._valid(setting, value):
                self._values[key] = value

    def _set_aside(self, reason: str) -> None:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
        try:
            self.path.replace(aside)
        except OSError:
            aside = self.path
        self.notice = (f"The settings file could not be read ({reason}); it was moved to "
                       f"{aside.name} and defaults are used.")

    @staticmethod
    def _valid(setting: Setting, value: Any) -> bool:
        if setting.type is int and isinstance(value, bool):
            return False
        if not isinstance(value, setting.type):
            return False
        if setting.minimum is not None and value < setting.minimum:
            return False
        return setting.choices is None or value in setting.choices

    def get(self, key: str) -> Any:
        setting = SETTINGS[key]
        value = self._values.get(key, setting.default)
        if isinstance(value, (dict, list)):
            return type(value)(value)  # a copy: callers never change the stored value
        return value

    def set(self, key: str, value: Any, save: bool = True) -> None:
        setting = SETTINGS[key]
        if not self._valid(setting, value):
            raise ValueError(f"invalid value for {key}: {value!r}")
        if value == setting.default:
            self._values.pop(key, None)
        else:
            self._values[key] = value
        if save:
            self.save()

    def save(self) -> bool:
        """Write the file; False (and `problem` says why, in one line) when it cannot be."""
        if self._keep_out:
            return False
        try:
            write_text_atomic(self.path, json.dumps(self._values, ensure_ascii=False, indent=2))
        except OSError as exc:
            self.problem = (f"The settings could not be saved ({exc.strerror or exc}): "
                            f"{self.path}")
            return False
        self.problem = ""
        return True


FONT_MIN, FONT_MAX = 10, 48  # the one range of article text sizes, in points


def clamp_font_size(points: int) -> int:
    """A text size within FONT_MIN..FONT_MAX points."""
    return max(FONT_MIN, min(FONT_MAX, int(points)))
