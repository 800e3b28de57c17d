"""Titles safe to show anywhere: no control characters, no terminal escape sequences."""
from __future__ import annotations

import re
import unicodedata

# ESC [ ... final byte (CSI), ESC ] ... BEL/ST (OSC), other two-byte ESC sequences, C1 CSI
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
                      r"|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")

_SPACES = "\t\n\r\x0b\x0c"
_JOINERS = "\u200c\u200d"  # kept: they shape emoji and some scripts


def clean_title(title: str) -> str:
    """`title` without escape sequences and control/format characters, spaces collapsed."""
    title = _ESCAPES.sub("", title)
    kept = "".join(" " if ch in _SPACES else ch for ch in title
                   if ch in _SPACES or ch in _JOINERS
                   or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    return " ".join(kept.split())
