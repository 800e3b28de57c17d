"""Send notes to a running Anki: create the deck and note type when missing, add new notes,
update changed ones, leave the rest; record what arrived.

A note is matched to Anki's by its key field (the field `Simplified` maps to), compared on
the word's key (`word_key` of the text without HTML). A second send adds nothing and
updates only notes whose fields changed. Work goes in batches (`BATCH` notes a request);
each batch's notes are marked "in Anki" only after Anki confirmed them, so a failure halfway
leaves the rest "not yet in Anki", to be sent again.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reader.core.anki.client import AnkiActionError, AnkiConnect, AnkiError, escape_search
from reader.core.anki.records import mark_sent
from reader.core.flashcards.export import (
    BACK,
    CSS,
    FIELDS,
    FRONT,
    MODEL_NAME,
    TEMPLATE_NAME,
    note_fields,
)
from reader.core.flashcards.notes import Note, word_key
from reader.core.flashcards.store import FlashcardStore

BATCH = 500
TARGETED = 2000  # a send of up to this many notes onto another note type looks them up
TERMS = 100  # words per targeted findNotes query
KEY_FIELD = "Simplified"  # our field that identifies a note
Progress = Callable[[int, int], None]
_TAG = re.compile(r"<[^>]*>")


class MappingError(ValueError):
    """A field mapping that cannot work (message is user-facing)."""


@dataclass(frozen=True)
class FieldMapping:
    """Which Anki note type we fill, and which of its fields each of our fields goes to."""

    model: str = MODEL_NAME
    fields: dict[str, str] = field(default_factory=lambda: {f: f for f in FIELDS})

    @property
    def ours(self) -> bool:
        return self.model == MODEL_NAME

    @property
    def key_field(self) -> str:
        return self.fields[KEY_FIELD]


def parse_field_map(text: str) -> dict[str, str]:
    """'Simplified=Hanzi, Pinyin=Pinyin' → {'Simplified': 'Hanzi', 'Pinyin': 'Pinyin'}."""
    mapping: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        ours, sep, theirs = part.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise MappingError(f"{part.strip()!r} is not ours=theirs (e.g. Simplified=Hanzi)")
        mapping[ours.strip()] = theirs.strip()
    return mapping


def make_mapping(model: str, field_map: dict[str, str], their_fields: Sequence[str]) -> FieldMapping:
    """Check a mapping of our fields onto `model`'s fields (`their_fields`, from Anki)."""
    if not model or model == MODEL_NAME:
        return FieldMapping()
    by_name = {f.casefold(): f for f in FIELDS}
    theirs = {f.casefold(): f for f in their_fields}
    clean: dict[str, str] = {}
    for ours, target in field_map.items():
        if ours.casefold() not in by_name:
            raise MappingError(f"{ours!r} is not one of our fields ({', '.join(FIELDS)})")
        if target.casefold() not in theirs:
            raise MappingError(f"the note type {model!r} has no field {target!r} "
                               f"(it has {', '.join(their_fields)})")
        clean[by_name[ours.casefold()]] = theirs[target.casefold()]
    if KEY_FIELD not in clean:
        raise MappingError(f"map {KEY_FIELD} to a field of {model!r}: it identifies the note")
    if len(set(clean.values())) != len(clean):
        raise MappingError("two of our fields are mapped onto the same Anki field")
    return FieldMapping(model, clean)


def _text(value: str) -> str:
    return html.unescape(_TAG.sub("", value)).strip()


def plain_key(value: str) -> str:
    """The matching key of a field's content: HTML removed, unescaped, `word_key`."""
    return word_key(_text(value))


@dataclass
class SendReport:
    """What one send did: counts, and the error that stopped it (if any)."""

    total: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    error: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.added + self.updated + self.unchanged + self.failed

    def summary(self) -> str:
        text = (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.failed} failed")
        return f"{text}: {self.error}" if self.error else text


