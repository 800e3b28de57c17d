"""The user's own people file: additions and corrections that override the bundled directory.

`people_user.toml` in the user data folder, written by the app (atomically) and editable
by hand:

    not_person = ["白羽"]            # never a person, in any article
    [aliases]                        # this name is that person (by id)
    "唐骏" = "tang-daosheng"
    [[person]]                       # people added by the user (same fields as assets/)
    id = "user:王小明"
    name = "王小明"

A malformed part is reported (file:line) and skipped; the rest still applies.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.atomic import write_text_atomic
from reader.core.datafile import read_data_file
from reader.core.people.directory import Person, load_directory, simplified_name, toml_quote

USER_FILE = "people_user.toml"
_HEADER = "# Your people: corrections and additions. Written by the app; you may edit it.\n"


@dataclass
class UserPeople:
    """The contents of the user's people file."""

    not_person: set[str] = field(default_factory=set)
    aliases: dict[str, str] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def to_toml(self) -> str:
        parts = [_HEADER]
        if self.not_person:
            parts.append("not_person = [" + ", ".join(toml_quote(n) for n in sorted(self.not_person))
                         + "]\n")
        if self.aliases:
            parts.append("\n[aliases]\n")
            parts.extend(f"{toml_quote(alias)} = {toml_quote(target)}\n"
                         for alias, target in sorted(self.aliases.items()))
        for person in self.people.values():
            parts.append("\n" + person.to_toml())
        return "".join(parts)


def load_user_people(path: Path) -> UserPeople:
    """Read the user's file; a missing file is empty."""
    result = UserPeople()
    text, problem = read_data_file(path)
    if problem is not None:
        result.problems.append(problem)
    if not text:
        return result
    preamble = text.split("\n[[person]]", 1)[0] if not text.startswith("[[person]]") else ""
    try:
        head = tomllib.loads(preamble)
    except tomllib.TOMLDecodeError as exc:
        result.problems.append(f"{path}: corrections skipped: {exc}")
        head = {}
    names = head.get("not_person", [])
    if isinstance(names, list) and all(isinstance(n, str) for n in names):
        result.not_person = {simplified_name(n) for n in names if n.strip()}
    else:
        result.problems.append(f"{path}: 'not_person' must be a list of names; skipped")
    aliases = head.get("aliases", {})
    if isinstance(aliases, dict) and all(isinstance(v, str) for v in aliases.values()):
        result.aliases = {simplified_name(k): v for k, v in aliases.items() if k.strip()}
    else:
        result.problems.append(f"{path}: [aliases] must map names to person ids; skipped")
    loaded = load_directory(path, source="user")
    result.people = {p.id: p for p in loaded.people}
    result.problems.extend(loaded.problems)
    return result


def save_user_people(path: Path, user: UserPeople) -> None:
    write_text_atomic(path, user.to_toml())
