"""The user's own people file: additions and corrections that override the bundled directory.

`people_user.toml` in the user data folder, written by the app and editable by hand:

    not_person = ["白羽"]            # never a person, in any article
    [aliases]                        # this name is that person (by id)
    "唐骏" = "tang-daosheng"
    [[person]]                       # people added by the user (same fields as assets/)
    id = "user:王小明"
    name = "王小明"

A malformed part is reported (file:line) and skipped; the rest still applies. Edits go
through `edit_user_people`: locked, re-read, malformed and untouched blocks kept verbatim.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.datafile import loads_toml, read_data_file, render_blocks, split_tables
from reader.core.people.directory import Person, parse_person, simplified_name, toml_quote
from reader.core.userfile import UserFileError, edit_text

USER_FILE = "people_user.toml"
_HEADER = "# Your people: corrections and additions. Written by the app; you may edit it.\n"
_PERSON = re.compile(r"^\s*\[\[\s*person\s*\]\]\s*(#.*)?$")


@dataclass
class UserPeople:
    """The contents of the user's people file (and its blocks, for rewriting)."""

    not_person: set[str] = field(default_factory=set)
    aliases: dict[str, str] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    preamble: str = ""
    preamble_ok: bool = True
    blocks: list[tuple[str | None, str]] = field(default_factory=list)

    def corrections_toml(self) -> str:
        parts = [_HEADER]
        if self.not_person:
            parts.append("not_person = [" + ", ".join(toml_quote(n) for n in sorted(self.not_person))
                         + "]\n")
        if self.aliases:
            parts.append("\n[aliases]\n")
            parts.extend(f"{toml_quote(alias)} = {toml_quote(target)}\n"
                         for alias, target in sorted(self.aliases.items()))
        return "".join(parts) + "\n"


def _parse_preamble(result: UserPeople, preamble: str, path: Path) -> None:
    try:
        head = tomllib.loads(preamble)
    except tomllib.TOMLDecodeError as exc:
        result.problems.append(f"{path}: corrections skipped: {exc}")
        result.preamble_ok = False
        return
    unknown = sorted(set(head) - {"not_person", "aliases"})
    if unknown:
        result.problems.append(f"{path}: unknown key {unknown[0]!r} ignored")
        result.preamble_ok = False
    names = head.get("not_person", [])
    if isinstance(names, list) and all(isinstance(n, str) for n in names):
        result.not_person = {simplified_name(n) for n in names if n.strip()}
    else:
        result.problems.append(f"{path}: 'not_person' must be a list of names; skipped")
        result.preamble_ok = False
    aliases = head.get("aliases", {})
    if isinstance(aliases, dict) and all(isinstance(v, str) for v in aliases.values()):
        result.aliases = {simplified_name(k): v for k, v in aliases.items() if k.strip()}
    else:
        result.problems.append(f"{path}: [aliases] must map names to person ids; skipped")
        result.preamble_ok = False


def _parse_block(result: UserPeople, block: str, line: int, path: Path) -> str | None:
    """Parse one [[person]] block into `result`; its id, or None when it was skipped."""
    try:
        tables = loads_toml(block).get("person")
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        reason = str(exc) if not found else (
            f"{str(exc)[:found.start()].strip()} (line {line + int(found.group(1)) - 1}, "
            f"column {found.group(2)})")
        result.problems.append(f"{path}:{line}: entry skipped: {reason}")
        return None
    if not isinstance(tables, list) or len(tables) != 1 or not isinstance(tables[0], dict):
        result.problems.append(f"{path}:{line}: entry skipped: malformed [[person]] table")
        return None
    try:
        person = parse_person(tables[0], f"{path.name}:{line}", "user")
    except ValueError as exc:
        result.problems.append(f"{path}:{line}: entry skipped: {exc}")
        return None
    if person.id in result.people:
        result.problems.append(f"{path}:{line}: entry skipped: id {person.id!r} already used "
                               f"at {result.people[person.id].origin}")
        return None
    result.people[person.id] = person
    return person.id


def parse_user_people(text: str, path: Path) -> UserPeople:
    """The user's file from its text."""
    result = UserPeople()
    preamble, blocks = split_tables(text, _PERSON)
    result.preamble = preamble
    _parse_preamble(result, preamble, path)
    for line, block in blocks:
        result.blocks.append((_parse_block(result, block, line, path), block))
    return result


def load_user_people(path: Path) -> UserPeople:
    """Read the user's file; a missing file is empty."""
    text, problem = read_data_file(path)
    result = parse_user_people(text, path)
    if problem is not None:
        result.problems.insert(0, problem)
    return result


def _render(old: UserPeople, new: UserPeople, path: Path) -> str:
    preamble = old.preamble if old.preamble.strip() else _HEADER + "\n"
    if (old.not_person, old.aliases) != (new.not_person, new.aliases):
        if not old.preamble_ok:
            raise UserFileError(f"{path}:1: the not_person/[aliases] part cannot be read; "
                                "fix it by hand first (nothing was changed)")
        preamble = new.corrections_toml()
    touched = {i for i in old.people.keys() | new.people.keys()
               if old.people.get(i) != new.people.get(i)}

    def render(person_id: str) -> str:
        person = new.people.get(person_id)
        return person.to_toml() + "\n" if person is not None else ""

    return render_blocks(preamble, old.blocks, touched, render)


def edit_user_people(path: Path, change: Callable[[UserPeople], object]
                     ) -> tuple[object, UserPeople]:
    """Apply `change` to the file as it is on disk now (locked); (its result, new contents).

    Raises `UserFileError` (one line) when the file cannot be changed safely.
    """
    outcome: list = []

    def rewrite(text: str) -> str:
        new = parse_user_people(text, path)
        outcome.append(change(new))
        return _render(parse_user_people(text, path), new, path)

    text = edit_text(path, rewrite)
    return outcome[0], parse_user_people(text, path)
