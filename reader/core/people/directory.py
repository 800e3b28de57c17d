"""The people directory: `[[person]]` tables in TOML, validated entry by entry.

The bundled files are `assets/people/*.toml` (`directory.toml`: people business news names
often; `corpus.toml`: the people of the bundled articles, with the garbled forms those
articles use; a `corpus.toml` entry whose id is also in another file only adds its aliases
to that entry). A user's own `people.toml` in the data folder uses the same format and
overrides bundled entries with the same id. Each `[[person]]`
block is parsed on its own, so one malformed entry (bad TOML, a missing name, a wrong
type) is reported as `file:line: message` and skipped while the rest loads.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.datafile import loads_toml, read_data_file
from reader.core.text.scripts import convert

_HEADER = re.compile(r"^\s*\[\[\s*person\s*\]\]\s*(#.*)?$")
_ID = re.compile(r"^(user:\S+|[a-z0-9][a-z0-9_-]*)$")
_TEXT_FIELDS = ("traditional", "pinyin", "english", "role", "organisation", "context")
_LIST_FIELDS = ("aliases", "weak_aliases")
_KNOWN = {"id", "name", "strict", "year", *_TEXT_FIELDS, *_LIST_FIELDS}


@dataclass(frozen=True)
class Person:
    """One person: canonical names, readings, role, and the other names they go by.

    `name`, `aliases` and `weak_aliases` are Simplified (matching runs on the Simplified
    view); Latin aliases (English names) are kept as written.
    """

    id: str
    name: str
    traditional: str = ""
    pinyin: str = ""
    english: str = ""
    role: str = ""
    organisation: str = ""
    context: str = ""
    aliases: tuple[str, ...] = ()
    weak_aliases: tuple[str, ...] = ()
    strict: bool = False
    year: str = ""  # the year `role` held
    source: str = "directory"  # directory | user | detected
    origin: str = field(default="", compare=False)  # file:line it came from

    def name_in(self, traditional: bool) -> str:
        """The canonical name in one script."""
        if traditional:
            return self.traditional or convert(self.name, "s2t")
        return self.name

    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.weak_aliases)

    def to_toml(self) -> str:
        """This entry as a `[[person]]` table (for the user's file)."""
        lines = ["[[person]]", f"id = {toml_quote(self.id)}", f"name = {toml_quote(self.name)}"]
        for key in _TEXT_FIELDS:
            value = getattr(self, key)
            if value:
                lines.append(f"{key} = {toml_quote(value)}")
        for key in _LIST_FIELDS:
            values = getattr(self, key)
            if values:
                lines.append(f"{key} = [{', '.join(toml_quote(v) for v in values)}]")
        if self.year:
            lines.append(f"year = {toml_quote(self.year)}")
        if self.strict:
            lines.append("strict = true")
        return "\n".join(lines) + "\n"


def toml_quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


@dataclass
class DirectoryLoad:
    """What loading a directory file produced: the people, and one line per problem."""

    people: list[Person] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _blocks(text: str) -> list[tuple[int, str]]:
    """(first line number, text) of each `[[person]]` block; text before the first is skipped."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if _HEADER.match(line)]
    blocks = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body = "\n".join(lines[start + 1 : end])
        blocks.append((start + 1, body))
    return blocks


def simplified_name(value: str) -> str:
    """A name with blanks folded, in Simplified characters (Latin names as written)."""
    value = " ".join(value.split())
    return value if value.isascii() else convert(value, "t2s")


def parse_person(table: dict, origin: str, source: str = "directory") -> Person:
    """A `Person` from one parsed table; raises ValueError with a one-line reason."""
    unknown = sorted(set(table) - _KNOWN)
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r}")
    person_id = table.get("id")
    if not isinstance(person_id, str) or not _ID.match(person_id):
        raise ValueError("'id' must be lower-case letters, digits and '-' (e.g. \"tang-daosheng\")")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("'name' is missing or empty")
    values: dict = {}
    for key in _TEXT_FIELDS:
        value = table.get(key, "")
        if not isinstance(value, str):
            raise ValueError(f"{key!r} must be a string")
        values[key] = value.strip()
    for key in _LIST_FIELDS:
        items = table.get(key, [])
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise ValueError(f"{key!r} must be a list of strings")
        values[key] = tuple(dict.fromkeys(simplified_name(v) for v in items if v.strip()))
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise ValueError("'strict' must be true or false")
    year = table.get("year", "")
    if isinstance(year, bool) or not isinstance(year, (int, str)):
        raise ValueError("'year' must be a year (e.g. 2020) or a string")
    simplified = simplified_name(name)
    if len(simplified) < 2:
        raise ValueError("'name' needs at least two characters")
    return Person(id=person_id, name=simplified, strict=strict, year=str(year).strip(),
                  source=source, origin=origin, **values)


def load_directory(path: Path, source: str = "directory") -> DirectoryLoad:
    """Load one directory file; a missing file is an empty directory."""
    result = DirectoryLoad()
    text, problem = read_data_file(path)
    if problem is not None:
        result.problems.append(problem)
    seen: dict[str, str] = {}
    for line, body in _blocks(text):
        origin = f"{path.name}:{line}"
        try:
            table = loads_toml(body)
        except tomllib.TOMLDecodeError as exc:
            result.problems.append(f"{path}:{line}: entry skipped: {_toml_reason(exc, line)}")
            continue
        try:
            person = parse_person(table, origin, source)
        except ValueError as exc:
            result.problems.append(f"{path}:{line}: entry skipped: {exc}")
            continue
        if person.id in seen:
            result.problems.append(
                f"{path}:{line}: entry skipped: id {person.id!r} already used at {seen[person.id]}")
            continue
        seen[person.id] = origin
        result.people.append(person)
    return result


def _toml_reason(exc: tomllib.TOMLDecodeError, block_line: int) -> str:
    """The parser's message with the line number made absolute."""
    message = str(exc)
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if not found:
        return message
    absolute = block_line + int(found.group(1))
    return f"{message[:found.start()].strip()} (line {absolute}, column {found.group(2)})"


def load_directory_folder(path: Path, source: str = "directory") -> DirectoryLoad:
    """Every `*.toml` of a folder (or one file); `corpus.toml` loads last, and its entries
    with an id another file already has add their aliases to that entry."""
    from reader.core.datacache import cached

    path = Path(path)
    if not path.is_dir():
        return load_directory(path, source)
    files = sorted(path.glob("*.toml"), key=lambda p: (p.name == "corpus.toml", p.name))
    return cached(f"people-{source}", files, lambda: _load_files(files, source))


def _load_files(files: list[Path], source: str) -> DirectoryLoad:
    from dataclasses import replace

    result = DirectoryLoad()
    index: dict[str, int] = {}
    for file in files:
        loaded = load_directory(file, source)
        result.problems.extend(loaded.problems)
        for person in loaded.people:
            at = index.get(person.id)
            if at is None:
                index[person.id] = len(result.people)
                result.people.append(person)
                continue
            if file.name != "corpus.toml":
                result.problems.append(f"{file}: entry skipped: id {person.id!r} already used "
                                       f"at {result.people[at].origin}")
                continue
            known = result.people[at]
            result.people[at] = replace(
                known, aliases=tuple(dict.fromkeys((*known.aliases, *person.aliases))),
                weak_aliases=tuple(dict.fromkeys((*known.weak_aliases, *person.weak_aliases))))
    return result
