"""Turning a file or pasted text into a clean article ready for the library.

`prepare_file` and `prepare_text` are plain functions (no storage, no Qt): read, decode,
extract, trim boilerplate, pick a title, detect the script, hash the content. They report
progress through an optional callback `progress(fraction, stage)` so the window can run
them in the background; every problem is a `TextInputError` with a user-facing message.
Storing the result is `reader.core.library.catalog`'s job.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.library.boilerplate import trim
from reader.core.library.encodings import DEFAULT_MAX_BYTES, TextInputError, read_bytes_limited
from reader.core.library.extract import Extracted, extract_bytes, format_of
from reader.core.library.titles import clean_title
from reader.core.text.scripts import Script, detect_script

Progress = Callable[[float, str], None]

PASTED = "pasted"
TITLE_MAX = 80
# Script detection reads this much of a long text: plenty to tell the scripts apart.
SCRIPT_SAMPLE = 300_000

_BLANK_RUNS = re.compile(r"\n[ \t\u3000]*(\n[ \t\u3000]*)+\n")
_TRAILING = re.compile(r"[ \t\u3000]+$", re.M)
_READABLE = re.compile(r"[\w\u3400-\u9fff]")
_SENTENCE_END = re.compile(r"[。！？!?]")


@dataclass
class Prepared:
    """An article ready to store: its text and the metadata the library keeps."""

    text: str
    title: str
    source_file: str
    script: Script
    encoding: str
    format: str
    sha256: str
    confident: bool = True
    alternatives: tuple[str, ...] = ()
    chapters: list[tuple[str, int]] = field(default_factory=list)


def _noop(_fraction: float, _stage: str) -> None:
    pass


def prepare_file(
    path: Path,
    title: str | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> Prepared:
    """Read and clean one file (.txt .md .html .htm .epub .pdf) for the library."""
    report = progress or _noop
    path = Path(path)
    report(0.0, f"Reading {path.name}")
    data = read_bytes_limited(path, max_bytes)
    fmt = format_of(path)
    report(0.2, "Decoding" if fmt in ("text", "markdown") else f"Extracting {fmt.upper()} text")
    extracted = extract_bytes(data, fmt, encoding)
    del data
    return _finish(extracted, title, str(path.resolve()), report)


def prepare_text(text: str, title: str | None = None, progress: Progress | None = None) -> Prepared:
    """Clean pasted text for the library."""
    if not text or not text.strip():
        raise TextInputError("there is no text to import")
    extracted = Extracted(text=text.lstrip("\ufeff"), encoding="utf-8", format="pasted")
    return _finish(extracted, title, PASTED, progress or _noop)


def prepare_extracted(extracted: Extracted, title: str | None, source: str,
                      progress: Progress | None = None) -> Prepared:
    """Clean text already extracted (e.g. from a fetched web page) for the library."""
    return _finish(extracted, title, source, progress or _noop)


def _finish(extracted: Extracted, title: str | None, source: str, report: Progress) -> Prepared:
    report(0.5, "Cleaning up")
    text = normalize(extracted.text)
    if extracted.format != "epub":  # e-book chapter offsets must stay valid
        text = trim(text)
    if not _READABLE.search(text):
        if extracted.format == "html":
            raise TextInputError("no article text found in this web page")
        raise TextInputError("the file has no readable text")
    report(0.7, "Detecting the script")
    script = detect_script(text[:SCRIPT_SAMPLE])
    digest = content_hash(text)
    chosen = (clean_title(title or "") or clean_title(extracted.title)
              or clean_title(title_from_text(text)) or "Untitled")
    report(0.8, "Ready to store")
    return Prepared(
        text=text,
        title=_shorten(" ".join(chosen.split())),
        source_file=source,
        script=script,
        encoding=extracted.encoding,
        format=extracted.format,
        sha256=digest,
        confident=extracted.confident,
        alternatives=extracted.alternatives,
        chapters=list(extracted.chapters),
    )


def normalize(text: str) -> str:
    """Unix newlines, no trailing blanks, at most one empty line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = _TRAILING.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n") + "\n"


def content_hash(text: str) -> str:
    """The duplicate key: SHA-256 of the text with white space ignored."""
    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()


def title_from_text(text: str) -> str:
    """The first non-empty line, or its first sentence when the line is long."""
    for line in text.split("\n", 50):
        line = line.strip()
        if line:
            if len(line) > TITLE_MAX:
                end = _SENTENCE_END.search(line, 0, TITLE_MAX)
                if end:
                    return line[: end.start()]
            return line
    return "Untitled"


def _shorten(title: str) -> str:
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1].rstrip() + "…"
