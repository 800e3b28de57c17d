"""Glossary entries: the TOML data format, validation with file:line problems, CSV I/O.

The bundled files (every `*.toml` in `assets/glossary/`: `general.toml` for general jargon,
`corpus.toml` for the bundled articles' own companies and events) and the user's file
(`glossary_user.toml` in the user data folder) share one format: a list of `[[term]]`
tables. Each table is parsed on its own, so a syntax error or a bad field costs only that
entry; the problem is reported as `file:line: message` and every other entry still loads.

    [[term]]
    term = "To B"                       # canonical form (required)
    variants = ["ToB", "2B"]            # other spellings, either script
    category = "business model"         # one of CATEGORIES (required)
    expansion = "to Business"           # optional
    short = "business-to-business"      # 2-6 English words shown in lists (derived when empty)
    en = "Selling to businesses ..."    # plain-English explanation (required)
    zh = "面向企业客户的业务。"           # short Chinese explanation (required)
    related = ["To C", "B端"]           # optional
    example = "騰訊殺入To B市場"         # optional
    exclude = ["2B铅笔"]                # optional: phrases in which a variant is not this term
    ordinary = true                     # optional: also an everyday word; jargon only in
                                        #   business or tech context (场景, 矩阵, 生态)
    corpus_only_variants = ["到乙"]     # optional: garbles matched only in bundled articles

A table with only `term` and `corpus_only_variants` adds those variants to the entry of that
term in another file (how `corpus.toml` carries the garbles of general terms).
A user file may also hold `deleted = true` tables, hiding the bundled entry of that term.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from reader.core.datafile import loads_toml, loads_valid_toml, read_data_file, split_tables
from reader.core.exportfile import from_spreadsheet, spreadsheet_safe
from reader.core.glossary.match import entry_id

CATEGORIES: tuple[str, ...] = (
    "business model",
    "strategy",
    "cloud & tech",
    "AI & data",
    "org unit",
    "role",
    "metric",
    "finance",
    "capital markets",
    "e-commerce & retail",
    "logistics",
    "marketing & growth",
    "internet slang",
    "idiom & metaphor",
    "policy",
    "company & product",
)

_TEXT_FIELDS = ("term", "category", "expansion", "short", "en", "zh", "example")
_LIST_FIELDS = ("variants", "related", "exclude", "corpus_only_variants")
_KNOWN = set(_TEXT_FIELDS) | set(_LIST_FIELDS) | {"deleted", "ordinary"}
_HEADER = re.compile(r"^\s*\[\[\s*term\s*\]\]\s*(#.*)?$")
CSV_COLUMNS = ("term", "variants", "category", "expansion", "short", "en", "zh", "related",
               "example")
_CSV_SEPARATOR = " | "


@dataclass(frozen=True)
class Entry:
    """One glossary term with its explanations; `id` is the normalised canonical term."""

    term: str
    category: str
    en: str
    zh: str
    variants: tuple[str, ...] = ()
    expansion: str = ""
    related: tuple[str, ...] = ()
    example: str = ""
    exclude: tuple[str, ...] = ()
    short: str = ""
    ordinary: bool = False
    corpus_only_variants: tuple[str, ...] = ()
    source: str = field(default="bundled", compare=False)
    location: str = field(default="", compare=False)

    @cached_property
    def id(self) -> str:
        return entry_id(self.term)

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The canonical term followed by its variants."""
        return (self.term, *self.variants)

    @property
    def short_meaning(self) -> str:
        """The 2-6 word meaning shown in lists: `short`, else derived from the explanation."""
        if self.short:
            return self.short
        from reader.core.gloss.glosser import term_gloss

        return term_gloss(self.expansion, self.en)

    def to_fields(self) -> dict:
        """The entry's data fields (as written to TOML or JSON)."""
        out: dict = {"term": self.term}
        if self.variants:
            out["variants"] = list(self.variants)
        out["category"] = self.category
        if self.expansion:
            out["expansion"] = self.expansion
        if self.short:
            out["short"] = self.short
        out["en"] = self.en
        out["zh"] = self.zh
        for name in ("related", "exclude"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        if self.example:
            out["example"] = self.example
        if self.ordinary:
            out["ordinary"] = True
        if self.corpus_only_variants:
            out["corpus_only_variants"] = list(self.corpus_only_variants)
        return out


class EntryError(ValueError):
    """A field of one entry is missing or malformed."""


@dataclass
class ParsedFile:
    """What one glossary file held: entries, ids it deletes, and the problems found."""

    entries: list[Entry] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    preamble: str = ""
    # each [[term]] block verbatim, with the id it defines or deletes (None: not parsed)
    blocks: list[tuple[str | None, str]] = field(default_factory=list)
    # entry id -> corpus-only variants added to an entry defined in another file
    extensions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # surface -> normalised matching key, for every surface (kept in the parse cache)
    keys: dict[str, str] = field(default_factory=dict)

    def merge(self, other: ParsedFile) -> None:
        self.entries.extend(other.entries)
        self.deleted.extend(other.deleted)
        self.problems.extend(other.problems)
        for key, variants in other.extensions.items():
            self.extensions[key] = self.extensions.get(key, ()) + variants


def make_entry(raw: dict, source: str = "user", location: str = "",
               keys: dict[str, str] | None = None) -> Entry:
    """Validate a mapping of fields (from TOML, CSV or a dialog) into an `Entry`.

    `keys` may hold terms' ids computed together (`surface_keys`: one OpenCC call for a
    whole file instead of one per entry)."""
    unknown = sorted(set(raw) - _KNOWN)
    if unknown:
        raise EntryError(f"unknown field {unknown[0]!r}")
    values: dict = {}
    for name in _TEXT_FIELDS:
        value = raw.get(name, "")
        if not isinstance(value, str):
            raise EntryError(f"{name!r} must be a string")
        values[name] = " ".join(value.split()) if name != "example" else value.strip()
    for name in _LIST_FIELDS:
        value = raw.get(name)
        if value is None or value == []:  # most entries leave most lists out
            values[name] = ()
            continue
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise EntryError(f"{name!r} must be a list of strings")
        cleaned = dict.fromkeys(" ".join(item.split()) for item in value)
        cleaned.pop("", None)
        values[name] = tuple(cleaned)
    for name in ("term", "en", "zh"):
        if not values[name]:
            raise EntryError(f"missing {name!r}")
    ordinary = raw.get("ordinary", False)
    if not isinstance(ordinary, bool):
        raise EntryError("'ordinary' must be true or false")
    values["ordinary"] = ordinary
    if values["category"] not in CATEGORIES:
        raise EntryError(f"category {values['category']!r} is not one of: {', '.join(CATEGORIES)}")
    values["variants"] = tuple(v for v in values["variants"] if v != values["term"])
    entry = Entry(**values, source=source, location=location)
    known = keys.get(values["term"]) if keys else None
    if known is not None:
        entry.__dict__["id"] = known  # what the cached property would compute
    if not entry.id:  # computed once here, then kept by the entry
        raise EntryError(f"term {values['term']!r} has no letters or characters to match")
    return entry


def parse_glossary(text: str, name: str, source: str) -> ParsedFile:
    """Parse one glossary file's text; `name` is used in problem messages."""
    result = ParsedFile()
    preamble, chunks = split_tables(text, _HEADER)
    result.preamble = preamble
    if preamble.strip():
        try:
            stray = tomllib.loads(preamble)
        except tomllib.TOMLDecodeError as exc:
            result.problems.append(f"{name}:{_error_line(exc, 1)}: {_error_text(exc)}")
        else:
            if stray:
                result.problems.append(f"{name}:1: text before the first [[term]] ignored")
    tables = _whole_file_tables(text, len(chunks))
    keys = None
    if tables is not None:
        from reader.core.glossary.match import surface_keys

        keys = surface_keys(" ".join(t["term"].split()) for t in tables
                            if isinstance(t.get("term"), str))
    for k, (first_line, chunk) in enumerate(chunks):
        if tables is not None:  # the fast path: one parse of the whole (valid) file
            outcome = _table_outcome(dict(tables[k]), f"{name}:{first_line}", source, keys)
        else:
            outcome = _block_outcome(chunk, first_line, name, source)
        result.blocks.append((_apply_outcome(result, outcome), chunk))
    return result


def _whole_file_tables(text: str, blocks: int) -> list[dict] | None:
    """The file's [[term]] tables from one parse, when the whole file is valid TOML and
    holds exactly one table per block; None sends every block to its own parse (which
    reports problems block by block)."""
    parsed = loads_valid_toml(text)
    if parsed is None:
        return None
    tables = parsed.get("term")
    if set(parsed) - {"term"} or not isinstance(tables, list) or len(tables) != blocks \
            or not all(isinstance(t, dict) for t in tables):
        return None
    return tables


def _apply_outcome(result: ParsedFile, outcome: tuple) -> str | None:
    """Add one block's outcome to `result`; the id it defines or deletes, or None."""
    kind, value, problem = outcome
    if problem:
        result.problems.append(problem)
    if kind == "entry":
        result.entries.append(value)
        return value.id
    if kind == "deleted":
        result.deleted.append(value)
        return value
    if kind == "extension":
        result.extensions[value[0]] = value[1]
        return None
    return None


@functools.lru_cache(maxsize=8192)
def _block_outcome(chunk: str, first_line: int, name: str, source: str) -> tuple:
    """(kind, entry or id, problem) of one block; cached, as edits re-read whole files."""
    where = f"{name}:{first_line}"
    try:
        tables = loads_toml(chunk).get("term")
    except tomllib.TOMLDecodeError as exc:
        return None, None, (f"{name}:{_error_line(exc, first_line)}: {_error_text(exc)}; "
                            "entry skipped")
    if not isinstance(tables, list) or len(tables) != 1 or not isinstance(tables[0], dict):
        return None, None, f"{where}: malformed [[term]] table; entry skipped"
    return _table_outcome(dict(tables[0]), where, source)


def _table_outcome(raw: dict, where: str, source: str,
                   keys: dict[str, str] | None = None) -> tuple:
    """(kind, entry or id, problem) of one parsed [[term]] table."""
    deleted = raw.pop("deleted", False)
    if set(raw) == {"term", "corpus_only_variants"} and isinstance(raw["term"], str):
        extra = raw["corpus_only_variants"]
        if isinstance(extra, list) and all(isinstance(v, str) for v in extra):
            return "extension", (entry_id(raw["term"]), tuple(extra)), ""
    if deleted is True:
        term = raw.get("term")
        if isinstance(term, str) and entry_id(term):
            return "deleted", entry_id(term), ""
        return None, None, f"{where}: a deleted entry needs its 'term'"
    try:
        return "entry", make_entry(raw, source, where, keys), ""
    except EntryError as exc:
        label = raw.get("term") if isinstance(raw.get("term"), str) else "?"
        return None, None, f"{where}: {label}: {exc}; entry skipped"


def _error_line(exc: tomllib.TOMLDecodeError, first_line: int) -> int:
    match = re.search(r"line (\d+)", str(exc))
    return first_line + int(match.group(1)) - 1 if match else first_line


def _error_text(exc: tomllib.TOMLDecodeError) -> str:
    return re.sub(r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)", "", str(exc))


def load_glossary_file(path: Path, source: str) -> ParsedFile:
    """Read and parse a glossary file; an unreadable file is one problem, not a crash."""
    text, problem = read_data_file(path)
    if problem is not None:
        return ParsedFile(problems=[problem])
    if not text:
        return ParsedFile()
    return parse_glossary(text, str(path), source)


def load_glossary_folder(path: Path, source: str) -> ParsedFile:
    """Every `*.toml` file of a folder (sorted by name), or one file; extensions applied.
    (The app reads the bundled folder through `entry_table.load_bundled`, cached.)"""
    path = Path(path)
    return _parse_folder(path, glossary_files(path), source)


def glossary_files(path: Path) -> list[Path]:
    """The files a glossary folder (its `*.toml`, sorted) or a single file stands for."""
    path = Path(path)
    return sorted(path.glob("*.toml")) if path.is_dir() else [path]


def _parse_folder(path: Path, files: list[Path], source: str) -> ParsedFile:
    result = ParsedFile()
    for file in files:
        result.merge(load_glossary_file(file, source))
    if result.extensions:
        by_id = {e.id: i for i, e in enumerate(result.entries)}
        for key, extra in result.extensions.items():
            if key not in by_id:
                result.problems.append(f"{path}: corpus-only variants for unknown term {key!r}")
                continue
            entry = result.entries[by_id[key]]
            merged = tuple(dict.fromkeys((*entry.corpus_only_variants, *extra)))
            result.entries[by_id[key]] = replace(entry, corpus_only_variants=merged)
    from reader.core.glossary.match import surface_keys

    result.keys = surface_keys(s for e in result.entries for s in (
        *e.surfaces, *e.exclude, *e.corpus_only_variants))
    return result


# -- writing ----------------------------------------------------------------------------
def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def dump_glossary(entries: list[Entry], deleted: list[str] = (), header: str = "") -> str:
    """The TOML text of a glossary file (used for the user's file)."""
    out = [f"# {line}\n" for line in header.splitlines()]
    for entry in entries:
        out.append("\n[[term]]\n")
        for key, value in entry.to_fields().items():
            out.append(f"{key} = {_toml_value(value)}\n")
    for term in deleted:
        out.append(f"\n[[term]]\nterm = {_toml_value(term)}\ndeleted = true\n")
    return "".join(out)


def entry_block(entry: Entry) -> str:
    """One `[[term]]` block of the user's file."""
    lines = ["[[term]]\n"]
    lines.extend(f"{key} = {_toml_value(value)}\n" for key, value in entry.to_fields().items())
    return "".join(lines) + "\n"


def deleted_block(term: str) -> str:
    """A `deleted = true` block hiding the bundled entry of `term`."""
    return f"[[term]]\nterm = {_toml_value(term)}\ndeleted = true\n\n"


def entries_to_csv(entries: list[Entry]) -> str:
    """CSV with a header row; list fields are joined with ' | '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        row = []
        for column in CSV_COLUMNS:
            value = getattr(entry, column)
            cell = _CSV_SEPARATOR.join(value) if isinstance(value, tuple) else value
            row.append(spreadsheet_safe(cell))
        writer.writerow(row)
    return buffer.getvalue()


def entries_from_csv(text: str, name: str) -> ParsedFile:
    """Entries from CSV text (as written by `entries_to_csv`); bad rows are reported."""
    result = ParsedFile()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [h.strip() for h in reader.fieldnames or []]
    except csv.Error as exc:
        result.problems.append(f"{name}:1: {exc}; not read")
        return result
    missing = [c for c in ("term", "category", "en", "zh") if c not in header]
    if missing:
        result.problems.append(f"{name}:1: missing column(s): {', '.join(missing)}")
        return result
    reader.fieldnames = header
    try:
        for row in reader:
            _csv_row(result, row, f"{name}:{reader.line_num}")
    except csv.Error as exc:  # e.g. a field over the csv module's 128 KB limit
        result.problems.append(f"{name}:{reader.line_num}: {exc}; the rest was not read")
    return result


def _csv_row(result: ParsedFile, row: dict, where: str) -> None:
    raw = {}
    for column in CSV_COLUMNS:
        value = from_spreadsheet((row.get(column) or "").strip())
        if column in _LIST_FIELDS:
            raw[column] = [v.strip() for v in value.split("|") if v.strip()]
        elif value:
            raw[column] = value
    try:
        result.entries.append(make_entry(raw, "user", where))
    except EntryError as exc:
        result.problems.append(f"{where}: {raw.get('term', '?')}: {exc}; row skipped")


def with_source(entry: Entry, source: str, location: str = "") -> Entry:
    """A copy of `entry` marked as coming from `source`."""
    return replace(entry, source=source, location=location)
