"""The jargon glossary: bundled + user entries, matched in text and plugged into the pipeline.

`Glossary` loads `assets/glossary.toml` and the user's `glossary_user.toml` (user entries
override bundled ones with the same normalised term; user deletions hide them), keeps one
`TermMatcher` over every term and variant, and offers add/edit/delete and CSV import/export
of the user's entries. `install(annotator, glossary)` adds it to an `Annotator` as a term
source (matched terms become single tokens) and as the "glossary" layer.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from reader.core.datafile import render_blocks
from reader.core.exportfile import write_export
from reader.core.glossary.data import (
    Entry,
    EntryError,
    ParsedFile,
    deleted_block,
    entries_from_csv,
    entries_to_csv,
    entry_block,
    load_glossary_file,
    make_entry,
    parse_glossary,
    with_source,
)
from reader.core.glossary.match import Hit, TermMatcher, entry_id
from reader.core.text.document import Document, Span
from reader.core.text.scripts import Script, View, convert, to_simplified
from reader.core.userfile import UserFileError, edit_text, stamp

USER_FILE = "glossary_user.toml"
_USER_HEADER = ("# Your own glossary entries (same format as assets/glossary.toml).\n"
                "# They override bundled entries with the same term; 'deleted = true' hides one.\n")
_VIEW_CONFIG = {View.TRADITIONAL: "s2t", View.TAIWAN: "s2tw", View.HONGKONG: "s2hk"}


class GlossaryError(ValueError):
    """A user edit or import that cannot be applied (one-line message)."""


class Glossary:
    """Bundled and user glossary entries, and the matcher over all their surfaces."""

    def __init__(self, bundled_path: Path, user_path: Path) -> None:
        self.bundled_path = Path(bundled_path)
        self.user_path = Path(user_path)
        self._lock = threading.RLock()
        self._listeners: list[Callable[[], None]] = []
        self.version = 0
        bundled = load_glossary_file(self.bundled_path, "bundled")
        self._bundled = {e.id: e for e in bundled.entries}
        self.problems: list[str] = list(bundled.problems)
        self._bundled_problems = list(bundled.problems)
        self._load_user()
        self._rebuild()

    # -- loading ------------------------------------------------------------------------
    def _load_user(self) -> None:
        self.file_stamp = stamp(self.user_path)
        self._set_user(load_glossary_file(self.user_path, "user"))

    def _set_user(self, parsed: ParsedFile) -> None:
        self._user = {e.id: e for e in parsed.entries}
        self._deleted = set(parsed.deleted) - set(self._user)
        self.problems = self._bundled_problems + parsed.problems

    def _rebuild(self) -> None:
        merged = {k: v for k, v in self._bundled.items() if k not in self._deleted}
        merged.update(self._user)
        self._entries = merged
        surfaces: list[tuple[str, str | None]] = []
        for entry in sorted(merged.values(), key=lambda e: e.source != "user"):
            surfaces.extend((surface, entry.id) for surface in entry.surfaces)
        for entry in merged.values():
            surfaces.extend((phrase, None) for phrase in entry.exclude)
        self._matcher = TermMatcher(surfaces)
        self.version += 1

    # -- reading ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def get(self, entry_id_: str) -> Entry | None:
        return self._entries.get(entry_id_)

    def entries(self) -> list[Entry]:
        """All entries in effect, sorted by category then term."""
        return sorted(self._entries.values(), key=lambda e: (e.category, e.term.casefold()))

    def user_entries(self) -> list[Entry]:
        return sorted(self._user.values(), key=lambda e: e.term.casefold())

    def is_bundled(self, entry_id_: str) -> bool:
        return entry_id_ in self._bundled

    def match_word(self, text: str) -> Entry | None:
        """The entry whose term or variant is exactly `text` (any script, case, width)."""
        found = self._matcher.lookup(text)
        return None if found is None else self._entries.get(found)

    def find(self, text: str) -> list[Hit]:
        """Term hits in any text (converted to Simplified first, offsets into `text`)."""
        simplified = to_simplified(text)
        if len(simplified) != len(text):
            simplified = "".join(c if len(c) == 1 else o
                                 for c, o in zip((to_simplified(ch) for ch in text), text,
                                                 strict=True))
        return self._matcher.find(simplified)

    def find_simplified(self, simplified: str) -> list[Hit]:
        """Term hits in a text already in Simplified (the pipeline's base view)."""
        return self._matcher.find(simplified)

    # -- user edits ---------------------------------------------------------------------
    def add_listener(self, callback: Callable[[], None]) -> None:
        """`callback()` runs after every change of the entries (e.g. to re-annotate)."""
        self._listeners.append(callback)

    def save_entry(self, fields: dict, replaces: str | None = None) -> Entry:
        """Add or edit a user entry from its fields; `replaces` is the id being edited.

        Raises `GlossaryError` with a one-line message when a field is invalid or the
        user file cannot be changed safely.
        """
        try:
            entry = make_entry(fields, "user", str(self.user_path))
        except EntryError as exc:
            raise GlossaryError(str(exc)) from None

        def change(user: dict, deleted: set) -> None:
            if replaces and replaces != entry.id:
                self._remove(user, deleted, replaces)
            user[entry.id] = entry
            deleted.discard(entry.id)

        self._edit(change)
        return entry

    def delete(self, entry_id_: str) -> bool:
        """Delete a user entry, or hide a bundled one; False if there is no such entry."""
        def change(user: dict, deleted: set) -> bool:
            if entry_id_ not in user and (entry_id_ not in self._bundled or entry_id_ in deleted):
                return False
            self._remove(user, deleted, entry_id_)
            return True

        return self._edit(change)

    def restore(self, entry_id_: str) -> bool:
        """Bring back the bundled entry of a term (dropping the user's version)."""
        if entry_id_ not in self._bundled:
            return False

        def change(user: dict, deleted: set) -> bool:
            user.pop(entry_id_, None)
            deleted.discard(entry_id_)
            return True

        return self._edit(change)

    def _remove(self, user: dict, deleted: set, entry_id_: str) -> None:
        user.pop(entry_id_, None)
        if entry_id_ in self._bundled:
            deleted.add(entry_id_)

    def _edit(self, change):
        """Apply `change(user entries, deleted ids)` to the user file as it is on disk now.

        Under the file's lock: re-read (merging edits made elsewhere), change, write with
        untouched and unparsed blocks kept verbatim. Returns what `change` returned.
        """
        outcome = []

        def rewrite(text: str) -> str:
            parsed = parse_glossary(text, str(self.user_path), "user")
            user = {e.id: e for e in parsed.entries}
            deleted = set(parsed.deleted) - set(user)
            new_user, new_deleted = dict(user), set(deleted)
            outcome.append(change(new_user, new_deleted))
            touched = {i for i in user.keys() | new_user.keys() if user.get(i) != new_user.get(i)}
            touched |= deleted ^ new_deleted

            def render(entry_id_: str) -> str:
                if entry_id_ in new_user:
                    return entry_block(new_user[entry_id_])
                if entry_id_ in new_deleted and entry_id_ in self._bundled:
                    return deleted_block(self._bundled[entry_id_].term)
                return ""

            preamble = parsed.preamble if parsed.preamble.strip() else _USER_HEADER + "\n"
            return render_blocks(preamble, parsed.blocks, touched, render)

        with self._lock:
            try:
                text = edit_text(self.user_path, rewrite)
            except UserFileError as exc:
                raise GlossaryError(str(exc)) from None
            except OSError as exc:
                raise GlossaryError(f"{self.user_path}: cannot be written "
                                    f"({exc.strerror or exc}); nothing was changed") from None
            self.file_stamp = stamp(self.user_path)
            self._set_user(parse_glossary(text, str(self.user_path), "user"))
            self._rebuild()
        for callback in list(self._listeners):
            callback()
        return outcome[0] if outcome else None

    def reload(self) -> None:
        """Re-read the user file (after it was edited by hand)."""
        with self._lock:
            self._load_user()
            self._rebuild()
        for callback in list(self._listeners):
            callback()

    # -- CSV ------------------------------------------------------------------------------
    def export_user_csv(self, path: Path) -> int:
        """Write the user's entries to a CSV file; returns how many."""
        entries = self.user_entries()
        write_export(path, entries_to_csv(entries).encode("utf-8"))
        return len(entries)

    def import_user_csv(self, path: Path) -> tuple[int, list[str]]:
        """Add (or replace) user entries from a CSV file; (count imported, problems)."""
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise GlossaryError(f"{path}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise GlossaryError(f"{path}: cannot be read as UTF-8 CSV ({exc})") from None
        parsed = entries_from_csv(text, str(path))
        if parsed.entries:
            def change(user: dict, deleted: set) -> None:
                for entry in parsed.entries:
                    user[entry.id] = with_source(entry, "user", str(self.user_path))
                    deleted.discard(entry.id)

            self._edit(change)
        return len(parsed.entries), parsed.problems


def view_text(text: str, view: View, script: Script | None = None) -> str:
    """`text` (an explanation or term) written in the script of `view`.

    `script` is the article's: its Original view of a Traditional article is Traditional.
    """
    view = View(view)
    if view is View.ORIGINAL and script is Script.TRADITIONAL:
        view = View.TRADITIONAL
    config = _VIEW_CONFIG.get(view)
    return convert(text, config) if config else text


class GlossaryTerms:
    """The pipeline hooks: a term source and the "glossary" layer, sharing one match."""

    name = "glossary"

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._last: tuple[str, int, list[Hit]] | None = None
        self._lock = threading.Lock()

    def _hits(self, simplified: str) -> list[Hit]:
        with self._lock:
            last = self._last
        version = self.glossary.version
        if last is not None and last[0] is simplified and last[1] == version:
            return last[2]
        hits = self.glossary.find_simplified(simplified)
        with self._lock:
            self._last = (simplified, version, hits)
        return hits

    # TermSource
    def find_terms(self, simplified: str) -> list[tuple[int, int]]:
        return [(h.start, h.end) for h in self._hits(simplified)]

    # Layer
    def annotate(self, document: Document) -> list[Span]:
        """One span per hit that is a whole token (another source may have won a span)."""
        spans = []
        for hit in self._hits(document.simplified):
            index = document.token_index_at(hit.start)
            if index is None or document.span(index) != (hit.start, hit.end):
                continue
            surface = document.original[hit.start:hit.end]
            spans.append(Span(hit.start, hit.end, hit.entry_id, {"surface": surface}))
        return spans

    def to_json(self, document: Document, view: View) -> list[dict]:
        text = document.text(view)
        out = []
        for span in document.layers.get(self.name, []):
            entry = self.glossary.get(span.key)
            if entry is None:
                continue
            start = document.to_view_offset(span.start, view)
            end = document.to_view_offset(span.end, view)
            out.append({
                "start": start,
                "end": end,
                "text": text[start:end],
                "term": view_text(entry.term, view, document.script),
                "category": entry.category,
                "en": entry.en,
                "zh": view_text(entry.zh, view, document.script),
            })
        return out


def install(annotator, glossary: Glossary) -> GlossaryTerms:
    """Plug the glossary into an annotator (term source + layer); returns the hook object."""
    hooks = GlossaryTerms(glossary)
    annotator.add_term_source(hooks)
    annotator.add_layer(hooks)
    return hooks


def term_counts(document: Document) -> dict[str, int]:
    """How often each glossary entry occurs in an annotated document."""
    counts: dict[str, int] = {}
    for span in document.layers.get(GlossaryTerms.name, []):
        counts[span.key] = counts.get(span.key, 0) + 1
    return counts


__all__ = ["Glossary", "GlossaryError", "GlossaryTerms", "Entry", "entry_id", "install",
           "term_counts", "view_text"]
