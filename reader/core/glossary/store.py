"""The jargon glossary: bundled + user entries, matched in text and plugged into the pipeline.

`Glossary` loads every file of `assets/glossary/` and the user's `glossary_user.toml` (user
entries override bundled ones with the same normalised term; user deletions hide them),
keeps a `TermMatcher` over every term and variant (and a second one that adds the
corpus-only variants, used only on the bundled articles' own texts), and offers
add/edit/delete and CSV import/export of the user's entries. `install(annotator, glossary)` adds it to an `Annotator` as a term
source (matched terms become single tokens) and as the "glossary" layer.
"""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable
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
    glossary_files,
    load_glossary_file,
    make_entry,
    parse_glossary,
    with_source,
)
from reader.core.glossary.entry_table import load_bundled
from reader.core.glossary.match import Hit, TermMatcher, entry_id
from reader.core.glossary.sense import Judged, SenseRules
from reader.core.text.document import Document, Span
from reader.core.text.scripts import Script, View, convert, to_simplified
from reader.core.userfile import UserFileError, edit_text, stamp

USER_FILE = "glossary_user.toml"
_USER_HEADER = ("# Your own glossary entries (same format as assets/glossary/*.toml).\n"
                "# They override bundled entries with the same term; 'deleted = true' hides one.\n")
MATCHER_CACHE_VERSION = 4  # bump when TermMatcher's pickled state or the rules change
_VIEW_CONFIG = {View.TRADITIONAL: "s2t", View.TAIWAN: "s2tw", View.HONGKONG: "s2hk"}


class GlossaryError(ValueError):
    """A user edit or import that cannot be applied (one-line message)."""


class Glossary:
    """Bundled and user glossary entries, and the matcher over all their surfaces."""

    def __init__(self, bundled_path: Path, user_path: Path,
                 corpus_texts: Callable[[], Iterable[str]] | None = None) -> None:
        """`bundled_path` is a folder (all its *.toml) or one file; `corpus_texts` returns
        the bundled articles' texts, the only texts where corpus-only variants match
        (default: the articles in the bundled corpus folder)."""
        self.bundled_path = Path(bundled_path)
        self.user_path = Path(user_path)
        self._lock = threading.RLock()
        self._listeners: list[Callable[[], None]] = []
        self.version = 0
        self._corpus_texts = corpus_texts or _bundled_corpus_texts
        self._fingerprints: frozenset[str] | None = None
        bundled = load_bundled(self.bundled_path, "bundled")
        self._bundled = bundled.entries
        self._keys = bundled.keys
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
        if self._user or self._deleted:
            merged = {k: v for k, v in self._bundled.items() if k not in self._deleted}
            merged.update(self._user)
            self._has_corpus_only = any(e.corpus_only_variants for e in merged.values())
        else:  # the bundled table itself: its entries are built only when asked for
            merged = self._bundled
            self._has_corpus_only = self._bundled.has_corpus_only()
        self._entries = merged
        self._matcher = self._new_matcher()
        self.version += 1

    def _surfaces(self) -> list[tuple[str, str | None]]:
        """(surface, entry id or None for an exclude phrase), user entries first."""
        merged = self._entries
        surfaces: list[tuple[str, str | None]] = []
        for entry in sorted(merged.values(), key=lambda e: e.source != "user"):
            surfaces.extend((surface, entry.id) for surface in entry.surfaces)
        for entry in merged.values():
            surfaces.extend((phrase, None) for phrase in entry.exclude)
        return surfaces

    def _corpus_surfaces(self) -> list[tuple[str, str | None]]:
        """(variant, entry id) of the variants that match in the bundled articles only."""
        return [(v, e.id) for e in self._entries.values() for v in e.corpus_only_variants]

    def _new_matcher(self) -> TermMatcher:
        """The matcher over every surface, the corpus-only variants held apart in it; over
        the bundled data alone (no user entries or deletions: the usual start-up) it comes
        from the data cache while the files are unchanged."""
        def build() -> TermMatcher:
            return TermMatcher(self._surfaces(), self._keys(), self._corpus_surfaces())

        if self._user or self._deleted:
            return build()
        from reader.core.datacache import cached

        return cached("glossary-matcher", glossary_files(self.bundled_path), build,
                      version=MATCHER_CACHE_VERSION, native=True)

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
        return self.find_simplified(simplified)

    def find_simplified(self, simplified: str) -> list[Hit]:
        """Term hits in a text already in Simplified (the pipeline's base view)."""
        corpus = self._has_corpus_only and self.is_corpus_text(simplified)
        return self._matcher.find(simplified, corpus)

    def is_corpus_text(self, simplified: str) -> bool:
        """Whether a (Simplified) text is one of the bundled articles, or a part of one
        at least a paragraph long: where corpus-only variants apply."""
        if self._fingerprints is None:
            prints = set()
            for text in self._corpus_texts():
                prints.update(_fingerprints(to_simplified(text)))
            self._fingerprints = frozenset(prints)
        return any(p in self._fingerprints for p in _fingerprints(simplified, limit=3))

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


def _fingerprints(text: str, limit: int | None = None) -> list[str]:
    """Digests of the text's longer paragraphs (whitespace ignored), the first `limit`."""
    out = []
    for line in text.split("\n"):
        key = "".join(line.split())
        if len(key) >= 40:
            out.append(hashlib.blake2b(key.encode(), digest_size=12).hexdigest())
            if limit is not None and len(out) >= limit:
                break
    return out


def _bundled_corpus_texts() -> list[str]:
    from reader.core import paths
    from reader.core.library.corpus import Corpus

    return [text for _info, text in Corpus(paths.corpus_dir()).items()]


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
    """The pipeline hooks: a term source and the "glossary" layer, sharing one match.

    Raw matches go through `SenseRules` (reader.core.glossary.sense): only the matches that
    are jargon here become protected spans and layer spans.
    """

    name = "glossary"

    def __init__(self, glossary: Glossary, tokenizer: Callable[[], object] | None = None,
                 dictionary: Callable[[], object] | None = None) -> None:
        self.glossary = glossary
        self.rules = SenseRules(glossary.get, tokenizer, dictionary)
        self._last: tuple[str, int, Judged] | None = None
        self._lock = threading.Lock()

    def judged(self, simplified: str) -> Judged:
        """The matches in a Simplified text, split into jargon / everyday word / dropped."""
        with self._lock:
            last = self._last
        version = self.glossary.version
        if last is not None and last[0] is simplified and last[1] == version:
            return last[2]
        judged = self.rules.judge(simplified, self.glossary.find_simplified(simplified))
        with self._lock:
            self._last = (simplified, version, judged)
        return judged

    def _hits(self, simplified: str) -> list[Hit]:
        return self.judged(simplified).marked

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


def install(annotator, glossary: Glossary,
            dictionary: Callable[[], object] | None = None) -> GlossaryTerms:
    """Plug the glossary into an annotator (term source + layer); returns the hook object.

    `dictionary` returns the CC-CEDICT `Dictionary` (the sense rules ask it which matches
    are words it explains already)."""
    segmenter = getattr(annotator, "segmenter", None)
    hooks = GlossaryTerms(glossary, (lambda: segmenter.tokenizer) if segmenter else None,
                          dictionary)
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
