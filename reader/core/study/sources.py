"""Bulk sources of word statuses: plain word lists, Anki and Pleco exports, our flashcards.

`read_word_file(path, field)` recognises the format from the file itself:
    Anki export (.txt with `#separator:` headers, or tab-separated): field N (1-based)
    CSV (.csv): field N of each row
    Pleco export: tab-separated, `简体[繁體]` in the first field, `//` category lines
    plain list: one word per line, either script
HTML in Anki fields is stripped; an entry is kept when it is a plausible word (Han
characters, at most 16 of them, no spaces). Empty, binary and undecodable files raise
`WordFileError` with one line.
"""
from __future__ import annotations

import csv
import html
import io
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reader.core.library.encodings import TextInputError, read_text_file
from reader.core.study.store import Status
from reader.core.text.pinyin_marks import han_char

KNOWN_STABILITY_DAYS = 21.0
MAX_WORD = 16
_TAG = re.compile(r"<[^>]*>")
_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}


class WordFileError(ValueError):
    """A word-list file we cannot use (message is user-facing)."""


@dataclass(frozen=True)
class WordFile:
    """Words read from a file, what format it looked like, and how many entries were skipped."""

    words: list[str]
    format: str
    skipped: int


def _clean(field: str) -> str | None:
    text = html.unescape(_TAG.sub("", field)).strip()
    if "[" in text:  # Pleco: 简体[繁體]
        text = text.split("[", 1)[0].strip()
    if not text or len(text) > MAX_WORD or any(c.isspace() for c in text):
        return None
    return text if han_char().search(text) else None


def _rows(text: str, fmt: str, separator: str) -> list[list[str]]:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if fmt == "anki":
        lines = [ln for ln in lines if not ln.startswith("#")]
    elif fmt == "pleco":
        lines = [ln for ln in lines if not ln.startswith("//")]
    if fmt == "list":
        return [[ln.strip()] for ln in lines]
    return list(csv.reader(io.StringIO("\n".join(lines)), delimiter=separator))


def _detect(path: Path, text: str) -> tuple[str, str]:
    head = text[:4096]
    header = re.search(r"^#separator:(\w+)", head, re.MULTILINE)
    if header:
        return "anki", _SEPARATORS.get(header.group(1).lower(), "\t")
    if head.startswith("#") and "#html:" in head:
        return "anki", "\t"
    if path.suffix.lower() == ".csv":
        return "csv", ","
    if "\t" in head:
        first = next((ln for ln in head.splitlines() if ln.strip() and not ln.startswith("//")), "")
        pleco = "[" in first.split("\t", 1)[0] or head.lstrip().startswith("//")
        return ("pleco" if pleco else "anki"), "\t"
    return "list", ""


def parse_word_text(text: str, path: Path, field: int | None = None) -> WordFile:
    """Words from the text of a list or export (see the module doc)."""
    fmt, separator = _detect(path, text)
    if field is not None and field < 1:
        raise WordFileError(f"--field counts from 1, not {field}")
    column = (field or 1) - 1
    words: list[str] = []
    skipped = 0
    for row in _rows(text, fmt, separator):
        if column >= len(row):
            skipped += 1
            continue
        word = _clean(row[column])
        if word is None:
            skipped += 1
        else:
            words.append(word)
    if not words:
        raise WordFileError(f"{path.name}: no Chinese words found"
                            + (f" in field {column + 1}" if fmt != "list" else ""))
    return WordFile(list(dict.fromkeys(words)), fmt, skipped)


def read_word_file(path: str | Path, field: int | None = None) -> WordFile:
    path = Path(path)
    try:
        decoded = read_text_file(path)
    except TextInputError as exc:
        raise WordFileError(str(exc)) from None
    return parse_word_text(decoded.text, path, field)


def flashcard_statuses(store) -> dict[str, Status]:
    """Simplified word → status from the flashcards: FSRS stability ≥ 21 days is known,
    any other card (being learned, or saved and not yet reviewed) is learning."""
    rows = store.query("SELECT n.simplified, c.stability FROM notes n JOIN cards c "
                       "ON c.note_id = n.id")
    out: dict[str, Status] = {}
    for row in rows:
        word = row[0]
        if not han_char().search(word or ""):
            continue
        stability = row[1] or 0.0
        status = Status.KNOWN if stability >= KNOWN_STABILITY_DAYS else Status.LEARNING
        if out.get(word) is not Status.KNOWN:
            out[word] = status
    return out


def anki_statuses(store) -> dict[str, Status]:
    """Simplified word → status as last imported from Anki (`known import-anki`, kept in the
    flashcard database's `anki_word_status`); empty when there was none."""
    try:
        from reader.core.anki.records import anki_word_statuses

        rows = anki_word_statuses(store)
    except (ImportError, sqlite3.Error):
        return {}
    return {w: Status(s) for w, s in rows.items() if s in ("known", "learning")}
