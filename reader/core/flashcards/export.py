"""Export notes to Anki (.apkg, via genanki), Anki-ready CSV, and Pleco flashcard text.

Anki identities are stable: the note type and deck ids are hashes of fixed names (the deck
id of the deck's name), and each note's GUID is derived from the word, so importing a
re-export after edits updates the notes in Anki instead of duplicating them. Each note is
written with its own modified time, which Anki compares ("update if newer") on import.
The CSV carries the same GUIDs. Every file is written atomically.
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
import os
from collections.abc import Sequence

import genanki

from reader.core.exportfile import ExportTargetError, spreadsheet_safe, write_export
from reader.core.flashcards.notes import Note, Sentence

FORMATS = ("apkg", "csv", "pleco")
FIELDS = ("Simplified", "Traditional", "Pinyin", "Meaning", "Sentence", "Source")
MODEL_NAME = "Bilingual Reader word"
TEMPLATE_NAME = "Recognise"
PLECO_NEWLINE = "\ueab1"  # Pleco's line break inside a definition

CSS = """.card { font-family: "Noto Sans CJK SC", "Noto Sans CJK TC", sans-serif;
  font-size: 20px; text-align: center; color: #222; background: #fff; }
.word { font-size: 44px; margin: 12px 0; }
.sentence { font-size: 20px; line-height: 1.7; margin: 8px auto; max-width: 36em; }
.sentence b { color: #b3261e; }
.pinyin { font-size: 24px; color: #1565c0; }
.meaning { margin: 10px auto; max-width: 36em; text-align: left; }
.source { font-size: 13px; color: #777; }
.nightMode .card, .card.nightMode { color: #eee; background: #1e1e1e; }
"""
FRONT = '<div class="word">{{Simplified}}</div>\n<div class="sentence">{{Sentence}}</div>'
BACK = ('{{FrontSide}}\n<hr id="answer">\n<div class="word">{{Traditional}}</div>\n'
         '<div class="pinyin">{{Pinyin}}</div>\n<div class="meaning">{{Meaning}}</div>\n'
         '<div class="source">{{Source}}</div>')


class ExportError(Exception):
    """An export that could not be written (message is user-facing, one line)."""


def stable_id(name: str) -> int:
    """A positive id in Anki's usual range, the same for the same name on every machine."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


MODEL_ID = stable_id("bilingual-reader/model/word/v1")


def deck_id(deck_name: str) -> int:
    return stable_id("bilingual-reader/deck/" + " ".join(deck_name.split()).casefold())


def note_guid(note: Note) -> str:
    """Anki GUID of a note: derived from the saved word (its normalised key) only."""
    return genanki.guid_for("bilingual-reader", note.key)


def model() -> genanki.Model:
    """The one Anki note type: Simplified, Traditional, Pinyin, Meaning, Sentence, Source."""
    return genanki.Model(
        MODEL_ID, MODEL_NAME, fields=[{"name": f} for f in FIELDS],
        templates=[{"name": TEMPLATE_NAME, "qfmt": FRONT, "afmt": BACK}], css=CSS)


def _highlight(text: str, word_range: tuple[int, int]) -> str:
    start, end = word_range
    if not (0 <= start < end <= len(text)):
        return html.escape(text)
    return (html.escape(text[:start]) + "<b>" + html.escape(text[start:end]) + "</b>"
            + html.escape(text[end:]))


def sentence_html(sentences: Sequence[Sentence]) -> str:
    """Each sentence in Simplified then Traditional, the word in bold."""
    parts = []
    for s in sentences:
        simp = _highlight(s.simplified, s.simplified_range)
        if s.traditional and s.traditional != s.simplified:
            simp += "<br>" + _highlight(s.traditional, s.traditional_range)
        parts.append(simp)
    return "<br><br>".join(parts)


def sentence_text(sentences: Sequence[Sentence], separator: str = "\n") -> str:
    parts = []
    for s in sentences:
        parts.append(s.simplified)
        if s.traditional and s.traditional != s.simplified:
            parts.append(s.traditional)
    return separator.join(parts)


def source_text(note: Note) -> str:
    titles: list[str] = []
    for title in [note.source, *(s.article_title for s in note.sentences)]:
        if title and title not in titles:
            titles.append(title)
    return "; ".join(titles)


def _pinyin_field(note: Note) -> str:
    return note.pinyin or note.pinyin_numbers


def note_fields(note: Note) -> dict[str, str]:
    """The note's Anki fields (HTML), by name: the same in the .apkg and over AnkiConnect."""
    values = [html.escape(note.simplified), html.escape(note.traditional),
              html.escape(_pinyin_field(note)), html.escape(note.meaning).replace("\n", "<br>"),
              sentence_html(note.sentences), html.escape(source_text(note))]
    return dict(zip(FIELDS, values, strict=True))


class _Note(genanki.Note):
    """A genanki note that carries its own modified time (Anki's 'update if newer')."""

    def __init__(self, modified: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.modified = modified

    def write_to_db(self, cursor, timestamp, deck_id, id_gen):  # noqa: D401 - genanki API
        super().write_to_db(cursor, self.modified, deck_id, id_gen)


def apkg_bytes(notes: Sequence[Note], deck_name: str | None = None) -> bytes:
    """An .apkg with one Anki deck per deck (or all notes in `deck_name`)."""
    note_type = model()
    decks: dict[str, genanki.Deck] = {}
    for note in notes:
        name = deck_name or note.deck
        deck = decks.get(name)
        if deck is None:
            deck = decks[name] = genanki.Deck(deck_id(name), name)
        fields = list(note_fields(note).values())
        deck.add_note(_Note(note.modified, model=note_type, fields=fields,
                            guid=note_guid(note), tags=list(note.tags)))
    if not decks:
        name = deck_name or "Bilingual Reader"
        decks[name] = genanki.Deck(deck_id(name), name)
    buffer = io.BytesIO()
    genanki.Package(list(decks.values())).write_to_file(buffer)
    return buffer.getvalue()


def csv_text(notes: Sequence[Note], deck_name: str | None = None) -> str:
    """Tab-separated text with Anki's header lines; fields are plain text."""
    out = io.StringIO()
    columns = [*FIELDS, "Tags", "GUID"]
    out.write("#separator:tab\n#html:false\n")
    if deck_name:
        out.write(f"#deck:{deck_name}\n")
    out.write(f"#notetype:{MODEL_NAME}\n")
    out.write(f"#tags column:{columns.index('Tags') + 1}\n")
    out.write(f"#guid column:{columns.index('GUID') + 1}\n")
    out.write("#columns:" + "\t".join(columns) + "\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for note in notes:
        writer.writerow([spreadsheet_safe(cell) for cell in (
            note.simplified, note.traditional, _pinyin_field(note), note.meaning,
            sentence_text(note.sentences), source_text(note), " ".join(note.tags),
            note_guid(note))])
    return out.getvalue()


def _one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def pleco_text(notes: Sequence[Note], deck_name: str | None = None) -> str:
    """Pleco flashcards: '//category' then '简体[繁體]<TAB>pinyin<TAB>definition' lines.

    Pinyin uses tone numbers ('teng2xun4'); the first sentence follows the meaning after
    Pleco's in-definition line break (U+EAB1).
    """
    lines = []
    if deck_name:
        lines.append(f"//{_one_line(deck_name)}")
    for note in notes:
        head = _one_line(note.simplified)
        if note.traditional and note.traditional != note.simplified:
            head += f"[{_one_line(note.traditional)}]"
        pinyin = "".join(note.pinyin_numbers.split())
        definition = "; ".join(_one_line(line) for line in note.meaning.splitlines() if line.strip())
        if note.sentences:
            definition += PLECO_NEWLINE + _one_line(note.sentences[0].simplified)
        lines.append(f"{head}\t{pinyin}\t{definition}")
    return "\n".join(lines) + "\n"


def export_notes(notes: Sequence[Note], fmt: str, path: str | os.PathLike[str],
                 deck_name: str | None = None, romanisation: str = "pinyin") -> int:
    """Write `notes` as `fmt` (apkg, csv or pleco) to `path` ("-": standard output),
    atomically; returns the count. Symlinks and special files are not replaced. The
    reading field is written in `romanisation` (Pleco always takes pinyin)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (choose {', '.join(FORMATS)})")
    if romanisation != "pinyin" and fmt != "pleco":
        notes = [_romanised(note, romanisation) for note in notes]
    if str(path) != "-" and os.path.isdir(path):
        raise ExportError(f"cannot write {path}: it is a folder")
    if fmt == "apkg":
        data = apkg_bytes(notes, deck_name)
    elif fmt == "csv":
        data = csv_text(notes, deck_name).encode("utf-8")
    else:
        data = pleco_text(notes, deck_name).encode("utf-8")
    try:
        write_export(path, data)
    except ExportTargetError as exc:
        raise ExportError(str(exc)) from None
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return len(notes)


def _romanised(note: Note, system: str) -> Note:
    """The note with its reading field in another romanisation."""
    import dataclasses

    from reader.core.text.romanize import romanize

    if not note.pinyin_numbers:
        return note
    return dataclasses.replace(note, pinyin=romanize(note.traditional or note.simplified,
                                                     note.pinyin_numbers, system))
