"""The shape of a Chinese personal name: a surname (two-character ones first), then one or
two given-name characters, all Han, none of them a function character."""
from __future__ import annotations

from reader.core.people.cues import COMPOUND_SURNAMES, SINGLE_SURNAMES, STOP_CHARS


def surname_of(name: str) -> str | None:
    """The surname a candidate starts with (two-character surnames first), or None."""
    if name[:2] in COMPOUND_SURNAMES and len(name) >= 3:
        return name[:2]
    if name[:1] in SINGLE_SURNAMES:
        return name[:1]
    return None


def shaped_like_name(name: str) -> bool:
    """Surname first, 1-2 given-name characters, all Han, no function characters."""
    surname = surname_of(name)
    if surname is None or not 2 <= len(name) <= 4:
        return False
    given = name[len(surname):]
    if not 1 <= len(given) <= 2:
        return False
    return all("\u4e00" <= ch <= "\u9fff" and ch not in STOP_CHARS for ch in given)