class AnkiSender:
    """Sends our notes to one AnkiConnect endpoint and records what arrived."""

    def __init__(self, client: AnkiConnect, store: FlashcardStore,
                 mapping: FieldMapping | None = None, batch: int = BATCH,
                 progress: Progress | None = None) -> None:
        self.client = client
        self.store = store
        self.mapping = mapping or FieldMapping()
        self.batch = max(1, batch)
        self.progress = progress or (lambda done, total: None)

    def send(self, notes: Sequence[Note]) -> SendReport:
        """Send `notes` (each to the Anki deck of its own deck's name); never raises AnkiError:
        a failure ends the send and is in `report.error`, the rest counted as failed."""
        report = SendReport(total=len(notes))
        when = self.store.clock()
        try:
            self.client.version()
            self._ensure_model()
            self._ensure_decks({n.deck for n in notes})
            existing = self._existing(notes)
            new, changed, same = self._partition(notes, existing)
            self._mark([(n.id, existing[word_key(n.simplified)][0]) for n in same], when)
            report.unchanged = len(same)
            self.progress(report.done, report.total)
            self._add(new, report, when)
            self._update(changed, existing, report, when)
        except AnkiError as exc:
            report.error = str(exc)
            report.failed = report.total - report.added - report.updated - report.unchanged
        return report

    # -- set-up ---------------------------------------------------------------------------
    def _ensure_model(self) -> None:
        mapping = self.mapping
        if mapping.model not in self.client.invoke("modelNames"):
            if not mapping.ours:
                raise AnkiActionError(f"Anki has no note type {mapping.model!r}")
            self.client.invoke(
                "createModel", modelName=mapping.model, inOrderFields=list(FIELDS), css=CSS,
                isCloze=False, cardTemplates=[{"Name": TEMPLATE_NAME, "Front": FRONT,
                                               "Back": BACK}])
        fields = self.client.invoke("modelFieldNames", modelName=mapping.model)
        missing = [f for f in mapping.fields.values() if f not in fields]
        if missing:
            raise AnkiActionError(f"the note type {mapping.model!r} in Anki lacks the fields "
                                  f"{', '.join(missing)}")

    def _ensure_decks(self, decks: set[str]) -> None:
        have = set(self.client.invoke("deckNames"))
        missing = sorted(d for d in decks if d not in have)
        for error in self.client.multi([("createDeck", {"deck": d}) for d in missing]):
            if isinstance(error, AnkiError):
                raise error

    def _existing(self, notes: Sequence[Note]) -> dict[str, tuple[int, dict[str, str]]]:
        """{key: (Anki note id, {field: value})} of the Anki notes matching ours.

        Our own note type holds only our notes: all of them are read. Another (the user's,
        maybe large) note type is searched for the words being sent, `*word*` on the key
        field (so formatting added in Anki still matches), then filtered on the exact key.
        """
        model = f'"note:{escape_search(self.mapping.model)}"'
        if self.mapping.ours or len(notes) > TARGETED:
            ids = self.client.invoke("findNotes", query=model)
        else:
            field_name = escape_search(self.mapping.key_field)
            ids = []
            for start in range(0, len(notes), TERMS):
                terms = " OR ".join(
                    f'"{field_name}:*{escape_search(self.fields_of(n)[self.mapping.key_field])}*"'
                    for n in notes[start:start + TERMS])
                ids += self.client.invoke("findNotes", query=f"{model} ({terms})")
            ids = list(dict.fromkeys(ids))
        found: dict[str, tuple[int, dict[str, str]]] = {}
        for start in range(0, len(ids), self.batch):
            for info in self.client.invoke("notesInfo", notes=ids[start:start + self.batch]):
                fields = {name: f.get("value", "") for name, f in info.get("fields", {}).items()}
                key = plain_key(fields.get(self.mapping.key_field, ""))
                if key and key not in found:
                    found[key] = (info["noteId"], fields)
        return found

    # -- sending --------------------------------------------------------------------------
    def fields_of(self, note: Note) -> dict[str, str]:
        ours = note_fields(note)
        return {theirs: ours[name] for name, theirs in self.mapping.fields.items()}

    def changes(self, note: Note, theirs: dict[str, str]) -> dict[str, str]:
        """The fields of `note` that differ in Anki. The key field counts as changed only if
        its text differs (formatting the user added in Anki is kept)."""
        ours = self.fields_of(note)
        changed = {name: value for name, value in ours.items() if theirs.get(name) != value}
        key = self.mapping.key_field
        if key in changed and _text(theirs.get(key, "")) == _text(ours[key]):
            del changed[key]
        return changed

    def _partition(self, notes, existing):
        new, changed, same = [], [], []
        for note in notes:
            found = existing.get(word_key(note.simplified))
            if found is None:
                new.append(note)
            elif fields := self.changes(note, found[1]):
                changed.append((note, fields))
            else:
                same.append(note)
        return new, changed, same

    def _anki_note(self, note: Note) -> dict:
        return {"deckName": note.deck, "modelName": self.mapping.model,
                "fields": self.fields_of(note), "tags": list(note.tags),
                "options": {"allowDuplicate": False}}

    def _add(self, notes: list[Note], report: SendReport, when: float) -> None:
        for start in range(0, len(notes), self.batch):
            part = notes[start:start + self.batch]
            payload = [self._anki_note(n) for n in part]
            allowed = self.client.invoke("canAddNotes", notes=payload)
            ok = [i for i, can in enumerate(allowed) if can]
            report.failed += len(part) - len(ok)
            report.problems += [f"{part[i].simplified}: Anki will not add it (a duplicate or "
                                "an empty first field)" for i, can in enumerate(allowed) if not can]
            ids = self.client.invoke("addNotes", notes=[payload[i] for i in ok]) if ok else []
            pairs = [(part[i].id, nid) for i, nid in zip(ok, ids, strict=False) if nid]
            report.failed += len(ok) - len(pairs)
            self._mark(pairs, when)
            report.added += len(pairs)
            self.progress(report.done, report.total)

    def _update(self, changed: list[tuple[Note, dict[str, str]]], existing, report: SendReport,
                when: float) -> None:
        for start in range(0, len(changed), self.batch):
            part = changed[start:start + self.batch]
            calls = [("updateNoteFields", {"note": {"id": existing[word_key(n.simplified)][0],
                                                    "fields": fields}}) for n, fields in part]
            pairs = []
            for (note, _), (_, params), result in zip(part, calls, self.client.multi(calls),
                                                      strict=True):
                if isinstance(result, AnkiError):
                    report.failed += 1
                    report.problems.append(f"{note.simplified}: {result}")
                else:
                    pairs.append((note.id, params["note"]["id"]))
            self._mark(pairs, when)
            report.updated += len(pairs)
            self.progress(report.done, report.total)

    def _mark(self, pairs: list[tuple[int, int]], when: float) -> None:
        mark_sent(self.store, pairs, self.client.url, self.mapping.model, when)
